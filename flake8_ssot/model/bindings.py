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
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from flake8_ssot.model.class_shapes import ClassShape, is_special_name, shape_of
from flake8_ssot.model.imports import (
    DYNAMIC_IMPORT_MARKERS,
    block_lines,
    dynamic_imports,
    is_type_checking,
    resolve_relative,
)
from flake8_ssot.model.record import Record
from flake8_ssot.model.text_scan import (
    global_statement_lines,
    may_write_namespace,
    spans_a_line,
)

#: ``try`` statements: ``try``/``except*`` too from Python 3.11.
if sys.version_info >= (3, 11):
    _TRY_STATEMENTS = (ast.Try, ast.TryStar)
else:
    _TRY_STATEMENTS = (ast.Try,)
#: The statements whose arms hold module-level statements (``_Reader._visit`` reads them).
_NESTING_STATEMENTS = (
    ast.If,
    *_TRY_STATEMENTS,
    ast.With,
    ast.AsyncWith,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.Match,
)
#: Exceptions a handler catches when it guards an import against a broken install.
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


class Branch(NamedTuple):
    """One arm of a module-level ``if``/``try``/loop: the statement's index and the arm."""

    statement: int
    arm: str


class Binding(NamedTuple):
    """One module-level binding of a name.

    ``source`` is the module an import takes the object from and ``original``
    its name there; ``original`` is None when the object is the module
    ``source`` itself (``import posixpath as path``), and both are None when
    the module makes the object itself (a definition, an assignment).
    ``position`` orders the binding statements in the module.
    """

    name: str
    source: str | None
    original: str | None
    branches: tuple[Branch, ...]
    position: int


class ModuleSummary(NamedTuple):
    """A module's runtime top-level bindings, as far as they can be read without running it.

    Bindings under ``if TYPE_CHECKING:`` do not exist at run time and are
    left out; ``named`` holds them by name. ``classes`` are the module-level
    class statements, as read without their trees. ``star_sources`` are
    the modules of ``from m import *`` (with their branches and positions);
    ``declared_all`` the ``__all__`` built from literals (None when it is
    not, or when there is none); ``loaded_submodules`` the submodules of this
    package that its own imports load, which makes them attributes of the
    package object; ``imported_modules`` every module its module-level
    imports load; ``handlers`` each ``try`` statement's handlers, and
    whether each re-raises; ``has_getattr`` a module-level ``__getattr__``,
    which may serve any name; ``writes_namespace`` that the module may set its
    names otherwise than by statements (``globals()``, ``exec``, ``setattr`` on
    itself), so none of them is certain.
    """

    module: str
    named: Mapping[str, tuple[Binding, ...]]
    classes: tuple[ClassShape, ...]
    star_sources: tuple[tuple[str, tuple[Branch, ...], int], ...]
    declared_all: tuple[str, ...] | None
    loaded_submodules: frozenset[str]
    imported_modules: frozenset[str]
    handlers: Mapping[int, tuple[tuple[str, bool], ...]]
    has_getattr: bool
    writes_namespace: bool


def is_definite(binding: Binding, same_name: Sequence[Binding], summary: ModuleSummary) -> bool:
    """Whether the binding exists whenever the module has been imported.

    Module-level statements outside any branch count. So does a binding in
    a ``try`` body when every handler of that ``try`` re-raises or binds
    the name too; ``except ImportError: pass`` leaves it unbound. A name
    bound only under ``if sys.version_info < (3, 0):`` is not there.
    """
    for branch in binding.branches:
        if branch.arm != "try":
            return False
        for arm, reraises in summary.handlers.get(branch.statement, ()):
            handled = Branch(branch.statement, arm)
            if not reraises and not any(handled in other.branches for other in same_name):
                return False
    return True


