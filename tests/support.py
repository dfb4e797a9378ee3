"""What the tests share: temporary projects, the commands run as users run them, the engine.

Test modules import from here (and fixtures come from conftest.py); no
test module imports another.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flake8.options.parse_args import parse_args

from flake8_ssot.adapters.flake8_settings import print_to_log, settings_from_flake8
from flake8_ssot.engine.lint import lint_file, start
from flake8_ssot.rules.base import Diagnostic
from flake8_ssot.rules.rule import Context, LintedFile

#: The checkout.
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Flake8Run:
    """What one flake8 process printed and returned."""

    stdout_lines: list[str]
    stderr: str
    returncode: int


class Flake8Project:
    """A throwaway project directory with its own flake8 configuration."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, text: str = "") -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def package(self, dotted: str) -> None:
        """Create ``dotted`` and its parents as regular packages."""
        parts = dotted.split(".")
        for depth in range(1, len(parts) + 1):
            init = self.root.joinpath(*parts[:depth], "__init__.py")
            if not init.exists():
                self.write(str(init.relative_to(self.root)))

    def flake8(self, *args: str, stdin: str | None = None, cwd: Path | None = None) -> Flake8Run:
        completed = subprocess.run(
            [sys.executable, "-m", "flake8", *args],
            cwd=cwd or self.root,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return Flake8Run(completed.stdout.splitlines(), completed.stderr, completed.returncode)


def flake8_ssot(
    *args: str, cwd: Path, home: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the console script; ``home`` is the HOME that flake8's config lookup stops at."""
    env = None if home is None else {**os.environ, "HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "flake8_ssot", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def fix(project: Flake8Project, *args: str) -> subprocess.CompletedProcess[str]:
    """``flake8-ssot fix ARGS`` in the project."""
    return flake8_ssot("fix", *args, cwd=project.root)


MIGRATION_CONFIG = """\
[flake8]
select = SOT
ssot-deprecated-modules =
    pkg.facade = pkg.facade.manager
ssot-legacy-modules =
    pkg.old = pkg.new ; removed-in 2.0
ssot-compat-patterns = *_compat, *_compat.*
"""
#: The project beside MIGRATION_CONFIG: ``pkg.facade`` re-exports ``Manager`` from
#: ``pkg.facade.manager``, ``helper_alias`` from ``pkg.facade.helpers`` and, inside a
#: ``try``, ``speedup`` from ``pkg.facade.fast``; ``pkg.old`` (a package with a submodule)
#: was replaced by ``pkg.new``; ``pkg.old_other`` only shares a prefix; ``pkg.shim_compat``
#: is a shim; ``pkg.app`` (with a subpackage ``sub``) is where the linted files go.
MIGRATION_FILES = {
    "pkg/__init__.py": "",
    "pkg/facade/__init__.py": """\
        from .manager import Manager
        from pkg.facade.helpers import helper as helper_alias
        try:
            from .fast import speedup
        except ImportError:
            speedup = None
        """,
    "pkg/facade/manager.py": "class Manager: ...\n",
    "pkg/facade/helpers.py": "def helper(): ...\n",
    "pkg/facade/fast.py": "def speedup(): ...\n",
    "pkg/old/__init__.py": "",
    "pkg/old/sub.py": "",
    "pkg/app/__init__.py": "",
    "pkg/app/sub/__init__.py": "",
    "pkg/new.py": "",
    "pkg/old_other.py": "",
    "pkg/shim_compat.py": "",
}


def context_for(flake8_args: Sequence[str]) -> Context:
    """The context the plugin builds for ``flake8 ARGS`` run from the current directory."""
    _, options = parse_args(list(flake8_args))
    return start(settings_from_flake8(options, flake8_args), print_to_log)


def all_findings(tree: ast.AST, source: str, filename: str, context: Context) -> list[Diagnostic]:
    """What the plugin reports for one parsed file."""
    assert isinstance(tree, ast.Module)
    return lint_file(LintedFile(tree, source, filename), context)


def fail_on_log(line: str) -> None:
    """A ``log`` for the engine where the test expects no note at all."""
    raise AssertionError(f"unexpected note: {line}")
