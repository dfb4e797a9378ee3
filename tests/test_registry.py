"""The registry and the rules agree on what ``fix`` can rewrite."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from flake8_ssot.engine.registry import CODES, IMPORT_PARTS
from flake8_ssot.model.imports import ImportRef
from flake8_ssot.rules.rule import Context, Hit, ImportedName, Redirect


def test_a_code_is_fixable_exactly_when_its_rule_rewrites_a_redirected_name() -> None:
    ref = ImportRef("old", ("Name",), 1, 0)
    hit = Hit(ImportedName(ref, "old", "Name"), "old", "old", "new", Redirect("new", "Name"))
    context = cast(Context, None)  # a redirected hit needs nothing more
    for part in IMPORT_PARTS:
        rewrites = isinstance(part.fix_name(hit, context), Redirect)
        assert rewrites == part.code.fixable, part.code.code


def test_every_package_directory_is_a_package() -> None:
    """setup.cfg's ``packages = find:`` skips a directory without ``__init__.py``: an
    installed plugin would lack it, although an editable install runs."""
    root = Path(__file__).resolve().parent.parent / "flake8_ssot"
    directories = {path.parent for path in root.rglob("*.py")}
    assert [d for d in sorted(directories) if not (d / "__init__.py").exists()] == []


def test_rules_are_ordered_by_code_and_every_code_is_listed_once() -> None:
    codes = [code.code for code in CODES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert [part.code.code for part in IMPORT_PARTS] == ["SOT101", "SOT201", "SOT301", "SOT502"]
