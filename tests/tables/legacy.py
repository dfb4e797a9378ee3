"""SOT201: an import of a legacy module or any of its submodules, which a replacement replaces.

Every import form of DESIGN.md (dynamic imports and their aliases
included), the replacement's advice, and configuration that Python reads
as it reads names.
"""

from __future__ import annotations

from support import MIGRATION_CONFIG, MIGRATION_FILES
from tables import F, M, Table, case
from tables.kinds import (
    advised,
    compat,
    deprecated,
    due,
    import_from,
    inside_replaced,
    legacy_use,
    legacy_use_missing,
    overdue,
    second_definition,
    uncollected_name,
    use,
)

#: The deadline of MIGRATION_CONFIG's legacy entry (no project version: never reached).
DUE = due("2.0")

#: Names that may be bound to something other than the alias of import_module or
#: __import__ somewhere in the file: none of them is taken for a dynamic import.
NOT_ALIASES = {
    "rebound": "from importlib import import_module as im\nim('pkg.old')\nim = print\n",
    "parameter": "from importlib import import_module as im\n"
    "def f(im):\n    return im('pkg.old')\n",
    "other-module": "import mylib as il\nil.import_module('pkg.old')\n"
    "from mylib import import_module as im\nim('pkg.old')\n",
    "two-meanings": "def f():\n    from importlib import import_module as load\n"
    "    return load('pkg.old')\n"
    "def g():\n    from mylib import load\n    return load('pkg.old')\n",
    "builtin-name": "def f():\n    from importlib import import_module as open\nopen('pkg.old')\n",
    "star": "from importlib import import_module as im\nfrom helpers import *\nim('pkg.old')\n",
    "never-imported": "builtins.__import__('pkg.old')\nil.import_module('pkg.old')\n",
    "not-offered": "import builtins as b\nb.import_module('pkg.old')\n"
    "from builtins import import_module as im\nim('pkg.old')\n",
    "relative": "from .compat import import_module as im\nim('pkg.old')\n"
    "from . import importlib as il\nil.import_module('pkg.old')\n",
    "submodule": "import importlib.util as il\nil.import_module('pkg.old')\n",
}

