"""``flake8-ssot status``, ``--history`` and ``--chart``, through the real command.

The counts are checked against what the other commands do: the findings
against ``flake8``, the fixable ones against what ``fix`` then leaves, the
baselined ones against ``baseline``.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from support import MIGRATION_CONFIG, MIGRATION_FILES, Flake8Project, fix, flake8_ssot

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def migrating(project: Flake8Project) -> Flake8Project:
    """The migration project: three findings accepted in a baseline, four new ones (one an
    import of a name the facade no longer provides)."""
    project.write("setup.cfg", MIGRATION_CONFIG + "ssot-baseline = .ssot-baseline.json\n")
    for relative, text in MIGRATION_FILES.items():
        project.write(relative, text)
    project.write("pkg/new.py", "def get(): ...\n")
    project.write("pkg/routing.py", "class Router: ...\n")
    project.write("pkg/app/a.py", "from pkg.old import get\nimport pkg.old\n")
    project.write("pkg/app/b.py", "from pkg.facade import Manager\n")
    assert flake8_ssot("baseline", "pkg/app", cwd=project.root).returncode == 0
    project.write(
        "pkg/app/c.py",
        "from pkg.facade import Router\nfrom pkg.facade import speedup\n"
        "from pkg.shim_compat import x\nfrom pkg.old.sub import y\n",
    )
    return project


def test_text_lists_failing_imports_first_then_counts(migrating: Flake8Project) -> None:
    run = flake8_ssot("status", "pkg/app", cwd=migrating.root)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [
        "7 findings in 5 files linted: 4 new, 3 baselined; 4 fixable by `flake8-ssot fix`",
        "",
        "Imports that fail at run time, or get a fallback value (fix these first):",
        "  pkg/app/c.py:1:1: SOT101 'pkg.facade' is deprecated: pkg.facade does not provide "
        "Router, so this import fails: import it from pkg.routing, the one first-party module "
        "that defines it",
        "",
        "By code:",
        "  code       total    new  baselined  fixable",
        "  SOT101         3      2          1        3  import of a deprecated module",
        "  SOT201         3      1          2        1  import of a legacy module",
        "  SOT301         1      1          0        0  import of a compat shim",
        "",
        "By configured entry:",
        "  code       total    new  baselined  fixable",
        "  SOT101         3      2          1        3  pkg.facade",
        "  SOT201         3      1          2        1  pkg.old",
        "  SOT301         1      1          0        0  *_compat",
        "",
        "Deadlines:",
        "  ssot-legacy-modules: pkg.old: removal due in 2.0",
        "",
        "Top files:",
        "       4  pkg/app/c.py",
        "       2  pkg/app/a.py",
        "       1  pkg/app/b.py",
    ]


def test_the_counts_agree_with_flake8_and_fix(migrating: Flake8Project) -> None:
    """New findings are what flake8 reports; fixable ones are what fix then removes."""
    report = json.loads(flake8_ssot("status", "--format", "json", cwd=migrating.root).stdout)
    assert report["findings"] == {"total": 7, "new": 4, "baselined": 3, "fixable": 4}
    assert len(migrating.flake8("pkg/app").stdout_lines) == 4
    migrating.write("setup.cfg", MIGRATION_CONFIG)  # the baseline off: every finding shows
    assert len(migrating.flake8("pkg/app").stdout_lines) == 7
    assert fix(migrating, "pkg/app").returncode == 0
    assert len(migrating.flake8("pkg/app").stdout_lines) == 7 - 4


def test_json_holds_every_grouping(migrating: Flake8Project) -> None:
    run = flake8_ssot("status", "--format", "json", "pkg/app", cwd=migrating.root)
    report = json.loads(run.stdout)
    assert report["flake8-ssot-status"] == 1
    assert report["project_version"] is None
    assert report["files"] == 5
    assert report["broken_imports"] == [
        {
            "path": "pkg/app/c.py",
            "line": 1,
            "col": 1,
            "code": "SOT101",
            "message": "'pkg.facade' is deprecated: pkg.facade does not provide Router, so "
            "this import fails: import it from pkg.routing, the one first-party module that "
            "defines it",
        }
    ]
    assert report["codes"]["SOT201"] == {
        "title": "import of a legacy module",
        "total": 3,
        "new": 1,
        "baselined": 2,
        "fixable": 1,
    }
    assert [(entry["code"], entry["entry"], entry["total"]) for entry in report["entries"]] == [
        ("SOT101", "pkg.facade", 3),
        ("SOT201", "pkg.old", 3),
        ("SOT301", "*_compat", 1),
    ]
    assert report["deadlines"] == [
        {"option": "ssot-legacy-modules", "entry": "pkg.old", "removed_in": "2.0", "overdue": False}
    ]
    assert report["top_files"][0] == {"path": "pkg/app/c.py", "findings": 4}


def test_markdown_is_a_job_summary(migrating: Flake8Project) -> None:
    run = flake8_ssot("status", "--format", "markdown", "pkg/app", cwd=migrating.root)
    lines = run.stdout.splitlines()
    assert lines[:8] == [
        "## flake8-ssot status",
        "",
        "7 findings in 5 files linted: 4 new, 3 baselined; 4 fixable by `flake8-ssot fix`",
        "",
        "### Imports that fail at run time, or get a fallback value",
        "",
        "- `pkg/app/c.py:1:1` SOT101 'pkg.facade' is deprecated: pkg.facade does not provide "
        "Router, so this import fails: import it from pkg.routing, the one first-party module "
        "that defines it",
        "",
    ]
    assert "| SOT301 | `*_compat` | 1 | 1 | 0 | 0 |" in lines
    assert "| SOT101 | import of a deprecated module | 3 | 2 | 1 | 3 |" in lines
    assert lines[-2:] == ["| 2 | `pkg/app/a.py` |", "| 1 | `pkg/app/b.py` |"]


def test_markdown_keeps_odd_paths_in_their_cells(migrating: Flake8Project) -> None:
    migrating.write("pkg/app/we|ird`name.py", "from pkg.old import get\n")
    run = flake8_ssot("status", "--format", "markdown", "pkg/app", cwd=migrating.root)
    assert "| 1 | ``pkg/app/we\\|ird`name.py`` |" in run.stdout.splitlines()


def test_history_and_chart_mark_the_deadline_when_the_version_reaches_it(
    migrating: Flake8Project,
) -> None:
    history = migrating.root / "ssot-history.jsonl"
    chart = migrating.root / "burndown.svg"
    for version in ("1.9", "2.0"):
        migrating.write(
            "setup.cfg",
            MIGRATION_CONFIG
            + f"ssot-baseline = .ssot-baseline.json\nssot-project-version = {version}\n",
        )
        run = flake8_ssot(
            "status", "--history", history.name, "--chart", chart.name, "pkg/app",
            cwd=migrating.root,
        )  # fmt: skip
        assert (run.returncode, run.stderr) == (0, "")
        if version == "1.9":  # as if the first run had been in January
            first = json.loads(history.read_text(encoding="utf-8"))
            history.write_text(json.dumps({**first, "date": "2026-01-05"}) + "\n")
    records = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines()]
    assert [(record["project_version"], record["counts"]) for record in records] == [
        ("1.9", {"SOT101": 3, "SOT201": 3, "SOT301": 1}),
        ("2.0", {"SOT101": 3, "SOT202": 3, "SOT301": 1}),
    ]
    assert all(record["total"] == 7 and record["commit"] is None for record in records)
    root = ElementTree.parse(chart).getroot()
    assert root.tag == f"{SVG}svg"
    groups = {kind: [group for group in root.iter(f"{SVG}g") if group.get("class") == kind]
              for kind in ("series", "deadline")}  # fmt: skip
    assert [group.get("data-code") for group in groups["series"]] == [
        "SOT101", "SOT201", "SOT202", "SOT301"
    ]  # fmt: skip
    # Each series has a point per day: January, and today.
    assert [len(list(group.iter(f"{SVG}circle"))) for group in groups["series"]] == [2, 2, 2, 2]
    # The deadline is marked at today's run, the first whose version reached 2.0.
    (mark,) = groups["deadline"]
    assert "".join(mark.itertext()) == "pkg.old: removed-in 2.0"
    today_x = groups["series"][0].findall(f"{SVG}circle")[1].get("cx")
    assert mark.find(f"{SVG}line").get("x1") == today_x  # type: ignore[union-attr]


def test_history_records_the_commit_in_a_git_checkout(migrating: Flake8Project) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=migrating.root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=migrating.root, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=migrating.root, check=True)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=migrating.root, capture_output=True, text=True
    ).stdout.strip()
    run = flake8_ssot("status", "--history", "h.jsonl", "pkg/app", cwd=migrating.root)
    assert run.returncode == 0
    record = json.loads((migrating.root / "h.jsonl").read_text(encoding="utf-8"))
    assert record["commit"] == head


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json\n", "line 1 is not a status record (a JSON object with a date and counts)"),
        (
            '{"date": "2026-01-01", "commit": null, "project_version": null, "counts": {}}\n[]\n',
            "line 2 is not a status record (a JSON object with a date and counts)",
        ),
        (
            '{"date": "yesterday", "commit": null, "project_version": null, "counts": {}}\n',
            "line 1 is not a status record (a JSON object with a date and counts)",
        ),
    ],
)
def test_a_corrupt_history_is_one_line_and_is_not_appended_to(
    migrating: Flake8Project, content: str, problem: str
) -> None:
    history = migrating.write("h.jsonl", content)
    run = flake8_ssot("status", "--history", "h.jsonl", "pkg/app", cwd=migrating.root)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"flake8-ssot status: h.jsonl: {problem}\n"
    assert history.read_text(encoding="utf-8") == content


def test_chart_needs_history_and_bad_input_is_one_line(migrating: Flake8Project) -> None:
    run = flake8_ssot("status", "--chart", "c.svg", cwd=migrating.root)
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == (
        "flake8-ssot: error: status: --chart draws the --history file: give --history FILE too"
    )
    (migrating.root / ".ssot-baseline.json").unlink()
    run = flake8_ssot("status", cwd=migrating.root)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        "flake8-ssot: ssot-baseline: entry '.ssot-baseline.json': no such file (write it with "
        "`flake8-ssot baseline`)\n"
    )
    run = flake8_ssot("status", "-", cwd=migrating.root, stdin="import os\n")
    assert (run.returncode, run.stderr) == (
        2,
        "flake8-ssot status: status reports on files on disk and does not read stdin; give it "
        "file or directory paths\n",
    )
