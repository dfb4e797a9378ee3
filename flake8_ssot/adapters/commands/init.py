"""``flake8-ssot init``: propose a ``[flake8]`` section from what the tree shows.

The tree is read statically, never imported (see
:mod:`flake8_ssot.adapters.init_scan` for the passes and
:mod:`flake8_ssot.engine.proposal` for the judgement). The proposal goes to
stdout, ready to paste, or with ``--write`` into the config file flake8
reads, where keys already set are kept as they are. Either way stderr says
how many findings the resulting configuration gives, by code, counted by
the plugin's own engine and flake8's own noqa and select.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from flake8_ssot.adapters.config_file import keys_in_section, with_lines
from flake8_ssot.adapters.flake8_files import files_to_lint, refuses_stdin
from flake8_ssot.adapters.flake8_settings import raw_values
from flake8_ssot.adapters.flake8_setup import CommandError, flake8_setup
from flake8_ssot.adapters.init_scan import ScannerPool
from flake8_ssot.adapters.output_file import replace_bytes
from flake8_ssot.engine.proposal import (
    Proposal,
    duplicate_candidates,
    propose,
    relevance,
    render,
)
from flake8_ssot.engine.registry import OPTIONS
from flake8_ssot.engine.settings import build_settings
from flake8_ssot.model.file_system import absolute_path
from flake8_ssot.rules import discovery
from flake8_ssot.rules.base import ConfigError, RawValue, words
from flake8_ssot.rules.rule import Context

#: The config file ``--write`` creates when flake8 reads none.
NEW_CONFIG = "setup.cfg"


def run_init(flake8_args: Sequence[str], *, write: bool) -> int:
    """Print (or write) the proposal, and say what it gives; the exit status."""
    options, context = flake8_setup(flake8_args)
    if refuses_stdin(options, "init", "it reads the files of a tree, not stdin"):
        return 2
    filenames = files_to_lint(options, distinct=False)
    pool = ScannerPool(flake8_args, options, context, filenames)
    try:
        facts, read = pool.facts()
        sites, imports = pool.definitions(duplicate_candidates(facts))
        proposal = propose(facts, sites, imports, context.project.is_first_party)
        target = context.settings.config_file or Path.cwd() / NEW_CONFIG
        kept = _kept(options, target)
        raw = {**raw_values(options), **_unset(proposal.raw(), kept)}
        try:
            settings = build_settings(
                raw, context.settings.config_file, context.settings.config_dir
            )
        except ConfigError as error:
            raise CommandError(f"flake8-ssot init: the proposal is refused: {error}") from None
        counts, parsed = pool.findings(raw, relevance(settings))
    finally:
        pool.close()
    header = [
        f"Proposed by flake8-ssot init from the {read} files flake8 lints here. Every entry",
        "is a heuristic, with its evidence in the comments above it: review each one.",
    ]
    footer = _discovery_state(counts, context)
    for option, where in kept.items():
        print(f"flake8-ssot init: {where} sets {option} already: kept as it is", file=sys.stderr)
    if write:
        fresh = Proposal({key: value for key, value in proposal.entries.items() if key not in kept})
        status = _write(target, render(fresh, {}, header, footer)[1:], fresh)
    else:
        print("\n".join(render(proposal, kept, header, footer)))
        status = 0
    total = sum(counts.values())
    by_code = ", ".join(f"{code} {count}" for code, count in sorted(counts.items()))
    print(
        f"flake8-ssot init: this configuration gives {total} "
        f"finding{'' if total == 1 else 's'}{': ' + by_code if by_code else ''}",
        file=sys.stderr,
    )
    print(f"flake8-ssot init: read {read} files, parsed {parsed} of them once", file=sys.stderr)
    return status


def _kept(options: argparse.Namespace, target: Path) -> dict[str, str]:
    """The ``ssot-*`` options the configuration sets already, and where: they stay as
    they are, and the findings counted are theirs too."""
    in_file = keys_in_section(target)
    shown = os.path.relpath(target) if target.is_absolute() else str(target)
    current = raw_values(options)
    return {
        option.name: shown if option.name in in_file else "the command line"
        for option in OPTIONS
        if option.name in in_file
        or (words(current[option.name]) and current[option.name] != option.default)
    }


def _unset(raw: Mapping[str, str], kept: Mapping[str, str]) -> dict[str, RawValue]:
    return {option: value for option, value in raw.items() if option not in kept}


def _discovery_state(counts: Counter[str], context: Context) -> list[str]:
    """The pytest configuration in force here, and what test discovery reports."""
    config = context.pytest_configs.for_directory(absolute_path(Path.cwd()))
    lines = [
        "test discovery: "
        + (
            f"{config.label}, python_classes = {' '.join(config.python_classes)}"
            if config is not None
            else "pytest cannot read its configuration here"
        )
    ]
    for code in discovery.RULE.codes:
        lines.append(f"  {code.code} ({code.title}): {counts[code.code]}")
    return lines


def _write(target: Path, lines: list[str], proposal: Proposal) -> int:
    shown = os.path.relpath(target)
    if not proposal.raw():
        print(f"flake8-ssot init: no entry to write to {shown}", file=sys.stderr)
        return 0
    try:
        data = target.read_bytes() if target.exists() else b""
        replace_bytes(target, with_lines(data, lines))
    except OSError as error:
        print(f"flake8-ssot init: cannot write {shown}: {error}", file=sys.stderr)
        return 2
    written = ", ".join(proposal.raw())
    print(f"flake8-ssot init: wrote {written} to {shown}", file=sys.stderr)
    return 0
