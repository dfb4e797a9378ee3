"""A malformed entry stops flake8 with one line naming the option and the entry."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import Flake8Project, Flake8Run


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param(
            "ssot-deprecated-modules = pkg..facade",
            "flake8-ssot: ssot-deprecated-modules: entry 'pkg..facade': "
            "'pkg..facade' is not a dotted module name",
            id="bad-dotted-name",
        ),
        pytest.param(
            "ssot-deprecated-modules = pkg.class",
            "flake8-ssot: ssot-deprecated-modules: entry 'pkg.class': "
            "'pkg.class' is not a dotted module name",
            id="keyword-in-name",
        ),
        pytest.param(
            "ssot-legacy-modules =\n    a.old = b/new",
            "flake8-ssot: ssot-legacy-modules: entry 'a.old = b/new': "
            "replacement 'b/new' is not a dotted module name",
            id="bad-replacement",
        ),
        pytest.param(
            "ssot-legacy-modules = a.old =",
            "flake8-ssot: ssot-legacy-modules: entry 'a.old =': "
            "replacement '' is not a dotted module name",
            id="empty-replacement",
        ),
        pytest.param(
            "ssot-legacy-modules = a.old = b.new ; removed_in 2.0",
            "flake8-ssot: ssot-legacy-modules: entry 'a.old = b.new ; removed_in 2.0': "
            "unknown key 'removed_in' (expected 'removed-in VERSION')",
            id="unknown-key",
        ),
        pytest.param(
            "ssot-deprecated-modules = a.old ; removed-in soon",
            "flake8-ssot: ssot-deprecated-modules: entry 'a.old ; removed-in soon': "
            "'soon' is not a PEP 440 version",
            id="invalid-version",
        ),
        pytest.param(
            "ssot-deprecated-modules = a.old ; removed-in",
            "flake8-ssot: ssot-deprecated-modules: entry 'a.old ; removed-in': "
            "'' is not a PEP 440 version",
            id="missing-version",
        ),
        pytest.param(
            "ssot-deprecated-modules =\n    a.old = a.new\n    a.old = a.newer",
            "flake8-ssot: ssot-deprecated-modules: entry 'a.old = a.newer': "
            "'a.old' is listed twice",
            id="listed-twice",
        ),
        pytest.param(
            "ssot-legacy-modules = app.oldlog = app.newlog\n"
            "ssot-canonical-symbols = app.oldlog:get_logger",
            "flake8-ssot: ssot-canonical-symbols: entry 'app.oldlog:get_logger': the home "
            "'app.oldlog' lies inside the legacy module 'app.oldlog'",
            id="canonical-home-is-legacy",
        ),
        pytest.param(
            "ssot-legacy-modules = pkg.old = pkg.old.new",
            "flake8-ssot: ssot-legacy-modules: entry 'pkg.old = pkg.old.new': the replacement "
            "'pkg.old.new' lies inside the legacy module 'pkg.old'",
            id="replacement-inside-the-legacy-subtree",
        ),
        pytest.param(
            "ssot-legacy-modules = pkg.old = pkg.x_compat",
            "flake8-ssot: ssot-legacy-modules: entry 'pkg.old = pkg.x_compat': the replacement "
            "'pkg.x_compat' matches the compat pattern '*_compat'",
            id="replacement-is-a-compat-shim",
        ),
        pytest.param(
            "ssot-deprecated-modules =\n    a.facade = a.other\n    a.other = a.core",
            "flake8-ssot: ssot-deprecated-modules: entry 'a.facade = a.other': the replacement "
            "'a.other' is itself listed in ssot-deprecated-modules",
            id="replacement-is-deprecated",
        ),
        pytest.param(
            "ssot-legacy-modules = a.old = a.old",
            "flake8-ssot: ssot-legacy-modules: entry 'a.old = a.old': "
            "a module cannot replace itself",
            id="replaces-itself",
        ),
        pytest.param(
            "ssot-compat-patterns = *_compat, shims/*",
            "flake8-ssot: ssot-compat-patterns: entry 'shims/*': "
            "a pattern holds dotted-name characters, * ? and [...] sets only",
            id="bad-pattern",
        ),
        pytest.param(
            "ssot-compat-patterns = *-compat",
            "flake8-ssot: ssot-compat-patterns: entry '*-compat': "
            "a pattern holds dotted-name characters, * ? and [...] sets only",
            id="dash-outside-set",
        ),
        pytest.param(
            "ssot-deprecated-modules = a.old\nssot-legacy-modules = a.old = a.new",
            "flake8-ssot: ssot-legacy-modules: entry 'a.old': "
            "'a.old' is also listed in ssot-deprecated-modules",
            id="deprecated-and-legacy",
        ),
        pytest.param(
            "ssot-canonical-symbols = core.manager.Manager",
            "flake8-ssot: ssot-canonical-symbols: entry 'core.manager.Manager': "
            "expected 'package.module:Name'",
            id="canonical-without-colon",
        ),
        pytest.param(
            "ssot-canonical-symbols = core..manager:Manager",
            "flake8-ssot: ssot-canonical-symbols: entry 'core..manager:Manager': "
            "'core..manager' is not a dotted module name",
            id="canonical-bad-module",
        ),
        pytest.param(
            "ssot-canonical-symbols = core.manager:Man ager",
            "flake8-ssot: ssot-canonical-symbols: entry 'core.manager:Man ager': "
            "'Man ager' is not a name",
            id="canonical-bad-name",
        ),
        pytest.param(
            "ssot-canonical-symbols =\n    a.b:Manager\n    c.d:Manager",
            "flake8-ssot: ssot-canonical-symbols: entry 'c.d:Manager': "
            "'Manager' already has a home: a.b",
            id="canonical-two-homes",
        ),
        pytest.param(
            "ssot-deprecated-module = a.old",
            "flake8-ssot: {root}/setup.cfg: unknown option 'ssot-deprecated-module' in [flake8] "
            "(did you mean 'ssot-deprecated-modules'?)",
            id="misspelled-option",
        ),
        pytest.param(
            "ssot_compat = *_shim",
            "flake8-ssot: {root}/setup.cfg: unknown option 'ssot_compat' in [flake8] "
            "(did you mean 'ssot-compat-patterns'?)",
            id="misspelled-option-underscores",
        ),
        pytest.param(
            "ssot-source-roots = src, missing",
            "flake8-ssot: ssot-source-roots: entry 'missing': {root}/missing is not a directory",
            id="missing-source-root",
        ),
    ],
)
def test_malformed_entry_stops_flake8(project: Flake8Project, config: str, message: str) -> None:
    project.write("setup.cfg", f"[flake8]\nselect = SOT\n{config}\n")
    project.write("src/m.py", "import os\n")
    run = project.flake8("src")
    assert run.stderr.splitlines() == [message.format(root=project.root)]
    assert run.stdout_lines == []
    assert run.returncode != 0


def test_malformed_flag_stops_flake8(project: Flake8Project) -> None:
    project.write("m.py", "import os\n")
    run = project.flake8("--ssot-legacy-modules", "a.b ; removed-in 1.0 ; removed-in 2.0", "m.py")
    assert run.stderr.splitlines() == [
        "flake8-ssot: ssot-legacy-modules: entry 'a.b ; removed-in 1.0 ; removed-in 2.0': "
        "'removed-in' is given twice"
    ]
    assert run.returncode != 0


def test_malformed_entry_with_parallel_jobs(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nssot-deprecated-modules = 1pkg\n")
    for index in range(4):
        project.write(f"m{index}.py", "import os\n")
    run = project.flake8("--jobs", "2", ".")
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        "flake8-ssot: ssot-deprecated-modules: entry '1pkg': '1pkg' is not a dotted module name"
    ]
    assert run.returncode != 0


def test_config_given_with_dash_dash_config_is_the_one_checked(project: Flake8Project) -> None:
    """flake8 hides --config from plugins; the plugin still checks that file, not the cwd's."""
    project.write("repo/ci/flake8.cfg", "[flake8]\nselect = SOT\nssot-legacy-module = a.old\n")
    project.write("repo/src/m.py", "import os\n")
    run = project.flake8("--config", "repo/ci/flake8.cfg", "repo/src")
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/repo/ci/flake8.cfg: unknown option 'ssot-legacy-module' "
        "in [flake8] (did you mean 'ssot-legacy-modules'?)"
    ]


