"""SOT101: imports of a deprecated module, with exact-module semantics.

A deprecated package facade is bypassed by importing its real submodules,
so ``import FACADE.sub`` and ``from FACADE import sub`` are the cure, not
the disease; only the facade's own names are reported.
"""

from __future__ import annotations
import __future__

from pathlib import Path
from typing import cast

from flake8_ssot.model.bindings import Chosen, Defined, Dynamic, Reexport
from flake8_ssot.model.project import Project
from flake8_ssot.rules.base import Code, Message, MessageKind, Option, RawValue, Settings
from flake8_ssot.rules.canonical import CANONICAL_SYMBOLS
from flake8_ssot.rules.deadlines import (
    deadline,
    deadline_text,
    reason_text,
    unreachable_deadlines,
)
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

SOT101 = Code(
    code="SOT101",
    title="import of a deprecated module",
    summary=(
        "an import of a deprecated module: the module itself or a name it defines or re-"
        "exports, not its real submodules"
    ),
    fixable=True,
    what_it_does=(
        "Flags imports of a module listed in `ssot-deprecated-modules`, with exact-module "
        "semantics: the module itself and the names it defines or re-exports, but not its "
        "real submodules. For a name the deprecated package facade re-exports from one of "
        "its submodules, the message names that submodule (read statically from the "
        "facade's `__init__.py`), or the entry's replacement when that binds the very same "
        "object. A name the facade makes itself (a deprecation wrapper) goes to the "
        "replacement's own object of that name, where it has one: that swap is what "
        "configuring the replacement asks for. A module that does not bind the name is "
        "never advised (a facade's `except ImportError: name = None` fallback stays). A "
        "name the facade does not provide at all fails to import: the message says so and "
        "names the one first-party module that defines it, where `fix` sends it."
    ),
    why=(
        "A package facade that re-exports everything keeps every caller coupled to it, and "
        "a DeprecationWarning at import time is seen by nobody. Importing from the module "
        "that defines a name is what lets the facade be deleted."
    ),
    example=(
        "# ssot-deprecated-modules = netra_backend.app.websocket_core\n"
        "from netra_backend.app.websocket_core import WebSocketManager\n"
    ),
    use_instead=(
        "from netra_backend.app.websocket_core.websocket_manager import WebSocketManager\n"
    ),
)

SOT102 = Code(
    code="SOT102",
    title="import of a deprecated module past its removal",
    summary=("the same, once the project version has reached the entry's `removed-in`"),
    fixable=True,
    what_it_does=(
        "Flags what SOT101 flags, for an entry of `ssot-deprecated-modules` with "
        "`; removed-in VERSION`, once the project's version (`ssot-project-version`, "
        "else the version setup.cfg or pyproject.toml states) has reached VERSION "
        "(prereleases count: `2.1rc1` is reached by `2.1`, not by `2.1.dev0`). The "
        "message is SOT101's, naming both versions."
    ),
    why=(
        "A deadline that passes without a sound is no deadline. Under a code of its own, "
        "CI can select only the overdue imports while editors show every one, and "
        "imports accepted under SOT101 (`# noqa: SOT101`, a baseline) are reported again."
    ),
    example=(
        "# ssot-project-version = 2.1\n"
        "# ssot-deprecated-modules = app.old_api = app.api ; removed-in 2.0\n"
        "from app.old_api import fetch\n"
    ),
    use_instead="from app.api import fetch\n",
)

