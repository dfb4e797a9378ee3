"""Every form of import in a module, as absolute dotted names.

The walk visits statements only (imports cannot hide inside expressions),
and looks at expressions only when a cheap text test says the file may call
``importlib.import_module`` or ``__import__``: a plain ``ast.walk`` over
every node is what makes import linters slow.
"""

from __future__ import annotations

import ast
import keyword
from collections.abc import Callable, Iterator
from dataclasses import dataclass

#: Statement fields that hold nested statement lists.
_BODY_FIELDS = ("body", "orelse", "finalbody")
#: Text that must occur in a file for it to hold a dynamic import.
DYNAMIC_IMPORT_MARKERS = ("import_module", "__import__")


@dataclass(frozen=True)
class ImportRef:
    """One import: ``import module`` (``names`` empty) or ``from module import names``.

    ``line`` is 1-based and ``col`` 0-based, as in ``ast``; both point at the
    statement, or at the call for a dynamic import.
    """

    module: str
    names: tuple[str, ...]
    line: int
    col: int


def is_dotted_name(text: str) -> bool:
    """Whether ``text`` could be an absolute module name in an import statement."""
    return all(
        part.isidentifier() and not keyword.iskeyword(part) for part in text.split(".")
    )


def resolve_relative(level: int, module: str | None, package: str | None) -> str | None:
    """The absolute name of ``from {'.' * level}{module} import ...`` written in ``package``.

    None when it cannot be resolved: no package known, or more dots than
    the package has parents (Python itself raises ImportError there).
    """
    if level == 0:
        return module
    if not package:
        return None
    parts = package.split(".")
    if level - 1 >= len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    if module:
        base.append(module)
    return ".".join(base)


def collect_imports(
    tree: ast.AST, source: str, package_of_file: Callable[[], str | None]
) -> list[ImportRef]:
    """All imports in ``tree``, relative ones resolved against the file's package.

    ``package_of_file`` is called only if a relative import needs it, since
    naming the file's package touches the file system.
    """
    package_cache: list[str | None] = []

    def package() -> str | None:
        if not package_cache:
            package_cache.append(package_of_file())
        return package_cache[0]

    refs: list[ImportRef] = []
    for statement in _import_statements(tree):
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                refs.append(
                    ImportRef(alias.name, (), statement.lineno, statement.col_offset)
                )
        else:
            module = resolve_relative(
                statement.level,
                statement.module,
                package() if statement.level else None,
            )
            if module is not None:
                names = tuple(alias.name for alias in statement.names)
                refs.append(
                    ImportRef(module, names, statement.lineno, statement.col_offset)
                )
    if any(marker in source for marker in DYNAMIC_IMPORT_MARKERS):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                module = _dynamic_import_target(node, package)
                if module is not None:
                    refs.append(ImportRef(module, (), node.lineno, node.col_offset))
    return refs


def _import_statements(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements at any depth, found without visiting expressions."""
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        for field in _BODY_FIELDS:
            nested = getattr(node, field, None)
            if isinstance(nested, list):
                pending.extend(nested)
        for holder in getattr(node, "handlers", ()) or getattr(node, "cases", ()):
            pending.extend(holder.body)


def _dynamic_import_target(
    call: ast.Call, package: Callable[[], str | None]
) -> str | None:
    """The module named by ``importlib.import_module("m")`` or ``__import__("m")``."""
    function = call.func
    if isinstance(function, ast.Name):
        name = function.id
    elif (
        isinstance(function, ast.Attribute)
        and isinstance(function.value, ast.Name)
        and function.value.id == "importlib"
    ):
        name = function.attr
    else:
        return None
    if name not in ("import_module", "__import__") or not call.args:
        return None
    target = _string_constant(call.args[0])
    if target is None:
        return None
    if name == "__import__":
        level = _keyword_or_position(call, "level", 4)
        level_value = level.value if isinstance(level, ast.Constant) else 0
        if not isinstance(level_value, int) or isinstance(level_value, bool):
            return None
        return resolve_relative(level_value, target, package() if level_value else None)
    level_value = len(target) - len(target.lstrip("."))
    if not level_value:
        return target
    anchor = _keyword_or_position(call, "package", 1)
    if isinstance(anchor, ast.Name) and anchor.id == "__package__":
        anchor_package = package()
    else:
        anchor_package = _string_constant(anchor) if anchor is not None else None
    return resolve_relative(level_value, target[level_value:] or None, anchor_package)


def _string_constant(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if is_dotted_name(node.value.lstrip(".")):
            return node.value
    return None


def _keyword_or_position(call: ast.Call, keyword: str, position: int) -> ast.expr | None:
    for given in call.keywords:
        if given.arg == keyword:
            return given.value
    if len(call.args) > position:
        return call.args[position]
    return None
