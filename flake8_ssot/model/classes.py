"""What pytest would see of a class, read statically across the project's files.

pytest decides collection from a class's name, its (inherited) methods, an
inherited ``__init__``/``__new__``, ``__test__``, whether it is abstract
(pytest >= 8.3 skips ``inspect.isabstract`` classes silently) and whether it
derives from ``unittest.TestCase``. Bases defined in other first-party
files are read from the project's module summaries (read once per process,
the same ones SOT101's advice and the fixer read), and a name is followed
by the same rule (:func:`flake8_ssot.model.bindings.origin`). Standard-library
bases are not the user's code: they are looked up in the plugin's own
interpreter (see :mod:`flake8_ssot.model.stdlib_classes`). A
base that cannot be traced (third-party, dynamic, part of a cycle) makes
the class ``unknown``, and checks say nothing about unknown classes.

Every walk here is a loop over an explicit stack, and every answer is
memoised per module: a diamond lattice of bases costs one visit per class,
and a chain of bases as long as the tree allows cannot exhaust Python's
recursion limit.
"""

from __future__ import annotations

import ast
from typing import Literal

from flake8_ssot.model.bindings import Binding, Chosen, Defined, ModuleSummary, Reexport, origin
from flake8_ssot.model.class_shapes import ClassShape, Dotted, MethodShape, decorator_name
from flake8_ssot.model.project import Project
from flake8_ssot.model.record import Record
from flake8_ssot.model.stdlib_classes import RuntimeClass, import_origin, stdlib_base, stdlib_class
from flake8_ssot.model.summary_cache import RuntimeKey

ClassKind = Literal["plain", "unittest", "unknown"]
#: What pytest reads of a class besides its methods' names.
_READ_BY_PYTEST = frozenset({"__test__", "__init__", "__new__"})
#: Decorators from ``abc`` that make a method abstract.
ABSTRACT_DECORATORS = frozenset(
    {"abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod"}
)


class ClassFacts(Record):
    """A class as pytest would see it.

    ``methods`` holds every function name defined in the class or inherited
    from a traced base; ``constructor`` is ``__init__`` or ``__new__`` when
    the class defines or inherits one (other than object's); ``test_flag``
    is the value of a literal ``__test__`` attribute, own or inherited.
    ``abstract`` holds the names whose value in the class is an abstract
    method, ``concrete`` every other attribute name it binds or inherits (so
    a subclass can tell which of its bases' abstract methods it overrides),
    and ``abc_meta`` whether its metaclass is ``abc.ABCMeta``, without which
    abstract methods do not make a class abstract. ``abstract_methods`` is
    ``__abstractmethods__``: ABCMeta lists the class's own abstract methods
    and those its bases list that are still abstract in it, so an abstract
    method of a plain mixin (which lists none) makes no subclass abstract.
    """

    __slots__ = (
        "name",
        "kind",
        "methods",
        "constructor",
        "test_flag",
        "abstract",
        "concrete",
        "abc_meta",
        "abstract_methods",
    )

    def __init__(
        self,
        name: str,
        kind: ClassKind,
        methods: tuple[str, ...],
        constructor: str | None,
        test_flag: bool | None,
        abstract: frozenset[str],
        concrete: frozenset[str],
        abc_meta: bool,
        abstract_methods: frozenset[str],
    ) -> None:
        self.name = name
        self.kind = kind
        self.methods = methods
        self.constructor = constructor
        self.test_flag = test_flag
        self.abstract = abstract
        self.concrete = concrete
        self.abc_meta = abc_meta
        self.abstract_methods = abstract_methods

    @property
    def is_abstract(self) -> bool:
        """``inspect.isabstract``: pytest does not collect such a class."""
        return bool(self.abstract_methods)


UNKNOWN = ClassFacts("?", "unknown", (), None, None, frozenset(), frozenset(), False, frozenset())


