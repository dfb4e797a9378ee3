"""SOT401-SOT404 through the real flake8 command, against real pytest config files."""

from __future__ import annotations

import pytest

from support import Flake8Project

SELECT = "[flake8]\nselect = SOT4\n"
CRITICAL = """\
class CriticalWebSocketTests:
    def test_connect(self): ...
    def test_send(self): ...
    def helper(self): ...
"""


def sot401(path: str, config: str, patterns: str = "['Test*']", line: int = 1) -> str:
    return (
        f"{path}:{line}:1: SOT401 class CriticalWebSocketTests has 2 test methods but pytest "
        f"will not collect it: name matches none of python_classes {patterns} ({config})"
    )


PYTEST_9 = "ssot-pytest-version = 9\n"


@pytest.mark.parametrize(
    ("config_name", "config_text", "flake8_extra"),
    [
        ("pytest.ini", "[pytest]\npython_classes = Test*\n", ""),
        (".pytest.ini", "[pytest]\npython_classes = Test*\n", ""),
        ("pyproject.toml", "[tool.pytest.ini_options]\npython_classes = ['Test*']\n", ""),
        ("pyproject.toml", "[tool.pytest.ini_options]\npython_classes = 'Test*'\n", ""),
        # pytest 9's own files and tables: pytest 8 does not read them.
        ("pyproject.toml", "[tool.pytest]\npython_classes = ['Test*']\n", PYTEST_9),
        ("pytest.toml", "[pytest]\npython_classes = ['Test*']\n", PYTEST_9),
        ("tox.ini", "[pytest]\npython_classes = Test*\n", ""),
        ("setup.cfg", SELECT + "[tool:pytest]\npython_classes = Test*\n", ""),
    ],
)
def test_sot401_for_every_config_kind(
    project: Flake8Project, config_name: str, config_text: str, flake8_extra: str
) -> None:
    if config_name != "setup.cfg":
        project.write("setup.cfg", SELECT + flake8_extra)
    project.write(config_name, config_text)
    project.write("tests/test_ws.py", CRITICAL)
    run = project.flake8("tests")
    assert (run.stdout_lines, run.stderr) == ([sot401("tests/test_ws.py", config_name)], "")


def test_sot401_with_pytest_defaults(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT)
    project.write("test_ws.py", CRITICAL)
    assert project.flake8("test_ws.py").stdout_lines == [
        sot401("test_ws.py", "pytest defaults", "['Test']")
    ]


def test_nearest_config_wins_walking_up(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "[tool:pytest]\npython_classes = *Tests\n")
    project.write("sub/tox.ini", "[tox]\nenvlist = py\n")  # no [pytest]: not a pytest config
    project.write("sub/pkg/pytest.ini", "[pytest]\npython_classes = Test\n")
    project.write("sub/pkg/test_a.py", CRITICAL)
    project.write("sub/test_b.py", CRITICAL)
    assert project.flake8("sub").stdout_lines == [
        sot401("sub/pkg/test_a.py", "sub/pkg/pytest.ini", "['Test']")
    ]


def test_first_config_in_a_directory_wins(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "[tool:pytest]\npython_classes = Critical*\n")
    project.write("tox.ini", "[pytest]\npython_classes = Check\n")
    project.write("test_ws.py", CRITICAL)
    assert project.flake8("test_ws.py").stdout_lines == [
        sot401("test_ws.py", "tox.ini", "['Check']")
    ]


def test_empty_pytest_ini_still_counts(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "[tool:pytest]\npython_classes = Critical*\n")
    project.write("pytest.ini", "")
    project.write("test_ws.py", CRITICAL)
    assert project.flake8("test_ws.py").stdout_lines == [
        sot401("test_ws.py", "pytest.ini", "['Test']")
    ]


