"""A configuration error reaches the user wherever flake8 runs.

Editors lint one file or stdin: there the error is SOT001 on line 1 (and the
same line on stderr, the editor's log), and flake8's own diagnostics still
come out. Over a tree on the command line it stops flake8, as before. The
``flake8-ssot`` commands print flake8's own configuration errors as one line.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from support import Flake8Project, flake8_ssot

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


def test_explain_sot001(project: Flake8Project) -> None:
    run = flake8_ssot("explain", "SOT001", cwd=project.root)
    assert run.returncode == 0
    assert run.stdout.splitlines()[0] == "SOT001: flake8-ssot configuration error"


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


def test_commands_report_flake8s_own_errors_in_one_line(project: Flake8Project) -> None:
    project.write("m.py", "import os\n")
    project.write("bad-ignore.cfg", "[flake8]\nextend-ignore = E501,SOT9999x\n")
    project.write("bad-per-file.cfg", "[flake8]\nper-file-ignores = foo\n")
    project.write("bad-number.cfg", "[flake8]\nmax-line-length = 8O\n")
    unmatchable = (
        "flake8: error: Error code 'SOT9999x' supplied to {!r} option "
        "does not match '^[A-Z]{{1,3}}[0-9]{{0,3}}$'"
    )
    cases = [
        (["check-config", "--select", "F,SOT9999x"], unmatchable.format("select"), 1),
        (["check-config", "--extend-select", "SOT9999x"], unmatchable.format("extend-select"), 1),
        (["check-config", "--ignore", "SOT9999x"], unmatchable.format("ignore"), 1),
        (["check-config", "--config", "bad-ignore.cfg"], unmatchable.format("extend-ignore"), 1),
        (["fix", "--config", "bad-ignore.cfg", "m.py"], unmatchable.format("extend-ignore"), 1),
        (
            ["check-config", "--per-file-ignores", "m.py:F401,SOT9999x"],
            "flake8: error: Expected `per-file-ignores` to be a mapping from file exclude "
            "patterns to ignore codes. Configured `per-file-ignores` setting: m.py:F401,SOT9999x",
            1,
        ),
        (
            ["check-config", "--per-file-ignores", "m.py:ABCD1234"],
            "flake8: error: Error code 'ABCD1234' supplied to 'per-file-ignores' option "
            "does not match '^[A-Z]{1,3}[0-9]{0,3}$'",
            1,
        ),
        (
            ["check-config", "--config", "bad-per-file.cfg"],
            "flake8: error: Expected `per-file-ignores` to be a mapping from file exclude "
            "patterns to ignore codes. Configured `per-file-ignores` setting: foo",
            1,
        ),
        (
            ["check-config", "--config", "bad-number.cfg"],
            "flake8: error: invalid literal for int() with base 10: '8O'",
            1,
        ),
        (
            ["check-config", "--config", "nowhere.cfg"],
            "flake8: error: The specified config file does not exist: nowhere.cfg",
            1,
        ),
        (
            ["fix", "--config", "nowhere.cfg", "m.py"],
            "flake8: error: The specified config file does not exist: nowhere.cfg",
            1,
        ),
        (
            ["fix", "--per-file-ignores", "m.py", "."],
            "flake8: error: Expected `per-file-ignores` to be a mapping from file exclude "
            "patterns to ignore codes. Configured `per-file-ignores` setting: m.py",
            1,
        ),
        (
            ["check-config", "--no-such-flag"],
            "flake8: error: unrecognized arguments: --no-such-flag",
            2,
        ),
        (
            ["fix", "--ssot-legacy-modules", "a..b", "m.py"],
            "flake8-ssot: ssot-legacy-modules: entry 'a..b': 'a..b' is not a dotted module name",
            1,
        ),
        (
            ["check-config", "--ssot-pytest-version", "7"],
            "flake8-ssot: ssot-pytest-version: entry '7': expected one of 8, 9",
            1,
        ),
    ]
    for args, line, exit_code in cases:
        run = flake8_ssot(*args, cwd=project.root)
        assert (run.stderr.splitlines(), run.stdout, run.returncode) == ([line], "", exit_code), (
            args
        )


def test_check_config_passes_pytest_notes_through(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nssot-compat-patterns = *.shim\n")
    project.write(
        "pyproject.toml",
        "[tool.pytest.ini_options]\ntestpaths = ['tests']\n[tool.pytest.profiling]\non = 1\n",
    )
    run = flake8_ssot("check-config", cwd=project.root)
    assert run.returncode == 0
    assert run.stdout.splitlines()[0] == "flake8-ssot configuration is valid."
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/pyproject.toml: note: pytest 9 refuses this file "
        "(tool.pytest.profiling beside tool.pytest.ini_options); read as pytest 8 reads it, "
        "tool.pytest.ini_options only"
    ]
