"""Parse the ``ssot-*`` options into frozen, validated configuration.

Every configuration mistake is found here, once per process, and reported as
a :class:`ConfigError` naming the option and the entry: a typo in a module
list must never silently turn a check off.
"""

from __future__ import annotations

import configparser
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from flake8_ssot.model.imports import is_dotted_name
from flake8_ssot.model.project import is_directory
from flake8_ssot.model.summary_cache import OFF, user_cache_directory
from flake8_ssot.options import (
    ALL_OPTIONS,
    CACHE_DIR_OPTION,
    CANONICAL_OPTION,
    COMPAT_OPTION,
    DEPRECATED_OPTION,
    LEGACY_OPTION,
    PYTEST_VERSION_OPTION,
    SOURCE_ROOTS_OPTION,
)

if TYPE_CHECKING:
    from packaging.version import Version

# A compat pattern: dotted-name characters, fnmatch wildcards and [...] sets.
_COMPAT_PATTERN_RE = re.compile(r"^(?:[A-Za-z0-9_.*?]|\[!?[A-Za-z0-9_-]+\])+$")
_ENTRY_SEPARATORS_RE = re.compile(r"[\n,]")


class ConfigError(Exception):
    """A malformed ``ssot-*`` option entry; its text is the one line users see."""

    def __init__(self, option: str, entry: str, problem: str) -> None:
        super().__init__(f"flake8-ssot: {option}: entry {entry!r}: {problem}")