def test_explicit_pytest_config_option(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "ssot-pytest-config = config/pytest.ini\n")
    project.write("config/pytest.ini", "[pytest]\npython_classes = Check\n")
    project.write("tox.ini", "[pytest]\npython_classes = Critical\n")
    project.write("test_ws.py", CRITICAL)
    assert project.flake8("test_ws.py").stdout_lines == [
        sot401("test_ws.py", "config/pytest.ini", "['Check']")
    ]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("class TestWebSocket:\n    def test_a(self): ...\n", id="matching-name"),
        pytest.param("class CriticalHelpers:\n    def helper(self): ...\n", id="no-test-methods"),
        pytest.param(
            "import unittest\nclass CriticalTests(unittest.TestCase):\n    def test_a(self): ...\n",
            id="unittest-testcase",
        ),
        pytest.param(
            "from unittest import TestCase as TC\nclass CriticalTests(TC):\n"
            "    def test_a(self): ...\n",
            id="unittest-alias",
        ),
        pytest.param(
            "import unittest as ut\nclass CriticalTests(ut.IsolatedAsyncioTestCase):\n"
            "    def test_a(self): ...\n",
            id="unittest-module-alias",
        ),
        pytest.param(
            "from tests.base import BaseCase\nclass CriticalTests(BaseCase):\n"
            "    def test_a(self): ...\n",
            id="first-party-unittest-base",
        ),
        pytest.param(
            "from .base import Reexported\nclass CriticalTests(Reexported):\n"
            "    def test_a(self): ...\n",
            id="relative-reexported-unittest-base",
        ),
        pytest.param(
            "class CriticalTests:\n    __test__ = False\n    def test_a(self): ...\n",
            id="test-false",
        ),
        pytest.param(
            "class CriticalMixin:\n    def test_a(self): ...\nclass TestReal(CriticalMixin):\n"
            "    pass\n",
            id="mixin-in-same-module",
        ),
        pytest.param(
            "class CriticalChecks:\n    def test_a(self): ...\n"
            "Frozen, Source = make_variants(CriticalChecks)\n",
            id="handed-to-class-factory",
        ),
        pytest.param(
            "class CriticalChecks:\n    def test_a(self): ...\n"
            "@add_checks(CriticalChecks)\nclass TestWidget:\n    pass\n",
            id="handed-to-class-decorator",
        ),
        pytest.param(
            "@make_variants\nclass CriticalChecks:\n    def test_a(self): ...\n",
            id="decorated-by-class-factory",
        ),
        pytest.param(
            "from django.test import TestCase\nclass CriticalTests(TestCase):\n"
            "    def test_a(self): ...\n",
            id="third-party-base",
        ),
        pytest.param(
            "def make():\n    class CriticalTests:\n        def test_a(self): ...\n",
            id="nested-in-function",
        ),
    ],
)
def test_sot401_not_reported(project: Flake8Project, source: str) -> None:
    project.write("setup.cfg", SELECT + "[tool:pytest]\npython_classes = Test*\n")
    project.write("tests/__init__.py")
    # base.py re-exports, through chain.py, a name that chain.py imports back from base.py.
    project.write(
        "tests/base.py",
        "import unittest\nclass BaseCase(unittest.TestCase): ...\nfrom .chain import Reexported\n",
    )
    project.write("tests/chain.py", "from tests.base import BaseCase as Reexported\n")
    project.write("tests/test_x.py", source)
    assert project.flake8("tests").stdout_lines == []


def test_sot401_self_reference_and_pytest_marks_do_not_hide_it(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT)
    project.write(
        "test_x.py",
        "import pytest\n"
        "@pytest.mark.slow\n@pytest.mark.parametrize('x', [1])\n"
        "class CriticalTests(object):\n    def test_a(self, x):\n"
        "        super(CriticalTests, self).__init__()\n",
    )
    assert project.flake8("test_x.py").stdout_lines == [
        "test_x.py:4:1: SOT401 class CriticalTests has 1 test method but pytest will not "
        "collect it: name matches none of python_classes ['Test'] (pytest defaults)"
    ]


def test_sot401_counts_inherited_methods_and_follows_plain_bases(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT)
    project.write("tests/__init__.py")
    project.write("tests/helpers.py", "class Checks:\n    def test_one(self): ...\n")
    project.write(
        "tests/test_x.py",
        "from tests.helpers import Checks\nclass CriticalChecks(Checks, object):\n"
        "    def test_two(self): ...\n",
    )
    assert project.flake8("tests").stdout_lines == [
        "tests/test_x.py:2:1: SOT401 class CriticalChecks has 2 test methods but pytest will not "
        "collect it: name matches none of python_classes ['Test'] (pytest defaults)"
    ]


