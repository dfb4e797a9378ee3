"""File paths and module names of the linted project, read from disk once per process.

flake8 builds a fresh checker for every file (and forks workers with
``--jobs``), so every answer that depends on the project rather than on one
file is memoised on the :class:`Project`, which lives as long as the process.
Nothing here imports or runs the code it looks at.
"""

from __future__ import annotations

import ast
import configparser
import importlib.machinery
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from flake8.main.options import stage1_arg_parser

from flake8_ssot.imports import resolve_relative

FLAKE8_CONFIG_FILES = ("setup.cfg", "tox.ini", ".flake8")
#: What Python's path finder imports a module from, in its order of precedence.
MODULE_SUFFIXES = (
    *importlib.machinery.EXTENSION_SUFFIXES,
    *importlib.machinery.SOURCE_SUFFIXES,
    *importlib.machinery.BYTECODE_SUFFIXES,
)
_ModuleKind = Literal["package", "module", "namespace"]


def absolute_path(path: str | Path) -> Path:
    """An absolute, normalised path that keeps symlinks as the user wrote them."""
    return Path(os.path.abspath(path))


def is_within(path: Path, ancestor: Path) -> bool:
    """``path`` is ``ancestor`` or below it; both absolute and normalised.

    Comparing parts is many times cheaper than ``ancestor in path.parents``,
    which builds every parent, and this runs for every linted file.
    """
    return path.parts[: len(ancestor.parts)] == ancestor.parts


def find_flake8_config_file(start: Path) -> Path | None:
    """The config file flake8 itself reads, if any.

    flake8 does not tell plugins where its config file is, and it consumes
    ``--config`` and ``--isolated`` before plugins see the options (they are
    always None and False there). So this reads them from the command line
    with flake8's own first-stage parser, then follows its documented
    lookup: the first of setup.cfg, tox.ini, .flake8 holding a ``[flake8]``
    section, walking up from ``start``.
    """
    try:
        command_line, _ = stage1_arg_parser().parse_known_args(sys.argv[1:])
    except SystemExit:  # not flake8's command line (flake8 used as a library)
        command_line = None
    if command_line is not None and command_line.isolated:
        return None
    if command_line is not None and command_line.config:
        return absolute_path(command_line.config)
    for directory in (start, *start.parents):
        for name in FLAKE8_CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            parser = configparser.RawConfigParser()
            try:
                parser.read(candidate, encoding="utf-8")
            except (UnicodeDecodeError, configparser.Error):
                continue
            if parser.has_section("flake8") or parser.has_section("flake8:local-plugins"):
                return candidate
    return None


@dataclass(frozen=True)
class ModuleName:
    """The dotted name of a linted file, and whether it is a package's ``__init__``."""

    dotted: str
    is_package: bool

    @property
    def package(self) -> str:
        """The package that relative imports in this file are resolved from."""
        if self.is_package:
            return self.dotted
        return self.dotted.rpartition(".")[0]


