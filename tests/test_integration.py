"""Through the real flake8 command: every rule's table, then how flake8 users drive the plugin.

The tables of tables/ (which tests/rules/ runs in-process) run here through
``python -m flake8`` in a temporary project with a real setup.cfg: the cases
that share a project and a configuration in one run, each case's lines
checked against its snapshot (tests/rules/snapshots/). Then what only
flake8 itself does: stdin, noqa, ignores, config files, jobs, --help.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_ssot.engine.registry import OPTIONS
from support import MIGRATION_CONFIG, Flake8Project
from tables import RULES, Batch, batches, expected_lines, expected_stderr, log_matches, run_batch

BATCHES = [batch for rule in RULES for batch in batches(rule)]


@pytest.mark.parametrize("batch", BATCHES, ids=[batch.id for batch in BATCHES])
def test_table_through_flake8(batch: Batch, tmp_path: Path) -> None:
    run = run_batch(batch, tmp_path / "project")
    assert run.lines == {
        case.id: expected_lines(batch.rule, batch.table, case) for case in batch.cases
    }
    assert run.stray == []
    assert log_matches(run.stderr, expected_stderr(batch)), run.stderr
    if any(case.tree for case in batch.cases):
        assert run.returncode != 0  # the configuration error stopped flake8
    else:
        assert run.returncode == (1 if any(run.lines.values()) else 0)


FACADE_MANAGER = "SOT101 'pkg.facade' is deprecated: import Manager from pkg.facade.manager"
OLD = "SOT201 'pkg.old' is legacy: use pkg.new"
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
