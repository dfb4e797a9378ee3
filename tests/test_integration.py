"""Through the real flake8 command: every rule's table, then how flake8 users drive the plugin.

The tables of tables/ (which tests/rules/ runs in-process) run here through
``python -m flake8`` in temporary projects with a real setup.cfg: the cases
of a table that share a configuration in one project and one flake8 run,
each case's lines checked against its snapshot (tests/rules/snapshots/),
and the fixable rules' cases through ``python -m flake8_ssot fix`` too. A
table's runs happen in one process (tables/runner.py runs them one after
another with runpy, as the VS Code extension runs flake8), except stdin
cases and configuration errors, which get a process of their own. Then what
only flake8 itself does, each in its own ``python -m flake8`` process:
stdin, noqa, ignores, config files, jobs, --help, editors.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flake8_ssot.engine.registry import CODES, OPTIONS
from support import MIGRATION_CONFIG, MIGRATION_FILES, Flake8Project, Flake8Run, fix, flake8_ssot
from tables import (
    RULES,
    Table,
    batches,
    discovery,
    expected_lines,
    expected_stderr,
    load,
    log_matches,
    run_table,
    write_files,
)
from tables.fix import FIX_CONFIG, FIX_FILES, REWRITES

TABLES = [(rule, table) for rule in RULES for table in load(rule)]
BATCHES = [batch for rule in RULES for batch in batches(rule)]


@pytest.mark.parametrize(
    ("rule", "table"), TABLES, ids=[f"{rule}/{table.name}" for rule, table in TABLES]
)
def test_table_through_flake8(rule: str, table: Table, tmp_path: Path) -> None:
    """A table's cases through flake8, those with fixable findings through ``fix`` too."""
    for batch, run in run_table(rule, table, tmp_path):
        assert run.lines == {case.id: expected_lines(rule, table, case) for case in batch.cases}, (
            batch.id
        )
        assert run.stray == [], batch.id
        assert log_matches(run.stderr, expected_stderr(batch)), (batch.id, run.stderr)
        if any(case.tree for case in batch.cases):
            assert run.returncode != 0, batch.id  # the configuration error stopped flake8
        else:
            assert run.returncode == (1 if any(run.lines.values()) else 0), batch.id
        if run.fix_expected is not None:
            # The command rewrites the files, and leaves findings, as the fixer does in-process.
            assert run.fixed is not None
            fixed, status = run.fixed
            expected = run.fix_expected
            assert (fixed.texts, fixed.left, status) == (expected.texts, expected.left, 0), batch.id


def test_every_code_is_printed_by_flake8_in_some_case() -> None:
    """Every registered code comes out of a real flake8 run of some table's case."""
    printed = {
        finding.code
        for batch in BATCHES
        for case in batch.cases
        if not case.tree
        for finding in case.expected
    }
    assert printed == {code.code for code in CODES}


