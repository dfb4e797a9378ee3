"""``flake8-ssot status``: the migration at a glance, from what ``flake8`` reports.

Findings per code and per configured entry, baselined against new,
fixable by ``fix`` against not, the deadlines, the files with most; the
imports that fail at run time first. ``--history`` appends the day's counts
to a JSON lines file and ``--chart`` draws the burn-down from it.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path

from flake8.formatting.default import Nothing
from flake8.style_guide import StyleGuideManager

from flake8_ssot.adapters.flake8_files import refuses_stdin
from flake8_ssot.adapters.flake8_setup import flake8_setup
from flake8_ssot.adapters.output_file import replace_text
from flake8_ssot.adapters.reported_findings import FileFindings, reported_findings
from flake8_ssot.engine.baseline import Baseline, baseline_of
from flake8_ssot.engine.burndown_chart import render_chart
from flake8_ssot.engine.lint import plan_fixes
from flake8_ssot.engine.registry import CODES, OPTIONS
from flake8_ssot.engine.status_history import (
    HistoryError,
    HistoryRecord,
    append_record,
    git_commit,
    read_history,
)
from flake8_ssot.engine.status_report import RENDERERS, EntryDeadline, StatusFinding, StatusReport
from flake8_ssot.rules.base import ConfigError, Settings
from flake8_ssot.rules.deadlines import deadline
from flake8_ssot.rules.module_entries import ModuleEntry
from flake8_ssot.rules.project_options import PROJECT_VERSION
from flake8_ssot.rules.rule import Context


def run_status(
    flake8_args: Sequence[str], *, output_format: str, history: Path | None, chart: Path | None
) -> int:
    """Print the report; 0, or 2 when the baseline, the history or the chart cannot be used.

    The report is of every finding flake8 would report without the
    baseline (after noqa, ``per-file-ignores`` and ``--select``); the
    baseline only says which of them are accepted.
    """
    options, context = flake8_setup(flake8_args)
    if refuses_stdin(options, "status", "status reports on files on disk and does not read stdin"):
        return 2
    settings = context.settings
    try:
        baseline = baseline_of(settings)
        past = read_history(history) if history is not None else []
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    except HistoryError as error:
        print(f"flake8-ssot status: {history}: {error}", file=sys.stderr)
        return 2
    style_guides = StyleGuideManager(options, Nothing(options))
    findings: list[StatusFinding] = []
    files = 0
    for linted in reported_findings(options, context, style_guides, "status"):
        files += 1
        findings.extend(_status_findings(linted, baseline, context))
    version = settings[PROJECT_VERSION].current.version
    report = StatusReport(
        findings,
        files,
        configured_deadlines(settings),
        None if version is None else str(version),
        {code.code: code.title for code in CODES},
    )
    sys.stdout.write(RENDERERS[output_format](report))
    if history is None:
        return 0
    today = HistoryRecord(
        datetime.date.today().isoformat(),
        git_commit(settings.config_dir),
        report.project_version,
        report.counts(),
    )
    try:
        append_record(history, today)
        if chart is not None:
            replace_text(chart, render_chart([*past, today], report.deadlines))
    except OSError as error:
        print(f"flake8-ssot status: cannot write: {error}", file=sys.stderr)
        return 2
    return 0


def _status_findings(
    linted: FileFindings, baseline: Baseline | None, context: Context
) -> list[StatusFinding]:
    diagnostics = linted.diagnostics
    if linted.file is None or not diagnostics:
        return []
    new = diagnostics if baseline is None else baseline.new_findings(diagnostics, linted.path)
    new_ids = {id(found) for found in new}
    fixable = {
        (found.code, found.line, found.col)
        for found in plan_fixes(linted.file, diagnostics, context)
        if found.fix is not None and found.fix.edits and not found.fix.refusals
    }
    return [
        StatusFinding(
            found,
            linted.path,
            baselined=id(found) not in new_ids,
            fixable=(found.code, found.line, found.col) in fixable,
        )
        for found in diagnostics
    ]


def configured_deadlines(settings: Settings) -> list[EntryDeadline]:
    """Every module list entry with ``removed-in``, and whether the project has reached it."""
    found = []
    for option in OPTIONS:
        value = settings[option]
        if not isinstance(value, dict):
            continue
        for entry in value.values():
            if isinstance(entry, ModuleEntry) and entry.removed_in is not None:
                due = deadline(entry.removed_in, settings)
                found.append(
                    EntryDeadline(
                        option.name,
                        entry.module,
                        str(entry.removed_in),
                        due is not None and due.reached_by is not None,
                    )
                )
    return found


def add_status_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "status",
        help="the migration at a glance: findings per code and configured entry, baselined "
        "and new, fixable, deadlines, top files; further arguments are flake8's",
        description="Count the SOT findings flake8 reports (without the baseline, which "
        "only marks what it accepts). Any other argument is passed to flake8's option "
        "parsing (paths, --config, --exclude, --select, ...).",
    )
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=sorted(RENDERERS),
        default="text",
        help="text (default), json, or markdown (for a CI job summary)",
    )
    parser.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help="append today's counts (date, commit, project version) to this JSON lines file",
    )
    parser.add_argument(
        "--chart",
        type=Path,
        metavar="FILE.svg",
        help="draw the burn-down from the --history file (with today's run) as SVG",
    )
