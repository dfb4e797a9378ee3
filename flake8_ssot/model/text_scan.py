"""Cheap tests on a module's text that spare a parse, or a walk of its tree.

Most questions the checks ask of a file have the answer "no" in most files,
and the text says so for a fraction of the cost of the tree: no ``global``
on a function's lines means its body declares nothing; no ``Q`` as a word
means no use of ``Q`` to look for; an ``__all__`` that one plain statement
declares decides what a star import binds without parsing the module. A
text test only ever rules something out (or finds the lines to look at);
what is there is read from the tree.

Two kinds of text are scanned: ``str``, the linted file as flake8 gives
it, and ``bytes``, what a module summary is made from (another module's
file is scanned as it was read: decoding it would cost more than the scan).
"""

from __future__ import annotations

import ast
import functools
import re
import unicodedata
from bisect import bisect_left

from flake8_ssot.model.skeleton import code_only

#: Line ends as the tokenizer counts them (str.splitlines also splits on \f and others).
NEWLINE_RE = re.compile(r"\r\n|\r|\n")


@functools.lru_cache(maxsize=1)  # the checks of one file ask in turn: normalised once
def searchable_text(source: str) -> str:
    """The source as the parser reads its identifiers, for cheap text tests.

    Python normalises identifiers to NFKC, so ``importlib.ｉmport_module``
    calls ``import_module``; a text test on the raw source would miss it.
    Normalisation keeps line breaks, so line numbers stay valid. ASCII
    sources (nearly all) are returned as they are, at no cost.
    """
    return source if source.isascii() else unicodedata.normalize("NFKC", source)


def spans_a_line(lines: list[int], start: int, end: int | None) -> bool:
    """Whether one of ``lines`` (sorted) lies within a node's lines."""
    index = bisect_left(lines, start)
    return index < len(lines) and lines[index] <= (end or start)


def lines_holding(text: str, markers: list[str]) -> list[int]:
    """The numbers (1-based, sorted) of the lines of ``text`` that hold one of ``markers``.

    Finds the markers and counts line ends up to each one, rather than
    splitting the text into lines: ten times faster on files that hold one.
    """
    positions = sorted(position for marker in markers for position in _occurrences(text, marker))
    return line_numbers(text, positions)


def line_numbers(text: str, positions: list[int]) -> list[int]:
    """The numbers (1-based, sorted, each once) of the lines that hold ``positions`` (sorted).

    Line ends are counted as the tokenizer counts them (not \\f or \\v).
    """
    counts_cr = "\r" in text
    lines: list[int] = []
    line, counted_to = 1, 0
    for position in positions:
        if counts_cr:
            line += len(NEWLINE_RE.findall(text, counted_to, position))
        else:
            line += text.count("\n", counted_to, position)
        counted_to = position
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def word_positions(text: str, word: str) -> list[int]:
    """Where ``word`` occurs in ``text`` as a whole word (``Q``, not the one in ``QuerySet``).

    ``str.find`` finds each occurrence (a regex scan costs ten times as
    much); the characters around it are checked after.
    """
    found = []
    for start in _occurrences(text, word):
        end = start + len(word)
        if not (start and _is_word_character(text[start - 1])) and not (
            end < len(text) and _is_word_character(text[end])
        ):
            found.append(start)
    return found


def _is_word_character(character: str) -> bool:
    """What ``\\w`` matches in a regular expression over text."""
    return character.isalnum() or character == "_"


def _occurrences(text: str, marker: str) -> list[int]:
    positions: list[int] = []
    position = text.find(marker)
    while position != -1:
        positions.append(position)
        position = text.find(marker, position + 1)
    return positions


