"""flake8-ssot fix on real files in temporary projects, run as users run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Flake8Project

CONFIG = """\
[flake8]
select = SOT
ssot-deprecated-modules = pkg.facade = pkg.facade.core
ssot-legacy-modules =
    pkg.oldlog = pkg.newlog
    pkg.gone = pkg.nowhere
ssot-canonical-symbols = pkg.facade.core:Manager
"""


def fix(project: Flake8Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8_ssot", "fix", *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def migrating(project: Flake8Project) -> Flake8Project:
    project.write("setup.cfg", CONFIG)
    project.write("pkg/__init__.py")
    project.write(
        "pkg/facade/__init__.py",
        "from .core import Manager, make\nfrom .extra import Helper\n",
    )
    project.write("pkg/facade/core.py", "class Manager: ...\ndef make(): ...\n")
    project.write("pkg/facade/extra.py", "class Helper: ...\n")
    project.write("pkg/oldlog.py", "def get_logger(): ...\ndef only_old(): ...\n")
    project.write("pkg/newlog.py", "def get_logger(): ...\n")
    project.write("pkg/sidedoor.py", "from pkg.facade.core import Manager\n")
    project.write("app/__init__.py")
    return project


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "from pkg.facade import Manager\n",
            "from pkg.facade.core import Manager\n",
            id="facade-name",
        ),
        pytest.param(
            "from pkg.facade import (\n    Manager,  # the one\n    make as build,\n)\n",
            "from pkg.facade.core import (\n    Manager,  # the one\n    make as build,\n)\n",
            id="parenthesised-one-target-keeps-everything",
        ),
        pytest.param(
            "def f():\n    if True:\n        from pkg.facade import Helper, Manager as M  # x\n",
            "def f():\n    if True:\n        from pkg.facade.extra import Helper\n"
            "        from pkg.facade.core import Manager as M  # x\n",
            id="split-in-block",
        ),
        pytest.param(
            "from pkg.facade import (\n    Helper,  # helper\n    Manager,\n)\n",
            "# helper\nfrom pkg.facade.extra import Helper\nfrom pkg.facade.core import Manager\n",
            id="split-keeps-comments",
        ),
        pytest.param(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from pkg.oldlog import get_logger\n",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from pkg.newlog import get_logger\n",
            id="legacy-type-checking",
        ),
        pytest.param(
            "from ..pkg.sidedoor import Manager\n",
            None,
            id="relative-beyond-top-untouched",
        ),
        pytest.param(
            "from pkg.sidedoor import Manager\n",
            "from pkg.facade.core import Manager\n",
            id="canonical-side-door",
        ),
        pytest.param(
            "import pkg.oldlog as log\nimport os, pkg.facade as f\n",
            "import pkg.newlog as log\nimport os, pkg.facade.core as f\n",
            id="import-as",
        ),
        pytest.param(
            "from pkg import oldlog, facade as fc\n",
            None,
            id="module-object-from-parent-untouched",
        ),
    ],
)
def test_rewrites(migrating: Flake8Project, before: str, after: str | None) -> None:
    path = migrating.write("app/mod.py", before)
    run = fix(migrating, "app")
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == (after if after is not None else before)
    again = fix(migrating, "--check", "app")
    assert again.returncode == 0, again.stderr


def test_left_alone_with_reasons(migrating: Flake8Project) -> None:
    source = (
        "from pkg.oldlog import only_old\n"
        "from pkg.gone import thing\n"
        "import pkg.oldlog\n"
        "import importlib\nm = importlib.import_module('pkg.oldlog')\n"
        "x = 1; from pkg.facade import Helper, Manager\n"
        "from pkg.facade import *\n"
        "from pkg.shim_compat import y\n"
    )
    path = migrating.write("app/mod.py", source)
    run = fix(migrating, "app")
    assert path.read_text(encoding="utf-8") == source
    assert run.stderr.splitlines() == [
        "app/mod.py:1:1: SOT201 left as is: pkg.newlog does not define only_old",
        "app/mod.py:2:1: SOT201 left as is: pkg.nowhere was not found under the source roots",
        "app/mod.py:3:1: SOT201 left as is: `import pkg.oldlog` binds the top-level package; "
        "rewrite it by hand",
        "app/mod.py:5:5: SOT201 left as is: a dynamic import; rewrite it by hand",
        "app/mod.py:6:8: SOT101 left as is: shares its line with other code, so it cannot "
        "be split; rewrite it by hand",
        "app/mod.py:7:1: SOT101 left as is: a star import cannot be split by name; "
        "rewrite it by hand",
        "app/mod.py:8:1: SOT301 left as is: no replacement is configured for a compat shim",
        "flake8-ssot fix: 0 of 2 files changed; imported names rewritten: none; findings left: 7",
    ]


def test_crlf_bom_and_encoding_are_kept(migrating: Flake8Project) -> None:
    crlf = migrating.root / "app" / "crlf.py"
    crlf.write_bytes(
        b"\xef\xbb\xbf# caf\xc3\xa9\r\ndef f():\r\n"
        b"    from pkg.facade import Helper, Manager\r\n    return 1\r\n"
    )
    latin = migrating.root / "app" / "latin.py"
    latin.write_bytes(b"# -*- coding: latin-1 -*-\nS = '\xe9'\nfrom pkg.oldlog import get_logger\n")
    run = fix(migrating, "app")
    assert run.returncode == 0, run.stderr
    assert crlf.read_bytes() == (
        b"\xef\xbb\xbf# caf\xc3\xa9\r\ndef f():\r\n"
        b"    from pkg.facade.extra import Helper\r\n    from pkg.facade.core import Manager\r\n"
        b"    return 1\r\n"
    )
    assert latin.read_bytes() == (
        b"# -*- coding: latin-1 -*-\nS = '\xe9'\nfrom pkg.newlog import get_logger\n"
    )


def test_diff_and_check_write_nothing(migrating: Flake8Project) -> None:
    path = migrating.write("app/mod.py", "from pkg.facade import Manager\n")
    diff = fix(migrating, "--diff", "app")
    assert diff.returncode == 0
    assert diff.stdout.splitlines() == [
        "--- app/mod.py",
        "+++ app/mod.py",
        "@@ -1 +1 @@",
        "-from pkg.facade import Manager",
        "+from pkg.facade.core import Manager",
    ]
    check = fix(migrating, "--check", "app")
    assert check.returncode == 1
    assert check.stderr.splitlines()[-1] == (
        "flake8-ssot fix: 1 of 2 files would change; imported names rewritten: SOT101: 1; "
        "findings left: 0"
    )
    assert path.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"


def test_fix_reads_flake8_options(migrating: Flake8Project) -> None:
    (migrating.root / "setup.cfg").rename(migrating.root / "other.cfg")
    path = migrating.write("app/mod.py", "from pkg.facade import Manager\n")
    migrating.write("app/skipped.py", "from pkg.facade import Manager\n")
    run = fix(migrating, "--config", "other.cfg", "--exclude", "skipped.py", "app")
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == "from pkg.facade.core import Manager\n"
    assert (migrating.root / "app/skipped.py").read_text(encoding="utf-8") == (
        "from pkg.facade import Manager\n"
    )


def test_refuses_to_write_what_does_not_compile(
    migrating: Flake8Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flake8_ssot.adapters import cli
    from flake8_ssot.fix import apply as fixer

    path = migrating.write("app/mod.py", "from pkg.facade import Manager\n")
    monkeypatch.chdir(migrating.root)
    monkeypatch.setattr(fixer, "_apply", lambda source, edits: "from pkg.facade.core import (\n")
    assert cli.main(["fix", "app"]) == 0
    assert path.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"
    assert capsys.readouterr().err.splitlines()[0] == (
        "app/mod.py: the rewritten file would not compile ('(' was never closed); left unchanged"
    )


def test_unparsable_file_is_reported_not_touched(migrating: Flake8Project) -> None:
    path = migrating.write("app/broken.py", "from pkg.facade import Manager\ndef (:\n")
    run = fix(migrating, "app")
    assert run.returncode == 0
    assert path.read_text(encoding="utf-8") == "from pkg.facade import Manager\ndef (:\n"
    assert run.stderr.splitlines()[0].startswith("app/broken.py: does not compile as it is: ")


def test_a_file_only_the_compiler_refuses_is_left_with_its_reason(
    migrating: Flake8Project,
) -> None:
    """Python parses ``return`` outside a function and refuses to compile it: a file
    with something to rewrite is left alone, one with nothing to rewrite is not read twice."""
    refused = "from pkg.facade import Manager\nreturn Manager\n"
    path = migrating.write("app/refused.py", refused)
    migrating.write("app/quiet.py", "return 1\n")
    run = fix(migrating, "app")
    assert path.read_text(encoding="utf-8") == refused
    assert run.stderr.splitlines()[0] == (
        "app/refused.py: does not compile as it is: 'return' outside function (refused.py, line 2)"
    )
    assert "quiet.py" not in run.stderr


def test_warnings_about_the_users_code_are_flake8s_to_report(migrating: Flake8Project) -> None:
    # A SyntaxWarning in every Python; flake8 reports it as F632.
    migrating.write("app/mod.py", "from pkg.facade import Manager\nsame = 1 is 1\n")
    run = fix(migrating, "app")
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        "flake8-ssot fix: 1 of 2 files changed; imported names rewritten: SOT101: 1; "
        "findings left: 0"
    ]


def test_after_fix_flake8_reports_only_what_fix_left(migrating: Flake8Project) -> None:
    migrating.write(
        "app/mod.py",
        "from pkg.facade import Helper, Manager\nfrom pkg.oldlog import get_logger\n"
        "from pkg.sidedoor import Manager as M\nfrom pkg.oldlog import only_old\n",
    )
    fix(migrating, "app")
    assert migrating.flake8("app").stdout_lines == [
        "app/mod.py:5:1: SOT201 'pkg.oldlog' is legacy: use pkg.newlog "
        "(it does not define only_old)"
    ]


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "monorepo"


def test_fix_over_the_example_leaves_no_fixable_finding(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "monorepo"
    shutil.copytree(EXAMPLE, root)
    project = Flake8Project(root)
    before = project.flake8().stdout_lines
    run = fix(project)
    assert run.returncode == 0, run.stderr
    after = project.flake8().stdout_lines
    left = [line for line in run.stderr.splitlines() if " left as is: " in line]
    assert len(after) < len(before)
    # Every import finding still reported is one that fix said it left, with a reason.
    import_findings = [
        line
        for line in after
        if " SOT1" in line or " SOT2" in line or " SOT3" in line or " SOT502 " in line
    ]
    assert len(import_findings) == len(left)
    for line in import_findings:
        location = line.split(": ")[0]
        assert any(entry.startswith(location + ":") for entry in left), line
    assert fix(project, "--check").returncode == 0


def test_fix_only_what_flake8_reports(migrating: Flake8Project) -> None:
    migrating.write("setup.cfg", CONFIG + "per-file-ignores = app/ignored.py: SOT101\n")
    source = (
        "from pkg.facade import Manager  # noqa: SOT101\n"
        "from pkg.oldlog import get_logger  # noqa\n"
        "from pkg.sidedoor import Manager as M  # noqa: E501\n"
    )
    path = migrating.write("app/mod.py", source)
    ignored = migrating.write("app/ignored.py", "from pkg.facade import Manager\n")
    run = fix(migrating, "app")
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == source.replace(
        "pkg.sidedoor import Manager as M", "pkg.facade.core import Manager as M"
    )
    assert ignored.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"
    selected = fix(migrating, "--select", "SOT2", "app")
    assert selected.returncode == 0
    assert path.read_text(encoding="utf-8").startswith("from pkg.facade import Manager  #")


def test_module_object_rewrites_are_checked_against_its_uses(migrating: Flake8Project) -> None:
    source = (
        "import pkg.oldlog as ol\nol.only_old()\nimport pkg.facade as facade\nfacade.Manager()\n"
    )
    path = migrating.write("app/mod.py", source)
    run = fix(migrating, "app")
    assert path.read_text(encoding="utf-8") == (
        "import pkg.oldlog as ol\nol.only_old()\n"
        "import pkg.facade.core as facade\nfacade.Manager()\n"
    )
    assert (
        "app/mod.py:1:1: SOT201 left as is: the code uses ol.only_old, which pkg.newlog "
        "does not define"
    ) in run.stderr


def test_names_the_facade_defines_itself_stay(migrating: Flake8Project) -> None:
    migrating.write("pkg/facade/__init__.py", "from .core import Manager\nVERSION = '1'\n")
    migrating.write("pkg/facade/core.py", "class Manager: ...\nVERSION = '2'\n")
    source = "from pkg.facade import VERSION\n"
    path = migrating.write("app/mod.py", source)
    run = fix(migrating, "app")
    assert path.read_text(encoding="utf-8") == source
    assert "SOT101 left as is: VERSION is defined in pkg.facade itself" in run.stderr


def test_symlinks_stay_links_and_missing_paths_fail(migrating: Flake8Project) -> None:
    real = migrating.write("app/real.py", "from pkg.facade import Manager\n")
    link = migrating.root / "app" / "link.py"
    link.symlink_to(real)
    run = fix(migrating, "app/link.py")
    assert run.returncode == 0, run.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "from pkg.facade.core import Manager\n"
    missing = fix(migrating, "app/missing.py")
    assert missing.returncode == 2


def test_a_diff_reader_that_stops_early_costs_no_file(migrating: Flake8Project) -> None:
    """``fix --diff | head``: a closed pipe ends the run quietly, blaming no file."""
    for number in range(50):
        migrating.write(f"app/mod{number}.py", "from pkg.facade import Manager\n")
    run = subprocess.Popen(
        [sys.executable, "-m", "flake8_ssot", "fix", "--diff", "app"],
        cwd=migrating.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert run.stdout is not None and run.stderr is not None
    assert run.stdout.readline().startswith(b"--- app/mod")
    run.stdout.close()
    stderr = run.stderr.read().decode()
    assert (run.wait(timeout=120), stderr) == (1, "")
    assert all(
        path.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"
        for path in (migrating.root / "app").glob("mod*.py")
    )
