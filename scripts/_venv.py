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


def venv_python() -> Path:
    """The interpreter of this Python version's venv, created on first use."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    env_dir = ROOT / f".venv-py{version}"
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / ("python.exe" if sys.platform == "win32" else "python")
    if not python.exists():
        print(f"creating {env_dir.name} with Python {version}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(env_dir)
    return python


def pip_install(python: Path, *requirements: str) -> None:
    """Install into the venv quietly; pip's own errors still reach the terminal."""
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         *requirements],
        check=True,
        cwd=ROOT,
    )
