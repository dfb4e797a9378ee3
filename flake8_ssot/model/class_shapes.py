"""A class statement as read without its tree: its header and what its body binds.

What is asked of a class (by test discovery, of the class and of every
base it has) is its name, the dotted names of its bases, decorators and
metaclass, the functions its body defines (and their decorators), the
names the body binds, and of its special (dunder) names, which Python and
frameworks read from a class, the literal flags they are given or that
their value cannot be read here. That is all a module summary keeps of a
class (see :mod:`flake8_ssot.model.bindings`), so a base-class module read
from disk costs a parse and a look at its class headers, and its tree is
dropped at once: a cached tree would be walked by every full garbage
collection of the run.
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


class ClassShape(NamedTuple):
    """One module-level class statement.

    ``position`` orders it among the module's statements (a class's bases
    are evaluated before it binds its name); ``bases`` holds each base's
    dotted name (``Generic[T]`` as ``Generic``), None where a base is not a
    dotted name; ``decorators`` each decorator's dotted name (a call's
    function) and whether it is called with ``init=False``; ``flags``
    each literal ``True`` or ``False`` the body gives a special name
    (``__test__ = False``), in the body's order; ``bound_names`` every name
    the body binds in the class namespace (an annotation alone binds none).
    """

    name: str
    position: int
    line: int
    col: int
    bases: tuple[Dotted | None, ...]
    metaclass: Dotted | None
    decorators: tuple[tuple[Dotted | None, bool], ...]
    methods: tuple[MethodShape, ...]
    flags: tuple[tuple[str, bool], ...]
    bound_names: frozenset[str]
    #: The special names whose value on the class is not read here: the body binds
    #: them otherwise than by a ``def`` or a flag (in a branch, by assignment, by
    #: ``del``, by import), or a later module-level statement sets or deletes them on
    #: the class (``TestBase.__test__ = False``).
    unread_names: frozenset[str]


def shape_of(node: ast.ClassDef, position: int) -> ClassShape:
    """What is read of a class statement (its body is looked at once)."""
    methods: list[MethodShape] = []
    flags: list[tuple[str, bool]] = []
    unread_names: set[str] = set()
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not statement.decorator_list:  # most methods: no generator to run
                methods.append(MethodShape(statement.name, ()))
                continue
            decorators = (decorator_name(decorator) for decorator in statement.decorator_list)
            methods.append(MethodShape(statement.name, tuple(filter(None, decorators))))
            continue
        flag = _literal_flag(statement)
        if flag is not None:
            flags.append(flag)
        else:
            unread_names.update(_special_names_bound(statement))
    metaclass = next(
        (decorator_name(keyword.value) for keyword in node.keywords if keyword.arg == "metaclass"),
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
            (decorator_name(decorator), _init_false(decorator)) for decorator in node.decorator_list
        ),
        methods=tuple(methods),
        flags=tuple(flags),
        bound_names=frozenset(_bound_names(node.body)),
        unread_names=frozenset(unread_names),
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


def decorator_name(expression: ast.expr) -> Dotted | None:
    """The dotted name of a decorator, or of a metaclass: a call's function
    (``@dataclass(init=False)`` names ``dataclass``)."""
    return dotted_parts(expression.func if isinstance(expression, ast.Call) else expression)


def is_special_name(name: str) -> bool:
    """A dunder name (``__test__``, ``__init__``), which Python or a framework reads."""
    return len(name) > 4 and name[:2] == "__" == name[-2:]


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


def _special_names_bound(statement: ast.stmt) -> list[str]:
    """The special names a class-body statement (not a ``def``) binds or deletes.

    An assignment is judged by its targets (a model's hundred field values
    need no walk); other statements, blocks above all, by everything in them.
    """
    top: list[ast.AST]
    if isinstance(statement, ast.Assign):
        plain = [target.id for target in statement.targets if isinstance(target, ast.Name)]
        if len(plain) == len(statement.targets):  # ``x = ...``: no walk
            return [name for name in plain if is_special_name(name)]
        top = list(statement.targets)
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        top = [statement.target]
    elif isinstance(statement, ast.Pass) or (
        isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
    ):
        return []  # a docstring
    else:
        top = [statement]
    names = []
    pending = top
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            name = node.id
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            # Names inside a function's body are its own; only what runs in the class
            # body (decorators, defaults, bases) can bind there, and the name itself.
            pending.extend(_evaluated_in_class_body(node))
            if isinstance(node, ast.Lambda):
                continue
            name = node.name
        elif isinstance(node, ast.alias):
            name = node.asname or node.name.partition(".")[0]
        else:
            pending.extend(ast.iter_child_nodes(node))
            continue
        if is_special_name(name):
            names.append(name)
    return names


def _evaluated_in_class_body(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda,
) -> list[ast.expr]:
    """The expressions of a definition that run where it is defined, not when it is called."""
    if isinstance(node, ast.ClassDef):
        return [*node.decorator_list, *node.bases, *(keyword.value for keyword in node.keywords)]
    defaults = [*node.args.defaults, *(value for value in node.args.kw_defaults if value)]
    if isinstance(node, ast.Lambda):
        return defaults
    return [*node.decorator_list, *defaults]


def _literal_flag(statement: ast.stmt) -> tuple[str, bool] | None:
    """``__test__ = True``, ``__test__: bool = False`` and the like: one special name
    (as every target) given a literal ``True`` or ``False``."""
    if isinstance(statement, ast.AnnAssign):
        targets: list[ast.expr] = [statement.target]
    elif isinstance(statement, ast.Assign):
        targets = statement.targets
    else:
        return None
    value = statement.value
    if not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
        return None
    names = {target.id if isinstance(target, ast.Name) else "" for target in targets}
    if len(names) != 1:
        return None
    (name,) = names
    return (name, value.value) if is_special_name(name) else None


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
