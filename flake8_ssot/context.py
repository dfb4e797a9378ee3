"""The one place that turns flake8's options into the per-process check context.

The plugin, the ``flake8-ssot`` commands and the tests all call
:func:`build_context`: it finds the flake8 config file flake8 reads,
refuses misspelled ``ssot-*`` keys in it, parses every ``ssot-*`` option
and assembles the project model. Every configuration mistake surfaces here
as one :class:`~flake8_ssot.config.ConfigError`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from flake8.main.options import stage1_arg_parser
from flake8.options.config import _find_config_file  # type: ignore[attr-defined]

from flake8_ssot.checks.compat import matching_pattern
from flake8_ssot.checks.legacy import enclosing_entry
from flake8_ssot.checks.model import CheckContext
from flake8_ssot.config import (
    ConfigError,
    SsotConfig,
    check_option_names,
    default_source_roots,
    parse_cache_dir,
    parse_canonical_symbols,
    parse_compat_patterns,
    parse_module_list,
    parse_pytest_version,
    parse_source_roots,
    refuse_overlap,
)
from flake8_ssot.model.classes import ClassResolver
from flake8_ssot.model.project import Project, absolute_path, is_regular_file
from flake8_ssot.model.pytest_config import PYTEST_VERSIONS, PytestConfigFinder
from flake8_ssot.model.summary_cache import open_cache
from flake8_ssot.options import CANONICAL_OPTION, DEPRECATED_OPTION, LEGACY_OPTION


def build_context(options: argparse.Namespace, command_line: Sequence[str]) -> CheckContext:
    """The checks' context for flake8's parsed ``options``.

    ``command_line`` is flake8's (``sys.argv[1:]`` in the plugin): flake8
    consumes ``--config`` and ``--isolated`` before plugins see the options,
    so the config file is found from it as flake8 finds it. The one-line
    notes about pytest configuration files go to stderr (a terminal, or the
    log an editor keeps of flake8's output).
    """
    cwd = absolute_path(Path.cwd())
    # flake8 hides --append-config files from plugins: only the main file is checked.
    config_file = find_flake8_config_file(cwd, command_line)
    if config_file is not None and is_regular_file(config_file):
        # Not a FIFO: flake8 has read it already, a second open would wait forever.
        check_option_names(config_file)
    config_dir = config_file.parent if config_file else cwd
    roots = options.ssot_source_roots
    deprecated = parse_module_list(DEPRECATED_OPTION, options.ssot_deprecated_modules)
    legacy = parse_module_list(LEGACY_OPTION, options.ssot_legacy_modules)
    refuse_overlap(deprecated, legacy)
    config = SsotConfig(
        deprecated=deprecated,
        legacy=legacy,
        compat_patterns=parse_compat_patterns(options.ssot_compat_patterns),
        source_roots=parse_source_roots(roots, config_dir)
        if roots
        else default_source_roots(config_dir),
        canonical_homes=parse_canonical_symbols(options.ssot_canonical_symbols),
    )
    refuse_circular_targets(config)
    pytest_version = parse_pytest_version(options.ssot_pytest_version, PYTEST_VERSIONS)
    pytest_config = options.ssot_pytest_config
    pytest_configs = PytestConfigFinder(
        pytest_version,
        _print_to_log,
        absolute_path(config_dir / pytest_config) if pytest_config else None,
    )
    # Read here, before flake8 forks its workers, the cwd's config is reported once.
    pytest_configs.for_directory(cwd)
    cache_dir = parse_cache_dir(options.ssot_cache_dir, config_dir)
    project = Project(config.source_roots, open_cache(cache_dir))
    return CheckContext(config, project, pytest_configs, ClassResolver(project), config_file)


def refuse_circular_targets(config: SsotConfig) -> None:
    """Refuse a replacement or a canonical home that is itself to be migrated away.

    ``old = new`` where ``new`` is deprecated, inside a legacy module or a
    compat shim, or a canonical home inside a legacy module, sends users
    (and ``fix``) from one finding to the next forever. The test is the
    checks' own matching, so it cannot drift from what they report.
    """
    for option, entries in ((DEPRECATED_OPTION, config.deprecated), (LEGACY_OPTION, config.legacy)):
        for entry in entries.values():
            problem = _retired(entry.replacement, config) if entry.replacement else None
            if problem is not None:
                raise ConfigError(
                    option,
                    f"{entry.module} = {entry.replacement}",
                    f"the replacement '{entry.replacement}' {problem}",
                )
    for name, home in config.canonical_homes.items():
        problem = _retired(home, config)
        if problem is not None:
            raise ConfigError(CANONICAL_OPTION, f"{home}:{name}", f"the home '{home}' {problem}")


def _retired(module: str, config: SsotConfig) -> str | None:
    """Why imports of ``module`` are themselves reported, if they are."""
    if module in config.deprecated:
        return f"is itself listed in {DEPRECATED_OPTION}"
    legacy = enclosing_entry(module, config.legacy)
    if legacy is not None:
        return f"lies inside the legacy module '{legacy}'"
    pattern = matching_pattern(module, config.compat_patterns)
    if pattern is not None:
        return f"matches the compat pattern '{pattern}'"
    return None


def find_flake8_config_file(start: Path, command_line: Sequence[str]) -> Path | None:
    """The config file flake8 itself reads for this command line, if any.

    ``--config`` and ``--isolated`` are read with flake8's own first-stage
    parser; otherwise flake8's own lookup (private, the same in flake8 6
    and 7) walks up from ``start``: the first of setup.cfg, tox.ini,
    .flake8 holding a ``[flake8]`` section, skipping a file it cannot parse,
    and stopping below the home directory (a stray ``~/.flake8`` is no
    config of a project under ``~``).
    """
    try:
        parsed, _ = stage1_arg_parser().parse_known_args(list(command_line))
    except SystemExit:  # not flake8's command line (flake8 used as a library)
        parsed = None
    if parsed is not None and parsed.isolated:
        return None
    if parsed is not None and parsed.config:
        return absolute_path(parsed.config)
    found: str | None = _find_config_file(str(start))
    return None if found is None else Path(found)


def _print_to_log(line: str) -> None:
    """One write per line: ``--jobs`` workers may each report at the same moment, and
    ``print`` writes the line and its line break apart, which interleaves them."""
    sys.stderr.write(f"{line}\n")
    sys.stderr.flush()
