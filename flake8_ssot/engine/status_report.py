"""``flake8-ssot status``'s report: the migration at a glance, counted from the findings.

The command collects what flake8 reports; this module only counts and
renders it (text for a terminal, JSON for tools, markdown for a CI job
summary), so every format says the same thing. Imports that fail at run
time, or get a fallback value, come first: they are bugs today, not debt.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from flake8_ssot.model.record import Record
from flake8_ssot.rules.base import Diagnostic

#: The format of ``--format json`` (and of a ``--history`` line's counts).
FORMAT = 1
#: How many files "top files" lists.
TOP_FILES = 10


class StatusFinding(Record):
    """One reported finding, as status counts it."""

    __slots__ = ("code", "path", "line", "col", "text", "entries", "baselined", "fixable", "broken")

    def __init__(
        self,
        diagnostic: Diagnostic,
        path: str,
        *,
        baselined: bool,
        fixable: bool,
    ) -> None:
        self.code = diagnostic.code
        self.path = path
        self.line = diagnostic.line
        self.col = diagnostic.col + 1
        self.text = diagnostic.text
        #: The configured entries it is about: a subject of several parts starts with them.
        self.entries = (
            tuple(diagnostic.subject[0].split(", ")) if len(diagnostic.subject) > 1 else ()
        )
        #: Recorded in the baseline: flake8 does not report it.
        self.baselined = baselined
        #: ``flake8-ssot fix`` rewrites all of it.
        self.fixable = fixable
        #: The import does not get what it names today: it fails, or gets a fallback.
        self.broken = any(message.broken for message in diagnostic.messages)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class EntryDeadline(Record):
    """A configured entry's ``removed-in``, and whether the project version has reached it."""

    __slots__ = ("option", "entry", "removed_in", "reached")

    def __init__(self, option: str, entry: str, removed_in: str, reached: bool) -> None:
        self.option = option
        self.entry = entry
        self.removed_in = removed_in
        self.reached = reached


class Tally(Record):
    """Findings counted four ways."""

    __slots__ = ("total", "new", "baselined", "fixable")

    def __init__(self, findings: Iterable[StatusFinding]) -> None:
        listed = list(findings)
        self.total = len(listed)
        self.baselined = sum(found.baselined for found in listed)
        self.new = self.total - self.baselined
        self.fixable = sum(found.fixable for found in listed)

    def as_json(self) -> dict[str, int]:
        return {
            "total": self.total,
            "new": self.new,
            "baselined": self.baselined,
            "fixable": self.fixable,
        }


class StatusReport:
    """The counts every format shows, made once."""

    def __init__(
        self,
        findings: Sequence[StatusFinding],
        files: int,
        deadlines: Sequence[EntryDeadline],
        project_version: str | None,
        titles: Mapping[str, str],
    ) -> None:
        self.files = files
        self.project_version = project_version
        self.titles = titles
        self.findings = sorted(findings, key=lambda found: (found.path, found.line, found.col))
        self.tally = Tally(self.findings)
        self.broken = [found for found in self.findings if found.broken]
        self.codes = {
            code: Tally(found for found in self.findings if found.code == code)
            for code in sorted({found.code for found in self.findings})
        }
        by_entry: dict[tuple[str, str], list[StatusFinding]] = {}
        for found in self.findings:
            for entry in found.entries:
                by_entry.setdefault((found.code, entry), []).append(found)
        self.entries = {key: Tally(by_entry[key]) for key in sorted(by_entry)}
        per_file = Counter(found.path for found in self.findings)
        self.top_files = sorted(per_file.items(), key=lambda item: (-item[1], item[0]))[:TOP_FILES]
        self.deadlines = list(deadlines)
        self.overdue = [due for due in self.deadlines if due.reached]

    def counts(self) -> dict[str, int]:
        """Findings per code: what ``--history`` keeps of each run."""
        return {code: tally.total for code, tally in self.codes.items()}

    def as_json(self) -> dict[str, object]:
        return {
            "flake8-ssot-status": FORMAT,
            "project_version": self.project_version,
            "files": self.files,
            "findings": self.tally.as_json(),
            "broken_imports": [
                {
                    "path": found.path,
                    "line": found.line,
                    "col": found.col,
                    "code": found.code,
                    "message": found.text,
                }
                for found in self.broken
            ],
            "codes": {
                code: {"title": self.titles.get(code, ""), **tally.as_json()}
                for code, tally in self.codes.items()
            },
            "entries": [
                {"code": code, "entry": entry, **tally.as_json()}
                for (code, entry), tally in self.entries.items()
            ],
            "deadlines": [
                {
                    "option": due.option,
                    "entry": due.entry,
                    "removed_in": due.removed_in,
                    "overdue": due.reached,
                }
                for due in self.deadlines
            ],
            "top_files": [{"path": path, "findings": count} for path, count in self.top_files],
        }


