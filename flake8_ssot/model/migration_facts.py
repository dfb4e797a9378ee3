"""What one module shows of a migration in progress, read statically for ``init``.

``flake8-ssot init`` proposes a configuration from the tree as it is: the
modules that warn of their own deprecation (at import, from a module
``__getattr__``, from wrappers that delegate elsewhere), the modules shaped
like compat shims, and the classes and functions defined in several
modules. Nothing here imports the project. Most files have none of these
shapes, and their text says so: a file is parsed only when it mentions
``warn`` or ``__getattr__``, is named like a compat shim, or defines a name
that is defined in other modules too (:func:`text_definitions` finds those
names from the text alone).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import NamedTuple

from flake8_ssot.model.bindings import ModuleSummary, read_module
from flake8_ssot.model.imports import resolve_relative

#: A warning category that announces a removal: ``DeprecationWarning`` and its
#: kin, and the ``RemovedInX`` classes projects such as Django define.
_DEPRECATION_CATEGORY = re.compile(r"Deprecat|^Removed|^FutureWarning$")
#: What the text of a module that warns of a deprecation must hold.
_DEPRECATION_CATEGORY_TEXT = re.compile(r"Deprecat|Removed|FutureWarning")
#: Top-level ``class X`` / ``def X`` / ``async def X`` (column 0).
_TOP_DEFINITION = re.compile(r"^(?:class|def|async[ \t]+def)[ \t]+([A-Za-z_]\w*)", re.MULTILINE)
#: Top-level ``Name = Other`` (a plain alias, nothing after it but a comment).
_TOP_ALIAS = re.compile(
    r"^([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_][\w.]*)[ \t]*(?:#[^\n]*)?$", re.MULTILINE
)
#: Right-hand sides of ``Name = Other`` that are values, not aliases of a definition.
_NOT_ALIASES = frozenset({"None", "True", "False", "NotImplemented", "Ellipsis"})
#: ``from X import a, b`` and ``from X import (a,\n b)`` at any indentation.
_FROM_IMPORT = re.compile(
    r"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n#;]*)", re.MULTILINE
)
#: Modules imported from for the language's sake, not for the names they give.
_NOT_SOURCES = frozenset({"__future__", "warnings"})
#: Directories whose modules are not the project's own sources: tests, examples and
#: docs (which repeat names by design), vendored copies of other projects.
_NOT_SOURCE_DIRECTORIES = frozenset(
    {
        "tests",
        "test",
        "testing",
        "examples",
        "example",
        "docs",
        "doc",
        "_vendor",
        "vendor",
        "_vendored",
        "vendored",
        "third_party",
    }
)


class Wrapper(NamedTuple):
    """A module-level function that warns of its deprecation and returns a call into
    ``delegate``."""

    name: str
    line: int
    #: The module the called function (or module) was imported from.
    delegate: str


class FileFacts(NamedTuple):
    """What one file shows of a migration: the first pass of ``init`` over every file."""

    path: str
    module: str
    is_package: bool
    #: Not the project's own source (see :func:`is_not_source`): never proposed.
    not_source: bool
    #: Names the text defines at the top level (classes, functions, ``Name = Other``).
    definitions: tuple[str, ...]
    #: The line of a module-level deprecation warning: the module warns when imported.
    import_warning: int | None
    #: The modules the module's imported names come from (absolute, sorted).
    import_sources: tuple[str, ...]
    #: The line of a module ``__getattr__`` that warns of a deprecation.
    getattr_warning: int | None
    #: The modules that ``__getattr__`` fetches names from.
    getattr_sources: tuple[str, ...]
    wrappers: tuple[Wrapper, ...]
    #: Public names the module makes itself, other than wrappers and ``__getattr__``.
    own_public: tuple[str, ...]
    #: Public names it defines with ``class`` or ``def`` (wrappers included).
    defines: tuple[str, ...]
    #: ``module:name`` of each public name it imports (``module:*`` for a star import).
    reexported: tuple[str, ...]
    #: The one module a module that only re-exports names takes them all from.
    reexports_only: str | None


class DefinitionSite(NamedTuple):
    """One top-level definition of a name that several modules define."""

    name: str
    module: str
    path: str
    line: int
    #: ``class``, ``def`` or ``alias`` (``Name = Other``).
    kind: str
    #: Each base class: ``module:Name`` where it resolves through the module's imports,
    #: else its source text.
    bases: tuple[str, ...]
    #: ``module:Name`` of what an alias binds (or a function only calls), when it resolves.
    alias_of: str | None
    #: A class of one base that adds nothing to it (a docstring, ``pass``, warnings).
    adds_nothing: bool


def is_not_source(path: str) -> bool:
    """Whether a file is a test module (pytest's default names), a conftest, or lives
    with tests, examples, docs or vendored code: never a proposal's subject or home."""
    parts = re.split(r"[\\/]", path)
    filename = parts[-1]
    return (
        filename.startswith("test_")
        or filename.endswith("_test.py")
        or filename == "conftest.py"
        or any(part in _NOT_SOURCE_DIRECTORIES for part in parts[:-1])
    )


def text_definitions(text: str) -> tuple[str, ...]:
    """The names a module's text defines at column 0, each once: a text scan that may
    count a line inside a string, which the parse of the candidates rules out."""
    names = {match.group(1) for match in _TOP_DEFINITION.finditer(text)}
    for match in _TOP_ALIAS.finditer(text):
        name, target = match.groups()
        if target not in _NOT_ALIASES and name != target and not name.isupper():
            names.add(name)
    return tuple(sorted(names))


def needs_parse(text: str, module: str) -> bool:
    """Whether the file may hold a deprecation warning (a call of ``warn`` and the name
    of a deprecation category) or be a compat shim: else its facts are its text's alone."""
    if "compat" in module.rpartition(".")[2]:
        return True
    return "warn" in text and _DEPRECATION_CATEGORY_TEXT.search(text) is not None


def file_facts(
    path: str, module: str, is_package: bool, text: str, tree: ast.Module | None
) -> FileFacts:
    """The file's facts; ``tree`` is None when :func:`needs_parse` ruled the file out
    (or it does not parse): only its definitions are known then."""
    definitions = text_definitions(text)
    not_source = is_not_source(path)
    if tree is None:
        return FileFacts(
            path,
            module,
            is_package,
            not_source,
            definitions,
            None,
            (),
            None,
            (),
            (),
            (),
            (),
            (),
            None,
        )
    # With its text, the reading skips what the text rules out (no ``global``, no ``:=``).
    summary = read_module(tree, module, is_package, text.encode("utf-8", "surrogatepass"))[0]
    sources = _import_sources(summary)
    package = module if is_package else module.rpartition(".")[0]
    getattr_line, getattr_sources = _getattr_shim(tree, summary, package)
    wrappers = _wrappers(tree, summary)
    wrapped = {wrapper.name for wrapper in wrappers}
    own_public = tuple(
        sorted(
            name
            for name, bindings in summary.named.items()
            if not name.startswith("_")
            and name not in wrapped
            and any(binding.source is None for binding in bindings)
        )
    )
    defines = tuple(
        sorted(
            {
                statement.name
                for statement in _module_level(tree.body)
                if isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and not statement.name.startswith("_")
            }
        )
    )
    reexported = tuple(
        sorted(
            {
                f"{binding.source}:{name}"
                for name, bindings in summary.named.items()
                if not name.startswith("_")
                for binding in bindings
                if binding.source and binding.source not in _NOT_SOURCES
            }
            | {f"{source}:*" for source, _, _ in summary.star_sources}
        )
    )
    return FileFacts(
        path,
        module,
        is_package,
        not_source,
        definitions,
        _import_warning(tree),
        sources,
        getattr_line,
        getattr_sources,
        wrappers,
        own_public,
        defines,
        reexported,
        _reexports_only(tree, summary, sources, is_package),
    )


def definition_sites(
    path: str, module: str, is_package: bool, tree: ast.Module, names: frozenset[str], text: str
) -> list[DefinitionSite]:
    """The module-level definitions of ``names`` (under ``if``/``try`` too), with what
    their bases and aliases resolve to through the module's own imports."""
    summary = read_module(tree, module, is_package, text.encode("utf-8", "surrogatepass"))[0]
    sites = []
    for statement in _module_level(tree.body):
        if isinstance(statement, ast.ClassDef) and statement.name in names:
            bases = tuple(
                _resolve(base, module, summary) or ast.unparse(base) for base in statement.bases
            )
            sites.append(
                DefinitionSite(
                    statement.name,
                    module,
                    path,
                    statement.lineno,
                    "class",
                    bases,
                    None,
                    len(statement.bases) == 1 and _adds_nothing(statement.body),
                )
            )
        elif (
            isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
            and statement.name in names
        ):
            delegate = _delegate_of(statement, module, summary)
            sites.append(
                DefinitionSite(
                    statement.name, module, path, statement.lineno, "def", (), delegate, False
                )
            )
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id in names
            and isinstance(statement.value, (ast.Name, ast.Attribute))
        ):
            target = _resolve(statement.value, module, summary)
            if target is not None and target != f"{module}:{statement.targets[0].id}":
                name = statement.targets[0].id
                sites.append(
                    DefinitionSite(name, module, path, statement.lineno, "alias", (), target, False)
                )
    return sites


