"""Every form of import in a module, as absolute dotted names.

The walk visits statements only (imports cannot hide inside expressions),
and looks at expressions only when a cheap text test says the file may call
``importlib.import_module`` or ``__import__``: a plain ``ast.walk`` over
every node is what makes import linters slow. Aliases of these
(``from importlib import import_module as im``, ``import builtins as b``)
count when nothing else in the file binds the alias name.
"""

from __future__ import annotations

import ast
import builtins
import keyword
from collections.abc import Callable

from flake8_ssot.model.record import Record
from flake8_ssot.model.text_scan import lines_holding, searchable_text, spans_a_line


def _nested_statement_fields() -> dict[type[ast.AST], tuple[str, ...]]:
    """For each statement type that nests statements, the fields holding them.

    Handlers and match cases hold their statements in their own ``body``.
    """
    statement_types: list[type[ast.AST]] = [ast.Module, *ast.stmt.__subclasses__()]
    nested: dict[type[ast.AST], tuple[str, ...]] = {}
    for node_type in statement_types:
        fields = tuple(
            field
            for field in ("body", "orelse", "finalbody", "handlers", "cases")
            if field in node_type._fields
        )
        if fields:
            nested[node_type] = fields
    return nested


_NESTED_FIELDS = _nested_statement_fields()

#: Text that must occur in a file for it to hold a dynamic import.
DYNAMIC_IMPORT_MARKERS = ("import_module", "__import__")
#: Modules that offer dynamic import functions, and those functions.
_IMPORT_FUNCTIONS = {"importlib": ("import_module", "__import__"), "builtins": ("__import__",)}


class ImportRef(Record):
    """One import: ``import module`` (``names`` empty) or ``from module import names``.

    ``line`` is 1-based and ``col`` 0-based, as in ``ast``; both point at the
    statement, or at the call for a dynamic import.
    """

    __slots__ = ("module", "names", "line", "col")

    def __init__(self, module: str, names: tuple[str, ...], line: int, col: int) -> None:
        self.module = module
        self.names = names
        self.line = line
        self.col = col


def is_dotted_name(text: str) -> bool:
    """Whether ``text`` could be an absolute module name in an import statement."""
    return all(part.isidentifier() and not keyword.iskeyword(part) for part in text.split("."))


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
    package = _once(package_of_file)
    refs: list[ImportRef] = []
    statements = import_statements(tree, source)
    for statement in statements:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                refs.append(ImportRef(alias.name, (), statement.lineno, statement.col_offset))
        else:
            module = resolve_relative(
                statement.level,
                statement.module,
                package() if statement.level else None,
            )
            if module is not None:
                names = tuple(alias.name for alias in statement.names)
                refs.append(ImportRef(module, names, statement.lineno, statement.col_offset))
    text = searchable_text(source)
    # An alias is bound by an import that names import_module or __import__, or
    # called as an attribute named so: no marker in the text, no dynamic import.
    if any(marker in text for marker in DYNAMIC_IMPORT_MARKERS):
        refs.extend(_dynamic_imports(tree, text, statements, package))
    return refs


def type_only_lines(tree: ast.Module) -> list[tuple[int, int]]:
    """The line ranges of ``if TYPE_CHECKING:`` blocks (``typing.``/``typing_extensions.``
    too) and ``if False:`` blocks, at any depth: code the interpreter never runs and
    type checkers read (their ``else`` runs, and is walked)."""
    return block_lines(
        tree, lambda statement: isinstance(statement, ast.If) and _never_true(statement.test)
    )


def block_lines(tree: ast.Module, is_block: Callable[[ast.stmt], bool]) -> list[tuple[int, int]]:
    """The line ranges of the bodies of the statements ``is_block`` picks, at any depth,
    found by a walk over statements only (expressions hold no statement). A picked
    ``if``'s ``else`` is walked on."""
    ranges = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        statement = pending.pop()
        if is_block(statement):
            body = getattr(statement, "body", ())
            if body:
                last = body[-1]
                ranges.append((body[0].lineno, last.end_lineno or last.lineno))
            if isinstance(statement, ast.If):
                pending.extend(statement.orelse)
            continue
        for field in ("body", "orelse", "finalbody"):
            pending.extend(getattr(statement, field, ()))
        for handler in getattr(statement, "handlers", ()):
            pending.extend(handler.body)
        for case in getattr(statement, "cases", ()):
            pending.extend(case.body)
    return ranges


