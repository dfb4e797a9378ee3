"""What pytest would see of a class, read statically across the project's files.

pytest decides collection from a class's name, its (inherited) methods, an
inherited ``__init__``/``__new__``, ``__test__``, whether it is abstract
(pytest >= 8.3 skips ``inspect.isabstract`` classes silently) and whether it
derives from ``unittest.TestCase``. Bases defined in other first-party
files are read through the import engine and source roots, parsed once per
process. Standard-library bases are not the user's code: they are looked up
in the plugin's own interpreter (see :mod:`flake8_ssot.stdlib_classes`). A
base that cannot be traced (third-party, dynamic, part of a cycle) makes
the class ``unknown``, and checks say nothing about unknown classes.

Every walk here is a loop over an explicit stack, and every answer is
memoised per module: a diamond lattice of bases costs one visit per class,
and a chain of bases as long as the tree allows cannot exhaust Python's
recursion limit.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Literal

from flake8_ssot.imports import resolve_relative
from flake8_ssot.project import Project, is_directory, module_level_statements, parse_source
from flake8_ssot.stdlib_classes import RuntimeClass, stdlib_base, stdlib_class

ClassKind = Literal["plain", "unittest", "unknown"]
#: Decorators from ``abc`` that make a method abstract.
ABSTRACT_DECORATORS = frozenset(
    {"abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod"}
)


@dataclass(frozen=True)
class ClassFacts:
    """A class as pytest would see it.

    ``methods`` holds every function name defined in the class or inherited
    from a traced base; ``constructor`` is ``__init__`` or ``__new__`` when
    the class defines or inherits one (other than object's); ``test_flag``
    is the value of a literal ``__test__`` attribute, own or inherited.
    ``abstract`` holds the names still abstract in the class, ``concrete``
    every other attribute name it binds or inherits (so a subclass can tell
    which of its bases' abstract methods it overrides), and ``abc_meta``
    whether its metaclass is ``abc.ABCMeta``, without which abstract
    methods do not make a class abstract.
    """

    name: str
    kind: ClassKind
    methods: tuple[str, ...]
    constructor: str | None
    test_flag: bool | None
    abstract: frozenset[str]
    concrete: frozenset[str]
    abc_meta: bool

    @property
    def is_abstract(self) -> bool:
        """``inspect.isabstract``: pytest does not collect such a class."""
        return self.abc_meta and bool(self.abstract)


UNKNOWN = ClassFacts("?", "unknown", (), None, None, frozenset(), frozenset(), False)

#: A module-level binding: a class defined there, or an import
#: (module, attribute or None for a module import).
Binding = ast.ClassDef | tuple[str, str | None]


@dataclass(frozen=True)
class ModuleBindings:
    """A module's top-level classes and imports, in statement order.

    ``history`` keeps every binding of a name with its statement's position,
    because a class statement's bases are evaluated before it binds its
    name: in ``from base import TestA`` / ``class TestA(TestA)`` the base
    is the imported class. ``facts`` memoises each class's facts for as long
    as these bindings live (one linted file, or the process for a module
    read from disk).
    """

    module: str
    history: dict[str, list[tuple[int, Binding]]]
    positions: dict[int, int]
    facts: dict[int, ClassFacts] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, name: str, before: int | None = None) -> Binding | None:
        """What ``name`` is bound to at module level (before a statement, if given)."""
        found: Binding | None = None
        for position, binding in self.history.get(name, ()):
            if before is not None and position >= before:
                break
            found = binding
        return found

    def position(self, node: ast.ClassDef) -> int | None:
        return self.positions.get(id(node))


def module_bindings(tree: ast.Module, module: str, package: str | None) -> ModuleBindings:
    """Top-level classes and imports of one module (``if``/``try`` blocks included)."""
    history: dict[str, list[tuple[int, Binding]]] = {}
    positions: dict[int, int] = {}
    for position, statement in enumerate(module_level_statements(tree)):
        if isinstance(statement, ast.ClassDef):
            history.setdefault(statement.name, []).append((position, statement))
            positions[id(statement)] = position
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    bound, target = alias.asname, (alias.name, None)
                else:
                    bound = alias.name.partition(".")[0]
                    target = (bound, None)
                history.setdefault(bound, []).append((position, target))
        elif isinstance(statement, ast.ImportFrom):
            source = resolve_relative(statement.level, statement.module, package)
            if source is None:
                continue
            for alias in statement.names:
                if alias.name != "*":
                    history.setdefault(alias.asname or alias.name, []).append(
                        (position, (source, alias.name))
                    )
    return ModuleBindings(module, history, positions)


#: What a base expression leads to: facts known at once, or a class to work out.
_Target = ClassFacts | tuple[ModuleBindings, ast.ClassDef]


class ClassResolver:
    """Resolves classes and their bases, caching other modules per process."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._bindings: dict[str, ModuleBindings | None] = {}

    def facts(self, bindings: ModuleBindings, node: ast.ClassDef) -> ClassFacts:
        """Facts of a class defined in ``bindings`` (the linted module or another).

        A depth-first walk over an explicit stack: a class is worked out
        once all its bases are; a base that is still being worked out is
        part of a cycle (``class A(B)`` / ``class B(A)``), and makes every
        class on the cycle ``unknown``.
        """
        if id(node) in bindings.facts:
            return bindings.facts[id(node)]
        in_progress: set[int] = set()
        targets: dict[int, list[_Target]] = {}
        stack: list[tuple[ModuleBindings, ast.ClassDef]] = [(bindings, node)]
        while stack:
            current, class_node = stack[-1]
            key = id(class_node)
            if key in current.facts:
                stack.pop()
                continue
            if key not in targets:
                targets[key] = [self._base(current, base, class_node) for base in class_node.bases]
            waiting = [
                target
                for target in targets[key]
                if isinstance(target, tuple)
                and id(target[1]) not in target[0].facts
                and id(target[1]) not in in_progress
            ]
            if waiting and key not in in_progress:
                in_progress.add(key)
                stack.extend(reversed(waiting))
                continue
            bases = [
                target
                if isinstance(target, ClassFacts)
                else target[0].facts.get(id(target[1]), UNKNOWN)
                for target in targets[key]
            ]
            current.facts[key] = self._combine(current, class_node, bases)
            in_progress.discard(key)
            stack.pop()
        return bindings.facts[id(node)]

    def _combine(
        self, bindings: ModuleBindings, node: ast.ClassDef, bases: list[ClassFacts]
    ) -> ClassFacts:
        """A class's facts from its own body and its bases' facts."""
        position = bindings.position(node)
        functions = [
            statement
            for statement in node.body
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        own_methods = [function.name for function in functions if not is_fixture(function)]
        constructors = [name for name in own_methods if name in _CONSTRUCTORS]
        if _generates_init(bindings, node, position):
            constructors.append("__init__")
        test_flag = _literal_test_flag(node)
        own_abstract = {
            function.name
            for function in functions
            if any(
                _reference(bindings, decorator, position) in _ABSTRACT_REFERENCES
                for decorator in function.decorator_list
            )
        }
        own_names = _bound_names(node.body)
        abstract = set(own_abstract)
        concrete = own_names - own_abstract
        abc_meta = _has_abc_metaclass(self, bindings, node, position)
        kind: ClassKind = "plain"
        methods = dict.fromkeys(own_methods)  # ordered, and a set for inherited names
        for base in bases:
            if base.kind == "unittest":
                kind = "unittest"
            elif base.kind == "unknown" and kind == "plain":
                kind = "unknown"
            methods.update(dict.fromkeys(base.methods))
            if test_flag is None:
                test_flag = base.test_flag
            abc_meta = abc_meta or base.abc_meta
        constructor = _first_constructor([*constructors, *(base.constructor for base in bases)])
        inherited = set().union(*(base.abstract | base.concrete for base in bases)) - own_names
        for name in inherited:
            # The first base (in order) that has the name decides, as the MRO mostly does.
            owner = next(base for base in bases if name in base.abstract or name in base.concrete)
            (abstract if name in owner.abstract else concrete).add(name)
        return ClassFacts(
            node.name,
            kind,
            tuple(methods),
            constructor,
            test_flag,
            frozenset(abstract),
            frozenset(concrete),
            abc_meta,
        )

    def _base(self, bindings: ModuleBindings, base: ast.expr, node: ast.ClassDef) -> _Target:
        """Where one base expression of ``node`` leads."""
        while isinstance(base, ast.Subscript):  # Generic[T], Base[int]: the class itself
            base = base.value
        dotted = dotted_parts(base)
        if dotted is None:
            return UNKNOWN
        head, *rest = dotted
        binding = bindings.lookup(head, before=bindings.position(node))
        if isinstance(binding, ast.ClassDef):
            return (bindings, binding) if not rest else UNKNOWN
        if binding is not None:
            module, attribute = binding
            path = [module] if attribute is None else [module, attribute]
            *module_parts, name = [*path, *rest]
            return self._symbol(".".join(module_parts), name)
        if not rest:
            return self._runtime_facts("builtins", head)
        return UNKNOWN

    def _symbol(self, module: str, name: str) -> _Target:
        """The class ``name`` that ``module`` defines or re-exports (chains followed)."""
        seen: set[tuple[str, str]] = set()
        while (module, name) not in seen:
            seen.add((module, name))
            if module.partition(".")[0] == "unittest":
                # pytest asks whether the class derives from the unittest it imports;
                # a source tree that holds unittest itself (the stdlib) cannot tell.
                found = stdlib_base(module, name)
                return UNKNOWN if found is None else _from_runtime(found)
            bindings = self._module(module)
            if bindings is None:
                return self._runtime_facts(module, name)
            binding = bindings.lookup(name)
            if isinstance(binding, ast.ClassDef):
                return bindings, binding
            if binding is None or binding[1] is None:
                return UNKNOWN
            module, name = binding[0], binding[1]
        return UNKNOWN  # a cycle of re-exports

    def _runtime_facts(self, module: str, name: str) -> ClassFacts:
        """Facts of a standard-library base, unless the project has a module of that name."""
        if module != "builtins" and self.project.is_first_party(module.partition(".")[0]):
            return UNKNOWN  # first-party but unreadable: never the stdlib's by accident
        found = stdlib_base(module, name)
        return UNKNOWN if found is None else _from_runtime(found)

    def is_abc_metaclass(
        self, bindings: ModuleBindings, expression: ast.expr, position: int | None
    ) -> bool:
        """Whether ``expression`` names ``abc.ABCMeta`` or a stdlib subclass of it."""
        reference = _reference(bindings, expression, position)
        if reference is None or self.project.is_first_party(reference[0].partition(".")[0]):
            return False
        found = stdlib_class(*reference)
        return found is not None and found.is_abc_metaclass

    def _module(self, module: str) -> ModuleBindings | None:
        if module in self._bindings:
            return self._bindings[module]
        bindings: ModuleBindings | None = None
        path = self.project.module_path(module)
        source = self.project.module_source(module)
        if path is not None and source is not None:
            is_package = is_directory(path)
            tree = parse_source(source, path)
            if tree is not None:
                package = module if is_package else module.rpartition(".")[0]
                bindings = module_bindings(tree, module, package or None)
                for history in bindings.history.values():
                    for _, binding in history:
                        if isinstance(binding, ast.ClassDef):
                            _keep_only_what_facts_read(binding)
        self._bindings[module] = bindings
        return bindings


#: The methods whose presence (other than object's) makes pytest skip a class, in its order.
_CONSTRUCTORS = ("__init__", "__new__")
_ABSTRACT_REFERENCES = frozenset(("abc", name) for name in ABSTRACT_DECORATORS)


def _has_abc_metaclass(
    resolver: ClassResolver, bindings: ModuleBindings, node: ast.ClassDef, position: int | None
) -> bool:
    """``metaclass=ABCMeta`` (or ``abc.ABCMeta``, or a stdlib subclass of it)."""
    return any(
        keyword.arg == "metaclass" and resolver.is_abc_metaclass(bindings, keyword.value, position)
        for keyword in node.keywords
    )


def _first_constructor(constructors: list[str | None]) -> str | None:
    """What pytest names: any ``__init__`` in the MRO, else any ``__new__``.

    pytest asks whether the class's ``__init__`` is object's before it asks
    about ``__new__``, and any base's own ``__init__`` comes before object's
    in the MRO, whichever base has a ``__new__``.
    """
    return next((name for name in _CONSTRUCTORS if name in constructors), None)


def _from_runtime(found: RuntimeClass) -> ClassFacts:
    kind: ClassKind = "unittest" if found.is_testcase else "plain"
    return ClassFacts(
        found.name,
        kind,
        found.methods,
        found.constructor,
        found.test_flag,
        found.abstract,
        found.attributes - found.abstract,
        found.abc_meta,
    )


def _reference(
    bindings: ModuleBindings, expression: ast.expr, position: int | None
) -> tuple[str, str] | None:
    """``(module, name)`` for an expression naming an imported object, e.g. ``abc.ABCMeta``."""
    target = expression.func if isinstance(expression, ast.Call) else expression
    dotted = dotted_parts(target)
    if dotted is None:
        return None
    head, *rest = dotted
    binding = bindings.lookup(head, before=position)
    if binding is None or isinstance(binding, ast.ClassDef):
        return None
    module, attribute = binding
    path = [module] if attribute is None else [module, attribute]
    *module_parts, name = [*path, *rest]
    return (".".join(module_parts), name) if module_parts else None


def _bound_names(body: list[ast.stmt]) -> set[str]:
    """Names a class body binds in the class namespace (an annotation alone binds none)."""
    names: set[str] = set()
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign):
            pending = list(statement.targets)
            while pending:
                target = pending.pop()
                if isinstance(target, ast.Name):
                    names.add(target.id)
                elif isinstance(target, (ast.Tuple, ast.List)):
                    pending.extend(target.elts)
                elif isinstance(target, ast.Starred):
                    pending.append(target.value)
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            if isinstance(statement.target, ast.Name):
                names.add(statement.target.id)
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            names.update(alias.asname or alias.name.partition(".")[0] for alias in statement.names)
    return names


def _keep_only_what_facts_read(node: ast.ClassDef) -> None:
    """Drop method bodies, values and other statements from a class kept for the whole process.

    Cached ASTs of base-class modules otherwise stay alive for the whole
    run, and every full garbage collection of flake8's own objects walks
    them: on Django's test suite that made flake8 18% slower, for nothing.
    What stays: functions with their decorators, ``__test__``, and the
    names the body binds (with their values dropped).
    """
    kept: list[ast.stmt] = []
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            statement.body = []
            kept.append(statement)
        elif _literal_flag(statement) is not None:
            kept.append(statement)
        else:
            kept.extend(
                ast.Assign(targets=[ast.Name(id=name)], value=ast.Constant(value=None))
                for name in sorted(_bound_names([statement]))
            )
    node.body = kept


def _generates_init(bindings: ModuleBindings, node: ast.ClassDef, position: int | None) -> bool:
    """``@dataclass`` (without ``init=False``) writes an ``__init__`` for the class."""
    for decorator in node.decorator_list:
        if _reference(bindings, decorator, position) != ("dataclasses", "dataclass"):
            continue
        return not (
            isinstance(decorator, ast.Call)
            and any(
                keyword.arg == "init"
                and isinstance(keyword.value, ast.Constant)
                and keyword.value.value is False
                for keyword in decorator.keywords
            )
        )
    return False


def is_fixture(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function decorated with ``@pytest.fixture`` (or ``@fixture``) is not a test."""
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        dotted = dotted_parts(target)
        if dotted and dotted[-1] in ("fixture", "yield_fixture"):
            return True
    return False


def dotted_parts(expression: ast.expr) -> list[str] | None:
    """``a.b.C`` as ``["a", "b", "C"]``; None for anything else (calls, subscripts)."""
    parts: list[str] = []
    while isinstance(expression, ast.Attribute):
        parts.append(expression.attr)
        expression = expression.value
    if not isinstance(expression, ast.Name):
        return None
    parts.append(expression.id)
    parts.reverse()
    return parts


def _literal_test_flag(node: ast.ClassDef) -> bool | None:
    return next((flag for flag in map(_literal_flag, node.body) if flag is not None), None)


def _literal_flag(statement: ast.stmt) -> bool | None:
    """The value of ``__test__ = True`` or ``__test__ = False``."""
    if (
        isinstance(statement, ast.Assign)
        and any(
            isinstance(target, ast.Name) and target.id == "__test__" for target in statement.targets
        )
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, bool)
    ):
        return statement.value.value
    return None
