"""What pytest would see of a class, read statically across the project's files.

pytest decides collection from a class's name, its (inherited) methods, an
inherited ``__init__``/``__new__``, ``__test__`` and whether it derives from
``unittest.TestCase``. Bases defined in other first-party files are read
through the import engine and source roots, parsed once per process; a base
that cannot be traced (third-party, dynamic) makes the class ``unknown``,
and checks say nothing about unknown classes.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from typing import Literal, Union

from flake8_ssot.imports import resolve_relative
from flake8_ssot.project import Project, module_level_statements, parse_file

ClassKind = Literal["plain", "unittest", "unknown"]
#: The deepest chain of bases or re-exports followed before giving up.
MAX_DEPTH = 12


@dataclass(frozen=True)
class ClassFacts:
    """A class as pytest would see it.

    ``methods`` holds every function name defined in the class or inherited
    from a traced base; ``constructor`` is ``__init__`` or ``__new__`` when
    the class defines or inherits one (other than object's); ``test_flag``
    is the value of a literal ``__test__`` attribute, own or inherited.
    """

    name: str
    kind: ClassKind
    methods: tuple[str, ...]
    constructor: str | None
    test_flag: bool | None


#: A module's top-level bindings: classes defined there, and imported names
#: (local name -> (module, attribute or None for a module import)).
@dataclass(frozen=True)
class ModuleBindings:
    module: str
    classes: dict[str, ast.ClassDef]
    imported: dict[str, tuple[str, Union[str, None]]]


def module_bindings(tree: ast.Module, module: str, package: str | None) -> ModuleBindings:
    """Top-level classes and imports of one module (``if``/``try`` blocks included)."""
    classes: dict[str, ast.ClassDef] = {}
    imported: dict[str, tuple[str, str | None]] = {}
    for statement in module_level_statements(tree):
        if isinstance(statement, ast.ClassDef):
            classes[statement.name] = statement
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    imported[alias.asname] = (alias.name, None)
                else:
                    head = alias.name.partition(".")[0]
                    imported[head] = (head, None)
        elif isinstance(statement, ast.ImportFrom):
            source = resolve_relative(statement.level, statement.module, package)
            if source is None:
                continue
            for alias in statement.names:
                if alias.name != "*":
                    imported[alias.asname or alias.name] = (source, alias.name)
    return ModuleBindings(module, classes, imported)


_UNKNOWN_ROOT = "unknown"
_OBJECT_ROOT = "object"
_UNITTEST_ROOT = "unittest"
_BaseResolution = Union[ClassFacts, str]


class ClassResolver:
    """Resolves classes and their bases, caching other modules per process."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._bindings: dict[str, ModuleBindings | None] = {}
        self._facts: dict[tuple[str, str], ClassFacts] = {}

    def facts(self, bindings: ModuleBindings, node: ast.ClassDef, depth: int = 0) -> ClassFacts:
        """Facts of a class defined in ``bindings`` (the linted module or another)."""
        # Only classes read from disk are cached: the linted module may be an
        # editor buffer that differs from its file.
        cacheable = self._bindings.get(bindings.module) is bindings
        key = (bindings.module, node.name)
        if cacheable and key in self._facts:
            return self._facts[key]
        own_methods = [
            statement.name
            for statement in node.body
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
            and not is_fixture(statement)
        ]
        constructor: str | None = next(
            (name for name in ("__init__", "__new__") if name in own_methods), None
        )
        if constructor is None and _generates_init(bindings, node):
            constructor = "__init__"
        test_flag = _literal_test_flag(node)
        kind: ClassKind = "plain"
        methods = dict.fromkeys(own_methods)  # ordered, and a set for inherited names
        for base in node.bases:
            resolved = self._resolve_base(bindings, base, depth + 1)
            if resolved == _UNITTEST_ROOT:
                kind = "unittest"
            elif resolved == _UNKNOWN_ROOT:
                if kind == "plain":
                    kind = "unknown"
            elif isinstance(resolved, ClassFacts):
                if resolved.kind == "unittest":
                    kind = "unittest"
                elif resolved.kind == "unknown" and kind == "plain":
                    kind = "unknown"
                methods.update(dict.fromkeys(resolved.methods))
                constructor = constructor or resolved.constructor
                if test_flag is None:
                    test_flag = resolved.test_flag
        facts = ClassFacts(node.name, kind, tuple(methods), constructor, test_flag)
        if cacheable:
            self._facts[key] = facts
        return facts

    def _resolve_base(
        self, bindings: ModuleBindings, base: ast.expr, depth: int
    ) -> _BaseResolution:
        if depth > MAX_DEPTH:
            return _UNKNOWN_ROOT
        dotted = dotted_parts(base)
        if dotted is None:
            return _UNKNOWN_ROOT
        head, *rest = dotted
        if not rest and head in bindings.classes:
            return self.facts(bindings, bindings.classes[head], depth)
        if head in bindings.imported:
            module, attribute = bindings.imported[head]
            path = [module] if attribute is None else [module, attribute]
            *module_parts, name = [*path, *rest]
            return self._resolve_symbol(".".join(module_parts), name, depth)
        if not rest and head == "object":
            return _OBJECT_ROOT
        builtin = getattr(builtins, head, None) if not rest else None
        if isinstance(builtin, type):
            return _builtin_facts(builtin)
        return _UNKNOWN_ROOT

    def _resolve_symbol(self, module: str, name: str, depth: int) -> _BaseResolution:
        """The class ``name`` that ``module`` defines or re-exports."""
        if module == "unittest" or module.startswith("unittest."):
            return _UNITTEST_ROOT if name.endswith("TestCase") else _UNKNOWN_ROOT
        bindings = self._module(module)
        if bindings is None:
            return _UNKNOWN_ROOT
        if name in bindings.classes:
            return self.facts(bindings, bindings.classes[name], depth)
        if name in bindings.imported and depth < MAX_DEPTH:
            source, attribute = bindings.imported[name]
            if attribute is not None:
                return self._resolve_symbol(source, attribute, depth + 1)
        return _UNKNOWN_ROOT

    def _module(self, module: str) -> ModuleBindings | None:
        if module in self._bindings:
            return self._bindings[module]
        bindings: ModuleBindings | None = None
        path = self.project.module_path(module)
        if path is not None:
            is_package = path.is_dir()
            tree = parse_file(path / "__init__.py" if is_package else path)
            if tree is not None:
                package = module if is_package else module.rpartition(".")[0]
                bindings = module_bindings(tree, module, package or None)
                for node in bindings.classes.values():
                    _keep_only_what_facts_read(node)
        self._bindings[module] = bindings
        return bindings


def _keep_only_what_facts_read(node: ast.ClassDef) -> None:
    """Drop method bodies and other statements from a class kept for the whole process.

    Cached ASTs of base-class modules otherwise stay alive for the whole
    run, and every full garbage collection of flake8's own objects walks
    them: on Django's test suite that made flake8 18% slower, for nothing.
    """
    kept: list[ast.stmt] = []
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            statement.body = []
            kept.append(statement)
        elif _literal_flag(statement) is not None:
            kept.append(statement)
    node.body = kept


def _builtin_facts(builtin: type) -> ClassFacts:
    """A builtin base such as ``Exception`` or ``dict``: its constructor is what matters."""
    constructor = None
    for name in ("__init__", "__new__"):
        if getattr(builtin, name) is not getattr(object, name):
            constructor = name
            break
    return ClassFacts(builtin.__name__, "plain", (), constructor, None)


def _generates_init(bindings: ModuleBindings, node: ast.ClassDef) -> bool:
    """``@dataclass`` (without ``init=False``) writes an ``__init__`` for the class."""
    for decorator in node.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        dotted = dotted_parts(call.func if call else decorator)
        if dotted is None:
            continue
        head = bindings.imported.get(dotted[0])
        if dotted == ["dataclasses", "dataclass"] or (
            len(dotted) == 1 and head == ("dataclasses", "dataclass")
        ) or (len(dotted) == 2 and head == ("dataclasses", None) and dotted[1] == "dataclass"):
            return not any(
                keyword.arg == "init"
                and isinstance(keyword.value, ast.Constant)
                and keyword.value.value is False
                for keyword in (call.keywords if call else [])
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
    return next(
        (flag for flag in map(_literal_flag, node.body) if flag is not None), None
    )


def _literal_flag(statement: ast.stmt) -> bool | None:
    """The value of ``__test__ = True`` or ``__test__ = False``."""
    if (
        isinstance(statement, ast.Assign)
        and any(
            isinstance(target, ast.Name) and target.id == "__test__"
            for target in statement.targets
        )
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, bool)
    ):
        return statement.value.value
    return None