class Project:
    """The linted project's layout: source roots and the modules under them."""

    def __init__(self, source_roots: tuple[Path, ...]) -> None:
        # Deepest first, so a file is named from the innermost root holding it.
        self.source_roots = tuple(
            sorted(source_roots, key=lambda root: len(root.parts), reverse=True)
        )
        self._is_package_dir: dict[Path, bool] = {}
        #: Asked for by several checks per linted file.
        self._module_names: dict[str, ModuleName] = {}
        self._module_paths: dict[str, Path | None] = {}
        self._listings: dict[Path, frozenset[str]] = {}
        self._reexports: dict[str, dict[str, str]] = {}
        self._defined: dict[str, frozenset[str] | None] = {}

    def module_name(self, filename: str) -> ModuleName:
        """The dotted module name of a file (it need not exist: stdin has a display name).

        Regular packages are found by walking ``__init__`` files upward;
        above the last one, directories up to the innermost source root
        holding the file count as namespace packages. The walk is a loop
        and never raises: a file 1,000 directories deep, or a display name
        longer than the system allows, just ends it.
        """
        cached = self._module_names.get(filename)
        if cached is not None:
            return cached
        path = absolute_path(filename)
        is_package = path.stem == "__init__"
        parts = [] if is_package else [path.stem]
        directory = path.parent
        while directory != directory.parent and self._has_init(directory):
            parts.append(directory.name)
            directory = directory.parent
        parts.reverse()
        for root in self.source_roots:
            if is_within(directory, root):
                parts = [*directory.relative_to(root).parts, *parts]
                break
        name = self._module_names[filename] = ModuleName(".".join(parts), is_package)
        return name

    def _has_init(self, directory: Path) -> bool:
        """A regular package: ``__init__`` with a suffix Python imports, as a regular file."""
        cached = self._is_package_dir.get(directory)
        if cached is None:
            entries = self._entries(directory)
            cached = any(
                f"__init__{suffix}" in entries and is_regular_file(directory / f"__init__{suffix}")
                for suffix in MODULE_SUFFIXES
            )
            self._is_package_dir[directory] = cached
        return cached

    def _entries(self, directory: Path) -> frozenset[str]:
        """A directory's listing, cached; empty when it cannot be listed.

        Python's own path finder decides from such listings: a name is only
        looked at (stat) when the listing holds it exactly, so a module name
        too long for a file name, or in the wrong case, never reaches the
        file system.
        """
        cached = self._listings.get(directory)
        if cached is None:
            try:
                cached = frozenset(os.listdir(directory))
            except (OSError, ValueError):
                cached = frozenset()
            self._listings[directory] = cached
        return cached

    def module_path(self, dotted: str) -> Path | None:
        """Where a first-party module lives: its file, or its package directory.

        Resolved as Python's path finder resolves it, one component at a
        time: within one directory a package (a directory with an
        ``__init__``) wins over a module file, which wins over a plain
        directory; a plain directory is a namespace package only when no
        source root holds a module or regular package of that name, and
        never for a standard-library name (Python finds the standard
        library's module first). A built-in or frozen module is never
        first-party. For a namespace package this is its first portion.
        """
        if dotted in self._module_paths:
            return self._module_paths[dotted]
        found: Path | None = None
        search: list[Path] = list(self.source_roots)
        parts = dotted.split(".")
        for depth, part in enumerate(parts):
            if depth == 0 and _resolved_before_the_path(part):
                break
            kind, paths = self._find_in(search, part, top_level=depth == 0)
            if kind is None or (kind == "module" and depth < len(parts) - 1):
                break
            if depth == len(parts) - 1:
                found = paths[0]
            search = paths
        self._module_paths[dotted] = found
        return found

    def _find_in(
        self, search: list[Path], name: str, top_level: bool
    ) -> tuple[_ModuleKind | None, list[Path]]:
        """``name`` on a search path: a package, a module file or namespace portions."""
        portions: list[Path] = []
        for directory in search:
            entries = self._entries(directory)
            candidate = directory / name
            plain_directory = name in entries and is_directory(candidate)
            if plain_directory and self._has_init(candidate):
                return "package", [candidate]
            for suffix in MODULE_SUFFIXES:
                if name + suffix in entries and is_regular_file(directory / (name + suffix)):
                    return "module", [directory / (name + suffix)]
            if plain_directory:
                portions.append(candidate)
        if not portions or (top_level and name in sys.stdlib_module_names):
            return None, []
        return "namespace", portions

    def is_first_party(self, dotted: str) -> bool:
        """Whether the module exists under a source root."""
        return self.module_path(dotted) is not None

    def is_submodule(self, package: str, name: str) -> bool:
        """Whether ``package.name`` is a real module on disk, not a name defined in it."""
        package_path = self.module_path(package)
        return (
            package_path is not None
            and is_directory(package_path)
            and self.module_path(f"{package}.{name}") is not None
        )

    def reexports(self, package: str) -> dict[str, str]:
        """Names that a package's ``__init__.py`` imports from other modules.

        Maps each name the facade binds to the module it comes from (usually
        one of the facade's submodules), read statically from module-level
        ``from .sub import Name`` statements (including those inside
        ``if``/``try`` blocks, and ``from .sub import *`` through the
        submodule's ``__all__`` or public names).
        """
        cached = self._reexports.get(package)
        if cached is None:
            cached = self._read_reexports(package)
            self._reexports[package] = cached
        return cached

    def _read_reexports(self, package: str) -> dict[str, str]:
        package_path = self.module_path(package)
        if package_path is None or not package_path.is_dir():
            return {}
        exported: dict[str, str] = {}
        for statement in _file_statements(package_path / "__init__.py"):
            if not isinstance(statement, ast.ImportFrom):
                continue
            source = resolve_relative(statement.level, statement.module, package)
            if source is None or source in (package, "__future__"):
                continue
            for alias in statement.names:
                if alias.name == "*":
                    exported.update(dict.fromkeys(self._public_names(source), source))
                else:
                    exported[alias.asname or alias.name] = source
        return exported

    def defined_names(self, module: str) -> frozenset[str] | None:
        """Every name a first-party module binds at module level; None if not on disk.

        Definitions, assignments and imports count (re-exports are names the
        module defines too), star imports through the source module's public
        names. The fixer moves an import only to a module that binds the name.
        """
        if module in self._defined:
            return self._defined[module]
        path = self.module_path(module)
        names: frozenset[str] | None = None
        if path is not None:
            bound: set[str] = set()
            package = module if path.is_dir() else module.rpartition(".")[0]
            statements = _file_statements(path / "__init__.py" if path.is_dir() else path)
            for statement in statements:
                bound.update(_bound_names(statement))
                if isinstance(statement, ast.ImportFrom) and any(
                    alias.name == "*" for alias in statement.names
                ):
                    source = resolve_relative(statement.level, statement.module, package)
                    if source is not None:
                        bound.update(self._public_names(source))
            if path.is_dir():
                bound.update(
                    child.stem if child.suffix == ".py" else child.name
                    for child in path.iterdir()
                    if child.suffix == ".py" or (child / "__init__.py").is_file()
                )
            names = frozenset(bound)
        self._defined[module] = names
        return names

    def _public_names(self, module: str) -> list[str]:
        """What ``from module import *`` binds: ``__all__``, else the public top-level names."""
        path = self.module_path(module)
        if path is None:
            return []
        statements = _file_statements(path / "__init__.py" if path.is_dir() else path)
        bound: list[str] = []
        for statement in statements:
            declared = _literal_all(statement)
            if declared is not None:
                return declared
            bound.extend(_bound_names(statement))
        return [name for name in bound if not name.startswith("_")]


