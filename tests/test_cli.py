"""The flake8-ssot console script, run as users run it."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import Flake8Project, flake8_ssot


def test_explain(tmp_path: Path) -> None:
    run = flake8_ssot("explain", "sot201", cwd=tmp_path)
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert lines[0] == "SOT201: import of a legacy module"
    assert "Why is this bad?" in lines
    assert "  from shared.logging.unified_logging_ssot import get_logger" in lines


def test_explain_prints_the_sections_with_fenced_examples(tmp_path: Path) -> None:
    run = flake8_ssot("explain", "SOT402", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [
        "SOT402: test class that pytest will not collect: constructor",
        "No automatic fix.",
        "",
        "What it does",
        "  Flags a class that pytest would otherwise collect (matching name, test methods, not a "
        "`unittest.TestCase`) but that defines or inherits `__init__` or `__new__`.",
        "",
        "Why is this bad?",
        "  pytest cannot instantiate a test class with a constructor, so it skips the whole class "
        "with a PytestCollectionWarning that is easy to miss in CI logs.",
        "",
        "Example",
        "  class TestClient:",
        "      def __init__(self) -> None:",
        "          self.client = Client()",
        "",
        "      def test_get(self) -> None:",
        '          assert self.client.get("/")',
        "",
        "Use instead",
        "  class TestClient:",
        "      def setup_method(self) -> None:",
        "          self.client = Client()",
        "",
        "      def test_get(self) -> None:",
        '          assert self.client.get("/")',
        "",
        "Options",
        "  `ssot-pytest-config`, `ssot-pytest-version`",
    ]


def test_explain_without_a_code_lists_every_code(tmp_path: Path) -> None:
    run = flake8_ssot("explain", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [
        "SOT001           flake8-ssot configuration error",
        "SOT101  fixable  import of a deprecated module",
        "SOT102  fixable  import of a deprecated module past its removal",
        "SOT201  fixable  import of a legacy module",
        "SOT202  fixable  import of a legacy module past its removal",
        "SOT301           import of a compat shim",
        "SOT401           test class that pytest will not collect: name",
        "SOT402           test class that pytest will not collect: constructor",
        "SOT403           test module that pytest will not collect: file name",
        "SOT404           test module outside testpaths",
        "SOT501           second definition of a canonical symbol",
        "SOT502  fixable  canonical symbol imported from outside its home",
        "flake8-ssot explain CODE documents one code.",
    ]


def test_explain_unknown_code(tmp_path: Path) -> None:
    run = flake8_ssot("explain", "SOT999", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == (
        "flake8-ssot: unknown code 'SOT999' "
        "(known: SOT001, SOT101, SOT102, SOT201, SOT202, SOT301, SOT401, SOT402, SOT403, SOT404, "
        "SOT501, SOT502)\n"
    )


def test_check_config_prints_every_option(project: Flake8Project) -> None:
    project.write(
        "tox.ini",
        "[flake8]\nssot-legacy-modules = a.old = a.new ; removed-in 2.0\n"
        "ssot-deprecated-modules =\n    a.facade = a.facade.core\n    a.gone ; removed-in 1.5\n"
        "ssot-compat-patterns = *.shim\nssot-canonical-symbols = a.core:Manager, a.log:get\n"
        "ssot-pytest-version = 9\nssot-cache-dir = .cache/ssot\n",
    )
    project.write("src/a/__init__.py")
    for module in ("old", "new", "facade/__init__", "facade/core", "gone"):
        project.write(f"src/a/{module}.py")
    project.write("src/a/core.py", "class Manager: ...\n")
    project.write("src/a/log.py", "def get(): ...\n")
    project.write(
        "pytest.toml", "[pytest]\ntestpaths = ['tests']\npython_classes = ['Test*', 'Check']\n"
    )
    run = flake8_ssot("check-config", cwd=project.root)
    no_version = (
        f"no project version (neither setup.cfg [metadata] nor pyproject.toml [project] in "
        f"{project.root} states a version)"
    )
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        "flake8-ssot: warning: ssot-deprecated-modules: entry 'a.gone': its removed-in 1.5 is "
        f"never reached: {no_version}",
        "flake8-ssot: warning: ssot-legacy-modules: entry 'a.old = a.new': its removed-in 2.0 "
        f"is never reached: {no_version}",
    ]
    assert run.stdout.splitlines() == [
        "flake8-ssot configuration is valid.",
        f"flake8 config file: {project.root}/tox.ini",
        "ssot-deprecated-modules (SOT101, SOT102):",
        "  a.facade -> a.facade.core",
        "  a.gone (removed in 1.5)",
        "ssot-canonical-symbols (SOT101, SOT102, SOT501, SOT502):",
        "  a.core:Manager",
        "  a.log:get",
        "ssot-legacy-modules (SOT201, SOT202):",
        "  a.old -> a.new (removed in 2.0)",
        "ssot-compat-patterns (SOT301): *.shim",
        "ssot-pytest-config (SOT401, SOT402, SOT403, SOT404): not set (found as pytest finds it)",
        f"  for {project.root}: pytest.toml",
        "    python_files = test_*.py *_test.py",
        "    python_classes = Test* Check",
        "    python_functions = test",
        "    testpaths = tests",
        "ssot-pytest-version (SOT401, SOT402, SOT403, SOT404): 9",
        "ssot-source-roots (SOT101, SOT102, SOT201, SOT202, SOT301, SOT501, SOT502):",
        f"  {project.root}",
        f"  {project.root}/src",
        "ssot-type-checking-imports (SOT101, SOT102, SOT201, SOT202, SOT301, SOT501, SOT502): "
        "report",
        "ssot-project-version (SOT101, SOT102, SOT201, SOT202): unknown: neither setup.cfg "
        f"[metadata] nor pyproject.toml [project] in {project.root} states a version; no entry "
        "is overdue",
        "ssot-baseline: not set",
        f"ssot-cache-dir: {project.root}/.cache/ssot",
    ]


def test_check_config_defaults_and_an_explicit_pytest_config(
    project: Flake8Project, user_cache_home: Path
) -> None:
    """No flake8 config file below HOME: the cwd is the source root.

    pytest's lookup has no such stop: it finds the ``[pytest]`` section above HOME.
    """
    project.write("pytest.ini", "[pytest]\n")
    project.write("home/repo/ci/pytest.ini", "[pytest]\npython_files = check_*.py\n")
    project.write("home/repo/bad/pyproject.toml", "[tool.pytest.ini_options\n")
    repo = project.root / "home" / "repo"
    default = flake8_ssot("check-config", cwd=repo, home=project.root / "home")
    explicit = flake8_ssot(
        "check-config",
        "--ssot-pytest-config",
        "ci/pytest.ini",
        "--ssot-compat-patterns",
        "*_compat",
        "--ssot-cache-dir",
        "OFF",
        cwd=repo,
        home=project.root / "home",
    )
    unreadable = flake8_ssot("check-config", cwd=repo / "bad", home=project.root / "home")
    assert default.stdout.splitlines() == [
        "flake8-ssot configuration is valid.",
        "flake8 config file: none",
        "ssot-deprecated-modules (SOT101, SOT102): none",
        "ssot-canonical-symbols (SOT101, SOT102, SOT501, SOT502): none",
        "ssot-legacy-modules (SOT201, SOT202): none",
        "ssot-compat-patterns (SOT301): none",
        "ssot-pytest-config (SOT401, SOT402, SOT403, SOT404): not set (found as pytest finds it)",
        f"  for {repo}: {project.root}/pytest.ini",
        "    python_files = test_*.py *_test.py",
        "    python_classes = Test",
        "    python_functions = test",
        "    testpaths = (none)",
        "ssot-pytest-version (SOT401, SOT402, SOT403, SOT404): 8",
        "ssot-source-roots (SOT101, SOT102, SOT201, SOT202, SOT301, SOT501, SOT502):",
        f"  {repo}",
        "ssot-type-checking-imports (SOT101, SOT102, SOT201, SOT202, SOT301, SOT501, SOT502): "
        "report",
        "ssot-project-version (SOT101, SOT102, SOT201, SOT202): unknown: neither setup.cfg "
        f"[metadata] nor pyproject.toml [project] in {repo} states a version; no entry "
        "is overdue",
        "ssot-baseline: not set",
        f"ssot-cache-dir: {user_cache_home}/flake8-ssot",
    ]
    assert explicit.stdout.splitlines()[-1] == "ssot-cache-dir: off"
    assert explicit.stdout.splitlines()[5:9] == [
        "ssot-compat-patterns (SOT301): *_compat",
        "ssot-pytest-config (SOT401, SOT402, SOT403, SOT404): ci/pytest.ini",
        f"  for {repo}: ci/pytest.ini",
        "    python_files = check_*.py",
    ]
    assert unreadable.stdout.splitlines()[6:8] == [
        "ssot-pytest-config (SOT401, SOT402, SOT403, SOT404): not set (found as pytest finds it)",
        f"  for {repo}/bad: unreadable, SOT401-SOT404 off there",
    ]
    assert [default.returncode, explicit.returncode, unreadable.returncode] == [0, 0, 0]
    assert unreadable.stderr.startswith(
        f"flake8-ssot: {repo}/bad/pyproject.toml: cannot read pytest configuration: "
    )


def test_check_config_reports_a_malformed_entry(project: Flake8Project) -> None:
    run = flake8_ssot("check-config", "--ssot-deprecated-modules", "a.b = c d", cwd=project.root)
    assert run.returncode == 1
    assert run.stderr == (
        "flake8-ssot: ssot-deprecated-modules: entry 'a.b = c d': "
        "replacement 'c d' is not a dotted module name\n"
    )


# The commands print flake8's own configuration errors, and the plugin's, as one line.


def test_explain_sot001(project: Flake8Project) -> None:
    run = flake8_ssot("explain", "SOT001", cwd=project.root)
    assert run.returncode == 0
    assert run.stdout.splitlines()[0] == "SOT001: flake8-ssot configuration error"


UNMATCHABLE = (
    "flake8: error: Error code 'SOT9999x' supplied to {!r} option "
    "does not match '^[A-Z]{{1,3}}[0-9]{{0,3}}$'"
)
#: A command line, the one line it prints on stderr, and its exit status.
FLAKE8_ERRORS = [
    (["check-config", "--select", "F,SOT9999x"], UNMATCHABLE.format("select"), 1),
    (["check-config", "--extend-select", "SOT9999x"], UNMATCHABLE.format("extend-select"), 1),
    (["check-config", "--ignore", "SOT9999x"], UNMATCHABLE.format("ignore"), 1),
    (["check-config", "--config", "bad-ignore.cfg"], UNMATCHABLE.format("extend-ignore"), 1),
    (["fix", "--config", "bad-ignore.cfg", "m.py"], UNMATCHABLE.format("extend-ignore"), 1),
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
        "flake8-ssot: ssot-legacy-modules: entry 'a..b': 'a..b' is not a dotted module name"
        " (expected `OLD [= NEW] [; removed-in VERSION] [; reason TEXT]`)",
        1,
    ),
    (
        ["check-config", "--ssot-pytest-version", "7"],
        "flake8-ssot: ssot-pytest-version: entry '7': expected one of 8, 9",
        1,
    ),
]


@pytest.mark.parametrize(
    ("args", "line", "exit_code"),
    FLAKE8_ERRORS,
    ids=[" ".join(args) for args, _, _ in FLAKE8_ERRORS],
)
def test_commands_report_flake8s_own_errors_in_one_line(
    project: Flake8Project, args: list[str], line: str, exit_code: int
) -> None:
    project.write("m.py", "import os\n")
    project.write("bad-ignore.cfg", "[flake8]\nextend-ignore = E501,SOT9999x\n")
    project.write("bad-per-file.cfg", "[flake8]\nper-file-ignores = foo\n")
    project.write("bad-number.cfg", "[flake8]\nmax-line-length = 8O\n")
    run = flake8_ssot(*args, cwd=project.root)
    assert (run.stderr.splitlines(), run.stdout, run.returncode) == ([line], "", exit_code)


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


def test_check_config_reports_a_duplicate_section_in_one_line(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\n[flake8]\n")
    run = flake8_ssot("check-config", cwd=project.root)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (
        f"flake8: error: While reading from '{project.root}/setup.cfg' [line 3]: "
        "section 'flake8' already exists\n"
    )


def test_check_config_warns_of_ssot_keys_outside_the_flake8_section(
    project: Flake8Project,
) -> None:
    """Appended at the end of setup.cfg, the keys land in the last section: flake8 runs
    without them, so check-config says so (exit 0)."""
    project.write(
        "setup.cfg",
        "[flake8]\nmax-line-length = 100\n[egg_info]\ntag_build =\n"
        "ssot-deprecated-modules = app.facade\nssot_legacy_modules = app.old\n",
    )
    run = flake8_ssot("check-config", cwd=project.root, home=project.root)
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        f"flake8-ssot: warning: {project.root}/setup.cfg: [egg_info] sets "
        "ssot-deprecated-modules, which flake8 reads only in [flake8]",
        f"flake8-ssot: warning: {project.root}/setup.cfg: [egg_info] sets "
        "ssot_legacy_modules, which flake8 reads only in [flake8]",
    ]


def test_check_config_warns_of_modules_no_source_root_holds(project: Flake8Project) -> None:
    """A typo in a module name is valid configuration that matches nothing: a warning,
    exit 0, for the configured module, its replacement and a canonical home alike."""
    project.write(
        "setup.cfg",
        "[flake8]\nssot-deprecated-modules = app.facade = app.core\n"
        "ssot-legacy-modules = app.utilz = app.helpers\n"
        "ssot-canonical-symbols = app.modles:User\n",
    )
    project.package("app")
    project.write("app/facade.py")
    project.write("app/core.py")
    run = flake8_ssot("check-config", cwd=project.root, home=project.root)
    assert run.returncode == 0
    assert run.stdout.splitlines()[0] == "flake8-ssot configuration is valid."
    assert run.stderr.splitlines() == [
        "flake8-ssot: warning: ssot-legacy-modules: entry 'app.utilz = app.helpers': the "
        "legacy module 'app.utilz' is not found under the source roots",
        "flake8-ssot: warning: ssot-legacy-modules: entry 'app.utilz = app.helpers': the "
        "replacement 'app.helpers' is not found under the source roots",
        "flake8-ssot: warning: ssot-canonical-symbols: entry 'app.modles:User': the home "
        "'app.modles' is not found under the source roots",
    ]


def test_check_config_errors_and_warnings_that_need_the_project(project: Flake8Project) -> None:
    """Valid as written, but cannot work: a home that does not define its symbol is an
    error (exit 1); a deadline with no project version to reach it is a warning."""
    project.write(
        "setup.cfg",
        "[flake8]\nssot-deprecated-modules =\n    a.old = a.new ; removed-in 2.0\n    a.plain\n"
        "ssot-legacy-modules = a.legacy ; removed-in 3.0\n"
        "ssot-canonical-symbols = a.new:fetch, a.new:missing, thirdparty:Thing\n",
    )
    for module in ("__init__", "old", "plain", "legacy"):
        project.write(f"a/{module}.py")
    project.write("a/new.py", "def fetch(): ...\n")
    run = flake8_ssot("check-config", cwd=project.root)
    no_version = (
        f"no project version (neither setup.cfg [metadata] nor pyproject.toml [project] in "
        f"{project.root} states a version)"
    )
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "flake8-ssot: warning: ssot-canonical-symbols: entry 'thirdparty:Thing': the home "
        "'thirdparty' is not found under the source roots",
        "flake8-ssot: warning: ssot-deprecated-modules: entry 'a.old = a.new': its removed-in "
        f"2.0 is never reached: {no_version}",
        "flake8-ssot: warning: ssot-legacy-modules: entry 'a.legacy': its removed-in 3.0 is "
        f"never reached: {no_version}",
        "flake8-ssot: error: ssot-canonical-symbols: entry 'a.new:missing': a.new does not "
        "define missing",
    ]
    project.write(
        "setup.cfg",
        "[metadata]\nversion = 1.0\n\n[flake8]\n"
        "ssot-deprecated-modules = a.old = a.new ; removed-in 2.0\n"
        "ssot-canonical-symbols = a.new:fetch\n",
    )
    clean = flake8_ssot("check-config", cwd=project.root)
    assert (clean.returncode, clean.stderr) == (0, "")