class ModuleClasses:
    """A module's summary, and the facts of its classes worked out so far.

    ``facts`` memoises each class's facts (by its position) for as long as
    this object lives: one linted file, or the process for a module read
    from disk.
    """

    def __init__(self, summary: ModuleSummary) -> None:
        self.summary = summary
        self.facts: dict[int, ClassFacts] = {}
        self._shapes: dict[int, ClassShape] = {}

    def shape_at(self, position: int) -> ClassShape | None:
        """The class statement at a position, if one is there."""
        if not self._shapes and self.summary.classes:
            self._shapes.update((shape.position, shape) for shape in self.summary.classes)
        return self._shapes.get(position)

    def shape_named(self, name: str) -> ClassShape | None:
        """The class that the module's last binding of ``name`` defines, if it is a class."""
        same = self.summary.named.get(name, ())
        return self.class_of(same[-1], name) if same else None

    def class_of(self, binding: Binding, name: str) -> ClassShape | None:
        """The class ``name`` that ``binding`` defines; None if it binds something else."""
        shape = self.shape_at(binding.position) if binding.source is None else None
        return shape if shape is not None and shape.name == name else None


#: What a name means where a class statement uses it: a class of the same
#: module, the dotted path of what an import binds ((module,) for a module
#: object, (module, name) for a name from it), unknown, or None when the
#: module does not bind it (a builtin, or nothing).
_Meaning = ClassShape | tuple[str, ...] | ClassFacts | None

#: What a base expression leads to: facts known at once, or a class to work out.
_Target = ClassFacts | tuple[ModuleClasses, ClassShape]


