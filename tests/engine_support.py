"""In-process access to the engine as the flake8 plugin configures it, for tests."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from flake8.options.parse_args import parse_args

from flake8_ssot.adapters.flake8_settings import print_to_log, settings_from_flake8
from flake8_ssot.engine.lint import lint_file, start
from flake8_ssot.rules.base import Diagnostic
from flake8_ssot.rules.rule import Context, LintedFile


def context_for(flake8_args: Sequence[str]) -> Context:
    """The context the plugin builds for ``flake8 ARGS`` run from the current directory."""
    _, options = parse_args(list(flake8_args))
    return start(settings_from_flake8(options, flake8_args), print_to_log)


def all_findings(tree: ast.AST, source: str, filename: str, context: Context) -> list[Diagnostic]:
    """What the plugin reports for one parsed file."""
    assert isinstance(tree, ast.Module)
    return lint_file(LintedFile(tree, source, filename), context)
