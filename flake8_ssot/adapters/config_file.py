"""Adding keys to the ``[flake8]`` section of a config file without touching the rest.

``init --write`` adds what it proposes to the file flake8 reads: every byte
already there stays as it is (comments, order, line ends, the encoding), the
new lines use the file's own line ends, and the file is replaced in one
rename (see :mod:`flake8_ssot.adapters.output_file`), so a reader never
sees half of it.
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Sequence
from pathlib import Path

_SECTION = re.compile(rb"^[ \t]*\[flake8\][ \t]*(?:[#;][^\r\n]*)?(?:\r\n|\r|\n|$)", re.MULTILINE)
_ANY_SECTION = re.compile(rb"^\[[^\]\r\n]*\]", re.MULTILINE)
#: A line that is neither blank nor a comment, with its line end.
_OPTION_LINE = re.compile(rb"^(?![ \t]*(?:[#;]|\r|\n|$))[^\r\n]*(?:\r\n|\r|\n|$)", re.MULTILINE)


def keys_in_section(path: Path) -> frozenset[str]:
    """The keys of the file's ``[flake8]`` section, dashes for underscores (as flake8
    reads both); none for a missing or unparsable file."""
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (UnicodeDecodeError, configparser.Error):
        return frozenset()
    if not parser.has_section("flake8"):
        return frozenset()
    return frozenset(key.replace("_", "-") for key in parser.options("flake8"))


def with_lines(data: bytes, lines: Sequence[str]) -> bytes:
    """``data`` with ``lines`` after the last option of its ``[flake8]`` section, or in a
    new section at the end of the file."""
    newline = b"\r\n" if b"\r\n" in data else b"\r" if b"\r" in data else b"\n"
    added = b"".join(line.encode("utf-8") + newline for line in lines)
    section = _SECTION.search(data)
    if section is None:
        separator = newline if data and not data.endswith((b"\n", b"\r")) else b""
        gap = newline if data else b""
        return data + separator + gap + b"[flake8]" + newline + added
    following = _ANY_SECTION.search(data, section.end())
    end = following.start() if following else len(data)
    # After the section's last option line: the comments and blank lines at its end
    # introduce the next section as often as they close this one.
    option_lines = list(_OPTION_LINE.finditer(data, section.end(), end))
    insert = option_lines[-1].end() if option_lines else section.end()
    before = data[:insert]
    if not before.endswith((b"\n", b"\r")):
        before += newline
    return before + added + data[insert:]
