"""Every import form of DESIGN.md, through the real flake8 command."""

from __future__ import annotations

import pytest

from support import Flake8Project

FACADE_USE = "SOT101 'pkg.facade' is deprecated: use pkg.facade.manager"
FACADE_MANAGER = "SOT101 'pkg.facade' is deprecated: import Manager from pkg.facade.manager"
OLD = "SOT201 'pkg.old' is legacy: use pkg.new"
OLD_SUB = "SOT201 'pkg.old.sub' is legacy: 'pkg.old' is replaced by pkg.new"
SHIM = (
    "SOT301 'pkg.shim_compat' is a compat shim (matches '*_compat'): "
    "import from the module it wraps"
)


def lint(project: Flake8Project, source: str, path: str = "pkg/app/mod.py") -> list[str]:
    project.write(path, source)
    run = project.flake8(path)
    assert run.stderr == ""
    return run.stdout_lines


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("import pkg.facade\n", [f"1:1: {FACADE_USE}"], id="import"),
        pytest.param("import pkg.facade as f\n", [f"1:1: {FACADE_USE}"], id="import-as"),
        pytest.param(
            "from pkg.facade import Manager\n", [f"1:1: {FACADE_MANAGER}"], id="from-name"
        ),
        pytest.param(
            "from pkg.facade import Manager as M, helper_alias\n",
            [
                "1:1: SOT101 'pkg.facade' is deprecated: import Manager from "
                "pkg.facade.manager; from pkg.facade.helpers import helper as helper_alias"
            ],
            id="from-names-two-submodules",
        ),
        pytest.param(
            "from pkg.facade import speedup\n",
            ["1:1: SOT101 'pkg.facade' is deprecated: import speedup from pkg.facade.fast"],
            id="reexport-inside-try",
        ),
        pytest.param(
            "from pkg.facade import Unknown\n",
            ["1:1: SOT101 'pkg.facade' is deprecated: use pkg.facade.manager"],
            id="untraced-name-falls-back-to-new",
        ),
        pytest.param("from pkg.facade import *\n", [f"1:1: {FACADE_USE}"], id="star"),
        pytest.param("from pkg import facade\n", [f"1:1: {FACADE_USE}"], id="from-parent"),
        pytest.param(
            "from . import sub\nfrom .. import facade\n",
            [f"2:1: {FACADE_USE}"],
            id="relative-parent",
        ),
        pytest.param(
            "from ..facade import Manager\n", [f"1:1: {FACADE_MANAGER}"], id="relative-dots"
        ),
        pytest.param(
            "def f():\n    from pkg.facade import Manager\n",
            [f"2:5: {FACADE_MANAGER}"],
            id="in-function",
        ),
        pytest.param(
            "try:\n    import pkg.facade\nexcept ImportError:\n    pass\n",
            [f"2:5: {FACADE_USE}"],
            id="try-except",
        ),
        pytest.param(
            "try:\n    pass\nexcept ImportError:\n    import pkg.old\n",
            [f"4:5: {OLD}"],
            id="in-except-handler",
        ),
        pytest.param(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from pkg.facade import Manager\n",
            [f"3:5: {FACADE_MANAGER}"],
            id="type-checking",
        ),
        pytest.param("class C:\n    import pkg.old\n", [f"2:5: {OLD}"], id="class-body"),
        pytest.param(
            "with open('x') as f:\n    for x in f:\n        while x:\n            import pkg.old\n",
            [f"4:13: {OLD}"],
            id="nested-blocks",
        ),
        pytest.param(
            "import importlib\nm = importlib.import_module('pkg.facade')\n",
            [f"2:5: {FACADE_USE}"],
            id="importlib",
        ),
        pytest.param(
            "from importlib import import_module\nx = [import_module('pkg.old.sub')]\n",
            [f"2:6: {OLD_SUB}"],
            id="import-module-name",
        ),
        pytest.param(
            "import importlib\nm = importlib.import_module('..facade', __package__)\n",
            [f"2:5: {FACADE_USE}"],
            id="importlib-relative-package",
        ),
        pytest.param(
            "import importlib\nm = importlib.import_module('.old', 'pkg')\n",
            [f"2:5: {OLD}"],
            id="importlib-relative-literal",
        ),
        pytest.param("m = __import__('pkg.shim_compat')\n", [f"1:5: {SHIM}"], id="dunder"),
        pytest.param(
            "def f():\n    return lambda: __import__('pkg.old')\n",
            [f"2:20: {OLD}"],
            id="dunder-in-lambda",
        ),
        pytest.param(
            "from pkg.old import thing\n",
            [f"1:1: {OLD} (it does not define thing)"],
            id="legacy-from",
        ),
        pytest.param("import pkg.old.sub\n", [f"1:1: {OLD_SUB}"], id="legacy-submodule"),
        pytest.param("from pkg.old.sub import x\n", [f"1:1: {OLD_SUB}"], id="legacy-from-sub"),
        pytest.param(
            "from pkg.old import sub\n",
            [f"1:1: {OLD} (it does not define sub)"],
            id="legacy-from-parent-sub",
        ),
        pytest.param("from pkg import old\n", [f"1:1: {OLD}"], id="legacy-from-parent"),
        pytest.param(
            "from ..old import sub\n",
            [f"1:1: {OLD} (it does not define sub)"],
            id="legacy-relative",
        ),
        pytest.param("import pkg.shim_compat\n", [f"1:1: {SHIM}"], id="compat-import"),
        pytest.param("from pkg import shim_compat\n", [f"1:1: {SHIM}"], id="compat-from-parent"),
        pytest.param("from pkg.shim_compat import thing\n", [f"1:1: {SHIM}"], id="compat-from"),
        pytest.param(
            "import other.thing_compat.inner\n",
            [
                "1:1: SOT301 'other.thing_compat.inner' is a compat shim (matches "
                "'*_compat.*'): import from the module it wraps"
            ],
            id="compat-third-party-subtree",
        ),
        pytest.param(
            "import pkg.old, pkg.shim_compat\n",
            [f"1:1: {OLD}", f"1:1: {SHIM}"],
            id="two-classes-one-statement",
        ),
        pytest.param(
            "import pkg.old, pkg.old.sub\n",
            [f"1:1: {OLD}; {OLD_SUB.removeprefix('SOT201 ')}"],
            id="one-finding-per-code-per-statement",
        ),
        pytest.param(
            "from pkg import (\n    facade,  # the facade\n    old,\n)\n",
            [f"1:1: {FACADE_USE}", f"1:1: {OLD}"],
            id="parenthesised",
        ),
    ],
)
def test_import_is_reported(migrating: Flake8Project, source: str, expected: list[str]) -> None:
    assert lint(migrating, source) == [f"pkg/app/mod.py:{line}" for line in expected]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import pkg.facade.manager\n", id="import-real-submodule"),
        pytest.param("from pkg.facade import manager, helpers\n", id="from-facade-submodule"),
        pytest.param("from pkg.facade.manager import Manager\n", id="canonical-import"),
        pytest.param("from .. import new\nimport pkg.new\n", id="replacement"),
        pytest.param("import pkg.old_other\n", id="prefix-is-not-component"),
        pytest.param("from pkg import old_other\n", id="prefix-from-parent"),
        pytest.param("x = 'import pkg.facade'\n", id="string"),
        pytest.param("# from pkg.old import thing\n", id="comment"),
        pytest.param('"""\nimport pkg.old\n"""\n', id="docstring"),
        pytest.param("import pkg\nprint(pkg.facade)\n", id="attribute-access"),
        pytest.param("import importlib\nimportlib.import_module(name)\n", id="dynamic-name"),
        pytest.param("from pkg.app import thing_compat\n", id="name-not-a-shim-module"),
        pytest.param("from .... import facade\n", id="relative-beyond-top"),
        pytest.param("import pkg.compatible\n", id="compat-needs-underscore"),
    ],
)
def test_not_reported(migrating: Flake8Project, source: str) -> None:
    assert lint(migrating, source) == []