def test_source_roots_are_relative_to_a_dash_dash_config_file(project: Flake8Project) -> None:
    project.write(
        "repo/ci/flake8.cfg",
        "[flake8]\nselect = SOT\nssot-source-roots = ../src\n"
        "ssot-deprecated-modules = ns.facade = ns.facade.core\n",
    )
    # A namespace package: only the source root tells its module name.
    project.write("repo/src/ns/facade/__init__.py", "from .core import Manager\n")
    project.write("repo/src/ns/facade/core.py", "class Manager: ...\n")
    project.write("repo/src/ns/app.py", "from .facade import Manager\n")
    run = project.flake8("--config", "repo/ci/flake8.cfg", "repo/src/ns/app.py")
    assert run.stderr == ""
    assert run.stdout_lines == [
        "repo/src/ns/app.py:1:1: SOT101 'ns.facade' is deprecated: "
        "import Manager from ns.facade.core"
    ]


def test_isolated_runs_read_no_config_file(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("src/m.py", "import os\n")
    run = project.flake8("--isolated", "--select=SOT", "src")
    assert (run.stderr, run.stdout_lines, run.returncode) == ("", [], 0)


def flake8_with_home(project: Flake8Project, cwd: str, home: str) -> Flake8Run:
    """flake8 over ``cwd`` with HOME set: flake8's config lookup stops below HOME."""
    completed = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "F,SOT", "."],
        cwd=project.root / cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(project.root / home)},
    )
    return Flake8Run(completed.stdout.splitlines(), completed.stderr, completed.returncode)


