"""flake8's config files, found and read as flake8 finds and reads them.

The package reproduces flake8's lookup (``flake8_ssot.engine.flake8_config``)
instead of calling flake8's private functions. The differential tests here
generate many directory trees and command lines and compare it with flake8
itself: the oracle is flake8's own private lookup, ``load_config`` and
``parse_config`` (tests may call them; the package may not). The end-to-end
tests run the real ``flake8``: a misspelled ``ssot-*`` key stops it in an
``--append-config`` file as it does in the main one.
"""

from __future__ import annotations

import configparser
import contextlib
import io
import os
import random
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from flake8.exceptions import ExecutionError
from flake8.main.options import stage1_arg_parser
from flake8.options import config as flake8_config_module
from flake8.options.config import load_config, parse_config
from flake8.options.manager import OptionManager

from flake8_ssot.engine.flake8_config import (
    Flake8ConfigError,
    Flake8ConfigFiles,
    discover,
    locate,
    option_key,
    read_flake8_section,
)
from support import Flake8Project, Flake8Run

#: The oracle: flake8's own lookup, private (the package may not use it; a test may).
flake8_find_config_file = flake8_config_module._find_config_file  # type: ignore[attr-defined]

CANDIDATES = ("setup.cfg", "tox.ini", ".flake8")
#: Options the oracle's flake8 registers: a dashed name, and one spelled with underscores.
REGISTERED = ("--ssot-compat-patterns", "--max-line-length", "--select", "--foo_bar")
#: Keys the generated files hold: both spellings, mixed ones (no option's), other cases.
KEYS = (
    "ssot-compat-patterns",
    "ssot_compat_patterns",
    "SSOT-Compat-Patterns",
    "ssot_compat-patterns",
    "max-line-length",
    "max_line_length",
    "foo_bar",
    "foo-bar",
    "select",
    "unknown-key",
)
#: Other sections, beside a [flake8] one or instead of it.
OTHER_SECTIONS = ("DEFAULT", "flake8:local-plugins", "metadata", "Flake8")
#: Files that are not a plain list of sections, each for a reason flake8 has a rule for.
SPECIAL_CONTENTS: tuple[str | bytes, ...] = (
    "",
    "no section header\n",  # MissingSectionHeaderError: skipped
    "\ufeff[flake8]\nselect = E\n",  # a BOM read as UTF-8: no section header, skipped
    "[flake8]\nselect\n",  # a key without a value: ParsingError, skipped
    b"[flake8]\nselect = \xff\n",  # UnicodeDecodeError: skipped
    "[flake8]\nselect = E\n[flake8]\nselect = F\n",  # DuplicateSectionError: flake8 stops
    "[flake8]\nselect = E\nSELECT = F\n",  # DuplicateOptionError: flake8 stops
    "[flake8:local-plugins]\nextension =\n",  # counts, though it has no [flake8]
    "[DEFAULT]\nselect = E\n",  # does not count
    "[Flake8]\nselect = E\n",  # section names are case-sensitive: does not count
    "[flake8]\nselect =\n    E,\n\n    F\n",  # a value over several lines, a blank one inside
)
#: Candidates that are no regular file.
ODD_FILES = ("directory", "devnull", "broken-link")


@dataclass
class Tree:
    """A generated tree: a chain of directories from the top to ``start``, and others."""

    top: Path
    chain: list[Path]  # top first, start last
    others: list[Path]

    @property
    def start(self) -> Path:
        return self.chain[-1]


def random_section_file(rng: random.Random) -> str:
    lines = []
    sections = rng.sample(OTHER_SECTIONS, rng.randint(0, 2))
    if rng.random() < 0.7:
        sections.insert(rng.randint(0, len(sections)), "flake8")
    for section in sections:
        lines.append(f"[{section}]")
        for key in rng.sample(KEYS, rng.randint(0, 3)):
            value = rng.choice(["v1", "v2", "v3", "", "\n    a,\n    b"])
            lines.append(f"{key} = {value}".rstrip())
    return "\n".join(lines) + "\n"


