"""Lint files with settings: the engine's one entry point, which knows nothing of flake8.

The flake8 plugin hands it the tree flake8 parsed; the commands hand it
paths. Either way every rule sees the same :class:`LintedFile` and the
same per-process :class:`Context`.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from flake8_ssot.engine.registry import IMPORT_PARTS, RULES
from flake8_ssot.model.classes import ClassResolver
from flake8_ssot.model.project import Project
from flake8_ssot.model.summary_cache import open_cache
from flake8_ssot.rules import discovery
from flake8_ssot.rules.base import Diagnostic, Settings
from flake8_ssot.rules.import_pass import import_findings
from flake8_ssot.rules.project_options import CACHE_DIR, SOURCE_ROOTS
from flake8_ssot.rules.rule import Context, LintedFile


def start(settings: Settings, log: Callable[[str], None]) -> Context:
    """The per-process context: the project model, and each rule's work done once.

    ``log`` takes the one-line notes a run may have (about pytest's
    configuration files, a summary cache it will not use): a terminal, or
    the log an editor keeps.
    """
    project = Project(settings[SOURCE_ROOTS], open_cache(settings[CACHE_DIR], log))
    context = Context(
        settings,
        project,
        discovery.pytest_config_finder(settings, log),
        ClassResolver(project),
        discovery.conftest_hooks(project, log),
    )
    for rule in RULES:
        if rule.prepare is not None:
            rule.prepare(context)
    return context


def lint_file(file: LintedFile, context: Context) -> list[Diagnostic]:
    """Every finding of every rule for one parsed file."""
    findings = import_findings(file, context, IMPORT_PARTS)
    for rule in RULES:
        if rule.check_file is not None:
            findings.extend(rule.check_file(file, context))
    return findings


def plan_fixes(
    file: LintedFile, diagnostics: Sequence[Diagnostic], context: Context
) -> list[Diagnostic]:
    """The diagnostics with the fix each rule plans for them (None: the rule has none).

    Only the diagnostics given are fixed (those flake8 reports, after noqa
    and select): an import statement's edit moves only their names.
    """
    # Only ``fix`` plans edits: the plugin never pays this module's import.
    from flake8_ssot.rules._import_fix import plan_import_fixes

    import_codes = {code for part in IMPORT_PARTS for code in part.codes}
    imports = [found for found in diagnostics if found.code in import_codes]
    others = [found for found in diagnostics if found.code not in import_codes]
    return [*plan_import_fixes(file, imports, context, IMPORT_PARTS), *others]


def parse(source: str, filename: str) -> ast.Module | None:
    """The file's tree, or None where flake8 would report E999 (or Python cannot parse it)."""
    try:
        with warnings.catch_warnings():
            # Invalid escapes and the like are the user's code, reported by flake8 itself.
            warnings.simplefilter("ignore")
            return ast.parse(source, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def lint_paths(paths: Iterable[Path], context: Context) -> Iterator[Diagnostic]:
    """Findings for files on disk; a file that cannot be read or parsed has none from us."""
    # The commands read files themselves; the flake8 plugin never comes here.
    from flake8_ssot.model.source_file import read_source

    for path in paths:
        try:
            source = read_source(path).text
        except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
            continue
        tree = parse(source, str(path))
        if tree is not None:
            yield from lint_file(LintedFile(tree, source, str(path)), context)