def _adds_nothing(body: list[ast.stmt]) -> bool:
    """A class body of a docstring, ``pass``, ``...`` and methods that warn of a
    deprecation: a subclass kept only so that the old name goes on working."""
    for statement in body:
        if isinstance(statement, ast.Pass) or (
            isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
        ):
            continue
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            _warns_in_function(statement) is not None
        ):
            continue
        return False
    return True


def _delegate_of(
    function: ast.FunctionDef | ast.AsyncFunctionDef, module: str, summary: ModuleSummary
) -> str | None:
    """``module:Name`` of the function a function only calls and returns (after a
    docstring and deprecation warnings): ``def old(*a): return new(*a)``."""
    body = [
        statement
        for statement in function.body
        if not (
            isinstance(statement, ast.Expr)
            and (
                isinstance(statement.value, ast.Constant)
                or _is_deprecation_warning(statement.value)
            )
        )
    ]
    if len(body) != 1 or not isinstance(body[0], (ast.Return, ast.Expr)):
        return None
    call = body[0].value
    if not isinstance(call, ast.Call):
        return None
    return _resolve(call.func, module, summary)


def imported_names(text: str, package: str | None, names: frozenset[str]) -> Iterator[str]:
    """``module:Name`` for each ``from module import Name`` of one of ``names`` in the
    text (relative imports resolved from ``package``): evidence of where users get it."""
    for match in _FROM_IMPORT.finditer(text):
        spec, imported = match.groups()
        level = len(spec) - len(spec.lstrip("."))
        source = resolve_relative(level, spec[level:] or None, package) if level else spec
        if not source:
            continue
        for item in imported.strip("()").replace("\\", " ").split(","):
            words = item.split()
            if words and words[0] in names:
                yield f"{source}:{words[0]}"


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The module's statements that run at import, ``if``/``try``/``with`` arms included."""
    for statement in body:
        yield statement
        if isinstance(statement, (ast.If, ast.Try, ast.With)):
            for field in ("body", "orelse", "finalbody"):
                yield from _module_level(getattr(statement, field, []))
            for handler in getattr(statement, "handlers", []):
                yield from _module_level(handler.body)


