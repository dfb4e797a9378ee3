"""SOT501 (a second definition of a canonical symbol) and SOT502 (a side-door import)."""

from __future__ import annotations

from tables import F, Table, case
from tables.kinds import (
    advised,
    dynamic_home,
    import_from,
    lazy_home,
    not_defined,
    rebound,
    second_definition,
    served,
    set_at_run_time,
    side_door,
    use,
)

CORE = Table(
    "core",
    config="""\
        [flake8]
        select = SOT
        ssot-canonical-symbols =
            core.manager:Manager
            core.log:get_logger
        ssot-deprecated-modules = core.facade = core.manager
        """,
    files={
        "core/__init__.py": "from .manager import Manager\n",
        "core/manager.py": "class Manager: ...\n",
        "core/log.py": "def get_logger(name): ...\n",
        "core/facade/__init__.py": "from ..manager import Manager\n",
        "core/unified.py": "from .manager import Manager\nclass Unified(Manager): ...\n",
        "app/__init__.py": "",
    },
    path="app/m_{}.py",
    cases=(
        # Second definitions: any module-level binding of the name, however made.
        case(
            "class",
            "class Manager:\n    pass\n",
            F(1, 0, "SOT501", second_definition("class", "Manager", "core.manager")),
        ),
        case(
            "functions",
            "def get_logger(name): ...\nasync def Manager(): ...\n",
            F(1, 0, "SOT501", second_definition("function", "get_logger", "core.log")),
            F(2, 0, "SOT501", second_definition("function", "Manager", "core.manager")),
        ),
        case(
            "compat-alias",
            "from core.unified import Unified\nManager = Unified\n",
            F(2, 0, "SOT501", second_definition("binding", "Manager", "core.manager")),
        ),
        case(
            "annotated-and-tuple",
            "Manager: type = object\nOther, Manager = 1, 2\n",
            F(1, 0, "SOT501", second_definition("binding", "Manager", "core.manager")),
            F(2, 0, "SOT501", second_definition("binding", "Manager", "core.manager")),
        ),
        case(
            "walrus-in-a-decorator",
            "def deco(f):\n    return f\n\n\n@(Manager := deco)\ndef bar(): ...\n",
            F(6, 0, "SOT501", second_definition("function", "Manager", "core.manager")),
        ),
        case(
            "under-try",
            "try:\n    from fast import Manager\nexcept ImportError:\n    class Manager: ...\n",
            F(4, 4, "SOT501", second_definition("class", "Manager", "core.manager")),
        ),
        # Read as Python runs the module: under ``with`` and ``match`` too.
        case(
            "under-with",
            "import contextlib\nwith contextlib.suppress(ImportError):\n    class Manager: ...\n",
            F(3, 4, "SOT501", second_definition("class", "Manager", "core.manager")),
        ),
        case(
            "under-match",
            "match 1:\n    case 1:\n        Manager = 1\n",
            F(3, 8, "SOT501", second_definition("binding", "Manager", "core.manager")),
        ),
        case(
            "walrus-in-a-signature",
            "def f(\n    x=(Manager := 1),\n):\n    return x\n",
            F(1, 0, "SOT501", second_definition("function", "Manager", "core.manager")),
        ),
        # Side doors: a first-party module other than the home.
        case(
            "side-door",
            "from core.unified import Manager\n",
            F(1, 0, "SOT502", side_door("'Manager'", "core.unified", "core.manager")),
        ),
        case(
            "package-reexport-two-homes",
            "from core import Manager as M, get_logger\n",
            F(
                1,
                0,
                "SOT502",
                side_door("'Manager'", "core", "core.manager"),
                not_defined("get_logger", "core", "core.log"),
            ),
        ),
        case(
            "relative-side-door",
            "from ..unified import Manager\n",
            F(1, 0, "SOT502", side_door("'Manager'", "core.unified", "core.manager")),
            path="core/sub/mod.py",
            files={"core/sub/__init__.py": ""},
        ),
        # A deprecated module is reported as such, not as a side door too.
        case(
            "deprecated-wins",
            "from core.facade import Manager\n",
            F(1, 0, "SOT101", advised("core.facade", import_from("Manager", "core.manager"))),
        ),
        # Not a second definition, not a side door.
        case("home-import", "from core.manager import Manager\n"),
        case("third-party", "from thirdparty import Manager\n"),
        case("attribute", "import core.unified\nx = core.unified.Manager\n"),
        case("local-binding", "def f():\n    Manager = 1\n    return Manager\n"),
        case("class-attribute", "class C:\n    Manager = None\n"),
        case("annotation-only", "Manager: type\n"),
        case("string", "x = 'Manager = 1'\n"),
        # No second object at run time: only for type checkers, or only when f() runs.
        case(
            "type-checking-only",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    class Manager: ...\n",
        ),
        case("global-in-a-function", "def f():\n    global Manager\n    Manager = 1\n"),
        case("only-in-bodies", "class C:\n    x = Manager\n\n\ndef g():\n    return Manager\n"),
        case("home-may-define-it", None, lint=("core/manager.py", "core/log.py")),
        # On stdin, the display name tells the module, and so whether it is the home.
        case("stdin-home", "class Manager: ...\n", path="core/manager.py", stdin=True),
        case(
            "stdin-elsewhere",
            "class Manager: ...\n",
            F(1, 0, "SOT501", second_definition("class", "Manager", "core.manager")),
            path="core/other.py",
            stdin=True,
        ),
    ),
)

