"""The rules' pass/fail tables, and the harness that runs them in-process and through flake8.

A table is a project (files, and the ``setup.cfg`` holding its ``[flake8]``
section) and its cases; a case adds the file linted (and sometimes more
files) and lists what the engine must report on it: each finding's path,
line, column, code and messages, a message being its kind's name and its
typed arguments, as pyflakes' tests assert message classes. A case with no
findings is a "pass" row.

Columns are the engine's (0-based, as the AST counts them); flake8 prints
them plus one. Text files are written dedented, as ``Flake8Project.write``
writes them; bytes are written as they are.

Each rule's tables run twice: in-process through the engine, as the flake8
plugin runs it, each case in a project of its own
(``tests/rules/test_<rule>.py``), and through the real ``flake8`` command
(``tests/test_integration.py``): the cases of a table that share a
configuration are written into one project and checked by one flake8 run
(see :func:`batches`), and the fixable rules' cases go through
``flake8-ssot fix`` too, which must write what the fixer gives in-process.
The exact lines flake8 prints for each case are kept in
``tests/rules/snapshots/<rule>.txt``, which both runs compare against;
``python3 scripts/run_tests.py --fast --snapshot-update`` rewrites them from
the engine's output (``--snapshot-update`` is a pytest option, see
conftest.py) before the tests run.
"""

from __future__ import annotations

import configparser
import contextlib
import faulthandler
import functools
import importlib
import io
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tokenize
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeAlias, TypedDict

import pytest

from flake8_ssot import rules as rule_modules
from flake8_ssot.engine.lint import lint_file, parse, start
from flake8_ssot.engine.registry import CODES
from flake8_ssot.engine.settings import build_settings, check_option_names
from flake8_ssot.fix.apply import fix_source
from flake8_ssot.model import pytest_config
from flake8_ssot.model.source_file import read_source
from flake8_ssot.rules import discovery as discovery_rule
from flake8_ssot.rules.base import ConfigError, Diagnostic, Message, MessageKind
from flake8_ssot.rules.config_error import config_error as config_error_finding
from flake8_ssot.rules.rule import LintedFile
from support import context_for

# Names here must not be those of the tables' modules (deprecated, discovery, ...): importing
# ``tables.discovery`` binds ``discovery`` in this namespace.

#: The rules with tables, in the registry's order: ``tables/<rule>.py`` and its snapshot.
RULES = ("config_error", "deprecated", "legacy", "compat", "discovery", "canonical")
SNAPSHOTS = Path(__file__).resolve().parent.parent / "rules" / "snapshots"
#: A case that runs longer than this in-process is a hang: the worker stops with a traceback.
HANG_SECONDS = 120


# ---------------------------------------------------------------- what a table holds


class Special(NamedTuple):
    """A project file that is not a regular file."""

    kind: str
    target: str = ""


#: A FIFO: reading it would block forever.
FIFO = Special("fifo")


def symlink(target: str) -> Special:
    return Special("symlink", target)


Content: TypeAlias = "str | bytes | Special"


class M(NamedTuple):
    """An expected message: its kind's name and its arguments, sorted by name."""

    kind: str
    args: tuple[tuple[str, object], ...]


def m(kind: str, /, **args: object) -> M:
    """A message of a kind the rules declare (a misspelt kind fails at import)."""
    assert kind in message_kinds(), f"no message kind {kind!r}"
    return M(kind, tuple(sorted((name, _frozen(value)) for name, value in args.items())))


def _frozen(value: object) -> object:
    if isinstance(value, M):
        return value
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


class Finding(NamedTuple):
    """One finding: where, which code, and its messages (a statement's, joined by ``; ``)."""

    path: str
    line: int
    col: int
    code: str
    messages: tuple[M, ...]


def F(line: int, col: int, code: str, *messages: M, path: str = "") -> Finding:  # noqa: N802
    """An expected finding; ``path`` "" is the case's own file."""
    return Finding(path, line, col, code, messages)