DEPRECATED = MessageKind("SOT101", "deprecated", "'{module}' is deprecated{deadline}{reason}")
DEPRECATED_ADVISED = MessageKind(
    "SOT101", "deprecated-advised", "'{module}' is deprecated{deadline}: {advice}{reason}"
)
# The parts of the advice, each only where it is true of the names it names.
IMPORT_FROM = MessageKind(None, "import-from", "import {names} from {module}")
IMPORT_AS = MessageKind(None, "import-as", "from {module} import {name} as {alias}")
DEFINED_ONE = MessageKind(None, "defined-itself", "{names} is defined in {module} itself")
DEFINED_MANY = MessageKind(None, "defined-itself-many", "{names} are defined in {module} itself")
CHOSEN = MessageKind(None, "chosen", "{module} chooses {name} at import time from {sources}")
STAR_UNREAD = MessageKind(
    None,
    "star-unread",
    "{module} may take {name} from {source} (a star import of a module not read)",
)
GETATTR = MessageKind(None, "getattr", "{module} serves {name} from its module __getattr__")
WRITES_NAMESPACE = MessageKind(
    None,
    "writes-namespace",
    "{module} may set {name} at run time (it writes its own namespace: globals(), vars(), "
    "exec or setattr on itself)",
)
USE = MessageKind(None, "use", "use {module}")
REPLACEMENT_OWN = MessageKind(
    None,
    "replacement-own",
    "import {names} from {module}, the replacement's own object ({facade} defines another)",
)
REPLACEMENT_OWN_MANY = MessageKind(
    None,
    "replacement-own-many",
    "import {names} from {module}, the replacement's own objects ({facade} defines others)",
)
REPLACEMENT_UNREAD = MessageKind(
    None,
    "replacement-unread",
    "{name} is defined in {facade} itself; {module} binds one too, but may set it at run "
    "time (it writes its own namespace), so it is not advised",
)
# A name the facade does not provide at all: the import fails today.
NOT_PROVIDED_ONE = MessageKind(
    None,
    "not-provided-one",
    "{facade} does not provide {name}, so this import fails: import it from {module}, "
    "the one first-party module that defines it",
    broken=True,
)
NOT_PROVIDED_MANY = MessageKind(
    None,
    "not-provided-many",
    "{facade} does not provide {name}, so this import fails; {modules} each define one",
    broken=True,
)
NOT_PROVIDED_NONE = MessageKind(
    None,
    "not-provided-none",
    "{facade} does not provide {name}, so this import fails, and no first-party module defines it",
    broken=True,
)
NOT_PROVIDED = (NOT_PROVIDED_ONE, NOT_PROVIDED_MANY, NOT_PROVIDED_NONE)
FALLBACK = MessageKind(
    None,
    "fallback",
    "{module}.{name} is its fallback value: {source} does not define {name}",
    broken=True,
)


def _parse(raw: RawValue, config_dir: Path) -> dict[str, ModuleEntry]:
    return parse_module_list(DEPRECATED_MODULES.name, raw)


DEPRECATED_MODULES: Option[dict[str, ModuleEntry]] = Option(
    "ssot-deprecated-modules",
    value=MODULE_ENTRY,
    default_text="none",
    help=f"Deprecated modules (exact module), one '{ENTRY_FORM}' per line: "
    "imports of them are SOT101.",
    parse=_parse,
)


def match(imported: ImportedName, context: Context) -> Hit | None:
    """A hit when this imports the facade itself or one of its own names."""
    deprecated = context.settings[DEPRECATED_MODULES]
    entry = deprecated.get(imported.module)
    if entry is not None:
        if imported.name is None or imported.name == "*":
            return _module_hit(imported, entry, context)
        if _is_submodule_import(entry.module, imported.name, context):
            return None
        return _name_hit(imported, entry, imported.name, context)
    as_module = imported.as_module
    if as_module is not None and as_module in deprecated:
        return _module_hit(imported, deprecated[as_module], context)
    return None


def _module_hit(imported: ImportedName, entry: ModuleEntry, context: Context) -> Hit:
    due = deadline(entry.removed_in, context.settings)
    return Hit(
        imported, entry.module, entry.module, entry.replacement, deadline=due, reason=entry.reason
    )


def _is_submodule_import(facade: str, name: str, context: Context) -> bool:
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