def test_relative_import_in_package_init(migrating: Flake8Project) -> None:
    # In pkg/app/__init__.py, "from .. import" is relative to pkg.
    source = "from .. import facade\nfrom . import sub\n"
    assert lint(migrating, source, "pkg/app/__init__.py") == [
        f"pkg/app/__init__.py:1:1: {FACADE_USE}"
    ]


def test_namespace_package_resolved_through_source_root(migrating: Flake8Project) -> None:
    # ns/ has no __init__.py: the source root names it a namespace package.
    migrating.write("ns/tool/__init__.py")
    migrating.write("ns/old.py")
    migrating.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-legacy-modules = ns.old = ns.new\n",
    )
    assert lint(migrating, "from ..old import x\n", "ns/tool/run.py") == [
        "ns/tool/run.py:1:1: SOT201 'ns.old' is legacy: use ns.new"
    ]


def test_src_layout_is_a_default_source_root(project: Flake8Project) -> None:
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules = lib.facade = lib.facade.core\n",
    )
    project.package("lib.facade")
    project.write("src/lib/__init__.py")
    project.write("src/lib/facade/__init__.py", "from .core import Thing\n")
    project.write("src/lib/facade/core.py", "class Thing: ...\n")
    project.write("src/lib/user.py", "from .facade import Thing, core\n")
    run = project.flake8("src")
    assert run.stdout_lines == [
        "src/lib/user.py:1:1: SOT101 'lib.facade' is deprecated: import Thing from lib.facade.core"
    ]