@dataclass(frozen=True)
class Case:
    """One row of a table: the linted file and what the engine reports on it.

    ``source`` is the text of the case's file (at ``path``, by default the
    table's path with the id); ``files`` are more project files, ``lint``
    more files linted (``"*"``: every ``.py`` file of the project, as
    ``flake8 .`` lints them). ``stdin``: the file is given on stdin under its
    path, and is not on disk. ``tree``: a configuration error, which stops
    flake8 over the file's directory (through flake8; in-process, and for
    one file, it is SOT001). ``log``: the lines the run prints on stderr
    (notes on pytest's configuration), as patterns: ``{root}`` is the
    project, ``{*}`` any text. ``snapshot``: the case's flake8 lines are kept
    in the rule's snapshot (not for output that depends on the Python
    version, or is thousands of lines long). ``alone``: through flake8, the
    case's project is not shared with other cases of its table.
    """

    id: str
    source: str | None
    expected: tuple[Finding, ...]
    path: str = ""
    files: Mapping[str, Content] = field(default_factory=dict)
    config: str | None = None
    lint: tuple[str, ...] = ()
    stdin: bool = False
    tree: bool = False
    log: tuple[str, ...] = ()
    snapshot: bool = True
    alone: bool = False


def case(
    id: str,  # noqa: A002
    source: str | None,
    *expected: Finding,
    path: str = "",
    files: Mapping[str, Content] | None = None,
    config: str | None = None,
    lint: Sequence[str] = (),
    stdin: bool = False,
    tree: bool = False,
    log: Sequence[str] = (),
    snapshot: bool = True,
    alone: bool = False,
) -> Case:
    return Case(
        id,
        source,
        expected,
        path,
        dict(files or {}),
        config,
        tuple(lint),
        stdin,
        tree,
        tuple(log),
        snapshot,
        alone,
    )


@dataclass(frozen=True)
class Table:
    """Cases that share a project: its ``setup.cfg``, its files, where a case's file goes."""

    name: str
    cases: tuple[Case, ...]
    config: str = ""
    files: Mapping[str, Content] = field(default_factory=dict)
    #: Where a case's file goes: ``{}`` is the case's id, with ``-`` as ``_``.
    path: str = "{}.py"

    def __post_init__(self) -> None:
        ids = [case.id for case in self.cases]
        assert len(ids) == len(set(ids)), f"{self.name}: a case id is used twice"

    def get(self, id: str) -> Case:  # noqa: A002
        return next(one for one in self.cases if one.id == id)


def load(rule: str) -> tuple[Table, ...]:
    """The tables of ``tables/<rule>.py``."""
    module = importlib.import_module(f"tables.{rule}")
    found: tuple[Table, ...] = module.TABLES
    names = [table.name for table in found]
    assert len(names) == len(set(names)), f"{rule}: a table name is used twice"
    return found


def all_cases(rule: str) -> list[tuple[Table, Case]]:
    return [(table, case) for table in load(rule) for case in table.cases]


def case_id(table: Table, case: Case) -> str:
    """The case's name in test ids and in the snapshot."""
    return f"{table.name}/{case.id}"


def case_path(table: Table, case: Case) -> str:
    return case.path or table.path.format(case.id.replace("-", "_"))


def config_of(table: Table, case: Case) -> str:
    config = case.config if case.config is not None else table.config
    assert config, f"{case_id(table, case)}: no setup.cfg"
    return config


def project_files(table: Table, case: Case) -> dict[str, Content]:
    """Every file of the case's project, ``setup.cfg`` included."""
    files: dict[str, Content] = {**table.files, **case.files, "setup.cfg": config_of(table, case)}
    if case.source is not None and not case.stdin:
        files[case_path(table, case)] = case.source
    return files


def lint_paths(table: Table, case: Case) -> list[str]:
    """The files the case lints, in the order they are given to flake8."""
    paths = [case_path(table, case)] if case.source is not None else []
    for wanted in case.lint:
        if wanted == "*":
            paths.extend(
                sorted(
                    path
                    for path, content in project_files(table, case).items()
                    if path.endswith(".py") and not isinstance(content, Special)
                )
            )
        else:
            paths.append(wanted)
    return list(dict.fromkeys(paths))


