"""What the fixable import rules share when they say where a name goes, or why not.

Each rule owns its fix (``fix_name`` and ``fix_module`` beside its
``match`` and ``messages``); these are the answers that several of them give
in the same words, so a message and the reason ``fix`` prints never drift
apart.
"""

from __future__ import annotations

from flake8_ssot.rules.base import Message, MessageKind
from flake8_ssot.rules.rule import Context, Hit, Redirect

STAR = MessageKind(None, "star", "a star import cannot be split by name; rewrite it by hand")
FROM_PARENT = MessageKind(
    None, "from-parent", "imports the module object from its parent package; rewrite it by hand"
)
NO_REPLACEMENT = MessageKind(None, "no-replacement", "'{entry}' has no configured replacement")
NOT_FOUND = MessageKind(None, "not-found", "{module} was not found under the source roots")
DOES_NOT_DEFINE = MessageKind(None, "does-not-define", "{module} does not define {name}")


def name_target(hit: Hit, context: Context) -> Redirect | Message:
    """``from ENTRY import name``: the hit's redirect (what its message advises), or why not."""
    name = hit.imported.name
    if name == "*":
        return STAR()
    if hit.imported.module != hit.entry:
        return FROM_PARENT()
    if hit.redirect is not None:
        return hit.redirect
    if hit.note is not None:
        return hit.note
    destination = hit.replacement
    if destination is None:
        return NO_REPLACEMENT(entry=hit.entry)
    if context.project.summary(destination) is None:
        return NOT_FOUND(module=destination)
    return DOES_NOT_DEFINE(module=destination, name=str(name))


def module_target(hit: Hit) -> str | Message:
    """``import ENTRY as x``: the configured replacement module, or why there is none."""
    if hit.replacement is None:
        return NO_REPLACEMENT(entry=hit.entry)
    return hit.replacement