def test_configured_source_roots(project: Flake8Project) -> None:
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-source-roots = services/api\n"
        "ssot-legacy-modules = api.old = api.new\n",
    )
    project.write("services/api/api/__init__.py")
    project.write("services/api/api/old.py")
    project.write("services/api/api/handlers/__init__.py")
    project.write("services/api/api/handlers/h.py", "from ..old import x\n")
    run = project.flake8("services")
    assert run.stdout_lines == [
        "services/api/api/handlers/h.py:1:1: SOT201 'api.old' is legacy: use api.new"
    ]


def test_precedence_deprecated_over_legacy_over_compat(project: Flake8Project) -> None:
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\n"
        "ssot-deprecated-modules = a.b_compat = z.c\n"
        "ssot-legacy-modules = a = b.d\n  x.y_compat\n",
    )
    project.write("m.py", "import a.b_compat\nfrom a import b_compat\nimport x.y_compat.z\n")
    assert project.flake8("m.py").stdout_lines == [
        "m.py:1:1: SOT101 'a.b_compat' is deprecated: use z.c",
        "m.py:2:1: SOT101 'a.b_compat' is deprecated: use z.c",
        "m.py:3:1: SOT201 'x.y_compat.z' is legacy (inside 'x.y_compat')",
    ]


def test_deprecated_without_replacement(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = old.api\n")
    project.write("m.py", "from old.api import thing\nimport old.api\n")
    assert project.flake8("m.py").stdout_lines == [
        "m.py:1:1: SOT101 'old.api' is deprecated",
        "m.py:2:1: SOT101 'old.api' is deprecated",
    ]


def test_star_reexport_names_the_defining_submodule(project: Flake8Project) -> None:
    project.write(
        "setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = eng = eng.fallback\n"
    )
    project.write("eng/__init__.py", "from .impl import *\n")
    project.write("eng/impl.py", "__all__ = ['Engine']\nclass Engine: ...\nclass Hidden: ...\n")
    project.write("app.py", "from eng import Engine, Hidden\n")
    assert project.flake8("app.py").stdout_lines == [
        "app.py:1:1: SOT101 'eng' is deprecated: import Engine from eng.impl; use eng.fallback"
    ]


def test_name_reexported_from_outside_the_facade(project: Flake8Project) -> None:
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules = db.models = db.models.base\n",
    )
    project.write(
        "db/models/__init__.py",
        "from __future__ import annotations\nfrom db.exceptions import DoesNotExist\n"
        "from .base import Model\n",
    )
    project.write("db/models/base.py", "class Model: ...\n")
    project.write("db/exceptions.py", "class DoesNotExist(Exception): ...\n")
    project.write("app.py", "from db.models import DoesNotExist, Model, annotations\n")
    assert project.flake8("app.py").stdout_lines == [
        "app.py:1:1: SOT101 'db.models' is deprecated: import DoesNotExist from db.exceptions; "
        "import Model from db.models.base; use db.models.base"
    ]


