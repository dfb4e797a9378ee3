"""The shipped example monorepo prints exactly its checked-in expected output."""

from __future__ import annotations

from pathlib import Path

from flake8_ssot.engine.registry import CODES
from flake8_ssot.rules.config_error import SOT001
from support import Flake8Project

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "monorepo"


def test_example_output_matches_expected() -> None:
    expected = (EXAMPLE / "expected-flake8-output.txt").read_text(encoding="utf-8").splitlines()
    run = Flake8Project(EXAMPLE).flake8()
    assert run.stderr == ""
    assert run.stdout_lines == expected
    assert run.returncode == 1
    codes = {line.split(": ")[1].split()[0] for line in expected}
    # Every rule family shows in the demo; SOT001 is a configuration error, which it has none of.
    assert codes <= {code.code for code in CODES} - {SOT001.code}
    assert {code[:4] for code in codes} == {"SOT1", "SOT2", "SOT3", "SOT4", "SOT5"}