def _name_hit(imported: ImportedName, entry: ModuleEntry, name: str, context: Context) -> Hit:
    """A hit for one name of the facade, with the one place it may be imported from.

    The facade's own import of the name is the truth, unless the configured
    replacement binds the very same object (then the replacement is where
    the migration goes), or the name is the facade's own and the
    replacement has its own object of that name (the swap configuring the
    replacement asks for). The replacement is also the fallback for names
    the facade does not visibly bind, when it binds the name itself. A
    module that does not bind the name is never advised.
    """
    project = context.project
    facade = entry.module
    new = entry.replacement
    found = project.origin(facade, name)
    redirect: Redirect | None = None
    note: Message | None = None
    if isinstance(found, Reexport):
        home = context.settings[CANONICAL_SYMBOLS].get(name)
        if home is not None and home != facade and _binds_same(home, facade, name, project):
            redirect = Redirect(home, name)  # straight to the home: SOT502 has no say then
        elif found.module != new and _binds_same(new, facade, name, project):
            redirect = Redirect(str(new), name)
        elif project.surely_lacks(found.module, found.name):
            note = DOES_NOT_DEFINE(module=found.module, name=found.name)
        else:
            redirect = Redirect(found.module, found.name)
    elif isinstance(found, Defined):
        lacking = project.lacking_source(facade, name)
        if lacking is not None:
            note = FALLBACK(module=facade, name=name, source=lacking)
        elif new is not None and _binds_own_object(new, name, project):
            redirect = Redirect(new, name)
            note = REPLACEMENT_OWN(names=name, module=new, facade=facade)
        elif new is not None and isinstance(project.origin(new, name), Dynamic):
            note = REPLACEMENT_UNREAD(name=name, module=new, facade=facade)
        else:
            note = DEFINED_ONE(names=name, module=facade)
    elif isinstance(found, Dynamic):
        note = WRITES_NAMESPACE(module=facade, name=name)
    elif isinstance(found, Chosen):
        note = CHOSEN(module=facade, name=name, sources=" or ".join(found.sources))
    elif (unread := _unread_star_source(facade, project)) is not None:
        # ``from json import *``: the name may well come from there, and the
        # replacement's object of that name would be another one.
        note = STAR_UNREAD(module=facade, name=name, source=unread)
    elif new is not None and project.binds(new, name):
        redirect = Redirect(new, name)
    elif _fails_to_import(facade, name, project):
        redirect, note = _not_provided(facade, name, project)
    else:
        summary = project.summary(facade)
        if summary is not None and summary.has_getattr:
            note = GETATTR(module=facade, name=name)
    return Hit(
        imported,
        facade,
        facade,
        new,
        redirect,
        note,
        deadline(entry.removed_in, context.settings),
        entry.reason,
    )


def _fails_to_import(facade: str, name: str, project: Project) -> bool:
    """Whether ``from FACADE import name`` surely fails, as far as the project shows.

    Every module has its dunders; the summaries leave out ``from __future__
    import annotations`` (which binds); and another module may set the name on
    the facade (``facade.X = ...``), which no summary of the facade shows.
    """
    return (
        not (name.startswith("__") and name.endswith("__"))
        and name not in __future__.all_feature_names
        and project.surely_lacks(facade, name)
        and not project.set_as_attribute(name)
    )


def _not_provided(facade: str, name: str, project: Project) -> tuple[Redirect | None, Message]:
    """A name the facade does not provide at all (a re-export commented out while callers
    still import it): the one module that defines it, if exactly one does. The import
    fails today, so sending it there changes nothing that worked."""
    modules = [module for module in project.defined_in(name) if module != facade]
    if len(modules) == 1:
        return Redirect(modules[0], name), NOT_PROVIDED_ONE(
            facade=facade, name=name, module=modules[0]
        )
    if modules:
        return None, NOT_PROVIDED_MANY(facade=facade, name=name, modules=", ".join(modules))
    return None, NOT_PROVIDED_NONE(facade=facade, name=name)


def _binds_own_object(new: str, name: str, project: Project) -> bool:
    """Whether the replacement surely binds an object of its own under ``name``: not a
    submodule, a choice at import time, or a fallback for an import that fails."""
    found = project.origin(new, name)
    return (
        isinstance(found, (Defined, Reexport))
        and bool(project.binds(new, name))
        and project.lacking_source(new, name) is None
    )


def _binds_same(new: str | None, facade: str, name: str, project: Project) -> bool:
    """Whether the replacement surely binds ``name`` to the object the facade's ``name`` is."""
    if new is None or not project.binds(new, name):
        return False
    same = project.resolve(facade, name)
    return isinstance(same, tuple) and same == project.resolve(new, name)


def _unread_star_source(facade: str, project: Project) -> str | None:
    """A module the facade star-imports whose names cannot be read (not under the roots)."""
    summary = project.summary(facade)
    if summary is None:
        return None
    return next(
        (source for source, _, _ in summary.star_sources if project.summary(source) is None), None
    )


def fix_module(hit: Hit, context: Context) -> str | Message | None:
    """``import FACADE as x`` becomes ``import NEW as x`` (the fixer checks ``x.attr`` uses)."""
    return module_target(hit)


