"""SOT501 and SOT502: one home for each registered canonical symbol.

SOT502 is an import check like its siblings (last in precedence, so an
import through a deprecated facade is reported once, as SOT101). SOT501
looks at module-level definitions, and only in files whose text mentions a
registered name at all.
"""

from __future__ import annotations

import ast
import functools

from flake8_ssot.checks.model import (
    CheckContext,
    Finding,
    Hit,
    ImportedName,
    Redirect,
    Refusal,
)
from flake8_ssot.codes import SOT501, SOT502, Code
from flake8_ssot.model.bindings import stored_names
from flake8_ssot.model.imports import (
    line_numbers,
    resolve_relative,
    searchable_text,
    spans_a_line,
    word_positions,
)
from flake8_ssot.model.project import module_level_statements

CODE: Code = SOT502
SWAPS_MODULE_OBJECTS = False
KEEPS_OWN_FILES = False


def match(imported: ImportedName, context: CheckContext) -> Hit | None:
    """A hit for ``from X import Name`` with X first-party and not Name's home."""
    name = imported.name
    if name is None:
        return None
    home = context.config.canonical_homes.get(name)
    if home is None or imported.module == home:
        return None
    if not context.project.is_first_party(imported.module):
        return None
    project = context.project
    side_door = project.resolve(imported.module, name)
    if side_door is not None and side_door != project.resolve(home, name):
        # The side door rebinds the name (a compat alias, a wrapper): importing
        # from the home would hand the caller another object.
        return Hit(
            imported,
            imported.module,
            f"{home}:{name}",
            home,
            note=f"{imported.module} binds {name} itself, not by importing it from {home}",
        )
    return Hit(imported, imported.module, f"{home}:{name}", home, Redirect(home, name))


def fix_name(hit: Hit, context: CheckContext) -> Redirect | Refusal:
    """The import moves to the home, unless the side door binds another object."""
    if hit.redirect is not None:
        return hit.redirect
    return Refusal(hit.note or f"{hit.subject} does not import the name from its home")


def fix_module(hit: Hit, context: CheckContext) -> str | Refusal | None:
    return None  # A canonical symbol is a name: ``import module`` never matches.


def message(hits: list[Hit]) -> str:
    """One message for a statement: the names, where they came from, their homes."""
    rendered = []
    by_home: dict[tuple[str, str], list[Hit]] = {}
    rebound: list[Hit] = []
    for hit in hits:
        if hit.redirect is None:
            rebound.append(hit)
        else:
            by_home.setdefault((hit.subject, hit.replacement or ""), []).append(hit)
    for (module, home), module_hits in by_home.items():
        quoted = ", ".join(dict.fromkeys(f"'{hit.imported.name}'" for hit in module_hits))
        rendered.append(CODE.render(names=quoted, module=module, home=home))
    # A side door that rebinds the name hands out another object: importing
    # from the home instead would change the program, so that is not advised.
    rendered.extend(
        f"'{hit.imported.name}' imported from {hit.subject}, which binds it itself: remove that "
        f"second definition, then import from {hit.replacement}"
        for hit in rebound
    )
    return "; ".join(rendered)


def definition_findings(
    tree: ast.AST, source: str, filename: str, context: CheckContext
) -> list[Finding]:
    """SOT501 for each module-level definition of a registered name outside its home."""
    homes = context.config.canonical_homes
    if not homes or not isinstance(tree, ast.Module):
        return []
    text = searchable_text(source)
    # A definition of a name holds it as a word: only statements on those lines are read.
    positions = sorted(position for name in homes for position in word_positions(text, name))
    if not positions:
        return []
    lines_naming = line_numbers(text, positions)
    findings = []
    imported: dict[str, tuple[str, str]] = {}  # local name -> (module, name) it was imported as
    module_name = functools.partial(context.project.module_name, filename)  # cached there
    for statement in module_level_statements(tree):
        if isinstance(statement, ast.ImportFrom):
            package = (module_name().package or None) if statement.level else None
            from_module = resolve_relative(statement.level, statement.module, package)
            for alias in statement.names:
                if from_module is not None and alias.name != "*":
                    imported[alias.asname or alias.name] = (from_module, alias.name)
            continue
        if not spans_a_line(lines_naming, _first_line(statement), statement.end_lineno):
            continue
        for kind, name in _defined_names(statement):
            home = homes.get(name)
            if home is None:
                continue
            if module_name().dotted == home or _rebinds_the_canonical_object(
                statement, imported, home, name, context
            ):
                continue
            text = SOT501.render(kind=kind, name=name, home=home)
            findings.append(Finding.of(SOT501, statement.lineno, statement.col_offset, text))
    return findings


def _first_line(statement: ast.stmt) -> int:
    """A definition's decorators come before its ``def``/``class`` line (and may bind)."""
    if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement.lineno
    return min([statement.lineno, *(decorator.lineno for decorator in statement.decorator_list)])


def _rebinds_the_canonical_object(
    statement: ast.stmt,
    imported: dict[str, tuple[str, str]],
    home: str,
    name: str,
    context: CheckContext,
) -> bool:
    """``Factory = _F`` after ``from home import Factory as _F``: the same object, no second one."""
    if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Name)):
        return False
    origin = imported.get(statement.value.id)
    if origin is None:
        return False
    project = context.project
    canonical = project.resolve(home, name)
    return canonical is not None and project.resolve(*origin) == canonical


def _defined_names(statement: ast.stmt) -> list[tuple[str, str]]:
    """What a module-level statement defines, by the same rule the advice reads modules with."""
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return []  # importing a name is SOT502's business, not a second definition
    if isinstance(statement, ast.ClassDef):
        kind = "class"
    elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        kind = "function"
    else:
        kind = "binding"
    return [(kind, name) for name in dict.fromkeys(stored_names(statement))]
