"""``flake8-ssot baseline`` and ``ssot-baseline``, through the real commands.

Today's findings are recorded; flake8 then reports only what is new: lines
that move stay accepted, a second copy or a new violation does not. fix
ignores the baseline, and a deadline that passes brings accepted findings
back under their overdue code.
"""

from __future__ import annotations

import json
import os

import pytest

from support import MIGRATION_CONFIG, MIGRATION_FILES, Flake8Project, fix, flake8_ssot

CONFIG = MIGRATION_CONFIG + "ssot-baseline = .ssot-baseline.json\n"
OLD = "SOT201 'pkg.old' is legacy (removal due in 2.0): use pkg.new"
FACADE = "SOT101 'pkg.facade' is deprecated: import Manager from pkg.facade.manager"


@pytest.fixture
def accepted(project: Flake8Project) -> Flake8Project:
    """The migration project with two files of findings, recorded by ``baseline``."""
    project.write("setup.cfg", CONFIG)
    for relative, text in MIGRATION_FILES.items():
        project.write(relative, text)
    project.write("pkg/new.py", "def get(): ...\n")
    project.write("pkg/app/a.py", "import os\nfrom pkg.old import get\nimport pkg.old  # noqa\n")
    project.write("pkg/app/b.py", "from pkg.facade import Manager\nfrom pkg.old import get\n")
    run = flake8_ssot("baseline", "pkg/app", cwd=project.root)
    assert (run.returncode, run.stdout) == (0, "")
    assert run.stderr == "flake8-ssot baseline: 3 findings recorded in .ssot-baseline.json\n"
    return project


def test_the_file_is_sorted_posix_and_stable(accepted: Flake8Project) -> None:
    text = (accepted.root / ".ssot-baseline.json").read_bytes().decode("utf-8")
    assert "\r" not in text and text.endswith("}\n")
    assert json.loads(text) == {
        "flake8-ssot-baseline": 1,
        "findings": [
            {
                "code": "SOT101",
                "path": "pkg/app/b.py",
                "subject": "pkg.facade | from pkg.facade import Manager",
                "count": 1,
            },
            {
                "code": "SOT201",
                "path": "pkg/app/a.py",
                "subject": "pkg.old | from pkg.old import get",
                "count": 1,
            },
            {
                "code": "SOT201",
                "path": "pkg/app/b.py",
                "subject": "pkg.old | from pkg.old import get",
                "count": 1,
            },
        ],
    }
    again = flake8_ssot("baseline", "pkg/app", cwd=accepted.root)
    assert again.returncode == 0
    assert (accepted.root / ".ssot-baseline.json").read_bytes().decode("utf-8") == text


def test_recorded_findings_are_not_reported(accepted: Flake8Project) -> None:
    run = accepted.flake8("pkg/app")
    assert (run.stdout_lines, run.stderr, run.returncode) == ([], "", 0)


def test_moved_lines_stay_accepted_and_new_findings_are_reported(
    accepted: Flake8Project,
) -> None:
    accepted.write(
        "pkg/app/a.py",
        '"""Moved down."""\n\nimport sys\nfrom pkg.old import get\nimport pkg.old  # noqa\n'
        "from pkg.old import get as again\n",
    )
    accepted.write("pkg/app/c.py", "from pkg.old import get\n")
    assert accepted.flake8("pkg/app").stdout_lines == [
        f"pkg/app/a.py:6:1: {OLD}",  # a second copy of the recorded statement
        f"pkg/app/c.py:1:1: {OLD}",  # a new file
    ]


def test_jobs_and_stdin_use_the_baseline(accepted: Flake8Project) -> None:
    assert accepted.flake8("--jobs", "2", "pkg/app").stdout_lines == []
    source = (accepted.root / "pkg/app/b.py").read_text(encoding="utf-8")
    run = accepted.flake8("-", "--stdin-display-name", "pkg/app/b.py", stdin=source)
    assert (run.stdout_lines, run.returncode) == ([], 0)
    run = accepted.flake8("-", "--stdin-display-name", "pkg/app/new.py", stdin=source)
    assert run.stdout_lines == [f"pkg/app/new.py:1:1: {FACADE}", f"pkg/app/new.py:2:1: {OLD}"]