def summarise(
    tree: ast.Module, module: str, is_package: bool, source: bytes | None = None
) -> ModuleSummary:
    """The summary of one parsed module (``module`` is its dotted name).

    With its ``source`` text, what the text rules out is not looked for: no
    ``global`` means no function body needs walking for declarations, no
    ``:=`` means no expression needs walking for a walrus. That is most of
    the cost of reading a module with large classes or tables.
    """
    summary = read_module(tree, module, is_package, source)[0]
    if source is None:
        return summary
    if may_write_namespace(source):
        summary = summary._replace(writes_namespace=True)
    if any(marker.encode("ascii") in source for marker in DYNAMIC_IMPORT_MARKERS):
        # ``importlib.import_module('app.models')`` at the top level imports it too; a call
        # in a function body runs when called, and one under ``if TYPE_CHECKING:`` never.
        package = module if is_package else module.rpartition(".")[0]
        text = source.decode("utf-8", "surrogateescape")
        called = dynamic_imports(tree, text, lambda: package or None)
        not_run = _not_run_at_import(tree) if called else []
        loaded = {
            ref.module
            for ref in called
            if not any(start <= ref.line <= end for start, end in not_run)
        }
        summary = summary._replace(imported_modules=summary.imported_modules | loaded)
    return summary


def _not_run_at_import(tree: ast.Module) -> list[tuple[int, int]]:
    """The line ranges of function bodies and ``if TYPE_CHECKING:`` blocks."""
    return block_lines(
        tree,
        lambda statement: (
            isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
            or (isinstance(statement, ast.If) and is_type_checking(statement.test))
        ),
    )


def read_module(
    tree: ast.Module, module: str, is_package: bool, source: bytes | None = None
) -> tuple[ModuleSummary, tuple[ast.stmt, ...]]:
    """The module's summary, and the statement each binding's ``position`` counts
    (``statements[position - 1]``): what the rules read of the file they lint.

    ``writes_namespace`` is left False: it matters to the modules that import this
    one (:func:`summarise` reads it), not to the file's own checks, and finding it
    costs a scan of the whole text.
    """
    package = module if is_package else module.rpartition(".")[0]
    reader = _Reader(
        package or None,
        module if is_package else None,
        global_lines=None if source is None else global_statement_lines(source),
        may_walrus=source is None or b":=" in source,
    )
    reader.read(tree.body, ())
    named = reader.named
    summary = ModuleSummary(
        module,
        {name: tuple(same) for name, same in named.items()},
        _altered_classes(reader.classes, reader.altered, named),
        tuple(reader.star_sources),
        None if reader.all_unknown else reader.declared_all,
        frozenset(reader.loaded_submodules),
        frozenset(reader.imported_modules),
        reader.handlers,
        "__getattr__" in named,
        False,
    )
    return summary, tuple(reader.statements)


