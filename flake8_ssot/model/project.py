"""File paths and module names of the linted project, read from disk once per process.

flake8 builds a fresh checker for every file (and forks workers with
``--jobs``), so every answer that depends on the project rather than on one
file is memoised on the :class:`Project`, which lives as long as the process.
Nothing here imports or runs the code it looks at.
"""

from __future__ import annotations

import ast
import gc
import importlib.machinery
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Literal, NamedTuple

from flake8_ssot.model.bindings import (
    Binding,
    Chosen,
    Defined,
    ModuleSummary,
    Origin,
    Reexport,
    is_definite,
    origin,
    summarise,
)
from flake8_ssot.model.skeleton import parse_without_function_bodies
from flake8_ssot.model.source_file import read_regular
from flake8_ssot.model.summary_cache import SummaryCache
from flake8_ssot.model.text_scan import all_from_text, holds_word

#: ``import *`` as the tokenizer allows it to be written.
_STAR_IMPORT = re.compile(rb"import[ \t\f\\\r\n]*\*")
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


class ModuleName(NamedTuple):
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

    def __init__(self, source_roots: tuple[Path, ...], cache: SummaryCache | None = None) -> None:
        #: Where summaries are kept between processes; None: made again in each.
        self.cache = cache
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
        self._summaries: dict[str, ModuleSummary | None] = {}
        self._origins: dict[tuple[str, str], Origin] = {}
        self._public: dict[str, frozenset[str]] = {}
        #: The text of star-import sources not summarised yet, kept to rule them out cheaply.
        self._texts: dict[str, bytes] = {}
        #: Their ``__all__`` when the text alone declares it (see text_scan.all_from_text).
        self._texts_all: dict[str, tuple[str, ...] | None] = {}
        self._reach: dict[str, frozenset[str]] = {}

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

    def summary(self, module: str) -> ModuleSummary | None:
        """What a first-party module binds when it runs; None if it is not on disk.

        Read once per process: SOT101's advice, the fixer and the checks of
        every linted file ask about the same few facades and replacements.
        A summary kept on disk by an earlier process is used when the text
        is the one it was made from (see :mod:`flake8_ssot.model.summary_cache`).
        """
        if module in self._summaries:
            return self._summaries[module]
        found: ModuleSummary | None = None
        path = self.module_path(module)
        if path is not None:
            source = self._texts.pop(module, None) or self.module_source(module)
            if source is None or self.cache is None:
                found = _summarise_file(module, path, source)
            else:
                found = self.cache.load(module, path, source)
                if found is None:
                    found = _summarise_file(module, path, source)
                    if found is not None:
                        self.cache.store(module, path, source, found)
        self._summaries[module] = found
        return found

    def module_source(self, module: str) -> bytes | None:
        """The text of a first-party module (a package's ``__init__.py``); None if unreadable."""
        path = self.module_path(module)
        if path is None:
            return None
        return read_file(path / "__init__.py" if is_directory(path) else path)

    def bindings(self, module: str, name: str) -> list[Binding]:
        """Every runtime module-level binding of ``name`` in ``module``, star imports included."""
        summary = self.summary(module)
        return [] if summary is None else self.bindings_in(summary, name)

    def bindings_in(
        self, summary: ModuleSummary, name: str, before: int | None = None
    ) -> list[Binding]:
        """The bindings of ``name`` in a summary (the linted file's too), in statement order;
        only those made before the statement at ``before``, if given.

        A star import counts only after the last binding made whatever branch
        runs: before it, whatever the star import binds is replaced, and its
        source need not be read.
        """
        found = [
            binding
            for binding in summary.named.get(name, ())
            if before is None or binding.position < before
        ]
        replaced_before = max(
            (binding.position for binding in found if not binding.branches), default=-1
        )
        found.extend(
            Binding(name, source, name, branches, position)
            for source, branches, position in summary.star_sources
            if replaced_before < position
            and (before is None or position < before)
            and self.star_binds(source, name)
        )
        found.sort(key=lambda binding: binding.position)
        return found

    def star_binds(self, source: str, name: str) -> bool:
        """Whether ``from source import *`` binds ``name`` (read from its text when it can)."""
        decided = self._star_binds_by_text(source, name)
        return decided if decided is not None else name in self.public_names(source)

    def _star_binds_by_text(self, module: str, name: str) -> bool | None:
        """False when the text of ``module`` shows that ``from module import *`` cannot
        bind ``name``; None when only its summary can tell.

        It cannot when the text declares a literal ``__all__`` without the
        name, or holds neither the name (as a word: ``Q`` in ``QuerySet`` is
        not it; quoted counts, as ``__all__`` lists names as strings) nor a
        star import of its own. A facade that star-imports twenty submodules
        is then parsed once, not its twenty sources with it. The text is kept
        until the module is summarised, so it is read once. A text reading
        only ever rules a name out: what a module does bind comes from its
        parse.
        """
        if module in self._summaries:
            return None
        declared = self._all_from_text(module)
        if declared is not None and name not in declared:
            return False  # a star import binds exactly these strings
        text = self._texts[module]
        if not text.isascii():  # identifiers may be spelled in another NFKC form
            return None
        if holds_word(text, name.encode("utf-8")) or _STAR_IMPORT.search(text) is not None:
            return None
        return False

    def _all_from_text(self, module: str) -> tuple[str, ...] | None:
        """The literal ``__all__`` a module's text declares (see text_scan.all_from_text)."""
        if module not in self._texts:
            self._texts[module] = self.module_source(module) or b""
        if module not in self._texts_all:
            self._texts_all[module] = all_from_text(self._texts[module])
        return self._texts_all[module]

    def origin(self, module: str, name: str) -> Origin:
        """Where the object ``module`` binds as ``name`` comes from (see bindings.origin)."""
        key = (module, name)
        if key not in self._origins:
            self._origins[key] = origin(module, self.bindings(module, name), self.is_first_party)
        return self._origins[key]

    def resolve(self, module: str, name: str) -> tuple[str, str] | Chosen | None:
        """The module that makes the object ``module`` binds as ``name``, and its name there.

        Follows re-exports to the module that defines the object (or to a
        module that is not on disk, whose name is all that can be known).
        :class:`Chosen` when some module on the way picks the object at
        import time; None when the trail goes cold (a name bound nowhere
        visible, a re-export cycle). Two names are the same object when they
        resolve to the same place.
        """
        seen: set[tuple[str, str]] = set()
        while (module, name) not in seen:
            seen.add((module, name))
            if self.summary(module) is None:
                return module, name
            found = self.origin(module, name)
            if isinstance(found, Defined):
                return module, name
            if not isinstance(found, Reexport):
                return found
            module, name = found.module, found.name
        return None

    def binds(self, module: str, name: str) -> bool | None:
        """Whether ``from module import name`` surely finds a name; None if not on disk.

        A binding made whatever branch runs counts (see bindings.is_definite),
        and so does a submodule of a package (``from`` imports load it).
        """
        if self.summary(module) is None:
            return None
        return self._definitely_bound(module, name) or self.is_submodule(module, name)

    def has_attribute(self, module: str, name: str) -> bool | None:
        """Whether ``module.name`` surely works after ``import module``; None if not on disk.

        A submodule is an attribute only once something imports it, so only
        the submodules the package's own ``__init__`` imports count.
        """
        summary = self.summary(module)
        if summary is None:
            return None
        return self._definitely_bound(module, name) or name in summary.loaded_submodules

    def _definitely_bound(self, module: str, name: str) -> bool:
        summary = self.summary(module)
        same_name = self.bindings(module, name)
        return summary is not None and any(
            is_definite(binding, same_name, summary) for binding in same_name
        )

    def imported_by(self, module: str) -> frozenset[str]:
        """The first-party modules that importing ``module`` loads, directly or not.

        Followed through module-level imports only (those run at import
        time), over the project's own modules, once per module and process.
        """
        if module in self._reach:
            return self._reach[module]
        reached: set[str] = set()
        pending = [module]
        while pending:
            summary = self.summary(pending.pop())
            if summary is None:
                continue
            for imported in summary.imported_modules:
                if imported not in reached and self.is_first_party(imported):
                    reached.add(imported)
                    pending.append(imported)
        self._reach[module] = frozenset(reached)
        return self._reach[module]

    def public_names(self, module: str) -> frozenset[str]:
        """What ``from module import *`` binds: ``__all__``, else the public top-level names.

        Star imports of star imports are followed without recursion (a chain
        of a thousand of them is still a tree flake8 may be given); a cycle
        contributes nothing more.
        """
        pending: list[tuple[str, bool]] = [(module, False)]
        visiting: set[str] = set()
        while pending:
            current, sources_done = pending.pop()
            if current in self._public:
                continue
            summary = self.summary(current)
            if sources_done or summary is None or summary.declared_all is not None:
                self._public[current] = self._own_public_names(summary)
                continue
            if current in visiting:
                continue
            visiting.add(current)
            pending.append((current, True))
            pending.extend(
                (source, False)
                for source, _, _ in summary.star_sources
                if source not in self._public and source not in visiting
            )
        return self._public[module]

    def _own_public_names(self, summary: ModuleSummary | None) -> frozenset[str]:
        """A module's star exports, its star sources' already known."""
        if summary is None:
            return frozenset()
        if summary.declared_all is not None:
            return frozenset(summary.declared_all)
        bound = set(summary.named)
        for source, _, _ in summary.star_sources:
            bound.update(self._public.get(source, frozenset()))
        return frozenset(name for name in bound if not name.startswith("_"))