def write_candidate(path: Path, rng: random.Random) -> None:
    """One config-like file at ``path``: sections, a special case, or no regular file."""
    roll = rng.random()
    if roll < 0.1:
        kind = rng.choice(ODD_FILES)
        if kind == "directory":
            path.mkdir()
        elif kind == "devnull":
            path.symlink_to(os.devnull)
        else:
            path.symlink_to(path.parent / "missing-target")
        return
    content = rng.choice(SPECIAL_CONTENTS) if roll < 0.45 else random_section_file(rng)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def generate_tree(root: Path, rng: random.Random) -> Tree:
    """Nested directories, each with none, some or all of flake8's candidate files."""
    top = root / "top"
    chain = [top]
    for depth in range(rng.randint(1, 4)):
        chain.append(chain[-1] / f"d{depth}")
    chain[-1].mkdir(parents=True)
    sibling = chain[rng.randrange(len(chain) - 1)] / "sibling"
    sibling.mkdir()
    for directory in [*chain, sibling]:
        for name in CANDIDATES:
            if rng.random() < 0.35:
                write_candidate(directory / name, rng)
    others = [sibling]
    # A symlink to a directory of the chain: the walk goes up by name, compares by identity.
    link = top / "link"
    link.symlink_to(rng.choice(chain[1:]))
    others.append(link)
    # Files named on command lines, beside the start and below it.
    (chain[-1] / "ci").mkdir()
    for name in ("ci/flake8.cfg", "extra1.cfg", "extra2.cfg"):
        write_candidate(chain[-1] / name, rng)
    return Tree(top, chain, others)


def home_choices(tree: Tree) -> list[str | None]:
    """HOME values: on the walk, beside it, through a symlink, missing, odd, unset."""
    return [
        *(str(directory) for directory in tree.chain),
        *(str(other) for other in tree.others),
        str(tree.chain[0]) + "/",
        str(tree.top / "no-such-home"),
        "/",
        "~",
        None,
    ]


@contextlib.contextmanager
def running_in(directory: Path, home: str | None) -> Iterator[None]:
    """flake8's view of the world: its working directory and HOME."""
    with pytest.MonkeyPatch.context() as patch:
        if home is None:
            patch.delenv("HOME", raising=False)
        else:
            patch.setenv("HOME", home)
        patch.chdir(directory)
        yield


def oracle_discover(start: Path) -> Path | None | type[Exception]:
    """flake8's own lookup: its answer, or the kind of exception that stops flake8."""
    try:
        found: str | None = flake8_find_config_file(str(start))
    except configparser.Error:
        return configparser.Error
    return None if found is None else Path(found)


def our_discover(start: Path) -> Path | None | type[Exception]:
    try:
        return discover(start)
    except Flake8ConfigError:
        return configparser.Error


