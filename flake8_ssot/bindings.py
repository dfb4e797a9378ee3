"""What a module binds at module level when it runs, read statically.

SOT101's advice and the fixer ask the same questions of a facade or of a
replacement module: does it bind this name, and where does the object come
from? Answering them by "the last import of the name" lies as soon as a
facade renames (``from .events import emit_event as emit``), chooses
between two sources (``if``/``else``, ``try``/``except ImportError``) or
rebinds what it imported (``class Thing(Thing)``). So every binding is kept
with the branches it sits in, and :func:`origin` only names a module when
all of a name's bindings agree on one object.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Union

from flake8_ssot.imports import resolve_relative

#: Exceptions a handler catches when it guards an import against a broken install.
_IMPORT_ERRORS = frozenset(
    {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
)


@dataclass(frozen=True)
class Branch:
    """One arm of a module-level ``if``/``try``/loop: the statement's index and the arm."""

    statement: int
    arm: str


@dataclass(frozen=True)
class Binding:
    """One module-level binding of a name.

    ``source`` is the module an import takes the object from and ``original``
    its name there; ``original`` is None when the object is the module
    ``source`` itself (``import posixpath as path``), and both are None when
    the module makes the object itself (a definition, an assignment).
    """

    name: str
    source: str | None
    original: str | None
    branches: tuple[Branch, ...]


def is_definite(binding: Binding) -> bool:
    """Whether the binding exists whenever the module has been imported.

    Only module-level statements outside any branch, or in a ``try`` body
    (which runs unless the import fails), count: a name bound only under
    ``if sys.version_info < (3, 0):`` is not there to import.
    """
    return all(branch.arm == "try" for branch in binding.branches)


@dataclass(frozen=True)
class ModuleSummary:
    """A module's runtime top-level bindings, as far as they can be read without running it.

    Bindings under ``if TYPE_CHECKING:`` do not exist at run time and are
    left out. ``star_sources`` are the modules of ``from m import *``;
    ``declared_all`` the literal ``__all__``; ``loaded_submodules`` the
    submodules of this package that its own imports load, which makes them
    attributes of the package object.
    """

    module: str
    bindings: tuple[Binding, ...]
    star_sources: tuple[tuple[str, tuple[Branch, ...]], ...]
    declared_all: tuple[str, ...] | None
    loaded_submodules: frozenset[str]


def summarise(tree: ast.Module, module: str, is_package: bool) -> ModuleSummary:
    """The summary of one parsed module (``module`` is its dotted name)."""
    package = module if is_package else module.rpartition(".")[0]
    reader = _Reader(package or None, module if is_package else None)
    reader.read(tree.body, ())
    return ModuleSummary(
        module,
        tuple(reader.bindings),
        tuple(reader.star_sources),
        reader.declared_all,
        frozenset(reader.loaded_submodules),
    )


class _Reader:
    """Walks module-level statements, remembering which branch each binding is in."""

    def __init__(self, package: str | None, own_package: str | None) -> None:
        self.package = package
        self.own_package = own_package
        self.bindings: list[Binding] = []
        self.star_sources: list[tuple[str, tuple[Branch, ...]]] = []
        self.declared_all: tuple[str, ...] | None = None
        self.loaded_submodules: set[str] = set()
        self._statements = 0

    def read(self, body: list[ast.stmt], branches: tuple[Branch, ...]) -> None:
        pending = [(statement, branches) for statement in reversed(body)]
        while pending:
            statement, where = pending.pop()
            nested = list(self._visit(statement, where))
            pending.extend(reversed(nested))

    def _visit(
        self, statement: ast.stmt, where: tuple[Branch, ...]
    ) -> Iterator[tuple[ast.stmt, tuple[Branch, ...]]]:
        """Record a statement's bindings; yield the statements nested in it."""
        self._statements += 1
        index = self._statements
        if isinstance(statement, ast.If):
            if not _is_type_checking(statement.test):
                yield from _arm(statement.body, where, Branch(index, "if"))
            yield from _arm(statement.orelse, where, Branch(index, "else"))
        elif isinstance(statement, ast.Try):
            yield from _arm(statement.body, where, Branch(index, "try"))
            yield from _arm(statement.orelse, where, Branch(index, "try"))
            for handler in statement.handlers:
                arm = "guard" if _catches_import_error(handler.type) else "except"
                yield from _arm(handler.body, where, Branch(index, arm))
            yield from _arm(statement.finalbody, where, None)
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            yield from _arm(statement.body, where, None)
        elif isinstance(statement, (ast.For, ast.AsyncFor, ast.While)):
            yield from _arm(statement.body, where, Branch(index, "loop"))
            yield from _arm(statement.orelse, where, Branch(index, "loop"))
        elif isinstance(statement, ast.Match):
            for number, case in enumerate(statement.cases):
                yield from _arm(case.body, where, Branch(index, f"case{number}"))
        elif isinstance(statement, ast.Import):
            self._import(statement, where)
        elif isinstance(statement, ast.ImportFrom):
            self._import_from(statement, where)
        elif isinstance(statement, ast.Delete) and not where:
            deleted = {name for target in statement.targets for name in _target_names(target)}
            self.bindings = [binding for binding in self.bindings if binding.name not in deleted]
        else:
            self._local(statement, where)

    def _import(self, statement: ast.Import, where: tuple[Branch, ...]) -> None:
        for alias in statement.names:
            self._note_submodule(alias.name)
            if alias.asname is None:
                head = alias.name.partition(".")[0]
                self.bindings.append(Binding(head, head, None, where))
            else:
                parent, _, last = alias.name.rpartition(".")
                if parent:
                    self.bindings.append(Binding(alias.asname, parent, last, where))
                else:
                    self.bindings.append(Binding(alias.asname, alias.name, None, where))

    def _import_from(self, statement: ast.ImportFrom, where: tuple[Branch, ...]) -> None:
        source = resolve_relative(statement.level, statement.module, self.package)
        if source == "__future__":
            return
        if source is None:
            for alias in statement.names:
                if alias.name != "*":
                    self.bindings.append(Binding(alias.asname or alias.name, None, None, where))
            return
        self._note_submodule(source)
        for alias in statement.names:
            if alias.name == "*":
                self.star_sources.append((source, where))
                continue
            if source == self.own_package:
                self.loaded_submodules.add(alias.name)
            self.bindings.append(Binding(alias.asname or alias.name, source, alias.name, where))

    def _note_submodule(self, module: str) -> None:
        """``import pkg.sub`` or ``from pkg.sub import x`` in pkg makes ``sub`` an attribute."""
        if self.own_package is None:
            return
        prefix = self.own_package + "."
        if module.startswith(prefix):
            self.loaded_submodules.add(module[len(prefix):].partition(".")[0])

    def _local(self, statement: ast.stmt, where: tuple[Branch, ...]) -> None:
        declared = _literal_all(statement)
        if declared is not None and not where:
            self.declared_all = declared
        for name in _bound_names(statement):
            self.bindings.append(Binding(name, None, None, where))