FORMS = Table(
    "forms",
    config=MIGRATION_CONFIG,
    files=MIGRATION_FILES,
    path="pkg/app/{}.py",
    cases=(
        case(
            "in-except-handler",
            "try:\n    pass\nexcept ImportError:\n    import pkg.old\n",
            F(4, 4, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
        ),
        case(
            "class-body",
            "class C:\n    import pkg.old\n",
            F(2, 4, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
        ),
        case(
            "nested-blocks",
            "with open('x') as f:\n    for x in f:\n        while x:\n            import pkg.old\n",
            F(4, 12, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
        ),
        case(
            "import-module-name",
            "from importlib import import_module\nx = [import_module('pkg.old.sub')]\n",
            F(2, 5, "SOT201", inside_replaced("pkg.old.sub", "pkg.old", "pkg.new", deadline=DUE)),
        ),
        case(
            "importlib-relative-literal",
            "import importlib\nm = importlib.import_module('.old', 'pkg')\n",
            F(2, 4, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
        ),
        case(
            "dunder-in-lambda",
            "def f():\n    return lambda: __import__('pkg.old')\n",
            F(2, 19, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
        ),
        # ``fromlist`` loads each name that is a submodule, as ``from pkg import old`` does.
        case(
            "dunder-fromlist",
            "m = __import__('pkg', fromlist=['old'])\nn = __import__('pkg', None, None, ('old',))\n"
            "o = __import__('pkg', fromlist=names)\n",
            F(1, 4, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            F(2, 4, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
        ),
        # While the migration runs, the replacement and the legacy module's own files
        # import the old module: no finding (SQLAlchemy's sqlalchemy.util, attrs' attrs).
        case(
            "replacement-imports-the-old-module",
            "from lib.old import thing\n",
            F(1, 0, "SOT201", legacy_use("lib.old", "lib.new"), path="lib/user.py"),
            F(2, 0, "SOT101", advised("lib.facade", use("lib.new.core")), path="lib/user.py"),
            path="lib/new/__init__.py",
            config="[flake8]\nselect = SOT\nssot-legacy-modules = lib.old = lib.new\n"
            "ssot-deprecated-modules = lib.facade = lib.new.core\n",
            files={
                "lib/__init__.py": "",
                "lib/old/__init__.py": "thing = 1\n",
                "lib/old/inner.py": "from lib.old import thing\n",
                "lib/facade.py": "from lib.new.core import *\n",
                "lib/new/core.py": "import lib.facade\n",
                "lib/user.py": "from lib.old import thing\nimport lib.facade\n",
            },
            lint=("lib/new/__init__.py", "lib/new/core.py", "lib/old/inner.py", "lib/user.py"),
        ),
        case(
            "legacy-from",
            "from pkg.old import thing\n",
            F(1, 0, "SOT201", legacy_use_missing("pkg.old", "pkg.new", "thing", deadline=DUE)),
        ),
        case(
            "legacy-submodule",
            "import pkg.old.sub\n",
            F(1, 0, "SOT201", inside_replaced("pkg.old.sub", "pkg.old", "pkg.new", deadline=DUE)),
        ),
        case(
            "legacy-from-sub",
            "from pkg.old.sub import x\n",
            F(1, 0, "SOT201", inside_replaced("pkg.old.sub", "pkg.old", "pkg.new", deadline=DUE)),
        ),
        case(
            "legacy-from-parent-sub",
            "from pkg.old import sub\n",
            F(1, 0, "SOT201", legacy_use_missing("pkg.old", "pkg.new", "sub", deadline=DUE)),
        ),
        case(
            "legacy-from-parent",
            "from pkg import old\n",
            F(1, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
        ),
        case(
            "legacy-relative",
            "from ..old import sub\n",
            F(1, 0, "SOT201", legacy_use_missing("pkg.old", "pkg.new", "sub", deadline=DUE)),
        ),
        case(
            "two-classes-one-statement",
            "import pkg.old, pkg.shim_compat\n",
            F(1, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            F(1, 0, "SOT301", compat("pkg.shim_compat", "*_compat")),
        ),
        case(
            "one-finding-per-code-per-statement",
            "import pkg.old, pkg.old.sub\n",
            F(
                1,
                0,
                "SOT201",
                legacy_use("pkg.old", "pkg.new", deadline=DUE),
                inside_replaced("pkg.old.sub", "pkg.old", "pkg.new", deadline=DUE),
            ),
        ),
        # Aliases of import_module, importlib, builtins and __import__, at module and
        # function level; the call lines hold only the alias, not the text import_module
        # or __import__; CRLF, a lone CR and a form feed before the call.
        case(
            "aliased-dynamic-imports",
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
            F(
                4,
                0,
                "SOT201",
                legacy_use("pkg.old", "pkg.new", deadline=DUE),
                path="pkg/app/ends.py",
            ),
            F(
                3,
                11,
                "SOT201",
                legacy_use("pkg.old", "pkg.new", deadline=DUE),
                path="pkg/app/inner.py",
            ),
            F(
                7,
                20,
                "SOT201",
                legacy_use("pkg.old", "pkg.new", deadline=DUE),
                path="pkg/app/inner.py",
            ),
            F(7, 49, "SOT301", compat("pkg.shim_compat", "*_compat"), path="pkg/app/inner.py"),
            F(7, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            F(8, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            F(9, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            F(10, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            F(11, 5, "SOT301", compat("pkg.shim_compat", "*_compat")),
            F(12, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            F(13, 4, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            F(17, 0, "SOT201", legacy_use("pkg.old", "pkg.new", deadline=DUE)),
            path="pkg/app/top.py",
            files={
                "pkg/app/inner.py": "def first():\n"
                "    from importlib import import_module as im\n"
                "    return im('pkg.old')\n"
                "\n"
                "def second():\n"
                "    import importlib as il, builtins as b\n"
                "    return lambda: (il.import_module('pkg.old'), "
                "b.__import__('pkg.shim_compat'))\n",
                "pkg/app/ends.py": "from importlib import import_module as im\r\n"
                "x = 1\ry = 2\f\nim('pkg.old')\n",
            },
            lint=("pkg/app/inner.py", "pkg/app/ends.py"),
        ),
        *(
            case(f"not-an-alias-{name}", source, path=f"pkg/app/{name.replace('-', '_')}.py")
            for name, source in NOT_ALIASES.items()
        ),
        # Not an import of the legacy module.
        case("replacement", "from .. import new\nimport pkg.new\n"),
        case("prefix-is-not-component", "import pkg.old_other\n"),
        case("prefix-from-parent", "from pkg import old_other\n"),
        case("comment", "# from pkg.old import thing\n"),
        case("docstring", '"""\nimport pkg.old\n"""\n'),
        # ns/ has no __init__.py: the source root names it a namespace package.
        case(
            "namespace-package-resolved-through-source-root",
            "from ..old import x\n",
            F(1, 0, "SOT201", legacy_use("ns.old", "ns.new")),
            path="ns/tool/run.py",
            config="[flake8]\nselect = SOT\nssot-legacy-modules = ns.old = ns.new\n",
            files={"ns/tool/__init__.py": "", "ns/old.py": ""},
        ),
    ),
)

PROJECTS = Table(
    "projects",
    config="""\
        [flake8]
        select = SOT
        ssot-source-roots = services/api
        ssot-legacy-modules = api.old = api.new
        """,
    cases=(
        case(
            "configured-source-roots",
            "from ..old import x\n",
            F(1, 0, "SOT201", legacy_use("api.old", "api.new")),
            path="services/api/api/handlers/h.py",
            files={
                "services/api/api/__init__.py": "",
                "services/api/api/old.py": "",
                "services/api/api/handlers/__init__.py": "",
            },
            lint=("*",),
        ),
        case(
            "comments-and-blank-lines-are-not-entries",
            "import a.old\n",
            F(1, 0, "SOT201", legacy_use("a.old", "a.new")),
            path="m.py",
            config="[flake8]\nselect = SOT\nssot-legacy-modules =\n\n"
            "    # the logging migration\n    a.old = a.new  # since 1.4\n",
        ),
        # NFKC: the parser reads ``ｉmport_module`` as ``import_module``, and config
        # entries too; keyword arguments name the module as well.
        case(
            "names-python-normalises-and-keyword-arguments",
            "import importlib\n"
            "importlib.ｉmport_module('pkg.old')\n"
            "importlib.import_module(name='pkg.old')\n"
            "__import__(name='pkg.old')\n"
            "importlib.import_module(package='pkg', name='.old')\n"
            "class Ｍanager: ...\n",
            F(2, 0, "SOT201", legacy_use("pkg.old", "pkg.new")),
            F(3, 0, "SOT201", legacy_use("pkg.old", "pkg.new")),
            F(4, 0, "SOT201", legacy_use("pkg.old", "pkg.new")),
            F(5, 0, "SOT201", legacy_use("pkg.old", "pkg.new")),
            F(6, 0, "SOT501", second_definition("class", "Manager", "pkg.home")),
            path="app.py",
            config="[flake8]\nselect = SOT\nssot-legacy-modules =\n    ｐkg.old = pkg.new\n"
            "ssot-canonical-symbols = pkg.home:Ｍanager\n",
            files={"pkg/__init__.py": "", "pkg/home.py": "class Manager: ...\n"},
        ),
        # Names the replacement binds only in a branch that does not run, deletes, or
        # binds only in a ``try`` that may fail are not there.
        case(
            "a-name-bound-only-in-a-branch-not-taken-is-not-there",
            "from old import only_old, gone, kept\n",
            F(1, 0, "SOT201", legacy_use_missing("old", "new", "only_old, gone, kept")),
            path="client.py",
            config="[flake8]\nselect = SOT\nssot-legacy-modules = old = new\n",
            files={
                "old.py": "def only_old(): ...\ndef gone(): ...\ndef kept(): ...\n",
                "new.py": "import sys\nif sys.version_info < (3, 0):\n    def only_old(): ...\n"
                "def gone(): ...\ndel gone\ntry:\n    from json import loads as kept\n"
                "except ImportError:\n    pass\n",
            },
        ),
        # A file 1,000 directories deep, every one a package.
        case(
            "a-file-1000-directories-deep",
            "import pkg.old\nfrom . import sibling\n"
            "class CriticalTests:\n    def test_a(self): ...\n",
            F(1, 0, "SOT201", legacy_use("pkg.old", "pkg.new")),
            F(
                3,
                0,
                "SOT401",
                uncollected_name("CriticalTests", "1 test method", "['Test']", "pytest.ini"),
            ),
            path="/".join(["d"] * 1000) + "/test_deep.py",
            config="[flake8]\nselect = SOT\nssot-legacy-modules = pkg.old = pkg.new\n",
            files={
                "pytest.ini": "[pytest]\n",
                "pkg/old.py": "",
                **{"/".join(["d"] * depth) + "/__init__.py": "" for depth in range(1, 1001)},
            },
            snapshot=False,  # a 2,000-character path
        ),
    ),
)

#: A deprecated facade and a legacy module, each with a deadline.
DEADLINE_CONFIG = """\
[flake8]
select = SOT
ssot-deprecated-modules =
    app.old_api = app.api ; removed-in 2.0
    app.plain
ssot-legacy-modules =
    app.logcfg = app.log ; removed-in 2.1rc1
"""
DEADLINE_SOURCE = "from app.old_api import fetch\nimport app.logcfg, app.plain\n"


def metadata(version: str) -> str:
    """setup.cfg with ``[metadata] version`` and the deadline config."""
    return f"[metadata]\nversion = {version}\n\n{DEADLINE_CONFIG}"


def pyproject(project_table: str) -> dict[str, str]:
    return {"pyproject.toml": f"[project]\nname = 'app'\n{project_table}\n"}


def fetch_advice(deadline: M) -> M:
    return advised("app.old_api", import_from("fetch", "app.api"), deadline=deadline)


#: removed-in 2.0 and 2.1rc1 against the project's version, wherever it is stated.
DEADLINES = Table(
    "deadlines",
    config=DEADLINE_CONFIG,
    files={
        "app/__init__.py": "",
        "app/api.py": "def fetch(): ...\n",
        "app/old_api.py": "from app.api import fetch\n",
        "app/plain.py": "",
        "app/logcfg.py": "",
        "app/log.py": "",
    },
    path="{}.py",
    cases=(
        case(
            "no-version-anywhere-names-the-deadline",
            DEADLINE_SOURCE,
            F(1, 0, "SOT101", fetch_advice(due("2.0"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(2, 0, "SOT201", legacy_use("app.logcfg", "app.log", deadline=due("2.1rc1"))),
        ),
        case(
            "setup-cfg-metadata-before-the-deadlines",
            DEADLINE_SOURCE,
            F(1, 0, "SOT101", fetch_advice(due("2.0"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(2, 0, "SOT201", legacy_use("app.logcfg", "app.log", deadline=due("2.1rc1"))),
            config=metadata("1.9.5"),
        ),
        # One statement, two entries: the overdue one alone moves to SOT102.
        case(
            "setup-cfg-metadata-past-one-deadline",
            DEADLINE_SOURCE,
            F(1, 0, "SOT102", fetch_advice(overdue("2.0", "2.1.dev0"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(2, 0, "SOT201", legacy_use("app.logcfg", "app.log", deadline=due("2.1rc1"))),
            config=metadata("2.1.dev0"),
        ),
        case(
            "a-release-candidate-reaches-its-own-deadline",
            DEADLINE_SOURCE,
            F(1, 0, "SOT102", fetch_advice(overdue("2.0", "2.1rc1"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(
                2,
                0,
                "SOT202",
                legacy_use("app.logcfg", "app.log", deadline=overdue("2.1rc1", "2.1rc1")),
            ),
            config=metadata("2.1rc1"),
        ),
        case(
            "pyproject-project-version",
            DEADLINE_SOURCE,
            F(1, 0, "SOT102", fetch_advice(overdue("2.0", "3.0"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(
                2,
                0,
                "SOT202",
                legacy_use("app.logcfg", "app.log", deadline=overdue("2.1rc1", "3.0")),
            ),
            files=pyproject('version = "3.0"'),
        ),
        case(
            "pyproject-dynamic-version-never-escalates",
            DEADLINE_SOURCE,
            F(1, 0, "SOT101", fetch_advice(due("2.0"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(2, 0, "SOT201", legacy_use("app.logcfg", "app.log", deadline=due("2.1rc1"))),
            files=pyproject('dynamic = ["version"]\nversion = "3.0"'),
        ),
        case(
            "setup-cfg-attr-version-never-escalates",
            DEADLINE_SOURCE,
            F(1, 0, "SOT101", fetch_advice(due("2.0"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(2, 0, "SOT201", legacy_use("app.logcfg", "app.log", deadline=due("2.1rc1"))),
            config=metadata("attr: app.__version__"),
            files=pyproject('version = "3.0"'),
        ),
        # A pyproject.toml that is no TOML stops nothing: no version, no escalation.
        case(
            "broken-pyproject-never-escalates",
            DEADLINE_SOURCE,
            F(1, 0, "SOT101", fetch_advice(due("2.0"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(2, 0, "SOT201", legacy_use("app.logcfg", "app.log", deadline=due("2.1rc1"))),
            files={"pyproject.toml": "[project\nversion = '9'\n"},
            log=(
                "flake8-ssot: {root}/pyproject.toml: cannot read pytest configuration: "
                "Expected ']' at the end of a table declaration (at line 1, column 9) "
                "(SOT401-SOT404 skipped for the files it governs)",
            ),
        ),
        # The option wins over setup.cfg (and the deprecated facade escalates too).
        case(
            "option-wins-over-metadata",
            DEADLINE_SOURCE,
            F(1, 0, "SOT102", fetch_advice(overdue("2.0", "2.1"))),
            F(2, 0, "SOT101", deprecated("app.plain")),
            F(
                2,
                0,
                "SOT202",
                legacy_use("app.logcfg", "app.log", deadline=overdue("2.1rc1", "2.1")),
            ),
            config=metadata("1.0") + "ssot-project-version = 2.1\n",
        ),
    ),
)

TABLES = (FORMS, PROJECTS, DEADLINES)
