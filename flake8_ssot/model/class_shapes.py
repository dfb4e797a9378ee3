"""A class statement as pytest's collection reads it, without its tree.

Test discovery asks of a class and of every base it has: its name, the
dotted names of its bases, decorators and metaclass, the functions its body
defines (and their decorators), a literal ``__test__`` and the names the body
binds. That is all a module summary keeps of a class (see
:mod:`flake8_ssot.model.bindings`), so a base-class module read from disk costs a
parse and a look at its class headers, and its tree is dropped at once: a
cached tree would be walked by every full garbage collection of the run.
"""

from __future__ import annotations

import ast
from typing import NamedTuple

#: A dotted name as written (``abc.abstractmethod`` is ``("abc", "abstractmethod")``).
Dotted = tuple[str, ...]


class MethodShape(NamedTuple):
    """A function defined in a class body: its name and the dotted names of its decorators."""

    name: str
    decorators: tuple[Dotted, ...]

    @property
    def is_fixture(self) -> bool:
        return any(is_fixture_decorator(decorator) for decorator in self.decorators)


class ClassShape(NamedTuple):
    """One module-level class statement.

    ``position`` orders it among the module's statements (a class's bases
    are evaluated before it binds its name); ``bases`` holds each base's
    dotted name (``Generic[T]`` as ``Generic``), None where a base is not a
    dotted name; ``decorators`` each decorator's dotted name (a call's
    function) and whether it is called with ``init=False``;
    ``test_flag`` a literal ``__test__``; ``bound_names`` every name the
    body binds in the class namespace (an annotation alone binds none).
    """

    name: str
    position: int
    line: int
    col: int
    bases: tuple[Dotted | None, ...]
    metaclass: Dotted | None
    decorators: tuple[tuple[Dotted | None, bool], ...]
    methods: tuple[MethodShape, ...]
    test_flag: bool | None
    bound_names: frozenset[str]
    #: The body binds ``__test__``, ``__init__`` or ``__new__`` otherwise than by a
    #: literal ``__test__`` or a ``def`` (in a branch, by assignment, by ``del``), or a
    #: later module-level statement sets or deletes one of them on the class
    #: (``TestBase.__test__ = False``): what pytest will see of it is not read here.
    unread: bool


def shape_of(node: ast.ClassDef, position: int) -> ClassShape:
    """What test discovery reads of a class statement (its body is looked at once)."""
    methods: list[MethodShape] = []
    test_flag: bool | None = None
    unread = False
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not statement.decorator_list:  # most methods: no generator to run
                methods.append(MethodShape(statement.name, ()))
                continue
            decorators = (
                dotted_parts(_called(decorator)) for decorator in statement.decorator_list
            )
            methods.append(MethodShape(statement.name, tuple(filter(None, decorators))))
            continue
        flag = _literal_test_flag(statement)
        if flag is not None:
            test_flag = flag if test_flag is None else test_flag
        elif _binds_what_pytest_reads(statement):
            unread = True
    metaclass = next(
        (
            dotted_parts(_called(keyword.value))
            for keyword in node.keywords
            if keyword.arg == "metaclass"
        ),
        None,
    )
    return ClassShape(
        name=node.name,
        position=position,
        line=node.lineno,
        col=node.col_offset,
        bases=tuple(dotted_parts(_unsubscripted(base)) for base in node.bases),
        metaclass=metaclass,
        decorators=tuple(
            (dotted_parts(_called(decorator)), _init_false(decorator))
            for decorator in node.decorator_list
        ),
        methods=tuple(methods),
        test_flag=test_flag,
        bound_names=frozenset(_bound_names(node.body)),
        unread=unread,
    )


def dotted_parts(expression: ast.expr) -> Dotted | None:
    """``a.b.C`` as ``("a", "b", "C")``; None for anything else (calls, subscripts)."""
    parts: list[str] = []
    while isinstance(expression, ast.Attribute):
        parts.append(expression.attr)
        expression = expression.value
    if not isinstance(expression, ast.Name):
        return None
    parts.append(expression.id)
    parts.reverse()
    return tuple(parts)


def is_fixture(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function decorated with ``@pytest.fixture`` (or ``@fixture``) is not a test."""
    return any(
        is_fixture_decorator(dotted)
        for decorator in function.decorator_list
        for dotted in [dotted_parts(_called(decorator))]
        if dotted is not None
    )


def is_fixture_decorator(dotted: Dotted) -> bool:
    return dotted[-1] in ("fixture", "yield_fixture")


def _called(expression: ast.expr) -> ast.expr:
    """The function of a call (``@dataclass(init=False)`` names ``dataclass``)."""
    return expression.func if isinstance(expression, ast.Call) else expression


def _unsubscripted(expression: ast.expr) -> ast.expr:
    """``Generic[T]``, ``Base[int]``: the class itself."""
    while isinstance(expression, ast.Subscript):
        expression = expression.value
    return expression


def _init_false(decorator: ast.expr) -> bool:
    return isinstance(decorator, ast.Call) and any(
        keyword.arg == "init"
        and isinstance(keyword.value, ast.Constant)
        and keyword.value.value is False
        for keyword in decorator.keywords
    )


#: What pytest reads of a class besides its methods' names.
READ_BY_PYTEST = frozenset({"__test__", "__init__", "__new__"})


def _binds_what_pytest_reads(statement: ast.stmt) -> bool:
    """Whether a class-body statement (not a ``def``) binds or deletes a name pytest reads.

    An assignment is judged by its targets (a model's hundred field values
    need no walk); other statements, blocks above all, by everything in them.
    """
    top: list[ast.AST]
    if isinstance(statement, ast.Assign):
        plain = [target.id for target in statement.targets if isinstance(target, ast.Name)]
        if len(plain) == len(statement.targets):  # ``x = ...``: no walk
            return not READ_BY_PYTEST.isdisjoint(plain)
        top = list(statement.targets)
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        top = [statement.target]
    elif isinstance(statement, ast.Pass) or (
        isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
    ):
        return False  # a docstring
    else:
        top = [statement]
    for node in (inner for part in top for inner in ast.walk(part)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            name = node.id
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = node.name
        elif isinstance(node, ast.alias):
            name = node.asname or node.name.partition(".")[0]
        else:
            continue
        if name in READ_BY_PYTEST:
            return True
    return False


def _literal_test_flag(statement: ast.stmt) -> bool | None:
    """The value of ``__test__ = True``, ``__test__: bool = False`` and the like."""
    if isinstance(statement, ast.AnnAssign):
        targets: list[ast.expr] = [statement.target]
    elif isinstance(statement, ast.Assign):
        targets = statement.targets
    else:
        return None
    value = statement.value
    if (
        targets
        and all(isinstance(target, ast.Name) and target.id == "__test__" for target in targets)
        and isinstance(value, ast.Constant)
        and isinstance(value.value, bool)
    ):
        return value.value
    return None


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