def expected_findings(table: Table, case: Case) -> list[Finding]:
    own = case_path(table, case)
    return sort_findings([finding._replace(path=finding.path or own) for finding in case.expected])


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """flake8's order: by file, then line and column (ties keep the plugin's order)."""
    return sorted(findings, key=lambda found: (found.path, found.line, found.col))


# ---------------------------------------------------------------- message kinds and their text


@functools.cache
def message_kinds() -> dict[str, MessageKind]:
    """Every message kind the rule modules declare, by name."""
    found: dict[str, MessageKind] = {}
    for info in pkgutil.iter_modules(rule_modules.__path__):
        module = importlib.import_module(f"{rule_modules.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, MessageKind):
                assert found.setdefault(value.name, value) is value, value.name
    return found


def expected_message(message: Message) -> M:
    """A diagnostic's message as a table writes it."""
    return M(
        message.kind.name,
        tuple(sorted((name, _expected_argument(value)) for name, value in message.args)),
    )


def _expected_argument(value: object) -> object:
    if isinstance(value, Message):
        return expected_message(value)
    if isinstance(value, tuple):
        return tuple(_expected_argument(item) for item in value)
    return value


def finding_of(diagnostic: Diagnostic) -> Finding:
    return Finding(
        diagnostic.path,
        diagnostic.line,
        diagnostic.col,
        diagnostic.code,
        tuple(expected_message(message) for message in diagnostic.messages),
    )


def message_text(message: M) -> str:
    """The text a message's template gives it (what a table's finding prints as)."""
    template = message_kinds()[message.kind].template
    return template.format(**{name: _argument_text(value) for name, value in message.args})


def _argument_text(value: object) -> str:
    if isinstance(value, M):
        return message_text(value)
    if isinstance(value, tuple):
        return "; ".join(_argument_text(item) for item in value)
    return str(value)


def flake8_line(finding: Finding) -> str:
    """The line flake8 prints for a finding."""
    text = "; ".join(message_text(message) for message in finding.messages)
    return f"{finding.path}:{finding.line}:{finding.col + 1}: {finding.code} {text}"


# ---------------------------------------------------------------- projects on disk


def write_files(root: Path, files: Mapping[str, Content]) -> None:
    """Write a project, text dedented; paths may be 1,000 directories deep.

    Each file is made relative to its directory's descriptor, walked down
    from the last one used: a path 1,000 deep is not resolved again, level
    by level, for each file.
    """
    if not _DESCRIPTORS:
        for relative, content in files.items():
            _write_by_path(root / relative, content)
        return
    walker = _Walker(root)
    try:
        for relative, content in files.items():
            directory, name = os.path.split(relative)
            fd = walker.enter(directory)
            if isinstance(content, Special):
                if content.kind == "fifo":
                    os.mkfifo(name, dir_fd=fd)
                else:
                    os.symlink(content.target, name, dir_fd=fd)
                continue
            data = content if isinstance(content, bytes) else textwrap.dedent(content).encode()
            handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666, dir_fd=fd)
            with os.fdopen(handle, "wb") as output:
                output.write(data)
    finally:
        walker.close()


#: Files are made relative to directory descriptors where the platform can (not Windows).
_DESCRIPTORS = hasattr(os, "O_DIRECTORY") and {os.open, os.mkdir, os.rmdir, os.unlink} <= (
    os.supports_dir_fd
)


def _write_by_path(path: Path, content: Content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Special):
        if content.kind == "fifo":
            os.mkfifo(path)
        else:
            os.symlink(content.target, path)
    else:
        path.write_bytes(
            content if isinstance(content, bytes) else textwrap.dedent(content).encode()
        )