def test_fix_rewrites_through_the_command(tmp_path: Path) -> None:
    """tables/fix.py's rewrites, every file in one project: one ``fix``, then ``fix --check``."""
    write_files(
        tmp_path,
        {"setup.cfg": FIX_CONFIG, **FIX_FILES, **{one.path: one.before for one in REWRITES}},
    )
    run = flake8_ssot("fix", "app", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert {one.id: (tmp_path / one.path).read_text(encoding="utf-8") for one in REWRITES} == {
        one.id: one.after if one.after is not None else one.before for one in REWRITES
    }
    again = flake8_ssot("fix", "--check", "app", cwd=tmp_path)
    assert again.returncode == 0, again.stderr


# How flake8 users drive the plugin: stdin, noqa, ignores, config files, jobs, --help.

FACADE_MANAGER = "SOT101 'pkg.facade' is deprecated: import Manager from pkg.facade.manager"
OLD = "SOT201 'pkg.old' is legacy (removal due in 2.0): use pkg.new"
SHIM = (
    "SOT301 'pkg.shim_compat' is a compat shim (matches '*_compat'): "
    "import from the module it wraps"
)
MIXED = "from ..facade import Manager\nimport pkg.old\nimport pkg.shim_compat\n"


def test_stdin_with_display_name_resolves_relative_imports(migrating: Flake8Project) -> None:
    # The editor case: the buffer may differ from the file on disk, or not exist yet.
    run = migrating.flake8("-", "--stdin-display-name", "pkg/app/unsaved.py", stdin=MIXED)
    assert run.stdout_lines == [
        f"pkg/app/unsaved.py:1:1: {FACADE_MANAGER}",
        f"pkg/app/unsaved.py:2:1: {OLD}",
        f"pkg/app/unsaved.py:3:1: {SHIM}",
    ]
    assert run.returncode == 1


def test_stdin_matches_file_on_disk(migrating: Flake8Project) -> None:
    migrating.write("pkg/app/mod.py", MIXED)
    from_disk = migrating.flake8("pkg/app/mod.py").stdout_lines
    from_stdin = migrating.flake8(
        "-", "--stdin-display-name", "pkg/app/mod.py", stdin=MIXED
    ).stdout_lines
    assert from_disk == from_stdin
    assert len(from_disk) == 3


def test_noqa(migrating: Flake8Project) -> None:
    migrating.write(
        "pkg/app/mod.py",
        "import pkg.old  # noqa: SOT201\nimport pkg.shim_compat  # noqa: SOT101\n"
        "from ..facade import Manager  # noqa\n",
    )
    assert migrating.flake8("pkg/app/mod.py").stdout_lines == [f"pkg/app/mod.py:2:1: {SHIM}"]


def test_a_passed_deadline_resurfaces_what_noqa_accepted(migrating: Flake8Project) -> None:
    """At 2.0, ``pkg.old``'s imports are SOT202: ``# noqa: SOT201`` no longer hides them,
    CI can select the overdue code alone, and ``fix`` rewrites them as it did."""
    migrating.write("pkg/app/mod.py", "import pkg.old  # noqa: SOT201\nfrom pkg.old import get\n")
    migrating.write("pkg/new.py", "def get(): ...\n")
    before = migrating.flake8("pkg/app/mod.py")
    assert before.stdout_lines == [f"pkg/app/mod.py:2:1: {OLD}"]
    migrating.write("setup.cfg", MIGRATION_CONFIG + "ssot-project-version = 2.0\n")
    overdue = (
        "SOT202 'pkg.old' is legacy (removal was due in 2.0; the project is at 2.0): use pkg.new"
    )
    after = migrating.flake8("--select", "SOT202", "pkg/app/mod.py")
    assert after.stdout_lines == [
        f"pkg/app/mod.py:1:1: {overdue}",
        f"pkg/app/mod.py:2:1: {overdue}",
    ]
    fixed = fix(migrating, "pkg/app/mod.py")
    assert (fixed.returncode, fixed.stdout) == (0, "")
    assert fixed.stderr.splitlines() == [
        "pkg/app/mod.py:1:1: SOT202 left as is: `import pkg.old` binds the top-level package; "
        "rewrite it by hand",
        "flake8-ssot fix: 1 of 1 files changed; imported names rewritten: SOT202: 1; "
        "findings left: 1",
    ]
    assert (migrating.root / "pkg/app/mod.py").read_text(encoding="utf-8") == (
        "import pkg.old  # noqa: SOT201\nfrom pkg.new import get\n"
    )


def test_per_file_ignores(migrating: Flake8Project) -> None:
    migrating.write("setup.cfg", MIGRATION_CONFIG + "per-file-ignores =\n    pkg/app/*: SOT201\n")
    migrating.write("pkg/app/mod.py", MIXED)
    migrating.write("pkg/other.py", "import pkg.old\n")
    assert migrating.flake8("pkg").stdout_lines == [
        f"pkg/app/mod.py:1:1: {FACADE_MANAGER}",
        f"pkg/app/mod.py:3:1: {SHIM}",
        f"pkg/other.py:1:1: {OLD}",
    ]


def test_extend_ignore_in_config(migrating: Flake8Project) -> None:
    migrating.write("setup.cfg", MIGRATION_CONFIG + "extend-ignore = SOT301\n")
    migrating.write("pkg/app/mod.py", MIXED)
    assert migrating.flake8("pkg/app/mod.py").stdout_lines == [
        f"pkg/app/mod.py:1:1: {FACADE_MANAGER}",
        f"pkg/app/mod.py:2:1: {OLD}",
    ]


def test_select_a_single_code_on_command_line(migrating: Flake8Project) -> None:
    migrating.write("pkg/app/mod.py", MIXED)
    run = migrating.flake8("--select", "SOT201", "pkg/app/mod.py")
    assert run.stdout_lines == [f"pkg/app/mod.py:2:1: {OLD}"]


@pytest.mark.parametrize("config_name", ["tox.ini", ".flake8"])
def test_other_config_files(migrating: Flake8Project, config_name: str) -> None:
    (migrating.root / "setup.cfg").unlink()
    migrating.write(config_name, MIGRATION_CONFIG)
    migrating.write("pkg/app/mod.py", MIXED)
    assert len(migrating.flake8("pkg/app/mod.py").stdout_lines) == 3


def test_options_as_command_line_flags(project: Flake8Project) -> None:
    project.write("m.py", "import a.old\nimport b.legacy.x\nimport c.shim\n")
    run = project.flake8(
        "--select",
        "SOT",
        "--ssot-deprecated-modules",
        "a.old = a.new",
        "--ssot-legacy-modules",
        "b.legacy = b.modern, z.other",
        "--ssot-compat-patterns",
        "*.shim",
        "m.py",
    )
    assert run.stdout_lines == [
        "m.py:1:1: SOT101 'a.old' is deprecated: use a.new",
        "m.py:2:1: SOT201 'b.legacy.x' is legacy: 'b.legacy' is replaced by b.modern",
        "m.py:3:1: SOT301 'c.shim' is a compat shim (matches '*.shim'): "
        "import from the module it wraps",
    ]


def test_explicit_config_file_from_another_directory(migrating: Flake8Project) -> None:
    # --config: source roots default to that file's directory, not the cwd.
    migrating.write("pkg/app/mod.py", MIXED)
    elsewhere = migrating.root / "pkg" / "app"
    run = migrating.flake8("--config", str(migrating.root / "setup.cfg"), "mod.py", cwd=elsewhere)
    assert run.stdout_lines == [
        f"mod.py:1:1: {FACADE_MANAGER}",
        f"mod.py:2:1: {OLD}",
        f"mod.py:3:1: {SHIM}",
    ]


def test_parallel_jobs(migrating: Flake8Project) -> None:
    for index in range(8):
        migrating.write(f"pkg/app/mod{index}.py", MIXED)
    run = migrating.flake8("--jobs", "2", "pkg/app")
    assert len(run.stdout_lines) == 24
    assert run.stderr == ""


def test_default_flake8_checks_still_run(migrating: Flake8Project) -> None:
    migrating.write("setup.cfg", MIGRATION_CONFIG.replace("select = SOT", "extend-select = SOT"))
    migrating.write("pkg/app/mod.py", "import pkg.old\n")
    assert sorted(migrating.flake8("pkg/app/mod.py").stdout_lines) == [
        "pkg/app/mod.py:1:1: F401 'pkg.old' imported but unused",
        f"pkg/app/mod.py:1:1: {OLD}",
    ]


def test_syntax_error_is_flake8s_e999_only(migrating: Flake8Project) -> None:
    migrating.write("setup.cfg", MIGRATION_CONFIG.replace("select = SOT", "select = SOT,E999"))
    migrating.write("pkg/app/broken.py", "import pkg.old\ndef (:\n")
    run = migrating.flake8("pkg/app/broken.py")
    assert [line.split(": ")[1].split()[0] for line in run.stdout_lines] == ["E999"]
    assert run.stderr == ""


def test_help_lists_every_option(project: Flake8Project) -> None:
    help_text = "\n".join(project.flake8("--help").stdout_lines)
    for option in OPTIONS:
        assert f"--{option.name}" in help_text
    assert "SOT401-SOT404 follow: pytest 9 refuses" in " ".join(help_text.split())


def test_version_lists_plugin(project: Flake8Project) -> None:
    assert "flake8-ssot: " in " ".join(project.flake8("--version").stdout_lines)


# What flake8 does around SOT401-SOT404: noqa, worker processes, files it is given.


def test_noqa_and_non_test_files(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT4\n")
    project.write(
        "tests/test_a.py", "class CriticalTests:  # noqa: SOT401\n    def test_a(self): ...\n"
    )
    project.write("app/models.py", discovery.CRITICAL)
    assert project.flake8(".").stdout_lines == []


def test_unreadable_nested_pytest_config_is_reported_once(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT4\n")
    project.write("sub/tox.ini", "[pytest\n")
    project.write("sub/test_a.py", discovery.CRITICAL)
    project.write("sub/test_b.py", discovery.CRITICAL)
    project.write("test_c.py", discovery.CRITICAL)
    expected_error = (
        f"flake8-ssot: {project.root}/sub/tox.ini: cannot read pytest configuration: "
        "line 1: unexpected value continuation "
        "(SOT401-SOT404 skipped for the files it governs)"
    )
    run = project.flake8("--jobs", "1", ".")
    assert run.stderr.splitlines() == [expected_error]
    assert run.stdout_lines == [
        "./test_c.py:1:1: SOT401 class CriticalWebSocketTests has 2 test methods but pytest "
        "will not collect it: name matches none of python_classes ['Test'] (pytest defaults)"
    ]
    # Each flake8 worker process reports it once.
    parallel = project.flake8("--jobs", "2", ".")
    assert set(parallel.stderr.splitlines()) == {expected_error}
    assert parallel.stdout_lines == run.stdout_lines


def test_pytest_9_reading_refuses_stray_tables_once_and_still_runs_the_other_checks(
    project: Flake8Project,
) -> None:
    """The working directory's pytest config is read before flake8 forks its workers."""
    project.write("setup.cfg", discovery.TRUST_CONFIG + "ssot-pytest-version = 9\n")
    project.write("pyproject.toml", discovery.STRAY_TABLES)
    project.write("tests/test_a.py", discovery.TEST_MODULE.replace("Critical", "Lost"))
    run = project.flake8("--jobs", "2", "tests", "pyproject.toml")
    assert run.stdout_lines == ["tests/test_a.py:1:1: SOT101 'os' is deprecated"]
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/pyproject.toml: cannot read pytest configuration: "
        "[tool.pytest] and [tool.pytest.ini_options] cannot be used together "
        "(SOT401-SOT404 skipped for the files it governs)"
    ]


def test_stdlib_bases_never_run_a_program(project: Flake8Project) -> None:
    """``venv.__main__`` builds a venv and exits when imported; ``license`` is no class.

    flake8's own checks (F401) run on to the end, and no venv is made.
    """
    project.write("setup.cfg", "[flake8]\nselect = SOT,F\n")
    project.write(
        "tests/test_things.py",
        "from venv.__main__ import EnvBuilder\n\n\n"
        "class TestVenv(EnvBuilder):\n    def test_a(self): ...\n\n\n"
        "class TestLicense(license):\n    def test_b(self): ...\n",
    )
    project.write("tests/other.py", "import os\n")
    run = project.flake8("tests")
    assert (run.stdout_lines, run.stderr, run.returncode) == (
        ["tests/other.py:1:1: F401 'os' imported but unused"],
        "",
        1,
    )
    assert not (project.root / "tests" / "pyvenv.cfg").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_config_fifo_is_not_opened_twice(project: Flake8Project) -> None:
    """flake8 reads its --config FIFO; the plugin must not open it again (it would wait)."""
    fifo = project.root / "flake8.fifo"
    os.mkfifo(fifo)
    project.write("m.py", "import os\n")
    writer = subprocess.Popen(
        [sys.executable, "-c", f"open({str(fifo)!r}, 'w').write('[flake8]\\nselect = F\\n')"]
    )
    try:
        run = project.flake8("--config", str(fifo), "m.py")
    finally:
        writer.wait(timeout=30)
    assert run.stdout_lines == ["m.py:1:1: F401 'os' imported but unused"]


# Configuration errors where editors run flake8 (one file or stdin: SOT001, and the same line
# in the log), over a tree (it stops), and where flake8 finds its configuration.


MISSPELLED = "[flake8]\nselect = E,F,SOT\nssot-deprecated-module = os\n"


#: F401 twice: flake8's own checks, which must survive a bad ssot-* option.
SOURCE = "import os\nimport sys\n"


def misspelled_error(project: Flake8Project) -> str:
    return (
        f"flake8-ssot: {project.root}/setup.cfg: unknown option 'ssot-deprecated-module' "
        "in [flake8] (did you mean 'ssot-deprecated-modules'?)"
    )


def test_one_file_gets_sot001_and_flake8s_own_diagnostics(project: Flake8Project) -> None:
    project.write("setup.cfg", MISSPELLED)
    project.write("src/m.py", SOURCE)
    run = project.flake8("src/m.py")
    assert run.stdout_lines == [
        f"src/m.py:1:1: SOT001 {misspelled_error(project)}",
        "src/m.py:1:1: F401 'os' imported but unused",
        "src/m.py:2:1: F401 'sys' imported but unused",
    ]
    assert run.stderr.splitlines() == [misspelled_error(project)]
    assert run.returncode == 1


def test_stdin_gets_sot001_under_its_display_name(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = F,SOT\nssot-legacy-modules = a.old = b/new\n")
    error = (
        "flake8-ssot: ssot-legacy-modules: entry 'a.old = b/new': "
        "replacement 'b/new' is not a dotted module name"
    )
    run = project.flake8("--stdin-display-name", "src/m.py", "-", stdin=SOURCE)
    assert run.stdout_lines == [
        f"src/m.py:1:1: SOT001 {error}",
        "src/m.py:1:1: F401 'os' imported but unused",
        "src/m.py:2:1: F401 'sys' imported but unused",
    ]
    assert run.stderr.splitlines() == [error]


def test_a_tree_or_several_files_still_stop_flake8(project: Flake8Project) -> None:
    project.write("setup.cfg", MISSPELLED)
    project.write("src/a.py", SOURCE)
    project.write("src/b.py", SOURCE)
    for paths in (["src"], ["src/a.py", "src/b.py"], []):
        run = project.flake8(*paths)
        assert run.stderr.splitlines() == [misspelled_error(project)], paths
        assert (run.stdout_lines, run.returncode) == ([], 1), paths


def test_the_vs_code_extension_sees_sot001_and_flake8s_diagnostics(
    project: Flake8Project,
) -> None:
    """The extension runs flake8 in-process with runpy and swallows SystemExit."""
    project.write("setup.cfg", MISSPELLED)
    project.write("m.py", SOURCE)
    editor = textwrap.dedent(
        """\
        import runpy
        import sys

        sys.argv = ["flake8", "m.py"]
        try:
            runpy.run_module("flake8", run_name="__main__", alter_sys=True)
        except SystemExit as stop:
            print(f"exit code {stop.code!r}", file=sys.stderr)
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", editor],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stdout.splitlines() == [
        f"m.py:1:1: SOT001 {misspelled_error(project)}",
        "m.py:1:1: F401 'os' imported but unused",
        "m.py:2:1: F401 'sys' imported but unused",
    ]
    assert run.stderr.splitlines() == [misspelled_error(project), "exit code 1"]


def test_sot001_is_filtered_by_select_like_any_code(project: Flake8Project) -> None:
    """flake8's select decides; the error then reaches an editor only in its log."""
    project.write("setup.cfg", "[flake8]\nselect = F,SOT1,SOT2\nssot-deprecated-module = os\n")
    project.write("m.py", SOURCE)
    run = project.flake8("m.py")
    assert run.stdout_lines == [
        "m.py:1:1: F401 'os' imported but unused",
        "m.py:2:1: F401 'sys' imported but unused",
    ]
    assert run.stderr.splitlines() == [misspelled_error(project)]


def test_malformed_flag_stops_flake8(project: Flake8Project) -> None:
    project.write("m.py", "import os\n")
    run = project.flake8("--ssot-legacy-modules", "a.b ; removed-in 1.0 ; removed-in 2.0", "m.py")
    assert run.stderr.splitlines() == [
        "flake8-ssot: ssot-legacy-modules: entry 'a.b ; removed-in 1.0 ; removed-in 2.0': "
        "'removed-in' is given twice"
    ]
    assert run.returncode != 0


def test_malformed_entry_with_parallel_jobs(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nssot-deprecated-modules = 1pkg\n")
    for index in range(4):
        project.write(f"m{index}.py", "import os\n")
    run = project.flake8("--jobs", "2", ".")
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        "flake8-ssot: ssot-deprecated-modules: entry '1pkg': '1pkg' is not a dotted module name"
        " (expected `OLD [= NEW] [; removed-in VERSION] [; reason TEXT]`)"
    ]
    assert run.returncode != 0


def test_config_given_with_dash_dash_config_is_the_one_checked(project: Flake8Project) -> None:
    """flake8 hides --config from plugins; the plugin still checks that file, not the cwd's."""
    project.write("repo/ci/flake8.cfg", "[flake8]\nselect = SOT\nssot-legacy-module = a.old\n")
    project.write("repo/src/m.py", "import os\n")
    run = project.flake8("--config", "repo/ci/flake8.cfg", "repo/src")
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/repo/ci/flake8.cfg: unknown option 'ssot-legacy-module' "
        "in [flake8] (did you mean 'ssot-legacy-modules'?)"
    ]


def test_source_roots_are_relative_to_a_dash_dash_config_file(project: Flake8Project) -> None:
    project.write(
        "repo/ci/flake8.cfg",
        "[flake8]\nselect = SOT\nssot-source-roots = ../src\n"
        "ssot-deprecated-modules = ns.facade = ns.facade.core\n",
    )
    # A namespace package: only the source root tells its module name.
    project.write("repo/src/ns/facade/__init__.py", "from .core import Manager\n")
    project.write("repo/src/ns/facade/core.py", "class Manager: ...\n")
    project.write("repo/src/ns/app.py", "from .facade import Manager\n")
    run = project.flake8("--config", "repo/ci/flake8.cfg", "repo/src/ns/app.py")
    assert run.stderr == ""
    assert run.stdout_lines == [
        "repo/src/ns/app.py:1:1: SOT101 'ns.facade' is deprecated: "
        "import Manager from ns.facade.core"
    ]


def test_isolated_runs_read_no_config_file(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("src/m.py", "import os\n")
    run = project.flake8("--isolated", "--select=SOT", "src")
    assert (run.stderr, run.stdout_lines, run.returncode) == ("", [], 0)


def flake8_with_home(project: Flake8Project, cwd: str, home: str) -> Flake8Run:
    """flake8 over ``cwd`` with HOME set: flake8's config lookup stops below HOME."""
    completed = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "F,SOT", "."],
        cwd=project.root / cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(project.root / home)},
    )
    return Flake8Run(completed.stdout.splitlines(), completed.stderr, completed.returncode)


def test_the_config_lookup_is_flake8s_and_stops_below_home(project: Flake8Project) -> None:
    """A stray ``~/.flake8`` is read only when flake8 runs in HOME itself, as flake8 reads it."""
    project.write("home/.flake8", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("home/repo/m.py", "import os\n")
    below_home = flake8_with_home(project, "home/repo", home="home")
    in_home = flake8_with_home(project, "home", home="home")
    assert (below_home.stdout_lines, below_home.stderr) == (
        ["./m.py:1:1: F401 'os' imported but unused"],
        "",
    )
    assert in_home.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/home/.flake8: unknown option 'ssot-legacy-module' "
        "in [flake8] (did you mean 'ssot-legacy-modules'?)"
    ]
    assert (in_home.stdout_lines, in_home.returncode) == ([], 1)


def test_unparseable_config_candidates_are_skipped_as_flake8_skips_them(
    project: Flake8Project,
) -> None:
    project.write("repo/.flake8", "[flake8]\nssot-compat = *_shim\n")
    project.write("repo/sub/setup.cfg", "no section header\n")
    (project.root / "repo" / "sub" / "tox.ini").write_bytes(b"[flake8]\nx = \xff\n")
    project.write("repo/sub/m.py", "import os\n")
    run = flake8_with_home(project, "repo/sub", home="home")
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/repo/.flake8: unknown option 'ssot-compat' "
        "in [flake8] (did you mean 'ssot-compat-patterns'?)"
    ]
    assert (run.stdout_lines, run.returncode) == ([], 1)


