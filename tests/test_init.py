"""``flake8-ssot init``, run as users run it, on a monorepo in the middle of a migration.

The project has one of each shape init looks for: a package facade that
warns at import and re-exports from its submodules, a PEP 562 module
``__getattr__`` that warns, a module of deprecation wrappers, a ``*_compat``
module, a class defined in four modules (one an alias, one a subclass that
adds nothing, one a parallel implementation), a conventional name defined
in three (``main``: never proposed), and a test class pytest's configuration
does not collect. The proposal must be read back by ``check-config`` and
give exactly the findings flake8 then reports.
"""

from __future__ import annotations

from collections import Counter

import pytest

from support import Flake8Project, flake8_ssot

FILES = {
    "app/__init__.py": "",
    # Warnings some imports make, not every one: none of these is proposed.
    "app/cli.py": """\
        import warnings
        from app.core.client import Client
        if __name__ == "__main__":
            warnings.warn("run app.core instead", DeprecationWarning)
        """,
    "app/optional.py": """\
        import warnings
        from app.core.client import Client
        try:
            import numpy
        except ImportError:
            warnings.warn("without numpy", DeprecationWarning)
        """,
    "app/oldpython.py": """\
        import sys, warnings
        from app.core.client import Client
        if sys.version_info < (3, 9):
            warnings.warn("Python 3.8 support is deprecated", DeprecationWarning)
        """,
    "app/ws/__init__.py": """\
        '''The old facade.'''
        import warnings

        from .manager import WebSocketManager
        from .events import emit

        warnings.warn("import from app.ws.manager", DeprecationWarning, stacklevel=2)
        """,
    "app/ws/manager.py": "class WebSocketManager:\n    def send(self) -> None: ...\n",
    "app/ws/events.py": "def emit() -> None: ...\n",
    "app/legacy_api.py": """\
        import warnings
        from importlib import import_module

        _MOVED = {"Client": "app.core.client"}


        def __getattr__(name):
            if name in _MOVED:
                warnings.warn(f"{name} moved", DeprecationWarning, stacklevel=2)
                return getattr(import_module(_MOVED[name]), name)
            raise AttributeError(name)
        """,
    "app/core/__init__.py": "",
    "app/core/client.py": "class Client: ...\n",
    "app/core/helpers.py": "def compute(x):\n    return x\n",
    "app/old_helpers.py": """\
        import warnings

        from app.core.helpers import compute as _compute


        def compute(x):
            warnings.warn("use app.core.helpers", DeprecationWarning, stacklevel=2)
            return _compute(x)
        """,
    "app/ws_compat.py": "from app.ws.manager import WebSocketManager\n",
    "app/core/registry.py": "class Registry:\n    def add(self, item): ...\n\n\ndef main(): ...\n",
    "app/old/__init__.py": "",
    "app/old/registry.py": """\
        from app.core.registry import Registry as _Registry


        class Registry(_Registry):
            '''Kept for old callers.'''


        def main(): ...
        """,
    "app/unified.py": """\
        from app.core.registry import Registry as CoreRegistry

        Registry = CoreRegistry


        def main(): ...
        """,
    "app/plugins/__init__.py": "",
    "app/plugins/registry.py": "class Registry:\n    def add(self, item, *, first=False): ...\n",
    "app/service.py": """\
        from app.core.registry import Registry
        from app.ws import WebSocketManager
        from app.ws_compat import WebSocketManager as W
        from app.legacy_api import Client
        from app.old_helpers import compute
        from app.unified import Registry as R
        """,
    "tests/test_service.py": """\
        class CheckService:
            def test_it(self):
                assert True
        """,
}

