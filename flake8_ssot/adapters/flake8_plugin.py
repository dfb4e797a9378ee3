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
from typing import Any, ClassVar

from flake8.options.manager import OptionManager

from flake8_ssot import __version__
from flake8_ssot.checks import all_findings
from flake8_ssot.checks.model import CheckContext, Finding
from flake8_ssot.codes import SOT001
from flake8_ssot.config import ConfigError
from flake8_ssot.context import build_context
from flake8_ssot.options import OPTIONS


class SsotChecker:
    """Reports imports that bypass the project's single source of truth."""

    name = "flake8-ssot"
    version = __version__

    #: Set once per process by :meth:`parse_options`, before any file is checked.
    context: ClassVar[CheckContext | None] = None
    #: The SOT001 finding's text when flake8 lints one file or stdin with a bad configuration.
    config_error: ClassVar[str | None] = None

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

        A bad entry stops a run over a tree; for one file or stdin it becomes
        SOT001 on line 1 and one line on stderr, and flake8's own checks run on.
        """
        cls.context = None
        cls.config_error = None
        try:
            cls.context = build_context(options, sys.argv[1:])
        except ConfigError as error:
            if not _lints_one_file(filenames):
                raise SystemExit(str(error)) from None
            cls.config_error = Finding.of(SOT001, 1, 0, SOT001.render(error=str(error))).text
            print(error, file=sys.stderr)  # the log an editor keeps of flake8's output

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        config_error = type(self).config_error
        if config_error is not None:
            yield 1, 0, config_error, type(self)
            return
        context = type(self).context
        if context is None:
            return
        for finding in all_findings(self.tree, "".join(self.lines), self.filename, context):
            yield finding.line, finding.col, finding.text, type(self)


def _lints_one_file(filenames: Sequence[str]) -> bool:
    """flake8 was given one file or stdin (``-``), as editors run it, not a tree."""
    return len(filenames) == 1 and (filenames[0] == "-" or not os.path.isdir(filenames[0]))
