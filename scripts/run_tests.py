"""Quick start, step two: install the test dependencies and run the whole test suite.

Usage: python3 scripts/run_tests.py [pytest arguments]
Run it with another interpreter (python3.13 scripts/run_tests.py) to test
on that Python: each version gets its own venv.
"""

from __future__ import annotations

import subprocess
import sys

from _venv import ROOT, pip_install, venv_python


def main() -> int:
    python = venv_python()
    pip_install(python, "--editable", f"{ROOT}[test]")
    command = [str(python), "-m", "pytest", *sys.argv[1:]]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
