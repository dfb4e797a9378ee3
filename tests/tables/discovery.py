"""SOT401-SOT404: tests that pytest will not collect, against real pytest config files.

pytest 8.4 and 9.2 were run on the config-file cases (``pytest
--collect-only``, ``pytest -c FILE``) to fix the expected readings. Nothing
in pytest's configuration may stop the other checks: a file pytest cannot
read turns SOT401-SOT404 off where it governs, with one line on stderr.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tables import FIFO, F, Finding, Table, case
from tables.kinds import (
    constructor,
    deprecated,
    file_name,
    legacy_use,
    outside_testpaths,
    uncollected_name,
    unrecursed,
)

SELECT = "[flake8]\nselect = SOT4\n"
PYTEST_9 = "ssot-pytest-version = 9\n"
SKIPPED = "(SOT401-SOT404 skipped for the files it governs)"
DEFAULT_NORECURSEDIRS = (
    "['*.egg', '.*', '_darcs', 'build', 'CVS', 'dist', 'node_modules', 'venv', '{arch}']"
)
CRITICAL = """\
class CriticalWebSocketTests:
    def test_connect(self): ...
    def test_send(self): ...
    def helper(self): ...
"""
LOST = "but pytest will not collect it: name matches none of python_classes"

#: Where each kind of pytest config file is read from, and how.
CONFIG_KINDS = [
    ("pytest-ini", "pytest.ini", "[pytest]\npython_classes = Test*\n", ""),
    ("dot-pytest-ini", ".pytest.ini", "[pytest]\npython_classes = Test*\n", ""),
    (
        "pyproject-ini-options-list",
        "pyproject.toml",
        "[tool.pytest.ini_options]\npython_classes = ['Test*']\n",
        "",
    ),
    (
        "pyproject-ini-options-string",
        "pyproject.toml",
        "[tool.pytest.ini_options]\npython_classes = 'Test*'\n",
        "",
    ),
    # pytest 9's own files and tables: pytest 8 does not read them.
    (
        "pyproject-tool-pytest",
        "pyproject.toml",
        "[tool.pytest]\npython_classes = ['Test*']\n",
        PYTEST_9,
    ),
    ("pytest-toml", "pytest.toml", "[pytest]\npython_classes = ['Test*']\n", PYTEST_9),
    ("tox-ini", "tox.ini", "[pytest]\npython_classes = Test*\n", ""),
    ("setup-cfg", "setup.cfg", "", ""),
]

CONFIG_FILES = Table(
    "config-files",
    config=SELECT,
    path="tests/test_ws.py",
    cases=tuple(
        case(
            id,
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name("CriticalWebSocketTests", "2 test methods", "['Test*']", name),
            ),
            config=SELECT
            + extra
            + ("[tool:pytest]\npython_classes = Test*\n" if name == "setup.cfg" else ""),
            files={} if name == "setup.cfg" else {name: text},
        )
        for id, name, text, extra in CONFIG_KINDS
    ),
)

#: Classes that are no lost tests: a matching name, no test methods, unittest (however
#: imported or re-exported), ``__test__ = False``, a mixin, material for a class factory.
NOT_REPORTED = Table(
    "not-reported",
    config=SELECT + "[tool:pytest]\npython_classes = Test*\n",
    files={
        "tests/__init__.py": "",
        # base.py re-exports, through chain.py, a name that chain.py imports back from base.py.
        "tests/base.py": "import unittest\nclass BaseCase(unittest.TestCase): ...\n"
        "from .chain import Reexported\n",
        "tests/chain.py": "from tests.base import BaseCase as Reexported\n",
    },
    path="tests/test_{}.py",
    cases=(
        case("matching-name", "class TestWebSocket:\n    def test_a(self): ...\n"),
        case("no-test-methods", "class CriticalHelpers:\n    def helper(self): ...\n"),
        case(
            "unittest-testcase",
            "import unittest\nclass CriticalTests(unittest.TestCase):\n    def test_a(self): ...\n",
        ),
        case(
            "unittest-alias",
            "from unittest import TestCase as TC\nclass CriticalTests(TC):\n"
            "    def test_a(self): ...\n",
        ),
        case(
            "unittest-module-alias",
            "import unittest as ut\nclass CriticalTests(ut.IsolatedAsyncioTestCase):\n"
            "    def test_a(self): ...\n",
        ),
        case(
            "first-party-unittest-base",
            "from tests.base import BaseCase\nclass CriticalTests(BaseCase):\n"
            "    def test_a(self): ...\n",
        ),
        case(
            "relative-reexported-unittest-base",
            "from .base import Reexported\nclass CriticalTests(Reexported):\n"
            "    def test_a(self): ...\n",
        ),
        case(
            "test-false", "class CriticalTests:\n    __test__ = False\n    def test_a(self): ...\n"
        ),
        case(
            "mixin-in-same-module",
            "class CriticalMixin:\n    def test_a(self): ...\nclass TestReal(CriticalMixin):\n"
            "    pass\n",
        ),
        case(
            "handed-to-class-factory",
            "class CriticalChecks:\n    def test_a(self): ...\n"
            "Frozen, Source = make_variants(CriticalChecks)\n",
        ),
        case(
            "handed-to-class-decorator",
            "class CriticalChecks:\n    def test_a(self): ...\n"
            "@add_checks(CriticalChecks)\nclass TestWidget:\n    pass\n",
        ),
        case(
            "decorated-by-class-factory",
            "@make_variants\nclass CriticalChecks:\n    def test_a(self): ...\n",
        ),
        case(
            "third-party-base",
            "from django.test import TestCase\nclass CriticalTests(TestCase):\n"
            "    def test_a(self): ...\n",
        ),
        case(
            "nested-in-function",
            "def make():\n    class CriticalTests:\n        def test_a(self): ...\n",
        ),
        case("base-modules", None, lint=("tests/__init__.py", "tests/base.py", "tests/chain.py")),
    ),
)

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

CLASSES = Table(
    "classes",
    config=SELECT,
    cases=(
        case(
            "pytest-defaults",
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalWebSocketTests", "2 test methods", "['Test']", "pytest defaults"
                ),
            ),
            path="test_ws.py",
        ),
        case(
            "self-reference-and-pytest-marks-do-not-hide-it",
            "import pytest\n"
            "@pytest.mark.slow\n@pytest.mark.parametrize('x', [1])\n"
            "class CriticalTests(object):\n    def test_a(self, x):\n"
            "        super(CriticalTests, self).__init__()\n",
            F(
                4,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Test']", "pytest defaults"),
            ),
            path="test_x.py",
        ),
        case(
            "counts-inherited-methods-and-follows-plain-bases",
            "from tests.helpers import Checks\nclass CriticalChecks(Checks, object):\n"
            "    def test_two(self): ...\n",
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalChecks", "2 test methods", "['Test']", "pytest defaults"),
            ),
            path="tests/test_x.py",
            files={
                "tests/__init__.py": "",
                "tests/helpers.py": "class Checks:\n    def test_one(self): ...\n",
            },
            lint=("tests/__init__.py", "tests/helpers.py"),
        ),
        # A base re-exported by a star import is followed; a base the module picks at
        # import time between two classes is unknown, and an unknown class is never reported.
        case(
            "bases-are-read-through-the-project-model",
            textwrap.dedent(
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
                """
            ),
            F(
                9,
                0,
                "SOT401",
                uncollected_name("CriticalPlain", "2 test methods", "['Test']", "pytest defaults"),
            ),
            path="tests/test_x.py",
            files={
                "tests/__init__.py": "",
                "helpers/__init__.py": "from .suites import *\n",
                "helpers/suites.py": """\
                    import unittest
                    __all__ = ["UnitBase", "PlainBase"]
                    class UnitBase(unittest.TestCase):
                        def test_unit(self): ...
                    class PlainBase:
                        def test_plain(self): ...
                    """,
                "helpers/fast.py": "import unittest\nclass Base(unittest.TestCase): ...\n",
                "helpers/slow.py": "class Base: ...\n",
            },
            lint=("tests/__init__.py",),
        ),
        # Found by a hostile review, each a false finding before: a star import that
        # rebinds a base after a local one; ``__test__`` annotated or set in a branch;
        # ``__init__`` deleted or assigned in the body; a class bound again later; a class
        # under a version test that is false here. Only the sanity case at the end is lost.
        case(
            "what-pytest-really-finds-in-a-module",
            textwrap.dedent(
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
                """
            ),
            F(
                31,
                0,
                "SOT401",
                uncollected_name("CriticalChecks", "1 test method", "['Test']", "pytest defaults"),
            ),
            path="tests/test_x.py",
            files={
                "helpers/__init__.py": "",
                "helpers/suites.py": "import unittest\nclass Base(unittest.TestCase): ...\n",
            },
            lint=("*",),
        ),
        case(
            "sot402-constructor-own-and-inherited",
            textwrap.dedent(
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
                """
            ),
            F(2, 0, "SOT402", constructor("TestClient", "1 test method", "__init__")),
            F(6, 0, "SOT402", constructor("TestInherits", "2 test methods", "__new__")),
            path="tests/test_x.py",
            files={
                "tests/__init__.py": "",
                "tests/base.py": "class WithNew:\n    def __new__(cls): ...\n",
            },
            lint=("tests/__init__.py", "tests/base.py"),
        ),
        case(
            "what-pytest-does-with-flags-fixtures-and-builtin-constructors",
            textwrap.dedent(
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
                """
            ),
            F(14, 0, "SOT402", constructor("TestError", "1 test method", "__init__")),
            F(18, 0, "SOT402", constructor("TestRecord", "1 test method", "__init__")),
            F(
                27,
                4,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Test']", "pytest defaults"),
            ),
            path="tests/test_x.py",
        ),
        # A branch that pytest's import runs (an ``else`` of ``if __name__ == "__main__"``,
        # an ``if`` line itself) is a real use; one that only ``python test_x.py`` runs is not.
        case(
            "uses-only-in-branches-that-run-as-a-script-do-not-hide-a-class",
            MAIN_BRANCHES,
            F(
                4,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalMainOnly", "1 test method", "['Test']", "pytest defaults"
                ),
            ),
            F(
                6,
                0,
                "SOT401",
                uncollected_name("CriticalMainAnd", "1 test method", "['Test']", "pytest defaults"),
            ),
            F(
                8,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalNotMainElse", "1 test method", "['Test']", "pytest defaults"
                ),
            ),
            F(
                10,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalNotEqualElse", "1 test method", "['Test']", "pytest defaults"
                ),
            ),
            F(
                12,
                0,
                "SOT401",
                uncollected_name("CriticalElif", "1 test method", "['Test']", "pytest defaults"),
            ),
            path="test_x.py",
        ),
        case(
            "a-class-defined-only-for-the-script-is-not-a-lost-test",
            "def test_a(): ...\n\n\nif __name__ == '__main__':\n\n"
            "    class Helper:\n        def test_b(self): ...\n",
            path="tests/test_script.py",
        ),
        # ``python_functions = ""`` matches every method name, and a class with none has
        # no test: pytest collects nothing from it, so nothing is reported.
        case(
            "an-empty-python-functions-prefix-finds-no-test-in-a-class-without-methods",
            "class Helper:\n    pass\n\n\nclass Checks:\n    def go(self): ...\n",
            F(
                5,
                0,
                "SOT401",
                uncollected_name("Checks", "1 test method", "['Test']", "pytest.ini"),
            ),
            path="tests/test_x.py",
            files={"pytest.ini": '[pytest]\npython_functions = ""\n'},
        ),
        # ``TestBase.__test__ = False`` and ``del TestOther.__init__`` change what pytest
        # sees (it skips the first on purpose and collects the second); any other
        # attribute does not.
        case(
            "a-class-altered-after-its-statement-is-not-judged-from-the-statement",
            ALTERED_AFTERWARDS,
            F(17, 0, "SOT402", constructor("TestKept", "1 test method", "__init__")),
            path="tests/test_x.py",
        ),
        case("non-test-files", CRITICAL, path="app/models.py"),
        case(
            "stdin-uses-the-display-names-directory",
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalWebSocketTests", "2 test methods", "['Test*']", "setup.cfg"
                ),
            ),
            path="tests/test_ws.py",
            config=SELECT + "[tool:pytest]\npython_classes = Test*\n",
            stdin=True,
        ),
    ),
)

LOOKUP = Table(
    "lookup",
    config=SELECT,
    cases=(
        case(
            "nearest-config-wins-walking-up",
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalWebSocketTests", "2 test methods", "['Test']", "sub/pkg/pytest.ini"
                ),
            ),
            path="sub/pkg/test_a.py",
            config=SELECT + "[tool:pytest]\npython_classes = *Tests\n",
            files={
                "sub/tox.ini": "[tox]\nenvlist = py\n",  # no [pytest]: not a pytest config
                "sub/pkg/pytest.ini": "[pytest]\npython_classes = Test\n",
                "sub/test_b.py": CRITICAL,
            },
            lint=("sub/test_b.py",),
        ),
        case(
            "first-config-in-a-directory-wins",
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalWebSocketTests", "2 test methods", "['Check']", "tox.ini"
                ),
            ),
            path="test_ws.py",
            config=SELECT + "[tool:pytest]\npython_classes = Critical*\n",
            files={"tox.ini": "[pytest]\npython_classes = Check\n"},
        ),
        case(
            "empty-pytest-ini-still-counts",
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalWebSocketTests", "2 test methods", "['Test']", "pytest.ini"
                ),
            ),
            path="test_ws.py",
            config=SELECT + "[tool:pytest]\npython_classes = Critical*\n",
            files={"pytest.ini": ""},
        ),
        case(
            "explicit-pytest-config-option",
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalWebSocketTests", "2 test methods", "['Check']", "config/pytest.ini"
                ),
            ),
            path="test_ws.py",
            config=SELECT + "ssot-pytest-config = config/pytest.ini\n",
            files={
                "config/pytest.ini": "[pytest]\npython_classes = Check\n",
                "tox.ini": "[pytest]\npython_classes = Critical\n",
            },
        ),
    ),
)

MODULES = Table(
    "modules",
    config=SELECT,
    cases=(
        case(
            "sot403-module-name",
            "def test_connect(): ...\ndef test_send(): ...\n",
            F(
                1,
                0,
                "SOT403",
                file_name("cases.py", "1 test", "['test_*.py', 'check_*.py']", "setup.cfg"),
                path="tests/unit/cases.py",
            ),
            F(
                1,
                0,
                "SOT403",
                file_name(
                    "websocket_checks.py", "2 tests", "['test_*.py', 'check_*.py']", "setup.cfg"
                ),
            ),
            path="tests/websocket_checks.py",
            config=SELECT + "[tool:pytest]\npython_files = test_*.py check_*.py\n",
            files={
                "tests/check_ok.py": "def test_connect(): ...\n",
                "tests/helpers.py": "import pytest\n@pytest.fixture\ndef test_data(): ...\n",
                "tests/util.py": "class TestLooksLikeATest:\n    def helper(self): ...\n",
                "tests/unit/cases.py": "import unittest\nclass Anything(unittest.TestCase):\n"
                "    def test_a(self): ...\n",
                "src/checks.py": "def test_not_in_a_test_directory(): ...\n",
            },
            lint=("*",),
        ),
        # What the module defines when it runs: under ``with`` and ``match`` too,
        # not what exists only for type checkers.
        case(
            "sot403-counts-what-runs",
            "import contextlib\n"
            "from typing import TYPE_CHECKING\n"
            "with contextlib.suppress(ImportError):\n"
            "    def test_in_with(): ...\n"
            "match 1:\n"
            "    case 1:\n"
            "        def test_in_match(): ...\n"
            "if TYPE_CHECKING:\n"
            "    def test_for_type_checkers(): ...\n",
            F(
                1,
                0,
                "SOT403",
                file_name("checks.py", "2 tests", "['test_*.py', '*_test.py']", "pytest defaults"),
            ),
            path="tests/checks.py",
        ),
        # Python keeps a class body's last ``__test__``: two tests here, not one.
        case(
            "sot403-the-last-test-flag-counts",
            "class TestKept:\n    __test__ = False\n    __test__ = True\n"
            "    def test_a(self): ...\n    def test_b(self): ...\n"
            "class TestDropped:\n    __test__ = True\n    __test__ = False\n"
            "    def test_c(self): ...\n",
            F(
                1,
                0,
                "SOT403",
                file_name("flags.py", "2 tests", "['test_*.py', '*_test.py']", "pytest defaults"),
            ),
            path="tests/flags.py",
        ),
        # A method's own ``__init__`` is a local variable, even in a branch of the class
        # body: the class has no constructor, and pytest would collect it by a test name.
        case(
            "sot401-a-method-local-init-is-not-the-class",
            "class LocalChecks:\n    if True:\n        def helper(self):\n"
            "            __init__ = None\n            return __init__\n"
            "    def test_a(self): ...\n",
            F(
                1,
                0,
                "SOT401",
                uncollected_name("LocalChecks", "1 test method", "['Test']", "pytest defaults"),
            ),
            path="test_local.py",
        ),
        # pytest collects nothing from a module whose ``__test__`` is false, or may be.
        case(
            "sot403-module-test-false",
            "__test__ = False\ndef test_a(): ...\nclass Checks:\n    def test_b(self): ...\n",
            path="tests/skipped.py",
        ),
        case(
            "sot401-module-test-false",
            "__test__ = False\nclass CriticalChecks:\n    def test_b(self): ...\n",
            path="tests/test_off.py",
        ),
        case(
            "sot403-module-test-computed",
            "import os\n__test__ = bool(os.environ.get('SLOW'))\ndef test_a(): ...\n",
            path="tests/slow.py",
        ),
        case(
            "sot403-module-test-true",
            "__test__ = True\ndef test_a(): ...\n",
            F(
                1,
                0,
                "SOT403",
                file_name("kept.py", "1 test", "['test_*.py', '*_test.py']", "pytest defaults"),
            ),
            path="tests/kept.py",
        ),
        case(
            "sot403-type-checking-only",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    def test_typed(): ...\n",
            path="tests/stubs.py",
        ),
        case(
            "sot403-under-testpaths",
            "def test_up(): ...\n",
            F(
                1,
                0,
                "SOT403",
                file_name("smoke.py", "1 test", "['test_*.py', '*_test.py']", "setup.cfg"),
            ),
            path="qa/smoke.py",
            config=SELECT + "[tool:pytest]\ntestpaths = qa\n",
        ),
        case(
            "sot404-outside-testpaths",
            "def test_model(): ...\n",
            F(
                1,
                0,
                "SOT404",
                outside_testpaths(
                    "test_models.py", "1 test", "['tests', 'integ*']", "pyproject.toml"
                ),
            ),
            path="src/app/test_models.py",
            files={
                "pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = ['tests', 'integ*']\n",
                "tests/test_in.py": "def test_a(): ...\n",
                "integration/test_also_in.py": "def test_a(): ...\n",
                "src/app/test_nothing.py": "def helper(): ...\n",
            },
            lint=("*",),
        ),
        # pytest does not enter a norecursedirs directory below where it starts (its default
        # list, or the configured one, which replaces it); a testpaths entry it enters as given.
        case(
            "sot404-norecursedirs-default",
            "def test_generated(): ...\n",
            F(
                1,
                0,
                "SOT404",
                unrecursed("test_gen.py", "1 test", "'build'", DEFAULT_NORECURSEDIRS, "pytest.ini"),
            ),
            F(
                1,
                0,
                "SOT404",
                unrecursed("test_h.py", "1 test", "'.cache'", DEFAULT_NORECURSEDIRS, "pytest.ini"),
                path="tests/.cache/test_h.py",
            ),
            path="tests/build/test_gen.py",
            config=SELECT,
            files={
                "pytest.ini": "[pytest]\n",
                "tests/.cache/test_h.py": "def test_hidden(): ...\n",
                "tests/ok/test_ok.py": "def test_ok(): ...\n",
            },
            lint=("*",),
        ),
        case(
            "sot404-norecursedirs-configured",
            "def test_old(): ...\n",
            F(
                1,
                0,
                "SOT404",
                unrecursed("test_old.py", "1 test", "'legacy'", "['legacy']", "pytest.ini"),
            ),
            path="tests/legacy/test_old.py",
            config=SELECT,
            files={
                "pytest.ini": "[pytest]\nnorecursedirs = legacy\n",
                "tests/build/test_b.py": "def test_b(): ...\n",
            },
            lint=("*",),
        ),
        case(
            "norecursedirs-testpaths-entry-is-entered",
            "def test_d(): ...\n",
            path="dist/test_d.py",
            config=SELECT,
            files={"pytest.ini": "[pytest]\ntestpaths = dist\n"},
        ),
        case(
            "testpaths-that-match-nothing-fall-back-to-the-rootdir",
            "def test_a(): ...\n",
            path="pkg/test_a.py",
            config=SELECT + "[tool:pytest]\ntestpaths = nonexistent\n",
        ),
    ),
)

#: Configs that pytest refuses: SOT401-SOT404 are off where they govern, with one line.
REFUSED = [
    (
        "tool-pytest-beside-ini-options",
        "pyproject.toml",
        "[tool.pytest]\npython_classes = ['A']\n[tool.pytest.ini_options]\nx = 1\n",
        PYTEST_9,
        "[tool.pytest] and [tool.pytest.ini_options] cannot be used together",
    ),
    (
        "native-python-classes-not-a-list",
        "pyproject.toml",
        "[tool.pytest]\npython_classes = 'Check'\n",
        PYTEST_9,
        "python_classes must be a list of strings",
    ),
    (
        "native-testpaths-not-a-list",
        "pytest.toml",
        "[pytest]\ntestpaths = 3\n",
        PYTEST_9,
        "testpaths must be a list of strings",
    ),
    (
        "ini-options-testpaths-not-strings",
        "pyproject.toml",
        "[tool.pytest.ini_options]\ntestpaths = [1]\n",
        "",
        "testpaths must be a string or a list of strings",
    ),
    (
        "unclosed-quotation",
        "tox.ini",
        "[pytest]\npython_files = 'test_*.py\n",
        "",
        "python_files: No closing quotation",
    ),
]

UNREADABLE = Table(
    "unreadable",
    config=SELECT,
    cases=(
        case(
            "unreadable-pytest-config-only-turns-sot4-off",
            "import os\n" + CRITICAL,
            F(1, 0, "SOT101", deprecated("os")),
            path="test_a.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = os\n",
            files={"pyproject.toml": "[tool.pytest.ini_options\npython_classes = 1\n"},
            # The parser's own wording differs between tomllib and tomli.
            log=(
                "flake8-ssot: {root}/pyproject.toml: cannot read pytest configuration: "
                "Expected{*}(at line 1, column{*}" + SKIPPED,
            ),
        ),
        case(
            "a-pyproject-tomllib-cannot-finish-skips-only-test-discovery",
            "import old\n",
            F(1, 0, "SOT201", legacy_use("old", "new")),
            path="m.py",
            config="[flake8]\nselect = SOT\nssot-legacy-modules = old = new\n",
            files={"pyproject.toml": "[tool.pytest.ini_options]\nx = " + "1" * 5000 + "\n"},
            log=("flake8-ssot: {root}/pyproject.toml: cannot read{*}",),
        ),
        case(
            "explicit-pytest-config-missing",
            CRITICAL,
            path="test_m.py",
            config=SELECT + "ssot-pytest-config = nowhere.ini\n",
            log=(
                "flake8-ssot: {root}/nowhere.ini: cannot read pytest configuration: "
                "[Errno 2] No such file or directory: '{root}/nowhere.ini' " + SKIPPED,
            ),
        ),
        *(
            case(
                id,
                CRITICAL,
                path="test_a.py",
                config=SELECT + extra,
                files={name: text},
                log=(
                    f"flake8-ssot: {{root}}/{name}: cannot read pytest configuration: {problem} "
                    + SKIPPED,
                ),
            )
            for id, name, text, extra, problem in REFUSED
        ),
    ),
)

#: pytest's configuration as pytest 8 and 9 read it, beside another check (SOT101).
TRUST_CONFIG = "[flake8]\nselect = SOT\nssot-deprecated-modules = os\n"
#: A deprecated import (SOT101) and a test class lost to python_classes (SOT401).
TEST_MODULE = """\
import os
class CriticalTests:
    def test_a(self): ...
"""
STRAY_TABLES = """\
[tool.pytest.ini_options]
python_classes = ["Critical"]

[tool.pytest.profiling]
enabled = true

[tool.pytest.execution]
jobs = 2
"""
#: Config files pytest cannot read, each governing its own directory.
UNREADABLE_FILES = {
    "toml/pyproject.toml": "[tool.pytest.ini_options\n",
    "ini/tox.ini": "[pytest]\npython_classes = A\n  B\nnot an option\n",
    "cfg/setup.cfg": "[pytest]\npython_classes = A\n",
    "duplicate/pytest.ini": "[pytest]\npython_files = a.py\npython_files = b.py\n",
    "tool/pyproject.toml": "tool = 1\n",
    "toolpytest/pyproject.toml": "[tool]\npytest = 1\n",
    "items/pyproject.toml": "[tool.pytest.ini_options]\npython_classes = ['A', 2]\n",
}
UNREADABLE_PROBLEMS = {
    "toml/pyproject.toml": "{*}",  # tomli and tomllib word it apart
    "ini/tox.ini": "line 4: unexpected line: 'not an option'",
    "cfg/setup.cfg": "[pytest] section in .cfg files is no longer supported: use [tool:pytest]",
    "duplicate/pytest.ini": "line 3: duplicate name 'python_files'",
    "tool/pyproject.toml": "'tool' is not a table",
    "toolpytest/pyproject.toml": "'tool.pytest' is not a table",
    "items/pyproject.toml": "python_classes must be a string or a list of strings",
}
#: The config governing every file cannot stop flake8 either.
GOVERNING = [
    ("cwd-bad-toml", "", "pyproject.toml", "[tool.pytest.ini_options\n"),
    ("cwd-bad-ini", "", "tox.ini", "[pytest]\n  continued\n"),
    (
        "explicit-native-not-a-list",
        "ssot-pytest-config = ci/pytest.toml\nssot-pytest-version = 9\n",
        "ci/pytest.toml",
        "[pytest]\npython_classes = 'Test'\n",
    ),
    ("explicit-bad-cfg", "ssot-pytest-config = ci/pytest.cfg\n", "ci/pytest.cfg", "[tool:pytest\n"),
    (
        "explicit-unsupported-suffix-pytest-9",
        "ssot-pytest-config = ci/pytest.txt\nssot-pytest-version = 9\n",
        "ci/pytest.txt",
        "[pytest]\n",
    ),
]
#: ``pytest -c FILE``: how pytest 8 and 9 read an explicit config by its suffix.
EXPLICIT = [
    # id, file name, its text, pytest version, python_classes when CheckTests is lost
    ("cfg-tool-pytest", "ci.cfg", "[tool:pytest]\npython_classes = Check\n", "8", None),
    ("cfg-tool-pytest-9", "ci.cfg", "[tool:pytest]\npython_classes = Check\n", "9", None),
    ("ini-pytest", "ci.ini", "[pytest]\npython_classes = Check\n", "8", None),
    (
        "ini-ignores-tool-pytest",
        "ci.ini",
        "[tool:pytest]\npython_classes = Check\n",
        "8",
        "['Test']",
    ),
    (
        "toml-ini-options",
        "ci.toml",
        "[tool.pytest.ini_options]\npython_classes = ['Check']\n",
        "8",
        None,
    ),
    (
        "toml-pytest-table-ignored-by-8",
        "ci.toml",
        "[pytest]\npython_classes = ['Check']\n",
        "8",
        "['Test']",
    ),
    ("toml-pytest-table-9", "ci.toml", "[pytest]\npython_classes = ['Check']\n", "9", None),
    ("toml-tool-pytest-9", "ci.toml", "[tool.pytest]\npython_classes = ['Check']\n", "9", None),
    (
        "other-suffix-pytest-8-defaults",
        "ci.txt",
        "[pytest]\npython_classes = Check\n",
        "8",
        "['Test']",
    ),
]
DEEP_DIRECTORY = "/".join(["d"] * 1000)

PYTEST_CONFIG = Table(
    "pytest-config",
    config=TRUST_CONFIG,
    cases=(
        # python_classes = Critical from [tool.pytest.ini_options]: CriticalTests is collected.
        case(
            "stray-tool-pytest-tables-are-read-as-pytest-8-reads-them",
            TEST_MODULE,
            F(1, 0, "SOT101", deprecated("os")),
            F(1, 0, "SOT101", deprecated("os"), path="tests/test_b.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("LostTests", "1 test method", "['Critical']", "pyproject.toml"),
                path="tests/test_b.py",
            ),
            path="tests/test_a.py",
            files={
                "pyproject.toml": STRAY_TABLES,
                "tests/test_b.py": TEST_MODULE.replace("Critical", "Lost"),
            },
            lint=("tests/test_b.py",),
            log=(
                "flake8-ssot: {root}/pyproject.toml: note: pytest 9 refuses this file "
                "(tool.pytest.profiling, tool.pytest.execution beside tool.pytest.ini_options); "
                "read as pytest 8 reads it, tool.pytest.ini_options only",
            ),
        ),
        # pytest 8 reads neither: setup.cfg's python_classes = Critical is in force.
        case(
            "files-only-pytest-9-reads-get-a-note-under-pytest-8",
            TEST_MODULE,
            F(1, 0, "SOT101", deprecated("os")),
            F(1, 0, "SOT101", deprecated("os"), path="b/test_b.py"),
            path="a/test_a.py",
            config=TRUST_CONFIG + "[tool:pytest]\npython_classes = Critical\n",
            files={
                "a/pytest.toml": "[pytest]\npython_classes = ['Nothing']\n",
                "b/pyproject.toml": "[tool.pytest]\npython_classes = ['Nothing']\n",
                "b/test_b.py": TEST_MODULE,
            },
            lint=("b/test_b.py",),
            log=(
                "flake8-ssot: {root}/a/pytest.toml: note: pytest 8 does not read pytest.toml, "
                "pytest 9 does; read as pytest 8 reads the directory (set ssot-pytest-version = 9 "
                "if the project runs pytest 9)",
                "flake8-ssot: {root}/b/pyproject.toml: note: pytest 8 ignores "
                "tool.pytest.python_classes, pytest 9 reads [tool.pytest]; read as pytest 8 reads "
                "it (set ssot-pytest-version = 9 if the project runs pytest 9)",
            ),
        ),
        case(
            "files-only-pytest-9-reads-under-pytest-9",
            TEST_MODULE,
            F(1, 0, "SOT101", deprecated("os")),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Nothing']", "a/pytest.toml"),
            ),
            F(1, 0, "SOT101", deprecated("os"), path="b/test_b.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalTests", "1 test method", "['Nothing']", "b/pyproject.toml"
                ),
                path="b/test_b.py",
            ),
            path="a/test_a.py",
            config=TRUST_CONFIG
            + "ssot-pytest-version = 9\n[tool:pytest]\npython_classes = Critical\n",
            files={
                "a/pytest.toml": "[pytest]\npython_classes = ['Nothing']\n",
                "b/pyproject.toml": "[tool.pytest]\npython_classes = ['Nothing']\n",
                "b/test_b.py": TEST_MODULE,
            },
            lint=("b/test_b.py",),
        ),
        case(
            "unreadable-pytest-configs-only-turn-sot4-off-where-they-govern",
            TEST_MODULE,
            F(1, 0, "SOT101", deprecated("os"), path="binary/test_m.py"),
            F(1, 0, "SOT101", deprecated("os"), path="cfg/test_m.py"),
            F(1, 0, "SOT101", deprecated("os"), path="duplicate/test_m.py"),
            F(1, 0, "SOT101", deprecated("os"), path="ini/test_m.py"),
            F(1, 0, "SOT101", deprecated("os"), path="items/test_m.py"),
            F(1, 0, "SOT101", deprecated("os")),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Test']", "pytest defaults"),
            ),
            F(1, 0, "SOT101", deprecated("os"), path="toml/test_m.py"),
            F(1, 0, "SOT101", deprecated("os"), path="tool/test_m.py"),
            F(1, 0, "SOT101", deprecated("os"), path="toolpytest/test_m.py"),
            path="test_root.py",
            files={
                **UNREADABLE_FILES,
                **{f"{Path(name).parent}/test_m.py": TEST_MODULE for name in UNREADABLE_FILES},
                "binary/tox.ini": b"[pytest]\npython_classes = \xff\n",
                "binary/test_m.py": TEST_MODULE,
            },
            lint=("*",),
            log=(
                *(
                    f"flake8-ssot: {{root}}/{name}: cannot read pytest configuration: {problem} "
                    + SKIPPED
                    for name, problem in UNREADABLE_PROBLEMS.items()
                ),
                "flake8-ssot: {root}/binary/tox.ini: {*}'utf-8' codec can't decode byte 0xff{*}",
            ),
        ),
        *(
            case(
                f"the-config-governing-everything-cannot-stop-flake8-{id}",
                TEST_MODULE,
                F(1, 0, "SOT101", deprecated("os"), path="app/m.py"),
                F(1, 0, "SOT101", deprecated("os")),
                path="tests/test_m.py",
                config=TRUST_CONFIG + extra,
                files={name: text, "app/m.py": "import os\n"},
                lint=("*",),
                log=(
                    f"flake8-ssot: {{root}}/{name}: cannot read pytest configuration: {{*}}"
                    + SKIPPED,
                ),
            )
            for id, extra, name, text in GOVERNING
        ),
        *(
            case(
                f"explicit-config-is-read-as-pytest-dash-c-reads-it-{id}",
                TEST_MODULE.replace("Critical", "Check"),
                F(1, 0, "SOT101", deprecated("os")),
                *(
                    ()
                    if lost is None
                    else (
                        F(
                            2,
                            0,
                            "SOT401",
                            uncollected_name("CheckTests", "1 test method", lost, f"conf/{name}"),
                        ),
                    )
                ),
                path="test_m.py",
                config=TRUST_CONFIG
                + f"ssot-pytest-config = conf/{name}\nssot-pytest-version = {version}\n",
                files={f"conf/{name}": text},
            )
            for id, name, text, version, lost in EXPLICIT
        ),
        # Keys and sections are case-sensitive; no inline comments in values; comment
        # lines inside a continued value are skipped; a BOM is no part of a section name.
        case(
            "ini-files-are-read-as-iniconfig-reads-them",
            None,
            F(1, 0, "SOT101", deprecated("os"), path="bom_cfg/test_m.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalTests", "1 test method", "['Check']", "bom_cfg/setup.cfg"
                ),
                path="bom_cfg/test_m.py",
            ),
            F(1, 0, "SOT101", deprecated("os"), path="bom_ini/test_m.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalTests", "1 test method", "['Check']", "bom_ini/pytest.ini"
                ),
                path="bom_ini/test_m.py",
            ),
            F(1, 0, "SOT101", deprecated("os"), path="bom_tox/test_m.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Check']", "bom_tox/tox.ini"),
                path="bom_tox/test_m.py",
            ),
            F(1, 0, "SOT101", deprecated("os"), path="comments/test_m.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalTests",
                    "1 test method",
                    "['Test', 'Check', ';', 'old']",
                    "comments/pytest.ini",
                ),
                path="comments/test_m.py",
            ),
            F(1, 0, "SOT101", deprecated("os"), path="key_case/test_m.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalTests", "1 test method", "['Test']", "key_case/pytest.ini"
                ),
                path="key_case/test_m.py",
            ),
            F(1, 0, "SOT101", deprecated("os"), path="section_case/test_m.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Test']", "pytest defaults"),
                path="section_case/test_m.py",
            ),
            files={
                "bom_tox/tox.ini": "\N{BYTE ORDER MARK}[pytest]\npython_classes = Check\n",
                "bom_cfg/setup.cfg": "\N{BYTE ORDER MARK}[tool:pytest]\npython_classes = Check\n",
                "bom_ini/pytest.ini": "\N{BYTE ORDER MARK}[pytest]\npython_classes = Check\n",
                "key_case/pytest.ini": "[pytest]\nPython_Classes = Critical\n",
                "section_case/tox.ini": "[PYTEST]\npython_classes = Critical\n",
                "comments/pytest.ini": "[pytest]\npython_classes =\n    Test\n# Critical\n"
                "    Check ; old\n",
                **{
                    f"{directory}/test_m.py": TEST_MODULE
                    for directory in (
                        "bom_tox",
                        "bom_cfg",
                        "bom_ini",
                        "key_case",
                        "section_case",
                        "comments",
                    )
                },
            },
            lint=("*",),
        ),
        # A file 1,000 directories deep; FIFOs named like config files are never read.
        case(
            "a-file-1000-directories-deep-and-fifos-named-like-configs",
            TEST_MODULE,
            F(1, 0, "SOT101", deprecated("os")),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Nothing']", "setup.cfg"),
            ),
            F(1, 0, "SOT101", deprecated("os"), path="fifo/test_m.py"),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Nothing']", "setup.cfg"),
                path="fifo/test_m.py",
            ),
            path=f"{DEEP_DIRECTORY}/test_m.py",
            config=TRUST_CONFIG + "[tool:pytest]\npython_classes = Nothing\n",
            files={
                "fifo/pytest.ini": FIFO,
                "fifo/setup.cfg": FIFO,
                "fifo/pyproject.toml": FIFO,
                "fifo/test_m.py": TEST_MODULE,
            },
            lint=("fifo/test_m.py",),
            snapshot=False,  # a 2,000-character path
        ),
        case(
            "explicit-config-that-is-no-regular-file-means-pytest-defaults",
            TEST_MODULE,
            F(1, 0, "SOT101", deprecated("os")),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Test']", "ci/pytest.ini"),
            ),
            path="test_m.py",
            config=TRUST_CONFIG + "ssot-pytest-config = ci/pytest.ini\n",
            files={"ci/pytest.ini": FIFO},
        ),
    ),
)


def _lattice() -> str:
    """Diamonds 30 levels deep, three classes a level, each built on all three below."""
    lattice = [
        "class L0A:\n    def test_a(self): ...\n",
        "class L0B:\n    def test_b(self): ...\n",
        "class L0C:\n    def test_c(self): ...\n",
    ]
    for level in range(1, 30):
        bases = ", ".join(f"L{level - 1}{letter}" for letter in "ABC")
        lattice.extend(f"class L{level}{letter}({bases}): ...\n" for letter in "ABC")
    lattice.append("class CriticalTop(L29A, L29B, L29C): ...\n")
    return "".join(lattice)


def _chain() -> str:
    chain = ["class C0:\n    def test_z(self): ...\n"]
    chain.extend(f"class C{n}(C{n - 1}): ...\n" for n in range(1, 3000))
    chain.append("class CriticalChain(C2999): ...\n")
    return "".join(chain)


def _grouped_main_check() -> str:
    grouped = '__name__ == "__main__"'
    for _ in range(190):
        grouped = f"(flag and {grouped})"
    return grouped


#: 2,500 classes, each naming itself three times in its own body.
SELF_NAMING = "".join(
    f"class Critical{n}:\n    def test_a(self):\n"
    + "".join(f"        Critical{n}.x{k} = Critical{n}\n" for k in range(3))
    for n in range(2500)
)


def self_naming_expected() -> tuple[Finding, ...]:
    return tuple(
        F(
            n * 5 + 1,
            0,
            "SOT401",
            uncollected_name(f"Critical{n}", "1 test method", "['Test']", "pytest defaults"),
        )
        for n in range(2500)
    )


HOSTILE = Table(
    "hostile",
    config=SELECT,
    cases=(
        # Classes on a cycle, or built on a name not bound yet, are unknown: nothing said.
        # TestRebound's base is the imported TestRebound (bound before the class statement).
        case(
            "cycles-self-references-and-rebinding",
            "from tests.a import A\nfrom tests.base import TestRebound, Loop\n"
            "class CriticalCycle(A):\n    def test_d(self): ...\n"
            "class CriticalSelf(CriticalSelf):\n    def test_e(self): ...\n"
            "class TestRebound(TestRebound):\n    def test_f(self): ...\n"
            "class CriticalLoop(Loop):\n    def test_g(self): ...\n",
            F(7, 0, "SOT402", constructor("TestRebound", "2 test methods", "__init__")),
            path="tests/test_x.py",
            files={
                "tests/__init__.py": "",
                "tests/a.py": "from tests.b import B\nclass A(B):\n    def test_a(self): ...\n",
                "tests/b.py": "from tests.a import A\nclass B(A):\n    def test_b(self): ...\n",
                "tests/base.py": "class TestRebound:\n    def __init__(self): ...\n"
                "    def test_c(self): ...\nfrom tests.loop import Loop\n",
                "tests/loop.py": "from tests.base import Loop\n",  # a cycle of re-exports
            },
        ),
        case(
            "diamond-lattices-and-long-chains-finish",
            _chain(),
            F(
                3002,
                0,
                "SOT401",
                uncollected_name("CriticalChain", "1 test method", "['Test']", "pytest defaults"),
            ),
            F(
                94,
                0,
                "SOT401",
                uncollected_name("CriticalTop", "3 test methods", "['Test']", "pytest defaults"),
                path="test_lattice.py",
            ),
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalUser", "3 test methods", "['Test']", "pytest defaults"),
                path="test_uses.py",
            ),
            path="test_chain.py",
            files={
                "test_lattice.py": _lattice(),
                "base_lattice.py": _lattice(),  # the same, read as a base module
                "test_uses.py": "from base_lattice import CriticalTop\n"
                "class CriticalUser(CriticalTop): ...\n",
            },
            lint=("test_lattice.py", "test_uses.py"),
        ),
        case(
            "classes-that-name-themselves-thousands-of-times",
            SELF_NAMING,
            *self_naming_expected(),
            path="test_many.py",
            snapshot=False,  # 2,500 lines
        ),
        # Linting the stdlib itself: its unittest/ is first-party, but TestCase is still
        # the TestCase that pytest imports.
        case(
            "unittest-is-the-one-pytest-imports-even-under-a-source-root",
            "import unittest\nfrom unittest import TestCase\n\n\n"
            "class ThingTests(unittest.TestCase):\n    def test_a(self): ...\n\n\n"
            "class TestOther(TestCase):\n    def test_b(self): ...\n",
            path="test_things.py",
            config="[flake8]\nselect = SOT\n",
            files={
                "unittest/__init__.py": "from .case import TestCase\n",
                "unittest/case.py": "class TestCase:\n    def __init__(self, name): ...\n",
            },
        ),
        # 400 ``not``s (pyflakes recurses out past 500), and 190 nested ``and`` groups (the
        # parser's limit is 200 parentheses), around ``__name__ == "__main__"``.
        case(
            "main-checks-nested-as-deep-as-flake8-allows",
            "flag = True\nclass CriticalNots:\n    def test_a(self): ...\n"
            "class CriticalGroups:\n    def test_a(self): ...\n"
            f"if {'not ' * 400}__name__ == '__main__':\n    CriticalNots()\n"
            f"if {_grouped_main_check()}:\n    CriticalGroups()\n",
            F(
                2,
                0,
                "SOT401",
                uncollected_name("CriticalNots", "1 test method", "['Test']", "pytest defaults"),
            ),
            F(
                4,
                0,
                "SOT401",
                uncollected_name("CriticalGroups", "1 test method", "['Test']", "pytest defaults"),
            ),
            path="test_deep.py",
        ),
        # ``venv.__main__`` builds a venv and exits when imported; ``license`` is no class:
        # neither is imported to judge a base (test_integration.py checks that no venv is made).
        case(
            "stdlib-bases-never-run-a-program",
            "from venv.__main__ import EnvBuilder\n\n\n"
            "class TestVenv(EnvBuilder):\n    def test_a(self): ...\n\n\n"
            "class TestLicense(license):\n    def test_b(self): ...\n",
            path="tests/test_things.py",
            config="[flake8]\nselect = SOT\n",
            files={"tests/other.py": "import os\n"},
            lint=("tests/other.py",),
        ),
    ),
)

#: A conftest that takes over collection (its own hook, or one it may import or run).
TAKEOVER = " SOT401-SOT404 skipped for the files under it"
CONFTESTS = Table(
    "conftests",
    config=SELECT,
    files={"tests/__init__.py": "", "tests/helpers.py": "def make(): ...\n"},
    path="tests/test_{}.py",
    cases=(
        # SQLAlchemy's: classes are collected by base class, whatever their names.
        case(
            "hook-defined",
            CRITICAL,
            files={
                "tests/conftest.py": "def pytest_pycollect_makeitem(collector, name, obj): ...\n"
            },
            log=(
                "flake8-ssot: {root}/tests/conftest.py defines pytest_pycollect_makeitem:"
                + TAKEOVER,
            ),
        ),
        case(
            "hook-imported-from-a-plugin-that-cannot-be-read",
            CRITICAL,
            files={"tests/conftest.py": "from sqla_plugin.pytestplugin import *\n"},
            log=(
                "flake8-ssot: {root}/tests/conftest.py star-imports sqla_plugin.pytestplugin, "
                "which cannot be read and may define collection hooks:" + TAKEOVER,
            ),
        ),
        case(
            "hook-in-a-pytest-plugins-module",
            CRITICAL,
            files={
                "tests/conftest.py": "pytest_plugins = ['tests.plugin']\n",
                "tests/plugin.py": "from tests.hooks import *\n",
                "tests/hooks.py": "def pytest_collect_file(file_path, parent): ...\n",
            },
            log=(
                "flake8-ssot: {root}/tests/conftest.py names in pytest_plugins tests.plugin, "
                "which defines pytest_collect_file:" + TAKEOVER,
            ),
        ),
        case(
            "bootstrap-run-with-exec",
            CRITICAL,
            files={"tests/conftest.py": "exec(open('bootstrap.py').read())\n"},
            log=(
                "flake8-ssot: {root}/tests/conftest.py runs code with exec, which may define "
                "collection hooks:" + TAKEOVER,
            ),
        ),
        # pytest_ignore_collect decides which files are collected, as the hooks above do.
        case(
            "ignore-hook-defined",
            CRITICAL,
            files={
                "tests/conftest.py": "def pytest_ignore_collect(collection_path, config): ...\n"
            },
            log=(
                "flake8-ssot: {root}/tests/conftest.py defines pytest_ignore_collect:" + TAKEOVER,
            ),
        ),
        # collect_ignore and collect_ignore_glob (relative to the conftest): what they name
        # is never collected, so nothing in it is a lost test (Sphinx's tests/roots).
        case(
            "collect-ignore-names-its-directory",
            CRITICAL,
            path="tests/roots/test_in_root.py",
            files={"tests/conftest.py": "collect_ignore = ['roots', 'roots-read-only']\n"},
        ),
        case(
            "collect-ignore-glob-matches-it",
            CRITICAL,
            path="tests/test_old_py2.py",
            files={"tests/conftest.py": "collect_ignore_glob = ['*_py2.py']\n"},
        ),
        case(
            "collect-ignore-leaves-what-it-does-not-name",
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalWebSocketTests", "2 test methods", "['Test']", "pytest defaults"
                ),
            ),
            files={"tests/conftest.py": "collect_ignore = ['roots']\n"},
        ),
        case(
            "collect-ignore-changed-at-run-time",
            CRITICAL,
            files={
                "tests/conftest.py": "import sys\ncollect_ignore = []\n"
                "if sys.platform == 'win32':\n    collect_ignore.append('test_posix.py')\n"
            },
            log=(
                "flake8-ssot: {root}/tests/conftest.py makes collect_ignore in a way not read "
                "here, so it may ignore any file below it:" + TAKEOVER,
            ),
        ),
        # A conftest that reads as taking nothing over changes nothing.
        # A test library: its package re-exports the classes for test modules elsewhere
        # (SQLAlchemy's dialect suite), where they are collected. Not a lost name.
        case(
            "suite-star-exported-by-its-package",
            CRITICAL,
            path="tests/suite/test_cases.py",
            files={"tests/suite/__init__.py": "from .test_cases import *\n"},
        ),
        case(
            "suite-exported-by-name",
            CRITICAL,
            path="tests/named/test_cases.py",
            files={"tests/named/__init__.py": "from .test_cases import CriticalWebSocketTests\n"},
        ),
        case(
            "conftest-without-collection-hooks",
            CRITICAL,
            F(
                1,
                0,
                "SOT401",
                uncollected_name(
                    "CriticalWebSocketTests", "2 test methods", "['Test']", "pytest defaults"
                ),
            ),
            files={
                "tests/conftest.py": "import pytest\nfrom tests.helpers import *\n"
                "pytest_plugins = 'tests.helpers'\n@pytest.fixture\ndef db(): ...\n"
            },
        ),
    ),
)

TABLES = (
    CONFTESTS,
    CONFIG_FILES,
    NOT_REPORTED,
    CLASSES,
    LOOKUP,
    MODULES,
    UNREADABLE,
    PYTEST_CONFIG,
    HOSTILE,
)
