"""pytest's ini dialect, as its parser iniconfig reads it, without depending on iniconfig.

pytest does not read ``pytest.ini``, ``tox.ini`` or ``setup.cfg`` with
configparser, and the two disagree on what a file says: iniconfig keeps key
and section names case-sensitive (``Python_Classes`` is not
``python_classes``), drops a leading UTF-8 BOM, never strips inline comments
from values, skips comment and blank lines inside a continued value, and
refuses duplicate sections and keys. flake8's environment usually has no
pytest (pre-commit's and editors' do not), so this restates iniconfig 2.3's
rules instead of importing it.
"""

from __future__ import annotations

from collections.abc import Mapping

_COMMENT_CHARACTERS = "#;"
_UTF8_BOM = "\N{BYTE ORDER MARK}"


class IniSyntaxError(Exception):
    """A line iniconfig refuses; its text names the 1-based line."""

    def __init__(self, line_index: int, problem: str) -> None:
        super().__init__(f"line {line_index + 1}: {problem}")


def parse_ini(text: str) -> Mapping[str, Mapping[str, str]]:
    """Sections -> keys -> values, continuation lines joined with newlines."""
    sections: dict[str, dict[str, str]] = {}
    section: dict[str, str] | None = None
    key: str | None = None
    for index, line in enumerate(text.removeprefix(_UTF8_BOM).splitlines()):
        if line.lstrip()[:1] in tuple(_COMMENT_CHARACTERS):
            continue  # A comment line, even inside a continued value.
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("["):
            header = line
            for character in _COMMENT_CHARACTERS:
                header = header.split(character)[0].rstrip()
            if header.endswith("]"):
                name = header[1:-1]
                if not name:
                    raise IniSyntaxError(index, "empty section name")
                if name in sections:
                    raise IniSyntaxError(index, f"duplicate section {name!r}")
                section = sections[name] = {}
                key = None
                continue
            # An unclosed header is a continuation line to iniconfig.
            line = " " + line
        if line[0].isspace():
            if section is None or key is None:
                raise IniSyntaxError(index, "unexpected value continuation")
            value = line.strip()
            section[key] = f"{section[key]}\n{value}" if section[key] else value
            continue
        name, value = _split_assignment(index, line)
        if section is None:
            raise IniSyntaxError(index, "no section header defined")
        if name in section:
            raise IniSyntaxError(index, f"duplicate name {name!r}")
        section[name] = value
        key = name
    return sections


def _split_assignment(index: int, line: str) -> tuple[str, str]:
    """``key = value`` or ``key: value``; ``=`` wins unless a ``:`` comes before it."""
    name, equals, value = line.partition("=")
    if not equals or ":" in name:
        name, colon, value = line.partition(":")
        if not colon:
            raise IniSyntaxError(index, f"unexpected line: {line!r}")
    return name.strip(), value.strip()
