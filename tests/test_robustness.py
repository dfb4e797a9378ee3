"""Python's own module resolution, and a plugin that never crashes or hangs on a hostile tree.

Every case runs the real ``flake8`` (or ``flake8-ssot fix``) in a temporary
project, with a timeout: a hang fails the test instead of the suite.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import Flake8Project

RESOLUTION_CONFIG = """\
[flake8]
select = SOT
ssot-canonical-symbols = app.log:getLogger, pkg.facade:Manager
ssot-deprecated-modules = pkg.facade = pkg.facade_core
ssot-legacy-modules = pkg.old = pkg.new
"""


def fix(project: Flake8Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8_ssot.cli", "fix", *args],
        cwd=project.root, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def data_directories(project: Flake8Project) -> Flake8Project:
    """Directories of data beside modules: ``logging/`` of log files, ``pkg/new/`` and
    ``pkg/facade/helpers/`` of templates, none of them with an ``__init__.py``."""
    project.write("setup.cfg", RESOLUTION_CONFIG)
    project.write("logging/2024-01-01.log", "started\n")
    project.write("app/__init__.py")
    project.write("app/log.py", "def getLogger(): ...\n")
    project.write("pkg/__init__.py")
    project.write("pkg/facade.py", "class Manager: ...\ndef helpers(): ...\n")
    project.write("pkg/facade/helpers/page.html", "<p></p>\n")
    project.write("pkg/facade_core.py", "class Manager: ...\ndef helpers(): ...\n")
    project.write("pkg/old.py", "def thing(): ...\n")
    project.write("pkg/new.py", "def thing(): ...\n")
    project.write("pkg/new/thing/readme.txt", "data\n")
    return project


def test_data_directories_do_not_shadow_modules(data_directories: Flake8Project) -> None:
    data_directories.write(
        "app/main.py",
        "from logging import getLogger\n"
        "from pkg.facade import helpers\n"
        "from pkg.new import thing\n",
    )
    # logging is the standard library's: a plain directory does not make it first-party
    # (no SOT502); pkg/facade.py is the facade, so its helpers is a name, not a submodule.
    assert data_directories.flake8("app").stdout_lines == [
        "app/main.py:2:1: SOT101 'pkg.facade' is deprecated: import helpers from "
        "pkg.facade_core",
    ]


def test_fix_follows_the_module_python_imports(data_directories: Flake8Project) -> None:
    path = data_directories.write(
        "app/main.py", "from logging import getLogger\nfrom pkg.old import thing\n"
    )
    run = fix(data_directories, "app")
    assert run.returncode == 0, run.stderr
    # Not rewritten from the stdlib's logging to app.log; rewritten to pkg/new.py, which
    # defines thing (the directory pkg/new/ beside it is data).
    assert path.read_text(encoding="utf-8") == (
        "from logging import getLogger\nfrom pkg.new import thing\n"
    )


def test_namespace_packages_and_regular_modules_stay_first_party(
    project: Flake8Project,
) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-canonical-symbols = home:Thing\n")
    project.write("home.py", "class Thing: ...\n")
    project.write("company/service/core.py", "from home import Thing\n")  # namespace packages
    project.write("company/other/__init__.py")
    project.write("colorsys.py", "from home import Thing\n")  # shadows the stdlib module
    project.write(
        "app.py",
        "from company.service.core import Thing\n"
        "from company.other import Thing\n"
        "from colorsys import Thing\n"
        "from sys import Thing\n",  # built in: found before any source root
    )
    assert project.flake8("app.py").stdout_lines == [
        f"app.py:{line}:1: SOT502 'Thing' imported from {module}: import from home"
        for line, module in ((1, "company.service.core"), (2, "company.other"), (3, "colorsys"))
    ]
