"""``flake8-ssot baseline``: record today's findings, so that only new ones are reported.

What is recorded is what ``flake8`` reports with the same arguments (after
noqa comments, ``per-file-ignores`` and ``--select``), and only the
plugin's codes. ``--prune`` drops what no longer occurs and never adds;
``--check`` says what is stale and writes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from flake8.formatting.default import Nothing
from flake8.style_guide import Decision, StyleGuideManager

from flake8_ssot.adapters.flake8_files import refuses_stdin
from flake8_ssot.adapters.flake8_setup import flake8_setup
from flake8_ssot.adapters.output_file import replace_text
from flake8_ssot.adapters.reported_findings import reported_findings
from flake8_ssot.engine.baseline import (
    DEFAULT_NAME,
    BaselineError,
    Key,
    dumps,
    key_of,
    read_baseline,
    relative_path,
)
from flake8_ssot.rules.project_options import BASELINE
from flake8_ssot.rules.rule import Context


def run_baseline(flake8_args: Sequence[str], *, prune: bool, check: bool) -> int:
    """Write (or prune, or check) the baseline file; the exit status.

    Only the files and codes this run lints are its business: what the file
    records of other files (a run over ``tests/`` alone, pre-commit's changed
    files) or of codes not selected stays as it is. 0: written, or nothing
    stale with ``--check``; 1: stale entries with ``--check``; 2: the file
    cannot be read or written, or stdin was given.
    """
    options, context = flake8_setup(flake8_args)
    if refuses_stdin(
        options, "baseline", "a baseline records files on disk and does not read stdin"
    ):
        return 2
    settings = context.settings
    target = settings[BASELINE] or settings.config_dir / DEFAULT_NAME
    shown = relative_path(str(target), Path.cwd())
    current, in_scope = _reported_findings(options, context)
    try:
        recorded = read_baseline(target).counts
    except BaselineError as error:
        if prune or check or not _missing(target):
            # Writing over it would lose what it records of other files: say so instead.
            hint = "" if prune or check else " (remove it to record afresh)"
            print(f"flake8-ssot baseline: {shown}: {error}{hint}", file=sys.stderr)
            return 2
        recorded = {}
    others = {key: count for key, count in recorded.items() if not in_scope(key)}
    ours = {key: count for key, count in recorded.items() if in_scope(key)}
    stale = {key: count - current[key] for key, count in ours.items() if count > current[key]}
    if check:
        for (code, path, subject), count in sorted(stale.items()):
            print(f"{path}: {code} {subject}: recorded {count} more than occur", file=sys.stderr)
        verdict = _count(sum(stale.values()), "stale finding") if stale else "nothing stale"
        print(f"flake8-ssot baseline: {shown}: {verdict}", file=sys.stderr)
        return 1 if stale else 0
    if prune:
        kept = {key: min(count, current[key]) for key, count in ours.items() if current[key]}
        dropped = sum(stale.values())
        return _write(
            target, {**others, **kept}, f"{_count(dropped, 'stale finding')} dropped from {shown}"
        )
    written = sum(current.values())
    return _write(
        target, {**others, **current}, f"{_count(written, 'finding')} recorded in {shown}"
    )


def _missing(target: Path) -> bool:
    return not os.path.lexists(target)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _reported_findings(
    options: argparse.Namespace, context: Context
) -> tuple[Counter[Key], Callable[[Key], bool]]:
    """The plugin's findings flake8 reports in the files it lints, counted per key, and
    whether a key is this run's business (a file it lints, a code flake8 reports there)."""
    style_guides = StyleGuideManager(options, Nothing(options))
    found: Counter[Key] = Counter()
    linted: dict[str, str] = {}
    for linted_file in reported_findings(options, context, style_guides, "baseline"):
        linted[linted_file.path] = linted_file.filename
        for diagnostic in linted_file.diagnostics:
            found[key_of(diagnostic, linted_file.path)] += 1

    def in_scope(key: Key) -> bool:
        code, path, _ = key
        filename = linted.get(path)
        if filename is None:
            return False
        decision = style_guides.style_guide_for(filename).decider.decision_for(code)
        return decision is Decision.Selected

    return found, in_scope


def _write(target: Path, counts: Mapping[Key, int], summary: str) -> int:
    try:
        replace_text(target, dumps(counts))
    except OSError as error:
        print(f"flake8-ssot baseline: cannot write {target}: {error}", file=sys.stderr)
        return 2
    print(f"flake8-ssot baseline: {summary}", file=sys.stderr)
    return 0
