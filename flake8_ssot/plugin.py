"""The flake8 entry point: options in, findings out. Rule logic lives in checks/.

A configuration error stops a run over a tree with one line on stderr. When
flake8 lints one file or stdin, as editors run it, it becomes SOT001 on the
file's first line instead: the VS Code Flake8 extension runs flake8
in-process and keeps only the exit code of a ``SystemExit``, and
python-lsp-server only logs stderr, so a stopped run would show nothing at
all, flake8's own diagnostics included.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from flake8.options.manager import OptionManager

from flake8_ssot import __version__
from flake8_ssot.checks import import_findings
from flake8_ssot.checks.base import CheckContext
from flake8_ssot.checks.canonical import definition_findings
from flake8_ssot.checks.discovery import discovery_findings
from flake8_ssot.classes import ClassResolver
from flake8_ssot.codes import SOT001
from flake8_ssot.config import (
    CANONICAL_OPTION,
    COMPAT_OPTION,
    DEFAULT_COMPAT_PATTERNS,
    DEFAULT_PYTEST_VERSION,
    DEPRECATED_OPTION,
    LEGACY_OPTION,
    PYTEST_CONFIG_OPTION,
    PYTEST_VERSION_OPTION,
    SOURCE_ROOTS_OPTION,
    ConfigError,
    SsotConfig,
    check_option_names,
    default_source_roots,
    parse_canonical_symbols,
    parse_compat_patterns,
    parse_module_list,
    parse_pytest_version,
    parse_source_roots,
    refuse_circular_targets,
    refuse_overlap,
)
from flake8_ssot.project import Project, absolute_path, find_flake8_config_file
from flake8_ssot.pytest_config import PYTEST_VERSIONS, PytestConfigFinder


class SsotChecker:
    """Reports imports that bypass the project's single source of truth."""

    name = "flake8-ssot"
    version = __version__

    #: Set once per process by :meth:`parse_options`, before any file is checked.
    context: ClassVar[CheckContext | None] = None
    #: The configuration error that SOT001 reports when flake8 lints one file or stdin.
    config_error: ClassVar[str | None] = None

    def __init__(self, tree: ast.AST, filename: str, lines: Sequence[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, parser: OptionManager) -> None:
        parser.add_option(
            f"--{DEPRECATED_OPTION}",
            default="",
            parse_from_config=True,
            help="Deprecated modules (exact module), one 'OLD [= NEW] "
            "[; removed-in VERSION]' per line: imports of them are SOT101.",
        )
        parser.add_option(
            f"--{LEGACY_OPTION}",
            default="",
            parse_from_config=True,
            help="Legacy modules (module and all submodules), one 'OLD [= NEW] "
            "[; removed-in VERSION]' per line: imports of them are SOT201.",
        )
        parser.add_option(
            f"--{COMPAT_OPTION}",
            default=DEFAULT_COMPAT_PATTERNS,
            parse_from_config=True,
            comma_separated_list=True,
            help="fnmatch patterns over absolute dotted module names that mark "
            "compat shims: imports of them are SOT301. (Default: "
            f"{DEFAULT_COMPAT_PATTERNS})",
        )
        parser.add_option(
            f"--{SOURCE_ROOTS_OPTION}",
            default="",
            parse_from_config=True,
            comma_separated_list=True,
            help="Directories that hold top-level packages, relative to the "
            "config file's directory. (Default: that directory, plus src/ "
            "when it exists)",
        )
        parser.add_option(
            f"--{CANONICAL_OPTION}",
            default="",
            parse_from_config=True,
            help="Canonical symbols, one 'package.module:Name' per line: a second "
            "definition elsewhere is SOT501, an import from another first-party "
            "module is SOT502.",
        )
        parser.add_option(
            f"--{PYTEST_CONFIG_OPTION}",
            default="",
            parse_from_config=True,
            help="The pytest configuration file for SOT401-SOT404, relative to the "
            "config file's directory. (Default: found as pytest finds it, walking "
            "up from each linted file's directory)",
        )
        parser.add_option(
            f"--{PYTEST_VERSION_OPTION}",
            default=DEFAULT_PYTEST_VERSION,
            parse_from_config=True,
            help="The pytest major version (8 or 9) whose reading of pytest's config files "
            "SOT401-SOT404 follow: pytest 9 refuses a pyproject.toml with "
            "[tool.pytest.ini_options] beside other [tool.pytest] tables, which pytest 8 "
            f"reads, and reads pytest.toml. (Default: {DEFAULT_PYTEST_VERSION})",
        )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        """Validate the configuration once per process.

        A bad entry stops a run over a tree; for one file or stdin it becomes
        SOT001 on line 1 and one line on stderr, and flake8's own checks run on.
        """
        cls.context = None
        cls.config_error = None
        try:
            cls.context = _context_from_options(options)
        except ConfigError as error:
            if not _lints_one_file(getattr(options, "filenames", None) or []):
                raise SystemExit(str(error)) from None
            cls.config_error = str(error)
            _print_to_log(cls.config_error)

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        config_error = type(self).config_error
        if config_error is not None:
            yield 1, 0, f"{SOT001.code} {SOT001.render(error=config_error)}", type(self)
            return
        context = type(self).context
        if context is None:
            return
        source = "".join(self.lines)
        findings = import_findings(self.tree, source, self.filename, context)
        findings.extend(definition_findings(self.tree, source, self.filename, context))
        findings.extend(discovery_findings(self.tree, source, self.filename, context))
        for finding in findings:
            yield finding.line, finding.col, finding.text, type(self)


def _lints_one_file(filenames: Sequence[str]) -> bool:
    """flake8 was given one file or stdin (``-``), as editors run it, not a tree."""
    return len(filenames) == 1 and (filenames[0] == "-" or not os.path.isdir(filenames[0]))


def _print_to_log(line: str) -> None:
    """stderr: a terminal, or the log an editor keeps of flake8's output."""
    print(line, file=sys.stderr)


def _context_from_options(options: argparse.Namespace) -> CheckContext:
    cwd = absolute_path(Path.cwd())
    # flake8 hides --append-config files from plugins: only the main file is checked.
    config_file = find_flake8_config_file(cwd)
    if config_file is not None:
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
    pytest_version = parse_pytest_version(
        options.ssot_pytest_version, PYTEST_VERSIONS
    )
    pytest_config = options.ssot_pytest_config
    pytest_configs = PytestConfigFinder(
        pytest_version,
        _print_to_log,
        absolute_path(config_dir / pytest_config) if pytest_config else None,
    )
    # Read here, before flake8 forks its workers, the cwd's config is reported once.
    pytest_configs.for_directory(cwd)
    project = Project(config.source_roots)
    return CheckContext(config, project, pytest_configs, ClassResolver(project))