def test_names_python_normalises_and_keyword_arguments(project: Flake8Project) -> None:
    """NFKC: the parser reads ``ｉmport_module`` as ``import_module``, and config entries too."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-legacy-modules =\n    ｐkg.old = pkg.new\n"
        "ssot-canonical-symbols = pkg.home:Ｍanager\n",
    )
    project.write("pkg/__init__.py")
    project.write("pkg/home.py", "class Manager: ...\n")
    project.write(
        "app.py",
        "import importlib\n"
        "importlib.ｉmport_module('pkg.old')\n"
        "importlib.import_module(name='pkg.old')\n"
        "__import__(name='pkg.old')\n"
        "importlib.import_module(package='pkg', name='.old')\n"
        "class Ｍanager: ...\n",
    )
    assert project.flake8("app.py").stdout_lines == [
        "app.py:2:1: SOT201 'pkg.old' is legacy: use pkg.new",
        "app.py:3:1: SOT201 'pkg.old' is legacy: use pkg.new",
        "app.py:4:1: SOT201 'pkg.old' is legacy: use pkg.new",
        "app.py:5:1: SOT201 'pkg.old' is legacy: use pkg.new",
        "app.py:6:1: SOT501 class Manager redefines a canonical symbol: import it from pkg.home",
    ]


def test_aliased_dynamic_imports(migrating: Flake8Project) -> None:
    """Aliases of import_module, importlib, builtins and __import__, at module and function level.

    The call lines hold only the alias, not the text import_module or __import__.
    """
    migrating.write(
        "pkg/app/top.py",
        "from importlib import import_module as im\n"
        "import importlib as il\n"
        "import builtins\n"
        "import builtins as b\n"
        "from builtins import __import__ as load\n"
        "from importlib import ｉmport_module as ｆetch\n"
        "im('pkg.old')\n"
        "il.import_module('pkg.old')\n"
        "builtins.__import__('pkg.old')\n"
        "b.__import__('pkg.old')\n"
        "x = [load('pkg.shim_compat')]\n"
        "il.__import__('pkg.old')\n"
        "y = im(\n    '.old',\n    'pkg',\n)\n"
        "ｆetch('pkg.old')\n",
    )
    migrating.write(
        "pkg/app/inner.py",
        "def first():\n"
        "    from importlib import import_module as im\n"
        "    return im('pkg.old')\n"
        "\n"
        "def second():\n"
        "    import importlib as il, builtins as b\n"
        "    return lambda: (il.import_module('pkg.old'), b.__import__('pkg.shim_compat'))\n",
    )
    migrating.write(
        "pkg/app/ends.py",
        "from importlib import import_module as im\r\nx = 1\ry = 2\f\nim('pkg.old')\n",
    )
    run = migrating.flake8("pkg/app/top.py", "pkg/app/inner.py", "pkg/app/ends.py")
    assert run.stderr == ""
    assert run.stdout_lines == [
        f"pkg/app/ends.py:4:1: {OLD}",
        f"pkg/app/inner.py:3:12: {OLD}",
        f"pkg/app/inner.py:7:21: {OLD}",
        f"pkg/app/inner.py:7:50: {SHIM}",
        f"pkg/app/top.py:7:1: {OLD}",
        f"pkg/app/top.py:8:1: {OLD}",
        f"pkg/app/top.py:9:1: {OLD}",
        f"pkg/app/top.py:10:1: {OLD}",
        f"pkg/app/top.py:11:6: {SHIM}",
        f"pkg/app/top.py:12:1: {OLD}",
        f"pkg/app/top.py:13:5: {OLD}",
        f"pkg/app/top.py:17:1: {OLD}",
    ]


def test_names_that_may_not_be_the_alias_are_not_dynamic_imports(
    migrating: Flake8Project,
) -> None:
    """A name bound to anything else anywhere in the file is not taken as an alias."""
    cases = {
        "rebound": "from importlib import import_module as im\nim('pkg.old')\nim = print\n",
        "parameter": "from importlib import import_module as im\n"
        "def f(im):\n    return im('pkg.old')\n",
        "other_module": "import mylib as il\nil.import_module('pkg.old')\n"
        "from mylib import import_module as im\nim('pkg.old')\n",
        "two_meanings": "def f():\n    from importlib import import_module as load\n"
        "    return load('pkg.old')\n"
        "def g():\n    from mylib import load\n    return load('pkg.old')\n",
        "builtin_name": "def f():\n    from importlib import import_module as open\n"
        "open('pkg.old')\n",
        "star": "from importlib import import_module as im\nfrom helpers import *\nim('pkg.old')\n",
        "never_imported": "builtins.__import__('pkg.old')\nil.import_module('pkg.old')\n",
        "not_offered": "import builtins as b\nb.import_module('pkg.old')\n"
        "from builtins import import_module as im\nim('pkg.old')\n",
        "relative": "from .compat import import_module as im\nim('pkg.old')\n"
        "from . import importlib as il\nil.import_module('pkg.old')\n",
        "submodule": "import importlib.util as il\nil.import_module('pkg.old')\n",
    }
    for name, source in cases.items():
        migrating.write(f"pkg/app/{name}.py", source)
    run = migrating.flake8(*(f"pkg/app/{name}.py" for name in cases))
    assert run.stderr == ""
    assert run.stdout_lines == []