FIRST_PARTY = Table(
    "first-party",
    config="[flake8]\nselect = SOT\nssot-canonical-symbols = home:Thing\n",
    files={
        "home.py": "class Thing: ...\n",
        "company/service/core.py": "from home import Thing\n",  # namespace packages
        "company/other/__init__.py": "from home import Thing\n",
        "colorsys.py": "from home import Thing\n",  # shadows the stdlib module
    },
    cases=(
        # Namespace packages and a module that shadows the stdlib's are first-party;
        # a built-in module is found before any source root.
        case(
            "namespace-packages-and-regular-modules",
            "from company.service.core import Thing\n"
            "from company.other import Thing\n"
            "from colorsys import Thing\n"
            "from sys import Thing\n",
            F(1, 0, "SOT502", side_door("'Thing'", "company.service.core", "home")),
            F(2, 0, "SOT502", side_door("'Thing'", "company.other", "home")),
            F(3, 0, "SOT502", side_door("'Thing'", "colorsys", "home")),
            path="app.py",
        ),
    ),
)

REBINDINGS = Table(
    "rebindings",
    config="[flake8]\nselect = SOT\nssot-canonical-symbols = home:Factory\n",
    files={"home.py": "class Factory: ...\n", "other.py": "class Other: ...\n"},
    cases=(
        # ``Factory = _F`` after ``from home import Factory as _F`` is the same object.
        case(
            "plain-rebinding-of-the-canonical-object",
            "from home import Factory as _F\nfrom other import Other\nFactory = _F\n",
            path="alias.py",
        ),
        case(
            "rebinding-to-another-object",
            "from other import Other\nFactory = Other\n",
            F(2, 0, "SOT501", second_definition("binding", "Factory", "home")),
            path="wrong.py",
        ),
    ),
)