def test_bases_are_read_through_the_project_model(project: Flake8Project) -> None:
    """A base re-exported by a star import is followed; a base the module picks at import
    time between two classes is unknown, and an unknown class is never reported."""
    project.write("setup.cfg", SELECT)
    project.write("tests/__init__.py")
    project.write("helpers/__init__.py", "from .suites import *\n")
    project.write(
        "helpers/suites.py",
        """\
        import unittest
        __all__ = ["UnitBase", "PlainBase"]
        class UnitBase(unittest.TestCase):
            def test_unit(self): ...
        class PlainBase:
            def test_plain(self): ...
        """,
    )
    project.write("helpers/fast.py", "import unittest\nclass Base(unittest.TestCase): ...\n")
    project.write("helpers/slow.py", "class Base: ...\n")
    project.write(
        "tests/test_x.py",
        """\
        from typing import TYPE_CHECKING
        from helpers import PlainBase, UnitBase
        try:
            from helpers.fast import Base
        except ImportError:
            from helpers.slow import Base
        class CriticalUnit(UnitBase):
            def test_more(self): ...
        class CriticalPlain(PlainBase):
            def test_more(self): ...
        class CriticalChosen(Base):
            def test_a(self): ...
        if TYPE_CHECKING:
            class CriticalTyped:
                def test_a(self): ...
        """,
    )
    assert project.flake8("tests").stdout_lines == [
        "tests/test_x.py:9:1: SOT401 class CriticalPlain has 2 test methods but pytest will not "
        "collect it: name matches none of python_classes ['Test'] (pytest defaults)"
    ]


def test_what_pytest_really_finds_in_a_module(project: Flake8Project) -> None:
    """Found by a hostile review, each a false finding before: a star import that rebinds a
    base after a local one; ``__test__`` annotated or set in a branch; ``__init__`` deleted
    or assigned in the body; a class bound again later; a class under a version test that
    is false here. Only the sanity case at the end is reported."""
    project.write("setup.cfg", SELECT)
    project.write("helpers/__init__.py")
    project.write("helpers/suites.py", "import unittest\nclass Base(unittest.TestCase): ...\n")
    project.write(
        "tests/test_x.py",
        """\
        import sys
        class Base: ...
        from helpers.suites import *
        class Checks(Base):
            def test_a(self): ...
        class Annotated:
            __test__: bool = True
            def test_a(self): ...
        class Branched:
            if True:
                __test__ = True
            def test_a(self): ...
        class TestDeleted:
            def __init__(self): ...
            del __init__
            def test_a(self): ...
        class WithInit:
            def __init__(self): ...
        class TestAssigned(WithInit):
            __init__ = object.__init__
            def test_a(self): ...
        class TestTwice:
            def __init__(self): ...
            def test_a(self): ...
        class TestTwice:
            def test_a(self): ...
        if sys.version_info < (3,):
            class TestNever:
                def __init__(self): ...
                def test_a(self): ...
        class CriticalChecks:
            def test_a(self): ...
        """,
    )
    assert project.flake8(".").stdout_lines == [
        "./tests/test_x.py:31:1: SOT401 class CriticalChecks has 1 test method but pytest will "
        "not collect it: name matches none of python_classes ['Test'] (pytest defaults)"
    ]


def test_sot402_constructor_own_and_inherited(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT)
    project.write("tests/__init__.py")
    project.write("tests/base.py", "class WithNew:\n    def __new__(cls): ...\n")
    project.write(
        "tests/test_x.py",
        """\
        from .base import WithNew
        class TestClient:
            def __init__(self):
                self.client = None
            def test_get(self): ...
        class TestInherits(WithNew):
            def test_a(self): ...
            def test_b(self): ...
        class TestFine:
            def setup_method(self): ...
            def test_c(self): ...
        class TestNoTests:
            def __init__(self): ...
        """,
    )
    assert project.flake8("tests").stdout_lines == [
        "tests/test_x.py:2:1: SOT402 class TestClient has 1 test method but pytest will not "
        "collect it: it has __init__ (pytest skips such classes with only a warning)",
        "tests/test_x.py:6:1: SOT402 class TestInherits has 2 test methods but pytest will not "
        "collect it: it has __new__ (pytest skips such classes with only a warning)",
    ]