# The summary cache: a directory another user could write in is never read.

_SHARED_CACHE_CONFIG = MIGRATION_CONFIG + "ssot-cache-dir = shared\n"
_FACADE_IMPORT = "from pkg.facade import Manager\n"


def _cache_project(tmp_path: Path) -> Flake8Project:
    project = Flake8Project(tmp_path)
    write_files(tmp_path, {**MIGRATION_FILES, "setup.cfg": _SHARED_CACHE_CONFIG})
    project.write("pkg/app/mod.py", _FACADE_IMPORT)
    (tmp_path / "shared").mkdir()
    return project


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_cache_others_may_write_in_is_not_used(tmp_path: Path) -> None:
    project = _cache_project(tmp_path)
    shared = tmp_path / "shared"
    shared.chmod(0o777)
    unshared = project.flake8("pkg/app/mod.py")
    assert unshared.stderr.splitlines() == [
        f"flake8-ssot: the summary cache {shared} is not used: its group or others may "
        "write in it (chmod go-w to use it)"
    ]
    assert list(shared.iterdir()) == []
    shared.chmod(0o700)
    private = project.flake8("pkg/app/mod.py")
    assert private.stderr == ""
    assert (
        private.stdout_lines
        == unshared.stdout_lines
        == [
            "pkg/app/mod.py:1:1: SOT101 'pkg.facade' is deprecated: import Manager from "
            "pkg.facade.manager"
        ]
    )
    assert list(shared.iterdir()) != []


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a directory away needs root"
)
def test_a_cache_another_user_owns_is_not_used(tmp_path: Path) -> None:
    project = _cache_project(tmp_path)
    shared = tmp_path / "shared"
    shared.chmod(0o700)
    os.chown(shared, 65534, 65534)
    run = project.flake8("pkg/app/mod.py")
    assert run.stderr.splitlines() == [
        f"flake8-ssot: the summary cache {shared} is not used: another user owns it"
    ]
    assert run.stdout_lines == [
        "pkg/app/mod.py:1:1: SOT101 'pkg.facade' is deprecated: import Manager from "
        "pkg.facade.manager"
    ]
    assert list(shared.iterdir()) == []