def _arm(
    body: list[ast.stmt], where: tuple[Branch, ...], branch: Branch | None
) -> Iterator[tuple[ast.stmt, tuple[Branch, ...]]]:
    inner = where if branch is None else (*where, branch)
    for statement in body:
        yield statement, inner


def _is_type_checking(test: ast.expr) -> bool:
    """``if TYPE_CHECKING:`` / ``if typing.TYPE_CHECKING:``: never true at run time."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _catches_import_error(handler_type: ast.expr | None) -> bool:
    if handler_type is None:
        return True
    caught = handler_type.elts if isinstance(handler_type, ast.Tuple) else [handler_type]
    for exception in caught:
        name = exception.attr if isinstance(exception, ast.Attribute) else (
            exception.id if isinstance(exception, ast.Name) else None
        )
        if name in _IMPORT_ERRORS:
            return True
    return False


def _literal_all(statement: ast.stmt) -> tuple[str, ...] | None:
    """The names of ``__all__ = [...]`` (or a tuple) when written as literals."""
    if not (
        isinstance(statement, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "__all__"
                for target in statement.targets)
        and isinstance(statement.value, (ast.List, ast.Tuple))
    ):
        return None
    names = tuple(
        element.value
        for element in statement.value.elts
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
    )
    return names if len(names) == len(statement.value.elts) else None


def _bound_names(statement: ast.stmt) -> list[str]:
    """Names a module-level statement other than an import binds."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [statement.name]
    if isinstance(statement, ast.Assign):
        return [name for target in statement.targets for name in _target_names(target)]
    if isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        if isinstance(statement, ast.AnnAssign) and statement.value is None:
            return []
        return _target_names(statement.target)
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.NamedExpr):
        return _target_names(statement.value.target)
    return []


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


@dataclass(frozen=True)
class Reexport:
    """The name is the object ``module`` binds as ``name``, whatever branch runs."""

    module: str
    name: str


@dataclass(frozen=True)
class Defined:
    """The module makes the object itself (or rebinds what it imported)."""


@dataclass(frozen=True)
class Chosen:
    """The module picks the object at import time between several sources."""

    sources: tuple[str, ...]


#: What :func:`origin` knows of a name: None when the module does not visibly bind it.
Origin = Union[Reexport, Defined, Chosen, None]


def origin(
    module: str,
    bindings: list[Binding],
    is_first_party: Callable[[str], bool],
) -> Origin:
    """Where the object that ``module`` binds through ``bindings`` (all of one name) comes from.

    A local fallback in an ``except ImportError`` handler (a stub, ``None``)
    guarding a first-party import of the same name in the ``try`` body is a
    guard against a broken install, not a second source: real facades are
    written that way. A guard around a third-party import is an optional
    dependency, and the fallback is as real as the import.
    """
    if not bindings:
        return None
    guarded_tries = {
        branch.statement
        for binding in bindings
        if binding.source is not None and is_first_party(binding.source)
        for branch in binding.branches
        if branch.arm == "try"
    }
    kept = [
        binding
        for binding in bindings
        if not (
            binding.source is None
            and any(
                branch.arm == "guard" and branch.statement in guarded_tries
                for branch in binding.branches
            )
        )
    ]
    sources = list(dict.fromkeys((binding.source, binding.original) for binding in kept))
    if len(sources) == 1:
        source, original = sources[0]
        if source is None:
            return Defined()
        if original is None:
            return None  # a top-level module object: no ``from`` import names it
        return Reexport(source, original)
    if any(binding.source is None and not binding.branches for binding in kept):
        return Defined()  # rebound unconditionally after an import: the module's own object
    modules = [source or module for source, _ in sources]
    return Chosen(tuple(dict.fromkeys(modules)))
