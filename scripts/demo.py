"""Quick start, step one: install flake8-ssot and lint the example monorepo.

Usage: python3 scripts/demo.py
Exits with flake8's status (1: findings were reported, as expected here).
"""

from __future__ import annotations

import subprocess
import sys

from _venv import ROOT, pip_install, venv_python


def main() -> int:
    python = venv_python()
    pip_install(python, str(ROOT))
    example = ROOT / "examples" / "monorepo"
    print(f"$ cd {example.relative_to(ROOT)} && flake8", flush=True)
    return subprocess.run([str(python), "-m", "flake8"], cwd=example).returncode


if __name__ == "__main__":
    sys.exit(main())
