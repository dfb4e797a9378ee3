"""SOT501 and SOT502 through the real flake8 command."""

from __future__ import annotations

import pytest

from support import Flake8Project

CONFIG = """\
[flake8]
select = SOT
ssot-canonical-symbols =
    core.manager:Manager
    core.log:get_logger
ssot-deprecated-modules = core.facade = core.manager
"""
HOME = "import it from core.manager"


@pytest.fixture
def canonical(project: Flake8Project) -> Flake8Project:
    project.write("setup.cfg", CONFIG)
    project.write("core/__init__.py", "from .manager import Manager\n")
    project.write("core/manager.py", "class Manager: ...\n")
    project.write("core/log.py", "def get_logger(name): ...\n")
    project.write("core/facade/__init__.py", "from ..manager import Manager\n")
    project.write("core/unified.py", "from .manager import Manager\nclass Unified(Manager): ...\n")
    project.write("app/__init__.py")
    return project


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "class Manager:\n    pass\n",
            [f"1:1: SOT501 class Manager redefines a canonical symbol: {HOME}"],
            id="class",
        ),
        pytest.param(
            "def get_logger(name): ...\nasync def Manager(): ...\n",
            [
                "1:1: SOT501 function get_logger redefines a canonical symbol: "
                "import it from core.log",
                f"2:1: SOT501 function Manager redefines a canonical symbol: {HOME}",
            ],
            id="functions",
        ),
        pytest.param(
            "from core.unified import Unified\nManager = Unified\n",
            [f"2:1: SOT501 binding Manager redefines a canonical symbol: {HOME}"],
            id="compat-alias",
        ),
        pytest.param(
            "Manager: type = object\nOther, Manager = 1, 2\n",
            [
                f"1:1: SOT501 binding Manager redefines a canonical symbol: {HOME}",
                f"2:1: SOT501 binding Manager redefines a canonical symbol: {HOME}",
            ],
            id="annotated-and-tuple",
        ),
        pytest.param(
            "def deco(f):\n    return f\n\n\n@(Manager := deco)\ndef bar(): ...\n",
            [f"6:1: SOT501 function Manager redefines a canonical symbol: {HOME}"],
            id="walrus-in-a-decorator",
        ),
        pytest.param(
            "try:\n    from fast import Manager\nexcept ImportError:\n    class Manager: ...\n",
            [f"4:5: SOT501 class Manager redefines a canonical symbol: {HOME}"],
            id="under-try",
        ),
        pytest.param(
            "from core.unified import Manager\n",
            ["1:1: SOT502 'Manager' imported from core.unified: import from core.manager"],
            id="side-door",
        ),
        pytest.param(
            "from core import Manager as M, get_logger\n",
            [
                "1:1: SOT502 'Manager' imported from core: import from core.manager; "
                "'get_logger' imported from core: import from core.log"
            ],
            id="package-reexport-two-homes",
        ),
        pytest.param(
            "from core.facade import Manager\n",
            ["1:1: SOT101 'core.facade' is deprecated: import Manager from core.manager"],
            id="deprecated-wins",
        ),
    ],
)
def test_reported(canonical: Flake8Project, source: str, expected: list[str]) -> None:
    canonical.write("app/mod.py", source)
    assert canonical.flake8("app/mod.py").stdout_lines == [
        f"app/mod.py:{line}" for line in expected
    ]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from core.manager import Manager\n", id="home-import"),
        pytest.param("from thirdparty import Manager\n", id="third-party"),
        pytest.param("import core.unified\nx = core.unified.Manager\n", id="attribute"),
        pytest.param("def f():\n    Manager = 1\n    return Manager\n", id="local-binding"),
        pytest.param("class C:\n    Manager = None\n", id="class-attribute"),
        pytest.param("Manager: type\n", id="annotation-only"),
        pytest.param("x = 'Manager = 1'\n", id="string"),
    ],
)
def test_not_reported(canonical: Flake8Project, source: str) -> None:
    canonical.write("app/mod.py", source)
    assert canonical.flake8("app/mod.py").stdout_lines == []


def test_relative_side_door(canonical: Flake8Project) -> None:
    canonical.write("core/sub/__init__.py")
    canonical.write("core/sub/mod.py", "from ..unified import Manager\n")
    assert canonical.flake8("core/sub/mod.py").stdout_lines == [
        "core/sub/mod.py:1:1: SOT502 'Manager' imported from core.unified: import from core.manager"
    ]


def test_home_may_define_it(canonical: Flake8Project) -> None:
    assert canonical.flake8("core/manager.py", "core/log.py").stdout_lines == []


def test_stdin_uses_the_display_name_for_the_home(canonical: Flake8Project) -> None:
    home = canonical.flake8(
        "-", "--stdin-display-name", "core/manager.py", stdin="class Manager: ...\n"
    )
    elsewhere = canonical.flake8(
        "-", "--stdin-display-name", "core/other.py", stdin="class Manager: ...\n"
    )
    assert home.stdout_lines == []
    assert elsewhere.stdout_lines == [
        f"core/other.py:1:1: SOT501 class Manager redefines a canonical symbol: {HOME}"
    ]