def _is_deprecation_warning(node: ast.expr) -> bool:
    """``warnings.warn(message, DeprecationWarning)`` or ``warn(..., category=...)``."""
    if not isinstance(node, ast.Call):
        return False
    function = node.func
    called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    if called != "warn":
        return False
    category = node.args[1] if len(node.args) > 1 else None
    for keyword in node.keywords:
        if keyword.arg == "category":
            category = keyword.value
    if isinstance(category, ast.Attribute):
        return bool(_DEPRECATION_CATEGORY.search(category.attr))
    return isinstance(category, ast.Name) and bool(_DEPRECATION_CATEGORY.search(category.id))


def _warns(statements: list[ast.stmt]) -> int | None:
    """The line of the first deprecation warning these statements (and what they nest,
    functions and classes aside) make."""
    pending: list[ast.AST] = list(statements)
    found: list[int] = []
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Call) and _is_deprecation_warning(node):
            found.append(node.lineno)
        pending.extend(ast.iter_child_nodes(node))
    return min(found, default=None)


def _import_warning(tree: ast.Module) -> int | None:
    """A deprecation warning every import of the module makes: not one under an ``if``
    (``__main__``, an old Python) or in an ``except`` (an optional dependency missing)."""
    return _warns(list(_unconditional(tree.body)))