class UnknownOptionError(ConfigError):
    """An ``ssot-*`` key that flake8 would silently ignore, switching a check off."""

    def __init__(self, config_file: Path, key: str) -> None:
        import difflib  # only on this error: its import costs more than a file's checks

        close = difflib.get_close_matches(key.replace("_", "-"), ALL_OPTIONS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        Exception.__init__(
            self, f"flake8-ssot: {config_file}: unknown option '{key}' in [flake8]{hint}"
        )


class ModuleEntry(NamedTuple):
    """One line of ``ssot-deprecated-modules`` or ``ssot-legacy-modules``."""

    module: str
    replacement: str | None
    removed_in: Version | None


class SsotConfig(NamedTuple):
    """Everything the checks need to know about the project's migration."""

    deprecated: Mapping[str, ModuleEntry]
    legacy: Mapping[str, ModuleEntry]
    compat_patterns: tuple[str, ...]
    source_roots: tuple[Path, ...]
    #: Each registered canonical name -> the dotted module that is its home.
    canonical_homes: Mapping[str, str]


def split_entries(raw: str) -> list[str]:
    """Entries of a list option: one per line, or comma-separated on the command line.

    flake8 hands multi-line options over as one raw string. Module entries
    cannot contain commas (dotted names and PEP 440 versions have none), so
    commas are accepted as separators too, for ``--ssot-...`` flags.
    """
    entries = []
    for line in _ENTRY_SEPARATORS_RE.split(raw):
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries


def identifier_text(text: str) -> str:
    """Names as Python reads them: it normalises identifiers to NFKC.

    ``ｐkg.old`` in the config is the module that ``import pkg.old`` (or
    ``import ｐkg.old``) imports, so the entry must match it.
    """
    return unicodedata.normalize("NFKC", text.strip())


def parse_module_entry(option: str, entry: str) -> ModuleEntry:
    """Parse ``OLD [= NEW] [; removed-in VERSION]``."""
    head, *clauses = entry.split(";")
    old, equals, new = head.partition("=")
    old, new = identifier_text(old), identifier_text(new)
    if not is_dotted_name(old):
        raise ConfigError(option, entry, f"{old!r} is not a dotted module name")
    replacement: str | None = None
    if equals:
        if not is_dotted_name(new):
            raise ConfigError(option, entry, f"replacement {new!r} is not a dotted module name")
        if new == old:
            raise ConfigError(option, entry, "a module cannot replace itself")
        replacement = new
    removed_in: Version | None = None
    for clause in clauses:
        key, _, value = clause.strip().partition(" ")
        if key != "removed-in":
            raise ConfigError(option, entry, f"unknown key {key!r} (expected 'removed-in VERSION')")
        if removed_in is not None:
            raise ConfigError(option, entry, "'removed-in' is given twice")
        removed_in = _pep440(value.strip())
        if removed_in is None:
            raise ConfigError(option, entry, f"{value.strip()!r} is not a PEP 440 version")
    return ModuleEntry(old, replacement, removed_in)


def parse_module_list(option: str, raw: str) -> dict[str, ModuleEntry]:
    """Parse a whole module list option, refusing a module listed twice."""
    entries: dict[str, ModuleEntry] = {}
    for text in split_entries(raw):
        parsed = parse_module_entry(option, text)
        if parsed.module in entries:
            raise ConfigError(option, text, f"{parsed.module!r} is listed twice")
        entries[parsed.module] = parsed
    return entries


def parse_canonical_symbols(raw: str) -> dict[str, str]:
    """``package.module:Name`` entries; a name may have one home only."""
    homes: dict[str, str] = {}
    for entry in split_entries(raw):
        module, colon, name = (identifier_text(part) for part in entry.partition(":"))
        if not colon:
            raise ConfigError(CANONICAL_OPTION, entry, "expected 'package.module:Name'")
        if not is_dotted_name(module):
            raise ConfigError(CANONICAL_OPTION, entry, f"{module!r} is not a dotted module name")
        if not is_dotted_name(name) or "." in name:
            raise ConfigError(CANONICAL_OPTION, entry, f"{name!r} is not a name")
        if name in homes:
            raise ConfigError(
                CANONICAL_OPTION, entry, f"{name!r} already has a home: {homes[name]}"
            )
        homes[name] = module
    return homes


#: The spellings flake8 reads from a config file: dashes, or underscores throughout.
_ACCEPTED_KEYS = frozenset(
    spelling for option in ALL_OPTIONS for spelling in (option, option.replace("-", "_"))
)


def check_option_names(config_file: Path) -> None:
    """Refuse a misspelled ``ssot-*`` key in the ``[flake8]`` section flake8 reads.

    flake8 ignores unknown keys, so ``ssot-deprecated-module =`` (no "s")
    would otherwise turn SOT101 off without a word.
    """
    parser = configparser.RawConfigParser()
    try:
        parser.read(config_file, encoding="utf-8")
    except (UnicodeDecodeError, configparser.Error):
        return  # flake8 reports its own config file's problems.
    if not parser.has_section("flake8"):
        return
    for key in parser.options("flake8"):
        if key.replace("_", "-").startswith("ssot-") and key not in _ACCEPTED_KEYS:
            raise UnknownOptionError(config_file, key)


def refuse_overlap(
    deprecated: Mapping[str, ModuleEntry], legacy: Mapping[str, ModuleEntry]
) -> None:
    """A module is either deprecated (exact) or legacy (subtree), never both."""
    for module in legacy:
        if module in deprecated:
            raise ConfigError(
                LEGACY_OPTION, module, f"'{module}' is also listed in {DEPRECATED_OPTION}"
            )


def parse_compat_patterns(patterns: Iterable[str]) -> tuple[str, ...]:
    """Validate fnmatch patterns over dotted module names."""
    checked = []
    for pattern in patterns:
        pattern = identifier_text(pattern)
        if not pattern:
            continue
        if not _COMPAT_PATTERN_RE.match(pattern):
            raise ConfigError(
                COMPAT_OPTION,
                pattern,
                "a pattern holds dotted-name characters, * ? and [...] sets only",
            )
        checked.append(pattern)
    return tuple(checked)


def parse_pytest_version(raw: str, known: Iterable[int]) -> int:
    """The pytest major version whose reading of config files SOT401-SOT404 follow."""
    versions = {str(version): version for version in known}
    value = raw.strip()
    if value not in versions:
        raise ConfigError(PYTEST_VERSION_OPTION, value, f"expected one of {', '.join(versions)}")
    return versions[value]


def parse_source_roots(roots: Iterable[str], config_dir: Path) -> tuple[Path, ...]:
    """Absolute source roots; relative entries are read from the config file's directory."""
    resolved = []
    for root in roots:
        root = root.strip()
        if not root:
            continue
        path = Path(os.path.abspath(config_dir / root))
        if not is_directory(path):  # never raises, a name too long for the system included
            raise ConfigError(SOURCE_ROOTS_OPTION, root, f"{path} is not a directory")
        resolved.append(path)
    return tuple(resolved)


def parse_cache_dir(value: str, config_dir: Path) -> Path | None:
    """The directory of the summary cache; None when it is off (or there is no home).

    ``~`` is the user's home, as in a shell. A directory that does not exist
    yet is made when the first summary is kept; one that cannot be made
    only turns the cache off (a cache is never a reason to stop linting),
    but a path that exists and is no directory is a mistake to point out.
    """
    value = value.strip()
    if value.lower() == OFF:
        return None
    if not value:
        return user_cache_directory()
    if "\0" in value:
        raise ConfigError(CACHE_DIR_OPTION, value, "a path cannot hold a NUL character")
    path = Path(os.path.abspath(config_dir / os.path.expanduser(value)))
    if os.path.lexists(path) and not is_directory(path):
        raise ConfigError(CACHE_DIR_OPTION, value, f"{path} is not a directory")
    return path


def default_source_roots(config_dir: Path) -> tuple[Path, ...]:
    """The config file's directory, plus its ``src/`` when there is one."""
    src = config_dir / "src"
    return (config_dir, src) if is_directory(src) else (config_dir,)


def _pep440(text: str) -> Version | None:
    """``text`` as a PEP 440 version; None if it is not one."""
    # Imported for the entries that need it: its import costs more than a file's checks.
    from packaging import version

    try:
        return version.Version(text)
    except version.InvalidVersion:
        return None
