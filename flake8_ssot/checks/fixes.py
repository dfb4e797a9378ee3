"""What the fixable import checks share when they say where a name goes, or why not.

Each check module owns its fix (``fix_name`` and ``fix_module`` beside its
``match`` and ``message``); these are the answers that several of them give
in the same words, so a message and the reason ``fix`` prints never drift
apart.
"""

from __future__ import annotations

from flake8_ssot.checks.model import CheckContext, Hit, Redirect, Refusal

STAR = Refusal("a star import cannot be split by name; rewrite it by hand")
FROM_PARENT = Refusal("imports the module object from its parent package; rewrite it by hand")


def name_target(hit: Hit, context: CheckContext) -> Redirect | Refusal:
    """``from ENTRY import name``: the hit's redirect (what its message advises), or why not."""
    name = hit.imported.name
    if name == "*":
        return STAR
    if hit.imported.module != hit.entry:
        return FROM_PARENT
    if hit.redirect is not None:
        return hit.redirect
    if hit.note is not None:
        return Refusal(hit.note)
    destination = hit.replacement
    if destination is None:
        return Refusal(f"'{hit.entry}' has no configured replacement")
    if context.project.summary(destination) is None:
        return Refusal(f"{destination} was not found under the source roots")
    return Refusal(f"{destination} does not define {name}")


def module_target(hit: Hit) -> str | Refusal:
    """``import ENTRY as x``: the configured replacement module, or why there is none."""
    if hit.replacement is None:
        return Refusal(f"'{hit.entry}' has no configured replacement")
    return hit.replacement
