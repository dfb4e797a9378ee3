"""Another module's text with its function bodies left out, for a cheaper parse.

A module summary (:mod:`flake8_ssot.bindings`) reads module-level
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

import functools
import re

#: The keyword of a ``def`` (its line is checked to start with it, or ``async``).
_DEF_KEYWORD = re.compile(rb"def +[^ (\r\n]")
_ASYNC = re.compile(rb"async +")
#: A header line that ends the header: code ending with ``:`` (a comment may follow).
_HEADER_END = re.compile(rb"[^#\r\n]*:[ ]*(?:#[^\r\n]*)?(?:\r?\n|\Z)")
#: Black's last header line of a multi-line signature: ``):`` or ``) -> T:``.
_CLOSING_LINE = re.compile(rb" *\)(?: *-> *[^:#\r\n]+)? *: *(?:#[^\r\n]*)?(?:\r?\n|\Z)")
#: Indentation a scan by characters would misread, and a line break it does not see.
_TAB_INDENT = re.compile(rb"(?:^|\n) *[\t\f]")
_LONE_CR = re.compile(rb"\r(?!\n)")
#: A coding declaration on one of the first two lines (PEP 263).
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
_PLAIN_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf_8", "latin-1", "latin1", "latin_1", "iso-8859-1", "ascii", "us-ascii"}
)
_LINE_BREAK = re.compile(rb"\r?\n")
#: How far below a ``def`` line a multi-line header may close.
_HEADER_LINES = 60


def without_function_bodies(source: bytes) -> bytes | None:
    """``source`` with every function body it can tell apart replaced by ``...``.

    None when nothing was left out, or when the text is not one a line scan
    can read safely (see the module docstring). The scan is a handful of
    regular-expression searches per function, not a loop over lines.
    """
    if not _plain_text(source):
        return None
    pieces: list[bytes] = []
    kept_up_to = position = 0
    while (match := _DEF_KEYWORD.search(source, position)) is not None:
        position = match.end()
        line_start = source.rfind(b"\n", 0, match.start()) + 1
        lead = source[line_start : match.start()]
        keyword = lead.lstrip(b" ")
        if keyword and not _ASYNC.fullmatch(keyword):
            continue  # ``def`` inside a line: not a function's header
        indent = len(lead) - len(keyword)
        start = _header_end(source, line_start, indent)
        if start is None or start >= len(source):
            continue
        found_end = _dedent(indent).search(source, start - 1)
        end = len(source) if found_end is None else found_end.start() + 1
        body = source[start:end]
        if not _may_leave_out(body):
            continue  # nested functions may still be left out
        pieces.append(source[kept_up_to:start])
        pieces.append(b" " * (indent + 1) + b"..." + b"".join(_LINE_BREAK.findall(body)))
        kept_up_to = position = end
    if not pieces:
        return None
    pieces.append(source[kept_up_to:])
    return b"".join(pieces)


def _plain_text(source: bytes) -> bool:
    """Spaces for indentation, CR only before LF, and UTF-8 or Latin-1 text (where no
    multi-byte character can hold a quote, newline or backslash)."""
    if (b"\t" in source or b"\f" in source) and _TAB_INDENT.search(source):
        return False
    if b"\r" in source and _LONE_CR.search(source):
        return False
    head = b"".join(source.splitlines(keepends=True)[:2])
    declared = _CODING.search(head)
    return declared is None or declared.group(1).decode("ascii").lower() in _PLAIN_ENCODINGS


def _header_end(source: bytes, start: int, indent: int) -> int | None:
    """Where the body of the ``def`` at ``start`` begins (after its header's last line)."""
    ended = _HEADER_END.match(source, start)
    if ended is not None:
        return ended.end()
    line_start = source.find(b"\n", start) + 1
    for _ in range(_HEADER_LINES):
        if line_start == 0 or line_start >= len(source):
            return None
        closing = _CLOSING_LINE.match(source, line_start)
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
    return (
        bool(body.strip())
        and b"global" not in body
        and body.count(b'"""') % 2 == 0
        and body.count(b"'''") % 2 == 0
        and not body.rstrip().endswith(b"\\")
    )


def _indentation(source: bytes, line_start: int) -> int:
    position = line_start
    while position < len(source) and source[position] == 0x20:
        position += 1
    return position - line_start