class ClassResolver:
    """Resolves classes and their bases through the project's module summaries."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._modules: dict[str, ModuleClasses | None] = {}
        self._runtime: dict[RuntimeKey, RuntimeClass | None] = {}

    def facts(self, module: ModuleClasses, shape: ClassShape) -> ClassFacts:
        """Facts of a class defined in ``module`` (the linted module or another).

        A depth-first walk over an explicit stack: a class is worked out
        once all its bases are; a base that is still being worked out is
        part of a cycle (``class A(B)`` / ``class B(A)``), and makes every
        class on the cycle ``unknown``.
        """
        if shape.position in module.facts:
            return module.facts[shape.position]
        in_progress: set[tuple[int, int]] = set()
        targets: dict[tuple[int, int], list[_Target]] = {}
        stack: list[tuple[ModuleClasses, ClassShape]] = [(module, shape)]
        while stack:
            current, class_shape = stack[-1]
            if class_shape.position in current.facts:
                stack.pop()
                continue
            key = (id(current), class_shape.position)
            if key not in targets:
                targets[key] = [
                    self._base(current, base, class_shape) for base in class_shape.bases
                ]
            waiting = [
                target
                for target in targets[key]
                if not isinstance(target, ClassFacts)
                and target[1].position not in target[0].facts
                and (id(target[0]), target[1].position) not in in_progress
            ]
            if waiting and key not in in_progress:
                in_progress.add(key)
                stack.extend(reversed(waiting))
                continue
            bases = [
                target
                if isinstance(target, ClassFacts)
                else target[0].facts.get(target[1].position, UNKNOWN)
                for target in targets[key]
            ]
            current.facts[class_shape.position] = self._combine(current, class_shape, bases)
            in_progress.discard(key)
            stack.pop()
        return module.facts[shape.position]

    def _combine(
        self, module: ModuleClasses, shape: ClassShape, bases: list[ClassFacts]
    ) -> ClassFacts:
        """A class's facts from its own body and its bases' facts."""
        position = shape.position
        own_methods = [method.name for method in shape.methods if not _is_fixture_method(method)]
        constructors = [name for name in own_methods if name in _CONSTRUCTORS]
        if self._generates_init(module, shape):
            constructors.append("__init__")
        test_flag = _literal_test_flag(shape)
        own_abstract = {
            method.name
            for method in shape.methods
            if any(
                _may_name_abstract(module, decorator)
                and self._reference(module, decorator, position) in _ABSTRACT_REFERENCES
                for decorator in method.decorators
            )
        }
        own_names = shape.bound_names
        abc_meta = shape.metaclass is not None and self._is_abc_metaclass(
            module, shape.metaclass, position
        )
        kind: ClassKind = "unknown" if _hides_what_pytest_reads(shape) else "plain"
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
        abstract, concrete = _attributes(own_names, own_abstract, bases)
        listed = own_abstract.union(*(base.abstract_methods for base in bases))
        return ClassFacts(
            shape.name,
            kind,
            tuple(methods),
            constructor,
            test_flag,
            abstract,
            concrete,
            abc_meta,
            abstract & listed if abc_meta else frozenset(),
        )

    def _meaning(self, module: ModuleClasses, name: str, before: int) -> _Meaning:
        """What ``name`` is bound to in ``module`` just before the statement at ``before``.

        The bindings made before it are read by the rule SOT101's advice and
        the fixer use (:func:`flake8_ssot.model.bindings.origin`): a name that the
        module picks between several sources at import time is unknown.
        """
        same = self.project.bindings_in(module.summary, name, before)
        if not same:
            return None
        found = origin(module.summary.module, same, self.project.is_first_party)
        if isinstance(found, Reexport):
            return found.module, found.name
        if isinstance(found, Defined):
            return module.class_of(same[-1], name) or UNKNOWN
        if found is None and same[0].source is not None:
            return (same[0].source,)  # a module object: every binding agrees on it
        return UNKNOWN

    def _base(self, module: ModuleClasses, base: Dotted | None, shape: ClassShape) -> _Target:
        """Where one base of ``shape`` leads."""
        if base is None:
            return UNKNOWN
        head, *rest = base
        meaning = self._meaning(module, head, shape.position)
        if isinstance(meaning, ClassShape):
            return (module, meaning) if not rest else UNKNOWN
        if isinstance(meaning, ClassFacts):
            return meaning
        if meaning is None:
            return self._runtime_facts("builtins", head) if not rest else UNKNOWN
        *module_parts, name = [*meaning, *rest]
        return self._symbol(".".join(module_parts), name) if module_parts else UNKNOWN

    def _symbol(self, module: str, name: str) -> _Target:
        """The class ``name`` that ``module`` defines or re-exports (through the project model)."""
        if _is_unittest(module):
            # pytest asks whether the class derives from the unittest it imports;
            # a source tree that holds unittest itself (the stdlib) cannot tell.
            return self._stdlib_facts(module, name)
        found = self.project.resolve(module, name)
        if found is None or isinstance(found, Chosen):
            return UNKNOWN
        module, name = found
        if _is_unittest(module):
            return self._stdlib_facts(module, name)
        classes = self._module(module)
        if classes is None:
            return self._runtime_facts(module, name)
        shape = classes.shape_named(name)
        return UNKNOWN if shape is None else (classes, shape)

    def _runtime_facts(self, module: str, name: str) -> ClassFacts:
        """Facts of a standard-library base, unless the project has a module of that name."""
        if module != "builtins" and self.project.is_first_party(module.partition(".")[0]):
            return UNKNOWN  # first-party but unreadable: never the stdlib's by accident
        return self._stdlib_facts(module, name)

    def _reference(
        self, module: ModuleClasses, dotted: Dotted | None, position: int
    ) -> tuple[str, str] | None:
        """``(module, name)`` for a dotted name of an imported object, e.g. ``abc.ABCMeta``."""
        if dotted is None:
            return None
        head, *rest = dotted
        meaning = self._meaning(module, head, position)
        if meaning is None or isinstance(meaning, (ClassShape, ClassFacts)):
            return None
        *module_parts, name = [*meaning, *rest]
        return (".".join(module_parts), name) if module_parts else None

    def _is_abc_metaclass(self, module: ModuleClasses, dotted: Dotted, position: int) -> bool:
        """Whether ``dotted`` names ``abc.ABCMeta`` or a stdlib subclass of it."""
        reference = self._reference(module, dotted, position)
        if reference is None or self.project.is_first_party(reference[0].partition(".")[0]):
            return False
        found = self._stdlib_class(("class", *reference))
        return found is not None and found.is_abc_metaclass

    def _generates_init(self, module: ModuleClasses, shape: ClassShape) -> bool:
        """``@dataclass`` (without ``init=False``) writes an ``__init__`` for the class."""
        for decorator, init_false in shape.decorators:
            if self._reference(module, decorator, shape.position) == ("dataclasses", "dataclass"):
                return not init_false
        return False

    def _stdlib_facts(self, module: str, name: str) -> ClassFacts:
        found = self._stdlib_class(("base", module, name))
        return UNKNOWN if found is None else _from_runtime(found)

    def _stdlib_class(self, key: RuntimeKey) -> RuntimeClass | None:
        """A standard-library lookup (see stdlib_classes), kept between processes when the
        project's summaries are."""
        if key in self._runtime:
            return self._runtime[key]
        kind, module, name = key
        cache = self.project.cache
        origin = import_origin(module) if cache is not None else None
        kept = None if cache is None else cache.load_runtime_class(key, origin)
        if kept is not None:
            (found,) = kept
        else:
            found = (stdlib_base if kind == "base" else stdlib_class)(module, name)
            if cache is not None:
                cache.store_runtime_class(key, origin, found)
        self._runtime[key] = found
        return found

    def _module(self, module: str) -> ModuleClasses | None:
        if module not in self._modules:
            summary = self.project.summary(module)
            self._modules[module] = None if summary is None else ModuleClasses(summary)
        return self._modules[module]


