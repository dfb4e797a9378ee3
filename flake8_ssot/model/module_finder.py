"""Module names from file paths and file paths from module names, as Python finds them.

Every check of every linted file asks which module the file is, and which
modules its imports name are the project's own. The answers depend on the
project rather than on one file, and flake8 builds a fresh checker for
every file, so they are memoised on the :class:`ModuleFinder`, which lives
as long as the process; directory listings are read once each. Nothing
here imports or runs the code it looks at.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from pathlib import Path
from typing import Literal

from flake8_ssot.model.file_system import absolute_path, is_directory, is_regular_file, is_within
from flake8_ssot.model.record import Record

#: What Python's path finder imports a module from, in its order of precedence.
MODULE_SUFFIXES = (
    *importlib.machinery.EXTENSION_SUFFIXES,
    *importlib.machinery.SOURCE_SUFFIXES,
    *importlib.machinery.BYTECODE_SUFFIXES,
)
_ModuleKind = Literal["package", "module", "namespace"]


class ModuleName(Record):
    """The dotted name of a linted file, and whether it is a package's ``__init__``."""

    __slots__ = ("dotted", "is_package")

    def __init__(self, dotted: str, is_package: bool) -> None:
        self.dotted = dotted
        self.is_package = is_package

    @property
    def package(self) -> str:
        """The package that relative imports in this file are resolved from."""
        if self.is_package:
            return self.dotted
        return self.dotted.rpartition(".")[0]


class ModuleFinder:
    """The linted project's layout: source roots and the modules under them."""

    def __init__(self, source_roots: tuple[Path, ...]) -> None:
        # Deepest first, so a file is named from the innermost root holding it.
        self.source_roots = tuple(
            sorted(source_roots, key=lambda root: len(root.parts), reverse=True)
        )
        #: Keyed by the directory's text: hashing a Path costs more than the lookup.
        self._is_package_dir: dict[str, bool] = {}
        #: Asked for by several checks per linted file.
        self._module_names: dict[str, ModuleName] = {}
        self._module_paths: dict[str, Path | None] = {}
        self._listings: dict[str, frozenset[str]] = {}

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

    def _has_init(self, directory: Path | str) -> bool:
        """A regular package: ``__init__`` with a suffix Python imports, as a regular file."""
        key = os.fspath(directory)
        cached = self._is_package_dir.get(key)
        if cached is None:
            entries = self._entries(key)
            cached = any(
                f"__init__{suffix}" in entries
                and is_regular_file(os.path.join(key, f"__init__{suffix}"))
                for suffix in MODULE_SUFFIXES
            )
            self._is_package_dir[key] = cached
        return cached

    def _entries(self, directory: str) -> frozenset[str]:
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
            # Paths are built only for names the listing holds: most lookups find nothing.
            where = os.fspath(directory)
            entries = self._entries(where)
            candidate = os.path.join(where, name) if name in entries else None
            plain_directory = candidate is not None and is_directory(candidate)
            if candidate is not None and plain_directory and self._has_init(candidate):
                return "package", [directory / name]
            for suffix in MODULE_SUFFIXES:
                file_name = name + suffix
                if file_name in entries and is_regular_file(os.path.join(where, file_name)):
                    return "module", [directory / file_name]
            if candidate is not None and plain_directory:
                portions.append(directory / name)
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


def _resolved_before_the_path(name: str) -> bool:
    """A built-in or frozen module: Python's import finds it before any source root."""
    return (
        name in sys.builtin_module_names
        or importlib.machinery.FrozenImporter.find_spec(name) is not None
    )
