"""``flake8-ssot fix`` on real files in temporary projects, run as users run it.

The hostile cases (the second half) hold files made to trip a fixer: line
breaks that only some readers count, noqa forms, encodings, hard links,
full disks, FIFOs. ``fix`` never changes behaviour and never loses a byte:
each case asserts on the exact bytes of the files and the exact lines on
stderr.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_ssot.fix.apply import fix_source
from support import ROOT, Flake8Project, context_for, fix
from tables import canonical, deprecated, write_case, write_files
from tables.fix import FIX_CONFIG, FIX_FILES, REWRITES, Rewrite


@pytest.fixture
def fix_project(project: Flake8Project) -> Flake8Project:
    """tables/fix.py's project: a facade, a legacy module, their replacements, a side door."""
    write_files(project.root, {"setup.cfg": FIX_CONFIG, **FIX_FILES})
    return project


@pytest.mark.parametrize("rewrite", REWRITES, ids=[rewrite.id for rewrite in REWRITES])
def test_rewrite(rewrite: Rewrite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixer in-process, as the command calls it (test_integration.py runs the command)."""
    write_files(tmp_path, {"setup.cfg": FIX_CONFIG, **FIX_FILES})
    monkeypatch.chdir(tmp_path)
    context = context_for([])
    result = fix_source(rewrite.before, rewrite.path, context, lambda code, line: True)
    assert result.error is None
    assert result.fixed == (rewrite.after if rewrite.after is not None else rewrite.before)
    # Nothing is left for a second run to change (``fix --check`` exits 0).
    again = fix_source(result.fixed, rewrite.path, context, lambda code, line: True)
    assert again.fixed == result.fixed


def test_left_alone_with_reasons(fix_project: Flake8Project) -> None:
    source = (
        "from pkg.oldlog import only_old\n"
        "from pkg.gone import thing\n"
        "import pkg.oldlog\n"
        "import importlib\nm = importlib.import_module('pkg.oldlog')\n"
        "x = 1; from pkg.facade import Helper, Manager\n"
        "from pkg.facade import *\n"
        "from pkg.shim_compat import y\n"
    )
    path = fix_project.write("app/mod.py", source)
    run = fix(fix_project, "app")
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


def test_crlf_bom_and_encoding_are_kept(fix_project: Flake8Project) -> None:
    crlf = fix_project.root / "app" / "crlf.py"
    crlf.write_bytes(
        b"\xef\xbb\xbf# caf\xc3\xa9\r\ndef f():\r\n"
        b"    from pkg.facade import Helper, Manager\r\n    return 1\r\n"
    )
    latin = fix_project.root / "app" / "latin.py"
    latin.write_bytes(b"# -*- coding: latin-1 -*-\nS = '\xe9'\nfrom pkg.oldlog import get_logger\n")
    run = fix(fix_project, "app")
    assert run.returncode == 0, run.stderr
    assert crlf.read_bytes() == (
        b"\xef\xbb\xbf# caf\xc3\xa9\r\ndef f():\r\n"
        b"    from pkg.facade.extra import Helper\r\n    from pkg.facade.core import Manager\r\n"
        b"    return 1\r\n"
    )
    assert latin.read_bytes() == (
        b"# -*- coding: latin-1 -*-\nS = '\xe9'\nfrom pkg.newlog import get_logger\n"
    )


def test_diff_and_check_write_nothing(fix_project: Flake8Project) -> None:
    path = fix_project.write("app/mod.py", "from pkg.facade import Manager\n")
    diff = fix(fix_project, "--diff", "app")
    assert diff.returncode == 0
    assert diff.stdout.splitlines() == [
        "--- app/mod.py",
        "+++ app/mod.py",
        "@@ -1 +1 @@",
        "-from pkg.facade import Manager",
        "+from pkg.facade.core import Manager",
    ]
    check = fix(fix_project, "--check", "app")
    assert check.returncode == 1
    assert check.stderr.splitlines()[-1] == (
        "flake8-ssot fix: 1 of 2 files would change; imported names rewritten: SOT101: 1; "
        "findings left: 0"
    )
    assert path.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"


def test_fix_reads_flake8_options(fix_project: Flake8Project) -> None:
    (fix_project.root / "setup.cfg").rename(fix_project.root / "other.cfg")
    path = fix_project.write("app/mod.py", "from pkg.facade import Manager\n")
    fix_project.write("app/skipped.py", "from pkg.facade import Manager\n")
    run = fix(fix_project, "--config", "other.cfg", "--exclude", "skipped.py", "app")
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == "from pkg.facade.core import Manager\n"
    assert (fix_project.root / "app/skipped.py").read_text(encoding="utf-8") == (
        "from pkg.facade import Manager\n"
    )


def test_refuses_to_write_what_does_not_compile(
    fix_project: Flake8Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flake8_ssot.adapters import cli
    from flake8_ssot.fix import apply as fixer

    path = fix_project.write("app/mod.py", "from pkg.facade import Manager\n")
    monkeypatch.chdir(fix_project.root)
    monkeypatch.setattr(fixer, "_apply", lambda source, edits: "from pkg.facade.core import (\n")
    assert cli.main(["fix", "app"]) == 0
    assert path.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"
    assert capsys.readouterr().err.splitlines()[0] == (
        "app/mod.py: the rewritten file would not compile ('(' was never closed); left unchanged"
    )


def test_unparsable_file_is_reported_not_touched(fix_project: Flake8Project) -> None:
    path = fix_project.write("app/broken.py", "from pkg.facade import Manager\ndef (:\n")
    run = fix(fix_project, "app")
    assert run.returncode == 0
    assert path.read_text(encoding="utf-8") == "from pkg.facade import Manager\ndef (:\n"
    assert run.stderr.splitlines()[0].startswith("app/broken.py: does not compile as it is: ")


def test_a_file_only_the_compiler_refuses_is_left_with_its_reason(
    fix_project: Flake8Project,
) -> None:
    """Python parses ``return`` outside a function and refuses to compile it: a file
    with something to rewrite is left alone, one with nothing to rewrite is not read twice."""
    refused = "from pkg.facade import Manager\nreturn Manager\n"
    path = fix_project.write("app/refused.py", refused)
    fix_project.write("app/quiet.py", "return 1\n")
    run = fix(fix_project, "app")
    assert path.read_text(encoding="utf-8") == refused
    assert run.stderr.splitlines()[0] == (
        "app/refused.py: does not compile as it is: 'return' outside function (refused.py, line 2)"
    )
    assert "quiet.py" not in run.stderr


def test_warnings_about_the_users_code_are_flake8s_to_report(fix_project: Flake8Project) -> None:
    # A SyntaxWarning in every Python; flake8 reports it as F632.
    fix_project.write("app/mod.py", "from pkg.facade import Manager\nsame = 1 is 1\n")
    run = fix(fix_project, "app")
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        "flake8-ssot fix: 1 of 2 files changed; imported names rewritten: SOT101: 1; "
        "findings left: 0"
    ]


def test_after_fix_flake8_reports_only_what_fix_left(fix_project: Flake8Project) -> None:
    fix_project.write(
        "app/mod.py",
        "from pkg.facade import Helper, Manager\nfrom pkg.oldlog import get_logger\n"
        "from pkg.sidedoor import Manager as M\nfrom pkg.oldlog import only_old\n",
    )
    fix(fix_project, "app")
    assert fix_project.flake8("app").stdout_lines == [
        "app/mod.py:5:1: SOT201 'pkg.oldlog' is legacy: use pkg.newlog "
        "(it does not define only_old)"
    ]


EXAMPLE = ROOT / "examples" / "monorepo"


def test_fix_over_the_example_leaves_no_fixable_finding(tmp_path: Path) -> None:
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


def test_fix_only_what_flake8_reports(fix_project: Flake8Project) -> None:
    fix_project.write("setup.cfg", FIX_CONFIG + "per-file-ignores = app/ignored.py: SOT101\n")
    source = (
        "from pkg.facade import Manager  # noqa: SOT101\n"
        "from pkg.oldlog import get_logger  # noqa\n"
        "from pkg.sidedoor import Manager as M  # noqa: E501\n"
    )
    path = fix_project.write("app/mod.py", source)
    ignored = fix_project.write("app/ignored.py", "from pkg.facade import Manager\n")
    run = fix(fix_project, "app")
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == source.replace(
        "pkg.sidedoor import Manager as M", "pkg.facade.core import Manager as M"
    )
    assert ignored.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"
    selected = fix(fix_project, "--select", "SOT2", "app")
    assert selected.returncode == 0
    assert path.read_text(encoding="utf-8").startswith("from pkg.facade import Manager  #")


def test_module_object_rewrites_are_checked_against_its_uses(fix_project: Flake8Project) -> None:
    source = (
        "import pkg.oldlog as ol\nol.only_old()\nimport pkg.facade as facade\nfacade.Manager()\n"
    )
    path = fix_project.write("app/mod.py", source)
    run = fix(fix_project, "app")
    assert path.read_text(encoding="utf-8") == (
        "import pkg.oldlog as ol\nol.only_old()\n"
        "import pkg.facade.core as facade\nfacade.Manager()\n"
    )
    assert (
        "app/mod.py:1:1: SOT201 left as is: the code uses ol.only_old, which pkg.newlog "
        "does not define"
    ) in run.stderr


def test_names_the_facade_defines_itself_go_to_the_replacements_own(
    fix_project: Flake8Project,
) -> None:
    """Configuring the replacement asks for its own object (SQLAlchemy's deprecation
    wrappers); a name the replacement does not bind stays."""
    fix_project.write(
        "pkg/facade/__init__.py",
        "from .core import Manager\nVERSION = '1'\ndef declarative_base(): ...\n"
        "def own_only(): ...\n",
    )
    fix_project.write(
        "pkg/facade/core.py", "class Manager: ...\nVERSION = '2'\ndef declarative_base(): ...\n"
    )
    path = fix_project.write("app/mod.py", "from pkg.facade import VERSION, declarative_base\n")
    kept = "from pkg.facade import own_only\n"
    left = fix_project.write("app/left.py", kept)
    run = fix(fix_project, "app")
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == (
        "from pkg.facade.core import VERSION, declarative_base\n"
    )
    assert left.read_text(encoding="utf-8") == kept
    assert "SOT101 left as is: own_only is defined in pkg.facade itself" in run.stderr


def test_fix_goes_to_the_replacement_binding_the_same_object_never_to_a_module_lacking_it(
    project: Flake8Project,
) -> None:
    """attrs: ``attr.fields`` is ``attrs.fields``; a guard's ``None`` stays the facade's."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules =\n    attr = attrs\n    f = core\n",
    )
    project.write("attr/__init__.py", "from ._make import fields\n")
    project.write("attr/_make.py", "def fields(): ...\n")
    project.write("attrs/__init__.py", "from attr import fields\n")
    project.write("core.py", "def thing(): ...\n")
    project.write(
        "f/__init__.py",
        "try:\n    from .impl import thing\nexcept ImportError:\n    thing = None\n",
    )
    project.write("f/impl.py", "def other(): ...\n")
    client = project.write("client.py", "from attr import fields\nfrom f import thing\n")
    run = fix(project, "client.py")
    assert client.read_text(encoding="utf-8") == "from attrs import fields\nfrom f import thing\n"
    assert run.stderr.splitlines()[0] == (
        "client.py:2:1: SOT101 left as is: f.thing is its fallback value: "
        "f.impl does not define thing"
    )


