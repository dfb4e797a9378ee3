"""A per-Python virtual environment under the checkout, made with the stdlib only.

The Quick start must work on a machine that has nothing but python3, on
Linux, macOS and Windows alike, so the scripts make their own venv instead
of assuming an activated one.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


PYTHON_VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"


def venv_python(env_dir: Path = ROOT / f".venv-py{PYTHON_VERSION}") -> Path:
    """The interpreter of a venv of this Python (the checkout's by default), made on first use."""
    python = executable(env_dir, "python")
    if not python.exists():
        print(f"creating {env_dir} with Python {PYTHON_VERSION}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(env_dir)
    return python


def executable(env_dir: Path, name: str) -> Path:
    """A venv's console script or interpreter, where each platform puts it."""
    if sys.platform == "win32":
        return env_dir / "Scripts" / f"{name}.exe"
    return env_dir / "bin" / name


def pip_install(python: Path, *requirements: str) -> None:
    """Install into the venv quietly; pip's own errors still reach the terminal."""
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *requirements,
        ],
        check=True,
        cwd=ROOT,
    )
