"""The shape of a rule, and the per-process context its detection consults.

A rule module exposes one :class:`Rule`: its codes, the options it reads,
and the parts of detection it takes part in. Import rules share one pass
over a file's imports (``imports``: where several classes apply to one
imported name, the first rule in the registry's order wins); other rules
look at the whole file (``check_file``).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from flake8_ssot.model.bindings import ModuleSummary, read_module
from flake8_ssot.model.classes import ClassResolver
from flake8_ssot.model.conftest_hooks import ConftestHooks
from flake8_ssot.model.imports import ImportRef
from flake8_ssot.model.project import Project
from flake8_ssot.model.pytest_config import PytestConfigFinder
from flake8_ssot.model.record import Record
from flake8_ssot.rules.base import Code, Diagnostic, Message, Option, Settings

if TYPE_CHECKING:
    from flake8_ssot.rules.deadlines import Deadline

    #: Which import rule matched first, and its hit (whose ``imported`` is the
    #: first statement that asked).
    FirstMatch = tuple["ImportPart", "Hit"]


class Context:
    """The per-process facts a rule may consult, each caching what it reads."""

    def __init__(
        self,
        settings: Settings,
        project: Project,
        pytest_configs: PytestConfigFinder,
        classes: ClassResolver,
        conftests: ConftestHooks,
    ) -> None:
        self.settings = settings
        self.project = project
        self.pytest_configs = pytest_configs
        self.classes = classes
        self.conftests = conftests
        #: (module, name) -> the first match, or None: import rules read nothing else.
        self.first_matches: dict[tuple[str, str | None], FirstMatch | None] = {}


class LintedFile:
    """One file as every rule sees it: parsed once, and read into a module summary once.

    The summary is the one every other module of the project is read into
    (what it binds at module level, in which branches), so a rule asks the
    same questions of the file it lints as of a facade or a base class.
    """

    __slots__ = ("tree", "source", "filename", "_read")

    def __init__(self, tree: ast.Module, source: str, filename: str) -> None:
        self.tree = tree
        self.source = source
        #: The path flake8 reports (the display name for stdin).
        self.filename = filename
        self._read: tuple[ModuleSummary, tuple[ast.stmt, ...]] | None = None

    def read(self, context: Context) -> tuple[ModuleSummary, tuple[ast.stmt, ...]]:
        """The file's summary, and the statement at each binding's position (made once)."""
        if self._read is None:
            name = context.project.module_name(self.filename)
            self._read = read_module(
                self.tree,
                name.dotted,
                name.is_package,
                self.source.encode("utf-8", "surrogatepass"),
            )
        return self._read


class ImportedName(Record):
    """One thing one statement imports: a module, or one name from a module.

    ``import a, b`` imports two modules; ``from m import x, y`` imports two
    names. Precedence between rules is decided per imported name.
    """

    __slots__ = ("ref", "module", "name")

    def __init__(self, ref: ImportRef, module: str, name: str | None) -> None:
        self.ref = ref
        self.module = module
        self.name = name

    @property
    def as_module(self) -> str | None:
        """``module.name``: the module this is, if the name is a submodule."""
        if self.name is None or self.name == "*":
            return None
        return f"{self.module}.{self.name}"


class Redirect(Record):
    """``from module import name`` gives the same object the user imported."""

    __slots__ = ("module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name


class Hit(Record):
    """An imported name that one import rule matched.

    ``subject`` is what the message calls out (the module that was
    imported), ``entry`` the configured module or pattern that matched it,
    and ``replacement`` the module to use instead, when one is configured.
    """

    __slots__ = (
        "imported",
        "subject",
        "entry",
        "replacement",
        "redirect",
        "note",
        "deadline",
        "reason",
    )

    def __init__(
        self,
        imported: ImportedName,
        subject: str,
        entry: str,
        replacement: str | None,
        redirect: Redirect | None = None,
        note: Message | None = None,
        deadline: Deadline | None = None,
        reason: str | None = None,
    ) -> None:
        self.imported = imported
        self.subject = subject
        self.entry = entry
        self.replacement = replacement
        #: Where this one name can be imported from instead, known to be bound
        #: there; the message advises it and ``fix`` rewrites to it, nothing else.
        self.redirect = redirect
        #: Why the name has no redirect, when that is worth telling the user.
        self.note = note
        #: The entry's ``removed-in``, and whether the project has reached it.
        self.deadline = deadline
        #: The entry's ``; reason TEXT``: the team's own words, after the message.
        self.reason = reason

    def _with(self, imported: ImportedName, redirect: Redirect | None, note: Message | None) -> Hit:
        return Hit(
            imported,
            self.subject,
            self.entry,
            self.replacement,
            redirect,
            note,
            self.deadline,
            self.reason,
        )

    def of(self, imported: ImportedName) -> Hit:
        """The same hit for another imported name."""
        return self._with(imported, self.redirect, self.note)

    def redirected(self, redirect: Redirect) -> Hit:
        """The same hit, with where the name can be imported from instead."""
        return self._with(self.imported, redirect, self.note)

    def noted(self, note: Message) -> Hit:
        """The same hit, with why the name has no redirect."""
        return self._with(self.imported, self.redirect, note)

    @property
    def overdue(self) -> bool:
        """The project's version has reached the entry's ``removed-in``."""
        return self.deadline is not None and self.deadline.reached_by is not None


class ImportPart:
    """A rule's part in the shared pass over imports: one code, matched per imported name.

    Declared once, in its rule module, and compared as that one object.
    """

    __slots__ = (
        "code",
        "overdue",
        "match",
        "messages",
        "fix_name",
        "fix_module",
        "swaps_module_objects",
        "keeps_own_files",
        "retired",
    )

    def __init__(
        self,
        code: Code,
        match: Callable[[ImportedName, Context], Hit | None],
        messages: Callable[[list[Hit]], tuple[Message, ...]],
        fix_name: Callable[[Hit, Context], Redirect | Message],
        fix_module: Callable[[Hit, Context], str | Message | None],
        swaps_module_objects: bool = False,
        keeps_own_files: bool = False,
        retired: Callable[[str, Settings], Retirement | None] | None = None,
        overdue: Code | None = None,
    ) -> None:
        self.code = code
        #: The code of a hit whose entry's ``removed-in`` the project has reached.
        self.overdue = overdue
        #: Whether this imported name is one of the rule's violations, and its facts.
        self.match = match
        #: The messages of one statement's hits (one finding per statement and code).
        self.messages = messages
        #: ``from MODULE import name``: where ``fix`` moves the name, or why it leaves it.
        self.fix_name = fix_name
        #: ``import MODULE as x``: the module ``fix`` imports instead, why not, or None
        #: when the rule never matches a module import.
        self.fix_module = fix_module
        #: ``fix`` may turn ``import OLD as x`` into NEW when each ``x.attr`` merely
        #: exists in NEW; when False, each must be the very object it was.
        self.swaps_module_objects = swaps_module_objects
        #: Files inside the matched module keep their imports (they go when it goes).
        self.keeps_own_files = keeps_own_files
        #: Why imports of a module are themselves reported by this rule, if they are: a
        #: replacement or home that is one would send users from one finding to the next.
        self.retired = retired

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code.code,) if self.overdue is None else (self.code.code, self.overdue.code)

    def code_of(self, hit: Hit) -> str:
        """The code a hit is reported under: the overdue one once its deadline has passed."""
        if self.overdue is not None and hit.overdue:
            return self.overdue.code
        return self.code.code


class Rule:
    """Everything the engine needs to know of one rule module (one object per module)."""

    __slots__ = (
        "codes",
        "options",
        "imports",
        "check_file",
        "validate",
        "prepare",
        "targets",
        "named_modules",
        "review",
        "every_option",
    )

    def __init__(
        self,
        codes: tuple[Code, ...],
        options: tuple[Option[Any], ...],
        imports: ImportPart | None = None,
        check_file: Callable[[LintedFile, Context], Sequence[Diagnostic]] | None = None,
        validate: Callable[[Settings], None] | None = None,
        prepare: Callable[[Context], None] | None = None,
        targets: Callable[[Settings], Sequence[Target]] | None = None,
        named_modules: Callable[[Settings], Sequence[Target]] | None = None,
        review: Callable[[Context], Sequence[Review]] | None = None,
        every_option: bool = False,
    ) -> None:
        self.codes = codes
        #: The options the rule reads (shared ones, such as the source roots, included).
        self.options = options
        self.imports = imports
        self.check_file = check_file
        #: Refuses what no single option can see wrong (an entry in two lists).
        self.validate = validate
        #: Work done once per process, before flake8 forks its workers.
        self.prepare = prepare
        #: The modules the configuration sends users to: (option, entry, role, module).
        self.targets = targets
        #: The modules the configuration names as the problem (a deprecated facade):
        #: with the targets, what ``check-config`` looks for under the source roots.
        self.named_modules = named_modules
        #: What ``check-config`` finds wrong that needs the project read (a home that
        #: does not define its symbol), beyond what parsing refuses.
        self.review = review
        #: Any option can cause its findings (configuration errors), not only its own.
        self.every_option = every_option


class Target(Record):
    """A module the configuration sends users (and ``fix``) to, and the entry that does."""

    __slots__ = ("option", "entry", "role", "module")

    def __init__(self, option: str, entry: str, role: str, module: str) -> None:
        self.option = option
        self.entry = entry
        #: What the module is to the entry: "replacement", "home".
        self.role = role
        self.module = module


class Retirement(Record):
    """Why imports of a module are reported by an import rule, and where it sends them."""

    __slots__ = ("problem", "successor")

    def __init__(self, problem: str, successor: str | None) -> None:
        #: "is itself listed in ssot-deprecated-modules", ...
        self.problem = problem
        #: The entry's replacement, if it has one: the next link of a chain.
        self.successor = successor


class Review(Record):
    """One mistake ``check-config`` finds in an entry: an error (exit 1) or a warning."""

    __slots__ = ("error", "option", "entry", "problem")

    def __init__(self, error: bool, option: str, entry: str, problem: str) -> None:
        self.error = error
        self.option = option
        self.entry = entry
        self.problem = problem

    @property
    def line(self) -> str:
        level = "error" if self.error else "warning"
        return f"flake8-ssot: {level}: {self.option}: entry {self.entry!r}: {self.problem}"
