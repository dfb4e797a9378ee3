"""Quick start, step two: install the test dependencies and run the whole test suite.

Usage: python3 scripts/run_tests.py [--fast | --slow] [pytest arguments]

The suite has two tiers. The fast one (the rules' tables in-process and
through flake8, the commands, the fixer, the project model) is what a bare
``pytest`` runs, on all cores; the slow one (``-m slow``: the stdlib and
site-packages pass, the differential and the property tests) takes minutes.
``--snapshot-update`` (a pytest option) rewrites tests/rules/snapshots/ from
the engine's output first, to accept changed messages. This script runs the fast tier, then the
slow one, with the same pytest arguments; ``--fast`` or ``--slow`` runs one.
Run it with another interpreter (python3.13 scripts/run_tests.py) to test
on that Python: each version gets its own venv.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _venv import ROOT, pip_install, venv_python

#: The marker expression of each tier; the fast one is setup.cfg's default.
TIERS: dict[str, list[str]] = {"--fast": [], "--slow": ["-m", "slow"]}
#: pytest's exit status when a run selected no test (a file with no slow test).
NO_TESTS_COLLECTED = 5


def main(arguments: list[str]) -> int:
    tiers = [tier for tier in TIERS if tier in arguments] or list(TIERS)
    pytest_arguments = [argument for argument in arguments if argument not in TIERS]
    python = venv_python()
    pip_install(python, "--editable", f"{ROOT}[test]")
    statuses = [run_tier(python, TIERS[tier], pytest_arguments) for tier in tiers]
    failed = [status for status in statuses if status not in (0, NO_TESTS_COLLECTED)]
    if failed:
        return failed[0]
    return NO_TESTS_COLLECTED if all(status == NO_TESTS_COLLECTED for status in statuses) else 0


def run_tier(python: Path, markers: list[str], pytest_arguments: list[str]) -> int:
    """One pytest run; a tier that selects nothing is not a failure of the whole."""
    command = [str(python), "-m", "pytest", *markers, *pytest_arguments]
    print(" ".join(command[1:]), file=sys.stderr, flush=True)
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
