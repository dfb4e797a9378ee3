"""Another module's text without its function bodies: what is left out, and what is kept."""

from __future__ import annotations

import ast
import textwrap

import pytest

from flake8_ssot.model.bindings import summarise
from flake8_ssot.model.skeleton import parse_without_function_bodies, without_function_bodies


def shortened(text: str) -> str | None:
    result = without_function_bodies(textwrap.dedent(text).encode("utf-8"))
    return None if result is None else result[0].decode("utf-8")


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
    # ``global`` rebinds a module name; a string left open; a trailing backslash.
    assert shortened("def f():\n    global x\n    x = 1\n") is None
    assert shortened('def f():\n    s = """\n') is None
    assert shortened("def f():\n    return 1 + \\\n") is None
    # Tabs and form feeds in indentation, encodings with multi-byte characters.
    assert without_function_bodies(b"def f():\n\treturn 1\n") is None
    assert without_function_bodies(b"def f():\r    return 1\r") is None  # a lone CR
    assert without_function_bodies(b"# coding: shift_jis\ndef f():\n    return 1\n") is None
    assert without_function_bodies(b"# coding: latin-1\ndef f():\n    return 1\n") is not None


#: Modules where a text scan is easily fooled: strings holding quotes of the other
#: kind, comments holding quotes, ``def`` lines inside strings (found by a hostile review).
FOOLING = [
    'def f():\n    x = \'"""\'\n    y = """\n"""\nimport os  # """\n',
    'def f():\n    # """\n    s = """\nimport os\n"""\n    return s  # """\n',
    'def f():\n    return line.startswith(\'"""\') and """\nimport os\n"""\n'
    'def g(): return 1  # """\n',
    "def f():\n    \"\"\"Use ''' here.\"\"\"\n    s = '''\nimport os\n'''\n    return s\n",
    'X = ["\\\ndef f(): #",\n    Y := 1,\n]\n',
    'X = """\ndef f():\n    """; import os; Z = """\n"""\n',
    'def f():\r\n    x = \'"""\'\r\n    y = """\r\n"""\r\nimport os  # """\r\n',
    "def f(x=(Y := 1)):\n    return x\n",
    "def f(\n    x: int = (Y := 1),\n):\n    return x\n",
    'def f():\n    s = """\ndef g():\n    pass\n"""\n    return s\n',
]


@pytest.mark.parametrize("text", FOOLING)
def test_the_tree_used_is_the_whole_parse_s_or_none(text: str) -> None:
    """Either the shortened tree is not used, or its summary is the whole parse's."""
    source = text.encode("utf-8")
    whole = summarise(ast.parse(source), "pkg.mod", False, source)
    tree = parse_without_function_bodies(source, "mod.py")
    if tree is not None:
        assert summarise(tree, "pkg.mod", False, source) == whole


def test_crlf_and_a_last_line_without_a_break_are_kept() -> None:
    assert without_function_bodies(b"def f():\r\n    return 1\r\n    # c\r\nx = 1") == (
        b"def f():\r\n ...\r\n\r\nx = 1",
        {1: 2},
    )
    assert without_function_bodies(b"def f():\n    return 1") == (b"def f():\n ...", {1: 2})


def test_a_def_the_scan_found_inside_a_string_is_not_used() -> None:
    """The shortened text parses, but the "function" is part of a string there: the
    check of the tree refuses it, and the caller parses the whole file."""
    source = b'X = """\ndef f():\n    """; import os; Z = """\n"""\n'
    assert without_function_bodies(source) is not None
    assert parse_without_function_bodies(source, "mod.py") is None


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
    shortened = without_function_bodies(text)
    assert shortened is not None and len(shortened[0]) < len(text)
    tree = parse_without_function_bodies(text, "mod.py")
    assert tree is not None
    assert summarise(tree, "pkg.mod", False, text) == summarise(
        ast.parse(text), "pkg.mod", False, text
    )
