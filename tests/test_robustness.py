"""Python's own module resolution, and a plugin that never crashes or hangs on a hostile tree.

Every case runs the real ``flake8`` (or ``flake8-ssot fix``) in a temporary
project, with a timeout: a hang fails the test instead of the suite.
"""

from __future__ import annotations

from support import Flake8Project


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
