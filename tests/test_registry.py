"""The registry and the checks agree on what ``fix`` can rewrite."""

from __future__ import annotations

from typing import cast

from flake8_ssot.checks import IMPORT_CHECKS
from flake8_ssot.checks.model import CheckContext, Hit, ImportedName, Redirect
from flake8_ssot.model.imports import ImportRef


def test_a_code_is_fixable_exactly_when_its_check_rewrites_a_redirected_name() -> None:
    ref = ImportRef("old", ("Name",), 1, 0)
    hit = Hit(ImportedName(ref, "old", "Name"), "old", "old", "new", Redirect("new", "Name"))
    context = cast(CheckContext, None)  # a redirected hit needs nothing more
    for check in IMPORT_CHECKS:
        rewrites = isinstance(check.fix_name(hit, context), Redirect)
        assert rewrites == check.CODE.fixable, check.CODE.code
