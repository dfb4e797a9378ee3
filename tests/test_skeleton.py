"""Another module's text without its function bodies: what is left out, and what is kept."""

from __future__ import annotations

import ast
import textwrap

from flake8_ssot.bindings import summarise
from flake8_ssot.skeleton import without_function_bodies


def shortened(text: str) -> str | None:
    result = without_function_bodies(textwrap.dedent(text).encode("utf-8"))
    return None if result is None else result.decode("utf-8")


def test_bodies_are_left_out_and_line_numbers_kept() -> None:
    text = """\
        import os
        @decorator(
            option=1,
        )
        def helper(a, b=2):  # a comment
            '''Docstring.'''
            return a + b
        class Base:
            x = 1
            def method(
                self, value
            ) -> int:
                return value
            async def other(self): await os.fspath(self)
        """
    assert shortened(text) == textwrap.dedent(
        """\
        import os
        @decorator(
            option=1,
        )
        def helper(a, b=2):  # a comment
         ...

        class Base:
            x = 1
            def method(
                self, value
            ) -> int:
             ...
            async def other(self): await os.fspath(self)
        """
    )


def test_what_the_text_cannot_tell_is_kept_whole() -> None:
    # ``global`` rebinds a module name; a triple quote left open; a trailing backslash.
    assert shortened("def f():\n    global x\n    x = 1\n") is None
    # A body whose string the scan cannot see the end of stays; a ``def`` inside that
    # string loses its "body", the string's own text, which no summary reads.
    assert shortened('def f():\n    s = """\ndef g():\n    pass\n"""\n') == (
        'def f():\n    s = """\ndef g():\n ...\n"""\n'
    )
    assert shortened("def f():\n    return 1 + \\\n") is None
    # Tabs and form feeds in indentation, encodings with multi-byte characters.
    assert without_function_bodies(b"def f():\n\treturn 1\n") is None
    assert without_function_bodies(b"def f():\r    return 1\r") is None  # a lone CR
    assert without_function_bodies(b"# coding: shift_jis\ndef f():\n    return 1\n") is None
    assert without_function_bodies(b"# coding: latin-1\ndef f():\n    return 1\n") is not None


def test_crlf_and_a_last_line_without_a_break_are_kept() -> None:
    assert without_function_bodies(b"def f():\r\n    return 1\r\n    # c\r\nx = 1") == (
        b"def f():\r\n ...\r\n\r\nx = 1"
    )
    assert without_function_bodies(b"def f():\n    return 1") == b"def f():\n ..."


def test_a_body_end_misread_inside_a_string_does_not_parse() -> None:
    """The text scan takes a line of a string for the end of the body; what is left of
    the string then breaks the shortened text, and the caller parses the whole file."""
    text = 'def f():\n    # """\n    return """\nx = 1\n"""\n'
    ast.parse(text)
    skeleton = without_function_bodies(text.encode())
    assert skeleton is not None
    try:
        ast.parse(skeleton)
    except SyntaxError:
        pass
    else:
        raise AssertionError(skeleton)


def test_the_summary_is_the_whole_parse_s() -> None:
    text = textwrap.dedent(
        """\
        from .base import Base as _Base
        try:
            from fast import thing
        except ImportError:
            def thing():
                return None
        class Suite(_Base):
            __test__ = False
            @staticmethod
            def test_one():
                y = 1
                return y
        def rebinder():
            global thing
            thing = 2
        __all__ = ["Suite", "thing"]
        """
    ).encode()
    skeleton = without_function_bodies(text)
    assert skeleton is not None and len(skeleton) < len(text)
    whole = summarise(ast.parse(text), "pkg.mod", False, text)
    assert summarise(ast.parse(skeleton), "pkg.mod", False, text) == whole