class _Walker:
    """The descriptor of one directory under ``root`` at a time, made as it is entered."""

    def __init__(self, root: Path) -> None:
        self.root = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        self.directory = ""
        self.fd = self.root

    def enter(self, directory: str) -> int:
        if directory == self.directory:
            return self.fd
        if self.directory and directory.startswith(self.directory + "/"):
            rest = directory[len(self.directory) + 1 :]
        else:
            self._leave()
            rest = directory
        for part in rest.split("/") if rest else ():
            try:
                os.mkdir(part, dir_fd=self.fd)
            except FileExistsError:
                pass
            child = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=self.fd)
            self._leave()
            self.fd = child
        self.directory = directory
        return self.fd

    def _leave(self) -> None:
        if self.fd != self.root:
            os.close(self.fd)
        self.fd = self.root
        self.directory = ""

    def close(self) -> None:
        self._leave()
        os.close(self.root)


def remove_tree(root: Path) -> None:
    """Remove a project without recursion, one directory descriptor open at a time.

    shutil.rmtree (and so pytest's cleanup of old temporary directories)
    recurses once per level and overflows before 1,000; a path 1,000 deep is
    not resolved again for each entry either.
    """
    if not os.path.lexists(root):
        return
    if not _DESCRIPTORS:
        shutil.rmtree(root)
        return
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    names: list[str] = []  # the path from root to fd
    try:
        while True:
            subdirectory = None
            with os.scandir(fd) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        subdirectory = subdirectory or entry.name
                    else:
                        os.unlink(entry.name, dir_fd=fd)
            if subdirectory is not None:
                child = os.open(subdirectory, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
                os.close(fd)
                fd = child
                names.append(subdirectory)
                continue
            if not names:
                break
            parent = os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = parent
            os.rmdir(names.pop(), dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(root)


def write_case(root: Path, table: Table, id: str, path: str | None = None) -> Path:  # noqa: A002
    """Write a case's project under ``root``, its file at ``path`` (by default its own)."""
    one = table.get(id)
    write_files(root, {**table.files, **one.files, "setup.cfg": config_of(table, one)})
    written = root / (path or case_path(table, one))
    write_files(root, {str(written.relative_to(root)): one.source or ""})
    return written


def needs_fifos(table: Table, case: Case) -> bool:
    return any(content == FIFO for content in project_files(table, case).values())


# ---------------------------------------------------------------- in-process, as the plugin runs


@dataclass
class Outcome:
    """What the engine reported for a case, and what flake8 would print for it."""

    findings: list[Finding]
    #: flake8's lines, the project's path written ``{root}``.
    lines: list[str]
    #: The lines a run prints on stderr (notes on pytest's config), ``{root}`` likewise.
    log: list[str]


def run_in_process(table: Table, case: Case, root: Path) -> Outcome:
    """Write the case's project under ``root``, lint it through the engine, remove it."""
    if needs_fifos(table, case) and not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    root.mkdir(parents=True, exist_ok=True)
    write_files(root, project_files(table, case))
    stdin = {case_path(table, case): case.source or ""} if case.stdin else {}
    try:
        with _working_directory(root), _hang_guard():
            reset_process_caches()
            diagnostics, log = lint_in_process(root, lint_paths(table, case), stdin)
    finally:
        remove_tree(root)
    spellings = _spellings(root)
    findings = sort_findings(
        [_rooted(finding_of(diagnostic), spellings) for diagnostic in diagnostics]
    )
    lines = [
        f"{d.path}:{d.line}:{d.col + 1}: {d.code} {d.text}"
        for d in sorted(diagnostics, key=lambda d: (d.path, d.line, d.col))
    ]
    return Outcome(findings, with_root(lines, root), with_root(log, root))


def lint_in_process(
    root: Path, paths: Sequence[str], stdin: Mapping[str, str]
) -> tuple[list[Diagnostic], list[str]]:
    """The plugin's work for ``flake8 PATHS`` run in ``root`` (the current directory).

    Settings come from the raw ``[flake8]`` values of ``root/setup.cfg``. A
    configuration error becomes SOT001 on line 1 of each file, as the plugin
    reports it when flake8 lints one file or stdin.
    """
    log: list[str] = []
    config = root / "setup.cfg"
    try:
        check_option_names(config)
        settings = build_settings(flake8_section(config), config, root)
        context = start(settings, log.append)
    except ConfigError as error:
        return [config_error_finding(path, error) for path in paths], log
    diagnostics: list[Diagnostic] = []
    for path in paths:
        text = _universal_newlines(stdin[path]) if path in stdin else read_as_flake8(root / path)
        tree = parse(text, path)
        if tree is not None:  # flake8 reports E999 and runs no plugin
            diagnostics.extend(lint_file(LintedFile(tree, text, path), context))
    return diagnostics, log


def flake8_section(config: Path) -> dict[str, str]:
    """The raw values of the ``[flake8]`` section, keys spelt with dashes as options are."""
    parser = configparser.RawConfigParser()
    parser.read(config, encoding="utf-8")
    if not parser.has_section("flake8"):
        return {}
    return {key.replace("_", "-"): value for key, value in parser.items("flake8")}


def read_as_flake8(path: Path) -> str:
    """A file's text as flake8 hands it to plugins: decoded by its coding, newlines as ``\\n``."""
    try:
        with tokenize.open(path) as handle:
            return handle.read()
    except (SyntaxError, UnicodeError):
        with open(path, encoding="latin-1") as handle:
            return handle.read()


def _universal_newlines(text: str) -> str:
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), "utf-8").read()