#: The methods whose presence (other than object's) makes pytest skip a class, in its order.
_CONSTRUCTORS = ("__init__", "__new__")
_ABSTRACT_REFERENCES = frozenset(("abc", name) for name in ABSTRACT_DECORATORS)


def _attributes(
    own_names: frozenset[str], own_abstract: set[str], bases: list[ClassFacts]
) -> tuple[frozenset[str], frozenset[str]]:
    """The abstract and the concrete attribute names of a class, inherited ones included.

    The first base (in order) that has a name decides, as the MRO mostly
    does. A test class has one base with hundreds of names (``TestCase``'s):
    that case is worked out with one copy of them.
    """
    if len(bases) == 1:
        (base,) = bases
        concrete = base.concrete | own_names
        if own_abstract:
            concrete -= own_abstract
        return frozenset(own_abstract) | (base.abstract - own_names), concrete
    abstract = set(own_abstract)
    concrete_names = set(own_names - own_abstract)
    decided = set(own_names)
    for base in bases:
        abstract |= base.abstract - decided
        concrete_names |= base.concrete - decided
        decided |= base.abstract | base.concrete
    return frozenset(abstract), frozenset(concrete_names)


def _may_name_abstract(module: ModuleClasses, decorator: Dotted) -> bool:
    """Whether a decorator can be one of ``abc``'s abstract ones, by its names alone.

    What it refers to ends in the name written last (``abc.abstractmethod``)
    or, written as one name, in the name its imports give (``from abc import
    abstractmethod as am`` binds ``am`` to ``abstractmethod``). Test methods
    carry many decorators (``skipIf``, ``override_settings``, ``patch``):
    only these few are followed through the module's bindings.
    """
    if decorator[-1] in ABSTRACT_DECORATORS:
        return True
    return len(decorator) == 1 and any(
        binding.original in ABSTRACT_DECORATORS
        for binding in module.summary.named.get(decorator[0], ())
    )


def is_fixture(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function decorated with ``@pytest.fixture`` (or ``@fixture``) is not a test."""
    return any(
        dotted is not None and _is_fixture_decorator(dotted)
        for dotted in map(decorator_name, function.decorator_list)
    )


def _is_fixture_method(method: MethodShape) -> bool:
    return any(_is_fixture_decorator(decorator) for decorator in method.decorators)


def _is_fixture_decorator(dotted: Dotted) -> bool:
    return dotted[-1] in ("fixture", "yield_fixture")


def _literal_test_flag(shape: ClassShape) -> bool | None:
    """The class body's literal ``__test__``: the last one, which the class keeps."""
    given = [value for name, value in shape.flags if name == "__test__"]
    return given[-1] if given else None


def _hides_what_pytest_reads(shape: ClassShape) -> bool:
    """Whether pytest may see a ``__test__``, ``__init__`` or ``__new__`` of the class that
    its statement does not show: the body binds one otherwise than by a ``def`` or a
    literal ``__test__``, or a later module-level statement sets or deletes one on it."""
    return not _READ_BY_PYTEST.isdisjoint(shape.unread_names) or any(
        name in _CONSTRUCTORS for name, _ in shape.flags
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
        found.abstract if found.abc_meta else frozenset(),
    )


def _is_unittest(module: str) -> bool:
    return module.partition(".")[0] == "unittest"