def test_sot403_module_name(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "[tool:pytest]\npython_files = test_*.py check_*.py\n")
    project.write("tests/websocket_checks.py", "def test_connect(): ...\ndef test_send(): ...\n")
    project.write("tests/check_ok.py", "def test_connect(): ...\n")
    project.write("tests/helpers.py", "import pytest\n@pytest.fixture\ndef test_data(): ...\n")
    project.write("tests/util.py", "class TestLooksLikeATest:\n    def helper(self): ...\n")
    project.write(
        "tests/unit/cases.py",
        "import unittest\nclass Anything(unittest.TestCase):\n    def test_a(self): ...\n",
    )
    project.write("src/checks.py", "def test_not_in_a_test_directory(): ...\n")
    assert project.flake8(".").stdout_lines == [
        "./tests/unit/cases.py:1:1: SOT403 cases.py defines 1 test but pytest will not collect "
        "it: file name matches none of python_files ['test_*.py', 'check_*.py'] (setup.cfg)",
        "./tests/websocket_checks.py:1:1: SOT403 websocket_checks.py defines 2 tests but pytest "
        "will not collect it: file name matches none of python_files ['test_*.py', "
        "'check_*.py'] (setup.cfg)",
    ]


def test_sot403_under_testpaths(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "[tool:pytest]\ntestpaths = qa\n")
    project.write("qa/smoke.py", "def test_up(): ...\n")
    assert project.flake8("qa").stdout_lines == [
        "qa/smoke.py:1:1: SOT403 smoke.py defines 1 test but pytest will not collect it: file "
        "name matches none of python_files ['test_*.py', '*_test.py'] (setup.cfg)"
    ]


def test_sot404_outside_testpaths(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT)
    project.write("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = ['tests', 'integ*']\n")
    project.write("tests/test_in.py", "def test_a(): ...\n")
    project.write("integration/test_also_in.py", "def test_a(): ...\n")
    project.write("src/app/test_models.py", "def test_model(): ...\n")
    project.write("src/app/test_nothing.py", "def helper(): ...\n")
    assert project.flake8(".").stdout_lines == [
        "./src/app/test_models.py:1:1: SOT404 test_models.py defines 1 test but a bare pytest "
        "run skips it: it lies outside testpaths ['tests', 'integ*'] (pyproject.toml)"
    ]


def test_stdin_uses_the_display_names_directory(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "[tool:pytest]\npython_classes = Test*\n")
    run = project.flake8("-", "--stdin-display-name", "tests/test_ws.py", stdin=CRITICAL)
    assert run.stdout_lines == [sot401("tests/test_ws.py", "setup.cfg")]


def test_noqa_and_non_test_files(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT)
    project.write(
        "tests/test_a.py", "class CriticalTests:  # noqa: SOT401\n    def test_a(self): ...\n"
    )
    project.write("app/models.py", CRITICAL)
    assert project.flake8(".").stdout_lines == []