def parse_file(path: Path) -> ast.Module | None:
    """Another file of the project, parsed; None when it cannot be read or parsed.

    Only a regular Python source file is read: a FIFO or a device named
    ``mod.py`` would block the read forever, so the file is opened without
    blocking and checked on the open descriptor. A file too deep for the
    parser (or for turning into an AST) is unparsable, not a crash.
    """
    if path.suffix not in importlib.machinery.SOURCE_SUFFIXES:
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            source = handle.read()
        return ast.parse(source, filename=str(path))
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def is_regular_file(path: Path) -> bool:
    """``path`` is a regular file (symlinks followed); never raises.

    ``Path.is_file`` raises for a name too long for the system and other
    errors it does not expect, and says nothing of FIFOs and devices.
    """
    return _mode_is(path, stat.S_ISREG)


def is_directory(path: Path) -> bool:
    """``path`` is a directory (symlinks followed); never raises."""
    return _mode_is(path, stat.S_ISDIR)


def _mode_is(path: Path, test: Callable[[int], bool]) -> bool:
    try:
        return test(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _resolved_before_the_path(name: str) -> bool:
    """A built-in or frozen module: Python's import finds it before any source root."""
    return (
        name in sys.builtin_module_names
        or importlib.machinery.FrozenImporter.find_spec(name) is not None
    )


def module_level_statements(tree: ast.Module) -> list[ast.stmt]:
    """A module's top-level statements, those in ``if``/``try`` blocks included.

    Definitions made under ``if TYPE_CHECKING:``, ``if sys.version_info``
    or ``try: ... except ImportError:`` are module-level all the same.
    """
    flattened: list[ast.stmt] = []
    pending = list(reversed(tree.body))
    while pending:
        statement = pending.pop()
        if isinstance(statement, (ast.If, ast.Try)):
            nested = [*statement.body, *statement.orelse]
            if isinstance(statement, ast.Try):
                for handler in statement.handlers:
                    nested.extend(handler.body)
                nested.extend(statement.finalbody)
            pending.extend(reversed(nested))
        else:
            flattened.append(statement)
    return flattened


def _file_statements(path: Path) -> list[ast.stmt]:
    tree = parse_file(path)
    return module_level_statements(tree) if tree is not None else []


def _literal_all(statement: ast.stmt) -> list[str] | None:
    """The names of ``__all__ = [...]`` (or a tuple) when written as literals."""
    if not (
        isinstance(statement, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "__all__"
                for target in statement.targets)
        and isinstance(statement.value, (ast.List, ast.Tuple))
    ):
        return None
    names = [
        element.value
        for element in statement.value.elts
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
    ]
    return names if len(names) == len(statement.value.elts) else None


def _bound_names(statement: ast.stmt) -> list[str]:
    """Module-level names a statement binds."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [statement.name]
    if isinstance(statement, ast.Assign):
        return [target.id for target in statement.targets if isinstance(target, ast.Name)]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return [statement.target.id]
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return [
            alias.asname or alias.name.partition(".")[0]
            for alias in statement.names
            if alias.name != "*"
        ]
    return []
