"""The README documents exactly what is built, and the Quick start is what CI runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from flake8_ssot.engine.registry import CODES, OPTIONS, codes_of

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## )", README, re.MULTILINE | re.DOTALL)
    assert match, title
    return match.group(1)


def test_code_table_lists_the_registered_codes() -> None:
    rows = re.findall(r"^\| \[(SOT\d{3})\]\(#", section("Codes"), re.MULTILINE)
    assert rows == [code.code for code in CODES]


def run_docs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "docs.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_readme_is_generated_from_the_registries(tmp_path: Path) -> None:
    """The check fails on a stale README, and the generator repairs it to the committed one."""
    assert run_docs("--check").returncode == 0
    stale = tmp_path / "README.md"
    stale.write_text(
        README.replace("| `ssot-legacy-modules` |", "| `ssot-legacy-module` |").replace(
            "**Why is this bad?**\n\nA legacy module", "**Why is this bad?**\n\nA module"
        ),
        encoding="utf-8",
    )
    run = run_docs("--check", "--readme", str(stale))
    assert (run.returncode, run.stderr) == (
        1,
        "README.md is out of date: run python3 scripts/docs.py\n",
    )
    assert run_docs("--readme", str(stale)).returncode == 0
    assert stale.read_text(encoding="utf-8") == README


def test_generator_refuses_a_readme_without_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README.replace("<!-- codes:end -->", ""), encoding="utf-8")
    run = run_docs("--check", "--readme", str(readme))
    assert (run.returncode, run.stderr) == (
        1,
        "README.md: expected one <!-- codes:start/end --> pair\n",
    )


def test_python_examples_compile() -> None:
    python_examples = 0
    for code in CODES:
        if code.example_language == "python":
            for text in (code.example, code.use_instead):
                compile(text, f"<{code.code} example>", "exec")
                python_examples += 1
    assert python_examples


def test_layout_and_config_examples_are_not_python() -> None:
    languages = {code.code: code.example_language for code in CODES}
    assert {code: lang for code, lang in languages.items() if lang != "python"} == {
        "SOT001": "ini",
        "SOT403": "text",
        "SOT404": "text",
    }


def test_every_option_names_registered_codes() -> None:
    """Every option but the cache's and the baseline's configures some codes (the cache
    changes no finding; the baseline hides findings of every code)."""
    known = {code.code for code in CODES}
    for option in OPTIONS:
        assert set(codes_of(option)) <= known, option.name
    assert [option.name for option in OPTIONS if not codes_of(option)] == [
        "ssot-baseline",
        "ssot-cache-dir",
    ]


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", section("Quick start"), re.DOTALL)
    commands = blocks[0].strip().splitlines()
    assert commands == ["python3 scripts/demo.py", "python3 scripts/run_tests.py"]
    for script in commands:
        assert (ROOT / script.split()[1]).is_file()
    assert "scripts/run_tests.py" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_option_is_documented() -> None:
    rows = re.findall(r"^\| `(ssot-[a-z-]+)` \|", section("Configuration"), re.MULTILINE)
    assert rows == [option.name for option in OPTIONS]
