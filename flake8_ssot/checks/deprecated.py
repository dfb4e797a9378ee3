"""SOT101: imports of a deprecated module, with exact-module semantics.

A deprecated package facade is bypassed by importing its real submodules,
so ``import FACADE.sub`` and ``from FACADE import sub`` are the cure, not
the disease; only the facade's own names are reported.
"""

from __future__ import annotations

from flake8_ssot.checks.base import CheckContext, Hit, ImportedName
from flake8_ssot.codes import SOT101, Code

CODE: Code = SOT101


def match(imported: ImportedName, context: CheckContext) -> Hit | None:
    """A hit when this imports the facade itself or one of its own names."""
    deprecated = context.config.deprecated
    entry = deprecated.get(imported.module)
    if entry is not None:
        if imported.name is None or imported.name == "*":
            return Hit(imported, entry.module, entry.module, entry.replacement)
        if context.project.is_submodule(entry.module, imported.name):
            return None
        defined_in = context.project.reexports(entry.module).get(imported.name)
        return Hit(imported, entry.module, entry.module, defined_in or entry.replacement)
    as_module = imported.as_module
    if as_module is not None and as_module in deprecated:
        entry = deprecated[as_module]
        return Hit(imported, entry.module, entry.module, entry.replacement)
    return None


def message(hits: list[Hit]) -> str:
    """One message for all of a statement's hits, naming each replacement."""
    rendered = []
    for facade in dict.fromkeys(hit.entry for hit in hits):
        advice: list[str] = []
        names_by_target: dict[str, list[str]] = {}
        for hit in hits:
            if hit.entry != facade or hit.replacement is None:
                continue
            name = hit.imported.name
            if name is None or name == "*" or hit.imported.module != facade:
                if f"use {hit.replacement}" not in advice:
                    advice.append(f"use {hit.replacement}")
            else:
                names_by_target.setdefault(hit.replacement, []).append(name)
        advice.extend(
            f"import {', '.join(names)} from {target}"
            for target, names in names_by_target.items()
        )
        rendered.append(
            CODE.render(module=facade, advice=f": {'; '.join(advice)}" if advice else "")
        )
    return "; ".join(rendered)