def _never_true(test: ast.expr) -> bool:
    if isinstance(test, ast.Constant):
        return test.value is False
    return is_type_checking(test)


def is_type_checking(test: ast.expr) -> bool:
    """``if TYPE_CHECKING:`` / ``if typing.TYPE_CHECKING:``: never true at run time."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _once(package_of_file: Callable[[], str | None]) -> Callable[[], str | None]:
    """``package_of_file``, called at most once (naming a package touches the file system)."""
    found: list[str | None] = []

    def package() -> str | None:
        if not found:
            found.append(package_of_file())
        return found[0]

    return package


def dynamic_imports(
    tree: ast.AST, source: str, package_of_file: Callable[[], str | None]
) -> list[ImportRef]:
    """Only the dynamic imports of :func:`collect_imports` (with a literal name)."""
    text = searchable_text(source)
    if not any(marker in text for marker in DYNAMIC_IMPORT_MARKERS):
        return []
    package = _once(package_of_file)
    return _dynamic_imports(tree, text, import_statements(tree, source), package)


def import_statements(tree: ast.AST, source: str) -> list[ast.Import | ast.ImportFrom]:
    """Import statements at any depth, found without visiting expressions.

    Every import statement holds the text ``import``, so when the file's
    text holds it exactly as often as the module has top-level import
    statements, there is no other import anywhere: most files need no walk.
    Otherwise the walk enters only the compound statements whose lines hold
    that text.
    """
    if isinstance(tree, ast.Module):
        top_level = [
            statement
            for statement in tree.body
            if isinstance(statement, (ast.Import, ast.ImportFrom))
        ]
        if source.count("import") == len(top_level):
            return top_level
    import_lines = lines_holding(source, ["import"])
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
            continue
        fields = _NESTED_FIELDS.get(type(node))
        if fields is None or (
            isinstance(node, ast.stmt)
            and not spans_a_line(import_lines, node.lineno, node.end_lineno)
        ):
            continue
        for field in fields:
            for child in getattr(node, field):
                if isinstance(child, ast.stmt):
                    pending.append(child)
                else:  # an except handler or a match case
                    pending.extend(child.body)
    found.reverse()
    return found


def _calls_on_lines(tree: ast.AST, lines: list[int]) -> list[ast.Call]:
    """Calls in subtrees spanning one of ``lines`` (sorted), pruning all others."""
    calls: list[ast.Call] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        start = getattr(node, "lineno", None)
        if start is not None:
            if not spans_a_line(lines, start, getattr(node, "end_lineno", None)):
                continue
            if isinstance(node, ast.Call):
                calls.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return calls


class _Callees(Record):
    """The names a file may call dynamic imports through.

    ``functions`` maps a name to the function it calls (``import_module`` or
    ``__import__``); ``modules`` maps a name to the module whose attributes
    are those functions (``importlib`` or ``builtins``). ``aliases`` are the
    names among them that only an import makes so: they are trusted only
    once nothing else in the file is found to bind them.
    """

    __slots__ = ("functions", "modules", "aliases")

    def __init__(
        self, functions: dict[str, str], modules: dict[str, str], aliases: frozenset[str]
    ) -> None:
        self.functions = functions
        self.modules = modules
        self.aliases = aliases


def _dynamic_imports(
    tree: ast.AST,
    text: str,
    statements: list[ast.Import | ast.ImportFrom],
    package: Callable[[], str | None],
) -> list[ImportRef]:
    """Dynamic imports with a literal name, on the lines whose text may call one.

    The walk that looks for other bindings of an alias visits every node, so
    it runs only for the aliases some import call goes through.
    """
    callees = _dynamic_import_callees(statements)
    # A call through a function alias holds only the alias's name.
    markers = [*DYNAMIC_IMPORT_MARKERS, *sorted(callees.aliases & callees.functions.keys())]
    marker_lines = lines_holding(text, markers)
    found: list[tuple[str, ImportRef]] = []
    for call in sorted(
        _calls_on_lines(tree, marker_lines), key=lambda call: (call.lineno, call.col_offset)
    ):
        callee = _called_function(call, callees)
        if callee is not None:
            through, function = callee
            module = _dynamic_import_target(call, function, package)
            if module is not None:
                names = _from_list(call) if function == "__import__" else ()
                found.append((through, ImportRef(module, names, call.lineno, call.col_offset)))
    called_aliases = {through for through, _ in found} & callees.aliases
    rebound = _names_bound_otherwise(tree, called_aliases) if called_aliases else set()
    return [ref for through, ref in found if through not in rebound]


def _dynamic_import_callees(statements: list[ast.Import | ast.ImportFrom]) -> _Callees:
    """The plain names, and the aliases of the import functions ``statements`` bind.

    An alias counts only when every import of its name binds the same thing,
    no star import could rebind it, and it is not a builtin's name (an alias
    bound in one function leaves the builtin in force elsewhere); the caller
    also checks that nothing but imports binds it. Missing a rebound alias
    is fine; reporting a call to something else is not.
    """
    functions = {"import_module": "import_module", "__import__": "__import__"}
    modules = {"importlib": "importlib"}
    # What each import binds: ("function", name), ("module", name) or None for anything else.
    bound: dict[str, set[tuple[str, str] | None]] = {}
    for statement in statements:
        for alias in statement.names:
            if alias.name == "*":
                return _Callees(functions, modules, frozenset())
            if isinstance(statement, ast.Import):
                name = alias.asname or alias.name.partition(".")[0]
                target = alias.name if alias.asname else name
                meaning = ("module", target) if target in _IMPORT_FUNCTIONS else None
            else:
                name = alias.asname or alias.name
                offered = _IMPORT_FUNCTIONS.get(statement.module or "", ())
                meaning = (
                    ("function", alias.name)
                    if not statement.level and alias.name in offered
                    else None
                )
            bound.setdefault(name, set()).add(meaning)
    aliases = {
        name: meaning
        for name, meanings in bound.items()
        if len(meanings) == 1
        and (meaning := next(iter(meanings))) is not None
        and name not in functions
        and name not in modules
        and not hasattr(builtins, name)
    }
    for name, (kind, target) in aliases.items():
        (functions if kind == "function" else modules)[name] = target
    return _Callees(functions, modules, frozenset(aliases))


def _names_bound_otherwise(tree: ast.AST, names: set[str]) -> set[str]:
    """Which of ``names`` something other than an import statement binds or deletes."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            bound = None if isinstance(node.ctx, ast.Load) else node.id
        elif isinstance(node, ast.arg):
            bound = node.arg
        elif isinstance(node, ast.MatchMapping):
            bound = node.rest
        elif isinstance(node, ast.alias):
            continue  # imports are weighed by the caller; alias.name is what is imported
        else:
            # def, class, except ... as, match captures, type parameters.
            name = getattr(node, "name", None)
            bound = name if isinstance(name, str) else None
        if bound in names:
            found.add(bound)
    return found


