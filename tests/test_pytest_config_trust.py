"""Nothing in pytest's configuration stops the other checks, and it is read as pytest reads it.

pytest 8.4 and 9.2 were run on each case below (``pytest --collect-only``,
``pytest -c FILE``) to fix the expected readings.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flake8_ssot.model.pytest_config import PytestConfigFinder
from support import Flake8Project

FLAKE8 = "[flake8]\nselect = SOT\nssot-deprecated-modules = os\n"
#: A deprecated import (SOT101) and a test class lost to python_classes (SOT401).
TEST_MODULE = """\
import os
class CriticalTests:
    def test_a(self): ...
"""
SKIPPED = "(SOT401-SOT404 skipped for the files it governs)"
STRAY_TABLES = """\
[tool.pytest.ini_options]
python_classes = ["Critical"]

[tool.pytest.profiling]
enabled = true

[tool.pytest.execution]
jobs = 2
"""


def sot101(path: str) -> str:
    return f"{path}:1:1: SOT101 'os' is deprecated"


def sot401(path: str, patterns: str, config: str) -> str:
    return (
        f"{path}:2:1: SOT401 class CriticalTests has 1 test method but pytest will not collect "
        f"it: name matches none of python_classes {patterns} ({config})"
    )


def test_stray_tool_pytest_tables_are_read_as_pytest_8_reads_them(
    project: Flake8Project,
) -> None:
    project.write("setup.cfg", FLAKE8)
    project.write("pyproject.toml", STRAY_TABLES)
    project.write("tests/test_a.py", TEST_MODULE)
    project.write("tests/test_b.py", TEST_MODULE.replace("Critical", "Lost"))
    run = project.flake8("tests")
    # python_classes = Critical from [tool.pytest.ini_options]: CriticalTests is collected.
    assert run.stdout_lines == [
        sot101("tests/test_a.py"),
        sot101("tests/test_b.py"),
        "tests/test_b.py:2:1: SOT401 class LostTests has 1 test method but pytest will not "
        "collect it: name matches none of python_classes ['Critical'] (pyproject.toml)",
    ]
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/pyproject.toml: note: pytest 9 refuses this file "
        "(tool.pytest.profiling, tool.pytest.execution beside tool.pytest.ini_options); "
        "read as pytest 8 reads it, tool.pytest.ini_options only"
    ]
    assert run.returncode == 1


def test_pytest_9_reading_refuses_stray_tables_and_still_runs_the_other_checks(
    project: Flake8Project,
) -> None:
    project.write("setup.cfg", FLAKE8 + "ssot-pytest-version = 9\n")
    project.write("pyproject.toml", STRAY_TABLES)
    project.write("tests/test_a.py", TEST_MODULE.replace("Critical", "Lost"))
    run = project.flake8("--jobs", "2", "tests", "pyproject.toml")
    assert run.stdout_lines == [sot101("tests/test_a.py")]
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/pyproject.toml: cannot read pytest configuration: "
        f"[tool.pytest] and [tool.pytest.ini_options] cannot be used together {SKIPPED}"
    ]


@pytest.mark.parametrize("value", ["10", "8.4", ""])
def test_bad_pytest_version_is_a_config_error(project: Flake8Project, value: str) -> None:
    project.write("setup.cfg", FLAKE8 + f"ssot-pytest-version = {value}\n")
    project.write("src/m.py", "import os\n")
    run = project.flake8("src")
    assert run.stderr.splitlines() == [
        f"flake8-ssot: ssot-pytest-version: entry '{value}': expected one of 8, 9"
    ]
    assert (run.stdout_lines, run.returncode) == ([], 1)


def test_files_only_pytest_9_reads_get_a_note_under_pytest_8(project: Flake8Project) -> None:
    project.write("setup.cfg", FLAKE8 + "[tool:pytest]\npython_classes = Critical\n")
    project.write("a/pytest.toml", "[pytest]\npython_classes = ['Nothing']\n")
    project.write("a/test_a.py", TEST_MODULE)
    project.write("b/pyproject.toml", "[tool.pytest]\npython_classes = ['Nothing']\n")
    project.write("b/test_b.py", TEST_MODULE)
    run = project.flake8("--jobs", "1", "a", "b")
    # pytest 8 reads neither: setup.cfg's python_classes = Critical is in force.
    assert run.stdout_lines == [sot101("a/test_a.py"), sot101("b/test_b.py")]
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/a/pytest.toml: note: pytest 8 does not read pytest.toml, "
        "pytest 9 does; read as pytest 8 reads the directory (set ssot-pytest-version = 9 if "
        "the project runs pytest 9)",
        f"flake8-ssot: {project.root}/b/pyproject.toml: note: pytest 8 ignores "
        "tool.pytest.python_classes, pytest 9 reads [tool.pytest]; read as pytest 8 reads it "
        "(set ssot-pytest-version = 9 if the project runs pytest 9)",
    ]
    pytest_9 = project.flake8("--jobs", "1", "--ssot-pytest-version", "9", "a", "b")
    assert pytest_9.stdout_lines == [
        sot101("a/test_a.py"),
        sot401("a/test_a.py", "['Nothing']", "a/pytest.toml"),
        sot101("b/test_b.py"),
        sot401("b/test_b.py", "['Nothing']", "b/pyproject.toml"),
    ]
    assert pytest_9.stderr == ""


#: Config files pytest cannot read, each governing its own directory.
UNREADABLE = {
    "toml/pyproject.toml": ("[tool.pytest.ini_options\n", "tomli and tomllib word it apart"),
    "ini/tox.ini": (
        "[pytest]\npython_classes = A\n  B\nnot an option\n",
        ("line 4: unexpected line: 'not an option'"),
    ),
    "cfg/setup.cfg": (
        "[pytest]\npython_classes = A\n",
        "[pytest] section in .cfg files is no longer supported: use [tool:pytest]",
    ),
    "duplicate/pytest.ini": (
        "[pytest]\npython_files = a.py\npython_files = b.py\n",
        "line 3: duplicate name 'python_files'",
    ),
    "tool/pyproject.toml": ("tool = 1\n", "'tool' is not a table"),
    "toolpytest/pyproject.toml": ("[tool]\npytest = 1\n", "'tool.pytest' is not a table"),
    "items/pyproject.toml": (
        "[tool.pytest.ini_options]\npython_classes = ['A', 2]\n",
        "python_classes must be a string or a list of strings",
    ),
}


def test_unreadable_pytest_configs_only_turn_sot4_off_where_they_govern(
    project: Flake8Project,
) -> None:
    project.write("setup.cfg", FLAKE8)
    for name, (text, _) in UNREADABLE.items():
        project.write(name, text)
        project.write(f"{Path(name).parent}/test_m.py", TEST_MODULE)
    (project.root / "binary").mkdir()
    (project.root / "binary" / "tox.ini").write_bytes(b"[pytest]\npython_classes = \xff\n")
    project.write("binary/test_m.py", TEST_MODULE)
    project.write("test_root.py", TEST_MODULE)
    run = project.flake8("--jobs", "1", ".")
    directories = [*(str(Path(name).parent) for name in UNREADABLE), "binary"]
    expected_lines = sorted(
        [
            *(sot101(f"./{directory}/test_m.py") for directory in directories),
            sot101("./test_root.py"),
        ]
    )
    root_line = expected_lines.index(sot101("./test_root.py"))
    expected_lines.insert(root_line + 1, sot401("./test_root.py", "['Test']", "pytest defaults"))
    assert run.stdout_lines == expected_lines
    expected = {
        f"flake8-ssot: {project.root}/{name}: cannot read pytest configuration: {problem} {SKIPPED}"
        for name, (_, problem) in UNREADABLE.items()
        if not name.startswith("toml/")
    }
    stderr = set(run.stderr.splitlines())
    assert expected < stderr
    [toml_line] = [line for line in stderr if "/toml/pyproject.toml" in line]
    assert toml_line.endswith(SKIPPED)
    [binary_line] = [line for line in stderr if "/binary/tox.ini" in line]
    assert "'utf-8' codec can't decode byte 0xff" in binary_line
    assert len(stderr) == len(UNREADABLE) + 1
    assert run.returncode == 1


@pytest.mark.parametrize(
    ("flake8_extra", "config_name", "text"),
    [
        pytest.param("", "pyproject.toml", "[tool.pytest.ini_options\n", id="cwd-bad-toml"),
        pytest.param("", "tox.ini", "[pytest]\n  continued\n", id="cwd-bad-ini"),
        pytest.param(
            "ssot-pytest-config = ci/pytest.toml\nssot-pytest-version = 9\n",
            "ci/pytest.toml",
            "[pytest]\npython_classes = 'Test'\n",
            id="explicit-native-not-a-list",
        ),
        pytest.param(
            "ssot-pytest-config = ci/pytest.cfg\n",
            "ci/pytest.cfg",
            "[tool:pytest\n",
            id="explicit-bad-cfg",
        ),
        pytest.param(
            "ssot-pytest-config = ci/pytest.txt\nssot-pytest-version = 9\n",
            "ci/pytest.txt",
            "[pytest]\n",
            id="explicit-unsupported-suffix-pytest-9",
        ),
    ],
)
def test_the_config_governing_everything_cannot_stop_flake8(
    project: Flake8Project, flake8_extra: str, config_name: str, text: str
) -> None:
    project.write("setup.cfg", FLAKE8 + flake8_extra)
    project.write(config_name, text)
    project.write("tests/test_m.py", TEST_MODULE)
    project.write("app/m.py", "import os\n")
    run = project.flake8(".")
    assert run.stdout_lines == [sot101("./app/m.py"), sot101("./tests/test_m.py")]
    [line] = run.stderr.splitlines()
    assert line.startswith(
        f"flake8-ssot: {project.root}/{config_name}: cannot read pytest configuration: "
    )
    assert line.endswith(SKIPPED)
    assert run.returncode == 1


@pytest.mark.parametrize(
    ("name", "text", "version", "patterns"),
    [
        pytest.param(
            "ci.cfg",
            "[tool:pytest]\npython_classes = Check\n",
            "8",
            "['Check']",
            id="cfg-tool-pytest",
        ),
        pytest.param(
            "ci.cfg",
            "[tool:pytest]\npython_classes = Check\n",
            "9",
            "['Check']",
            id="cfg-tool-pytest-9",
        ),
        pytest.param(
            "ci.ini", "[pytest]\npython_classes = Check\n", "8", "['Check']", id="ini-pytest"
        ),
        pytest.param(
            "ci.ini",
            "[tool:pytest]\npython_classes = Check\n",
            "8",
            "['Test']",
            id="ini-ignores-tool-pytest",
        ),
        pytest.param(
            "ci.toml",
            "[tool.pytest.ini_options]\npython_classes = ['Check']\n",
            "8",
            "['Check']",
            id="toml-ini-options",
        ),
        pytest.param(
            "ci.toml",
            "[pytest]\npython_classes = ['Check']\n",
            "8",
            "['Test']",
            id="toml-pytest-table-ignored-by-8",
        ),
        pytest.param(
            "ci.toml",
            "[pytest]\npython_classes = ['Check']\n",
            "9",
            "['Check']",
            id="toml-pytest-table-9",
        ),
        pytest.param(
            "ci.toml",
            "[tool.pytest]\npython_classes = ['Check']\n",
            "9",
            "['Check']",
            id="toml-tool-pytest-9",
        ),
        pytest.param(
            "ci.txt",
            "[pytest]\npython_classes = Check\n",
            "8",
            "['Test']",
            id="other-suffix-pytest-8-defaults",
        ),
    ],
)
def test_explicit_config_is_read_as_pytest_dash_c_reads_it(
    project: Flake8Project, name: str, text: str, version: str, patterns: str
) -> None:
    project.write(
        "setup.cfg",
        FLAKE8 + f"ssot-pytest-config = conf/{name}\nssot-pytest-version = {version}\n",
    )
    project.write(f"conf/{name}", text)
    project.write("test_m.py", TEST_MODULE.replace("Critical", "Check"))
    run = project.flake8("test_m.py")
    lost = (
        []
        if patterns == "['Check']"
        else [
            "test_m.py:2:1: SOT401 class CheckTests has 1 test method but pytest will not collect "
            f"it: name matches none of python_classes {patterns} (conf/{name})"
        ]
    )
    assert (run.stdout_lines, run.stderr) == ([sot101("test_m.py"), *lost], "")


def test_ini_files_are_read_as_iniconfig_reads_them(project: Flake8Project) -> None:
    bom = "\N{BYTE ORDER MARK}"
    project.write("setup.cfg", FLAKE8)
    project.write("bom_tox/tox.ini", f"{bom}[pytest]\npython_classes = Check\n")
    project.write("bom_cfg/setup.cfg", f"{bom}[tool:pytest]\npython_classes = Check\n")
    project.write("bom_ini/pytest.ini", f"{bom}[pytest]\npython_classes = Check\n")
    # Keys and sections are case-sensitive: neither is python_classes in [pytest].
    project.write("key_case/pytest.ini", "[pytest]\nPython_Classes = Critical\n")
    project.write("section_case/tox.ini", "[PYTEST]\npython_classes = Critical\n")
    # No inline comments in values; comment lines inside a continued value are skipped.
    project.write(
        "comments/pytest.ini",
        "[pytest]\npython_classes =\n    Test\n# Critical\n    Check ; old\n",
    )
    for directory in ("bom_tox", "bom_cfg", "bom_ini", "key_case", "section_case", "comments"):
        project.write(f"{directory}/test_m.py", TEST_MODULE)
    run = project.flake8("--jobs", "1", ".")
    assert run.stdout_lines == [
        sot101("./bom_cfg/test_m.py"),
        sot401("./bom_cfg/test_m.py", "['Check']", "bom_cfg/setup.cfg"),
        sot101("./bom_ini/test_m.py"),
        sot401("./bom_ini/test_m.py", "['Check']", "bom_ini/pytest.ini"),
        sot101("./bom_tox/test_m.py"),
        sot401("./bom_tox/test_m.py", "['Check']", "bom_tox/tox.ini"),
        sot101("./comments/test_m.py"),
        sot401("./comments/test_m.py", "['Test', 'Check', ';', 'old']", "comments/pytest.ini"),
        sot101("./key_case/test_m.py"),
        sot401("./key_case/test_m.py", "['Test']", "key_case/pytest.ini"),
        sot101("./section_case/test_m.py"),
        sot401("./section_case/test_m.py", "['Test']", "pytest defaults"),
    ]
    assert run.stderr == ""


@pytest.fixture
def deep_directory(project: Flake8Project) -> Iterator[Path]:
    """``d/d/.../d``, 1000 levels, made and removed level by level.

    pathlib, os.makedirs and shutil.rmtree recurse once per level, and
    pytest's cleanup of old temporary directories uses the latter.
    """
    levels = [Path(*["d"] * depth) for depth in range(1, 1001)]
    for level in levels:
        (project.root / level).mkdir()
    yield levels[-1]
    for level in reversed(levels):
        for child in (project.root / level).iterdir():
            child.unlink()
        (project.root / level).rmdir()


def test_a_file_1000_directories_deep_and_fifos_named_like_configs(
    project: Flake8Project, deep_directory: Path
) -> None:
    project.write("setup.cfg", FLAKE8 + "[tool:pytest]\npython_classes = Nothing\n")
    deep = deep_directory
    (project.root / deep / "test_m.py").write_text(TEST_MODULE, encoding="utf-8")
    (project.root / "fifo").mkdir()
    for name in ("pytest.ini", "setup.cfg", "pyproject.toml"):
        os.mkfifo(project.root / "fifo" / name)
    project.write("fifo/test_m.py", TEST_MODULE)
    run = project.flake8("--jobs", "1", str(deep / "test_m.py"), "fifo/test_m.py")
    assert run.stdout_lines == [
        sot101(f"{deep}/test_m.py"),
        sot401(f"{deep}/test_m.py", "['Nothing']", "setup.cfg"),
        sot101("fifo/test_m.py"),
        sot401("fifo/test_m.py", "['Nothing']", "setup.cfg"),
    ]
    assert run.stderr == ""


def test_explicit_config_that_is_no_regular_file_means_pytest_defaults(
    project: Flake8Project,
) -> None:
    project.write("setup.cfg", FLAKE8 + "ssot-pytest-config = ci/pytest.ini\n")
    (project.root / "ci").mkdir()
    os.mkfifo(project.root / "ci" / "pytest.ini")
    project.write("test_m.py", TEST_MODULE)
    run = project.flake8("test_m.py")
    assert run.stdout_lines == [
        sot101("test_m.py"),
        sot401("test_m.py", "['Test']", "ci/pytest.ini"),
    ]
    assert run.stderr == ""


def test_lookup_is_iterative_and_survives_names_the_system_refuses(tmp_path: Path) -> None:
    """Internals: no recursion per directory level, ENAMETOOLONG is an absent file."""
    reported: list[str] = []
    finder = PytestConfigFinder(8, reported.append)
    deep = tmp_path.joinpath(*["d"] * (sys.getrecursionlimit() + 100))
    config = finder.for_directory(deep)
    assert config is not None and config.path is None
    too_long = tmp_path / ("x" * 300) / "y"
    config = finder.for_directory(too_long)
    assert config is not None and config.path is None
    assert reported == []
