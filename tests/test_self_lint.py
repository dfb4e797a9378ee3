"""The project lints itself: flake8 with its own plugin, and mypy --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_flake8_with_own_plugin() -> None:
    result = run("flake8", "flake8_ssot", "tests", "scripts", "benchmarks")
    assert "flake8-ssot" in run("flake8", "--version").stdout
    assert result.stdout == "" and result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = run("mypy", "--strict", "flake8_ssot")
    assert result.returncode == 0, result.stdout + result.stderr
