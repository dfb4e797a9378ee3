"""Python's own module resolution, and a plugin that never crashes or hangs on a hostile tree.

Every case runs the real ``flake8`` (or ``flake8-ssot fix``) in a temporary
project, with a timeout: a hang fails the test instead of the suite.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from support import Flake8Project, fix

RESOLUTION_CONFIG = """\
[flake8]
select = SOT
ssot-canonical-symbols = app.log:getLogger, pkg.facade_core:Manager
ssot-deprecated-modules = pkg.facade = pkg.facade_core
ssot-legacy-modules = pkg.old = pkg.new
"""


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
        "app/main.py:2:1: SOT101 'pkg.facade' is deprecated: helpers is defined in "
        "pkg.facade itself",
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


SUM = "x = " + "1 + " * 100_000 + "1\n"  # RecursionError building the AST on 3.11+
UNARY = "x = " + "-" * 100_000 + "1\n"  # MemoryError in the parser
PARENS = "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n"  # "too many nested parentheses"


def test_recursion_deep_facade_and_base_modules(project: Flake8Project) -> None:
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
        "    pkg.sum = pkg.core\n    pkg.unary = pkg.core\n    pkg.parens = pkg.core\n",
    )
    project.write("pkg/core.py", "class Manager: ...\n")
    for name, deep in (("sum", SUM), ("unary", UNARY), ("parens", PARENS)):
        project.write(f"pkg/{name}/__init__.py", "from pkg.core import Manager\n" + deep)
        project.write(
            f"tests/{name}_base.py",
            f"class {name.title()}Base:\n    def test_a(self): ...\n" + deep,
        )
    project.write("tests/__init__.py")
    project.write(
        "tests/test_x.py",
        "from pkg.sum import Manager\nfrom pkg.unary import Manager\n"
        "from pkg.parens import Manager\n"
        "from tests.sum_base import SumBase\nfrom tests.unary_base import UnaryBase\n"
        "from tests.parens_base import ParensBase\n"
        "class CriticalSum(SumBase): ...\nclass CriticalUnary(UnaryBase): ...\n"
        "class CriticalParens(ParensBase): ...\n",
    )
    run = project.flake8("tests/test_x.py")
    assert run.stderr == ""
    expected = [
        f"tests/test_x.py:{line}:1: SOT101 'pkg.{name}' is deprecated: import Manager from pkg.core"
        for line, name in ((1, "sum"), (2, "unary"), (3, "parens"))
    ]
    if sys.version_info < (3, 11):  # 3.10 builds the deep sum's AST: its base class is known
        expected.append(
            "tests/test_x.py:7:1: SOT401 class CriticalSum has 1 test method but pytest will "
            "not collect it: name matches none of python_classes ['Test'] (pytest defaults)"
        )
    assert run.stdout_lines == expected


def test_module_names_too_long_for_the_file_system(project: Flake8Project) -> None:
    long_a, long_b, long_c = "a" * 300, "b" * 300, "c" * 300
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\n"
        f"ssot-deprecated-modules = {long_a}.{long_b} = pkg.new\n"
        f"ssot-legacy-modules = pkg.old = {long_c}.{long_b}\n"
        f"ssot-canonical-symbols = {long_a}:Thing\n"
        "ssot-compat-patterns = *_compat\n",
    )
    project.write("pytest.ini", "[pytest]\n")
    project.package("pkg")
    project.write("pkg/old.py", "Thing = 1\n")
    source = (
        f"from {long_a}.{long_b} import Thing\n"
        f"from pkg import {long_a}_compat\n"  # a name in pkg: no such submodule
        f"from {long_b} import Thing\n"
        "from pkg.old import Thing\n"
    )
    project.write("app.py", source)
    run = project.flake8("app.py")
    assert run.stderr == ""
    assert run.stdout_lines == [
        f"app.py:1:1: SOT101 '{long_a}.{long_b}' is deprecated: use pkg.new",
        f"app.py:4:1: SOT201 'pkg.old' is legacy: use {long_c}.{long_b}",
    ]
    # The same file on stdin, under a display name longer than the system allows.
    display = "/".join([long_a] * 20) + "/app.py"
    on_stdin = project.flake8("-", "--stdin-display-name", display, stdin=source)
    assert on_stdin.stderr == ""
    assert on_stdin.stdout_lines == [
        line.replace("app.py", display, 1) for line in run.stdout_lines
    ]
    fixed = fix(project, "app.py")
    assert fixed.returncode == 0 and "Traceback" not in fixed.stderr, fixed.stderr


def test_a_file_1000_directories_deep(project: Flake8Project) -> None:
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-legacy-modules = pkg.old = pkg.new\n",
    )
    project.write("pytest.ini", "[pytest]\n")
    project.write("pkg/old.py")
    deep = "/".join(["d"] * 1000)
    for depth in range(1, 1001):
        project.write("/".join(["d"] * depth) + "/__init__.py")
    path = f"{deep}/test_deep.py"
    source = (
        "import pkg.old\nfrom . import sibling\nclass CriticalTests:\n    def test_a(self): ...\n"
    )
    project.write(path, source)
    try:
        run = project.flake8(path)
    finally:
        remove_deep_tree(project.root / deep)
    assert run.stderr == ""
    assert run.stdout_lines == [
        f"{path}:1:1: SOT201 'pkg.old' is legacy: use pkg.new",
        f"{path}:3:1: SOT401 class CriticalTests has 1 test method but pytest will not collect "
        "it: name matches none of python_classes ['Test'] (pytest.ini)",
    ]


def remove_deep_tree(deepest: Path) -> None:
    """Remove a chain of directories bottom-up: shutil.rmtree (and so pytest's cleanup of
    old temporary directories) recurses once per level and overflows before 1,000."""
    directory = deepest
    while directory.name == "d":
        for child in directory.iterdir():
            if not child.is_dir():
                child.unlink()
        directory.rmdir()
        directory = directory.parent


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifos_named_like_modules_are_never_read(project: Flake8Project) -> None:
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules = pkg.facade = pkg.core\n",
    )
    project.write("pkg/core.py", "class Manager: ...\n")
    (project.root / "pkg" / "facade").mkdir()
    os.mkfifo(project.root / "pkg" / "facade" / "__init__.py")
    project.write("tests/__init__.py")
    os.mkfifo(project.root / "tests" / "base.py")
    os.symlink("/dev/zero", project.root / "tests" / "zero.py")
    project.write(
        "tests/test_x.py",
        "from pkg.facade import Manager\nfrom tests.base import Base\n"
        "from tests.zero import Zero\n"
        "class CriticalBase(Base):\n    def test_a(self): ...\n"
        "class CriticalZero(Zero):\n    def test_b(self): ...\n",
    )
    run = project.flake8("tests/test_x.py")  # would block forever reading a FIFO
    assert run.stderr == ""
    # No regular __init__.py: pkg.facade is a namespace package, so Manager comes from the
    # configured replacement; the bases cannot be read, so their classes are not judged.
    assert run.stdout_lines == [
        "tests/test_x.py:1:1: SOT101 'pkg.facade' is deprecated: import Manager from pkg.core",
    ]


def test_cycles_self_references_and_rebinding(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT4\n")
    project.write("tests/__init__.py")
    project.write("tests/a.py", "from tests.b import B\nclass A(B):\n    def test_a(self): ...\n")
    project.write("tests/b.py", "from tests.a import A\nclass B(A):\n    def test_b(self): ...\n")
    project.write(
        "tests/base.py",
        "class TestRebound:\n    def __init__(self): ...\n    def test_c(self): ...\n"
        "from tests.loop import Loop\n",
    )
    project.write("tests/loop.py", "from tests.base import Loop\n")  # a cycle of re-exports
    project.write(
        "tests/test_x.py",
        "from tests.a import A\nfrom tests.base import TestRebound, Loop\n"
        "class CriticalCycle(A):\n    def test_d(self): ...\n"
        "class CriticalSelf(CriticalSelf):\n    def test_e(self): ...\n"
        "class TestRebound(TestRebound):\n    def test_f(self): ...\n"
        "class CriticalLoop(Loop):\n    def test_g(self): ...\n",
    )
    # Classes on a cycle, or built on a name not bound yet, are unknown: nothing said.
    # TestRebound's base is the imported TestRebound (bound before the class statement).
    assert project.flake8("tests/test_x.py").stdout_lines == [
        "tests/test_x.py:7:1: SOT402 class TestRebound has 2 test methods but pytest will not "
        "collect it: it has __init__ (pytest skips such classes with only a warning)",
    ]


def test_diamond_lattices_and_long_chains_finish(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT4\n")
    lattice = [
        "class L0A:\n    def test_a(self): ...\n",
        "class L0B:\n    def test_b(self): ...\n",
        "class L0C:\n    def test_c(self): ...\n",
    ]
    for level in range(1, 30):
        bases = ", ".join(f"L{level - 1}{letter}" for letter in "ABC")
        lattice.extend(f"class L{level}{letter}({bases}): ...\n" for letter in "ABC")
    lattice.append("class CriticalTop(L29A, L29B, L29C): ...\n")
    chain = ["class C0:\n    def test_z(self): ...\n"]
    chain.extend(f"class C{n}(C{n - 1}): ...\n" for n in range(1, 3000))
    chain.append("class CriticalChain(C2999): ...\n")
    project.write("test_lattice.py", "".join(lattice))
    project.write("test_chain.py", "".join(chain))
    project.write("base_lattice.py", "".join(lattice))  # the same, read as a base module
    project.write(
        "test_uses.py",
        "from base_lattice import CriticalTop\nclass CriticalUser(CriticalTop): ...\n",
    )
    lost = "but pytest will not collect it: name matches none of python_classes ['Test'] "
    assert project.flake8("test_chain.py", "test_lattice.py", "test_uses.py").stdout_lines == [
        f"test_chain.py:3002:1: SOT401 class CriticalChain has 1 test method {lost}"
        "(pytest defaults)",
        f"test_lattice.py:94:1: SOT401 class CriticalTop has 3 test methods {lost}"
        "(pytest defaults)",
        f"test_uses.py:2:1: SOT401 class CriticalUser has 3 test methods {lost}(pytest defaults)",
    ]


def test_classes_that_name_themselves_thousands_of_times(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT4\n")
    classes = [
        f"class Critical{n}:\n    def test_a(self):\n"
        + "".join(f"        Critical{n}.x{k} = Critical{n}\n" for k in range(3))
        for n in range(2500)
    ]
    project.write("test_many.py", "".join(classes))
    lines = project.flake8("test_many.py").stdout_lines
    assert len(lines) == 2500
    assert lines[-1] == (
        f"test_many.py:{2499 * 5 + 1}:1: SOT401 class Critical2499 has 1 test method but pytest "
        "will not collect it: name matches none of python_classes ['Test'] (pytest defaults)"
    )


def test_unittest_is_the_one_pytest_imports_even_under_a_source_root(
    project: Flake8Project,
) -> None:
    """Linting the stdlib itself: its unittest/ is first-party, but TestCase is still TestCase."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\n")
    project.write("unittest/__init__.py", "from .case import TestCase\n")
    project.write("unittest/case.py", "class TestCase:\n    def __init__(self, name): ...\n")
    project.write(
        "test_things.py",
        "import unittest\nfrom unittest import TestCase\n\n\n"
        "class ThingTests(unittest.TestCase):\n    def test_a(self): ...\n\n\n"
        "class TestOther(TestCase):\n    def test_b(self): ...\n",
    )
    run = project.flake8("test_things.py")
    assert (run.stdout_lines, run.stderr) == ([], "")