PROPOSAL = [
    "[flake8]",
    "# Proposed by flake8-ssot init from the 21 files flake8 lints here. Every entry",
    "# is a heuristic, with its evidence in the comments above it: review each one.",
    "ssot-deprecated-modules =",
    "    # app.legacy_api: its module __getattr__ warns of a deprecation (app/legacy_api.py:9)",
    "    # it fetches the moved names from app.core.client",
    "    app.legacy_api = app.core.client",
    "    # app.old_helpers: functions that warn of a deprecation and delegate: compute "
    "(app/old_helpers.py:6) calls app.core.helpers",
    "    app.old_helpers = app.core.helpers",
    "    # app.ws: warns of its deprecation when imported (app/ws/__init__.py:7)",
    "    # its names come from app.ws.events, app.ws.manager",
    "    app.ws",
    "ssot-compat-patterns =",
    "    # app.ws_compat: only re-exports app.ws.manager (app/ws_compat.py)",
    "    *_compat",
    "ssot-canonical-symbols =",
    "    # Registry: defined in 4 modules; home app.core.registry: app.old.registry, "
    "app.unified alias it, only call it, or subclass it adding nothing; imported from there "
    "by 3 modules",
    "    #   app/core/registry.py:1 class Registry",
    "    #   app/old/registry.py:4 class Registry(app.core.registry:Registry) (adds nothing)",
    "    #   app/plugins/registry.py:1 class Registry",
    "    #   app/unified.py:3 Registry = app.core.registry:Registry",
    "    app.core.registry:Registry",
    "# test discovery: setup.cfg, python_classes = Test*",
    "#   SOT401 (test class that pytest will not collect: name): 1",
    "#   SOT402 (test class that pytest will not collect: constructor): 0",
    "#   SOT403 (test module that pytest will not collect: file name): 0",
    "#   SOT404 (test module outside testpaths): 0",
]
SUMMARY = (
    "flake8-ssot init: this configuration gives 8 findings: "
    "SOT101 3, SOT301 1, SOT401 1, SOT501 2, SOT502 1"
)
#: The project's setup.cfg, with Windows line ends and a key init must keep.
SETUP_CFG = (
    b"[flake8]\r\nmax-line-length = 100\r\nssot-legacy-modules =\r\n"
    b"    app.unified = app.core.registry\r\n\r\n[tool:pytest]\r\npython_classes = Test*\r\n"
)


@pytest.fixture
def monorepo(project: Flake8Project) -> Flake8Project:
    for relative, text in FILES.items():
        project.write(relative, text)
    return project


def test_the_proposal_says_why_for_every_entry(monorepo: Flake8Project) -> None:
    (monorepo.root / "setup.cfg").write_bytes(
        b"[flake8]\nmax-line-length = 100\n\n[tool:pytest]\npython_classes = Test*\n"
    )
    run = flake8_ssot("init", cwd=monorepo.root, home=monorepo.root)
    assert run.returncode == 0
    # ``main``, defined in three modules, is a convention, not a canonical symbol.
    assert run.stdout.splitlines() == PROPOSAL
    assert run.stderr.splitlines() == [
        SUMMARY,
        "flake8-ssot init: read 21 files, parsed 13 of them once",
    ]


def test_write_keeps_the_file_and_its_keys_and_flake8_agrees(monorepo: Flake8Project) -> None:
    config = monorepo.root / "setup.cfg"
    config.write_bytes(SETUP_CFG)
    run = flake8_ssot("init", "--write", cwd=monorepo.root, home=monorepo.root)
    assert (run.returncode, run.stdout) == (0, "")
    assert run.stderr.splitlines() == [
        "flake8-ssot init: setup.cfg sets ssot-legacy-modules already: kept as it is",
        "flake8-ssot init: wrote ssot-deprecated-modules, ssot-compat-patterns, "
        "ssot-canonical-symbols to setup.cfg",
        # app.unified is legacy: its alias is reported as SOT201, not SOT502.
        "flake8-ssot init: this configuration gives 8 findings: "
        "SOT101 3, SOT201 1, SOT301 1, SOT401 1, SOT501 2",
        "flake8-ssot init: read 21 files, parsed 13 of them once",
    ]
    written = config.read_bytes()
    head, tail = SETUP_CFG.split(b"\r\n\r\n", 1)
    added = "\r\n".join(PROPOSAL[1:]).encode("utf-8")
    assert written == head + b"\r\n" + added + b"\r\n\r\n" + tail
    check = flake8_ssot("check-config", cwd=monorepo.root, home=monorepo.root)
    assert check.returncode == 0, check.stderr
    assert "  *_compat" not in check.stdout and "ssot-compat-patterns (SOT301): *_compat" in (
        check.stdout
    )
    assert "  app.ws\n" in check.stdout and "  app.core.registry:Registry\n" in check.stdout
    flake8 = monorepo.flake8(".")
    codes = Counter(line.split()[1] for line in flake8.stdout_lines)
    assert Counter({code: count for code, count in codes.items() if code.startswith("SOT")}) == {
        "SOT101": 3,
        "SOT201": 1,
        "SOT301": 1,
        "SOT401": 1,
        "SOT501": 2,
    }


