"""SOT501 and SOT502: one home for each registered canonical symbol.

SOT502 takes part in the import pass like its siblings (last in precedence,
so an import through a deprecated facade is reported once, as SOT101).
SOT501 looks at module-level definitions, and only in files whose text
mentions a registered name at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

from flake8_ssot.model.bindings import Binding, Dynamic
from flake8_ssot.model.imports import is_dotted_name
from flake8_ssot.model.project import Project
from flake8_ssot.model.text_scan import searchable_text, word_positions
from flake8_ssot.rules.base import (
    Code,
    ConfigError,
    Diagnostic,
    Message,
    MessageKind,
    Option,
    RawValue,
    Settings,
    diagnostic,
    identifier_text,
    split_entries,
)
from flake8_ssot.rules.import_advice import DOES_NOT_DEFINE
from flake8_ssot.rules.project_options import SOURCE_ROOTS, TYPE_CHECKING_IMPORTS
from flake8_ssot.rules.rule import (
    Context,
    Hit,
    ImportedName,
    ImportPart,
    LintedFile,
    Redirect,
    Review,
    Rule,
    Target,
)

SOT501 = Code(
    code="SOT501",
    title="second definition of a canonical symbol",
    summary=(
        "a second module-level definition (class, function, binding) of a registered canonical "
        "symbol outside its home"
    ),
    fixable=False,
    what_it_does=(
        "Flags, in any module other than its home, a module-level `class Name`, `def Name`, "
        "`async def Name` or binding `Name = ...` of a name registered in "
        "`ssot-canonical-symbols` (definitions under module-level `if`/`try` blocks count). "
        "A home may be a public re-export: the definition it re-exports is the one "
        "definition, and importing from the defining module is SOT502's side door. A home "
        "that serves the name only from its module `__getattr__` (a lazy package "
        "`__init__` that imports it under `if TYPE_CHECKING:`, as pydantic's does) is not "
        "read, so no definition of that name is reported."
    ),
    why=(
        "A second definition is a second source of truth: callers split between two "
        "implementations, and a compat alias such as `WebSocketManager = "
        "UnifiedWebSocketManager` keeps the old one alive."
    ),
    example=(
        "# netra_backend/app/websocket_core/unified_manager.py, with ssot-canonical-symbols =\n"
        "#     netra_backend.app.websocket_core.websocket_manager:WebSocketManager\n"
        "WebSocketManager = UnifiedWebSocketManager\n"
    ),
    use_instead=(
        "from netra_backend.app.websocket_core.websocket_manager import WebSocketManager\n"
    ),
)
SOT502 = Code(
    code="SOT502",
    title="canonical symbol imported from outside its home",
    summary=(
        "a registered canonical symbol imported from a first-party module other than its home"
    ),
    fixable=True,
    what_it_does=(
        "Flags `from X import Name` (absolute or relative) where `Name` is registered in "
        "`ssot-canonical-symbols`, `X` is a first-party module (found under the source roots) "
        "other than the name's home, and no higher-precedence code already reports the "
        "import. Third-party modules that export the same name are not reported, nor is "
        "`from pkg import Name` where `pkg/Name.py` is a submodule. The home is advised "
        "only where the side door hands out the home's very object: not where it binds "
        "the name itself, serves it from a module `__getattr__`, or writes its own "
        "namespace at run time. A home that serves the name from its own module "
        "`__getattr__` is advised but never rewritten to: what it serves is not read. "
        "Imports inside the home's own package are not reported (a package's modules "
        "import from each other, not from their package's `__init__`)."
    ),
    why=(
        "Importing a canonical symbol through a side door (a re-exporting package, a module "
        "that imported it) ties the caller to that door, which then can never be removed."
    ),
    example=(
        "# ssot-canonical-symbols =\n"
        "#     netra_backend.app.websocket_core.websocket_manager:WebSocketManager\n"
        "from netra_backend.app.services import WebSocketManager\n"
    ),
    use_instead=(
        "from netra_backend.app.websocket_core.websocket_manager import WebSocketManager\n"
    ),
)


SECOND_DEFINITION = MessageKind(
    "SOT501",
    "second-definition",
    "{kind} {name} redefines a canonical symbol: import it from {home}",
)
SIDE_DOOR = MessageKind("SOT502", "side-door", "{names} imported from {module}: import from {home}")
# A side door that rebinds the name hands out another object: importing
# from the home instead would change the program, so that is not advised.
REBOUND = MessageKind(
    "SOT502",
    "rebound",
    "'{name}' imported from {module}, which binds it itself: remove that second definition, "
    "then import from {home}",
)
BINDS_ITSELF = MessageKind(
    None, "binds-itself", "{module} binds {name} itself, not by importing it from {home}"
)
SERVED_BY_GETATTR = MessageKind(
    None, "served-by-getattr", "{module} serves {name} from its module __getattr__"
)
SETS_AT_RUN_TIME = MessageKind(
    None,
    "sets-at-run-time",
    "{module} may set {name} at run time (it writes its own namespace)",
)
SERVED = MessageKind(
    "SOT502",
    "served",
    "'{name}' imported from {module}, which serves it from its module __getattr__: import "
    "from {home} once that shim hands out the home's object",
)
SET_AT_RUN_TIME = MessageKind(
    "SOT502",
    "set-at-run-time",
    "'{name}' imported from {module}, which writes its own namespace at run time: import "
    "from {home} once it binds the home's object",
)
NOT_DEFINED = MessageKind(
    "SOT502",
    "not-defined",
    "'{name}' imported from {module}, which does not define it: import from {home}",
)
HOME_SERVES = MessageKind(
    None,
    "home-serves",
    "{home} serves {name} from its module __getattr__, which is not read: "
    "whether it is {module}'s object is not known",
)
HOME_MAY_SET = MessageKind(
    None,
    "home-may-set",
    "{home} may set {name} at run time (it writes its own namespace): whether it is "
    "{module}'s object is not known",
)
DYNAMIC_HOME = MessageKind(
    "SOT502",
    "dynamic-home",
    "'{name}' imported from {module}: import from {home} (which binds it, and may set it at "
    "run time: it writes its own namespace)",
)
LAZY_HOME = MessageKind(
    "SOT502",
    "lazy-home",
    "'{name}' imported from {module}: import from {home} (which serves it from its module "
    "__getattr__)",
)
NOT_FROM_HOME = MessageKind(
    None, "not-from-home", "{module} does not import the name from its home"
)


def parse_canonical_symbols(raw: RawValue, config_dir: Path) -> dict[str, str]:
    """``package.module:Name`` entries; a name may have one home only."""
    option = CANONICAL_SYMBOLS.name
    homes: dict[str, str] = {}
    for entry in split_entries(raw):
        module, colon, name = (identifier_text(part) for part in entry.partition(":"))
        if not colon:
            raise ConfigError(option, entry, "expected 'package.module:Name'")
        if not is_dotted_name(module):
            raise ConfigError(option, entry, f"{module!r} is not a dotted module name")
        if not is_dotted_name(name) or "." in name:
            raise ConfigError(option, entry, f"{name!r} is not a name")
        if name in homes:
            raise ConfigError(option, entry, f"{name!r} already has a home: {homes[name]}")
        homes[name] = module
    return homes


#: Each registered canonical name -> the dotted module that is its home.
CANONICAL_SYMBOLS: Option[dict[str, str]] = Option(
    "ssot-canonical-symbols",
    value="one `package.module:Name` per line: the home of each canonical symbol "
    "(a name has one home)",
    default_text="none",
    help="Canonical symbols, one 'package.module:Name' per line: a second "
    "definition elsewhere is SOT501, an import from another first-party "
    "module is SOT502.",
    parse=parse_canonical_symbols,
)


def match(imported: ImportedName, context: Context) -> Hit | None:
    """A hit for ``from X import Name`` with X first-party and not Name's home."""
    name = imported.name
    if name is None:
        return None
    home = context.settings[CANONICAL_SYMBOLS].get(name)
    if home is None or imported.module == home:
        return None
    if not context.project.is_first_party(imported.module):
        return None
    project = context.project
    if (
        project.is_submodule(imported.module, name)
        and project.origin(imported.module, name) is None
    ):
        return None  # ``pkg/Manager.py``: the import gets the submodule, not the symbol
    note = _why_not_from_home(imported.module, name, home, project)
    if note is not None:
        return Hit(imported, imported.module, f"{home}:{name}", home, note=note)
    return Hit(imported, imported.module, f"{home}:{name}", home, Redirect(home, name))


