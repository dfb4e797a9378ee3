"""``flake8-ssot fix`` never changes what a program does: the fixer's central promise.

Generated projects hold a deprecated facade package (plain, aliased, star,
conditional, try/except and guarded re-exports, rebound names, names of its
own, submodules it does and does not import), a legacy module and a legacy
package with their replacements, and a canonical symbol with a side door.
Client modules import from all of them in every form. After ``fix``, every
module-level name of every client and changed module must be bound to the
same object as before, except the migration itself (see
behaviour_probe.py); every module that imported must still import; and
every import finding flake8 still reports must be one that ``fix`` lists as
left.

Slow: run with ``-m slow``; ``FIX_BEHAVIOUR_EXAMPLES=500`` runs more.
The explicit cases below are the minimal failures hypothesis found, one
tiny project each, to run one by one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from fix.behaviour_probe import Origin, Project, check_fix_keeps_behaviour

EXAMPLES = int(os.environ.get("FIX_BEHAVIOUR_EXAMPLES", "60"))

CONFIG = """\
[flake8]
select = SOT
ssot-deprecated-modules = app.ws = app.ws.core
ssot-legacy-modules =
    app.oldlog = app.newlog
    app.oldpkg = app.newpkg
ssot-canonical-symbols = app.home:Canon
"""

VALUES = '''\
class Value:
    """A module-level value whose repr says where it was made."""

    def __init__(self, label):
        self.label = label

    def __repr__(self):
        return self.label


def wrap(cls):
    """A new class around ``cls``: the name is rebound to another object."""
    return type(cls.__name__, (cls,), {"__qualname__": "wrapped_" + cls.__qualname__})
'''

BASE_FILES = {
    "setup.cfg": CONFIG,
    "app/__init__.py": "",
    "app/values.py": VALUES,
    "app/clients/__init__.py": "",
}


@dataclass(frozen=True)
class Facade:
    """Which re-export forms the facade ``app/ws/__init__.py`` uses."""

    aliased: bool
    events_defines_alias: bool
    star: bool
    star_all: bool
    conditional: bool
    flag: bool
    try_two: bool
    guard: bool
    unified_exists: bool
    rebind_class: bool
    rebind_wrap: bool
    own: bool
    core_defines_local: bool
    imports_extra: bool
    #: ``from .impl import connect``, then ``from .connect import retry``: the submodule
    #: ``connect`` replaces the function as the facade's ``connect``.
    own_submodule: bool
    #: ``globals()[...] = ...``: every name of the facade may be set at run time.
    writes_namespace: bool

    def init_text(self) -> str:
        lines = [
            "from app.values import Value, wrap",
            "from .core import Manager",
            "from app.ws.core import make",
        ]
        if self.aliased:
            lines.append("from .events import emit_event as emit")
        if self.star:
            lines.append("from .stars import *")
        if self.conditional:
            lines += [
                f"FLAG = {self.flag}",
                "if FLAG:",
                "    from .fast import Engine",
                "else:",
                "    from .slow import Engine",
            ]
        if self.try_two:
            lines += [
                "try:",
                "    from .fast import Codec",
                "except ImportError:",
                "    from .slow import Codec",
            ]
        if self.guard:
            lines += [
                "try:",
                "    from .unified import Unified",
                "except ImportError:",
                "    Unified = None",
            ]
        if self.rebind_class:
            lines += ["from .core import Thing", "", "", "class Thing(Thing):", "    pass"]
        if self.rebind_wrap:
            lines += ["from .core import Gadget", "Gadget = wrap(Gadget)"]
        if self.own:
            lines += ["", "", "def local():", "    pass", "", "", "LOCAL = Value('app.ws:LOCAL')"]
        if self.imports_extra:
            lines.append("from . import extra")
        if self.own_submodule:
            lines += ["from .impl import connect", "from .connect import retry"]
        if self.writes_namespace:
            lines.append("globals()['Written'] = Value('app.ws:Written')")
        return "\n".join(lines) + "\n"

    def files(self) -> dict[str, str]:
        core = (
            "class Manager:\n    pass\n\n\ndef make():\n    pass\n\n\nclass Thing:\n    pass\n"
            "\n\nclass Gadget:\n    pass\n"
        )
        if self.core_defines_local:
            core += "\n\ndef local():\n    pass\n"
        events = "def emit_event():\n    pass\n"
        if self.events_defines_alias:
            events += "\n\ndef emit():\n    pass\n"
        stars = (
            "def star_a():\n    pass\n\n\ndef star_b():\n    pass\n\n\ndef _hidden():\n    pass\n"
        )
        if self.star_all:
            stars = "__all__ = ['star_a']\n\n\n" + stars
        branches = "class Engine:\n    pass\n\n\nclass Codec:\n    pass\n"
        files = {
            "app/ws/__init__.py": self.init_text(),
            "app/ws/core.py": core,
            "app/ws/events.py": events,
            "app/ws/stars.py": stars,
            "app/ws/fast.py": branches,
            "app/ws/slow.py": branches,
            "app/ws/extra.py": "def extra_fn():\n    pass\n",
            "app/ws/lonely.py": "def lonely_fn():\n    pass\n",
            "app/ws/impl.py": "def connect():\n    pass\n",
            "app/ws/connect.py": "def retry():\n    pass\n",
        }
        if self.unified_exists:
            files["app/ws/unified.py"] = "class Unified:\n    pass\n"
        return files

    def own_names_core_binds(self) -> list[str]:
        """Names the facade makes itself that its replacement ``app.ws.core`` also binds."""
        names = []
        if self.rebind_class:
            names.append("Thing")
        if self.rebind_wrap:
            names.append("Gadget")
        if self.own and self.core_defines_local:
            names.append("local")
        return names

    def names(self) -> list[str]:
        """What ``from app.ws import NAME`` can import (submodules on disk included)."""
        names = [
            "Manager",
            "make",
            "Value",
            "wrap",
            "core",
            "extra",
            "lonely",
            "impl",
            "connect",
            *self.attributes(),
        ]
        return sorted(set(names))

    def attributes(self) -> list[str]:
        """What ``app.ws.NAME`` is bound to once the facade has run."""
        names = ["Manager", "make", "Value", "wrap", "core"]
        if self.aliased:
            names += ["emit", "events"]
        if self.star:
            names += ["star_a", "stars"] + ([] if self.star_all else ["star_b"])
        if self.conditional:
            names += ["FLAG", "Engine", "fast" if self.flag else "slow"]
        if self.try_two:
            names += ["Codec", "fast"]
        if self.guard:
            names += ["Unified"] + (["unified"] if self.unified_exists else [])
        if self.rebind_class:
            names.append("Thing")
        if self.rebind_wrap:
            names.append("Gadget")
        if self.own:
            names += ["local", "LOCAL"]
        if self.imports_extra:
            names.append("extra")
        if self.own_submodule:
            names += ["impl", "connect", "retry"]
        if self.writes_namespace:
            names.append("Written")
        return sorted(set(names))


@dataclass(frozen=True)
class Legacy:
    """The legacy module, the legacy package and the canonical side door."""

    oldpkg_imports_sub: bool
    newlog_has_const: bool
    newlog_reexports_old: bool
    newpkg_imports_sub: bool
    sidedoor_rebinds: bool
    #: ``app.shim`` serves ``Canon`` from its module ``__getattr__`` (another object).
    getattr_shim: bool

    def files(self) -> dict[str, str]:
        newlog = "from app.values import Value\n\n\ndef get_logger():\n    pass\n"
        if self.newlog_has_const:
            newlog += "\n\nCONST = Value('app.newlog:CONST')\n"
        if self.newlog_reexports_old:
            newlog = "from app.oldlog import only_old\n" + newlog
        newpkg = "def helper():\n    pass\n"
        if self.newpkg_imports_sub:
            newpkg = "from . import sub\n\n\n" + newpkg
        oldpkg = "def helper():\n    pass\n"
        if self.oldpkg_imports_sub:
            oldpkg = "from . import sub\n\n\n" + oldpkg
        sidedoor = "from app.home import Canon\n"
        if self.sidedoor_rebinds:
            sidedoor = "from app.values import wrap\n" + sidedoor + "Canon = wrap(Canon)\n"
        return {
            "app/oldlog.py": "from app.values import Value\n\n\ndef get_logger():\n    pass\n\n\n"
            "def only_old():\n    pass\n\n\nCONST = Value('app.oldlog:CONST')\n",
            "app/newlog.py": newlog,
            "app/oldpkg/__init__.py": oldpkg,
            "app/oldpkg/sub.py": "def s():\n    pass\n",
            "app/newpkg/__init__.py": newpkg,
            "app/newpkg/sub.py": "def s():\n    pass\n",
            "app/home.py": "class Canon:\n    pass\n",
            "app/sidedoor.py": sidedoor,
            "app/shim.py": GETATTR_SHIM if self.getattr_shim else "",
        }


GETATTR_SHIM = """\
def __getattr__(name):
    if name == "Canon":
        from app.home import Canon
        from app.values import wrap

        return wrap(Canon)
    raise AttributeError(name)
