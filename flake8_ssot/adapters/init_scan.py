"""``init``'s passes over the tree, on the machine's cores, each file read once and parsed once.

The files are dealt out to worker processes once; each keeps its share's
text (and the trees it parsed) across the three passes ``init`` makes, so
no file is read twice or parsed twice:

1. facts: every file's text is scanned, and only a file that may hold a
   deprecation or a compat shim is parsed (see :func:`needs_parse`);
2. definitions: a file that defines a name several modules define is parsed
   (unless pass 1 did), and every file's ``from M import Name`` lines are
   counted from its text;
3. findings: the proposed configuration is linted by the plugin's own engine
   in the files whose text names a configured module or symbol, and the files
   pytest looks at; the tree kept from an earlier pass is used where there is
   one.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import gc
import io
import multiprocessing
import os
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from flake8.formatting.default import Nothing
from flake8.style_guide import StyleGuideManager

from flake8_ssot.adapters.flake8_files import reported_by_flake8
from flake8_ssot.adapters.flake8_setup import flake8_setup
from flake8_ssot.engine.baseline import baseline_of, relative_path
from flake8_ssot.engine.lint import lint_file, parse, start
from flake8_ssot.engine.proposal import Relevance
from flake8_ssot.engine.settings import build_settings
from flake8_ssot.model.migration_facts import (
    DefinitionSite,
    FileFacts,
    definition_sites,
    file_facts,
    imported_names,
    needs_parse,
)
from flake8_ssot.model.source_file import read_source
from flake8_ssot.model.text_scan import searchable_text
from flake8_ssot.rules import discovery
from flake8_ssot.rules.base import ConfigError, RawValue
from flake8_ssot.rules.rule import Context, LintedFile

#: Below this many files a second process costs more than it saves.
PARALLEL_FROM = 200


class Scanner:
    """One process's share of the files, read once, each parsed at most once."""

    def __init__(
        self, options: argparse.Namespace, context: Context, filenames: Sequence[str]
    ) -> None:
        self.options = options
        self.context = context
        self.filenames = filenames
        self._texts: dict[str, str] = {}
        self._trees: dict[str, ast.Module] = {}
        #: Files parsed (a file that does not parse counts: it is not tried again).
        self._parsed: set[str] = set()
        self._defined: dict[str, frozenset[str]] = {}

    def facts(self) -> tuple[list[FileFacts], int]:
        """Pass 1: each file's facts, and how many files were read."""
        found = []
        for filename in self.filenames:
            try:
                text = read_source(Path(filename)).text
            except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
                continue  # flake8 reports what it cannot read
            self._texts[filename] = text
            name = self.context.project.module_name(filename)
            tree = self._tree(filename) if needs_parse(text, name.dotted) else None
            facts = file_facts(_shown(filename), name.dotted, name.is_package, text, tree)
            self._defined[filename] = frozenset(facts.definitions)
            found.append(facts)
        return found, len(self._texts)

    def definitions(self, names: frozenset[str]) -> tuple[list[DefinitionSite], Counter[str]]:
        """Pass 2: the definitions of ``names``, and how many files import each
        ``module:Name`` of them."""
        sites: list[DefinitionSite] = []
        imports: Counter[str] = Counter()
        if not names:
            return sites, imports
        for filename, text in self._texts.items():
            name = self.context.project.module_name(filename)
            if self._defined[filename] & names:
                tree = self._tree(filename)
                if tree is not None:
                    sites.extend(
                        definition_sites(
                            _shown(filename), name.dotted, name.is_package, tree, names, text
                        )
                    )
            imports.update(set(imported_names(text, name.package or None, names)))
        return sites, imports

    def findings(
        self, raw: Mapping[str, RawValue], relevant: Relevance | None
    ) -> tuple[Counter[str], int]:
        """Pass 3: the findings flake8 would report under these raw option values, by
        code, and how many files this process parsed in all."""
        settings = build_settings(
            raw, self.context.settings.config_file, self.context.settings.config_dir
        )
        context = start(settings, _ignore)
        config_dir = settings.config_dir
        try:
            baseline = baseline_of(settings)
        except ConfigError:
            baseline = None  # flake8 says what is wrong with it; the count is without it
        style_guides = StyleGuideManager(self.options, Nothing(self.options))
        counts: Counter[str] = Counter()
        for filename, text in self._texts.items():
            concerned = relevant is None or relevant.concerns(searchable_text(text))
            if not (concerned or discovery.may_report(filename, context)):
                continue
            tree = self._last_use(filename)
            if tree is None:
                continue
            file = LintedFile(tree, text, filename)
            # A test file that names nothing configured can only have test-discovery findings.
            diagnostics = (
                lint_file(file, context)
                if concerned
                else discovery.discovery_findings(file, context)
            )
            if diagnostics:  # flake8's noqa and select are only asked about findings
                reported = reported_by_flake8(style_guides, self.options, filename, text)
                shown = [found for found in diagnostics if reported(found.code, found.line)]
                if baseline is not None:
                    shown = baseline.new_findings(shown, relative_path(filename, config_dir))
                counts.update(found.code for found in shown)
        self._trees.clear()
        gc.unfreeze()
        return counts, len(self._parsed)

    def _last_use(self, filename: str) -> ast.Module | None:
        """The file's tree for the last pass, which keeps none: a tree made for this pass
        alone would only hold memory until the pass ends."""
        if filename in self._parsed:
            return self._trees.pop(filename, None)
        self._parsed.add(filename)
        return parse(self._texts[filename], filename)

    def _tree(self, filename: str) -> ast.Module | None:
        """The file's tree, parsed on first use and kept for the later passes.

        Kept trees are frozen out of the cyclic garbage collector's sight: they hold
        no cycles, and every collection walking thousands of them made the passes
        three times slower.
        """
        if filename not in self._parsed:
            self._parsed.add(filename)
            tree = parse(self._texts[filename], filename)
            if tree is not None:
                self._trees[filename] = tree
                gc.freeze()
        return self._trees.get(filename)