def reset_process_caches() -> None:
    """Forget what an earlier case told or cached for the process (flake8 starts afresh)."""
    pytest_config._TOLD.clear()
    pytest_config._expanded_testpaths.cache_clear()
    discovery_rule._is_test_directory.cache_clear()


@contextlib.contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def _hang_guard() -> Iterator[None]:
    """A case that blocks (reading a FIFO) ends the process with a traceback, not the suite."""
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def with_root(lines: Sequence[str], root: Path) -> list[str]:
    """Lines with the project's path written ``{root}``."""
    spellings = _spellings(root)
    return [_root_written(line, spellings) for line in lines]


def _spellings(root: Path) -> list[str]:
    return sorted({str(root), str(root.resolve())}, key=len, reverse=True)


def _root_written(text: str, spellings: Sequence[str]) -> str:
    for spelling in spellings:
        text = text.replace(spelling, "{root}")
    return text


def _rooted(finding: Finding, spellings: Sequence[str]) -> Finding:
    """A finding whose arguments name the project as ``{root}``, as tables write them."""

    def argument(value: object) -> object:
        if isinstance(value, M):
            return M(value.kind, tuple((name, argument(item)) for name, item in value.args))
        if isinstance(value, tuple):
            return tuple(argument(item) for item in value)
        return _root_written(value, spellings) if isinstance(value, str) else value

    messages = tuple(argument(message) for message in finding.messages)
    return finding._replace(messages=messages)  # type: ignore[arg-type]


def log_matches(lines: Sequence[str], patterns: Sequence[str]) -> bool:
    """Each line matches one pattern and each pattern one line, in any order."""
    unmatched = list(lines)
    for pattern in patterns:
        regex = re.compile(".*".join(re.escape(part) for part in pattern.split("{*}")))
        for index, line in enumerate(unmatched):
            if regex.fullmatch(line):
                del unmatched[index]
                break
        else:
            return False
    return not unmatched


# ---------------------------------------------------------------- snapshots


def snapshot_file(rule: str) -> Path:
    return SNAPSHOTS / f"{rule}.txt"


