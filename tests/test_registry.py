"""The registry and the rules agree on what ``fix`` can rewrite."""

from __future__ import annotations

from typing import cast

from flake8_ssot.engine.registry import IMPORT_PARTS
from flake8_ssot.model.imports import ImportRef
from flake8_ssot.rules.rule import Context, Hit, ImportedName, Redirect


def test_a_code_is_fixable_exactly_when_its_rule_rewrites_a_redirected_name() -> None:
    ref = ImportRef("old", ("Name",), 1, 0)
    hit = Hit(ImportedName(ref, "old", "Name"), "old", "old", "new", Redirect("new", "Name"))
    context = cast(Context, None)  # a redirected hit needs nothing more
    for part in IMPORT_PARTS:
        rewrites = isinstance(part.fix_name(hit, context), Redirect)
        assert rewrites == part.code.fixable, part.code.code