def _unconditional(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements that run whenever the module body does (a ``try`` or ``with`` body
    and a ``finally`` included)."""
    for statement in body:
        if isinstance(statement, ast.If):
            continue
        if isinstance(statement, ast.Try):
            yield from _unconditional(statement.body)
            yield from _unconditional(statement.finalbody)
        elif isinstance(statement, ast.With):
            yield from _unconditional(statement.body)
        else:
            yield statement


def _import_sources(summary: ModuleSummary) -> tuple[str, ...]:
    """The modules ``from M import name`` statements take the module's names from."""
    return tuple(
        sorted(
            {
                binding.source
                for bindings in summary.named.values()
                for binding in bindings
                if binding.source is not None
                and binding.original is not None
                and binding.source not in _NOT_SOURCES
            }
        )
    )


def _getattr_shim(
    tree: ast.Module, summary: ModuleSummary, package: str
) -> tuple[int | None, tuple[str, ...]]:
    """A module ``__getattr__`` that warns, and the modules it fetches names from: its
    imports and ``import_module("literal")`` calls, the module-name strings of the
    module-level dicts it reads (``_MOVED = {"Old": "pkg.new"}``), and the modules the
    module imports at its top that it reads."""
    functions = [
        statement
        for statement in _module_level(tree.body)
        if isinstance(statement, ast.FunctionDef) and statement.name == "__getattr__"
    ]
    if not functions:
        return None, ()
    function = functions[-1]
    line = _warns_in_function(function)
    if line is None:
        return None, ()
    tables = _string_tables(tree)
    sources: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.ImportFrom):
            found = resolve_relative(node.level, node.module, package or None)
            if found and not all(is_category(alias.name) for alias in node.names):
                sources.add(found)
        elif isinstance(node, ast.Import):
            sources.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Call) and _called_name(node) == "import_module" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                sources.add(first.value)
        elif isinstance(node, ast.Name) and node.id in tables:
            sources.update(tables[node.id])
        elif isinstance(node, ast.Name) and not is_category(node.id):
            # ``getattr(_modified, name)`` with ``from . import _modified`` at the top: the
            # module, or (for an imported function) a name that is no module, which the
            # caller's test for a first-party module rules out.
            for binding in summary.named.get(node.id, ()):
                if binding.source is not None:
                    sources.add(
                        binding.source
                        if binding.original is None
                        else f"{binding.source}.{binding.original}"
                    )
    sources -= _NOT_SOURCES
    return line, tuple(sorted(source for source in sources if _looks_dotted(source)))


def is_category(name: str) -> bool:
    """A warning category (the warning's, not a moved name's source)."""
    return name.endswith("Warning") or bool(_DEPRECATION_CATEGORY_TEXT.search(name))


