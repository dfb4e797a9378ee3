"""Another module's text with its function bodies left out, for a cheaper parse.

A module summary (:mod:`flake8_ssot.model.bindings`) reads module-level
statements and class bodies; a function's body matters to it only where it
declares a name ``global``. Most of a large module's text is function
bodies, and parsing costs in proportion to the text (about as much as
flake8 spends parsing the linted files themselves, when a run reads a
project's base classes and facades). So the parser is given the text with
each function body replaced by ``...`` on the body's first line and empty
lines after it: line numbers stay as they were.

A body is left out only where the text makes its extent plain: a ``def``
line indented with spaces only, whose header ends on that line with ``:``
(or, in black's shape, on a later line ``):`` or ``) -> T:`` at the
``def``'s own indentation); the body runs to the first code line indented
no deeper than the ``def``, holds no ``global`` and an even number of each
kind of triple quote, and does not end with a backslash. A file with tabs
or form feeds in its indentation, a carriage return alone as a line break,
or an encoding other than UTF-8 or Latin-1 is given whole. A line inside a
string or brackets that the text scan took for the end of a body leaves the
rest of that string or bracket in the shortened text, which then does not
parse: the caller parses the whole text instead. The slow tests compare,
for every module of the standard library and site-packages, the summary
read from the shortened text with the summary of the whole parse.

One difference is accepted: a syntax error inside a function body is not
seen, so such a module is summarised instead of being unreadable.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Collection


class _ScanPatterns:
    """The text scan's patterns, compiled when a module is first read from its text: a
    run whose summaries all come from the cache compiles none of them."""

    __slots__ = (
        "def_keyword",
        "async_keyword",
        "header_end",
        "closing_line",
        "tab_indent",
        "lone_cr",
        "coding",
    )

    def __init__(
        self,
        def_keyword: re.Pattern[bytes],
        async_keyword: re.Pattern[bytes],
        header_end: re.Pattern[bytes],
        closing_line: re.Pattern[bytes],
        tab_indent: re.Pattern[bytes],
        lone_cr: re.Pattern[bytes],
        coding: re.Pattern[bytes],
    ) -> None:
        #: The keyword of a ``def`` (its line is checked to start with it, or ``async``).
        self.def_keyword = def_keyword
        self.async_keyword = async_keyword
        #: A header line that ends the header: code ending with ``:`` (a comment may follow).
        self.header_end = header_end
        #: Black's last header line of a multi-line signature: ``):`` or ``) -> T:``.
        self.closing_line = closing_line
        #: Indentation a scan by characters would misread, and a line break it does not see.
        self.tab_indent = tab_indent
        self.lone_cr = lone_cr
        #: A coding declaration on one of the first two lines (PEP 263).
        self.coding = coding


@functools.cache
def _scan() -> _ScanPatterns:
    return _ScanPatterns(
        def_keyword=re.compile(rb"def +[^ (\r\n]"),
        async_keyword=re.compile(rb"async +"),
        header_end=re.compile(rb"[^#\r\n]*:[ ]*(?:#[^\r\n]*)?(?:\r?\n|\Z)"),
        closing_line=re.compile(rb" *\)(?: *-> *[^:#\r\n]+)? *: *(?:#[^\r\n]*)?(?:\r?\n|\Z)"),
        tab_indent=re.compile(rb"(?:^|\n) *[\t\f]"),
        lone_cr=re.compile(rb"\r(?!\n)"),
        coding=re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE),
    )


_PLAIN_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf_8", "latin-1", "latin1", "latin_1", "iso-8859-1", "ascii", "us-ascii"}
)
#: Text whose strings and comments all close within it: code, then any number of
#: (a string, a comment, an escaped character) each followed by code. Each part starts
#: with a character no other part starts with, and a comment runs to the end of its
#: line, so the text is read one way only (a shorter comment would let a quote in it
#: open a string) and in linear time.
_CODE = rb"[^'\"#\\]*"
_QUOTED_OR_COMMENT = (
    rb"\\.|#[^\n]*(?![^\n])"
    + rb'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
    + rb"|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
    + rb'|"(?!"")[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    + rb"|'(?!'')[^'\\\n]*(?:\\.[^'\\\n]*)*'"
)
_QUOTED_OR_COMMENT_RE = re.compile(_QUOTED_OR_COMMENT, re.DOTALL)
_CLOSED_TEXT = re.compile(
    _CODE + rb"(?:(?:" + _QUOTED_OR_COMMENT + rb")" + _CODE + rb")*",
    re.DOTALL,
)
#: How far below a ``def`` line a multi-line header may close.
_HEADER_LINES = 60


def parse_without_function_bodies(source: bytes, filename: str) -> ast.Module | None:
    """The tree of ``source`` with its function bodies left out, checked; None when
    nothing could be left out or the check fails (parse the whole text then).

    The check: the shortened text parses, and each function whose body was
    left out is a function there, at its own line, with ``...`` as its only
    statement at the line it was put on. So each left-out body starts where
    Python starts a statement, and (its strings and comments closing within
    it) ends where the original text is outside any string; a body that
    ends inside brackets leaves a closing bracket that does not parse. A
    ``def`` that the text scan found inside a string (an example in a
    docstring) is not a function in that tree: the text is shortened once
    more with that one kept, and checked again.
    """
    kept: set[int] = set()
    for _ in range(2):  # once more without the "functions" that were not functions
        shortened = without_function_bodies(source, kept)
        if shortened is None:
            return None
        text, left_out = shortened
        try:
            tree = ast.parse(text, filename=filename)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        wrong = _not_left_out(tree, left_out)
        if not wrong:
            return tree
        kept.update(wrong)
    return None


def without_function_bodies(
    source: bytes, kept: Collection[int] = ()
) -> tuple[bytes, dict[int, int]] | None:
    """``source`` with every function body it can tell apart replaced by ``...``, and for
    each such function the line of its ``def`` and the line of its ``...``. The
    functions whose ``def`` is on a line in ``kept`` keep their bodies.

    None when nothing was left out, or when the text is not one a line scan
    can read safely (see the module docstring). The scan is a handful of
    regular-expression searches per function, not a loop over lines.
    """
    if not _plain_text(source):
        return None
    pieces: list[bytes] = []
    left_out: dict[int, int] = {}
    kept_up_to = position = counted = 0
    line = 1
    def_keyword, async_keyword = _scan().def_keyword, _scan().async_keyword
    while (match := def_keyword.search(source, position)) is not None:
        position = match.end()
        line_start = source.rfind(b"\n", 0, match.start()) + 1
        lead = source[line_start : match.start()]
        keyword = lead.lstrip(b" ")
        if keyword and not async_keyword.fullmatch(keyword):
            continue  # ``def`` inside a line: not a function's header
        indent = len(lead) - len(keyword)
        start = _header_end(source, line_start, indent)
        if start is None or start >= len(source):
            continue
        found_end = _dedent(indent).search(source, start - 1)
        end = len(source) if found_end is None else found_end.start() + 1
        line += source.count(b"\n", counted, line_start)
        counted = line_start
        body = source[start:end]
        if line in kept or not _may_leave_out(body):
            continue  # nested functions may still be left out
        def_line = line
        line += source.count(b"\n", line_start, start)
        counted = start
        left_out[def_line] = line
        pieces.append(source[kept_up_to:start])
        # As many line breaks (a carriage return comes only before a line feed here).
        line_break = b"\r\n" if b"\r" in body else b"\n"
        pieces.append(b" " * (indent + 1) + b"..." + line_break * body.count(b"\n"))
        kept_up_to = position = end
    if not pieces:
        return None
    pieces.append(source[kept_up_to:])
    return b"".join(pieces), left_out


def _not_left_out(tree: ast.Module, left_out: dict[int, int]) -> list[int]:
    """The ``def`` lines of ``left_out`` where ``tree`` has no function whose only statement
    is the ``...`` put in."""
    functions: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions[statement.lineno] = statement
        for field in ("body", "orelse", "finalbody"):
            pending.extend(getattr(statement, field, ()))
        for handler in getattr(statement, "handlers", ()):
            pending.extend(handler.body)
        for case in getattr(statement, "cases", ()):
            pending.extend(case.body)
    return [
        def_line
        for def_line, dots_line in left_out.items()
        if not _only_dots(functions.get(def_line), dots_line)
    ]


def _only_dots(function: ast.FunctionDef | ast.AsyncFunctionDef | None, line: int) -> bool:
    if function is None or len(function.body) != 1:
        return False
    only = function.body[0]
    return (
        isinstance(only, ast.Expr)
        and isinstance(only.value, ast.Constant)
        and only.value.value is Ellipsis
        and only.lineno == line
    )


def _plain_text(source: bytes) -> bool:
    """Spaces for indentation, CR only before LF, and UTF-8 or Latin-1 text (where no
    multi-byte character can hold a quote, newline or backslash)."""
    if (b"\t" in source or b"\f" in source) and _scan().tab_indent.search(source):
        return False
    if b"\r" in source and _scan().lone_cr.search(source):
        return False
    # The first two lines (a carriage return comes only before a line feed here),
    # without splitting the whole text into lines.
    second_line = source.find(b"\n") + 1
    head_end = source.find(b"\n", second_line) if second_line else -1
    head = source if head_end == -1 else source[: head_end + 1]
    declared = _scan().coding.search(head)
    return declared is None or declared.group(1).decode("ascii").lower() in _PLAIN_ENCODINGS


def _header_end(source: bytes, start: int, indent: int) -> int | None:
    """Where the body of the ``def`` at ``start`` begins (after its header's last line)."""
    ended = _scan().header_end.match(source, start)
    if ended is not None:
        return ended.end()
    line_start = source.find(b"\n", start) + 1
    for _ in range(_HEADER_LINES):
        if line_start == 0 or line_start >= len(source):
            return None
        closing = _scan().closing_line.match(source, line_start)
        if closing is not None and _indentation(source, line_start) == indent:
            return closing.end()
        line_end = source.find(b"\n", line_start)
        line = source[line_start : len(source) if line_end == -1 else line_end]
        if line.strip() and _indentation(source, line_start) <= indent:
            return None  # not black's shape: left as it is
        line_start = line_end + 1
    return None


@functools.cache
def _dedent(indent: int) -> re.Pattern[bytes]:
    """The first code line indented no deeper than ``indent``: where a body ends."""
    return re.compile(rb"\n {0,%d}[^ \r\n#]" % indent)


def _may_leave_out(body: bytes) -> bool:
    """A body with code, no ``global``, and every string and comment closed in it."""
    return (
        bool(body.strip())
        and b"global" not in body
        and not body.rstrip().endswith(b"\\")
        and _CLOSED_TEXT.fullmatch(body) is not None
    )


def code_only(text: bytes) -> bytes | None:
    """``text`` without its strings, comments and escapes (line continuations), when
    every string and comment in it closes within it; None otherwise."""
    if _CLOSED_TEXT.fullmatch(text) is None:
        return None
    return _QUOTED_OR_COMMENT_RE.sub(b"", text)


def _indentation(source: bytes, line_start: int) -> int:
    position = line_start
    while position < len(source) and source[position] == 0x20:
        position += 1
    return position - line_start
