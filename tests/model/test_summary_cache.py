"""Summaries of other modules kept between runs (``ssot-cache-dir``): never a different finding."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from flake8_ssot.model import summary_cache
from flake8_ssot.model.bindings import ModuleSummary
from flake8_ssot.model.stdlib_classes import import_origin, stdlib_base
from flake8_ssot.model.summary_cache import SummaryCache, _version_directory_name, open_cache
from flake8_ssot.model.summary_store import _summarise_file
from support import Flake8Project, fail_on_log

CONFIG = """\
[flake8]
select = SOT
ssot-deprecated-modules = app.ws
ssot-cache-dir = {cache}
"""
FACADE = "from .core import Manager\n"
# The same length: with the file's mtime put back, only its text tells it changed.
EDITED_FACADE = "from .cora import Manager\n"


def advice(module: str) -> list[str]:
    return [f"./use.py:1:1: SOT101 'app.ws' is deprecated: import Manager from {module}"]


def deprecated_facade(project: Flake8Project, cache: str) -> Path:
    """``app.ws`` re-exports ``Manager`` from ``app.ws.core``; ``app.ws.cora`` has another."""
    project.write("setup.cfg", CONFIG.format(cache=cache))
    project.write("app/__init__.py")
    project.write("app/ws/core.py", "class Manager: ...\n")
    project.write("app/ws/cora.py", "class Manager: ...\n")
    project.write("use.py", "from app.ws import Manager\n")
    return project.write("app/ws/__init__.py", FACADE)


def entries(cache: Path) -> list[str]:
    """The modules kept in a cache directory, as its entries' names end."""
    return sorted(
        entry.name.partition("-")[2]
        for entry in cache.glob("*/*")
        if entry.is_file() and entry.name != "CACHEDIR.TAG"
    )


def test_a_kept_summary_is_used_only_for_the_text_it_was_made_from(
    project: Flake8Project,
) -> None:
    facade = deprecated_facade(project, ".cache")
    cold = project.flake8(".")
    warm = project.flake8(".")
    assert entries(project.root / ".cache") == ["app.ws", "app.ws.core"]
    (version,) = (project.root / ".cache").iterdir()
    tag = (version / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    before = facade.stat()
    facade.write_text(EDITED_FACADE, encoding="utf-8")
    os.utime(facade, ns=(before.st_atime_ns, before.st_mtime_ns))
    edited = project.flake8(".")
    assert [cold.stdout_lines, warm.stdout_lines, edited.stdout_lines] == [
        advice("app.ws.core"),
        advice("app.ws.core"),
        advice("app.ws.cora"),
    ]
    assert [cold.stderr, warm.stderr, edited.stderr] == ["", "", ""]


def test_a_damaged_entry_is_read_again_from_the_module(project: Flake8Project) -> None:
    deprecated_facade(project, ".cache")
    project.flake8(".")
    kept = [entry for entry in (project.root / ".cache").glob("*/*-app.ws*") if entry.is_file()]
    assert kept
    for number, entry in enumerate(kept):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if number % 2 else b"\x00not marshal data")
    run = project.flake8(".")
    assert (run.stdout_lines, run.stderr, run.returncode) == (advice("app.ws.core"), "", 1)


@pytest.mark.parametrize(
    "cache",
    [
        pytest.param("blocker/cache", id="a-directory-that-cannot-be-made"),
        pytest.param("off", id="off"),
        pytest.param("OFF", id="off-in-capitals"),
    ],
)
def test_without_a_usable_cache_the_findings_are_the_same(
    project: Flake8Project, cache: str
) -> None:
    deprecated_facade(project, cache)
    project.write("blocker", "a file where the cache's parent directory would go\n")
    runs = [project.flake8("."), project.flake8("--jobs", "2", ".")]
    assert [(run.stdout_lines, run.stderr, run.returncode) for run in runs] == [
        (advice("app.ws.core"), "", 1),
        (advice("app.ws.core"), "", 1),
    ]
    assert sorted(path.name for path in project.root.iterdir()) == [
        "app",
        "blocker",
        "setup.cfg",
        "use.py",
    ]


@pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="XDG_CACHE_HOME is read on Linux and the BSDs"
)
def test_the_default_cache_is_the_user_cache_directory(
    project: Flake8Project,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache_home = tmp_path_factory.mktemp("cache-home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    deprecated_facade(project, "")
    run = project.flake8(".")
    assert run.stdout_lines == advice("app.ws.core")
    assert entries(cache_home / "flake8-ssot") == ["app.ws", "app.ws.core"]


def test_a_cache_dir_that_is_a_file_is_a_configuration_error(project: Flake8Project) -> None:
    deprecated_facade(project, "use.py")
    run = project.flake8(".")
    assert (run.stdout_lines, run.returncode) == ([], 1)
    assert run.stderr == (
        f"flake8-ssot: ssot-cache-dir: entry 'use.py': {project.root}/use.py is not a directory\n"
    )


def test_a_cache_dir_no_system_can_name_is_a_configuration_error(project: Flake8Project) -> None:
    deprecated_facade(project, "a\0b")
    run = project.flake8(".")
    assert (run.stdout_lines, run.returncode) == ([], 1)
    assert run.stderr == (
        "flake8-ssot: ssot-cache-dir: entry 'a\\x00b': a path cannot hold a NUL character\n"
    )


def test_workers_that_keep_the_same_modules_at_once_give_the_same_findings(
    project: Flake8Project,
) -> None:
    deprecated_facade(project, ".cache")
    for number in range(8):
        project.write(f"use_{number}.py", "from app.ws import Manager\n")
    cold = project.flake8(".", "--jobs", "4")
    warm = project.flake8(".", "--jobs", "4")
    expected = [
        f"./use{suffix}.py:1:1: SOT101 'app.ws' is deprecated: import Manager from app.ws.core"
        for suffix in ["", *(f"_{number}" for number in range(8))]
    ]
    assert (sorted(cold.stdout_lines), sorted(warm.stdout_lines)) == (expected, expected)
    assert entries(project.root / ".cache") == ["app.ws", "app.ws.core"]


BRANCHES = """\
import sys
import time
from .helpers import *
try:
    from .fast import Codec
except ImportError:
    Codec = None
if sys.platform == "win32":
    from .win import Loop
else:
    Loop = object


class Base(Loop, metaclass=type):
    __test__ = False

    @staticmethod
    def test_a(): ...
"""


def records(summary: ModuleSummary) -> list[str]:
    """Every record of a summary by type, nested ones included."""
    found = [
        type(record).__name__
        for same in summary.named.values()
        for binding in same
        for record in (binding, *binding.branches)
    ]
    found += [
        type(branch).__name__ for _, branches, _ in summary.star_sources for branch in branches
    ]
    for shape in summary.classes:
        found += [type(shape).__name__, *(type(method).__name__ for method in shape.methods)]
    return found


def summary_of(path: Path, module: str) -> ModuleSummary:
    found = _summarise_file(module, path, path.read_bytes())
    assert found is not None
    return found


def test_a_summary_reads_back_equal_and_only_for_its_own_key(tmp_path: Path) -> None:
    """Unit: every record comes back as the same type with the same fields."""
    cache = open_cache(tmp_path / "cache", fail_on_log)
    assert isinstance(cache, SummaryCache)
    module_file = tmp_path / "branches.py"
    module_file.write_text(BRANCHES, encoding="utf-8")
    source = module_file.read_bytes()
    kept = summary_of(module_file, "flake8_ssot.model.summary_cache")
    cache.store("flake8_ssot.model.summary_cache", module_file, source, kept)
    read = cache.load("flake8_ssot.model.summary_cache", module_file, source)
    assert read == kept
    assert read is not None and records(read) == records(kept)
    assert any(binding.branches for same in kept.named.values() for binding in same)
    assert kept.star_sources and kept.classes[0].methods[0].decorators
    assert cache.load("flake8_ssot.model.summary_cache", module_file, source + b"\n") is None
    assert cache.load("flake8_ssot.other", module_file, source) is None
    assert cache.load("flake8_ssot.model.summary_cache", tmp_path / "elsewhere.py", source) is None


def test_entries_of_other_code_of_the_plugin_are_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unit: an entry is read without checking its form, only by the code that wrote it.
    The version directory is named for the text of every module of the package: a
    change to a record's fields, or to how records are written, starts a new one."""
    package = tmp_path / "flake8_ssot"
    shutil.copytree(
        summary_cache._PACKAGE_DIRECTORY, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(summary_cache, "_PACKAGE_DIRECTORY", package)
    assert _version_directory_name() == _version_directory_name()
    before = _version_directory_name()
    for module in ("bindings.py", "plain_records.py"):
        path = package / "model" / module
        path.write_bytes(path.read_bytes() + b"\n")
        assert _version_directory_name() != before
        before = _version_directory_name()


def test_a_standard_library_lookup_reads_back_and_may_be_no_class(tmp_path: Path) -> None:
    """Unit: ``unittest.TestCase`` as described once, then read back; a name that is no
    class is kept as such."""
    cache = open_cache(tmp_path / "cache", fail_on_log)
    assert cache is not None
    testcase = stdlib_base("unittest", "TestCase")
    assert testcase is not None and testcase.is_testcase
    origin = import_origin("unittest")
    assert origin is not None and origin.endswith("__init__.py")
    cache.store_runtime_class(("base", "unittest", "TestCase"), origin, testcase)
    cache.store_runtime_class(("class", "os", "sep"), import_origin("os"), None)
    assert cache.load_runtime_class(("base", "unittest", "TestCase"), origin) == (testcase,)
    assert cache.load_runtime_class(("class", "os", "sep"), import_origin("os")) == (None,)
    assert cache.load_runtime_class(("class", "unittest", "TestCase"), origin) is None
    assert cache.load_runtime_class(("base", "unittest", "TestCase"), "/shadow/unittest.py") is None


SHADOWED_BASE = """\
import cmd


class TestShell(cmd.Cmd):
    def test_prompt(self):
        assert True
"""


def test_a_standard_library_name_shadowed_in_one_run_is_looked_up_again_in_the_next(
    project: Flake8Project,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ``cmd.py`` on ``sys.path`` is not the standard library's ``cmd``: what one run
    found with it (nothing known) is not what the next run, without it, reads."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-cache-dir = .cache\n")
    project.write("tests/test_shell.py", SHADOWED_BASE)
    shadow = tmp_path_factory.mktemp("shadow")
    (shadow / "cmd.py").write_text("class Cmd:\n    pass\n", encoding="utf-8")
    constructor = [
        "./tests/test_shell.py:4:1: SOT402 class TestShell has 1 test method but pytest will "
        "not collect it: it has __init__ (pytest skips such classes with only a warning)"
    ]
    runs = []
    for shadowed in (True, False, True, False):
        if shadowed:
            monkeypatch.setenv("PYTHONPATH", str(shadow))
        else:
            monkeypatch.delenv("PYTHONPATH", raising=False)
        runs.append(project.flake8(".").stdout_lines)
    assert runs == [[], constructor, [], constructor]


def test_a_fifo_in_the_cache_is_not_waited_on(project: Flake8Project) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    deprecated_facade(project, ".cache")
    project.flake8(".")
    (entry,) = (project.root / ".cache").glob("*/*-app.ws")
    entry.unlink()
    os.mkfifo(entry)
    run = project.flake8(".")
    assert (run.stdout_lines, run.stderr) == (advice("app.ws.core"), "")


def test_another_modules_warnings_are_not_printed_cold_or_warm(
    project: Flake8Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The facade's invalid escape is its own lint's business, whether it is parsed or read
    from the cache."""
    monkeypatch.setenv("PYTHONWARNINGS", "always")
    facade = deprecated_facade(project, ".cache")
    facade.write_text('import re\nfrom .core import Manager\nPAT = re.compile("\\d+")\n')
    # use.py alone: flake8's own parse of a linted facade would warn (its W605 says the same).
    runs = [project.flake8("use.py", f"--ssot-cache-dir={cache}") for cache in ("off", ".c", ".c")]
    expected = [line.removeprefix("./") for line in advice("app.ws.core")]
    assert [(run.stdout_lines, run.stderr) for run in runs] == [(expected, "")] * 3


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_cache_directory_is_the_users_alone_and_replaces_older_code(
    project: Flake8Project,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``~`` is the home; made directories are mode 0700; what earlier code of the plugin
    kept for this Python goes, what is not the plugin's stays."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    deprecated_facade(project, "~/caches/ssot")
    version = _version_directory_name()
    python = version.rpartition("-")[0]
    older = home / "caches" / "ssot" / f"{python}-0123456789abcdef"
    older.mkdir(parents=True)
    (older / "CACHEDIR.TAG").write_bytes(b"Signature: 8a477f597d28d172789f06886806bc55\n")
    foreign = home / "caches" / "ssot" / f"{python}-notours"
    foreign.mkdir()
    run = project.flake8(".")
    assert run.stdout_lines == advice("app.ws.core")
    assert sorted(path.name for path in (home / "caches" / "ssot").iterdir()) == sorted(
        [version, foreign.name]
    )
    assert oct((home / "caches" / "ssot" / version).stat().st_mode & 0o777) == oct(0o700)


def test_entries_not_written_for_a_month_and_stale_temporary_files_are_swept(
    project: Flake8Project,
) -> None:
    """Once a day, the first run that writes drops what nothing wrote for 30 days."""
    facade = deprecated_facade(project, ".cache")
    project.flake8(".")
    (version,) = (project.root / ".cache").iterdir()
    day, now = 24 * 3600, time.time()
    gone = version / "0123456789abcdef-moved.away"
    gone.write_bytes(b"an entry of a file that no longer exists")
    killed = version / "tmpkilled.tmp"
    killed.write_bytes(b"half an entry")
    writing = version / "tmpwriting.tmp"
    writing.write_bytes(b"an entry being written")
    for path, age in [(gone, 31 * day), (killed, 2 * 3600), (version / "CACHEDIR.TAG", 2 * day)]:
        os.utime(path, (now - age, now - age))
    facade.write_text(EDITED_FACADE, encoding="utf-8")  # a summary to write: the sweep runs
    run = project.flake8(".")
    assert run.stdout_lines == advice("app.ws.cora")
    assert sorted(path.name for path in version.iterdir()) == sorted(
        ["CACHEDIR.TAG", writing.name, *(path.name for path in version.glob("*-app.ws*"))]
    )
    assert len(list(version.glob("*-app.ws"))) == 1
    assert now - (version / "CACHEDIR.TAG").stat().st_mtime < day
