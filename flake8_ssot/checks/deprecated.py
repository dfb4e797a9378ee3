"""SOT101: imports of a deprecated module, with exact-module semantics.

A deprecated package facade is bypassed by importing its real submodules,
so ``import FACADE.sub`` and ``from FACADE import sub`` are the cure, not
the disease; only the facade's own names are reported.
"""

from __future__ import annotations

from flake8_ssot.checks.fixes import module_target, name_target
from flake8_ssot.checks.model import CheckContext, Hit, ImportedName, Redirect, Refusal
from flake8_ssot.codes import SOT101, Code
from flake8_ssot.config import ModuleEntry
from flake8_ssot.model.bindings import Chosen, Defined, Reexport
from flake8_ssot.model.project import Project

CODE: Code = SOT101
#: A facade is only a door: ``import FACADE as x`` becomes NEW only where each
#: ``x.attr`` is the very object it was.
SWAPS_MODULE_OBJECTS = False
KEEPS_OWN_FILES = False


def match(imported: ImportedName, context: CheckContext) -> Hit | None:
    """A hit when this imports the facade itself or one of its own names."""
    deprecated = context.config.deprecated
    entry = deprecated.get(imported.module)
    if entry is not None:
        if imported.name is None or imported.name == "*":
            return Hit(imported, entry.module, entry.module, entry.replacement)
        if _is_submodule_import(entry.module, imported.name, context):
            return None
        return _name_hit(imported, entry, imported.name, context)
    as_module = imported.as_module
    if as_module is not None and as_module in deprecated:
        entry = deprecated[as_module]
        return Hit(imported, entry.module, entry.module, entry.replacement)
    return None


def _is_submodule_import(facade: str, name: str, context: CheckContext) -> bool:
    """``from FACADE import name`` gets the submodule, unless the facade binds the name.

    ``unittest/__init__.py`` does ``from .main import main``: the function
    shadows the submodule ``unittest.main``, and that function is what the
    import gets.
    """
    project = context.project
    if not project.is_submodule(facade, name):
        return False
    found = project.origin(facade, name)
    return found is None or found == Reexport(facade, name)


def defined_note(name: str, facade: str) -> str:
    return f"{name} is defined in {facade} itself"


def _name_hit(imported: ImportedName, entry: ModuleEntry, name: str, context: CheckContext) -> Hit:
    """A hit for one name of the facade, with the one place it may be imported from.

    The facade's own import of the name is the truth; the configured
    replacement is only a fallback for names the facade does not visibly
    bind, and only when it binds the name itself.
    """
    project = context.project
    facade = entry.module
    found = project.origin(facade, name)
    redirect: Redirect | None = None
    note: str | None = None
    if isinstance(found, Reexport):
        redirect = Redirect(found.module, found.name)
    elif isinstance(found, Defined):
        note = defined_note(name, facade)
    elif isinstance(found, Chosen):
        note = f"{facade} chooses {name} at import time from {' or '.join(found.sources)}"
    elif (unread := _unread_star_source(facade, project)) is not None:
        # ``from json import *``: the name may well come from there, and the
        # replacement's object of that name would be another one.
        note = f"{facade} may take {name} from {unread} (a star import of a module not read)"
    elif entry.replacement is not None and project.binds(entry.replacement, name):
        redirect = Redirect(entry.replacement, name)
    else:
        summary = project.summary(facade)
        if summary is not None and summary.has_getattr:
            note = f"{facade} serves {name} from its module __getattr__"
    return Hit(imported, facade, facade, entry.replacement, redirect, note)


def _unread_star_source(facade: str, project: Project) -> str | None:
    """A module the facade star-imports whose names cannot be read (not under the roots)."""
    summary = project.summary(facade)
    if summary is None:
        return None
    return next(
        (source for source, _, _ in summary.star_sources if project.summary(source) is None), None
    )


def fix_name(hit: Hit, context: CheckContext) -> Redirect | Refusal:
    """``from FACADE import name`` moves to where its message says, or is left with its note."""
    return name_target(hit, context)


def fix_module(hit: Hit, context: CheckContext) -> str | Refusal | None:
    """``import FACADE as x`` becomes ``import NEW as x`` (the fixer checks ``x.attr`` uses)."""
    return module_target(hit)


def message(hits: list[Hit]) -> str:
    """One message for all of a statement's hits: for each name, only what is true of it."""
    rendered = []
    for facade in dict.fromkeys(hit.entry for hit in hits):
        # Advice in the order the names were imported; names bound under the
        # same name in one module share an "import A, B from M".
        advice: dict[str, list[str]] = {}
        for hit in hits:
            if hit.entry != facade:
                continue
            name = hit.imported.name
            redirect = hit.redirect
            if redirect is not None and name is not None and redirect.name == name:
                advice.setdefault(f"import {{}} from {redirect.module}", []).append(name)
            elif redirect is not None:
                advice.setdefault(f"from {redirect.module} import {redirect.name} as {name}", [])
            elif name is not None and hit.note == defined_note(name, facade):
                advice.setdefault(defined_note("{}", facade), []).append(name)
            elif hit.note is not None:
                advice.setdefault(hit.note, [])
            elif hit.replacement is not None:
                advice.setdefault(f"use {hit.replacement}", [])
        texts = [
            _fill(template, list(dict.fromkeys(names))) if names else template
            for template, names in advice.items()
        ]
        rendered.append(CODE.render(module=facade, advice=f": {'; '.join(texts)}" if texts else ""))
    return "; ".join(rendered)


def _fill(template: str, names: list[str]) -> str:
    """``import {} from M`` with the names; "is defined" becomes "are defined" for several."""
    text = template.format(", ".join(names))
    return text.replace(" is defined in ", " are defined in ", 1) if len(names) > 1 else text
