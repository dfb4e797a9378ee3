"""The README documents exactly what is built, and the Quick start is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from flake8_ssot.codes import ALL_CODES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## )", README, re.MULTILINE | re.DOTALL)
    assert match, title
    return match.group(1)


def test_code_table_lists_the_registered_codes() -> None:
    rows = re.findall(r"^\| (SOT\d{3}) \|", section("Codes"), re.MULTILINE)
    assert rows == [code.code for code in ALL_CODES]


def test_code_table_examples_come_from_the_registry() -> None:
    codes_section = section("Codes")
    for code in ALL_CODES:
        assert f"| `{code.example}` | `{code.use_instead}` |" in codes_section


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", section("Quick start"), re.DOTALL)
    commands = blocks[0].strip().splitlines()
    assert commands == ["python3 scripts/demo.py", "python3 scripts/run_tests.py"]
    for script in commands:
        assert (ROOT / script.split()[1]).is_file()
    assert "scripts/run_tests.py" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_option_is_documented() -> None:
    for option in (
        "ssot-deprecated-modules",
        "ssot-legacy-modules",
        "ssot-compat-patterns",
        "ssot-source-roots",
    ):
        assert f"| `{option}` |" in section("Configuration")