def test_write_goes_after_the_last_option_not_the_next_sections_comment(
    monorepo: Flake8Project,
) -> None:
    config = monorepo.root / "setup.cfg"
    config.write_bytes(
        b"[flake8]\nselect = SOT\n# about select\n\n# pytest reads this:\n"
        b"[tool:pytest]\npython_classes = Test*\n"
    )
    run = flake8_ssot("init", "--write", cwd=monorepo.root, home=monorepo.root)
    assert run.returncode == 0, run.stderr
    text = config.read_text(encoding="utf-8")
    added = "\n".join(PROPOSAL[1:]) + "\n"
    assert text == (
        "[flake8]\nselect = SOT\n" + added + "# about select\n\n# pytest reads this:\n"
        "[tool:pytest]\npython_classes = Test*\n"
    )


def test_the_count_leaves_out_what_the_baseline_accepts(monorepo: Flake8Project) -> None:
    monorepo.write(
        "setup.cfg",
        "[flake8]\nssot-baseline = .ssot-baseline.json\n\n[tool:pytest]\npython_classes = Test*\n",
    )
    assert flake8_ssot("init", "--write", cwd=monorepo.root, home=monorepo.root).returncode == 0
    recorded = flake8_ssot("baseline", cwd=monorepo.root, home=monorepo.root)
    assert recorded.stderr == "flake8-ssot baseline: 8 findings recorded in .ssot-baseline.json\n"
    monorepo.write("app/late.py", "from app.ws import WebSocketManager\n")
    again = flake8_ssot("init", cwd=monorepo.root, home=monorepo.root)
    assert "flake8-ssot init: this configuration gives 1 finding: SOT101 1" in (
        again.stderr.splitlines()
    )
    sot = [line for line in monorepo.flake8(".").stdout_lines if " SOT" in line]
    assert sot == [
        "./app/late.py:1:1: SOT101 'app.ws' is deprecated: import WebSocketManager from "
        "app.ws.manager"
    ]


def test_write_through_a_symlink_keeps_the_link(monorepo: Flake8Project) -> None:
    real = monorepo.write("shared/flake8.cfg", "[flake8]\nmax-line-length = 100\n")
    (monorepo.root / "setup.cfg").symlink_to(real)
    run = flake8_ssot("init", "--write", cwd=monorepo.root, home=monorepo.root)
    assert run.returncode == 0, run.stderr
    assert (monorepo.root / "setup.cfg").is_symlink()
    assert real.read_text(encoding="utf-8").startswith(
        "[flake8]\nmax-line-length = 100\n# Proposed by flake8-ssot init"
    )


def test_write_creates_setup_cfg_when_flake8_reads_none(monorepo: Flake8Project) -> None:
    config = monorepo.root / "setup.cfg"
    config.write_bytes(b"[metadata]\nname = app\n")
    run = flake8_ssot("init", "--write", cwd=monorepo.root, home=monorepo.root)
    assert run.returncode == 0
    text = config.read_text(encoding="utf-8")
    assert text.startswith("[metadata]\nname = app\n\n[flake8]\n# Proposed by flake8-ssot init")
    check = flake8_ssot("check-config", cwd=monorepo.root, home=monorepo.root)
    assert check.returncode == 0, check.stderr


def test_workers_give_the_same_proposal(monorepo: Flake8Project) -> None:
    """Past PARALLEL_FROM files the scan runs on --jobs worker processes."""
    (monorepo.root / "setup.cfg").write_bytes(
        b"[flake8]\nmax-line-length = 100\n\n[tool:pytest]\npython_classes = Test*\n"
    )
    for number in range(200):
        monorepo.write(f"app/filler/m{number}.py", f"def helper{number}(): ...\n")
    monorepo.write("app/filler/__init__.py")
    runs = [
        flake8_ssot("init", "--jobs", jobs, cwd=monorepo.root, home=monorepo.root)
        for jobs in ("1", "2")
    ]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.splitlines()[1:] == [
        PROPOSAL[1].replace("21 files", "222 files"),
        *PROPOSAL[2:],
    ]
    assert runs[0].stderr == runs[1].stderr
    assert runs[1].stderr.splitlines()[0] == SUMMARY


def test_paths_and_exclude_are_flake8s(monorepo: Flake8Project) -> None:
    run = flake8_ssot(
        "init", "app", "--exclude", "ws_compat.py", cwd=monorepo.root, home=monorepo.root
    )
    assert run.returncode == 0
    assert "*_compat" not in run.stdout
    assert "from the 19 files" in run.stdout