def test_the_config_lookup_is_flake8s_and_stops_below_home(project: Flake8Project) -> None:
    """A stray ``~/.flake8`` is read only when flake8 runs in HOME itself, as flake8 reads it."""
    project.write("home/.flake8", "[flake8]\nssot-legacy-module = a.old\n")
    project.write("home/repo/m.py", "import os\n")
    below_home = flake8_with_home(project, "home/repo", home="home")
    in_home = flake8_with_home(project, "home", home="home")
    assert (below_home.stdout_lines, below_home.stderr) == (
        ["./m.py:1:1: F401 'os' imported but unused"],
        "",
    )
    assert in_home.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/home/.flake8: unknown option 'ssot-legacy-module' "
        "in [flake8] (did you mean 'ssot-legacy-modules'?)"
    ]
    assert (in_home.stdout_lines, in_home.returncode) == ([], 1)


def test_unparseable_config_candidates_are_skipped_as_flake8_skips_them(
    project: Flake8Project,
) -> None:
    project.write("repo/.flake8", "[flake8]\nssot-compat = *_shim\n")
    project.write("repo/sub/setup.cfg", "no section header\n")
    (project.root / "repo" / "sub" / "tox.ini").write_bytes(b"[flake8]\nx = \xff\n")
    project.write("repo/sub/m.py", "import os\n")
    run = flake8_with_home(project, "repo/sub", home="home")
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/repo/.flake8: unknown option 'ssot-compat' "
        "in [flake8] (did you mean 'ssot-compat-patterns'?)"
    ]
    assert (run.stdout_lines, run.returncode) == ([], 1)