#: The keyword ``global`` in text (not ``global_settings`` or ``globals()``); a
#: match preceded by a name character (``xglobal y``) is not the keyword either.
_GLOBAL_STATEMENT = re.compile(rb"global[ \t\f\\\r\n]")
#: The ASCII bytes of a Python name.
_ASCII_NAME = frozenset(b"_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NAME_BYTES = _ASCII_NAME | frozenset(b".")
#: Bytes that continue a name (a word boundary is not between one of them and a letter).
_NAME_BYTE_VALUES = _ASCII_NAME | frozenset(range(0x80, 0x100))


#: What writes a module's own namespace other than by binding statements: a call of
#: ``globals()``, ``locals()`` or ``vars()``, ``exec(...)``, the module object from
#: ``sys.modules[__name__]``, or an item of a frame's or function's globals or of
#: ``__builtins__`` assigned, deleted or updated. A mention in a comment, or a read
#: (``sys._getframe(1).f_globals['__name__']``, common in libraries), does not count.
_GLOBALS_ITEM_WRITE = (
    rb"\s*(?:\[[^\]\r\n]*\]\s*(?:=(?!=)|[-+*/%&|^@]=|<<=|>>=|//=|\*\*=)"
    rb"|\.\s*(?:update|setdefault|pop|popitem|clear|__setitem__|__delitem__)\s*\()"
)
#: Each form's word, and its pattern starting with that word. The words are looked
#: for first (a substring search is several times cheaper than a regex scan), and a
#: pattern runs only over a text that holds its word; one pattern of alternatives
#: starting with ``\b`` cost a third of summarising a module.
_NAMESPACE_WRITES = tuple(
    (word, re.compile(pattern))
    for word, pattern in (
        (b"globals", rb"globals\s*\(\s*\)"),
        (b"locals", rb"locals\s*\(\s*\)"),
        (b"vars", rb"vars\s*\(\s*\)"),
        (b"exec", rb"exec\s*\("),
        (b"modules", rb"modules\s*(?:\[|\.\s*get\s*\()\s*__(?:name|spec)__"),
        (b"f_globals", rb"f_globals" + _GLOBALS_ITEM_WRITE),
        (b"__globals__", rb"__globals__" + _GLOBALS_ITEM_WRITE),
        (b"__builtins__", rb"__builtins__" + _GLOBALS_ITEM_WRITE),
        (b"globals", rb"del\b[^\r\n#]*\b(?:f_globals|__globals__)\s*\["),
        (b"__builtins__", rb"del\b[^\r\n#]*\b__builtins__\s*\["),
    )
)


def may_write_namespace(source: bytes) -> bool:
    """Whether the module's text may write its own namespace at run time (a comment or
    string that names one of those is taken for one: the answer only makes its names
    less certain)."""
    for word, pattern in _NAMESPACE_WRITES:
        if word not in source:
            continue
        position = 0
        while (found := pattern.search(source, position)) is not None:
            start = found.start()
            # A word of its own: ``myglobals()`` is no call of ``globals``.
            if start == 0 or source[start - 1] not in _NAME_BYTE_VALUES:
                return True
            position = start + 1
    return False


def global_statement_lines(source: bytes) -> list[int]:
    """The 1-based numbers of the lines (as Python counts them) that may hold a ``global``
    statement: the word ``global`` followed by a space or a line break."""
    lines: list[int] = []
    line, counted = 1, 0
    for match in _GLOBAL_STATEMENT.finditer(source):
        if match.start() and source[match.start() - 1] in _NAME_BYTES:
            continue
        between = source[counted : match.start()]
        line += between.count(b"\n") + between.count(b"\r") - between.count(b"\r\n")
        counted = match.start()
        lines.append(line)
    return lines


#: Bytes that make ``__all__`` beside them part of a longer name or the string ``"__all__"``.
_NOT_ALONE = _NAME_BYTE_VALUES | frozenset(b"'\"")
_ALL_LITERAL_START = re.compile(rb"__all__[ \t]*=[ \t]*([\[(])")
_REST_OF_LINE = re.compile(rb"[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n|$)")


def all_from_text(source: bytes) -> tuple[str, ...] | None:
    """A module's ``__all__`` read from its text alone, when one plain statement declares it.

    That is: the word occurs once, outside quotes, at the start of a line
    (module level, unconditional) and after an even number of triple
    quotes (not inside a docstring), as ``__all__ = [...]`` or ``(...)``
    of string literals ending its line. Anything else (``+=``, a second
    assignment, a branch, a call) is None: the module must be parsed.
    Deciding a star import from this costs a text scan instead of a parse.
    """
    words = _words(source, b"__all__")
    if len(words) != 1:
        return None
    start = words[0]
    if start and source[start - 1 : start] not in (b"\n", b"\r"):
        return None
    declaration = _ALL_LITERAL_START.match(source, start)
    if declaration is None or not _starts_a_statement(source[:start]):
        return None
    closing = b"]" if declaration.group(1) == b"[" else b")"
    end = source.find(closing, declaration.end())
    while end != -1:
        literal = source[declaration.start(1) : end + 1]
        try:
            value = ast.literal_eval(literal.decode("utf-8"))
        except (SyntaxError, ValueError, UnicodeDecodeError, MemoryError, RecursionError):
            end = source.find(closing, end + 1)
            continue
        if not _REST_OF_LINE.match(source, end + 1):
            return None  # ``__all__ = [...] + other``: more than a literal
        if isinstance(value, (list, tuple)) and all(isinstance(name, str) for name in value):
            return tuple(value)
        return None
    return None


def holds_word(source: bytes, word: bytes) -> bool:
    """Whether ``word`` occurs in ``source`` not inside a longer ASCII name (quoted or not)."""
    return bool(_words(source, word, _ASCII_NAME))


def _starts_a_statement(prefix: bytes) -> bool:
    """Whether the line after ``prefix`` starts a module-level statement: ``prefix``
    ends outside any string or comment (a comment's quotes do not open one), outside
    brackets, and not with a backslash that continues its last line."""
    if prefix.rstrip(b"\r\n").endswith(b"\\"):
        return False
    code = code_only(prefix)
    return code is not None and sum(map(code.count, (b"(", b"[", b"{"))) == sum(
        map(code.count, (b")", b"]", b"}"))
    )


def _words(source: bytes, word: bytes, not_alone: frozenset[int] = _NOT_ALONE) -> list[int]:
    """Where ``word`` occurs on its own: with none of ``not_alone`` right beside it (by
    default, not inside a longer name and not quoted)."""
    found = []
    start = source.find(word)
    while start != -1:
        end = start + len(word)
        if not (
            (start and source[start - 1] in not_alone)
            or (end < len(source) and source[end] in not_alone)
        ):
            found.append(start)
        start = source.find(word, end)
    return found