@functools.cache
def read_snapshot(rule: str) -> dict[str, list[str]]:
    """Each case's flake8 lines, by case id."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in snapshot_file(rule).read_text(encoding="utf-8").splitlines():
        if line.startswith("== "):
            current = sections.setdefault(line[3:], [])
        elif line and not line.startswith("#") and current is not None:
            current.append(line)
    return sections


def snapshot_lines(rule: str, table: Table, case: Case) -> list[str]:
    return read_snapshot(rule).get(case_id(table, case), ["(no snapshot: run --snapshot-update)"])


def snapshot_ids(rule: str) -> list[str]:
    return [case_id(table, case) for table, case in all_cases(rule) if case.snapshot]


SNAPSHOT_HEADER = """\
# What flake8 prints for each case of tests/tables/{rule}.py, exactly ({{root}}: the project).
# Written by `python3 scripts/run_tests.py --fast --snapshot-update`; review its diff.
"""


def update_snapshots() -> list[Path]:
    """Rewrite every snapshot from the engine's output; the files that changed."""
    changed = []
    with tempfile.TemporaryDirectory(prefix="ssot-snapshots-") as temporary:
        base = Path(temporary).resolve()
        with _environment("XDG_CACHE_HOME", str(base / "cache")):
            for rule in RULES:
                old = read_snapshot(rule) if snapshot_file(rule).exists() else {}
                sections: dict[str, list[str]] = {}
                for number, (table, case) in enumerate(all_cases(rule)):
                    if not case.snapshot:
                        continue
                    key = case_id(table, case)
                    if needs_fifos(table, case) and not hasattr(os, "mkfifo"):
                        sections[key] = old.get(key, [])
                        continue
                    outcome = run_in_process(table, case, base / f"{rule}-{number}")
                    sections[key] = outcome.lines
                text = SNAPSHOT_HEADER.format(rule=rule) + "".join(
                    f"\n== {key}\n" + "".join(f"{line}\n" for line in lines)
                    for key, lines in sections.items()
                )
                path = snapshot_file(rule)
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, encoding="utf-8")
                    changed.append(path)
    read_snapshot.cache_clear()
    return changed


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


# ---------------------------------------------------------------- batches for the flake8 runs


@dataclass(frozen=True)
class Batch:
    """Cases that one flake8 run checks: one project, one configuration."""

    rule: str
    table: Table
    cases: tuple[Case, ...]
    number: int

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.table.name}/{self.number}"

    @property
    def own_process(self) -> bool:
        """A stdin or configuration-error case: run by a python -m flake8 of its own."""
        return len(self.cases) == 1 and (self.cases[0].stdin or self.cases[0].tree)

    def files(self) -> dict[str, Content]:
        files: dict[str, Content] = {}
        for one in self.cases:
            files.update(project_files(self.table, one))
        return files

    def paths(self) -> list[str]:
        return [path for one in self.cases for path in lint_paths(self.table, one)]


def batches(rule: str) -> list[Batch]:
    """The flake8 runs of a rule's tables: cases with the same configuration go into one
    project and one run, each with its own files, where their files agree.

    A case whose files would change another's findings (a pytest config above
    the other's files, a module the other imports) would fail here, its
    findings checked against the snapshot of its project alone: such a case
    says ``alone``. A stdin or configuration-error case runs alone too.
    """
    found: list[Batch] = []
    for table in load(rule):
        groups: list[list[Case]] = []
        for one in table.cases:
            group = next((g for g in groups if _fits(table, g, one)), None)
            if group is None:
                groups.append([one])
            else:
                group.append(one)
        found.extend(
            Batch(rule, table, tuple(group), number) for number, group in enumerate(groups, 1)
        )
    return found


def _fits(table: Table, group: list[Case], one: Case) -> bool:
    """Whether ``one`` can share the group's project and flake8 run."""
    if any(case.stdin or case.tree or case.alone for case in (*group, one)):
        return False
    if config_of(table, group[0]) != config_of(table, one):
        return False
    taken = {path for other in group for path in lint_paths(table, other)}
    if taken & set(lint_paths(table, one)):
        return False
    files = {
        path: content for other in group for path, content in project_files(table, other).items()
    }
    mine = project_files(table, one)
    if any(files.get(path, content) != content for path, content in mine.items()):
        return False
    # A pytest config file governs the directories below it: not another case's own files.
    only_mine = {path: content for path, content in mine.items() if path not in files}
    only_theirs = {path: content for path, content in files.items() if path not in mine}
    return not (_governs(only_mine, set(only_theirs)) or _governs(only_theirs, set(only_mine)))


#: The files pytest reads its configuration from (setup.cfg only with a pytest section).
_PYTEST_CONFIG_NAMES = frozenset(
    {"pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini"}
)


