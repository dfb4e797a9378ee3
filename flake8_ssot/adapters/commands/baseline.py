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
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from flake8.formatting.default import Nothing
from flake8.style_guide import StyleGuideManager

from flake8_ssot.adapters.flake8_files import files_to_lint, reported_by_flake8
from flake8_ssot.adapters.flake8_setup import flake8_setup
from flake8_ssot.engine.baseline import (
    DEFAULT_NAME,
    BaselineError,
    Key,
    dumps,
    key_of,
    read_baseline,
    relative_path,
)
from flake8_ssot.engine.lint import lint_file, parse
from flake8_ssot.model.source_file import read_source
from flake8_ssot.rules.project_options import BASELINE
from flake8_ssot.rules.rule import Context, LintedFile


def run_baseline(flake8_args: Sequence[str], *, prune: bool, check: bool) -> int:
    """Write (or prune, or check) the baseline file; the exit status.

    0: written, or nothing stale with ``--check``; 1: stale entries with
    ``--check``; 2: the file cannot be read or written, or stdin was given.
    """
    options, context = flake8_setup(flake8_args)
    if "-" in options.filenames:
        print(
            "flake8-ssot baseline: a baseline records files on disk and does not read stdin; "
            "give it file or directory paths",
            file=sys.stderr,
        )
        return 2
    settings = context.settings
    target = settings[BASELINE] or settings.config_dir / DEFAULT_NAME
    current = _reported_findings(options, context)
    shown = relative_path(str(target), Path.cwd())
    if not (prune or check):
        return _write(target, current, f"{sum(current.values())} findings recorded in {shown}")
    try:
        recorded = read_baseline(target).counts
    except BaselineError as error:
        print(f"flake8-ssot baseline: {shown}: {error}", file=sys.stderr)
        return 2
    stale = {key: count - current[key] for key, count in recorded.items() if count > current[key]}
    if check:
        for (code, path, subject), count in sorted(stale.items()):
            print(f"{path}: {code} {subject}: recorded {count} more than occur", file=sys.stderr)
        verdict = f"{sum(stale.values())} stale" if stale else "nothing stale"
        print(f"flake8-ssot baseline: {shown}: {verdict}", file=sys.stderr)
        return 1 if stale else 0
    kept = {key: min(count, current[key]) for key, count in recorded.items() if current[key]}
    dropped = sum(recorded.values()) - sum(kept.values())
    return _write(target, kept, f"{dropped} stale findings dropped from {shown}")


def _reported_findings(options: argparse.Namespace, context: Context) -> Counter[Key]:
    """The plugin's findings flake8 reports in the files it lints, counted per key."""
    style_guides = StyleGuideManager(options, Nothing(options))
    config_dir = context.settings.config_dir
    found: Counter[Key] = Counter()
    for filename in files_to_lint(options):
        try:
            text = read_source(Path(filename)).text
        except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
            continue  # flake8 reports what it cannot read; there is nothing to record
        tree = parse(text, filename)
        if tree is None:
            continue
        reported = reported_by_flake8(style_guides, options, filename, text)
        path = relative_path(filename, config_dir)
        for diagnostic in lint_file(LintedFile(tree, text, filename), context):
            if reported(diagnostic.code, diagnostic.line):
                found[key_of(diagnostic, path)] += 1
    return found


def _write(target: Path, counts: dict[Key, int] | Counter[Key], summary: str) -> int:
    """Replace the file in one rename (LF line ends on every system)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=".ssot-baseline.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(dumps(counts))
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        print(f"flake8-ssot baseline: cannot write {target}: {error}", file=sys.stderr)
        return 2
    print(f"flake8-ssot baseline: {summary}", file=sys.stderr)
    return 0