def _why_not_from_home(module: str, name: str, home: str, project: Project) -> Message | None:
    """Why ``from module import name`` must not move to the home; None when it may."""
    side_door = project.resolve(module, name)
    summary = project.summary(module)
    if side_door is None and summary is not None:
        if summary.has_getattr:
            # A PEP 562 shim: what it hands out is not read here, so nothing is advised.
            return SERVED_BY_GETATTR(module=module, name=name)
        if summary.writes_namespace:
            return SETS_AT_RUN_TIME(module=module, name=name)
        if project.surely_lacks(module, name):
            return DOES_NOT_DEFINE(module=module, name=name)
    if side_door is None:
        return None
    at_home = project.resolve(home, name)
    if at_home is None and isinstance(project.origin(home, name), Dynamic):
        # SQLAlchemy's ``sqlalchemy.orm`` ends with ``__go(locals())``: it imports the name
        # like any re-export, but what it binds in the end is not read.
        return HOME_MAY_SET(home=home, name=name, module=module)
    if at_home is None and _serves_lazily(home, project):
        # pydantic's ``__init__``: names imported under ``if TYPE_CHECKING:`` and served by
        # ``__getattr__``, so the side door is most likely the very source: say import
        # from the home, but ``fix`` cannot tell it is the same object.
        return HOME_SERVES(home=home, name=name, module=module)
    if side_door != at_home:
        # The side door rebinds the name (a compat alias, a wrapper): importing
        # from the home would hand the caller another object.
        return BINDS_ITSELF(module=module, name=name, home=home)
    return None