def test_stdin_is_refused(monorepo: Flake8Project) -> None:
    run = flake8_ssot("init", "-", cwd=monorepo.root, home=monorepo.root, stdin="import os\n")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        "flake8-ssot init: it reads the files of a tree, not stdin; "
        "give it file or directory paths\n"
    )


def test_what_the_evidence_does_not_settle_is_left_as_comments(project: Flake8Project) -> None:
    """A module whose ``__getattr__`` warns but which binds an API of its own, a module
    named compat that defines its own functions, and a class three modules define
    independently: none is proposed, each is described for review."""
    project.write("setup.cfg", "[flake8]\n")
    project.write("pkg/__init__.py")
    project.write("pkg/new.py", "def moved(): ...\n")
    project.write(
        "pkg/api.py",
        """\
        import warnings

        from pkg import new


        class Api: ...


        def __getattr__(name):
            warnings.warn("moved", DeprecationWarning)
            return getattr(new, name)
        """,
    )
    project.write("pkg/py_compat.py", "def ensure_text(value): ...\n")
    for module in ("a", "b", "c"):
        project.write(f"pkg/{module}.py", "class Error(Exception): ...\n")
    run = flake8_ssot("init", cwd=project.root, home=project.root)
    assert (run.returncode, run.stdout.splitlines()[3:]) == (
        0,
        [
            "# ssot-deprecated-modules: nothing proposed; for review:",
            "    # pkg.api: its module __getattr__ warns of a deprecation (pkg/api.py:10)",
            "    # it fetches the moved names from pkg.new",
            "    # not proposed: it also binds Api",
            "# ssot-compat-patterns: nothing proposed; for review:",
            "    # pkg.py_compat: its name says compat, but it defines ensure_text",
            "    # not proposed: a module of its own, not a shim",
            "# ssot-canonical-symbols: nothing proposed; for review:",
            "    # Error: defined in 3 modules, none following another: not proposed (unrelated, "
            "or parallel implementations to merge by hand)",
            "    #   pkg/a.py:1 class Error(Exception) (adds nothing)",
            "    #   pkg/b.py:1 class Error(Exception) (adds nothing)",
            "    #   pkg/c.py:1 class Error(Exception) (adds nothing)",
            "# test discovery: pytest defaults, python_classes = Test",
            "#   SOT401 (test class that pytest will not collect: name): 0",
            "#   SOT402 (test class that pytest will not collect: constructor): 0",
            "#   SOT403 (test module that pytest will not collect: file name): 0",
            "#   SOT404 (test module outside testpaths): 0",
        ],
    )
    assert run.stderr.splitlines()[0] == "flake8-ssot init: this configuration gives 0 findings"
    write = flake8_ssot("init", "--write", cwd=project.root, home=project.root)
    assert write.stderr.splitlines()[0] == "flake8-ssot init: no entry to write to setup.cfg"
    assert (project.root / "setup.cfg").read_text(encoding="utf-8") == "[flake8]\n"


def test_warnings_that_are_not_about_the_module_propose_nothing(project: Flake8Project) -> None:
    """A wrapper handing over to the standard library, a function that warns about one
    argument, and a shim's own warning category are no evidence of a move."""
    project.write("setup.cfg", "[flake8]\n")
    project.write("pkg/__init__.py")
    project.write("pkg/warnings.py", "class PkgDeprecatedSince2(DeprecationWarning): ...\n")
    project.write("pkg/config.py", "def make_config(**kwargs): ...\n")
    project.write(
        "pkg/tools.py",
        """\
        import json
        import warnings

        from pkg.config import make_config


        def dumps(value):
            warnings.warn("use json", DeprecationWarning)
            return json.dumps(value)


        def prepare(old=None, **kwargs):
            if old is not None:
                warnings.warn("old= is deprecated", DeprecationWarning)
            return make_config(**kwargs)
        """,
    )
    project.write(
        "pkg/sentinel.py",
        """\
        import warnings

        from pkg.warnings import PkgDeprecatedSince2


        def __getattr__(name):
            warnings.warn("import it from the vendor", PkgDeprecatedSince2)
            from vendor import MISSING

            return MISSING
        """,
    )
    run = flake8_ssot("init", cwd=project.root, home=project.root)
    assert (run.returncode, run.stdout.splitlines()[3:6]) == (
        0,
        [
            "ssot-deprecated-modules =",
            "    # pkg.sentinel: its module __getattr__ warns of a deprecation (pkg/sentinel.py:7)",
            "    pkg.sentinel",
        ],
    )
    assert "pkg.tools" not in run.stdout
