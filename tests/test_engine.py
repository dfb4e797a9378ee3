"""The engine in-process: findings are data (code, span, message kinds and arguments, subject)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from flake8_ssot.engine.lint import lint_file, lint_paths, plan_fixes, start
from flake8_ssot.engine.settings import build_settings
from flake8_ssot.rules.base import Diagnostic, Message
from flake8_ssot.rules.rule import Context, LintedFile


def engine_for(root: Path, **options: str) -> Context:
    """Settings from raw option text, as a config file holds it; no flake8 involved."""
    raw = {name.replace("_", "-"): value for name, value in options.items()}
    return start(build_settings(raw, root / "setup.cfg", root), lambda line: None)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for relative, text in {
        "pkg/__init__.py": "",
        "pkg/facade/__init__.py": "from .core import Manager\n",
        "pkg/facade/core.py": "class Manager: ...\n",
        "pkg/old.py": "def get(): ...\n",
        "pkg/new.py": "def get(): ...\n",
    }.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    return tmp_path


def lint(context: Context, source: str, filename: str = "app.py") -> list[Diagnostic]:
    return lint_file(LintedFile(ast.parse(source), source, filename), context)


def test_an_import_finding_is_data(project: Path) -> None:
    context = engine_for(
        project,
        ssot_deprecated_modules="pkg.facade = pkg.facade.core",
        ssot_legacy_modules="pkg.old = pkg.new",
    )
    source = "import os\nfrom pkg.facade import (\n    Manager,\n)\nfrom pkg.old import get\n"
    deprecated, legacy = lint(context, source)
    assert (deprecated.code, deprecated.line, deprecated.col) == ("SOT101", 2, 0)
    assert (deprecated.end_line, deprecated.end_col) == (4, 1)
    assert deprecated.subject == ("pkg.facade", "from pkg.facade import Manager")
    [message] = deprecated.messages
    assert (message.kind.name, message.arg("module")) == ("deprecated-advised", "pkg.facade")
    advice = message.arg("advice")
    assert isinstance(advice, tuple) and len(advice) == 1 and isinstance(advice[0], Message)
    assert (advice[0].kind.name, dict(advice[0].args)) == (
        "import-from",
        {"names": "Manager", "module": "pkg.facade.core"},
    )
    assert deprecated.text == "'pkg.facade' is deprecated: import Manager from pkg.facade.core"
    assert [(m.kind.name, dict(m.args)) for m in legacy.messages] == [
        (
            "legacy-use",
            {"module": "pkg.old", "deadline": "", "replacement": "pkg.new", "reason": ""},
        )
    ]
    # The subject does not move with the statement.
    moved = lint(context, "\n\n" + source)
    assert [found.subject for found in moved] == [deprecated.subject, legacy.subject]


def test_a_fix_is_edits_and_refusals(project: Path) -> None:
    context = engine_for(project, ssot_legacy_modules="pkg.old = pkg.new")
    source = "from pkg.old import get, only_old\n"
    file = LintedFile(ast.parse(source), source, "app.py")
    [fixed] = plan_fixes(file, lint_file(file, context), context)
    assert fixed.fix is not None
    [edit] = fixed.fix.edits
    assert source[edit.start : edit.end] == "from pkg.old import get, only_old"
    assert edit.replacement == "from pkg.new import get\nfrom pkg.old import only_old"
    assert [(reason.kind.name, reason.text) for reason in fixed.fix.refusals] == [
        ("does-not-define", "pkg.new does not define only_old")
    ]
    assert fixed.fix.rewritten == 1


def test_lint_paths_reads_files_and_skips_what_does_not_parse(project: Path) -> None:
    context = engine_for(project, ssot_legacy_modules="pkg.old")
    (project / "a.py").write_text("import pkg.old\n", encoding="utf-8")
    (project / "b.py").write_text("import pkg.old\nif\n", encoding="utf-8")
    found = list(lint_paths([project / "a.py", project / "b.py"], context))
    assert [(Path(d.path).name, d.code, d.text) for d in found] == [
        ("a.py", "SOT201", "'pkg.old' is legacy")
    ]