class _Reader:
    """Walks module-level statements, remembering which branch each binding is in."""

    def __init__(
        self,
        package: str | None,
        own_package: str | None,
        *,
        global_lines: list[int] | None,
        may_walrus: bool,
    ) -> None:
        self.package = package
        self.own_package = own_package
        #: Lines whose text holds the keyword ``global`` (None: unknown, look everywhere).
        self.global_lines = global_lines
        self.may_walrus = may_walrus
        #: Each name's bindings in order; a name deleted at module level starts again.
        self.named: dict[str, list[Binding]] = {}
        self.classes: list[ClassShape] = []
        self.star_sources: list[tuple[str, tuple[Branch, ...], int]] = []
        self.declared_all: tuple[str, ...] | None = None
        #: ``__all__`` changed in a way that cannot be read (``+= names()``, in a branch).
        self.all_unknown = False
        self.loaded_submodules: set[str] = set()
        #: Submodules loaded by a statement outside any branch: loading them again binds nothing.
        self._loaded_always: set[str] = set()
        self.imported_modules: set[str] = set()
        self.handlers: dict[int, tuple[tuple[str, bool], ...]] = {}
        #: (name, special name, position): a statement sets or deletes an attribute
        #: ``name.__test__`` (say) of what ``name`` is bound to, a class perhaps.
        self.altered: list[tuple[str, str, int]] = []
        #: Each statement read, in the order of the positions the bindings count.
        self.statements: list[ast.stmt] = []
        self._statements = 0

    def read(self, body: list[ast.stmt], branches: tuple[Branch, ...]) -> None:
        pending = [(statement, branches) for statement in reversed(body)]
        while pending:
            statement, where = pending.pop()
            self.statements.append(statement)
            if isinstance(statement, _NESTING_STATEMENTS):
                pending.extend(reversed(list(self._visit(statement, where))))
            else:  # most statements: no generator to run
                self._statements += 1
                self._visit_simple(statement, where, self._statements)

    def _visit(
        self, statement: ast.stmt, where: tuple[Branch, ...]
    ) -> Iterator[tuple[ast.stmt, tuple[Branch, ...]]]:
        """Record a nesting statement's bindings; yield the statements nested in it.

        Compound statements bind names in their headers too (``for x in``,
        ``with ... as x``, ``except E as x``, ``case x:``, a walrus in a
        test), each in the branch where it happens.
        """
        self._statements += 1
        index = self._statements
        if isinstance(statement, ast.If):
            self._store(stored_names(statement.test), where)
            if not is_type_checking(statement.test):
                yield from _arm(statement.body, where, Branch(index, "if"))
            yield from _arm(statement.orelse, where, Branch(index, "else"))
        elif isinstance(statement, _TRY_STATEMENTS):
            yield from _arm(statement.body, where, Branch(index, "try"))
            yield from _arm(statement.orelse, where, Branch(index, "try"))
            arms = []
            for number, handler in enumerate(statement.handlers):
                kind = "guard" if _catches_import_error(handler.type) else "except"
                branch = Branch(index, f"{kind}:{number}")
                arms.append((branch.arm, _reraises(handler.body)))
                if handler.name:
                    self._store([handler.name], (*where, branch))
                yield from _arm(handler.body, where, branch)
            self.handlers[index] = tuple(arms)
            yield from _arm(statement.finalbody, where, None)
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            for item in statement.items:
                self._store(stored_names(item), where)
            yield from _arm(statement.body, where, None)
        elif isinstance(statement, (ast.For, ast.AsyncFor)):
            self._store(stored_names(statement.iter), where)
            self._store(stored_names(statement.target), (*where, Branch(index, "loop")))
            yield from _arm(statement.body, where, Branch(index, "loop"))
            yield from _arm(statement.orelse, where, Branch(index, "loop"))
        elif isinstance(statement, ast.While):
            self._store(stored_names(statement.test), where)
            yield from _arm(statement.body, where, Branch(index, "loop"))
            yield from _arm(statement.orelse, where, Branch(index, "loop"))
        elif isinstance(statement, ast.Match):
            self._store(stored_names(statement.subject), where)
            for number, case in enumerate(statement.cases):
                branch = Branch(index, f"case{number}")
                self._store(stored_names(case.pattern), (*where, branch))
                if case.guard is not None:
                    self._store(stored_names(case.guard), (*where, branch))
                yield from _arm(case.body, where, branch)

    def _visit_simple(self, statement: ast.stmt, where: tuple[Branch, ...], index: int) -> None:
        """Record the bindings of a statement that nests no statements a summary reads."""
        if isinstance(statement, _ATTRIBUTE_TARGETS):
            self.altered.extend(
                (name, attribute, index) for name, attribute in _specials_set(statement)
            )
        if isinstance(statement, ast.Import):
            self._import(statement, where)
        elif isinstance(statement, ast.ImportFrom):
            self._import_from(statement, where)
        elif isinstance(statement, ast.Delete):
            deleted = {name for target in statement.targets for name in _target_names(target)}
            if not where:
                for name in deleted:
                    self.named.pop(name, None)
            else:  # may or may not be unbound: as good as a second source
                self._store(sorted(deleted), where)
        else:
            self._local(statement, where, index)

    def _bind(self, binding: Binding) -> None:
        self.named.setdefault(binding.name, []).append(binding)

    def _store(self, names: Iterable[str], where: tuple[Branch, ...]) -> None:
        for name in names:
            self._bind(Binding(name, None, None, where, self._statements))

    def _import(self, statement: ast.Import, where: tuple[Branch, ...]) -> None:
        for alias in statement.names:
            self._note_module(alias.name, where)
            if alias.asname is None:
                head = alias.name.partition(".")[0]
                self._bind(Binding(head, head, None, where, self._statements))
            else:
                parent, _, last = alias.name.rpartition(".")
                if parent:
                    self._bind(Binding(alias.asname, parent, last, where, self._statements))
                else:
                    self._bind(Binding(alias.asname, alias.name, None, where, self._statements))

    def _import_from(self, statement: ast.ImportFrom, where: tuple[Branch, ...]) -> None:
        source = resolve_relative(statement.level, statement.module, self.package)
        if source == "__future__":
            return
        if source is None:
            self._store(
                (alias.asname or alias.name for alias in statement.names if alias.name != "*"),
                where,
            )
            return
        self._note_module(source, where, {alias.asname or alias.name for alias in statement.names})
        for alias in statement.names:
            if alias.name == "*":
                self.star_sources.append((source, where, self._statements))
                continue
            self.imported_modules.add(f"{source}.{alias.name}")  # when it is a submodule
            if source == self.own_package:
                self.loaded_submodules.add(alias.name)
            self._bind(
                Binding(alias.asname or alias.name, source, alias.name, where, self._statements)
            )

    def _note_module(
        self, module: str, where: tuple[Branch, ...], bound_here: Collection[str] = ()
    ) -> None:
        """Record an imported module; ``pkg.sub`` imported in pkg makes ``sub`` an attribute.

        Loading the submodule binds ``sub`` in the package's namespace (Python sets
        the attribute on its parent), replacing ``from .impl import sub`` made before
        it; a submodule already loaded whatever branch ran is not set again, and a name
        the statement binds itself (``from .connect import connect``) is bound after it.
        """
        prefix = module
        while prefix and prefix not in self.imported_modules:  # its own prefixes are in too
            self.imported_modules.add(prefix)
            prefix = prefix.rpartition(".")[0]
        if self.own_package is None:
            return
        own_prefix = self.own_package + "."
        if module.startswith(own_prefix):
            submodule = module[len(own_prefix) :].partition(".")[0]
            self.loaded_submodules.add(submodule)
            if submodule not in self._loaded_always:
                if submodule not in bound_here:
                    self._bind(
                        Binding(submodule, own_prefix + submodule, None, where, self._statements)
                    )
                if not where:
                    self._loaded_always.add(submodule)

    def _local(self, statement: ast.stmt, where: tuple[Branch, ...], index: int) -> None:
        names = self._names(statement)
        self._note_all(statement, where, names)
        alias = _alias_of(statement)
        if alias is not None:
            targets, value = alias
            known = self.named.get(value, ())
            sources = {(binding.source, binding.original) for binding in known}
            if len(sources) == 1 and not any(binding.branches for binding in known):
                # ``s = attrs`` after ``from ._make import attrs``: the same object.
                source, original = sources.pop()
                for target in targets:
                    self._bind(Binding(target, source, original, where, self._statements))
                return
        self._store(names, where)
        if isinstance(statement, ast.ClassDef):
            self.classes.append(shape_of(statement, index))
        if isinstance(
            statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        ) and self._may_declare_global(statement):
            # ``global X`` in a function: calling it may rebind X at any time.
            declared = _declared_global(statement, self._may_declare_global)
            self._store(declared, (*where, Branch(index, "global")))

    def _may_declare_global(self, statement: ast.stmt) -> bool:
        """Whether a line of the statement holds the keyword ``global`` (or it is unknown)."""
        if self.global_lines is None:
            return True
        return spans_a_line(self.global_lines, statement.lineno, statement.end_lineno)

    def _names(self, statement: ast.stmt) -> list[str]:
        """What a simple statement or definition binds; without a walrus in the
        source, only assignment targets and definitions can bind, and the
        expressions (large literal tables, say) need no walk."""
        if self.may_walrus:
            return stored_names(statement)
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return [statement.name]
        if isinstance(statement, ast.Assign):
            return [name for target in statement.targets for name in stored_names(target)]
        if isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
            if isinstance(statement, ast.AnnAssign) and statement.value is None:
                return []
            return stored_names(statement.target)
        if isinstance(statement, (ast.Expr, ast.Pass, ast.Global, ast.Nonlocal, ast.Raise)):
            return []
        return stored_names(statement)

    def _note_all(self, statement: ast.stmt, where: tuple[Branch, ...], names: list[str]) -> None:
        """Follow ``__all__ = [...]``, ``+= [...]``, ``.append(...)``, ``.extend([...])``."""
        declared = _literal_all(statement)
        if declared is not None:
            if where:
                self.all_unknown = True
            self.declared_all = declared
            return
        if "__all__" not in names and _all_method_call(statement) is None:
            return
        added = _literal_all_addition(statement)
        if added is None or where or self.declared_all is None:
            self.all_unknown = True
        else:
            self.declared_all = (*self.declared_all, *added)