def _governs(files: Mapping[str, Content], others: set[str]) -> bool:
    """Whether a pytest config among ``files`` lies in a directory above one of ``others``."""
    directories = [
        os.path.dirname(path)
        for path, content in files.items()
        if os.path.basename(path) in _PYTEST_CONFIG_NAMES
        or (os.path.basename(path) == "setup.cfg" and "pytest" in str(content))
    ]
    return any(
        directory == "" or other.startswith(directory + "/")
        for directory in directories
        for other in others
    )


@dataclass
class BatchRun:
    """What one flake8 run printed, each case's lines apart (``{root}``: the project),
    and, for the cases of a fixable rule, what ``fix`` did and what it had to do."""

    lines: dict[str, list[str]]
    #: Lines of no case's files (there should be none).
    stray: list[str]
    stderr: list[str]
    returncode: int
    #: ``flake8-ssot fix``'s files and ``left as is`` lines, and its status.
    fixed: tuple[FixRun, int] | None = None
    #: What the fixer gives in-process, as the command should.
    fix_expected: FixRun | None = None


@contextlib.contextmanager
def batch_project(batch: Batch, root: Path) -> Iterator[Path]:
    """The batch's project, written under ``root`` for the runs, and removed after them."""
    if any(needs_fifos(batch.table, one) for one in batch.cases) and not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    root.mkdir(parents=True, exist_ok=True)
    write_files(root, batch.files())
    try:
        yield root
    finally:
        remove_tree(root)


#: Runs ``python -m flake8`` and ``python -m flake8_ssot`` many times in one process.
RUNNER = Path(__file__).resolve().with_name("runner.py")


def run_table(rule: str, table: Table, root: Path) -> list[tuple[Batch, BatchRun]]:
    """Every batch of a table through the real flake8, and ``fix`` where the rule fixes.

    Each batch's project is written under ``root``. A stdin case and a
    configuration error run as ``python -m flake8`` processes of their own;
    the other batches' runs (flake8 with ``--jobs 1``, so that a note on
    stderr is printed once, then ``fix``) all happen in one process of
    runner.py, which runs them as editors run flake8, in-process one after
    another, each with its own directory and command line.
    """
    own = [batch for batch in batches(rule) if batch.table is table]
    with contextlib.ExitStack() as stack:
        roots = [
            stack.enter_context(batch_project(batch, root / f"batch{batch.number}"))
            for batch in own
        ]
        runs: list[dict[str, object]] = []
        expected_fixes: dict[int, FixRun] = {}
        for index, (batch, project) in enumerate(zip(own, roots, strict=True)):
            if batch.own_process:
                continue
            runs.append(
                {"cwd": str(project), "module": "flake8", "argv": ["--jobs", "1", *batch.paths()]}
            )
            paths = fixable_paths(batch)
            if paths:
                expected_fixes[index] = fix_in_process(project, paths)
                runs.append({"cwd": str(project), "module": "flake8_ssot", "argv": ["fix", *paths]})
        results = iter(_run_in_one_process(runs) if runs else [])
        found = []
        for index, (batch, project) in enumerate(zip(own, roots, strict=True)):
            if batch.own_process:
                found.append((batch, run_batch(batch, project)))
                continue
            result = next(results)
            run = _batch_run(batch, project, result["stdout"], result["stderr"], result["status"])
            if index in expected_fixes:
                fixed = next(results)
                paths = fixable_paths(batch)
                texts = {path: read_source(project / path).text for path in paths}
                left = [line for line in fixed["stderr"].splitlines() if " left as is: " in line]
                run.fixed = (FixRun(texts, left), fixed["status"])
                run.fix_expected = expected_fixes[index]
            found.append((batch, run))
    return found


class _Result(TypedDict):
    """One run of runner.py."""

    stdout: str
    stderr: str
    status: int


