"""Inputs found in review that stopped, hung or misled a run: each is one line or nothing now."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import Flake8Project


def test_stdlib_bases_never_run_a_program(project: Flake8Project) -> None:
    """``venv.__main__`` builds a venv and exits when imported; ``license`` is no class."""
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


def test_a_pyproject_tomllib_cannot_finish_skips_only_test_discovery(
    project: Flake8Project,
) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = old = new\n")
    project.write("pyproject.toml", "[tool.pytest.ini_options]\nx = " + "1" * 5000 + "\n")
    project.write("m.py", "import old\n")
    run = project.flake8("m.py")
    assert run.stdout_lines == ["m.py:1:1: SOT201 'old' is legacy: use new"]
    assert run.stderr.startswith(f"flake8-ssot: {project.root}/pyproject.toml: cannot read")
    assert len(run.stderr.splitlines()) == 1


def test_config_quirks_are_one_line(project: Flake8Project) -> None:
    project.write("m.py", "import os\n")
    project.write("setup.cfg", f"[flake8]\nselect = SOT\nssot-source-roots = {'a' * 300}\n")
    run = project.flake8("-", "--stdin-display-name", "m.py", stdin="import os\n")
    assert run.stdout_lines[0].startswith("m.py:1:1: SOT001 flake8-ssot: ssot-source-roots: ")
    assert "Traceback" not in run.stderr
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot_deprecated-modules = os\n")
    run = project.flake8("m.py")
    assert run.stdout_lines == [
        "m.py:1:1: SOT001 flake8-ssot: "
        f"{project.root}/setup.cfg: unknown option 'ssot_deprecated-modules' in [flake8] "
        "(did you mean 'ssot-deprecated-modules'?)"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_config_fifo_is_not_opened_twice(project: Flake8Project) -> None:
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


def test_a_class_defined_only_for_the_script_is_not_a_lost_test(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\n")
    project.write(
        "tests/test_script.py",
        "def test_a(): ...\n\n\nif __name__ == '__main__':\n\n"
        "    class Helper:\n        def test_b(self): ...\n",
    )
    assert project.flake8("tests").stdout_lines == []