def messages(hits: list[Hit]) -> tuple[Message, ...]:
    """One message per facade of a statement: for each name, only what is true of it."""
    rendered = []
    for facade in dict.fromkeys(hit.entry for hit in hits):
        # Advice in the order the names were imported; names bound under the
        # same name in one module share an "import A, B from M".
        advice: dict[object, list[str]] = {}
        parts: dict[object, Message] = {}
        for hit in hits:
            if hit.entry != facade:
                continue
            name = hit.imported.name
            redirect = hit.redirect
            if hit.note is not None and hit.note.kind in NOT_PROVIDED:
                advice.setdefault(hit.note, [])
            elif redirect is not None and hit.note is not None and name is not None:
                key: object = (REPLACEMENT_OWN, redirect.module)
                advice.setdefault(key, []).append(name)
            elif redirect is not None and name is not None and redirect.name == name:
                key = (IMPORT_FROM, redirect.module)
                advice.setdefault(key, []).append(name)
            elif redirect is not None:
                key = IMPORT_AS(module=redirect.module, name=redirect.name, alias=str(name))
                advice.setdefault(key, [])
            elif name is not None and hit.note is not None and hit.note.kind is DEFINED_ONE:
                key = (DEFINED_ONE, facade)
                advice.setdefault(key, []).append(name)
            elif hit.note is not None:
                advice.setdefault(hit.note, [])
            elif hit.replacement is not None:
                advice.setdefault(USE(module=hit.replacement), [])
        for key, names in advice.items():
            parts[key] = _advice_part(key, list(dict.fromkeys(names)), facade)
        first = next(hit for hit in hits if hit.entry == facade)
        due, why = deadline_text(first.deadline), reason_text(first.reason)
        if parts:
            rendered.append(
                DEPRECATED_ADVISED(
                    module=facade, deadline=due, advice=tuple(parts.values()), reason=why
                )
            )
        else:
            rendered.append(DEPRECATED(module=facade, deadline=due, reason=why))
    return tuple(rendered)


def _advice_part(key: object, names: list[str], facade: str) -> Message:
    """The advice a key of :func:`messages` stands for, with the names it gathered."""
    if isinstance(key, Message):
        return key
    kind, module = cast(tuple[MessageKind, str], key)
    if kind is IMPORT_FROM:
        return IMPORT_FROM(names=", ".join(names), module=module)
    if kind is REPLACEMENT_OWN:
        own = REPLACEMENT_OWN_MANY if len(names) > 1 else REPLACEMENT_OWN
        return own(names=", ".join(names), module=module, facade=facade)
    return (DEFINED_MANY if len(names) > 1 else DEFINED_ONE)(names=", ".join(names), module=module)


def retired(module: str, settings: Settings) -> Retirement | None:
    """Why imports of ``module`` are themselves reported, if they are deprecated."""
    entry = settings[DEPRECATED_MODULES].get(module)
    if entry is None:
        return None
    return Retirement(f"is itself listed in {DEPRECATED_MODULES.name}", entry.replacement)


def targets(settings: Settings) -> list[Target]:
    """Each configured replacement: where users (and ``fix``) are sent."""
    return replacement_targets(DEPRECATED_MODULES.name, settings[DEPRECATED_MODULES])


RULE = Rule(
    codes=(SOT101, SOT102),
    options=(
        DEPRECATED_MODULES,
        SOURCE_ROOTS,
        CANONICAL_SYMBOLS,
        PROJECT_VERSION,
        TYPE_CHECKING_IMPORTS,
    ),
    imports=ImportPart(
        code=SOT101,
        overdue=SOT102,
        match=match,
        messages=messages,
        fix_name=name_target,
        fix_module=fix_module,
        # A facade is only a door: ``import FACADE as x`` becomes NEW only where each
        # ``x.attr`` is the very object it was.
        swaps_module_objects=False,
        retired=retired,
    ),
    targets=targets,
    review=lambda context: unreachable_deadlines(
        DEPRECATED_MODULES.name, context.settings[DEPRECATED_MODULES], context.settings
    ),
    named_modules=lambda settings: entry_modules(
        DEPRECATED_MODULES.name, settings[DEPRECATED_MODULES], "deprecated module"
    ),
)