def test_unreadable_pytest_config_only_turns_sot4_off(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = os\n")
    project.write("pyproject.toml", "[tool.pytest.ini_options\npython_classes = 1\n")
    project.write("test_a.py", "import os\n" + CRITICAL)
    run = project.flake8("test_a.py")
    # The parser's own wording differs between tomllib and tomli.
    [line] = run.stderr.splitlines()
    assert line.startswith(
        f"flake8-ssot: {project.root}/pyproject.toml: cannot read pytest configuration: Expected"
    )
    assert line.endswith("(SOT401-SOT404 skipped for the files it governs)")
    assert "(at line 1, column" in line
    assert run.stdout_lines == ["test_a.py:1:1: SOT101 'os' is deprecated"]


def test_unreadable_nested_pytest_config_is_reported_once(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT)
    project.write("sub/tox.ini", "[pytest\n")
    project.write("sub/test_a.py", CRITICAL)
    project.write("sub/test_b.py", CRITICAL)
    project.write("test_c.py", CRITICAL)
    expected_error = (
        f"flake8-ssot: {project.root}/sub/tox.ini: cannot read pytest configuration: "
        "line 1: unexpected value continuation "
        "(SOT401-SOT404 skipped for the files it governs)"
    )
    run = project.flake8("--jobs", "1", ".")
    assert run.stderr.splitlines() == [expected_error]
    assert run.stdout_lines == [sot401("./test_c.py", "pytest defaults", "['Test']")]
    # Each flake8 worker process reports it once.
    parallel = project.flake8("--jobs", "2", ".")
    assert set(parallel.stderr.splitlines()) == {expected_error}
    assert parallel.stdout_lines == run.stdout_lines


def test_explicit_pytest_config_missing(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "ssot-pytest-config = nowhere.ini\n")
    project.write("test_m.py", CRITICAL)
    run = project.flake8("test_m.py")
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/nowhere.ini: cannot read pytest configuration: "
        f"[Errno 2] No such file or directory: '{project.root}/nowhere.ini' "
        "(SOT401-SOT404 skipped for the files it governs)"
    ]
    assert (run.stdout_lines, run.returncode) == ([], 0)


def test_what_pytest_does_with_flags_fixtures_and_builtin_constructors(
    project: Flake8Project,
) -> None:
    project.write("setup.cfg", SELECT)
    project.write(
        "tests/test_x.py",
        """\
        import dataclasses
        import sys
        from dataclasses import dataclass
        import pytest

        class CollectedAnyway:
            __test__ = True
            def test_a(self): ...

        class OnlyFixtures:
            @pytest.fixture
            def test_data(self): ...

        class TestError(Exception):
            def test_b(self): ...

        @dataclass
        class TestRecord:
            value: int = 0
            def test_c(self): ...

        @dataclasses.dataclass(init=False)
        class TestNoInit:
            def test_d(self): ...

        if sys.version_info >= (3, 9):
            class CriticalTests:
                def test_e(self): ...
        """,
    )
    assert project.flake8("tests").stdout_lines == [
        "tests/test_x.py:14:1: SOT402 class TestError has 1 test method but pytest will not "
        "collect it: it has __init__ (pytest skips such classes with only a warning)",
        "tests/test_x.py:18:1: SOT402 class TestRecord has 1 test method but pytest will not "
        "collect it: it has __init__ (pytest skips such classes with only a warning)",
        "tests/test_x.py:27:5: SOT401 class CriticalTests has 1 test method but pytest will not "
        "collect it: name matches none of python_classes ['Test'] (pytest defaults)",
    ]


def test_testpaths_that_match_nothing_fall_back_to_the_rootdir(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT + "[tool:pytest]\ntestpaths = nonexistent\n")
    project.write("pkg/test_a.py", "def test_a(): ...\n")
    assert project.flake8(".").stdout_lines == []


@pytest.mark.parametrize(
    ("config_name", "text", "flake8_extra", "problem"),
    [
        (
            "pyproject.toml",
            "[tool.pytest]\npython_classes = ['A']\n[tool.pytest.ini_options]\nx = 1\n",
            PYTEST_9,
            "[tool.pytest] and [tool.pytest.ini_options] cannot be used together",
        ),
        (
            "pyproject.toml",
            "[tool.pytest]\npython_classes = 'Check'\n",
            PYTEST_9,
            "python_classes must be a list of strings",
        ),
        (
            "pytest.toml",
            "[pytest]\ntestpaths = 3\n",
            PYTEST_9,
            "testpaths must be a list of strings",
        ),
        (
            "pyproject.toml",
            "[tool.pytest.ini_options]\ntestpaths = [1]\n",
            "",
            "testpaths must be a string or a list of strings",
        ),
        (
            "tox.ini",
            "[pytest]\npython_files = 'test_*.py\n",
            "",
            "python_files: No closing quotation",
        ),
    ],
)
def test_pytest_config_that_pytest_refuses(
    project: Flake8Project, config_name: str, text: str, flake8_extra: str, problem: str
) -> None:
    project.write("setup.cfg", SELECT + flake8_extra)
    project.write(config_name, text)
    project.write("test_a.py", CRITICAL)
    run = project.flake8("test_a.py")
    assert run.stderr.splitlines() == [
        f"flake8-ssot: {project.root}/{config_name}: cannot read pytest configuration: {problem} "
        "(SOT401-SOT404 skipped for the files it governs)"
    ]
    assert (run.stdout_lines, run.returncode) == ([], 0)


