"""``conftest.py`` files that take over pytest's collection.

A conftest that defines ``pytest_pycollect_makeitem``,
``pytest_pycollect_makemodule`` or ``pytest_collect_file`` decides what
pytest collects under its directory (SQLAlchemy's collects test classes by
base class, whatever their names), so pytest's own naming rules say nothing
there. It may also get such a hook from a module it star-imports or names
in ``pytest_plugins``, or from code it runs with ``exec``: a module that can
be read is read; one that cannot, or code that is run, may define anything.
pytest reads the conftests from its rootdir down, so only those are looked at.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import warnings
from collections.abc import Callable
from pathlib import Path

from flake8_ssot.model.bindings import ModuleSummary, literal_strings, read_module
from flake8_ssot.model.file_system import read_regular
from flake8_ssot.model.project import Project

#: The hooks that decide which files, classes and functions become tests.
COLLECTION_HOOKS = (
    "pytest_pycollect_makeitem",
    "pytest_pycollect_makemodule",
    "pytest_collect_file",
    "pytest_ignore_collect",
)
#: A conftest whose text holds none of these takes nothing over (most do not).
_MARKERS = re.compile(
    rb"pytest_pycollect_make|pytest_collect_file|pytest_ignore_collect|import\s*\*"
    rb"|pytest_plugins|exec"
)
#: The module-level lists of paths a conftest tells pytest not to collect.
_IGNORE_LISTS = ("collect_ignore", "collect_ignore_glob")
#: An ignore list changed after it is made (``collect_ignore.append(...)``).
_IGNORE_LIST_CHANGED = re.compile(rb"collect_ignore(?:_glob)?\s*(?:\.|\+=|\[)")
_EXEC_CALL = re.compile(rb"\bexec(?:file)?\s*\(")


class ConftestHooks:
    """Which conftest, if any, takes over collection in a directory (read once each)."""

    def __init__(self, project: Project, report: Callable[[str], None], consequence: str) -> None:
        self._project = project
        self._report = report
        #: What a takeover costs, as the caller words it.
        self._consequence = consequence
        self._reasons: dict[Path, str | None] = {}
        #: Each conftest's ``collect_ignore`` and ``collect_ignore_glob`` entries, None
        #: when they are not literal lists (they may then ignore anything below it).
        self._ignore_lists: dict[Path, tuple[tuple[str, ...], tuple[str, ...]] | None] = {}
        self._ignoring: dict[
            tuple[Path, Path],
            tuple[tuple[Path, tuple[tuple[str, ...], tuple[str, ...]] | None], ...],
        ] = {}
        #: (directory, rootdir) -> the governing conftest, for each directory walked.
        self._governing: dict[tuple[Path, Path], Path | None] = {}

    def governing(self, directory: Path, rootdir: Path) -> Path | None:
        """The conftest in ``directory`` or a parent up to ``rootdir`` that takes over.

        A parent's answer is kept too: test files of sibling directories ask it again.
        """
        unanswered: list[Path] = []
        current = directory
        while (current, rootdir) not in self._governing:
            unanswered.append(current)
            conftest = current / "conftest.py"
            if self._reason(conftest) is not None:
                found: Path | None = conftest
                break
            if current == rootdir or current.parent == current:
                found = None
                break
            current = current.parent
        else:
            found = self._governing[current, rootdir]
        for seen in unanswered:
            self._governing[seen, rootdir] = found
        return found

    def ignores(self, path: Path, rootdir: Path) -> bool:
        """Whether a conftest from ``rootdir`` down tells pytest not to collect ``path``
        (``collect_ignore`` names it or a directory holding it, ``collect_ignore_glob``
        matches it), or may (its lists are not literal)."""
        for directory, lists in self._ignore_lists_above(path.parent, rootdir):
            if lists is None:
                return True
            exact, globs = lists
            if any(
                path == directory / entry or directory / entry in path.parents for entry in exact
            ):
                return True
            if any(fnmatch.fnmatch(str(path), str(directory / entry)) for entry in globs):
                return True
        return False

    def _ignore_lists_above(
        self, directory: Path, rootdir: Path
    ) -> tuple[tuple[Path, tuple[tuple[str, ...], tuple[str, ...]] | None], ...]:
        """The conftests from ``directory`` up to ``rootdir`` that ignore anything, with
        their lists: kept per directory, since most test files have none to check. A
        loop, not a recursion: a file may lie 1,000 directories deep."""
        unanswered: list[Path] = []
        current = directory
        found: tuple[tuple[Path, tuple[tuple[str, ...], tuple[str, ...]] | None], ...] = ()
        while True:
            cached = self._ignoring.get((current, rootdir))
            if cached is not None:
                found = cached
                break
            unanswered.append(current)
            if current == rootdir or current.parent == current:
                break
            current = current.parent
        for seen in reversed(unanswered):
            lists = self._ignore_lists_of(seen / "conftest.py")
            if lists != ((), ()):
                found = ((seen, lists), *found)
            self._ignoring[seen, rootdir] = found
        return found

    def _ignore_lists_of(self, conftest: Path) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        if conftest not in self._ignore_lists:
            lists = self._ignore_lists[conftest] = _read_ignore_lists(conftest)
            if lists is None:
                self._report(
                    f"flake8-ssot: {conftest} makes collect_ignore in a way not read here, "
                    f"so it may ignore any file below it: {self._consequence}"
                )
        return self._ignore_lists[conftest]

    def _reason(self, conftest: Path) -> str | None:
        if conftest not in self._reasons:
            reason = self._read(conftest)
            self._reasons[conftest] = reason
            if reason is not None:
                self._report(f"flake8-ssot: {conftest} {reason}: {self._consequence}")
        return self._reasons[conftest]

    def _read(self, conftest: Path) -> str | None:
        """Why the conftest may take over collection; None when it does not."""
        try:
            source = read_regular(conftest)
        except (OSError, ValueError):
            return None
        if _MARKERS.search(source) is None:
            return None
        tree = _parse(source, conftest)
        if tree is None:
            return None  # pytest stops at it; flake8 reports it
        summary, statements = read_module(tree, "conftest", False, source)
        own = _hook_in(summary)
        if own is not None:
            return f"defines {own}"
        for source_module, _, _ in summary.star_sources:
            reason = self._from_module(source_module, "star-imports")
            if reason is not None:
                return reason
        for binding in summary.named.get("pytest_plugins", ()):
            plugins = _literal_names(statements[binding.position - 1])
            if plugins is None or binding.source is not None:
                return "sets pytest_plugins in a way not read here"
            for plugin in plugins:
                reason = self._from_module(plugin, "names in pytest_plugins")
                if reason is not None:
                    return reason
        if _EXEC_CALL.search(source) is not None:
            return "runs code with exec, which may define collection hooks"
        return None

    def _from_module(self, module: str, how: str) -> str | None:
        """Why ``module`` (and what it star-imports in turn) may give the conftest a hook."""
        pending, seen = [module], {module}
        while pending:
            current = pending.pop()
            found = self._project.summary(current)
            if found is None:
                return f"{how} {module}, which cannot be read and may define collection hooks"
            hook = _hook_in(found)
            if hook is not None:
                return f"{how} {module}, which defines {hook}"
            for source, _, _ in found.star_sources:
                if source not in seen:
                    seen.add(source)
                    pending.append(source)
        return None


def _read_ignore_lists(conftest: Path) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A conftest's literal ``collect_ignore`` and ``collect_ignore_glob``; empty ones for
    a conftest without them, None when they are made or changed in other ways."""
    try:
        source = read_regular(conftest)
    except (OSError, ValueError):
        return (), ()
    if b"collect_ignore" not in source:
        return (), ()
    if _IGNORE_LIST_CHANGED.search(source):
        return None
    tree = _parse(source, conftest)
    if tree is None:
        return (), ()  # pytest stops at it; flake8 reports it
    summary, statements = read_module(tree, "conftest", False, source)
    found: list[tuple[str, ...]] = []
    for name in _IGNORE_LISTS:
        entries: tuple[str, ...] = ()
        for binding in summary.named.get(name, ()):
            literal = _literal_names(statements[binding.position - 1])
            if literal is None or binding.source is not None or binding.branches:
                return None
            entries += literal
        found.append(entries)
    return found[0], found[1]


def _parse(source: bytes, conftest: Path) -> ast.Module | None:
    """The conftest's tree; None when it does not parse (its warnings are flake8's)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source, filename=str(conftest))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _hook_in(summary: ModuleSummary) -> str | None:
    return next((hook for hook in COLLECTION_HOOKS if hook in summary.named), None)


def _literal_names(statement: ast.stmt) -> tuple[str, ...] | None:
    """``pytest_plugins = "a"`` or ``= ["a", "b"]``: the module names; None otherwise."""
    value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign)) else None
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return (value.value,)
    return None if value is None else literal_strings(value)
