"""SOT201: imports of a legacy module or anything inside it (subtree semantics).

A legacy module was replaced wholesale, so its submodules are legacy too;
the match is by dotted components, so ``logging_config_v2`` is not
``logging_config``.
"""

from __future__ import annotations

from collections.abc import Mapping

from flake8_ssot.checks.fixes import module_target, name_target
from flake8_ssot.checks.model import CheckContext, Hit, ImportedName, Redirect, Refusal
from flake8_ssot.codes import SOT201, Code

CODE: Code = SOT201
#: A legacy module is replaced on purpose: ``import OLD as x`` becomes NEW where
#: each ``x.attr`` exists in NEW (dunders included, as part of the swap).
SWAPS_MODULE_OBJECTS = True
#: The legacy module's own files keep their imports: they go when it goes.
KEEPS_OWN_FILES = True


def enclosing_entry(module: str, legacy: Mapping[str, object]) -> str | None:
    """The configured legacy module that ``module`` is, or lies inside (by dotted parts)."""
    if not legacy:
        return None
    prefix = ""
    for part in module.split("."):
        prefix = f"{prefix}.{part}" if prefix else part
        if prefix in legacy:
            return prefix
    return None


def match(imported: ImportedName, context: CheckContext) -> Hit | None:
    """A hit when the imported module, or ``module.name``, is legacy."""
    for candidate in (imported.module, imported.as_module):
        if candidate is None:
            continue
        entry = enclosing_entry(candidate, context.config.legacy)
        if entry is not None:
            replacement = context.config.legacy[entry].replacement
            return _with_redirect(Hit(imported, candidate, entry, replacement), context)
    return None


def _with_redirect(hit: Hit, context: CheckContext) -> Hit:
    """``from OLD import name`` moves to NEW only where NEW binds the name too."""
    name = hit.imported.name
    new = hit.replacement
    if new is None or name is None or name == "*" or hit.imported.module != hit.entry:
        return hit
    binds = context.project.binds(new, name)
    if binds:
        return hit._replace(redirect=Redirect(new, name))
    if binds is False:
        return hit._replace(note=f"{new} does not define {name}")
    return hit


#: What is inside a legacy module has no known counterpart in its replacement.
SUBTREE = Refusal("no replacement is known for this part of the legacy module")


def fix_name(hit: Hit, context: CheckContext) -> Redirect | Refusal:
    """``from OLD import name`` moves to NEW only where NEW binds the name (the redirect)."""
    if hit.subject != hit.entry:
        return SUBTREE
    return name_target(hit, context)


def fix_module(hit: Hit, context: CheckContext) -> str | Refusal | None:
    """``import OLD as x`` becomes ``import NEW as x`` (the fixer checks ``x.attr`` uses)."""
    if hit.subject != hit.entry:
        return SUBTREE
    return module_target(hit)


def message(hits: list[Hit]) -> str:
    """One message per statement, naming each legacy module's replacement."""
    rendered = []
    seen: set[str] = set()
    for hit in hits:
        if hit.subject in seen:
            continue
        seen.add(hit.subject)
        if hit.subject == hit.entry:
            advice = f": use {hit.replacement}" if hit.replacement else ""
            missing = [
                other.imported.name
                for other in hits
                if other.subject == hit.subject and other.note is not None
            ]
            if missing:
                advice += f" (it does not define {', '.join(map(str, dict.fromkeys(missing)))})"
        elif hit.replacement:
            advice = f": '{hit.entry}' is replaced by {hit.replacement}"
        else:
            advice = f" (inside '{hit.entry}')"
        rendered.append(CODE.render(module=hit.subject, advice=advice))
    return "; ".join(rendered)