MAIN_BRANCHES = """\
import sys


class CriticalMainOnly:
    def test_a(self): ...
class CriticalMainAnd:
    def test_a(self): ...
class CriticalNotMainElse:
    def test_a(self): ...
class CriticalNotEqualElse:
    def test_a(self): ...
class CriticalElif:
    def test_a(self): ...
class CriticalElseOfMain:
    def test_a(self): ...
class CriticalElseOfMainAnd:
    def test_a(self): ...
class CriticalInTheTest:
    def test_a(self): ...


if __name__ == "__main__":
    CriticalMainOnly()
else:
    CHECKS = [CriticalElseOfMain]
if "__main__" == __name__ and len(sys.argv) > 1:
    CriticalMainAnd()
else:
    CHECKS = [CriticalElseOfMainAnd]
if not __name__ == "__main__":
    pass
else:
    CriticalNotMainElse()
if __name__ != "__main__" or len(sys.argv) > 1:
    pass
else:
    CriticalNotEqualElse()
if len(sys.argv) > 1:
    pass
elif __name__ == "__main__":
    CriticalElif()
if __name__ == "__main__" or CriticalInTheTest.test_a:
    pass
"""


def test_uses_only_in_branches_that_run_as_a_script_do_not_hide_a_class(
    project: Flake8Project,
) -> None:
    """A branch that pytest's import runs (an ``else`` of ``if __name__ == "__main__"``, an
    ``if`` line itself) is a real use; one that only ``python test_x.py`` runs is not."""
    project.write("setup.cfg", SELECT)
    project.write("test_x.py", MAIN_BRANCHES)
    lost = "has 1 test method but pytest will not collect it: name matches none of"
    assert project.flake8("test_x.py").stdout_lines == [
        f"test_x.py:{line}:1: SOT401 class {name} {lost} python_classes ['Test'] (pytest defaults)"
        for line, name in (
            (4, "CriticalMainOnly"),
            (6, "CriticalMainAnd"),
            (8, "CriticalNotMainElse"),
            (10, "CriticalNotEqualElse"),
            (12, "CriticalElif"),
        )
    ]


def test_an_empty_python_functions_prefix_finds_no_test_in_a_class_without_methods(
    project: Flake8Project,
) -> None:
    """``python_functions = ""`` matches every method name, and a class with none has no
    test: pytest collects nothing from it, so nothing is reported."""
    project.write("setup.cfg", SELECT)
    project.write("pytest.ini", '[pytest]\npython_functions = ""\n')
    project.write(
        "tests/test_x.py", "class Helper:\n    pass\n\n\nclass Checks:\n    def go(self): ...\n"
    )
    run = project.flake8("tests")
    assert run.stdout_lines == [
        "tests/test_x.py:5:1: SOT401 class Checks has 1 test method but pytest will not "
        "collect it: name matches none of python_classes ['Test'] (pytest.ini)"
    ]


ALTERED_AFTERWARDS = """\
class TestBase:
    def __init__(self): ...
    def test_a(self): ...


TestBase.__test__ = False


class TestOther:
    def __init__(self): ...
    def test_b(self): ...


del TestOther.__init__


class TestKept:
    def __init__(self): ...
    def test_c(self): ...


TestKept.helper = None
"""


def test_a_class_altered_after_its_statement_is_not_judged_from_the_statement(
    project: Flake8Project,
) -> None:
    """``TestBase.__test__ = False`` and ``del TestOther.__init__`` change what pytest sees
    (it skips the first on purpose and collects the second); any other attribute does not."""
    project.write("setup.cfg", SELECT)
    project.write("tests/test_x.py", ALTERED_AFTERWARDS)
    run = project.flake8("tests")
    assert run.stdout_lines == [
        "tests/test_x.py:17:1: SOT402 class TestKept has 1 test method but pytest will not "
        "collect it: it has __init__ (pytest skips such classes with only a warning)"
    ]