_ATTRIBUTE_TARGETS = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)


def _specials_set(statement: ast.stmt) -> list[tuple[str, str]]:
    """``X`` and the special name of ``X.__test__ = ...``, ``del X.__init__`` and the like."""
    targets: list[ast.expr]
    if isinstance(statement, (ast.Assign, ast.Delete)):
        targets = statement.targets
    elif isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
        targets = [statement.target]
    else:
        return []
    return [
        (target.value.id, target.attr)
        for target in targets
        if isinstance(target, ast.Attribute)
        and is_special_name(target.attr)
        and isinstance(target.value, ast.Name)
    ]


def _altered_classes(
    classes: list[ClassShape],
    altered: list[tuple[str, str, int]],
    named: dict[str, list[Binding]],
) -> tuple[ClassShape, ...]:
    """The class statements, the special names that later statements set or delete on a
    class added to its ``unread_names`` (the class the name was bound to by its last
    binding before that statement)."""
    if not altered:
        return tuple(classes)
    set_on: dict[int, set[str]] = {}
    for name, attribute, position in altered:
        earlier = [binding for binding in named.get(name, ()) if binding.position < position]
        if earlier and earlier[-1].source is None:
            set_on.setdefault(earlier[-1].position, set()).add(attribute)
    return tuple(
        shape._replace(unread_names=shape.unread_names | set_on[shape.position])
        if shape.position in set_on
        else shape
        for shape in classes
    )