def render_json(report: StatusReport) -> str:
    return json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n"


def render_text(report: StatusReport) -> str:
    lines = [_headline(report)]
    if report.project_version is not None:
        lines.append(f"Project version: {report.project_version}")
    if report.broken:
        lines += ["", "Imports that fail at run time, or get a fallback value (fix these first):"]
        lines += [f"  {found.location}: {found.code} {found.text}" for found in report.broken]
    if report.codes:
        lines += ["", "By code:", _COLUMNS]
        lines += [
            f"  {code} {_row(tally)}  {report.titles.get(code, '')}"
            for code, tally in report.codes.items()
        ]
    if report.entries:
        lines += ["", "By configured entry:", _COLUMNS]
        lines += [
            f"  {code} {_row(tally)}  {entry}" for (code, entry), tally in report.entries.items()
        ]
    if report.deadlines:
        lines += ["", "Deadlines:"]
        lines += [f"  {_deadline_text(due, report)}" for due in report.deadlines]
    if report.top_files:
        lines += ["", "Top files:"]
        lines += [f"  {count:6}  {path}" for path, count in report.top_files]
    return "\n".join(lines) + "\n"


def render_markdown(report: StatusReport) -> str:
    lines = ["## flake8-ssot status", "", _headline(report)]
    if report.project_version is not None:
        lines += ["", f"Project version: `{report.project_version}`"]
    if report.broken:
        lines += ["", "### Imports that fail at run time, or get a fallback value", ""]
        lines += [
            f"- {_code(found.location, in_table=False)} {found.code} {_markdown_text(found.text)}"
            for found in report.broken
        ]
    if report.codes:
        lines += ["", "### By code", "", "| Code | Title | Total | New | Baselined | Fixable |"]
        lines.append("|---|---|---:|---:|---:|---:|")
        lines += [
            f"| {code} | {_markdown_text(report.titles.get(code, ''))} | {_cells(tally)} |"
            for code, tally in report.codes.items()
        ]
    if report.entries:
        lines += ["", "### By configured entry", ""]
        lines += [
            "| Code | Entry | Total | New | Baselined | Fixable |",
            "|---|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {code} | {_code(entry)} | {_cells(tally)} |"
            for (code, entry), tally in report.entries.items()
        ]
    if report.deadlines:
        lines += ["", "### Deadlines", ""]
        lines += [f"- {_markdown_text(_deadline_text(due, report))}" for due in report.deadlines]
    if report.top_files:
        lines += ["", "### Top files", "", "| Findings | File |", "|---:|---|"]
        lines += [f"| {count} | {_code(path)} |" for path, count in report.top_files]
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}


def _headline(report: StatusReport) -> str:
    tally = report.tally
    return (
        f"{_count(tally.total, 'finding')} in {_count(report.files, 'file')} linted: "
        f"{tally.new} new, {tally.baselined} baselined; "
        f"{tally.fixable} fixable by `flake8-ssot fix`"
    )


#: The text format's column heads, over the code and the counts of each row.
_COLUMNS = f"  {'code':6} {'total':>9} {'new':>6} {'baselined':>10} {'fixable':>8}"


def _row(tally: Tally) -> str:
    return f"{tally.total:9} {tally.new:6} {tally.baselined:10} {tally.fixable:8}"


def _cells(tally: Tally) -> str:
    return f"{tally.total} | {tally.new} | {tally.baselined} | {tally.fixable}"


def _deadline_text(due: EntryDeadline, report: StatusReport) -> str:
    if due.reached:
        return (
            f"{due.option}: {due.entry}: removal was due in {due.removed_in}; the project is "
            f"at {report.project_version} (overdue)"
        )
    return f"{due.option}: {due.entry}: removal due in {due.removed_in}"


def _markdown_text(text: str) -> str:
    """Plain text as markdown shows it: what would start emphasis, a link, HTML or code, or
    end a table cell, escaped; no line break splits a cell or a list item."""
    return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", text).replace("\n", " ")


def _code(text: str, *, in_table: bool = True) -> str:
    """A code span of ``text`` (a path, an entry), whatever backticks it holds; in a table,
    with its pipes escaped so that they do not end the cell."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    span = f"{fence}{padded}{fence}"
    return span.replace("|", "\\|") if in_table else span


_MARKDOWN_SPECIAL = re.compile(r"[\\`*_<>\[\]|]")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