@pytest.mark.parametrize("seed", range(120))
def test_discover_agrees_with_flake8(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    tree = generate_tree(tmp_path, rng)
    starts = [*tree.chain, *tree.others]
    for start in rng.sample(starts, min(4, len(starts))):
        for home in rng.sample(home_choices(tree), 4):
            # Each start as flake8 gets it (an absolute path), and with a symlink in it.
            with running_in(start, home):
                assert our_discover(start) == oracle_discover(start), (start, home)


class RecordingParser(configparser.RawConfigParser):
    """flake8's parser, keeping the files each instance was asked to read, in order."""

    instances: ClassVar[list[RecordingParser]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asked: list[str] = []
        RecordingParser.instances.append(self)

    def read(self, filenames: Any, encoding: str | None = None) -> Any:
        self.asked.append(os.fspath(filenames))
        return super().read(filenames, encoding=encoding)


@dataclass
class FlakeResult:
    """What flake8 did with a command line: the files it read, its parser, or how it stopped."""

    usage_error: bool = False
    isolated: bool = False
    lookup_failed: bool = False
    stopped: bool = False
    read: tuple[Path, ...] = ()
    config_dir: Path | None = None
    parser: configparser.RawConfigParser | None = None


def oracle_load(command_line: list[str]) -> FlakeResult:
    """flake8's first stage and ``load_config``, run in the current directory.

    Every parser flake8 makes is recorded: the lookup makes one per candidate
    file, and ``load_config`` then makes the one it reads the main and the
    appended files into, the first one made after the lookup returns.
    """
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            first, _ = stage1_arg_parser().parse_known_args(command_line)
        except SystemExit:
            return FlakeResult(usage_error=True)
    RecordingParser.instances = []
    lookups: list[int] = []

    def recorded_lookup(path: str) -> str | None:
        try:
            found: str | None = flake8_find_config_file(path)
        finally:
            lookups.append(len(RecordingParser.instances))
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(configparser, "RawConfigParser", RecordingParser)
        patch.setattr(flake8_config_module, "_find_config_file", recorded_lookup)
        try:
            parser, config_dir = load_config(
                first.config, first.append_config, isolated=first.isolated
            )
        except (ExecutionError, configparser.Error, UnicodeDecodeError):
            parser, config_dir, stopped = None, None, True
        else:
            stopped = False
    loading_index = lookups[0] if lookups else 0
    if loading_index == len(RecordingParser.instances):  # the lookup itself stopped flake8
        return FlakeResult(isolated=first.isolated, lookup_failed=True)
    loading = RecordingParser.instances[loading_index]
    return FlakeResult(
        isolated=first.isolated,
        stopped=stopped,
        read=tuple(Path(os.path.abspath(name)) for name in loading.asked),
        config_dir=None if config_dir is None else Path(os.path.abspath(config_dir)),
        parser=parser,
    )


#: Pieces of command lines: every form of the three options, abbreviations, values
#: that look like options, the end of options, and flake8's other first-stage options.
COMMAND_LINE_PIECES: tuple[tuple[str, ...], ...] = (
    ("src",),
    ("--config", "ci/flake8.cfg"),
    ("--config=ci/flake8.cfg",),
    ("--conf", "extra1.cfg"),
    ("--co=extra2.cfg",),
    ("--config=",),
    ("--config", "missing.cfg"),
    ("--append-config", "extra1.cfg"),
    ("--append-config=extra2.cfg",),
    ("--append", "ci/flake8.cfg"),
    ("--append-config", "missing.cfg"),
    ("--isolated",),
    ("--iso",),
    ("-v",),
    ("-vv",),
    ("--max-line-length", "100"),
    ("--exclude", "--isolated"),
    ("--enable-extensions=--isolated",),
    ("--require-plugins", "x"),
    ("--require-plugins", "--isolated"),  # a usage error: flake8 knows the option
    ("--output-file=out.txt", "--verbose"),
    ("--output-file", "--config"),  # a usage error: the value looks like an option
    ("--config",),  # a usage error at the end, none in the middle
    ("--", "--isolated"),
)


def random_command_line(rng: random.Random) -> list[str]:
    pieces = rng.choices(COMMAND_LINE_PIECES, k=rng.randint(0, 4))
    return [argument for piece in pieces for argument in piece]


def registered_options() -> OptionManager:
    manager = OptionManager(version="0", plugin_versions="", parents=[], formatter_names=[])
    for name in REGISTERED:
        manager.add_option(name, parse_from_config=True)
    return manager


@pytest.mark.parametrize("seed", range(120))
def test_locate_and_read_agree_with_flake8(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    tree = generate_tree(tmp_path, rng)
    manager = registered_options()
    for _ in range(6):
        command_line = random_command_line(rng)
        home = rng.choice(home_choices(tree))
        where = (command_line, home)
        with running_in(tree.start, home):
            start = Path.cwd()  # where flake8 starts: os.path.abspath(".")
            flake8 = oracle_load(command_line)
            if flake8.usage_error:
                # flake8 exits; the package ignores a command line flake8 refuses (a library
                # call with other arguments) and looks up from the start alone.
                expected: object = our_discover(start)
                if expected is configparser.Error:
                    with pytest.raises(Flake8ConfigError):
                        locate(start, command_line)
                else:
                    assert locate(start, command_line) == Flake8ConfigFiles(
                        discover(start), (), False
                    ), where
                continue
            if flake8.lookup_failed:
                with pytest.raises(Flake8ConfigError):
                    locate(start, command_line)
                continue
            ours = locate(start, command_line)
        assert ours.isolated == flake8.isolated, where
        if flake8.stopped:  # a missing or unparsable file, the last read: flake8 stops there
            assert ours.files[: len(flake8.read)] == flake8.read, where
            with pytest.raises(Flake8ConfigError):
                read_flake8_section(ours.files)
            continue
        assert ours.files == flake8.read, where
        main_dir = ours.main.parent if ours.main is not None else start
        assert main_dir == flake8.config_dir, where
        assert flake8.parser is not None
        flake8_values = parse_config(manager, flake8.parser, str(flake8.config_dir))
        our_values = read_flake8_section(ours.files)
        for name in REGISTERED:
            config_name = name[2:].replace("-", "_")
            assert our_values.get(option_key(config_name)) == flake8_values.get(config_name), (
                where,
                name,
            )


def test_the_later_spelling_wins_not_always_the_later_file(tmp_path: Path) -> None:
    """configparser keeps a key where it first appeared; flake8 takes keys in that order."""
    main = tmp_path / "main.cfg"
    main.write_text("[flake8]\nssot-compat-patterns = x\nssot_compat_patterns = a\n")
    extra = tmp_path / "extra.cfg"
    extra.write_text("[flake8]\nssot-compat-patterns = b\nmax_line_length = 9\n")
    assert read_flake8_section([main, extra]) == {
        "ssot-compat-patterns": "a",
        "max-line-length": "9",
    }
    assert read_flake8_section([extra, main]) == {
        "ssot-compat-patterns": "a",
        "max-line-length": "9",
    }
    main.write_text("[flake8]\nssot_compat_patterns = a\nssot-compat-patterns = x\n")
    assert read_flake8_section([main, extra]) == {
        "ssot-compat-patterns": "b",
        "max-line-length": "9",
    }
    # flake8 itself, for the record.
    for first, then, value in ((extra, main, "a"), (main, extra, "b")):
        parser, config_dir = load_config(str(first), [str(then)])
        assert parse_config(registered_options(), parser, config_dir) == {
            "ssot_compat_patterns": value,
            "max_line_length": "9",
        }


def test_option_keys_as_flake8_reads_them() -> None:
    assert option_key("ssot_compat_patterns") == "ssot-compat-patterns"
    assert option_key("SSOT-Compat-Patterns") == "ssot-compat-patterns"
    assert option_key("select") == "select"
    # flake8 registers a name with dashes throughout or underscores throughout, never a mix.
    assert option_key("ssot_compat-patterns") == "ssot_compat-patterns"


def test_command_line_forms(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[flake8]\n")
    found = tmp_path / "setup.cfg"
    cwd = Path.cwd()
    assert locate(tmp_path, []) == Flake8ConfigFiles(found, (), False)
    assert locate(tmp_path, ["--append-config", "a.cfg", "--append-config=b.cfg", "x"]) == (
        Flake8ConfigFiles(found, (cwd / "a.cfg", cwd / "b.cfg"), False)
    )
    assert locate(tmp_path, ["--config=c.cfg", "--append-config", "a.cfg"]) == (
        Flake8ConfigFiles(cwd / "c.cfg", (cwd / "a.cfg",), False)
    )
    assert locate(tmp_path, ["--config", "c.cfg", "--append-config", "a.cfg", "--isolated"]) == (
        Flake8ConfigFiles(None, (), True)
    )
    # After ``--``, everything is a file name.
    assert locate(tmp_path, ["--", "--isolated"]) == Flake8ConfigFiles(found, (), False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_candidate_is_never_opened(tmp_path: Path) -> None:
    (tmp_path / ".flake8").write_text("[flake8]\n")
    start = tmp_path / "repo"
    start.mkdir()
    fifo = start / "setup.cfg"
    os.mkfifo(fifo)
    found: list[Path | None] = []
    lookup = threading.Thread(target=lambda: found.append(discover(start)), daemon=True)
    lookup.start()
    lookup.join(timeout=30)
    if lookup.is_alive():  # it opened the FIFO: let it go, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert found == [tmp_path / ".flake8"]


# --- the real flake8 ---------------------------------------------------------------------


def unknown_option(path: Path, key: str, close: str) -> str:
    return f"flake8-ssot: {path}: unknown option '{key}' in [flake8] (did you mean '{close}'?)"


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param(["--append-config", "ci/extra.cfg"], id="separate-value"),
        pytest.param(["--append-config=ci/extra.cfg"], id="equals-value"),
        pytest.param(
            ["--append-config", "ci/ok.cfg", "--append-config=ci/extra.cfg"], id="second-of-two"
        ),
        pytest.param(
            ["--config", "ci/ok.cfg", "--append-config", "ci/extra.cfg"], id="with-config"
        ),
    ],
)
def test_a_misspelled_key_in_an_appended_file_stops_flake8(
    project: Flake8Project, arguments: list[str]
) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\n")
    project.write("ci/ok.cfg", "[flake8]\nselect = SOT\nssot-compat-patterns = *_compat\n")
    project.write("ci/extra.cfg", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("src/m.py", "import os\n")
    run = project.flake8(*arguments, "src")
    assert run.stderr.splitlines() == [
        unknown_option(
            project.root / "ci" / "extra.cfg", "ssot-legacy-module", "ssot-legacy-modules"
        )
    ]
    assert (run.stdout_lines, run.returncode) == ([], 1)


def test_an_appended_file_is_checked_without_a_main_file(project: Flake8Project) -> None:
    project.write("ci/extra.cfg", "[flake8]\nselect = SOT\nSSOT_Compat = *_shim\n")
    project.write("src/m.py", "import os\n")
    run = project.flake8("--append-config", "ci/extra.cfg", "src")
    assert run.stderr.splitlines() == [
        unknown_option(project.root / "ci" / "extra.cfg", "ssot_compat", "ssot-compat-patterns")
    ]
    assert (run.stdout_lines, run.returncode) == ([], 1)


def test_the_main_file_is_checked_first(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-module = a.old\n")
    project.write("ci/extra.cfg", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("src/m.py", "import os\n")
    run = project.flake8("--append-config", "ci/extra.cfg", "src")
    assert run.stderr.splitlines() == [
        unknown_option(
            project.root / "setup.cfg", "ssot-deprecated-module", "ssot-deprecated-modules"
        )
    ]
    assert (run.stdout_lines, run.returncode) == ([], 1)


def test_an_editor_linting_one_file_sees_the_appended_file_named(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\n")
    project.write("ci/extra.cfg", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("m.py", "import os\n")
    run = project.flake8("--append-config", "ci/extra.cfg", "m.py")
    message = unknown_option(
        project.root / "ci" / "extra.cfg", "ssot-legacy-module", "ssot-legacy-modules"
    )
    assert run.stdout_lines == [f"m.py:1:1: SOT001 {message}"]


def test_isolated_ignores_appended_files(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("ci/extra.cfg", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("src/m.py", "import os\n")
    run = project.flake8("--isolated", "--append-config", "ci/extra.cfg", "--select=SOT", "src")
    assert (run.stderr, run.stdout_lines, run.returncode) == ("", [], 0)


def test_config_replaces_the_lookup_but_not_the_appended_files(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nssot-legacy-module = a.old\n")  # not read
    project.write("ci/flake8.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = a.old = a.new\n")
    project.write("ci/extra.cfg", "[flake8]\nssot-legacy-modules = b.old = b.new\n")
    project.write("src/m.py", "import a.old\nimport b.old\n")
    alone = project.flake8("--config", "ci/flake8.cfg", "src")
    assert (alone.stderr, alone.stdout_lines) == (
        "",
        ["src/m.py:1:1: SOT201 'a.old' is legacy: use a.new"],
    )
    # The appended file is read last: its value replaces the main file's.
    appended = project.flake8("--config=ci/flake8.cfg", "--append-config=ci/extra.cfg", "src")
    assert (appended.stderr, appended.stdout_lines) == (
        "",
        ["src/m.py:2:1: SOT201 'b.old' is legacy: use b.new"],
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_an_appended_fifo_is_not_opened_twice(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = F\n")
    fifo = project.root / "extra.fifo"
    os.mkfifo(fifo)
    project.write("m.py", "import os\n")
    writer = subprocess.Popen(
        [sys.executable, "-c", f"open({str(fifo)!r}, 'w').write('[flake8]\\nselect = F\\n')"]
    )
    try:
        run: Flake8Run = project.flake8("--append-config", str(fifo), "m.py")
    finally:
        writer.wait(timeout=30)
    assert run.stdout_lines == ["m.py:1:1: F401 'os' imported but unused"]