def _warns_in_function(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int | None:
    found = [
        node.lineno
        for node in ast.walk(function)
        if isinstance(node, ast.Call) and _is_deprecation_warning(node)
    ]
    return min(found, default=None)


def _called_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _string_tables(tree: ast.Module) -> dict[str, tuple[str, ...]]:
    """Module-level ``NAME = {"key": "module", ...}``: the module names among its values
    (``"module:attr"`` and ``("module", "attr")`` values give their module)."""
    tables: dict[str, tuple[str, ...]] = {}
    for statement in tree.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.Dict)
        ):
            continue
        modules = []
        for value in statement.value.values:
            if isinstance(value, ast.Tuple) and value.elts:
                value = value.elts[0]
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                modules.append(value.value.partition(":")[0])
        tables[statement.targets[0].id] = tuple(modules)
    return tables


def _looks_dotted(text: str) -> bool:
    return bool(text) and all(part.isidentifier() for part in text.split("."))


def _wrappers(tree: ast.Module, summary: ModuleSummary) -> tuple[Wrapper, ...]:
    """Module-level functions that warn of a deprecation and return what a function
    (or a module's function) imported from another module returns."""
    found = []
    for statement in _module_level(tree.body):
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if statement.name == "__getattr__":
            continue
        # Every call warns: a warning under an ``if`` is about an argument, not the function.
        line = _warns(list(_unconditional(statement.body)))
        if line is None:
            continue
        delegates = {
            delegate
            for node in ast.walk(statement)
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Call)
            for delegate in [_imported_from(node.value.func, summary)]
            if delegate is not None
        }
        if len(delegates) == 1:
            found.append(Wrapper(statement.name, statement.lineno, delegates.pop()))
    return tuple(found)


def _imported_from(function: ast.expr, summary: ModuleSummary) -> str | None:
    """The module a called ``name`` or ``module.name`` was imported from (not warnings)."""
    if isinstance(function, ast.Name):
        bindings = summary.named.get(function.id, ())
        sources = {binding.source for binding in bindings if binding.original is not None}
    elif isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
        bindings = summary.named.get(function.value.id, ())
        sources = {binding.source for binding in bindings if binding.original is None}
    else:
        return None
    sources.discard("warnings")
    if len(sources) != 1 or len(bindings) != len(sources):
        return None
    return sources.pop()


def _resolve(node: ast.expr, module: str, summary: ModuleSummary) -> str | None:
    """``module:Name`` of a name (or ``imported_module.Name``) as this module binds it."""
    if isinstance(node, ast.Name):
        bindings = summary.named.get(node.id, ())
        if len(bindings) != 1:
            return None
        binding = bindings[0]
        if binding.source is None:
            return f"{module}:{node.id}"
        return None if binding.original is None else f"{binding.source}:{binding.original}"
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        bindings = summary.named.get(node.value.id, ())
        if len(bindings) == 1 and bindings[0].source and bindings[0].original is None:
            return f"{bindings[0].source}:{node.attr}"
    return None


def _reexports_only(
    tree: ast.Module, summary: ModuleSummary, sources: tuple[str, ...], is_package: bool
) -> str | None:
    """The one module a plain module (not a package ``__init__``) only re-exports: its
    statements are a docstring, imports from that module, ``__all__``, warnings."""
    if is_package or len(sources) != 1 or not tree.body:
        return None
    for statement in tree.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(statement, ast.Expr) and _is_deprecation_warning(statement.value):
            continue
        if isinstance(statement, (ast.Assign, ast.AugAssign)) and _is_all(statement):
            continue
        return None
    own = [name for name, bindings in summary.named.items() if any(b.source for b in bindings)]
    return sources[0] if own else None


def _is_all(statement: ast.Assign | ast.AugAssign) -> bool:
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    return [getattr(target, "id", None) for target in targets] == ["__all__"]