def test_a_name_the_facade_stopped_providing_goes_to_the_one_module_defining_it(
    project: Flake8Project,
) -> None:
    """The re-export was commented out while callers still import it: the import fails
    today, and after fix it binds the class its one defining module holds."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = ws\n")
    project.write("ws/__init__.py", "from .manager import Manager\n# from .router import Router\n")
    project.write("ws/manager.py", "class Manager: ...\n")
    project.write("ws/router.py", "class Router: ...\n")
    project.write("ws/other.py", "class Other: ...\n")
    project.write("other.py", "class Other: ...\n")
    client = project.write("client.py", "from ws import Manager, Router\nfrom ws import Other\n")
    probe = "import client, ws.router; print(client.Router is ws.router.Router)"
    before = subprocess.run(
        [sys.executable, "-c", probe], cwd=project.root, capture_output=True, text=True
    )
    assert "ImportError: cannot import name 'Router' from 'ws'" in before.stderr
    run = fix(project, "client.py")
    assert client.read_text(encoding="utf-8") == (
        "from ws.manager import Manager\nfrom ws.router import Router\nfrom ws import Other\n"
    )
    assert run.stderr.splitlines() == [
        "client.py:3:1: SOT101 left as is: ws does not provide Other, so this import fails; "
        "other, ws.other each define one",
        "flake8-ssot fix: 1 of 1 files changed; imported names rewritten: SOT101: 2; "
        "findings left: 1",
    ]
    client.write_text("from ws.manager import Manager\nfrom ws.router import Router\n")
    after = subprocess.run(
        [sys.executable, "-c", probe], cwd=project.root, capture_output=True, text=True
    )
    assert (after.returncode, after.stdout) == (0, "True\n")


def test_a_submodule_a_getattr_shim_or_a_namespace_writer_is_left(project: Flake8Project) -> None:
    client = write_case(
        project.root, canonical.SIDE_DOORS, "a-submodule-or-a-getattr-shim-is-no-plain-side-door"
    )
    before = client.read_text(encoding="utf-8")
    run = fix(project, "client.py")
    assert client.read_text(encoding="utf-8") == before
    assert run.stderr.splitlines() == [
        "client.py:2:1: SOT502 left as is: app.shim serves Canon from its module __getattr__",
        "client.py:3:1: SOT502 left as is: app.dyn may set Canon at run time (it writes its own "
        "namespace)",
        "client.py:4:1: SOT502 left as is: app.empty does not define Canon",
        "flake8-ssot fix: 0 of 1 files changed; imported names rewritten: none; findings left: 3",
    ]


@pytest.mark.parametrize(
    ("case_id", "reason"),
    [
        (
            "a-home-that-serves-the-name-from-getattr",
            "app.served serves Served from its module __getattr__, which is not read: "
            "whether it is app.served.impl's object is not known",
        ),
        (
            "a-home-that-writes-its-own-namespace",
            "app.orm2 may set Session at run time (it writes its own namespace): whether it "
            "is app.orm2.session's object is not known",
        ),
    ],
)
def test_a_side_door_of_a_home_that_is_not_read_is_left(
    project: Flake8Project, case_id: str, reason: str
) -> None:
    """The home is advised, but what it binds in the end is not read: never rewritten to."""
    client = write_case(project.root, canonical.SIDE_DOORS, case_id)
    before = client.read_text(encoding="utf-8")
    run = fix(project, "client.py")
    assert client.read_text(encoding="utf-8") == before
    assert run.stderr.splitlines() == [
        f"client.py:1:1: SOT502 left as is: {reason}",
        "flake8-ssot fix: 0 of 1 files changed; imported names rewritten: none; findings left: 1",
    ]


def test_a_facade_that_writes_its_own_namespace_is_left(project: Flake8Project) -> None:
    client = write_case(
        project.root,
        deprecated.FACADES,
        "a-facade-that-writes-its-own-namespace-is-not-read-as-re-exports",
    )
    before = client.read_text(encoding="utf-8")
    run = fix(project, "client.py")
    assert client.read_text(encoding="utf-8") == before.replace(
        "from h import Manager as H", "from h.impl import Manager as H"
    )
    assert run.stderr.splitlines()[-1] == (
        "flake8-ssot fix: 1 of 1 files changed; imported names rewritten: SOT101: 1; "
        "findings left: 3"
    )


def test_a_star_import_of_a_computed_all_is_not_taken_for_a_binding(
    project: Flake8Project,
) -> None:
    """``__all__.remove('fields')``: ``from old.impl import *`` in NEW does not bind it."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = old = new\n")
    project.write("old/__init__.py", "from .impl import fields\n")
    project.write(
        "old/impl.py",
        "__all__ = ['fields', 'other']\n__all__.remove('fields')\n\n\n"
        "def fields():\n    pass\n\n\ndef other():\n    pass\n",
    )
    project.write("new.py", "from old.impl import *\n")
    user = project.write("user.py", "from old import fields\n")
    fix(project, "user.py")
    assert user.read_text(encoding="utf-8") == "from old.impl import fields\n"
    imported = subprocess.run(
        [sys.executable, "-c", "import user, old.impl; assert user.fields is old.impl.fields"],
        cwd=project.root,
        capture_output=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr


def test_symlinks_stay_links_and_missing_paths_fail(fix_project: Flake8Project) -> None:
    real = fix_project.write("app/real.py", "from pkg.facade import Manager\n")
    link = fix_project.root / "app" / "link.py"
    link.symlink_to(real)
    run = fix(fix_project, "app/link.py")
    assert run.returncode == 0, run.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "from pkg.facade.core import Manager\n"
    missing = fix(fix_project, "app/missing.py")
    assert missing.returncode == 2


#: Characters that str.splitlines() splits on and Python does not, and a lone CR,
#: which Python splits on and tree-sitter does not.
LINE_BREAK_LOOKALIKES = ["\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def lookalike_source(char: str) -> str:
    """Valid whether ``char`` breaks the line (a lone CR) or not (the others)."""
    return (
        f"# lead{char}lead = 1\n"
        f"S = '''a{char}b'''  # tail{char}tail = 1\n"
        "def f():\n"
        f"    '''doc{char}'''\n"
        f"    # in{char}    side = 1\n"
        "    from pkg.facade import Helper, Manager\n"
        "    return Helper, Manager\n"
        f"T = '''{char}'''; from pkg.oldlog import get_logger\n"
        f"# x{char}x = 1\n"
        "from pkg.oldlog import get_logger as g  # noqa: SOT201\n"
        "from pkg.facade import Manager as M\n"
        "from os import path\n"
    )


def lookalike_fixed(char: str) -> str:
    return (
        lookalike_source(char)
        .replace(
            "    from pkg.facade import Helper, Manager\n",
            "    from pkg.facade.extra import Helper\n    from pkg.facade.core import Manager\n",
        )
        .replace("; from pkg.oldlog import get_logger", "; from pkg.newlog import get_logger")
        .replace("from pkg.facade import Manager as M", "from pkg.facade.core import Manager as M")
    )


def test_edits_land_on_the_statement_ast_names(fix_project: Flake8Project) -> None:
    paths = {}
    for index, char in enumerate(LINE_BREAK_LOOKALIKES):
        path = fix_project.root / "app" / f"m{index}.py"
        path.write_bytes(lookalike_source(char).encode("utf-8"))
        paths[char] = path
    # The wrong statement: tree-sitter counts no line at a lone CR, ast does.
    wrong = fix_project.root / "app" / "cr.py"
    wrong.write_bytes(b"import os\rfrom pkg.facade import Manager\nfrom os import path\n")
    run = fix(fix_project, "app")
    assert run.returncode == 0, run.stderr
    for char, path in paths.items():
        assert path.read_bytes().decode("utf-8") == lookalike_fixed(char), repr(char)
    assert wrong.read_bytes() == (
        b"import os\rfrom pkg.facade.core import Manager\nfrom os import path\n"
    )
    assert run.stderr.splitlines() == [
        "flake8-ssot fix: 10 of 11 files changed; imported names rewritten: "
        "SOT101: 28, SOT201: 9; findings left: 0"
    ]
    # What flake8 still reports is exactly what fix left: nothing.
    assert fix_project.flake8("app").stdout_lines == []


def test_noqa_is_flake8s_own(fix_project: Flake8Project) -> None:
    files = {
        "app/whole.py": "# flake8: noqa\nfrom pkg.facade import Manager\n",
        "app/continued.py": "from pkg.facade \\\n    import Manager  # noqa: SOT101\n",
        "app/parens.py": "from pkg.oldlog import (\n    get_logger,\n)  # noqa\n",
        "app/in_string.py": "from pkg.facade import Manager; s = '# noqa'\n",
        "app/other_code.py": "from pkg.facade import Manager  # noqa: E501,SOT2\n",
        "app/code_line.py": "x = 1  # flake8: noqa\nfrom pkg.facade import Manager\n",
    }
    for relative, source in files.items():
        fix_project.write(relative, source)
    assert fix_project.flake8("app").stdout_lines == [
        "app/code_line.py:2:1: SOT101 'pkg.facade' is deprecated: import Manager from "
        "pkg.facade.core",
        "app/other_code.py:1:1: SOT101 'pkg.facade' is deprecated: import Manager from "
        "pkg.facade.core",
        # flake8 joins a backslash continuation for noqa, not a parenthesised statement.
        "app/parens.py:1:1: SOT201 'pkg.oldlog' is legacy: use pkg.newlog",
    ]
    run = fix(fix_project, "app")
    assert run.returncode == 0, run.stderr
    reported = ("app/code_line.py", "app/other_code.py", "app/parens.py")
    for relative, source in files.items():
        after = (fix_project.root / relative).read_text(encoding="utf-8")
        if relative in reported:
            assert after == source.replace("pkg.facade import", "pkg.facade.core import").replace(
                "pkg.oldlog", "pkg.newlog"
            )
        else:
            assert after == source, relative
    assert fix_project.flake8("app").stdout_lines == []
    # --disable-noqa: flake8 reports them all, so fix fixes them all.
    fix(fix_project, "--disable-noqa", "app")
    for relative in files:
        after = (fix_project.root / relative).read_text(encoding="utf-8")
        assert "pkg.facade.core" in after or "pkg.newlog" in after, relative
    assert fix_project.flake8("--disable-noqa", "app").stdout_lines == []


def test_leading_blank_lines_and_form_feeds_are_kept(fix_project: Flake8Project) -> None:
    cases = {
        "blank.py": b"\n\n\nfrom pkg.facade import Manager\n",
        "feed.py": b"\x0c\nfrom pkg.facade import Manager\n",
        "bom_feed.py": b"\xef\xbb\xbf\x0cfrom pkg.facade import Manager\n",
        "comment.py": b"\n  \n# c\n\nfrom pkg.facade import Helper, Manager\n\n\n",
        "trailing.py": b"from pkg.facade import Manager\n\n\n\x0c\n",
    }
    for name, data in cases.items():
        (fix_project.root / "app" / name).write_bytes(data)
    run = fix(fix_project, "app")
    assert run.returncode == 0, run.stderr
    for name, data in cases.items():
        expected = data.replace(b"pkg.facade import Manager", b"pkg.facade.core import Manager")
        expected = expected.replace(
            b"pkg.facade import Helper, Manager",
            b"pkg.facade.extra import Helper\nfrom pkg.facade.core import Manager",
        )
        assert (fix_project.root / "app" / name).read_bytes() == expected, name


def test_a_split_never_rebinds_a_name(fix_project: Flake8Project) -> None:
    source = (
        "from pkg.facade import Manager as y, Helper as y, make as y\n"
        "from pkg.facade import make as z, Helper, Manager as z\n"
        "from pkg.facade import Helper as w, Manager as w\n"
    )
    path = fix_project.write("app/mod.py", source)
    run = fix(fix_project, "app")
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == (
        "from pkg.facade import Manager as y, Helper as y, make as y\n"
        "from pkg.facade.core import make as z, Manager as z\n"
        "from pkg.facade.extra import Helper\n"
        "from pkg.facade.extra import Helper as w\nfrom pkg.facade.core import Manager as w\n"
    )
    assert run.stderr.splitlines() == [
        "app/mod.py:1:1: SOT101 left as is: binds y more than once, and a split would "
        "change which import binds it last; rewrite it by hand",
        "flake8-ssot fix: 1 of 2 files changed; imported names rewritten: SOT101: 5; "
        "findings left: 1",
    ]


def test_an_edit_saved_while_fix_runs_is_kept(
    fix_project: Flake8Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flake8_ssot.adapters import cli
    from flake8_ssot.adapters.commands import fix
    from flake8_ssot.fix import apply as fixer

    path = fix_project.write("app/mod.py", "from pkg.facade import Manager\n")
    real_fix_source = fixer.fix_source

    def user_saves_meanwhile(*args: object, **kwargs: object) -> object:
        result = real_fix_source(*args, **kwargs)  # type: ignore[arg-type]
        if args[1] == "app/mod.py":
            path.write_text("from pkg.facade import Manager\nUSER = 1\n", encoding="utf-8")
        return result

    monkeypatch.chdir(fix_project.root)
    monkeypatch.setattr(fix, "fix_source", user_saves_meanwhile)
    assert cli.main(["fix", "app"]) == 2
    assert path.read_text(encoding="utf-8") == "from pkg.facade import Manager\nUSER = 1\n"
    assert capsys.readouterr().err.splitlines() == [
        "app/mod.py: cannot write: the file changed on disk while fix ran; left as it is now",
        "flake8-ssot fix: 0 of 2 files changed; imported names rewritten: none; findings left: 0"
        "; files not read or not written: 1",
    ]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_owner_group_and_mode_are_kept_and_hard_links_never_split(
    fix_project: Flake8Project,
) -> None:
    owned = fix_project.write("app/owned.py", "from pkg.facade import Manager\n")
    os.chown(owned, 1234, 5678)
    owned.chmod(0o640)
    linked = fix_project.write("app/linked.py", "from pkg.facade import Manager\n")
    os.link(linked, fix_project.root / "elsewhere.py")
    run = fix(fix_project, "app")
    assert run.returncode == 2
    status = owned.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (1234, 5678, 0o640)
    assert owned.read_text(encoding="utf-8") == "from pkg.facade.core import Manager\n"
    assert linked.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"
    assert linked.stat().st_nlink == 2
    assert run.stderr.splitlines() == [
        "app/linked.py: cannot write: it has 2 hard links, which a rename would split; "
        "left unchanged",
        "flake8-ssot fix: 1 of 3 files changed; imported names rewritten: SOT101: 1; "
        "findings left: 0; files not read or not written: 1",
    ]
    # A process that may not give files away leaves them with their owner.
    owned.write_text("from pkg.facade import Helper\n", encoding="utf-8")
    no_chown = subprocess.run(
        unprivileged([sys.executable, "-m", "flake8_ssot", "fix", "app/owned.py"], "-chown"),
        cwd=fix_project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert no_chown.returncode == 2
    assert owned.read_text(encoding="utf-8") == "from pkg.facade import Helper\n"
    assert no_chown.stderr.splitlines()[0] == (
        "app/owned.py: cannot write: it belongs to 1234:5678, which this user cannot keep; "
        "left unchanged"
    )


def unprivileged(
    command: list[str], powers: str = "-dac_override,-dac_read_search,-fowner"
) -> list[str]:
    """``command`` without root's power to write where permissions forbid it (or ``powers``)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv to drop the override")
    return [setpriv, f"--bounding-set={powers}", "--", *command]


def test_write_errors_bad_encodings_and_deep_files_leave_a_reason(
    fix_project: Flake8Project,
) -> None:
    fix_project.write(
        "setup.cfg",
        FIX_CONFIG.replace("pkg.nowhere\n", "pkg.nowhere\n    pkg.oldcyr = pkg.новый\n"),
    )
    fix_project.write("pkg/oldcyr.py", "def get_logger(): ...\n")
    fix_project.write("pkg/новый.py", "def get_logger(): ...\n")
    locked = fix_project.write("app/locked/mod.py", "from pkg.facade import Manager\n")
    latin = fix_project.root / "app" / "latin.py"
    latin.write_bytes(b"# -*- coding: latin-1 -*-\n# \xe9\nfrom pkg.oldcyr import get_logger\n")
    deep_sum = "+".join(["1"] * 100_000)
    fix_project.write("app/deep_sum.py", f"from pkg.facade import Manager\nx = {deep_sum}\n")
    fix_project.write("app/deep_neg.py", f"from pkg.facade import Manager\nx = {'-' * 100_000}1\n")
    fine = fix_project.write("app/zz_fine.py", "from pkg.facade import Manager\n")
    locked.parent.chmod(0o555)
    try:
        run = subprocess.run(
            unprivileged([sys.executable, "-m", "flake8_ssot", "fix", "app"]),
            cwd=fix_project.root,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        locked.parent.chmod(0o755)
    assert run.returncode == 2
    assert locked.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"
    assert list(locked.parent.iterdir()) == [locked]
    assert latin.read_bytes() == (
        b"# -*- coding: latin-1 -*-\n# \xe9\nfrom pkg.oldcyr import get_logger\n"
    )
    assert fine.read_text(encoding="utf-8") == "from pkg.facade.core import Manager\n"
    lines = run.stderr.splitlines()
    assert lines[:2] == [
        "app/deep_neg.py: too deeply nested for Python's parser; left unchanged",
        "app/deep_sum.py: too deeply nested for Python's parser; left unchanged",
    ]
    assert lines[2] == (
        "app/latin.py: cannot write: 'pkg.новый' cannot be written in the file's encoding "
        "(iso-8859-1); left unchanged"
    )
    assert lines[3:] == [
        "app/locked/mod.py: cannot write: Permission denied; left unchanged",
        "flake8-ssot fix: 1 of 6 files changed; imported names rewritten: SOT101: 1; "
        "findings left: 0; files not read or not written: 2",
    ]


def test_a_full_disk_is_a_reason_and_the_next_file_is_fixed(
    fix_project: Flake8Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from flake8_ssot.adapters import cli

    first = fix_project.write("app/a.py", "from pkg.facade import Manager\n")
    second = fix_project.write("app/b.py", "from pkg.facade import Manager\n")
    real_fsync = os.fsync
    calls = []

    def full_once(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.chdir(fix_project.root)
    monkeypatch.setattr(os, "fsync", full_once)
    assert cli.main(["fix", "app"]) == 2
    assert first.read_text(encoding="utf-8") == "from pkg.facade import Manager\n"
    assert second.read_text(encoding="utf-8") == "from pkg.facade.core import Manager\n"
    assert sorted(path.name for path in first.parent.iterdir()) == ["__init__.py", "a.py", "b.py"]
    assert capsys.readouterr().err.splitlines() == [
        "app/a.py: cannot write: No space left on device; left unchanged",
        "flake8-ssot fix: 1 of 3 files changed; imported names rewritten: SOT101: 1; "
        "findings left: 0; files not read or not written: 1",
    ]


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch command")
def test_diff_applies_with_patch(fix_project: Flake8Project, tmp_path: Path) -> None:
    cases = {
        "no_newline.py": b"import os\nfrom pkg.facade import Manager",
        "feeds.py": b"x = 1  # \x0c\x0b\x1c\xc2\x85\xe2\x80\xa8\nfrom pkg.facade import Manager\n"
        b"y = '\x0c'\n",
        "crlf.py": b"import os\r\nfrom pkg.facade import Helper, Manager\r\nz = 1\r\n",
        "lone_cr.py": b"import os\rfrom pkg.facade import Manager\rz = 1\n",
        "bom.py": b"\xef\xbb\xbffrom pkg.facade import Manager\n",
        "latin.py": b"# coding: latin-1\n# \xe9\nfrom pkg.facade import Manager\n",
    }
    for name, data in cases.items():
        (fix_project.root / "app" / name).write_bytes(data)
    patched = tmp_path / "patched"
    shutil.copytree(fix_project.root, patched)
    diff = subprocess.run(
        [sys.executable, "-m", "flake8_ssot", "fix", "--diff", "app"],
        cwd=fix_project.root,
        capture_output=True,
        timeout=120,
    )
    assert diff.returncode == 0, diff.stderr
    assert b"\\ No newline at end of file\n" in diff.stdout
    applied = subprocess.run(
        ["patch", "-p0", "--batch", "--no-backup-if-mismatch"],
        cwd=patched,
        input=diff.stdout,
        capture_output=True,
        timeout=60,
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert fix(fix_project, "app").returncode == 0
    for name in cases:
        fixed = (fix_project.root / "app" / name).read_bytes()
        assert fixed != cases[name], name
        assert (patched / "app" / name).read_bytes() == fixed, name


def test_python_reads_the_result_as_planned_or_it_is_not_written(
    fix_project: Flake8Project,
) -> None:
    # The split's first line would stay in the `if` (a backslash joins the lines), the second not.
    continued = fix_project.write(
        "app/continued.py", "if c: \\\nfrom pkg.facade import Helper, Manager\n"
    )
    # tree-sitter reads `# c\rManager,  # d` as one comment; Python reads two and a name.
    commented = fix_project.root / "app" / "commented.py"
    commented.write_bytes(b"from pkg.facade import (Helper,  # c\rManager,  # d\n)\n")
    run = fix(fix_project, "app")
    assert run.returncode == 0, run.stderr
    assert continued.read_text(encoding="utf-8") == (
        "if c: \\\nfrom pkg.facade import Helper, Manager\n"
    )
    assert commented.read_bytes() == (
        b"# d\rfrom pkg.facade.extra import Helper  # c\rfrom pkg.facade.core import Manager\n"
    )
    assert run.stderr.splitlines() == [
        "app/continued.py: the rewritten file would not be the planned change (Python reads "
        "the edited text differently); left unchanged",
        "flake8-ssot fix: 1 of 3 files changed; imported names rewritten: SOT101: 2; "
        "findings left: 0",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_not_waited_on(fix_project: Flake8Project) -> None:
    os.mkfifo(fix_project.root / "app" / "fifo.py")
    fine = fix_project.write("app/fine.py", "from pkg.facade import Manager\n")
    run = fix(fix_project, "app")
    assert run.returncode == 2
    assert fine.read_text(encoding="utf-8") == "from pkg.facade.core import Manager\n"
    assert run.stderr.splitlines() == [
        "app/fifo.py: cannot read: [Errno 22] not a regular file",
        "flake8-ssot fix: 1 of 3 files changed; imported names rewritten: SOT101: 1; "
        "findings left: 0; files not read or not written: 1",
    ]


def test_a_moved_comment_never_becomes_a_coding_cookie(fix_project: Flake8Project) -> None:
    source = "from pkg.facade import (Helper,  # coding: latin-1\n    Manager)\nS = 'é'\n"
    path = fix_project.write("app/mod.py", source)
    run = fix(fix_project, "app")
    assert run.returncode == 0
    assert path.read_text(encoding="utf-8") == source
    assert run.stderr.splitlines() == [
        "app/mod.py:1:1: SOT101 left as is: a split would move the comment '# coding: latin-1' "
        "to another line, where it means something else; rewrite it by hand",
        "flake8-ssot fix: 0 of 2 files changed; imported names rewritten: none; findings left: 1",
    ]


def test_a_split_never_moves_a_directive_comment(fix_project: Flake8Project) -> None:
    """``# type: ignore`` above the first statement silences mypy for the whole file."""
    source = (
        "from pkg.facade import (\n    Manager,  # type: ignore\n    Helper,\n)\n"
        "from pkg.facade import (\n    Manager,  # noqa: F401\n    Helper,\n)\n"
        "from pkg.facade import (\n    Manager,  # the one\n    Helper,\n)\n"
    )
    path = fix_project.write("app/mod.py", source)
    run = fix(fix_project, "app")
    assert run.stderr.splitlines()[:2] == [
        "app/mod.py:1:1: SOT101 left as is: a split would move the comment '# type: ignore' "
        "to another line, where it means something else; rewrite it by hand",
        "app/mod.py:5:1: SOT101 left as is: a split would move the comment '# noqa: F401' "
        "to another line, where it means something else; rewrite it by hand",
    ]
    assert path.read_text(encoding="utf-8") == source.replace(
        "from pkg.facade import (\n    Manager,  # the one\n    Helper,\n)\n",
        "# the one\nfrom pkg.facade.core import Manager\nfrom pkg.facade.extra import Helper\n",
    )


def test_a_split_never_moves_a_directive_after_the_statement(
    fix_project: Flake8Project,
) -> None:
    """After a one-line statement the comment would end up on the last new line only."""
    source = (
        "from pkg.facade import Manager, Helper  # type: ignore\n"
        "from pkg.facade import Manager, Helper  # pragma: no cover\n"
        "from pkg.facade import Manager, Helper  # the two\n"
    )
    path = fix_project.write("app/mod.py", source)
    run = fix(fix_project, "app")
    assert run.stderr.splitlines()[:2] == [
        "app/mod.py:1:1: SOT101 left as is: a split would move the comment '# type: ignore' "
        "to another line, where it means something else; rewrite it by hand",
        "app/mod.py:2:1: SOT101 left as is: a split would move the comment "
        "'# pragma: no cover' to another line, where it means something else; rewrite it by "
        "hand",
    ]
    assert path.read_text(encoding="utf-8") == source.replace(
        "from pkg.facade import Manager, Helper  # the two\n",
        "from pkg.facade.core import Manager\nfrom pkg.facade.extra import Helper  # the two\n",
    )


def test_a_file_named_twice_stdin_and_unreadable_files(fix_project: Flake8Project) -> None:
    """One file under two spellings is fixed once; stdin is refused; the summary counts failures."""
    fix_project.write("app/b.py", "from pkg.facade import Manager\n")
    fix_project.root.joinpath("app/a.py").write_bytes(
        b"# -*- coding: nonexistent -*-\nfrom pkg.facade import Manager\n"
    )
    run = fix(fix_project, "--diff", "app/b.py", "./app/b.py", "app/a.py")
    assert run.returncode == 2
    assert run.stdout.count("+from pkg.facade.core import Manager") == 1
    assert run.stderr.splitlines() == [
        "app/a.py: cannot read: unknown encoding: nonexistent",
        "flake8-ssot fix: 1 of 2 files would change; imported names rewritten: SOT101: 1; "
        "findings left: 0; files not read or not written: 1",
    ]
    stdin = subprocess.run(
        [sys.executable, "-m", "flake8_ssot", "fix", "--stdin-display-name", "x.py", "-"],
        cwd=fix_project.root,
        input="from pkg.facade import Manager\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (stdin.returncode, stdin.stderr) == (
        2,
        "flake8-ssot fix: fix rewrites files in place and does not read stdin; "
        "give it file or directory paths\n",
    )


# What fix does with the advice. The lint half of each case (what flake8 advises
# beforehand) is a row of tables/deprecated.py, tables/legacy.py or tables/canonical.py;
# here fix must do exactly what was advised, and never send a caller to another object.


def test_fix_does_exactly_what_the_advice_says(project: Flake8Project) -> None:
    client = write_case(project.root, deprecated.ADVICE, "every-kind-of-reexport", "client.py")
    before = project.flake8("client.py").stdout_lines
    run = fix(project, "client.py")
    assert run.stderr.splitlines()[:-1] == [
        "client.py:4:1: SOT101 left as is: Thing is defined in app.ws itself",
        "client.py:5:1: SOT101 left as is: app.ws chooses Codec at import time "
        "from app.ws.fast or app.ws.slow",
        "client.py:6:1: SOT101 left as is: app.ws chooses Loop at import time "
        "from app.ws.win or app.ws.posix",
        "client.py:8:1: SOT101 left as is: app.ws serves missing from its module __getattr__",
        "client.py:10:1: SOT201 left as is: app.newlog does not define only_old",
    ]
    assert client.read_text(encoding="utf-8") == (
        "from app.ws.events import emit_event as emit\n"
        "from app.ws.events import emit_event as send\n"
        "from app.ws.unified import Unified\n"
        "from app.ws import Thing\n"
        "from app.ws import Codec\n"
        "from app.ws import Loop\n"
        "from app.ws.fallback import lazy\n"
        "from app.ws import missing\n"
        "from app.newlog import get_logger\n"
        "from app.oldlog import only_old\n"
    )
    # What is left is exactly what fix said it left, with the same advice as before.
    left_lines = {
        line.split(" left as is")[0].rsplit(":", 2)[0] for line in run.stderr.splitlines()
    }
    assert project.flake8("client.py").stdout_lines == [
        line for line in before if line.split(": SOT")[0].rsplit(":", 1)[0] in left_lines
    ]


def test_a_split_renames_only_the_redirected_alias(project: Flake8Project) -> None:
    client = write_case(
        project.root, deprecated.ADVICE, "a-split-renames-only-the-redirected-alias", "client.py"
    )
    fix(project, "client.py")
    assert client.read_text(encoding="utf-8") == (
        "from app.ws.unified import Unified\n"
        "from app.ws.events import emit_event as e\n"
        "from app.ws import Thing\n"
    )


def test_module_object_needs_the_submodule_imported(project: Flake8Project) -> None:
    """``import old as x; x.sub`` -> ``import new as x`` only if ``new`` imports ``sub`` itself."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-legacy-modules =\n    old = new\n    old2 = new2\n",
    )
    project.write("old/__init__.py", "from . import sub\n")
    project.write("old/sub.py", "value = 1\n")
    project.write("new/__init__.py")
    project.write("new/sub.py", "value = 2\n")
    project.write("old2/__init__.py", "from . import sub\n")
    project.write("old2/sub.py", "value = 1\n")
    project.write("new2/__init__.py", "from .sub import value\n")
    project.write("new2/sub.py", "value = 2\n")
    project.write("client.py", "import old as x\nimport old2 as y\nprint(x.sub.value, y.sub)\n")
    run = fix(project, "client.py")
    assert run.stderr.splitlines()[:-1] == [
        "client.py:1:1: SOT201 left as is: the code uses x.sub, which new does not define"
    ]
    assert (project.root / "client.py").read_text(encoding="utf-8") == (
        "import old as x\nimport new2 as y\nprint(x.sub.value, y.sub)\n"
    )


def test_a_facade_name_that_shadows_its_submodule(project: Flake8Project) -> None:
    """``unittest/__init__.py`` does ``from .main import main``: the import gets the function."""
    client = write_case(
        project.root, deprecated.FACADES, "a-facade-name-that-shadows-its-submodule"
    )
    fix(project, "client.py")
    assert client.read_text(encoding="utf-8") == (
        "from ut.main import main\nfrom ut import case, loader, one, two, path\n"
    )


def test_side_doors_and_module_objects_keep_their_objects(project: Flake8Project) -> None:
    """A side door that rebinds a canonical name, and a facade that wraps a name."""
    client = write_case(project.root, canonical.SIDE_DOORS, "a-side-door-that-rebinds-the-name")
    run = fix(project, "client.py")
    assert run.stderr.splitlines()[:-1] == [
        "client.py:2:1: SOT502 left as is: app.sidedoor binds Canon itself, not by importing "
        "it from app.home",
        "client.py:3:1: SOT101 left as is: the code uses ws.Gadget, which app.ws.core does not "
        "bind to the same object as app.ws",
    ]
    assert client.read_text(encoding="utf-8") == (
        "from app.home import Canon\nfrom app.sidedoor import Canon as C2\n"
        "import app.ws as ws\nimport app.ws.core as ws2\nprint(ws.Gadget, ws2.Plain)\n"
    )


def test_fix_leaves_a_modules_import_of_itself(project: Flake8Project) -> None:
    """A replacement that re-exports from the legacy module while the migration runs is
    not reported, so not rewritten to import itself."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = app.old = app.new\n")
    project.write("app/__init__.py")
    project.write("app/old.py", "def only_old(): ...\n")
    project.write("app/new.py", "from app.old import only_old\n")
    run = fix(project, "app/new.py")
    assert (project.root / "app/new.py").read_text(encoding="utf-8") == (
        "from app.old import only_old\n"
    )
    assert run.stderr.splitlines() == [
        "flake8-ssot fix: 0 of 1 files changed; imported names rewritten: none; findings left: 0"
    ]
    assert project.flake8("app").stdout_lines == []


def test_every_way_a_facade_rebinds_a_name_is_left(project: Flake8Project) -> None:
    """A loop, ``with``, ``match``, a walrus, ``global`` or ``except as`` rebinds the import:
    where the facade surely makes its own object, the replacement's own is what configuring
    the replacement asks for; where the facade may keep the import's object, it stays."""
    client = write_case(project.root, deprecated.FACADES, "every-way-a-facade-rebinds-a-name")
    before = client.read_text(encoding="utf-8").splitlines(keepends=True)
    run = fix(project, "client.py")
    after = client.read_text(encoding="utf-8").splitlines(keepends=True)
    assert [line for line in after if line not in before] == [
        "from core import Mgr\n",
        "from core import Mgr\n",
    ]
    assert [before.index(line) for line in before if line not in after] == [1, 3]
    assert run.stderr.splitlines()[-1] == (
        "flake8-ssot fix: 1 of 1 files changed; imported names rewritten: SOT101: 2; "
        "findings left: 5"
    )


def test_string_annotations_count_as_uses_of_the_module(project: Flake8Project) -> None:
    """``"x.Bar"`` is read by ``typing.get_type_hints`` in the module: NEW must bind ``Bar``."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = oldmod = newmod\n")
    project.write("oldmod.py", "class Bar: ...\nclass Baz: ...\n")
    project.write("newmod.py", "class Baz: ...\n")
    missing = project.write(
        "missing.py", "import oldmod as x\n\n\ndef f(a: 'x.Bar') -> 'list[x.Baz]':\n    pass\n"
    )
    present = project.write("present.py", "import oldmod as x\n\n\ndef f(a: 'x.Baz'):\n    pass\n")
    before = missing.read_text(encoding="utf-8")
    run = fix(project, "missing.py", "present.py")
    assert missing.read_text(encoding="utf-8") == before
    assert run.stderr.splitlines()[0] == (
        "missing.py:1:1: SOT201 left as is: the code uses x.Bar, which newmod does not define"
    )
    assert present.read_text(encoding="utf-8").startswith("import newmod as x\n")
    hints = subprocess.run(
        [
            sys.executable,
            "-c",
            "import typing, missing, present\n"
            "print(typing.get_type_hints(missing.f), typing.get_type_hints(present.f))",
        ],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert hints.returncode == 0, hints.stderr


def test_a_dunder_a_module_re_exports_is_a_name_like_any_other(project: Flake8Project) -> None:
    """``pkg.__version__`` is the very object ``pkg._client.__version__`` is (httpx)."""
    project.write(
        "setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = pkg = pkg._client\n"
    )
    project.write("pkg/__version__.py", "__version__ = '1.0'\n")
    project.write("pkg/__init__.py", "from .__version__ import __version__\n")
    project.write("pkg/_client.py", "from .__version__ import __version__\n")
    app = project.write("app.py", "import pkg\nprint(pkg.__version__, pkg.__name__)\n")
    version = project.write("version.py", "import pkg\nprint(pkg.__version__)\n")
    run = fix(project, "app.py", "version.py")
    assert (
        version.read_text(encoding="utf-8") == "import pkg._client as pkg\nprint(pkg.__version__)\n"
    )
    assert app.read_text(encoding="utf-8") == "import pkg\nprint(pkg.__version__, pkg.__name__)\n"
    assert "app.py:1:1: SOT101 left as is: the code uses pkg.__name__" in run.stderr


def test_module_objects_used_beyond_attributes_stay(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = oldmod = newmod\n")
    project.write("oldmod.py", "def f(): ...\ndef zzz(): ...\n")
    project.write("newmod.py", "def f(): ...\n")
    project.write("passed_on.py", "import oldmod as m\nmm = m\nprint(mm.zzz())\n")
    project.write("by_getattr.py", "import oldmod as m\nprint(getattr(m, 'zzz'))\n")
    project.write("dunder.py", "import oldmod as m\nprint(m.__name__, m.f())\n")
    run = fix(project, "passed_on.py", "by_getattr.py", "dunder.py")
    assert run.stderr.splitlines()[:-1] == [
        "by_getattr.py:1:1: SOT201 left as is: the code uses the module m itself (passes it "
        "on, aliases it, writes to it or reads it with getattr), where only reads of m.name "
        "could be checked against newmod",
        "passed_on.py:1:1: SOT201 left as is: the code uses the module m itself (passes it "
        "on, aliases it, writes to it or reads it with getattr), where only reads of m.name "
        "could be checked against newmod",
    ]
    # A legacy module is swapped on purpose: its __name__ goes with it.
    assert (project.root / "dunder.py").read_text(encoding="utf-8") == (
        "import newmod as m\nprint(m.__name__, m.f())\n"
    )


def test_fix_never_closes_an_import_cycle(project: Flake8Project) -> None:
    """click's case: core imports formatting before it binds what formatting would import."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = pkg.old = pkg.new\n")
    project.write("pkg/__init__.py", "from .new import helper\n")
    project.write("pkg/old.py", "def helper():\n    return 1\n")
    project.write(
        "pkg/new.py", "from .util import shout\nfrom .old import helper  # noqa: SOT201\n"
    )
    project.write("pkg/util.py", "from .old import helper\n\n\ndef shout():\n    return helper()\n")
    run = fix(project, "pkg/util.py")
    assert run.stderr.splitlines()[:-1] == [
        "pkg/util.py:1:1: SOT201 left as is: pkg.new imports pkg.util (directly or through "
        "other modules): importing from it here could close an import cycle; rewrite it by hand"
    ]


def test_fix_never_closes_an_import_cycle_through_the_targets_parent(
    project: Flake8Project,
) -> None:
    """Importing ``lib.new`` runs ``lib/__init__.py`` first, which imports this file."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = app.old = lib.new\n")
    project.write("lib/__init__.py", "from app.util import shout\n")
    project.write("lib/new.py", "def helper():\n    return 1\n")
    project.write("app/__init__.py")
    project.write("app/old.py", "def helper():\n    return 1\n")
    util = "from app.old import helper\n\n\ndef shout():\n    return helper()\n"
    project.write("app/util.py", util)
    run = fix(project, "app/util.py")
    assert (project.root / "app/util.py").read_text(encoding="utf-8") == util
    assert run.stderr.splitlines()[:-1] == [
        "app/util.py:1:1: SOT201 left as is: lib imports app.util (directly or through "
        "other modules): importing from it here could close an import cycle; rewrite it by hand"
    ]
    imported = subprocess.run(
        [sys.executable, "-c", "import app.util"],
        cwd=project.root,
        capture_output=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr


def test_fix_never_loads_a_submodule_that_replaces_its_packages_name(
    project: Flake8Project,
) -> None:
    """``svc`` binds ``core`` to a function; importing ``svc.core`` would replace it."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = oldm = svc.core\n")
    project.write("svc/__init__.py", "from .impl import core\n")
    project.write("svc/impl.py", "def core():\n    pass\n")
    project.write("svc/core.py", "from oldm import Bar  # noqa: SOT201\n")
    project.write("oldm.py", "class Bar:\n    pass\n")
    user = "from oldm import Bar\nimport svc\nR = svc.core\n"
    project.write("user.py", user)
    run = fix(project, "user.py")
    assert (project.root / "user.py").read_text(encoding="utf-8") == user
    assert run.stderr.splitlines()[0] == (
        "user.py:1:1: SOT201 left as is: importing svc.core would set svc.core to that "
        "submodule, replacing what svc binds as core; rewrite it by hand"
    )


def test_fix_never_closes_a_cycle_through_a_dynamic_import(project: Flake8Project) -> None:
    """``svc/__init__.py`` imports ``app.models`` with ``importlib`` while it runs."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = oldm = svc.core\n")
    project.write(
        "svc/__init__.py", "import importlib\n\nM = importlib.import_module('app.models').M\n"
    )
    project.write("svc/core.py", "class Bar:\n    pass\n")
    project.write("oldm.py", "class Bar:\n    pass\n")
    project.write("app/__init__.py")
    models = "from oldm import Bar\n\nM = Bar\n"
    project.write("app/models.py", models)
    run = fix(project, "app/models.py")
    assert (project.root / "app/models.py").read_text(encoding="utf-8") == models
    assert run.stderr.splitlines()[0] == (
        "app/models.py:1:1: SOT201 left as is: svc imports app.models (directly or through "
        "other modules): importing from it here could close an import cycle; rewrite it by hand"
    )


def test_imports_that_never_run_close_no_cycle(project: Flake8Project) -> None:
    """SQLAlchemy's ``util/preloaded.py``: imports under ``if TYPE_CHECKING:`` and an
    ``__import__`` in a function body run at no import of the module, even when the file
    has a dynamic import: the rewrite to ``svc.core`` closes no cycle."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = oldm = svc.core\n")
    project.write(
        "svc/__init__.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app import models\n"
        "    __import__('app.models')\n"
        "def load(name):\n    return __import__(name, globals(), locals())\n",
    )
    project.write("svc/core.py", "class Bar:\n    pass\n")
    project.write("oldm.py", "from svc.core import Bar\n")
    project.write("app/__init__.py")
    project.write("app/models.py", "from oldm import Bar\n\nM = Bar\n")
    run = fix(project, "app/models.py")
    assert run.stderr.splitlines() == [
        "flake8-ssot fix: 1 of 1 files changed; imported names rewritten: SOT201: 1; "
        "findings left: 0"
    ]
    assert (project.root / "app/models.py").read_text(encoding="utf-8") == (
        "from svc.core import Bar\n\nM = Bar\n"
    )


def test_fix_refuses_writes_through_a_module_and_unread_star_sources(
    project: Flake8Project,
) -> None:
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-legacy-modules = app.old = app.new\n"
        "ssot-deprecated-modules = app.facade = app.new\n",
    )
    project.write("app/__init__.py")
    project.write("app/new.py", "DEBUG = False\ndef loads(): ...\n")
    project.write("app/old.py", "from app.new import DEBUG\n")
    project.write("app/facade.py", "from json import *\n")
    project.write(
        "client.py", "import app.old as o\no.DEBUG = True\nfrom app.facade import loads\n"
    )
    run = fix(project, "client.py")
    assert run.stderr.splitlines()[:-1] == [
        "client.py:1:1: SOT201 left as is: the code uses the module o itself (passes it on, "
        "aliases it, writes to it or reads it with getattr), where only reads of o.name could "
        "be checked against app.new",
        "client.py:3:1: SOT101 left as is: app.facade may take loads from json (a star import "
        "of a module not read)",
    ]


