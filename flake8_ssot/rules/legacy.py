"""SOT201: imports of a legacy module or anything inside it (subtree semantics).

A legacy module was replaced wholesale, so its submodules are legacy too;
the match is by dotted components, so ``logging_config_v2`` is not
``logging_config``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from flake8_ssot.rules.base import (
    Code,
    ConfigError,
    Message,
    MessageKind,
    Option,
    RawValue,
    Settings,
)
from flake8_ssot.rules.deadlines import (
    deadline,
    deadline_text,
    reason_text,
    unreachable_deadlines,
)
from flake8_ssot.rules.deprecated import DEPRECATED_MODULES
from flake8_ssot.rules.import_advice import DOES_NOT_DEFINE, module_target, name_target
from flake8_ssot.rules.module_entries import (
    ENTRY_FORM,
    MODULE_ENTRY,
    ModuleEntry,
    entry_modules,
    parse_module_list,
    replacement_targets,
)
from flake8_ssot.rules.project_options import PROJECT_VERSION, SOURCE_ROOTS, TYPE_CHECKING_IMPORTS
from flake8_ssot.rules.rule import (
    Context,
    Hit,
    ImportedName,
    ImportPart,
    Redirect,
    Retirement,
    Rule,
    Target,
)

SOT201 = Code(
    code="SOT201",
    title="import of a legacy module",
    summary=("an import of a legacy module or anything inside it (by dotted components)"),
    fixable=True,
    what_it_does=(
        "Flags imports of a module listed in `ssot-legacy-modules` or of anything inside it "
        "(subtree semantics, by dotted components: `logging_config_v2` is not "
        "`logging_config`)."
    ),
    why=(
        "A legacy module was replaced wholesale by a canonical one; every new import of it "
        "keeps two sources of truth alive."
    ),
    example=(
        "# ssot-legacy-modules =\n"
        "#     netra_backend.app.logging_config = shared.logging.unified_logging_ssot\n"
        "from netra_backend.app.logging_config import get_logger\n"
    ),
    use_instead=("from shared.logging.unified_logging_ssot import get_logger\n"),
)

SOT202 = Code(
    code="SOT202",
    title="import of a legacy module past its removal",
    summary="the same, once the project version has reached the entry's `removed-in`",
    fixable=True,
    what_it_does=(
        "Flags what SOT201 flags, for an entry of `ssot-legacy-modules` with "
        "`; removed-in VERSION`, once the project's version (`ssot-project-version`, "
        "else the version setup.cfg or pyproject.toml states) has reached VERSION "
        "(prereleases count: `2.1rc1` is reached by `2.1`, not by `2.1.dev0`). The "
        "message is SOT201's, naming both versions."
    ),
    why=(
        "The legacy module was to be gone by now. Under a code of its own, CI can select "
        "only the overdue imports while editors show every one, and imports accepted under "
        "SOT201 (`# noqa: SOT201`, a baseline) are reported again."
    ),
    example=(
        "# ssot-project-version = 3.0\n"
        "# ssot-legacy-modules =\n"
        "#     app.logging_config = shared.logging ; removed-in 3.0\n"
        "from app.logging_config import get_logger\n"
    ),
    use_instead="from shared.logging import get_logger\n",
)

LEGACY = MessageKind("SOT201", "legacy", "'{module}' is legacy{deadline}{reason}")
LEGACY_USE = MessageKind(
    "SOT201", "legacy-use", "'{module}' is legacy{deadline}: use {replacement}{reason}"
)
LEGACY_USE_MISSING = MessageKind(
    "SOT201",
    "legacy-use-missing",
    "'{module}' is legacy{deadline}: use {replacement} (it does not define {names}){reason}",
)
INSIDE_REPLACED = MessageKind(
    "SOT201",
    "inside-replaced",
    "'{module}' is legacy{deadline}: '{entry}' is replaced by {replacement}{reason}",
)
INSIDE = MessageKind(
    "SOT201", "inside", "'{module}' is legacy (inside '{entry}'){deadline}{reason}"
)
#: What is inside a legacy module has no known counterpart in its replacement.
SUBTREE = MessageKind(None, "subtree", "no replacement is known for this part of the legacy module")


def _parse(raw: RawValue, config_dir: Path) -> dict[str, ModuleEntry]:
    return parse_module_list(LEGACY_MODULES.name, raw)


LEGACY_MODULES: Option[dict[str, ModuleEntry]] = Option(
    "ssot-legacy-modules",
    value=MODULE_ENTRY,
    default_text="none",
    help=f"Legacy modules (module and all submodules), one '{ENTRY_FORM}' per line: "
    "imports of them are SOT201.",
    parse=_parse,
)


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


def match(imported: ImportedName, context: Context) -> Hit | None:
    """A hit when the imported module, or ``module.name``, is legacy."""
    legacy = context.settings[LEGACY_MODULES]
    for candidate in (imported.module, imported.as_module):
        if candidate is None:
            continue
        entry = enclosing_entry(candidate, legacy)
        if entry is not None:
            found = legacy[entry]
            due = deadline(found.removed_in, context.settings)
            hit = Hit(
                imported, candidate, entry, found.replacement, deadline=due, reason=found.reason
            )
            return _with_redirect(hit, context)
    return None


def _with_redirect(hit: Hit, context: Context) -> Hit:
    """``from OLD import name`` moves to NEW only where NEW binds the name too."""
    name = hit.imported.name
    new = hit.replacement
    if new is None or name is None or name == "*" or hit.imported.module != hit.entry:
        return hit
    binds = context.project.binds(new, name)
    if binds:
        return hit.redirected(Redirect(new, name))
    if binds is False:
        return hit.noted(DOES_NOT_DEFINE(module=new, name=name))
    return hit


def fix_name(hit: Hit, context: Context) -> Redirect | Message:
    """``from OLD import name`` moves to NEW only where NEW binds the name (the redirect)."""
    if hit.subject != hit.entry:
        return SUBTREE()
    return name_target(hit, context)


def fix_module(hit: Hit, context: Context) -> str | Message | None:
    """``import OLD as x`` becomes ``import NEW as x`` (the fixer checks ``x.attr`` uses)."""
    if hit.subject != hit.entry:
        return SUBTREE()
    return module_target(hit)


def messages(hits: list[Hit]) -> tuple[Message, ...]:
    """One message per legacy module of a statement, naming its replacement."""
    rendered = []
    seen: set[str] = set()
    for hit in hits:
        if hit.subject in seen:
            continue
        seen.add(hit.subject)
        due = deadline_text(hit.deadline)
        why = reason_text(hit.reason)
        if hit.subject != hit.entry:
            if hit.replacement:
                rendered.append(
                    INSIDE_REPLACED(
                        module=hit.subject,
                        deadline=due,
                        entry=hit.entry,
                        replacement=hit.replacement,
                        reason=why,
                    )
                )
            else:
                rendered.append(
                    INSIDE(module=hit.subject, entry=hit.entry, deadline=due, reason=why)
                )
            continue
        if not hit.replacement:
            rendered.append(LEGACY(module=hit.subject, deadline=due, reason=why))
            continue
        missing = [
            str(other.imported.name)
            for other in hits
            if other.subject == hit.subject and other.note is not None
        ]
        if missing:
            names = ", ".join(dict.fromkeys(missing))
            rendered.append(
                LEGACY_USE_MISSING(
                    module=hit.subject,
                    deadline=due,
                    replacement=hit.replacement,
                    names=names,
                    reason=why,
                )
            )
        else:
            rendered.append(
                LEGACY_USE(
                    module=hit.subject, deadline=due, replacement=hit.replacement, reason=why
                )
            )
    return tuple(rendered)


def retired(module: str, settings: Settings) -> Retirement | None:
    """Why imports of ``module`` are themselves reported, if it is legacy."""
    legacy = enclosing_entry(module, settings[LEGACY_MODULES])
    if legacy is None:
        return None
    return Retirement(
        f"lies inside the legacy module '{legacy}'", settings[LEGACY_MODULES][legacy].replacement
    )


def targets(settings: Settings) -> list[Target]:
    return replacement_targets(LEGACY_MODULES.name, settings[LEGACY_MODULES])


def validate(settings: Settings) -> None:
    """A module is either deprecated (exact) or legacy (subtree), never both."""
    deprecated = settings[DEPRECATED_MODULES]
    for module in settings[LEGACY_MODULES]:
        if module in deprecated:
            raise ConfigError(
                LEGACY_MODULES.name,
                module,
                f"'{module}' is also listed in {DEPRECATED_MODULES.name}",
            )


RULE = Rule(
    codes=(SOT201, SOT202),
    options=(LEGACY_MODULES, SOURCE_ROOTS, PROJECT_VERSION, TYPE_CHECKING_IMPORTS),
    imports=ImportPart(
        code=SOT201,
        overdue=SOT202,
        match=match,
        messages=messages,
        fix_name=fix_name,
        fix_module=fix_module,
        # A legacy module is replaced on purpose: ``import OLD as x`` becomes NEW where
        # each ``x.attr`` exists in NEW (dunders included, as part of the swap).
        swaps_module_objects=True,
        # The legacy module's own files keep their imports: they go when it goes.
        keeps_own_files=True,
        retired=retired,
    ),
    validate=validate,
    targets=targets,
    review=lambda context: unreachable_deadlines(
        LEGACY_MODULES.name, context.settings[LEGACY_MODULES], context.settings
    ),
    named_modules=lambda settings: entry_modules(
        LEGACY_MODULES.name, settings[LEGACY_MODULES], "legacy module"
    ),
)
