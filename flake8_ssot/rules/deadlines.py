"""Deadlines: an entry's ``removed-in`` against the project's version.

A deprecation without a date is the "fix later" that never gets fixed.
Once the project's version reaches an entry's ``removed-in``, its imports
are reported under the overdue code (SOT102, SOT202) instead: a code of
their own, so CI can select only the overdue ones, and so findings
accepted under the old code (``# noqa: SOT101``, a baseline) resurface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flake8_ssot.model.record import Record
from flake8_ssot.rules.base import Argument, MessageKind, Settings
from flake8_ssot.rules.module_entries import ModuleEntry, entry_text
from flake8_ssot.rules.project_options import PROJECT_VERSION
from flake8_ssot.rules.rule import Review

if TYPE_CHECKING:
    from packaging.version import Version

DUE = MessageKind(None, "removal-due", " (removal due in {removed_in})")
OVERDUE = MessageKind(
    None, "removal-overdue", " (removal was due in {removed_in}; the project is at {version})"
)


class Deadline(Record):
    """An entry's ``removed-in``, and the project's version once it has reached it."""

    __slots__ = ("removed_in", "reached_by")

    def __init__(self, removed_in: Version, reached_by: Version | None) -> None:
        self.removed_in = removed_in
        #: The project's version, when it is at or past ``removed_in``.
        self.reached_by = reached_by

    @property
    def text(self) -> Argument:
        """The message part naming the deadline (and the version past it)."""
        if self.reached_by is None:
            return DUE(removed_in=str(self.removed_in))
        return OVERDUE(removed_in=str(self.removed_in), version=str(self.reached_by))


def deadline(removed_in: Version | None, settings: Settings) -> Deadline | None:
    """The deadline of an entry with ``removed-in``; prereleases count (``2.1rc1`` is
    reached by ``2.1``, not by ``2.1.dev0``)."""
    if removed_in is None:
        return None
    version = settings[PROJECT_VERSION].current.version
    reached = version is not None and version >= removed_in
    return Deadline(removed_in, version if reached else None)


#: An entry's ``; reason TEXT``, at the end of its findings' messages.
REASON = MessageKind(None, "reason", " ({text})")


def reason_text(reason: str | None) -> Argument:
    """The reason's part of a message; nothing for an entry without one."""
    return "" if reason is None else REASON(text=reason)


def deadline_text(found: Deadline | None) -> Argument:
    """The deadline's part of a message; nothing for an entry without one."""
    return "" if found is None else found.text


def unreachable_deadlines(
    option: str, entries: dict[str, ModuleEntry], settings: Settings
) -> list[Review]:
    """A warning for each entry with ``removed-in`` while the project has no version:
    that deadline can never pass."""
    found = settings[PROJECT_VERSION].current
    if found.version is not None:
        return []
    return [
        Review(
            False,
            option,
            entry_text(entry),
            f"its removed-in {entry.removed_in} is never reached: no project version "
            f"({found.source})",
        )
        for entry in entries.values()
        if entry.removed_in is not None
    ]
