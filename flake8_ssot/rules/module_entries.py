"""The entry grammar of the module lists: ``OLD [= NEW] [; removed-in VERSION]``.

Deprecated and legacy modules share it; every mistake in an entry is a
:class:`ConfigError` naming the option and the entry, never a silently
ignored line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from flake8_ssot.model.imports import is_dotted_name
from flake8_ssot.model.project_version import pep440
from flake8_ssot.model.record import Record
from flake8_ssot.rules.base import (
    REASON_CLAUSE,
    ConfigError,
    RawValue,
    identifier_text,
    split_entries,
)
from flake8_ssot.rules.rule import Target

if TYPE_CHECKING:
    from packaging.version import Version

#: One entry of the module lists, as the README and ``--help`` write it.
ENTRY_FORM = "OLD [= NEW] [; removed-in VERSION] [; reason TEXT]"
MODULE_ENTRY = f"one `{ENTRY_FORM}` per line"


class ModuleEntry(Record):
    """One line of ``ssot-deprecated-modules`` or ``ssot-legacy-modules``."""

    __slots__ = ("module", "replacement", "removed_in", "reason")

    def __init__(
        self,
        module: str,
        replacement: str | None,
        removed_in: Version | None,
        reason: str | None = None,
    ) -> None:
        self.module = module
        self.replacement = replacement
        self.removed_in = removed_in
        #: Free text the team wrote for its users ("see JIRA-123"), shown after the message.
        self.reason = reason


def parse_module_entry(option: str, entry: str) -> ModuleEntry:
    """Parse ``OLD [= NEW] [; removed-in VERSION] [; reason TEXT]`` (the reason last, kept
    whole)."""
    found = REASON_CLAUSE.search(entry)
    reason = entry[found.end() :].strip() if found else None
    if found and not reason:
        raise ConfigError(option, entry, "'reason' needs a text")
    head, *clauses = (entry[: found.start()] if found else entry).split(";")
    old, equals, new = head.partition("=")
    old, new = identifier_text(old), identifier_text(new)
    if not is_dotted_name(old):
        raise ConfigError(
            option, entry, f"{old!r} is not a dotted module name (expected `{ENTRY_FORM}`)"
        )
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
            raise ConfigError(
                option,
                entry,
                f"unknown key {key!r} (expected 'removed-in VERSION' or 'reason TEXT', last)",
            )
        if removed_in is not None:
            raise ConfigError(option, entry, "'removed-in' is given twice")
        removed_in = pep440(value.strip())
        if removed_in is None:
            raise ConfigError(option, entry, f"{value.strip()!r} is not a PEP 440 version")
    return ModuleEntry(old, replacement, removed_in, reason)


def parse_module_list(option: str, raw: RawValue) -> dict[str, ModuleEntry]:
    """Parse a whole module list option, refusing a module listed twice."""
    entries: dict[str, ModuleEntry] = {}
    for text in split_entries(raw):
        parsed = parse_module_entry(option, text)
        if parsed.module in entries:
            raise ConfigError(option, text, f"{parsed.module!r} is listed twice")
        entries[parsed.module] = parsed
    return entries


def replacement_targets(option: str, entries: Mapping[str, ModuleEntry]) -> list[Target]:
    """Each configured replacement of a module list: where users (and ``fix``) are sent."""
    return [
        Target(option, f"{entry.module} = {entry.replacement}", "replacement", entry.replacement)
        for entry in entries.values()
        if entry.replacement
    ]


def entry_modules(option: str, entries: Mapping[str, ModuleEntry], role: str) -> list[Target]:
    """Each module a module list names as the one to move away from."""
    return [Target(option, entry_text(entry), role, entry.module) for entry in entries.values()]


def entry_text(entry: ModuleEntry) -> str:
    return f"{entry.module} = {entry.replacement}" if entry.replacement else entry.module
