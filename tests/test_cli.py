"""The flake8-ssot console script, run as users run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import Flake8Project


def flake8_ssot(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8_ssot.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60,
    )


def test_explain(tmp_path: Path) -> None:
    run = flake8_ssot("explain", "sot201", cwd=tmp_path)
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert lines[0] == "SOT201: import of a legacy module"
    assert "Why is this bad?" in lines
    assert "  from shared.logging.unified_logging_ssot import get_logger" in lines


def test_explain_unknown_code(tmp_path: Path) -> None:
    run = flake8_ssot("explain", "SOT999", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == (
        "flake8-ssot: unknown code 'SOT999' "
        "(known: SOT001, SOT101, SOT201, SOT301, SOT401, SOT402, SOT403, SOT404, SOT501, SOT502)\n"
    )


def test_check_config_reads_flake8_config(project: Flake8Project) -> None:
    project.write(
        "tox.ini",
        "[flake8]\nssot-legacy-modules = a.old = a.new ; removed-in 2.0\n"
        "ssot-compat-patterns = *.shim\n",
    )
    run = flake8_ssot("check-config", cwd=project.root)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "flake8-ssot configuration is valid.",
        "deprecated modules (SOT101): none",
        "legacy modules (SOT201):",
        "  a.old -> a.new (removed in 2.0)",
        "compat patterns (SOT301): *.shim",
        "source roots:",
        f"  {project.root}",
    ]


def test_check_config_reports_a_malformed_entry(project: Flake8Project) -> None:
    run = flake8_ssot("check-config", "--ssot-deprecated-modules", "a.b = c d", cwd=project.root)
    assert run.returncode == 1
    assert run.stderr == (
        "flake8-ssot: ssot-deprecated-modules: entry 'a.b = c d': "
        "replacement 'c d' is not a dotted module name\n"
    )
