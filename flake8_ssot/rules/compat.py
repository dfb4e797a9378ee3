"""SOT301: imports of compat shims, found by fnmatch over absolute dotted names."""

from __future__ import annotations

import functools
import re
from fnmatch import translate
from pathlib import Path

from flake8_ssot.rules.base import (
    Code,
    ConfigError,
    Message,
    MessageKind,
    Option,
    RawValue,
    Settings,
    identifier_text,
    words,
)
from flake8_ssot.rules.project_options import SOURCE_ROOTS, TYPE_CHECKING_IMPORTS
from flake8_ssot.rules.rule import (
    Context,
    Hit,
    ImportedName,
    ImportPart,
    Redirect,
    Retirement,
    Rule,
)

SOT301 = Code(
    code="SOT301",
    title="import of a compat shim",
    summary=("an import of a module whose absolute dotted name matches a compat pattern"),
    fixable=False,
    what_it_does=(
        "Flags imports of a module whose absolute dotted name matches one of "
        "`ssot-compat-patterns` (fnmatch, case-sensitive). Nothing is a shim until the "
        "configuration names a pattern: `_compat` modules are also how libraries keep "
        "Python-version shims, which are no migration's leftovers."
    ),
    why=(
        "Compatibility shims are written to be deleted after a migration; every import of "
        "one is a reason it cannot be."
    ),
    example=(
        "# ssot-compat-patterns = *_compat, *_compat.*\n"
        "from netra_backend.app.websocket_core.unified_manager_compat import UnifiedManager\n"
    ),
    use_instead=(
        "from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager\n"
    ),
)

COMPAT = MessageKind(
    "SOT301",
    "compat",
    "'{module}' is a compat shim (matches '{pattern}'): import from the module it wraps",
)
#: A shim names no module to go to: ``fix`` leaves every one of its imports.
NO_REPLACEMENT = MessageKind(
    None, "no-shim-replacement", "no replacement is configured for a compat shim"
)

# A compat pattern: dotted-name characters, fnmatch wildcards and [...] sets.
_COMPAT_PATTERN_RE = re.compile(r"^(?:[A-Za-z0-9_.*?]|\[!?[A-Za-z0-9_-]+\])+$")


def parse_compat_patterns(raw: RawValue, config_dir: Path) -> tuple[str, ...]:
    """Validate fnmatch patterns over dotted module names."""
    checked = []
    for pattern in words(raw):
        pattern = identifier_text(pattern)
        if not pattern:
            continue
        if not _COMPAT_PATTERN_RE.match(pattern):
            raise ConfigError(
                COMPAT_PATTERNS.name,
                pattern,
                "a pattern holds dotted-name characters, * ? and [...] sets only",
            )
        checked.append(pattern)
    return tuple(checked)


COMPAT_PATTERNS: Option[tuple[str, ...]] = Option(
    "ssot-compat-patterns",
    value="fnmatch patterns over absolute dotted module names, separated by commas or whitespace",
    default_text="none (SOT301 is off until a pattern is set)",
    help="fnmatch patterns over absolute dotted module names that mark "
    "compat shims: imports of them are SOT301 (e.g. *_compat, *_compat.*). "
    "(Default: none)",
    parse=parse_compat_patterns,
    comma_separated_list=True,
)


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


def match(imported: ImportedName, context: Context) -> Hit | None:
    """A hit when the imported module, or a submodule imported by name, is a shim.

    ``from pkg import name_compat`` is an import of ``pkg.name_compat`` unless
    ``pkg`` is a first-party package in which no such submodule exists (then
    it is just a name defined in ``pkg``).
    """
    patterns = context.settings[COMPAT_PATTERNS]
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


def fix_name(hit: Hit, context: Context) -> Redirect | Message:
    return NO_REPLACEMENT()


def fix_module(hit: Hit, context: Context) -> str | Message | None:
    return NO_REPLACEMENT()


def messages(hits: list[Hit]) -> tuple[Message, ...]:
    """One message per shim of a statement, naming the pattern it matched."""
    subjects = dict.fromkeys((hit.subject, hit.entry) for hit in hits)
    return tuple(COMPAT(module=subject, pattern=pattern) for subject, pattern in subjects)


def retired(module: str, settings: Settings) -> Retirement | None:
    """Why imports of ``module`` are themselves reported, if it is a shim."""
    pattern = matching_pattern(module, settings[COMPAT_PATTERNS])
    if pattern is None:
        return None
    return Retirement(f"matches the compat pattern '{pattern}'", None)


RULE = Rule(
    codes=(SOT301,),
    options=(COMPAT_PATTERNS, SOURCE_ROOTS, TYPE_CHECKING_IMPORTS),
    imports=ImportPart(
        code=SOT301,
        match=match,
        messages=messages,
        fix_name=fix_name,
        fix_module=fix_module,
        retired=retired,
    ),
)
