"""The one pass over a file's imports that every import rule takes part in.

Each import rule decides, for one imported name, whether it is a violation
of its class (``match``) and how a statement's violations read
(``messages``). This module owns the two rules that bind them together: the
first rule in the registry's order wins an imported name, and a statement
yields at most one finding per code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

from flake8_ssot.model.imports import (
    ImportRef,
    collect_imports,
    import_statements,
    type_only_lines,
)
from flake8_ssot.rules.base import Diagnostic, diagnostic
from flake8_ssot.rules.project_options import TYPE_CHECKING_IMPORTS
from flake8_ssot.rules.rule import Context, Hit, ImportedName, ImportPart, LintedFile


def import_findings(
    file: LintedFile, context: Context, parts: Sequence[ImportPart]
) -> list[Diagnostic]:
    """Findings for every import in one file; ``parts`` in precedence order."""
    tree, source, filename = file.tree, file.source, file.filename
    if "import" not in source:
        return []

    def package_of_file() -> str | None:
        return context.project.module_name(filename).package or None

    own_module: list[str] = []

    def file_module() -> str:
        if not own_module:
            own_module.append(context.project.module_name(filename).dotted)
        return own_module[0]

    refs = collect_imports(tree, source, package_of_file)
    if refs and not context.settings[TYPE_CHECKING_IMPORTS] and _may_be_type_only(source):
        type_only = type_only_lines(tree)
        refs = [
            ref for ref in refs if not any(start <= ref.line <= end for start, end in type_only)
        ]
    statements: dict[tuple[int, int], list[ImportRef]] = {}
    for ref in refs:
        statements.setdefault((ref.line, ref.col), []).append(ref)
    findings = []
    ends: dict[tuple[int, int], tuple[int, int]] | None = None
    for (line, col), refs in statements.items():
        hits_by_part = _hits_by_part(refs, context, parts, file_module)
        for part in parts:
            for code, hits in _by_code(part, hits_by_part.get(part, ())).items():
                if ends is None:  # only a file with findings pays for the statements' ends
                    ends = _statement_ends(tree, source)
                findings.append(
                    diagnostic(
                        filename,
                        line,
                        col,
                        part.messages(hits),
                        _subject(hits, refs),
                        end=ends.get((line, col)),
                        detail=tuple(hits),
                        code=code,
                    )
                )
    return findings


def _may_be_type_only(source: str) -> bool:
    """Whether the text can hold a type-only block at all (most files: no)."""
    return "TYPE_CHECKING" in source or "False" in source


def _by_code(part: ImportPart, hits: Sequence[Hit]) -> dict[str, list[Hit]]:
    """A statement's hits of one rule per code they are reported under (overdue or not)."""
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(part.code_of(hit), []).append(hit)
    return grouped


def _statement_ends(tree: ast.Module, source: str) -> dict[tuple[int, int], tuple[int, int]]:
    """Where each import statement ends (a dynamic import's call keeps its start)."""
    return {
        (statement.lineno, statement.col_offset): (
            statement.end_lineno or statement.lineno,
            statement.end_col_offset or 0,
        )
        for statement in import_statements(tree, source)
    }


def _subject(hits: list[Hit], refs: list[ImportRef]) -> tuple[str, ...]:
    """The configured entries and the statement, whatever line it is on."""
    entries = ", ".join(dict.fromkeys(hit.entry for hit in hits))
    statement = "; ".join(
        f"from {ref.module} import {', '.join(ref.names)}" if ref.names else f"import {ref.module}"
        for ref in refs
    )
    return entries, statement


def _hits_by_part(
    refs: list[ImportRef],
    context: Context,
    parts: Sequence[ImportPart],
    file_module: Callable[[], str],
) -> dict[ImportPart, list[Hit]]:
    hits: dict[ImportPart, list[Hit]] = {}
    for ref in refs:
        for imported in imported_names(ref):
            first = first_hit(imported, context, parts)
            if first is not None and not _migrating_itself(*first, file_module()):
                part, hit = first
                hits.setdefault(part, []).append(hit)
    return hits


def _migrating_itself(part: ImportPart, hit: Hit, module: str) -> bool:
    """The replacement's own files, and a legacy module's own (they go when it goes),
    import the old module while the migration runs: that is no finding."""
    if hit.replacement is not None and _within(module, hit.replacement):
        return True
    return part.keeps_own_files and _within(module, hit.entry)


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def imported_names(ref: ImportRef) -> list[ImportedName]:
    """Split one import into the names it imports."""
    if not ref.names:
        return [ImportedName(ref, ref.module, None)]
    return [ImportedName(ref, ref.module, name) for name in ref.names]


def first_hit(
    imported: ImportedName, context: Context, parts: Sequence[ImportPart]
) -> tuple[ImportPart, Hit] | None:
    """The first rule in precedence order that matches, and its hit.

    The match is remembered per (module, name) for the process: the rules
    look only at the module and the name, and a project imports the same
    few hundred of them thousands of times.
    """
    key = (imported.module, imported.name)
    if key not in context.first_matches:
        context.first_matches[key] = None
        for part in parts:
            hit = part.match(imported, context)
            if hit is not None:
                context.first_matches[key] = (part, hit)
                break
    first = context.first_matches[key]
    if first is None:
        return None
    part, hit = first
    return part, hit.of(imported)