def stored_names(node: ast.AST) -> list[str]:
    """Names an expression or simple statement binds in the module's namespace.

    Assignment targets, walrus targets (also inside comprehensions, whose
    walrus binds in the enclosing scope, and in a definition's decorators,
    defaults and bases), match captures, and the names of definitions; not
    the loop variables of comprehensions, not anything inside function
    bodies or lambdas. ``x: int`` without a value binds
    nothing.
    """
    names: list[str] = []
    pending: list[ast.AST] = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.append(current.name)
            # Evaluated where the function is defined: a walrus there binds here.
            pending.extend(current.decorator_list)
            pending.extend(current.args.defaults)
            pending.extend(filter(None, current.args.kw_defaults))
            continue
        if isinstance(current, ast.ClassDef):
            names.append(current.name)
            pending.extend(current.decorator_list)
            pending.extend(current.bases)
            pending.extend(keyword.value for keyword in current.keywords)
            continue
        if isinstance(current, ast.Lambda):
            continue
        if isinstance(current, ast.AnnAssign) and current.value is None:
            continue
        if isinstance(current, ast.comprehension):
            pending.extend([current.iter, *current.ifs])  # its target is its own scope's
            continue
        if isinstance(current, ast.Name) and isinstance(current.ctx, ast.Store):
            names.append(current.id)
        elif isinstance(current, (ast.MatchAs, ast.MatchStar)) and current.name:
            names.append(current.name)
        elif isinstance(current, ast.MatchMapping) and current.rest:
            names.append(current.rest)
        pending.extend(ast.iter_child_nodes(current))
    return names


def _declared_global(definition: ast.stmt, may_hold: Callable[[ast.stmt], bool]) -> list[str]:
    """Names a module-level function or class declares ``global`` anywhere inside it.

    ``global`` is a statement: only statements are visited, and only those
    whose lines ``may_hold`` the keyword.
    """
    names: set[str] = set()
    pending = [definition]
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.Global):
            names.update(statement.names)
            continue
        bodies = [getattr(statement, field, ()) for field in ("body", "orelse", "finalbody")]
        bodies.extend(handler.body for handler in getattr(statement, "handlers", ()))
        bodies.extend(case.body for case in getattr(statement, "cases", ()))
        pending.extend(inner for body in bodies for inner in body if may_hold(inner))
    return sorted(names)


def _alias_of(statement: ast.stmt) -> tuple[list[str], str] | None:
    """``a = b = name``: the targets and the name, for a plain rebinding of one name."""
    if (
        isinstance(statement, ast.Assign)
        and isinstance(statement.value, ast.Name)
        and all(isinstance(target, ast.Name) for target in statement.targets)
    ):
        return [target.id for target in statement.targets if isinstance(target, ast.Name)], (
            statement.value.id
        )
    return None


