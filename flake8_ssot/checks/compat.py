"""SOT301: imports of compat shims, found by fnmatch over absolute dotted names."""

from __future__ import annotations

import functools
import re
from fnmatch import translate

from flake8_ssot.checks.model import CheckContext, Hit, ImportedName, Redirect, Refusal
from flake8_ssot.codes import SOT301, Code

CODE: Code = SOT301
SWAPS_MODULE_OBJECTS = False
KEEPS_OWN_FILES = False


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # fnmatchcase semantics: module names are case-sensitive on every platform.
    return re.compile(translate(pattern))


@functools.lru_cache(maxsize=4096)
def matching_pattern(module: str, patterns: tuple[str, ...]) -> str | None:
    """The first compat pattern that the dotted name matches."""
    for pattern in patterns:
        if _compiled(pattern).match(module):
            return pattern
    return None


def match(imported: ImportedName, context: CheckContext) -> Hit | None:
    """A hit when the imported module, or a submodule imported by name, is a shim.

    ``from pkg import name_compat`` is an import of ``pkg.name_compat`` unless
    ``pkg`` is a first-party package in which no such submodule exists (then
    it is just a name defined in ``pkg``).
    """
    patterns = context.config.compat_patterns
    pattern = matching_pattern(imported.module, patterns)
    if pattern is not None:
        return Hit(imported, imported.module, pattern, None)
    as_module = imported.as_module
    if as_module is None:
        return None
    pattern = matching_pattern(as_module, patterns)
    if pattern is None:
        return None
    project = context.project
    if project.is_first_party(imported.module) and not project.is_submodule(
        imported.module, imported.name or ""
    ):
        return None
    return Hit(imported, as_module, pattern, None)


#: A shim names no module to go to: ``fix`` leaves every one of its imports.
NO_REPLACEMENT = Refusal("no replacement is configured for a compat shim")


def fix_name(hit: Hit, context: CheckContext) -> Redirect | Refusal:
    return NO_REPLACEMENT


def fix_module(hit: Hit, context: CheckContext) -> str | Refusal | None:
    return NO_REPLACEMENT


def message(hits: list[Hit]) -> str:
    """One message per statement, naming each shim and the pattern it matched."""
    subjects = dict.fromkeys((hit.subject, hit.entry) for hit in hits)
    return "; ".join(CODE.render(module=subject, pattern=pattern) for subject, pattern in subjects)