def _called_function(call: ast.Call, callees: _Callees) -> tuple[str, str] | None:
    """The name ``call`` goes through, and the import function it calls, if it calls one."""
    function = call.func
    if isinstance(function, ast.Name):
        called = callees.functions.get(function.id)
        return None if called is None else (function.id, called)
    if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
        module = callees.modules.get(function.value.id)
        if module is not None and function.attr in _IMPORT_FUNCTIONS[module]:
            return function.value.id, function.attr
    return None


def _dynamic_import_target(
    call: ast.Call, function: str, package: Callable[[], str | None]
) -> str | None:
    """The module named by a call to ``import_module`` or ``__import__`` (``function``)."""
    first = _keyword_or_position(call, "name", 0)
    target = _string_constant(first) if first is not None else None
    if target is None:
        return None
    if function == "__import__":
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


def _from_list(call: ast.Call) -> tuple[str, ...]:
    """``__import__``'s literal ``fromlist``: names it imports from the module as
    ``from module import name`` does (a submodule among them is loaded)."""
    given = _keyword_or_position(call, "fromlist", 3)
    if not isinstance(given, (ast.List, ast.Tuple, ast.Set)):
        return ()
    names = tuple(
        element.value
        for element in given.elts
        if isinstance(element, ast.Constant)
        and isinstance(element.value, str)
        and (element.value == "*" or element.value.isidentifier())
    )
    return names if len(names) == len(given.elts) else ()


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