def _reraises(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], ast.Raise)


def _all_method_call(statement: ast.stmt) -> ast.Call | None:
    """``__all__.append(...)``, ``__all__.extend(...)`` and the like, as a statement."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return None
    function = statement.value.func
    if (
        isinstance(function, ast.Attribute)
        and isinstance(function.value, ast.Name)
        and function.value.id == "__all__"
    ):
        return statement.value
    return None


def _literal_all_addition(statement: ast.stmt) -> tuple[str, ...] | None:
    """The names ``__all__ += [...]``, ``.append("x")`` or ``.extend([...])`` add, if literal."""
    if (
        isinstance(statement, ast.AugAssign)
        and isinstance(statement.target, ast.Name)
        and statement.target.id == "__all__"
        and isinstance(statement.op, ast.Add)
    ):
        return literal_strings(statement.value)
    call = _all_method_call(statement)
    if call is None or len(call.args) != 1 or call.keywords:
        return None
    method = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    if method == "append":
        return literal_strings(ast.List(elts=[call.args[0]], ctx=ast.Load()))
    if method == "extend":
        return literal_strings(call.args[0])
    return None


def literal_strings(node: ast.expr) -> tuple[str, ...] | None:
    """``["a", "b"]`` or ``("a",)``: the strings of a literal list or tuple of them; None
    for anything else."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return None
    names = tuple(
        element.value
        for element in node.elts
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
    )
    return names if len(names) == len(node.elts) else None


def _arm(
    body: list[ast.stmt], where: tuple[Branch, ...], branch: Branch | None
) -> Iterator[tuple[ast.stmt, tuple[Branch, ...]]]:
    inner = where if branch is None else (*where, branch)
    for statement in body:
        yield statement, inner


def _catches_import_error(handler_type: ast.expr | None) -> bool:
    if handler_type is None:
        return True
    caught = handler_type.elts if isinstance(handler_type, ast.Tuple) else [handler_type]
    for exception in caught:
        name = (
            exception.attr
            if isinstance(exception, ast.Attribute)
            else (exception.id if isinstance(exception, ast.Name) else None)
        )
        if name in _IMPORT_ERRORS:
            return True
    return False


def _literal_all(statement: ast.stmt) -> tuple[str, ...] | None:
    """The names of ``__all__ = [...]`` (or a tuple) when written as literals."""
    if not (
        isinstance(statement, ast.Assign)
        and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in statement.targets
        )
    ):
        return None
    return literal_strings(statement.value)


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


class Reexport(Record):
    """The name is the object ``module`` binds as ``name``, whatever branch runs."""

    __slots__ = ("module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name


class Defined(Record):
    """The module makes the object itself (or rebinds what it imported)."""

    __slots__ = ()


class Chosen(Record):
    """The module picks the object at import time between several sources."""

    __slots__ = ("sources",)

    def __init__(self, sources: tuple[str, ...]) -> None:
        self.sources = sources


class Dynamic(Record):
    """The module may write its own namespace at run time: what it binds cannot be read."""

    __slots__ = ()


#: What :func:`origin` knows of a name: None when the module does not visibly bind it.
Origin = Reexport | Defined | Chosen | Dynamic | None


def origin(
    module: str,
    bindings: list[Binding],
    is_first_party: Callable[[str], bool],
) -> Origin:
    """Where the object that ``module`` binds through ``bindings`` (all of one name) comes from.

    Only the last binding made whatever branch runs counts, with those after
    it: ``class Base: ...`` followed by ``from helpers import *`` (which
    binds ``Base``) is helpers' ``Base``.

    A local fallback in an ``except ImportError`` handler (a stub, ``None``)
    guarding a first-party import of the same name in the ``try`` body is a
    guard against a broken install, not a second source: real facades are
    written that way. A guard around a third-party import is an optional
    dependency, and the fallback is as real as the import.
    """
    if not bindings:
        return None
    # A binding made whatever branch runs replaces every binding made before it.
    bindings = sorted(bindings, key=lambda binding: binding.position)
    last_made_always = max(
        (index for index, binding in enumerate(bindings) if not binding.branches), default=0
    )
    bindings = bindings[last_made_always:]
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
                branch.arm.startswith("guard") and branch.statement in guarded_tries
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