def test_main_checks_nested_as_deep_as_flake8_allows(project: Flake8Project) -> None:
    """400 ``not``s (pyflakes recurses out past 500), and 190 nested ``and`` groups (the
    parser's limit is 200 parentheses), around ``__name__ == "__main__"``."""
    project.write("setup.cfg", "[flake8]\nselect = SOT4\n")
    grouped = '__name__ == "__main__"'
    for _ in range(190):
        grouped = f"(flag and {grouped})"
    project.write(
        "test_deep.py",
        "flag = True\nclass CriticalNots:\n    def test_a(self): ...\n"
        "class CriticalGroups:\n    def test_a(self): ...\n"
        f"if {'not ' * 400}__name__ == '__main__':\n    CriticalNots()\n"
        f"if {grouped}:\n    CriticalGroups()\n",
    )
    run = project.flake8("test_deep.py")
    lost = "has 1 test method but pytest will not collect it: name matches none of"
    assert (run.stdout_lines, run.stderr) == (
        [
            f"test_deep.py:2:1: SOT401 class CriticalNots {lost} python_classes ['Test'] "
            "(pytest defaults)",
            f"test_deep.py:4:1: SOT401 class CriticalGroups {lost} python_classes ['Test'] "
            "(pytest defaults)",
        ],
        "",
    )