def _serves_lazily(home: str, project: Project) -> bool:
    summary = project.summary(home)
    return summary is not None and summary.has_getattr


def fix_name(hit: Hit, context: Context) -> Redirect | Message:
    """The import moves to the home, unless the side door binds another object."""
    if hit.redirect is not None:
        return hit.redirect
    return hit.note or NOT_FROM_HOME(module=hit.subject)


def fix_module(hit: Hit, context: Context) -> str | Message | None:
    return None  # A canonical symbol is a name: ``import module`` never matches.


def messages(hits: list[Hit]) -> tuple[Message, ...]:
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
        rendered.append(SIDE_DOOR(names=quoted, module=module, home=home))
    for hit in rebound:
        name, home = str(hit.imported.name), hit.replacement or ""
        if hit.note is not None and hit.note.kind is SERVED_BY_GETATTR:
            rendered.append(SERVED(name=name, module=hit.subject, home=home))
        elif hit.note is not None and hit.note.kind is SETS_AT_RUN_TIME:
            rendered.append(SET_AT_RUN_TIME(name=name, module=hit.subject, home=home))
        elif hit.note is not None and hit.note.kind is DOES_NOT_DEFINE:
            rendered.append(NOT_DEFINED(name=name, module=hit.subject, home=home))
        elif hit.note is not None and hit.note.kind is HOME_SERVES:
            rendered.append(LAZY_HOME(name=name, module=hit.subject, home=home))
        elif hit.note is not None and hit.note.kind is HOME_MAY_SET:
            rendered.append(DYNAMIC_HOME(name=name, module=hit.subject, home=home))
        else:
            rendered.append(REBOUND(name=name, module=hit.subject, home=home))
    return tuple(rendered)