def test_prune_drops_what_is_gone_and_check_says_what_is_stale(accepted: Flake8Project) -> None:
    accepted.write("pkg/app/b.py", "from pkg.facade.manager import Manager\n")
    accepted.write("pkg/app/d.py", "from pkg.old import get\n")
    check = flake8_ssot("baseline", "--check", "pkg/app", cwd=accepted.root)
    assert check.returncode == 1
    assert check.stderr.splitlines() == [
        "pkg/app/b.py: SOT101 pkg.facade | from pkg.facade import Manager: recorded 1 more "
        "than occur",
        "pkg/app/b.py: SOT201 pkg.old | from pkg.old import get: recorded 1 more than occur",
        "flake8-ssot baseline: .ssot-baseline.json: 2 stale findings",
    ]
    prune = flake8_ssot("baseline", "--prune", "pkg/app", cwd=accepted.root)
    assert prune.returncode == 0
    assert prune.stderr == (
        "flake8-ssot baseline: 2 stale findings dropped from .ssot-baseline.json\n"
    )
    recorded = json.loads((accepted.root / ".ssot-baseline.json").read_text(encoding="utf-8"))
    # Never added: d.py's new finding is reported, not recorded.
    assert [(one["code"], one["path"]) for one in recorded["findings"]] == [
        ("SOT201", "pkg/app/a.py")
    ]
    assert accepted.flake8("pkg/app").stdout_lines == [f"pkg/app/d.py:1:1: {OLD}"]
    clean = flake8_ssot("baseline", "--check", "pkg/app", cwd=accepted.root)
    assert (clean.returncode, clean.stderr) == (
        0,
        "flake8-ssot baseline: .ssot-baseline.json: nothing stale\n",
    )


def test_fix_pays_down_what_the_baseline_accepts(accepted: Flake8Project) -> None:
    run = fix(accepted, "pkg/app/a.py")
    assert run.returncode == 0, run.stderr
    assert (accepted.root / "pkg/app/a.py").read_text(encoding="utf-8") == (
        "import os\nfrom pkg.new import get\nimport pkg.old  # noqa\n"
    )


def test_a_passed_deadline_brings_accepted_findings_back(accepted: Flake8Project) -> None:
    accepted.write("setup.cfg", CONFIG + "ssot-project-version = 2.0\n")
    overdue = (
        "SOT202 'pkg.old' is legacy (removal was due in 2.0; the project is at 2.0): use pkg.new"
    )
    assert accepted.flake8("pkg/app").stdout_lines == [
        f"pkg/app/a.py:2:1: {overdue}",
        f"pkg/app/b.py:2:1: {overdue}",
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file (write it with `flake8-ssot baseline`)"),
        ("[]", 'not a baseline ("flake8-ssot-baseline": 1 is missing)'),
        (
            "{",
            "not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        (
            '{"flake8-ssot-baseline": 1, "findings": [{"code": "SOT201"}]}',
            "finding 1 is not a code, path, subject and positive count",
        ),
    ],
)
def test_a_missing_or_corrupt_baseline_is_one_line(
    project: Flake8Project, content: str | None, problem: str
) -> None:
    project.write("setup.cfg", CONFIG)
    project.write("m.py", "import pkg.old\n")
    if content is not None:
        project.write(".ssot-baseline.json", content)
    line = f"flake8-ssot: ssot-baseline: entry '.ssot-baseline.json': {problem}"
    tree = project.flake8(".")
    assert (tree.stdout_lines, tree.stderr, tree.returncode) == ([], f"{line}\n", 1)
    # One file, as editors lint it: the line reaches the editor as a finding.
    one = project.flake8("m.py")
    assert one.stdout_lines == [f"m.py:1:1: SOT001 {line}"]
    # fix acts on every finding and does not read it; baseline writes a missing one, and
    # leaves a corrupt one (it would lose what that records of files it does not lint).
    assert fix(project, "m.py").returncode == 0
    assert flake8_ssot("baseline", ".", cwd=project.root).returncode == (
        0 if content is None else 2
    )


def test_a_run_over_part_of_the_tree_keeps_the_rest(accepted: Flake8Project) -> None:
    """pre-commit passes only the changed files: what the baseline records of the others
    (or of codes the run does not select) is not stale, and stays."""
    before = (accepted.root / ".ssot-baseline.json").read_text(encoding="utf-8")
    accepted.write("pkg/app/b.py", "from pkg.facade.manager import Manager\n")
    check = flake8_ssot("baseline", "--check", "pkg/app/a.py", cwd=accepted.root)
    assert (check.returncode, check.stderr) == (
        0,
        "flake8-ssot baseline: .ssot-baseline.json: nothing stale\n",
    )
    selected = flake8_ssot("baseline", "--prune", "--select", "SOT101", "pkg", cwd=accepted.root)
    assert selected.stderr == (
        "flake8-ssot baseline: 1 stale finding dropped from .ssot-baseline.json\n"
    )
    recorded = json.loads((accepted.root / ".ssot-baseline.json").read_text(encoding="utf-8"))
    assert [(one["code"], one["path"]) for one in recorded["findings"]] == [
        ("SOT201", "pkg/app/a.py"),
        ("SOT201", "pkg/app/b.py"),
    ]
    again = flake8_ssot("baseline", "pkg/app/a.py", cwd=accepted.root)
    assert again.stderr == "flake8-ssot baseline: 1 finding recorded in .ssot-baseline.json\n"
    assert (accepted.root / ".ssot-baseline.json").read_text(encoding="utf-8") != before
    assert json.loads((accepted.root / ".ssot-baseline.json").read_text(encoding="utf-8")) == (
        recorded
    )


