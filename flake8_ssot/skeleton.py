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
or form feeds in its indentation, or an encoding other than UTF-8 or
Latin-1, is given whole. A line inside a string or brackets that the text
scan took for the end of a body leaves the rest of that string or bracket
in the shortened text, which then does not parse: the caller parses the
whole text instead. The slow tests compare, for every module of the
standard library and site-packages, the summary read from the shortened
text with the summary of the whole parse.

One difference is accepted: a syntax error inside a function body is not
seen, so such a module is summarised instead of being unreadable.
"""

from __future__ import annotations

import re

#: A ``def`` line indented with spaces only: its indentation is group 1.
_DEF_LINE = re.compile(rb"( *)(?:async +)?def +[^ (]")
#: A header line that ends the header: code ending with ``:`` (a comment may follow).
_HEADER_END = re.compile(rb"[^#]*:[ ]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)?\Z")
#: Black's last header line of a multi-line signature: ``):`` or ``) -> T:``.
_CLOSING_LINE = re.compile(rb" *\)(?: *-> *[^:#\r\n]+)? *: *(?:#[^\r\n]*)?(?:\r\n|\r|\n)?\Z")
#: Indentation a scan by characters would misread.
_TAB_INDENT = re.compile(rb"(?:^|[\r\n])[ ]*[\t\f]")
#: A coding declaration on one of the first two lines (PEP 263).
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.MULTILINE)
_PLAIN_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf_8", "latin-1", "latin1", "latin_1", "iso-8859-1", "ascii", "us-ascii"}
)
#: How far below a ``def`` line a multi-line header may close.
_HEADER_LINES = 60


def without_function_bodies(source: bytes) -> bytes | None:
    """``source`` with every function body it can tell apart replaced by ``...``.

    None when nothing was left out, or when the text is not one a line scan
    can read safely (see the module docstring).
    """
    if _TAB_INDENT.search(source) or not _plain_encoding(source):
        return None
    lines = source.splitlines(keepends=True)
    kept = list(lines)
    left_out = False
    index = 0
    while index < len(lines):
        match = _DEF_LINE.match(lines[index])
        if match is None:
            index += 1
            continue
        indent = len(match.group(1))
        header_end = _header_end(lines, index, indent)
        if header_end is None:
            index += 1
            continue
        start = end = header_end + 1
        while end < len(lines) and _inside(lines[end], indent):
            end += 1
        body = b"".join(lines[start:end])
        if not _may_leave_out(body):
            index += 1  # nested functions may still be left out
            continue
        kept[start] = b" " * (indent + 1) + b"..." + _ending(lines[start])
        for inner in range(start + 1, end):
            kept[inner] = _ending(lines[inner])
        left_out = True
        index = end
    return b"".join(kept) if left_out else None


def _plain_encoding(source: bytes) -> bool:
    """UTF-8 or Latin-1: no multi-byte character can hold a quote, newline or backslash."""
    head = b"".join(source.splitlines(keepends=True)[:2])
    declared = _CODING.search(head)
    return declared is None or declared.group(1).decode("ascii").lower() in _PLAIN_ENCODINGS


def _header_end(lines: list[bytes], index: int, indent: int) -> int | None:
    """The index of the line that ends the ``def`` header starting at ``index``, if plain."""
    if _HEADER_END.match(lines[index]):
        return index
    for later in range(index + 1, min(index + _HEADER_LINES, len(lines))):
        line = lines[later]
        if _CLOSING_LINE.match(line) and _indentation(line) == indent:
            return later
        if line.strip() and _indentation(line) <= indent:
            return None  # not black's shape: left as it is
    return None


def _inside(line: bytes, indent: int) -> bool:
    """Whether a line after a header still belongs to a body at ``indent``."""
    code = line.strip()
    return not code or code.startswith(b"#") or _indentation(line) > indent


def _may_leave_out(body: bytes) -> bool:
    return (
        bool(body.strip())
        and b"global" not in body
        and body.count(b'"""') % 2 == 0
        and body.count(b"'''") % 2 == 0
        and not body.rstrip().endswith(b"\\")
    )


def _indentation(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" "))


def _ending(line: bytes) -> bytes:
    """The line's own line break (none on a last line without one)."""
    return line[len(line.rstrip(b"\r\n")) :]