def definitions(file: LintedFile, context: Context) -> list[Diagnostic]:
    """SOT501 for each module-level definition of a registered name outside its home.

    The file is read as every other module is (its summary): what it binds
    at run time, under ``if``/``try``/``with``/``match`` alike, and not what
    exists only ``if TYPE_CHECKING:``.
    """
    homes = context.settings[CANONICAL_SYMBOLS]
    if not homes:
        return []
    # A definition of a name holds it as a word: a file without one is not read.
    text = searchable_text(file.source)
    if not any(word_positions(text, name) for name in homes):
        return []
    own = context.project.module_name(file.filename).dotted
    summary, statements = file.read(context)
    findings = []
    for name, home in homes.items():
        if own == home or name not in summary.named:
            continue
        canonical = context.project.resolve(home, name)
        if canonical == (own, name):
            continue  # the home re-exports this module's object: the one definition
        if canonical is None and context.project.summary(home) is not None:
            continue  # the home serves it (module __getattr__, run-time writes): unread
        for binding in summary.named[name]:
            statement = statements[binding.position - 1]
            if not _defines(binding, statement) or _same_object(binding, home, name, context):
                continue
            kind = _KINDS.get(type(statement), "binding")
            findings.append(
                diagnostic(
                    file.filename,
                    statement.lineno,
                    statement.col_offset,
                    [SECOND_DEFINITION(kind=kind, name=name, home=home)],
                    (f"{home}:{name}", kind),
                    end=_end(statement),
                )
            )
    findings.sort(key=lambda found: (found.line, found.col))
    return findings


def _end(statement: ast.stmt) -> tuple[int, int]:
    return statement.end_lineno or statement.lineno, statement.end_col_offset or 0


_KINDS: dict[type[ast.stmt], str] = {
    ast.ClassDef: "class",
    ast.FunctionDef: "function",
    ast.AsyncFunctionDef: "function",
}


def _defines(binding: Binding, statement: ast.stmt) -> bool:
    """The module makes the object it binds here (or names it again), by this statement.

    Importing the name is SOT502's business, ``del`` in a branch unbinds,
    and a ``global`` statement in a function rebinds the name only when the
    function runs: neither is a second definition.
    """
    if isinstance(statement, (ast.Import, ast.ImportFrom, ast.Delete)):
        return False
    return not any(branch.arm == "global" for branch in binding.branches)


def _same_object(binding: Binding, home: str, name: str, context: Context) -> bool:
    """``Factory = _F`` after ``from home import Factory as _F``: the same object, no second one."""
    if binding.source is None or binding.original is None:
        return False
    project = context.project
    canonical = project.resolve(home, name)
    return canonical is not None and project.resolve(binding.source, binding.original) == canonical


def targets(settings: Settings) -> list[Target]:
    """Each canonical home: where users (and ``fix``) are sent."""
    return [
        Target(CANONICAL_SYMBOLS.name, f"{home}:{name}", "home", home)
        for name, home in settings[CANONICAL_SYMBOLS].items()
    ]


def review(context: Context) -> list[Review]:
    """A home under the source roots that surely does not bind its symbol: every import
    of the name would be sent where it is not."""
    return [
        Review(
            True,
            CANONICAL_SYMBOLS.name,
            f"{home}:{name}",
            f"{home} does not define {name}",
        )
        for name, home in context.settings[CANONICAL_SYMBOLS].items()
        if context.project.is_first_party(home) and context.project.binds(home, name) is False
    ]


RULE = Rule(
    codes=(SOT501, SOT502),
    options=(CANONICAL_SYMBOLS, SOURCE_ROOTS, TYPE_CHECKING_IMPORTS),
    imports=ImportPart(
        code=SOT502,
        match=match,
        messages=messages,
        fix_name=fix_name,
        fix_module=fix_module,
    ),
    check_file=definitions,
    targets=targets,
    review=review,
)
