"""What the project's modules bind, read once per process and kept between processes.

SOT101's advice, the fixer, SOT501 and test discovery ask the same few
facades, replacements and base classes the same questions for every
linted file: each module is summarised once per process (see
:mod:`flake8_ssot.model.bindings`), from the summary cache when an
earlier process kept it for the same text (see
:mod:`flake8_ssot.model.summary_cache`), and every answer built on the
summaries (where a name comes from, what a star import binds) is memoised
too. Nothing here imports or runs the code it looks at.
"""

from __future__ import annotations

import ast
import gc
import re
import sys
import warnings
from pathlib import Path

from flake8_ssot.model.bindings import (
    Binding,
    Branch,
    Chosen,
    Defined,
    Dynamic,
    ModuleSummary,
    Origin,
    Reexport,
    is_definite,
    origin,
    summarise,
)
from flake8_ssot.model.file_system import is_directory, read_file
from flake8_ssot.model.module_finder import ModuleFinder
from flake8_ssot.model.skeleton import parse_without_function_bodies
from flake8_ssot.model.summary_cache import SummaryCache
from flake8_ssot.model.text_scan import all_from_text, holds_word

#: ``import *`` as the tokenizer allows it to be written.
_STAR_IMPORT = re.compile(rb"import[ \t\f\\\r\n]*\*")


class SummaryStore:
    """The summaries of the project's modules, and the answers read from them."""

    def __init__(self, modules: ModuleFinder, cache: SummaryCache | None = None) -> None:
        self.modules = modules
        #: Where summaries are kept between processes; None: made again in each.
        self.cache = cache
        self._summaries: dict[str, ModuleSummary | None] = {}
        self._origins: dict[tuple[str, str], Origin] = {}
        self._public: dict[str, frozenset[str]] = {}
        #: The text of star-import sources not summarised yet, kept to rule them out cheaply.
        self._texts: dict[str, bytes] = {}
        #: Their ``__all__`` when the text alone declares it (see text_scan.all_from_text).
        self._texts_all: dict[str, tuple[str, ...] | None] = {}
        self._reach: dict[str, frozenset[str]] = {}
        self._computed_all: dict[str, bool] = {}

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
        path = self.modules.module_path(module)
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
        path = self.modules.module_path(module)
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
        known = bool(found)
        for source, branches, position in summary.star_sources:
            if position <= replaced_before or (before is not None and position >= before):
                continue
            if self.modules.module_path(source) is None:
                if known:  # it may bind the name too: what the module binds is not certain
                    unread = (*branches, Branch(position, "unread-star"))
                    found.append(Binding(name, source, name, unread, position))
            elif self.star_binds(source, name):
                if self._all_computed(source):  # ``__all__.remove(...)``: not surely there
                    branches = (*branches, Branch(position, "computed-all"))
                found.append(Binding(name, source, name, branches, position))
        found.sort(key=lambda binding: binding.position)
        return found

    def _all_computed(self, module: str) -> bool:
        """The module has an ``__all__`` whose names are not read (computed, or changed by
        a call such as ``remove``): what its star import binds is not certain."""
        if module not in self._computed_all:
            summary = self.summary(module)
            self._computed_all[module] = (
                summary is not None
                and summary.declared_all is None
                and holds_word(self.module_source(module) or b"", b"__all__")
            )
        return self._computed_all[module]

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
            self._origins[key] = self._origin(module, name)
        return self._origins[key]

    def _origin(self, module: str, name: str) -> Origin:
        """bindings.origin, with what only the other modules tell (see :meth:`origin`)."""
        bindings = self.bindings(module, name)
        found = origin(module, bindings, self.modules.is_first_party)
        summary = self.summary(module)
        if found is None or summary is None or isinstance(found, Chosen):
            return found
        if summary.writes_namespace:
            return Dynamic()
        if name not in summary.loaded_submodules and self.modules.is_submodule(module, name):
            # Whoever first imports the submodule sets the package's ``name`` to it.
            source = found.module if isinstance(found, Reexport) else module
            return Chosen((source, f"{module}.{name}"))
        if isinstance(found, Reexport):
            if self.lacking_source(module, name) is not None:
                return Defined()  # the fallback is what importers get
            if _has_fallback(bindings) and self._may_fail_to_import(found.module):
                # A stub for a missing optional dependency: as real as the import.
                return Chosen((found.module, module))
        return found

    def _may_fail_to_import(self, module: str) -> bool:
        """Whether importing a first-party module imports, at its top level or through
        the first-party modules it imports, a module that is neither first-party nor in
        the standard library (an optional dependency)."""
        for reached in (module, *self.imported_by(module)):
            summary = self.summary(reached)
            if summary is None:
                continue
            for imported in summary.imported_modules:
                top = imported.partition(".")[0]
                if top not in sys.stdlib_module_names and not self.modules.is_first_party(top):
                    return True
        return False

    def lacking_source(self, module: str, name: str) -> str | None:
        """The module a guarded import of ``name`` (``try: from .impl import name``,
        ``except ImportError: name = None``, or ``name = None`` before the ``try``)
        takes it from, when that module surely lacks it: the import always fails, and
        the fallback is the module's ``name``."""
        bindings = self.bindings(module, name)
        if not any(binding.source is None for binding in bindings):
            return None
        for binding in bindings:
            if (
                binding.source is not None
                and binding.original is not None
                and any(branch.arm == "try" for branch in binding.branches)
                and self.surely_lacks(binding.source, binding.original)
            ):
                return binding.source
        return None

    def surely_lacks(self, module: str, name: str) -> bool:
        """Whether ``from module import name`` surely fails: the module is read, binds no
        such name whatever branch runs, serves none from a module ``__getattr__`` (its
        own or one a star import brings), does not write its own namespace, star-imports
        nothing that cannot be read, and does not extend its ``__path__``."""
        summary = self.summary(module)
        return (
            summary is not None
            and not summary.has_getattr
            and not summary.writes_namespace
            and self.binds(module, name) is False
            and all(
                self.summary(source) is not None and not self.star_binds(source, "__getattr__")
                for source, _, _ in summary.star_sources
            )
            and not self._extends_path(module)
        )

    def _extends_path(self, module: str) -> bool:
        """Whether the module's text names ``__path__`` (a package that may find submodules
        elsewhere); an unreadable text may do anything."""
        source = self.module_source(module)
        return source is None or b"__path__" in source

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
            if isinstance(found, Dynamic):
                return None
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
        return self._definitely_bound(module, name) or self.modules.is_submodule(module, name)

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
                if imported not in reached and self.modules.is_first_party(imported):
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
        if tree is None and is_package and source is None:
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


def parse_source(source: bytes, path: Path) -> ast.Module | None:
    """``source`` parsed; None if it does not parse (a file too deep for the parser included)."""
    try:
        return ast.parse(source, filename=str(path))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _has_fallback(bindings: list[Binding]) -> bool:
    """A binding the module makes itself in an ``except ImportError`` handler."""
    return any(
        binding.source is None
        and any(branch.arm.startswith("guard") for branch in binding.branches)
        for binding in bindings
    )