def test_fix_follows_the_module_python_imports(project: Flake8Project) -> None:
    """Data directories beside modules (the project of tables/deprecated.py's case)."""
    path = write_case(
        project.root,
        deprecated.HOSTILE,
        "data-directories-do-not-shadow-modules",
        "app/main.py",
    )
    path.write_text("from logging import getLogger\nfrom pkg.old import thing\n", encoding="utf-8")
    run = fix(project, "app")
    assert run.returncode == 0, run.stderr
    # Not rewritten from the stdlib's logging to app.log; rewritten to pkg/new.py, which
    # defines thing (the directory pkg/new/ beside it is data).
    assert path.read_text(encoding="utf-8") == (
        "from logging import getLogger\nfrom pkg.new import thing\n"
    )


def test_module_names_too_long_for_the_file_system(project: Flake8Project) -> None:
    write_case(project.root, deprecated.HOSTILE, "module-names-too-long-for-the-file-system")
    fixed = fix(project, "app.py")
    assert fixed.returncode == 0 and "Traceback" not in fixed.stderr, fixed.stderr


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


def test_diff_counts_what_the_rewrite_leaves(project: Flake8Project) -> None:
    """pydantic's ``from pydantic.v1 import BaseModel`` moves to ``pydantic.v1.main``, which
    is a side door of the canonical ``pydantic:BaseModel`` (another object): that finding
    is left after the rewrite, and ``--diff`` says so as ``fix`` does."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules = v1\n"
        "ssot-canonical-symbols = pkg:BaseModel\n",
    )
    project.write("pkg/__init__.py", "class BaseModel: ...\n")
    project.write("v1/__init__.py", "from .main import BaseModel\n")
    project.write("v1/main.py", "class BaseModel: ...\n")
    client = project.write("client.py", "from v1 import BaseModel as V1\n")
    left = [
        "client.py:1:1: SOT502 left as is: v1.main binds BaseModel itself, not by importing "
        "it from pkg",
    ]
    diff = fix(project, "--diff", "client.py")
    assert diff.stderr.splitlines() == [
        *left,
        "flake8-ssot fix: 1 of 1 files would change; imported names rewritten: SOT101: 1; "
        "findings left: 1",
    ]
    run = fix(project, "client.py")
    assert client.read_text(encoding="utf-8") == "from v1.main import BaseModel as V1\n"
    assert run.stderr.splitlines() == [
        *left,
        "flake8-ssot fix: 1 of 1 files changed; imported names rewritten: SOT101: 1; "
        "findings left: 1",
    ]