"""

#: Where a name imported from a legacy module may go after fix.
REPLACEMENTS = {"app.oldlog": "app.newlog", "app.oldpkg": "app.newpkg"}
#: Where an aliased module may go after fix (``import OLD as x``).
MODULE_REPLACEMENTS = {**REPLACEMENTS, "app.ws": "app.ws.core"}


@dataclass
class Statement:
    """Lines of a client, and the names they bind with where each may go after fix."""

    lines: list[str]
    binds: dict[str, Origin] = field(default_factory=dict)


def from_sources(facade: Facade, legacy: Legacy) -> list[tuple[str, str, list[str]]]:
    """(module as written in app/clients/cN.py, absolute module, names it gives)."""
    oldlog = ["get_logger", "only_old", "CONST"]
    parent = ["ws", "oldlog", "oldpkg", "sidedoor", "newlog"]
    return [
        ("app.ws", "app.ws", facade.names()),
        ("..ws", "app.ws", facade.names()),
        ("app.ws.core", "app.ws.core", ["Manager", "make", "Thing", "Gadget"]),
        ("app.oldlog", "app.oldlog", oldlog),
        ("..oldlog", "app.oldlog", oldlog),
        ("app.oldpkg", "app.oldpkg", ["helper", "sub"]),
        ("app.oldpkg.sub", "app.oldpkg.sub", ["s"]),
        ("app", "app", parent),
        ("..", "app", parent),
        ("app.sidedoor", "app.sidedoor", ["Canon"]),
        *([("app.shim", "app.shim", ["Canon"])] if legacy.getattr_shim else []),
    ]


def origin_of(module: str, name: str, facade: Facade) -> Origin:
    """Where ``from module import name`` may go after fix: the migration, nothing else.

    A name the deprecated facade defines itself goes to the replacement's own
    object of that name, where the replacement has one: configuring it asks so.
    """
    if module in REPLACEMENTS:
        return [REPLACEMENTS[module], name]
    if module == "app.ws" and name in facade.own_names_core_binds():
        return ["app.ws.core", name]
    if module == "app" and f"app.{name}" in REPLACEMENTS:
        return [REPLACEMENTS[f"app.{name}"], None]
    return None


@st.composite
def from_statements(draw: st.DrawFn, facade: Facade, legacy: Legacy) -> Statement:
    written, module, names = draw(st.sampled_from(from_sources(facade, legacy)))
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3))
    aliases = [draw(st.sampled_from(["", "y0", "y1"])) for _ in chosen]
    imported = (
        f"{name} as {alias}" if alias else name for name, alias in zip(chosen, aliases, strict=True)
    )
    statement = Statement([f"from {written} import " + ", ".join(imported)])
    for name, alias in zip(chosen, aliases, strict=True):
        statement.binds.pop(alias or name, None)
        statement.binds[alias or name] = origin_of(module, name, facade)
    return statement


@st.composite
def module_statements(
    draw: st.DrawFn, facade: Facade, legacy: Legacy, counter: list[int]
) -> Statement:
    module, attributes = draw(
        st.sampled_from(
            [
                ("app.ws", facade.attributes()),
                ("app.oldlog", ["get_logger", "only_old", "CONST"]),
                ("app.oldpkg", ["helper", "sub"] if legacy.oldpkg_imports_sub else ["helper"]),
            ]
        )
    )
    alias = draw(st.sampled_from(["m0", "m1", None]))
    if alias is None:
        return Statement([f"import {module}"], {"app": None})
    statement = Statement(
        [f"import {module} as {alias}"], {alias: [MODULE_REPLACEMENTS[module], None]}
    )
    for attribute in draw(st.lists(st.sampled_from(attributes), max_size=2)):
        counter[0] += 1
        value = f"v{counter[0]}"
        if draw(st.booleans()):
            statement.lines.append(f"{value} = {alias}.{attribute}")
        else:  # a string annotation, read where the module's names are
            statement.lines += [
                f"def _a{counter[0]}(a: '{alias}.{attribute}'):",
                "    pass",
                # As get_type_hints reads it, without its checks (3.10 refuses a module).
                f"{value} = eval(_a{counter[0]}.__annotations__['a'], globals(), locals())",
            ]
        statement.binds[value] = (
            [REPLACEMENTS[module], attribute] if module in REPLACEMENTS else None
        )
    return statement


def wrapped(statement: Statement, wrapper: str, counter: list[int]) -> Statement:
    """The statement at module level, or inside ``if``, ``try`` or a function it is called from."""
    if wrapper == "module":
        return statement
    body = ["    " + line for line in statement.lines]
    if wrapper == "if":
        return Statement(["if True:", *body], statement.binds)
    if wrapper == "try":
        return Statement(["try:", *body, "except ImportError:", "    pass"], statement.binds)
    counter[0] += 1
    function, result = f"_f{counter[0]}", f"r{counter[0]}"
    names = list(statement.binds)
    returned = "".join(f"{name}, " for name in names)
    return Statement(
        [f"def {function}():", *body, f"    return ({returned})", f"{result} = {function}()"],
        {result: {"items": [statement.binds[name] for name in names]}},
    )


@st.composite
def client_modules(
    draw: st.DrawFn, facade: Facade, legacy: Legacy
) -> tuple[str, dict[str, Origin]]:
    counter = [0]
    lines: list[str] = []
    binds: dict[str, Origin] = {}
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        statement = draw(
            st.one_of(from_statements(facade, legacy), module_statements(facade, legacy, counter))
        )
        statement = wrapped(
            statement, draw(st.sampled_from(["module", "if", "try", "function"])), counter
        )
        lines += statement.lines
        for name, origin in statement.binds.items():
            binds.pop(name, None)
            binds[name] = origin
    return "\n".join(lines) + "\n", binds


@st.composite
def projects(draw: st.DrawFn) -> Project:
    facade = draw(st.builds(Facade, *[st.booleans()] * 16))
    legacy = draw(st.builds(Legacy, *[st.booleans()] * 6))
    files = {**BASE_FILES, **facade.files(), **legacy.files()}
    origins = {}
    for index in range(draw(st.integers(min_value=1, max_value=2))):
        text, binds = draw(client_modules(facade, legacy))
        files[f"app/clients/c{index}.py"] = text
        origins[f"app.clients.c{index}"] = binds
    return Project(files, origins)


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(project=projects())
def test_fix_keeps_every_binding(project: Project) -> None:
    note(project.as_python())
    outcome = check_fix_keeps_behaviour(project)
    for relative, (before, after) in outcome.diffs.items():
        note(f"{relative} before:\n{before}\n{relative} after:\n{after}")
    note(outcome.fix_output)
    assert not outcome.problems, "\n".join(outcome.problems)


def tiny(files: dict[str, str], client: str, origins: dict[str, Origin]) -> Project:
    """A minimal project: the shared config and helpers, some modules, one client."""
    return Project(
        {**BASE_FILES, **files, "app/clients/c0.py": client}, {"app.clients.c0": origins}
    )


CLASS = "class {name}:\n    pass\n"
NEWLOG = {
    "app/oldlog.py": "def get_logger():\n    pass\n\n\ndef only_old():\n    pass\n",
    "app/newlog.py": "def get_logger():\n    pass\n",
}
FAST_SLOW = {
    "app/ws/fast.py": CLASS.format(name="Codec"),
    "app/ws/slow.py": CLASS.format(name="Codec"),
}

#: The minimal failures hypothesis found (shrunk by hand to one client and the modules it needs).
REGRESSIONS = [
    pytest.param(
        tiny(
            {
                "app/ws/__init__.py": "try:\n    from .fast import Codec\nexcept ImportError:\n"
                "    from .slow import Codec\n",
                **FAST_SLOW,
            },
            "from app.ws import Codec\n",
            {"Codec": None},
        ),
        id="try-except-over-two-importable-modules-sent-to-the-except-branch",
    ),
    pytest.param(
        tiny(
            {
                "app/ws/__init__.py": "FLAG = True\nif FLAG:\n    from .fast import Codec\nelse:\n"
                "    from .slow import Codec\n",
                **FAST_SLOW,
            },
            "from app.ws import Codec\n",
            {"Codec": None},
        ),
        id="if-else-re-export-sent-to-the-else-branch",
    ),
    pytest.param(
        tiny(
            {
                "app/ws/__init__.py": (
                    "from .core import Thing\n\n\nclass Thing(Thing):\n    pass\n"
                ),
                "app/ws/core.py": CLASS.format(name="Thing"),
            },
            "from app.ws import Thing\n",
            {"Thing": ["app.ws.core", "Thing"]},
        ),
        id="facade-rebinds-class-Thing(Thing)",
    ),
    pytest.param(
        tiny(
            {
                "app/ws/__init__.py": "from app.values import wrap\nfrom .core import Gadget\n"
                "Gadget = wrap(Gadget)\n",
                "app/ws/core.py": CLASS.format(name="Gadget"),
            },
            "import app.ws as m0\nv1 = m0.Gadget\n",
            {"m0": ["app.ws.core", None], "v1": None},
        ),
        id="facade-rebinds-Gadget=wrap(Gadget)-module-alias",
    ),
    pytest.param(
        tiny(
            {
                "app/ws/__init__.py": "from .events import emit_event as emit\n",
                "app/ws/events.py": "def emit_event():\n    pass\n\n\ndef emit():\n    pass\n",
            },
            "from app.ws import emit\n",
            {"emit": None},
        ),
        id="aliased-re-export-fixed-as-the-wrong-name",
    ),
    pytest.param(
        tiny(
            NEWLOG,
            "from app.oldlog import get_logger as y0, only_old as y0, get_logger as y0\n",
            {"y0": ["app.newlog", "get_logger"]},
        ),
        id="duplicate-aliases-reordered-by-a-split",
    ),
    pytest.param(
        tiny(
            {
                "app/oldpkg/__init__.py": "",
                "app/oldpkg/sub.py": "",
                "app/newpkg/__init__.py": "",
                "app/newpkg/sub.py": "",
            },
            "import app.oldpkg.sub\nimport app.oldpkg as m0\nv1 = m0.sub\n",
            {"app": None, "m0": ["app.newpkg", None], "v1": ["app.newpkg", "sub"]},
        ),
        id="import-old-as-x-with-x.sub-not-imported-by-new",
    ),
    pytest.param(
        tiny(
            {
                "app/oldpkg/__init__.py": "from . import sub\n",
                "app/oldpkg/sub.py": "",
                "app/newpkg/__init__.py": "",
                "app/newpkg/sub.py": "",
            },
            "X = 1\n",
            {},
        ),
        id="legacy-package-own-submodule-import-rewritten-to-the-replacement",
    ),
    pytest.param(
        tiny(
            {
                **NEWLOG,
                "app/newlog.py": "from app.oldlog import only_old\n\n\n"
                "def get_logger():\n    pass\n",
            },
            "from app.newlog import only_old\n",
            {"only_old": None},
        ),
        id="replacement-re-exporting-from-legacy-rewritten-to-import-itself",
    ),
    pytest.param(
        tiny(
            {
                "app/home.py": CLASS.format(name="Canon"),
                "app/sidedoor.py": "from app.values import wrap\nfrom app.home import Canon\n"
                "Canon = wrap(Canon)\n",
            },
            "from app.sidedoor import Canon\n",
            {"Canon": None},
        ),
        id="canonical-side-door-that-rebinds-the-symbol",
    ),
    pytest.param(
        tiny(
            {
                "app/ws/__init__.py": "from .core import Manager\nfrom .extra import Helper\n",
                "app/ws/core.py": CLASS.format(name="Manager"),
                "app/ws/extra.py": CLASS.format(name="Helper"),
            },
            "from app.ws import (\n    Manager,  # coding: latin-1\n    Helper,\n)\n"
            "S = 'caf\u00e9'\n",
            {"Manager": None, "Helper": None, "S": None},
        ),
        id="split-moves-a-comment-that-becomes-a-coding-cookie",
    ),
    pytest.param(
        tiny(
            {
                "app/oldlog.py": "def only_old():\n    pass\n",
                "app/newlog.py": "import sys\nif sys.version_info < (3, 0):\n"
                "    def only_old():\n        pass\n",
            },
            "from app.oldlog import only_old\n",
            {"only_old": ["app.newlog", "only_old"]},
        ),
        id="replacement-defines-the-name-only-in-a-branch-not-taken",
    ),
]


#: Forms the fixer handles today: they must stay right.
KEPT = [
    pytest.param(
        tiny(
            {
                "app/ws/__init__.py": (
                    "try:\n    from .unified import Unified\nexcept ImportError:\n"
                    "    Unified = None\n"
                ),
                "app/ws/unified.py": CLASS.format(name="Unified"),
            },
            "from app.ws import Unified\nimport app.ws as m0\nv1 = m0.Unified\n",
            {"Unified": None, "m0": ["app.ws.core", None], "v1": None},
        ),
        id="guarded-first-party-re-export",
    ),
    pytest.param(
        tiny(
            {
                "app/ws/__init__.py": "from .stars import *\n\n\ndef local():\n    pass\n",
                "app/ws/stars.py": "__all__ = ['star_a']\n\n\ndef star_a():\n    pass\n\n\n"
                "def star_b():\n    pass\n",
                "app/ws/core.py": "def local():\n    pass\n",
                "app/ws/lonely.py": "",
            },
            "from app.ws import star_a, local\nfrom app.ws import lonely\n",
            {"star_a": None, "local": ["app.ws.core", "local"], "lonely": None},
        ),
        id="star-re-export-own-name-and-unimported-submodule",
    ),
    pytest.param(
        tiny(
            {
                **NEWLOG,
                "app/newlog.py": "def get_logger():\n    pass\n\n\ndef only_old():\n    pass\n",
            },
            "def f():\n    from ..oldlog import get_logger as y0, only_old as y1\n"
            "    return y0, y1\n\n\nr = f()\nimport app.oldlog as m0\nv = m0.only_old\n",
            {
                "r": {"items": [["app.newlog", "get_logger"], ["app.newlog", "only_old"]]},
                "m0": ["app.newlog", None],
                "v": ["app.newlog", "only_old"],
            },
        ),
        id="legacy-swap-in-function-and-module-alias",
    ),
]


@pytest.mark.parametrize("project", KEPT)
def test_fix_keeps_bindings(project: Project) -> None:
    outcome = check_fix_keeps_behaviour(project)
    assert outcome.diffs, "the case must exercise a rewrite"
    if outcome.problems:
        pytest.fail("\n".join([*outcome.problems, outcome.fix_output]), pytrace=False)


@pytest.mark.parametrize("project", REGRESSIONS)
def test_fix_keeps_bindings_regression(project: Project) -> None:
    outcome = check_fix_keeps_behaviour(project)
    if outcome.problems:
        pytest.fail("\n".join([*outcome.problems, outcome.fix_output]), pytrace=False)