def _summarise_file(module: str, path: Path, source: bytes | None) -> ModuleSummary | None:
    """The summary of another module's file (``path`` is a package's directory).

    The parser is given the text without its function bodies where that can
    be done safely (see :mod:`flake8_ssot.model.skeleton`), else the whole text.
    Its tree lives only for this call and holds no reference cycles, so
    reference counting frees it. The garbage collector would only walk it
    while it is built, and promote it into the older generations that
    flake8's later full collections walk again: collection waits until the
    tree is gone.
    """
    is_package = is_directory(path)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with warnings.catch_warnings():
            # Its own lint reports its invalid escapes; read from a kept summary, it would not.
            warnings.simplefilter("ignore")
            tree = _parse_other_module(source, path)
        if tree is None and is_package:
            tree = ast.Module(body=[], type_ignores=[])  # a namespace package
        return None if tree is None else summarise(tree, module, is_package, source)
    finally:
        if collecting:
            gc.enable()


def _parse_other_module(source: bytes | None, path: Path) -> ast.Module | None:
    """The tree of another module's text, without its function bodies where that is safe."""
    if source is None:
        return None
    return parse_without_function_bodies(source, str(path)) or parse_source(source, path)


def read_file(path: Path) -> bytes | None:
    """Another Python source file of the project; None when it cannot be read.

    Only a regular Python source file is read: a FIFO or a device named
    ``mod.py`` would block the read forever.
    """
    if path.suffix not in importlib.machinery.SOURCE_SUFFIXES:
        return None
    try:
        return read_regular(path)
    except (OSError, ValueError):
        return None


def parse_source(source: bytes, path: Path) -> ast.Module | None:
    """``source`` parsed; None if it does not parse (a file too deep for the parser included)."""
    try:
        return ast.parse(source, filename=str(path))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def is_regular_file(path: Path | str) -> bool:
    """``path`` is a regular file (symlinks followed); never raises.

    ``Path.is_file`` raises for a name too long for the system and other
    errors it does not expect, and says nothing of FIFOs and devices.
    """
    return _mode_is(path, stat.S_ISREG)


def is_directory(path: Path | str) -> bool:
    """``path`` is a directory (symlinks followed); never raises."""
    return _mode_is(path, stat.S_ISDIR)


def _mode_is(path: Path | str, test: Callable[[int], bool]) -> bool:
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