def test_a_noqa_copy_of_a_continued_statement_uses_up_nothing(project: Flake8Project) -> None:
    project.write("setup.cfg", CONFIG)
    for relative, text in MIGRATION_FILES.items():
        project.write(relative, text)
    project.write(
        "pkg/app/a.py",
        "from pkg.old import \\\n    sub  # noqa: SOT201\nfrom pkg.old import sub\n",
    )
    assert flake8_ssot("baseline", "pkg/app", cwd=project.root).returncode == 0
    run = project.flake8("pkg/app")
    assert (run.stdout_lines, run.returncode) == ([], 0)


def test_a_checkout_reached_through_a_symlink_is_the_same_checkout(
    accepted: Flake8Project,
) -> None:
    link = accepted.root.parent / f"{accepted.root.name}-link"
    link.symlink_to(accepted.root)
    run = accepted.flake8(str(link / "pkg/app/b.py"))
    assert (run.stdout_lines, run.returncode) == ([], 0)
    source = (accepted.root / "pkg/app/b.py").read_text(encoding="utf-8")
    stdin = accepted.flake8("-", "--stdin-display-name", str(link / "pkg/app/b.py"), stdin=source)
    assert (stdin.stdout_lines, stdin.returncode) == ([], 0)


def test_the_file_keeps_its_mode(accepted: Flake8Project) -> None:
    baseline = accepted.root / ".ssot-baseline.json"
    assert baseline.stat().st_mode & 0o777 == 0o666 & ~_umask()
    baseline.chmod(0o640)
    assert flake8_ssot("baseline", "pkg/app", cwd=accepted.root).returncode == 0
    assert baseline.stat().st_mode & 0o777 == 0o640


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifos_are_refused_never_waited_on(project: Flake8Project) -> None:
    """A FIFO named pyproject.toml (the project version) or as the baseline: one line, no
    hang, whether flake8 or check-config reads it."""
    project.write("setup.cfg", MIGRATION_CONFIG)
    project.write("m.py", "import pkg.old\n")
    os.mkfifo(project.root / "pyproject.toml")
    run = project.flake8("m.py")
    assert run.stdout_lines == [f"m.py:1:1: {OLD}"]  # no version: the deadline is not reached
    described = flake8_ssot("check-config", cwd=project.root)
    assert described.returncode == 0
    assert (
        "ssot-project-version (SOT101, SOT102, SOT201, SOT202): unknown: "
        f"{project.root}/pyproject.toml cannot be read: [Errno 22] not a regular file; "
        "no entry is overdue"
    ) in described.stdout.splitlines()
    project.write("setup.cfg", CONFIG)
    os.mkfifo(project.root / ".ssot-baseline.json")
    line = (
        "flake8-ssot: ssot-baseline: entry '.ssot-baseline.json': cannot be read: "
        "not a regular file\n"
    )
    assert project.flake8(".").stderr == line
    assert flake8_ssot("check-config", cwd=project.root).stderr == line


def test_check_config_refuses_what_flake8_refuses(project: Flake8Project) -> None:
    project.write("setup.cfg", CONFIG)
    project.write(".ssot-baseline.json", '{"flake8-ssot-baseline": true, "findings": []}')
    run = flake8_ssot("check-config", cwd=project.root)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (
        "flake8-ssot: ssot-baseline: entry '.ssot-baseline.json': not a baseline "
        '("flake8-ssot-baseline": 1 is missing)\n'
    )
    write = flake8_ssot("baseline", ".", cwd=project.root)
    assert (write.returncode, write.stderr) == (
        2,
        "flake8-ssot baseline: .ssot-baseline.json: not a baseline "
        '("flake8-ssot-baseline": 1 is missing) (remove it to record afresh)\n',
    )
