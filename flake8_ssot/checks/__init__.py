"""The violation classes, applied in DESIGN.md's precedence order.

Each check module decides, for one imported name, whether it is a
violation of its class (``match``) and how a statement's violations read
(``message``). This module owns the two rules that bind them together: the
first class in table order wins an imported name, and a statement yields at
most one finding per code.
"""

from __future__ import annotations

import ast
from typing import Protocol

from flake8_ssot.checks import canonical, compat, deprecated, discovery, legacy
from flake8_ssot.checks.model import (
    CheckContext,
    Finding,
    Hit,
    ImportedName,
    Redirect,
    Refusal,
    imported_names,
)
from flake8_ssot.codes import Code
from flake8_ssot.model.imports import ImportRef, collect_imports


class ImportCheck(Protocol):
    """The shape of a check module (checks/deprecated.py and its siblings)."""

    CODE: Code
    #: ``fix`` may turn ``import OLD as x`` into NEW when each ``x.attr`` merely
    #: exists in NEW; when False, each must be the very object it was.
    SWAPS_MODULE_OBJECTS: bool
    #: Files inside the matched module keep their imports (they go when it goes).
    KEEPS_OWN_FILES: bool

    def match(self, imported: ImportedName, context: CheckContext) -> Hit | None: ...

    def message(self, hits: list[Hit]) -> str: ...

    def fix_name(self, hit: Hit, context: CheckContext) -> Redirect | Refusal:
        """``from MODULE import name``: where ``fix`` moves the name, or why it leaves it."""

    def fix_module(self, hit: Hit, context: CheckContext) -> str | Refusal | None:
        """``import MODULE as x``: the module ``fix`` imports instead, why not, or None
        when this check never matches a module import."""


#: In precedence order: deprecated, legacy, compat, canonical.
IMPORT_CHECKS: tuple[ImportCheck, ...] = (deprecated, legacy, compat, canonical)


def all_findings(tree: ast.AST, source: str, filename: str, context: CheckContext) -> list[Finding]:
    """Every finding of every check for one file: what the plugin reports."""
    findings = import_findings(tree, source, filename, context)
    findings.extend(canonical.definition_findings(tree, source, filename, context))
    findings.extend(discovery.discovery_findings(tree, source, filename, context))
    return findings


def import_findings(
    tree: ast.AST, source: str, filename: str, context: CheckContext
) -> list[Finding]:
    """Findings for every import in one file."""
    if "import" not in source:
        return []

    def package_of_file() -> str | None:
        return context.project.module_name(filename).package or None

    statements: dict[tuple[int, int], list[ImportRef]] = {}
    for ref in collect_imports(tree, source, package_of_file):
        statements.setdefault((ref.line, ref.col), []).append(ref)
    findings = []
    for (line, col), refs in statements.items():
        hits_by_check = _hits_by_check(refs, context)
        for check in IMPORT_CHECKS:
            hits = hits_by_check.get(check)
            if hits:
                findings.append(Finding.of(check.CODE, line, col, check.message(hits)))
    return findings


def _hits_by_check(refs: list[ImportRef], context: CheckContext) -> dict[ImportCheck, list[Hit]]:
    hits: dict[ImportCheck, list[Hit]] = {}
    for ref in refs:
        for imported in imported_names(ref):
            first = first_hit(imported, context)
            if first is not None:
                check, hit = first
                hits.setdefault(check, []).append(hit)
    return hits


def first_hit(imported: ImportedName, context: CheckContext) -> tuple[ImportCheck, Hit] | None:
    """The first check in precedence order that matches, and its hit.

    The match is remembered per (module, name) for the process.

    The checks look only at the module and the name, and a project imports
    the same few hundred of them thousands of times.
    """
    key = (imported.module, imported.name)
    if key not in context.first_matches:
        context.first_matches[key] = None
        for check in IMPORT_CHECKS:
            hit = check.match(imported, context)
            if hit is not None:
                context.first_matches[key] = (check, hit)
                break
    first = context.first_matches[key]
    if first is None:
        return None
    check, hit = first
    return check, hit._replace(imported=imported)