def _shown(filename: str) -> str:
    """The path as a user reads it in the proposal: relative, with forward slashes."""
    relative = os.path.relpath(filename) if os.path.isabs(filename) else os.path.normpath(filename)
    return relative.replace(os.sep, "/")


def _ignore(line: str) -> None:
    """Notes on pytest's configuration were printed when the command started."""


class ScannerPool:
    """The scanners: in this process for a small tree, else one worker per job."""

    def __init__(
        self,
        flake8_args: Sequence[str],
        options: argparse.Namespace,
        context: Context,
        filenames: Sequence[str],
    ) -> None:
        jobs = _jobs(options, len(filenames))
        self._local: list[Scanner] = []
        self._connections: list[Connection] = []
        self._processes: list[multiprocessing.process.BaseProcess] = []
        if jobs <= 1:
            self._local.append(Scanner(options, context, filenames))
            return
        # Forked workers inherit flake8's parsed options; spawned ones parse them again.
        forks = sys.platform == "linux"
        inherited = (options, context) if forks else None
        processes = (
            multiprocessing.get_context("fork") if forks else multiprocessing.get_context("spawn")
        )
        for job in range(jobs):
            ours, theirs = processes.Pipe()
            process = processes.Process(
                target=_serve,
                args=(theirs, list(flake8_args), list(filenames[job::jobs]), inherited),
                daemon=True,
            )
            process.start()
            theirs.close()
            self._connections.append(ours)
            self._processes.append(process)

    def facts(self) -> tuple[list[FileFacts], int]:
        found: list[FileFacts] = []
        read = 0
        for facts, count in self._each("facts"):
            found.extend(facts)
            read += count
        return sorted(found, key=lambda each: each.path), read

    def definitions(self, names: frozenset[str]) -> tuple[list[DefinitionSite], Counter[str]]:
        sites: list[DefinitionSite] = []
        imports: Counter[str] = Counter()
        for found, counted in self._each("definitions", names):
            sites.extend(found)
            imports.update(counted)
        return sorted(sites, key=lambda site: (site.path, site.line)), imports

    def findings(
        self, raw: Mapping[str, RawValue], relevant: Relevance | None
    ) -> tuple[Counter[str], int]:
        counts: Counter[str] = Counter()
        parsed = 0
        for found, count in self._each("findings", dict(raw), relevant):
            counts.update(found)
            parsed += count
        return counts, parsed

    def _each(self, method: str, *args: Any) -> list[Any]:
        """Every scanner's answer to one pass, the workers' computed meanwhile."""
        for connection in self._connections:
            connection.send((method, args))
        answers = [getattr(scanner, method)(*args) for scanner in self._local]
        for connection in self._connections:
            answer = connection.recv()
            if isinstance(answer, _Failure):
                raise RuntimeError(f"flake8-ssot init: a worker failed:\n{answer.text}")
            answers.append(answer)
        return answers

    def close(self) -> None:
        for connection in self._connections:
            with contextlib.suppress(OSError):
                connection.send(None)
            connection.close()
        for process in self._processes:
            process.join()


class _Failure:
    """A worker's traceback, sent back instead of its answer."""

    def __init__(self, text: str) -> None:
        self.text = text


def _jobs(options: argparse.Namespace, files: int) -> int:
    """flake8's ``--jobs`` (``auto``: the machine's cores), and one for a small tree."""
    jobs = options.jobs
    wanted = (os.cpu_count() or 1) if jobs.is_auto else jobs.n_jobs
    return 1 if files < PARALLEL_FROM else max(1, min(wanted, files))


def _serve(
    connection: Connection,
    flake8_args: list[str],
    filenames: list[str],
    inherited: tuple[argparse.Namespace, Context] | None,
) -> None:
    """A worker: answer each pass for its share until told to stop (None)."""
    if inherited is None:
        with contextlib.redirect_stderr(io.StringIO()):  # said once, by the parent
            inherited = flake8_setup(flake8_args)
    scanner = Scanner(*inherited, filenames)
    passes: dict[str, Callable[..., Any]] = {
        "facts": scanner.facts,
        "definitions": scanner.definitions,
        "findings": scanner.findings,
    }
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        method, args = request
        try:
            connection.send(passes[method](*args))
        except Exception:  # the parent says what went wrong, and stops
            connection.send(_Failure(traceback.format_exc()))