SIDE_DOORS = Table(
    "side-doors",
    config="""\
        [flake8]
        select = SOT
        ssot-canonical-symbols = app.home:Canon
        ssot-deprecated-modules = app.ws = app.ws.core
        """,
    files={
        "app/__init__.py": "",
        "app/home.py": "class Canon: ...\n",
        "app/plain.py": "from app.home import Canon\n",
        "app/sidedoor.py": "from app.home import Canon\nCanon = list(Canon)\n",
        "app/ws/__init__.py": "from .core import Gadget, Plain\nGadget = list(Gadget)\n",
        "app/ws/core.py": "class Gadget: ...\nclass Plain: ...\n",
    },
    cases=(
        # A side door that rebinds the name hands out another object: the advice says so
        # (fix/test_fix.py checks that fix leaves it).
        case(
            "a-side-door-that-rebinds-the-name",
            "from app.plain import Canon\nfrom app.sidedoor import Canon as C2\n"
            "import app.ws as ws\nimport app.ws as ws2\nprint(ws.Gadget, ws2.Plain)\n",
            F(1, 0, "SOT502", side_door("'Canon'", "app.plain", "app.home")),
            F(2, 0, "SOT502", rebound("Canon", "app.sidedoor", "app.home")),
            F(3, 0, "SOT101", advised("app.ws", use("app.ws.core"))),
            F(4, 0, "SOT101", advised("app.ws", use("app.ws.core"))),
            path="client.py",
        ),
        # ``pkg/Canon.py`` is a submodule: ``from app.pkg import Canon`` imports the module.
        # A PEP 562 shim serves the name from its ``__getattr__``: what it hands out is not
        # read, so the home is not advised (fix/test_fix.py checks that fix leaves it).
        case(
            "a-submodule-or-a-getattr-shim-is-no-plain-side-door",
            "from app.pkg import Canon\nfrom app.shim import Canon as C2\n"
            "from app.dyn import Canon as C3\nfrom app.empty import Canon as C4\n",
            F(2, 0, "SOT502", served("Canon", "app.shim", "app.home")),
            F(3, 0, "SOT502", set_at_run_time("Canon", "app.dyn", "app.home")),
            F(4, 0, "SOT502", not_defined("Canon", "app.empty", "app.home")),
            path="client.py",
            files={
                "app/pkg/__init__.py": "",
                "app/pkg/Canon.py": "VALUE = 1\n",
                "app/dyn.py": "from app.home import Canon\nexec('Canon = None')\n",
                "app/empty.py": "OTHER = 1\n",
                "app/shim.py": "import warnings\n\n\ndef __getattr__(name):\n"
                "    if name == 'Canon':\n        warnings.warn('moved', DeprecationWarning)\n"
                "        from app.home import Canon\n        return Canon\n"
                "    raise AttributeError(name)\n",
            },
        ),
        # A home that serves the name from its module ``__getattr__`` (pydantic's lazy
        # ``__init__``, its imports under ``if TYPE_CHECKING:``): which definition it hands
        # out is not read, so none is called a second one, and importing from the module
        # that defines it is advised to the home, as a side door, never as a rebinding
        # (fix/test_fix.py checks that fix leaves it).
        case(
            "a-home-that-serves-the-name-from-getattr",
            "from app.served.impl import Served\n",
            F(1, 0, "SOT502", lazy_home("Served", "app.served.impl", "app.served")),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-canonical-symbols = app.served:Served\n",
            files={
                "app/served/__init__.py": "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from .impl import Served\n"
                "def __getattr__(name):\n"
                "    from app.served.impl import Served\n    return Served\n",
                "app/served/impl.py": "class Served: ...\n",
                "app/other.py": "def Served(): ...\n",
            },
            lint=("app/served/impl.py", "app/other.py"),
        ),
        # SQLAlchemy 2.0: ``sqlalchemy.orm`` re-exports ``Session`` and ends with
        # ``__go(locals())``, which may set any of its names: the home is advised, the
        # defining module is not called a second definition, and fix leaves it.
        case(
            "a-home-that-writes-its-own-namespace",
            "from app.orm2.session import Session\n",
            F(1, 0, "SOT502", dynamic_home("Session", "app.orm2.session", "app.orm2")),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-canonical-symbols = app.orm2:Session\n",
            files={
                "app/orm2/__init__.py": "from .session import Session\n\n\n"
                "def __go(lcls):\n    pass\n\n\n__go(locals())\n",
                "app/orm2/session.py": "class Session: ...\n",
            },
        ),
        # SQLAlchemy's ``sqlalchemy.orm:declarative_base``: the home re-exports it from
        # ``decl_api``. That definition is the one definition; importing from ``decl_api``
        # is the side door; the home's own import of it is no finding; a third module's
        # definition is a second one.
        case(
            "a-home-that-re-exports-its-definition",
            "from app.orm.decl_api import declarative_base\n",
            F(1, 0, "SOT502", side_door("'declarative_base'", "app.orm.decl_api", "app.orm")),
            F(
                1,
                0,
                "SOT501",
                second_definition("function", "declarative_base", "app.orm"),
                path="app/ext.py",
            ),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-canonical-symbols = app.orm:declarative_base\n",
            files={
                "app/orm/__init__.py": "from .decl_api import declarative_base\n",
                "app/orm/decl_api.py": "def declarative_base(): ...\n",
                "app/ext.py": "def declarative_base(): ...\n",
            },
            lint=("app/orm/__init__.py", "app/orm/decl_api.py", "app/ext.py"),
        ),
    ),
)

TABLES = (CORE, FIRST_PARTY, REBINDINGS, SIDE_DOORS)