def _run_in_one_process(runs: list[dict[str, object]]) -> list[_Result]:
    completed = subprocess.run(
        [sys.executable, str(RUNNER)],
        input=json.dumps(runs),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    results: list[_Result] = json.loads(completed.stdout)
    return results


def run_batch(batch: Batch, root: Path) -> BatchRun:
    """A stdin case as editors run it, a configuration error over the directory of its
    file: ``python -m flake8`` once, in the batch's project (written by batch_project)."""
    only = batch.cases[0]
    stdin = None
    if only.stdin:
        arguments = ["-", "--stdin-display-name", case_path(batch.table, only)]
        stdin = only.source
    elif only.tree:
        arguments = [os.path.dirname(case_path(batch.table, only)) or "."]
    else:
        arguments = ["--jobs", "1", *batch.paths()]
    completed = subprocess.run(
        [sys.executable, "-m", "flake8", *arguments],
        cwd=root,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return _batch_run(batch, root, completed.stdout, completed.stderr, completed.returncode)


def _batch_run(batch: Batch, root: Path, stdout: str, stderr: str, status: int) -> BatchRun:
    owners = {path: one.id for one in batch.cases for path in lint_paths(batch.table, one)}
    lines: dict[str, list[str]] = {one.id: [] for one in batch.cases}
    stray = []
    for line in with_root(stdout.splitlines(), root):
        owner = owners.get(line.split(":", 1)[0])
        if owner is None:
            stray.append(line)
        else:
            lines[owner].append(line)
    return BatchRun(lines, stray, with_root(stderr.splitlines(), root), status)


#: The codes whose findings ``flake8-ssot fix`` rewrites (some of them).
FIXABLE = frozenset(code.code for code in CODES if code.fixable)


def fixable_paths(batch: Batch) -> list[str]:
    """What ``fix`` is run on: in a fixable rule's tables, the files of the cases with a
    fixable finding (a discovery case's incidental SOT101 is no fix case)."""
    rule = importlib.import_module(f"{rule_modules.__name__}.{batch.rule}").RULE
    if not any(code.fixable for code in rule.codes):
        return []
    return sorted(
        path
        for one in batch.cases
        if not (one.stdin or one.tree) and any(f.code in FIXABLE for f in one.expected)
        for path in lint_paths(batch.table, one)
    )


@dataclass
class FixRun:
    """The files' text after fix, and its ``left as is`` lines, in the command's order."""

    texts: dict[str, str]
    left: list[str]


def fix_in_process(root: Path, paths: Sequence[str]) -> FixRun:
    """What ``flake8-ssot fix PATHS`` does, by the fixer in-process (nothing is written).

    Every finding counts as reported: the tables' files hold no noqa comment,
    and their configurations select every code they expect.
    """
    texts: dict[str, str] = {}
    left: list[str] = []
    with _working_directory(root):
        reset_process_caches()
        context = context_for([])
        for path in sorted(paths):
            source = read_source(root / path).text
            result = fix_source(source, path, context, lambda code, line: True)
            texts[path] = result.fixed if result.changed else source
            leftovers = result.leftovers
            if result.changed:  # reported where they are after the rewrite
                leftovers = fix_source(result.fixed, path, context, lambda c, n: True).leftovers
            left.extend(
                f"{path}:{item.line}:{item.col + 1}: {item.code} left as is: {item.reason}"
                for item in sorted(dict.fromkeys(leftovers), key=lambda item: (item.line, item.col))
            )
    return FixRun(texts, left)


def expected_lines(rule: str, table: Table, case: Case) -> list[str]:
    """What flake8 prints for a case: its snapshot, or its findings' text where it has none."""
    if case.tree:
        return []  # flake8 stops, with the error on stderr
    if case.snapshot:
        return snapshot_lines(rule, table, case)
    return [flake8_line(finding) for finding in expected_findings(table, case)]


def expected_stderr(batch: Batch) -> list[str]:
    """The patterns of a batch's stderr: its cases' notes, and each configuration error."""
    patterns = [pattern for one in batch.cases for pattern in one.log]
    for one in batch.cases:
        errors = [
            message_text(message)
            for finding in one.expected
            if finding.code == "SOT001"
            for message in finding.messages
        ]
        patterns.extend(dict.fromkeys(errors))
    return patterns
