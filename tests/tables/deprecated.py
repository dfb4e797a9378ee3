"""SOT101: an import of a deprecated module (a facade's own names, not its real submodules).

Every import form of DESIGN.md, the advice (for each name, the one module
that binds the very same object, or why there is none), precedence over the
other import rules, and projects that tried to stop or mislead a run.
"""

from __future__ import annotations

import sys

from support import MIGRATION_CONFIG, MIGRATION_FILES
from tables import FIFO, F, Finding, Table, case, symlink
from tables.kinds import (
    advised,
    chosen,
    defined,
    defined_many,
    deprecated,
    does_not_define,
    due,
    fallback,
    import_as,
    import_from,
    inside,
    legacy_use,
    legacy_use_missing,
    not_provided,
    reason,
    replacement_own,
    replacement_unread,
    served_by_getattr,
    uncollected_name,
    use,
    writes_namespace,
)

#: The deadline of MIGRATION_CONFIG's legacy entry (no project version: never reached).
DUE = due("2.0")

FORMS = Table(
    "forms",
    config=MIGRATION_CONFIG,
    files=MIGRATION_FILES,
    path="pkg/app/{}.py",
    cases=(
        case(
            "import",
            "import pkg.facade\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "import-as",
            "import pkg.facade as f\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "from-name",
            "from pkg.facade import Manager\n",
            F(1, 0, "SOT101", advised("pkg.facade", import_from("Manager", "pkg.facade.manager"))),
        ),
        case(
            "from-names-two-submodules",
            "from pkg.facade import Manager as M, helper_alias\n",
            F(
                1,
                0,
                "SOT101",
                advised(
                    "pkg.facade",
                    import_from("Manager", "pkg.facade.manager"),
                    import_as("pkg.facade.helpers", "helper", "helper_alias"),
                ),
            ),
        ),
        case(
            "reexport-inside-try",
            "from pkg.facade import speedup\n",
            F(1, 0, "SOT101", advised("pkg.facade", import_from("speedup", "pkg.facade.fast"))),
        ),
        # ssot-type-checking-imports = allow: code that never runs is not reported, at
        # any depth; what runs is, and so is the else of a type-only block.
        case(
            "type-checking-imports-allowed",
            "import typing\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from pkg.facade import Manager\nif typing.TYPE_CHECKING:\n"
            "    import pkg.old\nelse:\n    from pkg.old import sub\n"
            "def f():\n    if False:\n        import pkg.shim_compat\n"
            "from pkg.facade import Manager as M\n",
            F(9, 4, "SOT201", legacy_use_missing("pkg.old", "pkg.new", "sub", DUE)),
            F(13, 0, "SOT101", advised("pkg.facade", import_from("Manager", "pkg.facade.manager"))),
            config=MIGRATION_CONFIG + "ssot-type-checking-imports = allow\n",
        ),
        case(
            "type-checking-imports-reported-by-default",
            "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from pkg.facade import Manager\n",
            F(4, 4, "SOT101", advised("pkg.facade", import_from("Manager", "pkg.facade.manager"))),
        ),
        # ``; reason TEXT``: the team's own words after the message, kept whole (commas,
        # ``#`` and ``;`` included).
        case(
            "entries-with-reasons",
            "from pkg.facade import Manager\nfrom pkg.old import sub\nimport pkg.facade\n",
            F(
                1,
                0,
                "SOT101",
                advised(
                    "pkg.facade",
                    import_from("Manager", "pkg.facade.manager"),
                    reason=reason("see JIRA-12, and #ops; ask in #platform"),
                ),
            ),
            F(
                2,
                0,
                "SOT201",
                legacy_use_missing(
                    "pkg.old", "pkg.new", "sub", DUE, reason=reason("logging moved, see ADR 7")
                ),
            ),
            F(
                3,
                0,
                "SOT101",
                advised(
                    "pkg.facade",
                    use("pkg.facade.manager"),
                    reason=reason("see JIRA-12, and #ops; ask in #platform"),
                ),
            ),
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            "    pkg.facade = pkg.facade.manager ; reason see JIRA-12, and #ops; ask in #platform\n"
            "ssot-legacy-modules =\n"
            "    pkg.old = pkg.new ; removed-in 2.0 ; reason logging moved, see ADR 7\n",
        ),
        case(
            "name-nothing-provides",
            "from pkg.facade import Unknown\n",
            F(1, 0, "SOT101", advised("pkg.facade", not_provided("pkg.facade", "Unknown"))),
        ),
        case(
            "name-the-facade-stopped-providing",
            "from pkg.facade import Manager, MessageRouter\n",
            F(
                1,
                0,
                "SOT101",
                advised(
                    "pkg.facade",
                    import_from("Manager", "pkg.facade.manager"),
                    not_provided("pkg.facade", "MessageRouter", "pkg.routing"),
                ),
            ),
            files={
                **MIGRATION_FILES,
                "pkg/facade/__init__.py": "from .manager import Manager\n"
                "# from pkg.routing import MessageRouter\n",
                "pkg/routing.py": "import enum\nclass MessageRouter: ...\n",
                "pkg/app/uses.py": "class Uses:\n    MessageRouter = None\n",
                "pkg/.hidden/copy.py": "class MessageRouter: ...\n",
            },
        ),
        # "This import fails" only where Python agrees: a facade that writes its own
        # namespace, extends its __path__, has a name set on it from outside, or cannot be
        # parsed (here) may well provide X; every module has its dunders.
        case(
            "a-facade-that-writes-its-namespace-is-not-said-to-fail",
            "from pkg.facade import MessageRouter\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
            files={
                **MIGRATION_FILES,
                "pkg/facade/__init__.py": "exec('MessageRouter = 1')\n",
                "pkg/routing.py": "class MessageRouter: ...\n",
            },
        ),
        case(
            "a-name-set-on-the-facade-from-outside-is-not-said-to-fail",
            "from pkg.facade import MessageRouter\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
            files={
                **MIGRATION_FILES,
                "pkg/__init__.py": "from . import facade\nfacade.MessageRouter = 1\n",
                "pkg/routing.py": "class MessageRouter: ...\n",
            },
        ),
        case(
            "a-facade-extending-its-path-is-not-said-to-fail",
            "from pkg.facade import MessageRouter\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
            files={
                **MIGRATION_FILES,
                "pkg/facade/__init__.py": "__path__.append('elsewhere')\n",
                "pkg/routing.py": "class MessageRouter: ...\n",
            },
        ),
        case(
            "a-facade-that-does-not-parse-is-not-said-to-fail",
            "from pkg.facade import MessageRouter\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
            files={
                **MIGRATION_FILES,
                "pkg/facade/__init__.py": "MessageRouter = = 1\n",
                "pkg/routing.py": "class MessageRouter: ...\n",
            },
        ),
        case(
            "a-module-dunder-is-not-said-to-fail",
            "from pkg.facade import __spec__\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "name-the-facade-stopped-providing-defined-twice",
            "from pkg.facade import Ctx\n",
            F(
                1,
                0,
                "SOT101",
                advised("pkg.facade", not_provided("pkg.facade", "Ctx", "pkg.a", "pkg.b")),
            ),
            files={**MIGRATION_FILES, "pkg/a.py": "class Ctx: ...\n", "pkg/b.py": "Ctx = dict\n"},
        ),
        case(
            "star",
            "from pkg.facade import *\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "from-parent",
            "from pkg import facade\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "relative-parent",
            "from . import sub\nfrom .. import facade\n",
            F(2, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "relative-dots",
            "from ..facade import Manager\n",
            F(1, 0, "SOT101", advised("pkg.facade", import_from("Manager", "pkg.facade.manager"))),
        ),
        case(
            "in-function",
            "def f():\n    from pkg.facade import Manager\n",
            F(2, 4, "SOT101", advised("pkg.facade", import_from("Manager", "pkg.facade.manager"))),
        ),
        case(
            "try-except",
            "try:\n    import pkg.facade\nexcept ImportError:\n    pass\n",
            F(2, 4, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "type-checking",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from pkg.facade import Manager\n",
            F(3, 4, "SOT101", advised("pkg.facade", import_from("Manager", "pkg.facade.manager"))),
        ),
        case(
            "importlib",
            "import importlib\nm = importlib.import_module('pkg.facade')\n",
            F(2, 4, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "importlib-relative-package",
            "import importlib\nm = importlib.import_module('..facade', __package__)\n",
            F(2, 4, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
        ),
        case(
            "parenthesised",
            "from pkg import (\n    facade,  # the facade\n    old,\n)\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
            F(1, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
        ),
        # In pkg/app/__init__.py, "from .. import" is relative to pkg.
        case(
            "relative-import-in-package-init",
            "from .. import facade\nfrom . import sub\n",
            F(1, 0, "SOT101", advised("pkg.facade", use("pkg.facade.manager"))),
            path="pkg/app/__init__.py",
        ),
        # Not an import of the facade (a real submodule is no name of the facade's own).
        case("import-real-submodule", "import pkg.facade.manager\n"),
        case("from-facade-submodule", "from pkg.facade import manager, helpers\n"),
        case("canonical-import", "from pkg.facade.manager import Manager\n"),
        case("string", "x = 'import pkg.facade'\n"),
        case("attribute-access", "import pkg\nprint(pkg.facade)\n"),
        case("dynamic-name", "import importlib\nimportlib.import_module(name)\n"),
        case("relative-beyond-top", "from .... import facade\n"),
    ),
)

SRC_LAYOUT = Table(
    "src-layout",
    config="[flake8]\nselect = SOT\nssot-deprecated-modules = lib.facade = lib.facade.core\n",
    files={
        "lib/__init__.py": "",
        "lib/facade/__init__.py": "",
        "src/lib/__init__.py": "",
        "src/lib/facade/__init__.py": "from .core import Thing\n",
        "src/lib/facade/core.py": "class Thing: ...\n",
    },
    cases=(
        # src/ is a default source root: src/lib is the package lib, not ./lib.
        case(
            "src-is-a-default-source-root",
            "from .facade import Thing, core\n",
            F(1, 0, "SOT101", advised("lib.facade", import_from("Thing", "lib.facade.core"))),
            path="src/lib/user.py",
            lint=(
                "src/lib/__init__.py",
                "src/lib/facade/__init__.py",
                "src/lib/facade/core.py",
            ),
        ),
    ),
)

REPLACEMENTS = Table(
    "replacements",
    config="[flake8]\nselect = SOT\nssot-deprecated-modules = old.api\n",
    cases=(
        case(
            "deprecated-without-replacement",
            "from old.api import thing\nimport old.api\n",
            F(1, 0, "SOT101", deprecated("old.api")),
            F(2, 0, "SOT101", deprecated("old.api")),
            path="m.py",
        ),
        case(
            "precedence-deprecated-over-legacy-over-compat",
            "import a.b_compat\nfrom a import b_compat\nimport x.y_compat.z\n",
            F(1, 0, "SOT101", advised("a.b_compat", use("z.c"))),
            F(2, 0, "SOT101", advised("a.b_compat", use("z.c"))),
            F(3, 0, "SOT201", inside("x.y_compat.z", "x.y_compat")),
            path="m.py",
            config="""\
                [flake8]
                select = SOT
                ssot-deprecated-modules = a.b_compat = z.c
                ssot-legacy-modules = a = b.d
                  x.y_compat
                """,
        ),
        case(
            "star-reexport-names-the-defining-submodule",
            "from eng import Engine, Hidden\n",
            F(
                1,
                0,
                "SOT101",
                advised(
                    "eng",
                    import_from("Engine", "eng.impl"),
                    not_provided("eng", "Hidden", "eng.impl"),
                ),
            ),
            path="app.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = eng = eng.fallback\n",
            files={
                "eng/__init__.py": "from .impl import *\n",
                "eng/impl.py": "__all__ = ['Engine']\nclass Engine: ...\nclass Hidden: ...\n",
            },
        ),
        case(
            "name-reexported-from-outside-the-facade",
            "from db.models import DoesNotExist, Model, annotations\n",
            F(
                1,
                0,
                "SOT101",
                advised(
                    "db.models",
                    import_from("DoesNotExist", "db.exceptions"),
                    import_from("Model", "db.models.base"),
                    use("db.models.base"),
                ),
            ),
            path="app.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = db.models = db.models.base\n",
            files={
                "db/models/__init__.py": "from __future__ import annotations\n"
                "from db.exceptions import DoesNotExist\nfrom .base import Model\n",
                "db/models/base.py": "class Model: ...\n",
                "db/exceptions.py": "class DoesNotExist(Exception): ...\n",
            },
        ),
    ),
)

#: A facade with every kind of re-export, and a legacy module beside it.
ADVICE_FACADE = """\
import sys

from .events import emit_event as emit
from .manager import Thing
try:
    from .unified import Unified
except ImportError:
    Unified = None
try:
    from .fast import Codec
except ImportError:
    from .slow import Codec
if sys.platform == "win32":
    from .win import Loop
else:
    from .posix import Loop


class Thing(Thing):
    pass


def __getattr__(name):
    import importlib
    return getattr(importlib.import_module(".fallback", __name__), name)
"""

ADVICE = Table(
    "advice",
    config="""\
        [flake8]
        select = SOT
        ssot-deprecated-modules = app.ws = app.ws.fallback
        ssot-legacy-modules = app.oldlog = app.newlog
        """,
    files={
        "app/__init__.py": "",
        "app/ws/__init__.py": ADVICE_FACADE,
        "app/ws/events.py": "def emit_event(): ...\n",
        "app/ws/manager.py": "class Thing: ...\n",
        "app/ws/unified.py": "class Unified: ...\n",
        "app/ws/fast.py": "class Codec: ...\n",
        "app/ws/slow.py": "class Codec: ...\n",
        "app/ws/win.py": "class Loop: ...\n",
        "app/ws/posix.py": "class Loop: ...\n",
        "app/ws/fallback.py": "def lazy(): ...\n",
        "app/oldlog.py": "def get_logger(): ...\ndef only_old(): ...\n",
        "app/newlog.py": "def get_logger(): ...\n",
    },
    cases=(
        # For each name only what is true of it; fix/test_fix.py checks that fix does
        # exactly what this advises.
        case(
            "every-kind-of-reexport",
            "from app.ws import emit\n"
            "from app.ws import emit as send\n"
            "from app.ws import Unified\n"
            "from app.ws import Thing\n"
            "from app.ws import Codec\n"
            "from app.ws import Loop\n"
            "from app.ws import lazy\n"
            "from app.ws import missing\n"
            "from app.oldlog import get_logger\n"
            "from app.oldlog import only_old\n",
            F(1, 0, "SOT101", advised("app.ws", import_as("app.ws.events", "emit_event", "emit"))),
            F(2, 0, "SOT101", advised("app.ws", import_as("app.ws.events", "emit_event", "emit"))),
            F(3, 0, "SOT101", advised("app.ws", import_from("Unified", "app.ws.unified"))),
            F(4, 0, "SOT101", advised("app.ws", defined("Thing", "app.ws"))),
            F(
                5,
                0,
                "SOT101",
                advised("app.ws", chosen("app.ws", "Codec", "app.ws.fast or app.ws.slow")),
            ),
            F(
                6,
                0,
                "SOT101",
                advised("app.ws", chosen("app.ws", "Loop", "app.ws.win or app.ws.posix")),
            ),
            F(7, 0, "SOT101", advised("app.ws", import_from("lazy", "app.ws.fallback"))),
            F(8, 0, "SOT101", advised("app.ws", served_by_getattr("app.ws", "missing"))),
            F(9, 0, "SOT201", legacy_use("app.oldlog", "app.newlog")),
            F(10, 0, "SOT201", legacy_use_missing("app.oldlog", "app.newlog", "only_old")),
        ),
        case(
            "a-split-renames-only-the-redirected-alias",
            "from app.ws import Unified, emit as e, Thing\n",
            F(
                1,
                0,
                "SOT101",
                advised(
                    "app.ws",
                    import_from("Unified", "app.ws.unified"),
                    import_as("app.ws.events", "emit_event", "emit"),
                    defined("Thing", "app.ws"),
                ),
            ),
        ),
        case(
            "a-name-imported-twice-is-advised-once",
            "from app.ws import Unified as a, Unified as b, Thing, Thing as T\n",
            F(
                1,
                0,
                "SOT101",
                advised(
                    "app.ws", import_from("Unified", "app.ws.unified"), defined("Thing", "app.ws")
                ),
            ),
        ),
    ),
)

#: Every way a facade can bind ``Mgr`` again after importing it from ``core``.
FACADE_REBINDINGS = {
    "for": "for Mgr in [1]:\n    pass\n",
    "with": "import contextlib\nwith contextlib.nullcontext(1) as Mgr:\n    pass\n",
    "match": "match 1:\n    case Mgr:\n        pass\n",
    "walrus_in_comprehension": "x = [(Mgr := 5) for _ in range(1)]\n",
    "global_in_function": "def _f():\n    global Mgr\n    Mgr = 3\n\n\n_f()\n",
    "except_as": "try:\n    raise ValueError\nexcept ValueError as Mgr:\n    pass\n",
    "conditional_del": "import os\nif os.sep:\n    del Mgr\n",
}

FACADES = Table(
    "facades",
    config="[flake8]\nselect = SOT\nssot-deprecated-modules = ut\n",
    cases=(
        # ``unittest/__init__.py`` does ``from .main import main``: the import gets the
        # function, not the submodule.
        case(
            "a-facade-name-that-shadows-its-submodule",
            "from ut import main, case, loader, one, two, path\n",
            F(
                1,
                0,
                "SOT101",
                advised("ut", import_from("main", "ut.main"), defined_many("one, two", "ut")),
            ),
            path="client.py",
            files={
                "ut/__init__.py": "from .main import main\nfrom . import case\n"
                "import posixpath as path\ndef one(): ...\ndef two(): ...\n",
                "ut/main.py": "def main(): ...\n",
                "ut/case.py": "class TestCase: ...\n",
                "ut/loader.py": "",
            },
        ),
        # attrs' case: ``attr`` re-exports ``fields`` from ``attr._make``, and the configured
        # replacement ``attrs`` binds that very object: the migration goes to ``attrs``. A
        # replacement with another object of the name is not advised for it.
        case(
            "the-replacement-binding-the-same-object-is-advised",
            "from attr import fields\nfrom old2 import fields as f2\n",
            F(1, 0, "SOT101", advised("attr", import_from("fields", "attrs"))),
            F(2, 0, "SOT101", advised("old2", import_from("fields", "old2._impl"))),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            "    attr = attrs\n    old2 = new2\n",
            files={
                "attr/__init__.py": "from ._make import fields\n",
                "attr/_make.py": "def fields(): ...\n",
                "attrs/__init__.py": "from attr import fields\n",
                "old2/__init__.py": "from ._impl import fields\n",
                "old2/_impl.py": "def fields(): ...\n",
                "new2.py": "def fields(): ...\n",
            },
        ),
        # ``except ImportError: thing = None`` guards an import of a name its source lacks:
        # importers get None, so neither the source nor the replacement is advised. An
        # unguarded import of a missing name is not advised either.
        case(
            "a-fallback-for-a-name-the-source-lacks-is-not-advised",
            "from f import thing\nfrom g import gone\n",
            F(1, 0, "SOT101", advised("f", fallback("f", "thing", "f.impl"))),
            F(2, 0, "SOT101", advised("g", does_not_define("g.impl", "gone"))),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            "    f = core\n    g = core\n",
            files={
                "core.py": "def thing(): ...\ndef gone(): ...\n",
                "f/__init__.py": "try:\n    from .impl import thing\nexcept ImportError:\n"
                "    thing = None\n",
                "f/impl.py": "def other(): ...\n",
                "g/__init__.py": "from .impl import gone\n",
                "g/impl.py": "def other(): ...\n",
            },
        ),
        # Importing its own submodule ``connect`` sets the facade's ``connect`` to that module,
        # after ``from .impl import connect``: importers get the submodule (no finding), not
        # impl's function. ``from .api import api`` binds the function after the module.
        case(
            "importing-its-own-submodule-rebinds-the-facades-name",
            "from ws import connect\nfrom ws import retry, api\n",
            F(
                2,
                0,
                "SOT101",
                advised("ws", import_from("retry", "ws.connect"), import_from("api", "ws.api")),
            ),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = ws = core\n",
            files={
                "core.py": "",
                "ws/__init__.py": "from .impl import connect\nfrom .connect import retry\n"
                "from .api import api\n",
                "ws/impl.py": "def connect(): ...\n",
                "ws/connect.py": "def retry(): ...\n",
                "ws/api.py": "def api(): ...\n",
            },
        ),
        # A facade that writes its own namespace (``globals()``, ``exec``, ``setattr`` on
        # itself) may set any name at run time: its visible imports are not advised.
        case(
            "a-facade-that-writes-its-own-namespace-is-not-read-as-re-exports",
            "from f import Manager\nfrom g import Manager as M\nfrom h import Manager as H\n"
            "from k import Manager as K\n",
            F(1, 0, "SOT101", advised("f", writes_namespace("f", "Manager"))),
            F(2, 0, "SOT101", advised("g", writes_namespace("g", "Manager"))),
            F(3, 0, "SOT101", advised("h", import_from("Manager", "h.impl"))),
            F(4, 0, "SOT101", advised("k", writes_namespace("k", "Manager"))),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            "    f = core\n    g = core\n    h = core\n    k = core\n",
            files={
                "core.py": "class Manager: ...\n",
                # Mentions and reads are no writes: h's names are read as ever (pydantic's
                # ``create_model`` reads its caller's ``f_globals['__name__']``).
                "h/__init__.py": "# callers' globals are read, never written\nimport sys\n"
                "from .impl import Manager\n"
                "CALLER = sys._getframe(0).f_globals.get('__name__')\n"
                "def module_of(f):\n    return f.f_globals['__name__']\n"
                "if sys._getframe(0).f_globals['__name__'] == 'h':\n"
                "    NAME = Manager.__init__.__globals__['__name__']\n",
                "h/impl.py": "class Manager: ...\n",
                "k/__init__.py": "import sys\nfrom .impl import Manager\n"
                "sys._getframe(0).f_globals['Manager'] = None\n",
                "k/impl.py": "class Manager: ...\n",
                "f/__init__.py": "from .impl import Manager\nglobals()['Manager'] = object\n",
                "f/impl.py": "class Manager: ...\n",
                "g/__init__.py": "import sys\nfrom .impl import Manager\n"
                "setattr(sys.modules[__name__], 'Manager', None)\n",
                "g/impl.py": "class Manager: ...\n",
            },
        ),
        # SQLAlchemy 2.0: ``sqlalchemy.ext.declarative`` defines its own ``declarative_base``
        # (a deprecation wrapper); the replacement ``sqlalchemy.orm`` imports its own, but
        # ends with ``__go(locals())``: the message says why it is not advised.
        case(
            "a-replacement-that-writes-its-own-namespace-is-named-not-advised",
            "from ext import declarative_base\n",
            F(
                1,
                0,
                "SOT101",
                advised("ext", replacement_unread("declarative_base", "orm", "ext")),
            ),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = ext = orm\n",
            files={
                "ext.py": "def declarative_base(): ...\n",
                "orm/__init__.py": "from .decl_api import declarative_base\n\n\n"
                "def __go(lcls):\n    pass\n\n\n__go(locals())\n",
                "orm/decl_api.py": "def declarative_base(): ...\n",
            },
        ),
        # Found by the second hostile round and the httpx trial, each a wrong rewrite before:
        # a submodule another module loads replaces the package's name; a star import of a
        # module not read may rebind a re-export; a replacement's fallback, or its submodule,
        # is no object of its own; a fallback bound before the ``try``; a stub for a missing
        # optional dependency (httpx's ``main``); a canonical home beats the replacement.
        case(
            "what-a-facade-binds-is-not-always-what-it-imports",
            "from old import connect\nfrom old2 import fields\nfrom o1 import fields as f1\n"
            "from o2 import fields as f2\nfrom f import x\nfrom cli import main\n"
            "from pkg import Request\n",
            F(1, 0, "SOT101", advised("old", chosen("old", "connect", "old.impl or old.connect"))),
            F(
                2,
                0,
                "SOT101",
                advised("old2", chosen("old2", "fields", "old2.impl or tp_missing")),
            ),
            F(3, 0, "SOT101", advised("o1", defined("fields", "o1"))),
            F(4, 0, "SOT101", advised("o2", defined("fields", "o2"))),
            F(5, 0, "SOT101", advised("f", fallback("f", "x", "f.impl"))),
            F(6, 0, "SOT101", advised("cli", chosen("cli", "main", "cli._cli or cli"))),
            F(7, 0, "SOT101", advised("pkg", import_from("Request", "pkg._models"))),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            "    old = new\n    old2 = new\n    o1 = new1\n    o2 = new2\n    f = new\n"
            "    cli\n    pkg = pkg._client\n"
            "ssot-canonical-symbols = pkg._models:Request\n",
            files={
                "old/__init__.py": "from .impl import connect\nfrom .helper import h\n",
                "old/impl.py": "def connect(): ...\n",
                "old/helper.py": "from .connect import retry\nh = 1\n",
                "old/connect.py": "def retry(): ...\n",
                "new.py": "from old.impl import connect\nfrom old2.impl import fields\nx = 1\n",
                "old2/__init__.py": "from .impl import fields\nfrom tp_missing import *\n",
                "old2/impl.py": "def fields(): ...\n",
                "o1/__init__.py": "def fields(): ...\n",
                "o1/impl.py": "",
                "new1.py": "try:\n    from o1.impl import nothere as fields\n"
                "except ImportError:\n    fields = None\n",
                "o2/__init__.py": "def fields(): ...\n",
                "new2/__init__.py": "",
                "new2/fields.py": "",
                "f/__init__.py": "x = None\ntry:\n    from .impl import x\nexcept ImportError:\n"
                "    pass\n",
                "f/impl.py": "",
                "cli/__init__.py": "try:\n    from ._cli import main\nexcept ImportError:\n"
                "    def main(): ...\n",
                "cli/_cli.py": "import click_not_installed\ndef main(): ...\n",
                "pkg/__init__.py": "from ._models import Request\n",
                "pkg/_models.py": "class Request: ...\n",
                "pkg/_client.py": "from ._models import Request\n",
            },
        ),
        # A loop, ``with``, ``match``, a walrus, ``global`` or ``except as`` rebinds it: where
        # the facade surely makes its own object, the replacement's own is advised.
        case(
            "every-way-a-facade-rebinds-a-name",
            "".join(f"from f_{form} import Mgr\n" for form in FACADE_REBINDINGS),
            F(1, 0, "SOT101", advised("f_for", chosen("f_for", "Mgr", "core or f_for"))),
            F(2, 0, "SOT101", advised("f_with", replacement_own("Mgr", "core", "f_with"))),
            F(3, 0, "SOT101", advised("f_match", chosen("f_match", "Mgr", "core or f_match"))),
            F(
                4,
                0,
                "SOT101",
                advised(
                    "f_walrus_in_comprehension",
                    replacement_own("Mgr", "core", "f_walrus_in_comprehension"),
                ),
            ),
            F(
                5,
                0,
                "SOT101",
                advised(
                    "f_global_in_function",
                    chosen("f_global_in_function", "Mgr", "core or f_global_in_function"),
                ),
            ),
            F(
                6,
                0,
                "SOT101",
                advised("f_except_as", chosen("f_except_as", "Mgr", "core or f_except_as")),
            ),
            F(
                7,
                0,
                "SOT101",
                advised(
                    "f_conditional_del",
                    chosen("f_conditional_del", "Mgr", "core or f_conditional_del"),
                ),
            ),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            + "".join(f"    f_{form} = core\n" for form in FACADE_REBINDINGS),
            files={
                "core.py": "class Mgr: ...\n",
                **{
                    f"f_{form}/__init__.py": "from core import Mgr\n" + rebinding
                    for form, rebinding in FACADE_REBINDINGS.items()
                },
            },
        ),
        # ``__all__ +=`` is followed; a chain of 1,000 star imports is no crash; a star
        # import after an explicit import of the same name rebinds it, as Python does.
        case(
            "star-exports-built-up-and-star-chains",
            "from f import Mgr, B\nfrom chain import Deep\n",
            F(1, 0, "SOT101", advised("f", import_from("Mgr, B", "f.star"))),
            F(2, 0, "SOT101", advised("chain", import_from("Deep", "chain.m0"))),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            "    f = core\n    chain = core\n",
            files={
                "core.py": "class Mgr: ...\n",
                "f/__init__.py": "from core import Mgr\nfrom .star import *\n",
                "f/star.py": "__all__ = []\n__all__ += ['Mgr']\n__all__.append('B')\n"
                "class Mgr: ...\nB = 1\n",
                "chain/__init__.py": "from .m0 import *\n",
                **{f"chain/m{n}.py": f"from .m{n + 1} import *\n" for n in range(1000)},
                "chain/m1000.py": "class Deep: ...\n",
            },
        ),
        # attrs: ``s = attributes = attrs`` after ``from ._make import attrs`` re-exports it.
        case(
            "names-a-facade-rebinds-to-an-imported-object",
            "from attr import s, attributes\n",
            F(
                1,
                0,
                "SOT101",
                advised(
                    "attr",
                    import_as("attr._make", "attrs", "s"),
                    import_as("attr._make", "attrs", "attributes"),
                ),
            ),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = attr\n",
            files={
                "attr/__init__.py": "from ._make import attrs\ns = attributes = attrs\n",
                "attr/_make.py": "def attrs(): ...\n",
            },
        ),
        # The text of a star-import source only rules a name out; what it binds is read
        # from its parse. A name listed as a string (``__all__ += ['B']``) is still a name
        # it may export; an ``__all__`` that only looks like a declaration (inside a string
        # whose opening quotes follow a comment's, or on a line continued from an ``if``)
        # is not one.
        case(
            "a-star-source-is-read-by-its-parse-not-its-text",
            "from f1 import B\nfrom f2 import C\nfrom f3 import D\n",
            F(1, 0, "SOT101", advised("f1", import_from("B", "f1.star"))),
            F(2, 0, "SOT101", advised("f2", not_provided("f2", "C"))),
            F(3, 0, "SOT101", advised("f3", not_provided("f3", "D"))),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            "    f1 = core\n    f2 = core\n    f3 = core\n",
            files={
                "core.py": "class Mgr: ...\n",
                "f1/__init__.py": "from .star import *\n",
                "f2/__init__.py": "from .star import *\n",
                "f3/__init__.py": "from .star import *\n",
                "f1/star.py": "__all__ = []\n__all__ += ['B']\n\n\n"
                "def __getattr__(name):\n    return 1\n",
                "f2/star.py": '# """\nDOC = """\n__all__ = ["C"]\n"""\n',
                "f3/star.py": 'import os\nif os.sep: \\\n__all__ = ["D"]\n',
            },
        ),
        # ``# """`` before a docstring that shows ``__all__ = [...]``: the text reading must
        # not take that for the module's ``__all__`` and rule ``C`` out, or the advice (and
        # fix) would send the caller to the replacement's ``C``, another object.
        case(
            "an-all-inside-a-string-does-not-rule-a-name-out",
            "from f import C\n",
            F(1, 0, "SOT101", advised("f", import_from("C", "f.star"))),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = f = core\n",
            files={
                "core.py": "class C: ...\n",
                "f/__init__.py": "from .star import *\n",
                "f/star.py": '# """\nDOC = """\n__all__ = ["X"]\n"""\n\n\nclass C: ...\n',
            },
        ),
    ),
)

#: Deep enough to stop Python's parser: RecursionError building the AST on 3.11+,
#: MemoryError in the parser, "too many nested parentheses".
SUM = "x = " + "1 + " * 100_000 + "1\n"
UNARY = "x = " + "-" * 100_000 + "1\n"
PARENS = "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n"
DEEP = {"sum": SUM, "unary": UNARY, "parens": PARENS}
LONG_A, LONG_B, LONG_C = "a" * 300, "b" * 300, "c" * 300
LONG_NAMES_SOURCE = (
    f"from {LONG_A}.{LONG_B} import Thing\n"
    f"from pkg import {LONG_A}_compat\n"  # a name in pkg: no such submodule
    f"from {LONG_B} import Thing\n"
    "from pkg.old import Thing\n"
)
LONG_NAMES_CONFIG = (
    "[flake8]\nselect = SOT\n"
    f"ssot-deprecated-modules = {LONG_A}.{LONG_B} = pkg.new\n"
    f"ssot-legacy-modules = pkg.old = {LONG_C}.{LONG_B}\n"
    f"ssot-canonical-symbols = {LONG_A}:Thing\n"
    "ssot-compat-patterns = *_compat\n"
)
LONG_NAMES_EXPECTED = (
    F(1, 0, "SOT101", advised(f"{LONG_A}.{LONG_B}", use("pkg.new"))),
    F(4, 0, "SOT201", legacy_use("pkg.old", f"{LONG_C}.{LONG_B}")),
)
LONG_NAMES_FILES = {"pytest.ini": "[pytest]\n", "pkg/__init__.py": "", "pkg/old.py": "Thing = 1\n"}


def deep_facades_expected() -> tuple[Finding, ...]:
    """The facades are read; 3.10 builds the deep sum's AST, so that base class is known."""
    found = tuple(
        F(line, 0, "SOT101", advised(f"pkg.{name}", import_from("Manager", "pkg.core")))
        for line, name in ((1, "sum"), (2, "unary"), (3, "parens"))
    )
    if sys.version_info < (3, 11):
        found += (
            F(
                7,
                0,
                "SOT401",
                uncollected_name("CriticalSum", "1 test method", "['Test']", "pytest defaults"),
            ),
        )
    return found


HOSTILE = Table(
    "hostile",
    config="""\
        [flake8]
        select = SOT
        ssot-canonical-symbols = app.log:getLogger, pkg.facade_core:Manager
        ssot-deprecated-modules = pkg.facade = pkg.facade_core
        ssot-legacy-modules = pkg.old = pkg.new
        """,
    cases=(
        # Directories of data beside modules (log files in ``logging/``, templates in
        # ``pkg/facade/helpers/``): the stdlib's logging is no first-party module (no
        # SOT502), and pkg/facade.py is the facade, so its helpers is a name.
        case(
            "data-directories-do-not-shadow-modules",
            "from logging import getLogger\n"
            "from pkg.facade import helpers\n"
            "from pkg.new import thing\n",
            F(
                2,
                0,
                "SOT101",
                advised("pkg.facade", replacement_own("helpers", "pkg.facade_core", "pkg.facade")),
            ),
            path="app/main.py",
            lint=("app/__init__.py", "app/log.py"),
            files={
                "logging/2024-01-01.log": "started\n",
                "app/__init__.py": "",
                "app/log.py": "def getLogger(): ...\n",
                "pkg/__init__.py": "",
                "pkg/facade.py": "class Manager: ...\ndef helpers(): ...\n",
                "pkg/facade/helpers/page.html": "<p></p>\n",
                "pkg/facade_core.py": "class Manager: ...\ndef helpers(): ...\n",
                "pkg/old.py": "def thing(): ...\n",
                "pkg/new.py": "def thing(): ...\n",
                "pkg/new/thing/readme.txt": "data\n",
            },
        ),
        # Facades and base modules too deep for Python's parser stop nothing.
        case(
            "recursion-deep-facade-and-base-modules",
            "from pkg.sum import Manager\nfrom pkg.unary import Manager\n"
            "from pkg.parens import Manager\n"
            "from tests.sum_base import SumBase\nfrom tests.unary_base import UnaryBase\n"
            "from tests.parens_base import ParensBase\n"
            "class CriticalSum(SumBase): ...\nclass CriticalUnary(UnaryBase): ...\n"
            "class CriticalParens(ParensBase): ...\n",
            *deep_facades_expected(),
            path="tests/test_x.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
            "    pkg.sum = pkg.core\n    pkg.unary = pkg.core\n    pkg.parens = pkg.core\n",
            files={
                "pkg/core.py": "class Manager: ...\n",
                "tests/__init__.py": "",
                **{
                    f"pkg/{name}/__init__.py": "from pkg.core import Manager\n" + deep
                    for name, deep in DEEP.items()
                },
                **{
                    f"tests/{name}_base.py": f"class {name.title()}Base:\n"
                    "    def test_a(self): ...\n" + deep
                    for name, deep in DEEP.items()
                },
            },
            snapshot=False,  # on 3.10 one more finding
        ),
        # Module names too long for the file system to look up.
        case(
            "module-names-too-long-for-the-file-system",
            LONG_NAMES_SOURCE,
            *LONG_NAMES_EXPECTED,
            path="app.py",
            config=LONG_NAMES_CONFIG,
            files=LONG_NAMES_FILES,
        ),
        # The same file on stdin, under a display name longer than the system allows.
        case(
            "a-display-name-longer-than-the-system-allows",
            LONG_NAMES_SOURCE,
            *LONG_NAMES_EXPECTED,
            path="/".join([LONG_A] * 20) + "/app.py",
            config=LONG_NAMES_CONFIG,
            files=LONG_NAMES_FILES,
            stdin=True,
            snapshot=False,  # a 6,000-character path
        ),
        # Reading a FIFO would block forever; /dev/zero never ends. No regular
        # __init__.py: pkg.facade is a namespace package, so Manager comes from the
        # configured replacement; the bases cannot be read, so their classes are not judged.
        case(
            "fifos-named-like-modules-are-never-read",
            "from pkg.facade import Manager\nfrom tests.base import Base\n"
            "from tests.zero import Zero\n"
            "class CriticalBase(Base):\n    def test_a(self): ...\n"
            "class CriticalZero(Zero):\n    def test_b(self): ...\n",
            F(1, 0, "SOT101", advised("pkg.facade", import_from("Manager", "pkg.core"))),
            path="tests/test_x.py",
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = pkg.facade = pkg.core\n",
            files={
                "pkg/core.py": "class Manager: ...\n",
                "pkg/facade/__init__.py": FIFO,
                "tests/__init__.py": "",
                "tests/base.py": FIFO,
                "tests/zero.py": symlink("/dev/zero"),
            },
        ),
    ),
)

TABLES = (FORMS, SRC_LAYOUT, REPLACEMENTS, ADVICE, FACADES, HOSTILE)
