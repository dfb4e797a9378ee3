"""The flake8 entry point: options in, the engine's diagnostics out as flake8 lines.

A configuration error stops a run over a tree with one line on stderr. When
flake8 lints one file or stdin, as editors run it, it becomes the
configuration-error code on the file's first line instead: the VS Code
Flake8 extension runs flake8 in-process and keeps only the exit code of a
``SystemExit``, and python-lsp-server only logs stderr, so a stopped run
would show nothing at all, flake8's own diagnostics included.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar

from flake8.options.manager import OptionManager
from flake8.violation import Violation

from flake8_ssot import __version__
from flake8_ssot.adapters.flake8_files import noqa_line_for
from flake8_ssot.adapters.flake8_settings import print_to_log, settings_from_flake8
from flake8_ssot.engine.baseline import Baseline, baseline_of, relative_path
from flake8_ssot.engine.lint import lint_file, start
from flake8_ssot.engine.registry import OPTIONS
from flake8_ssot.rules.base import ConfigError, Diagnostic
from flake8_ssot.rules.config_error import config_error
from flake8_ssot.rules.rule import Context, LintedFile


class SsotChecker:
    """Reports imports that bypass the project's single source of truth."""

    name = "flake8-ssot"
    version = __version__

    #: Set once per process by :meth:`parse_options`, before any file is checked.
    context: ClassVar[Context | None] = None
    #: The configuration error, when flake8 lints one file or stdin with a bad configuration.
    config_error: ClassVar[ConfigError | None] = None
    #: The findings ``ssot-baseline`` accepts, read once per process.
    baseline: ClassVar[Baseline | None] = None
    #: flake8's options, for reading noqa comments as flake8 does (``--disable-noqa``).
    options: ClassVar[argparse.Namespace | None] = None
    #: The commands read flake8's options through this plugin too, but act on every
    #: finding (``fix`` pays down baselined debt; ``baseline`` writes the file).
    reads_baseline: ClassVar[bool] = True

    def __init__(self, tree: ast.AST, filename: str, lines: Sequence[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, parser: OptionManager) -> None:
        for option in OPTIONS:
            parser.add_option(
                f"--{option.name}",
                default=option.default,
                parse_from_config=True,
                comma_separated_list=option.comma_separated_list,
                help=option.help,
            )

    @classmethod
    def parse_options(
        cls, option_manager: OptionManager, options: argparse.Namespace, filenames: Sequence[str]
    ) -> None:
        """Validate the configuration once per process.

        A bad entry stops a run over a tree; for one file or stdin it becomes a
        finding on line 1 and one line on stderr, and flake8's own checks run on.
        """
        cls.context = None
        cls.config_error = None
        cls.baseline = None
        cls.options = options
        try:
            context = start(settings_from_flake8(options, sys.argv[1:]), print_to_log)
            if cls.reads_baseline:
                cls.baseline = baseline_of(context.settings)
            cls.context = context
        except ConfigError as error:
            if not _lints_one_file(filenames):
                raise SystemExit(str(error)) from None
            cls.config_error = error
            print(error, file=sys.stderr)  # the log an editor keeps of flake8's output

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        error = type(self).config_error
        if error is not None:
            yield _flake8_line(config_error(self.filename, error))
            return
        context = type(self).context
        if context is None or not isinstance(self.tree, ast.Module):
            return
        file = LintedFile(self.tree, "".join(self.lines), self.filename)
        diagnostics = lint_file(file, context)
        baseline = type(self).baseline
        if baseline is not None and diagnostics:
            path = relative_path(self.filename, context.settings.config_dir)
            diagnostics = baseline.new_findings(diagnostics, path, self._reported())
        for diagnostic in diagnostics:
            yield _flake8_line(diagnostic)

    def _reported(self) -> Callable[[Diagnostic], bool]:
        """flake8 reports it: no noqa comment hides it (read as flake8 reads them, a
        statement continued over several lines included)."""
        options = type(self).options
        assert options is not None
        noqa_line = noqa_line_for(self.filename, options, list(self.lines))

        def reported(diagnostic: Diagnostic) -> bool:
            violation = Violation(
                diagnostic.code,
                self.filename,
                diagnostic.line,
                diagnostic.col + 1,
                "",
                noqa_line(diagnostic.line),
            )
            return not violation.is_inline_ignored(options.disable_noqa)

        return reported


def _flake8_line(diagnostic: Diagnostic) -> tuple[int, int, str, type[Any]]:
    """A diagnostic as flake8 takes it: line, column, "CODE message"."""
    return diagnostic.line, diagnostic.col, f"{diagnostic.code} {diagnostic.text}", SsotChecker


def _lints_one_file(filenames: Sequence[str]) -> bool:
    """flake8 was given one file or stdin (``-``), as editors run it, not a tree."""
    return len(filenames) == 1 and (filenames[0] == "-" or not os.path.isdir(filenames[0]))
