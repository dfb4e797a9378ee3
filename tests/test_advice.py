"""SOT101/SOT201 advice and ``fix`` agree, and neither sends a caller to another object."""

from __future__ import annotations

import pytest

from support import Flake8Project, fix

CONFIG = """\
[flake8]
select = SOT
ssot-deprecated-modules = app.ws = app.ws.fallback
ssot-legacy-modules = app.oldlog = app.newlog
"""

FACADE = """\
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

SUBMODULES = {
    "events.py": "def emit_event(): ...\n",
    "manager.py": "class Thing: ...\n",
    "unified.py": "class Unified: ...\n",
    "fast.py": "class Codec: ...\n",
    "slow.py": "class Codec: ...\n",
    "win.py": "class Loop: ...\n",
    "posix.py": "class Loop: ...\n",
    "fallback.py": "def lazy(): ...\n",
}


@pytest.fixture
def facade(project: Flake8Project) -> Flake8Project:
    project.write("setup.cfg", CONFIG)
    project.write("app/__init__.py")
    project.write("app/ws/__init__.py", FACADE)
    for name, text in SUBMODULES.items():
        project.write(f"app/ws/{name}", text)
    project.write("app/oldlog.py", "def get_logger(): ...\ndef only_old(): ...\n")
    project.write("app/newlog.py", "def get_logger(): ...\n")
    return project


CLIENT = """\
from app.ws import emit
from app.ws import emit as send
from app.ws import Unified
from app.ws import Thing
from app.ws import Codec
from app.ws import Loop
from app.ws import lazy
from app.ws import missing
from app.oldlog import get_logger
from app.oldlog import only_old
"""

ADVICE = [
    "client.py:1:1: SOT101 'app.ws' is deprecated: from app.ws.events import emit_event as emit",
    "client.py:2:1: SOT101 'app.ws' is deprecated: from app.ws.events import emit_event as emit",
    "client.py:3:1: SOT101 'app.ws' is deprecated: import Unified from app.ws.unified",
    "client.py:4:1: SOT101 'app.ws' is deprecated: Thing is defined in app.ws itself",
    "client.py:5:1: SOT101 'app.ws' is deprecated: app.ws chooses Codec at import time "
    "from app.ws.fast or app.ws.slow",
    "client.py:6:1: SOT101 'app.ws' is deprecated: app.ws chooses Loop at import time "
    "from app.ws.win or app.ws.posix",
    "client.py:7:1: SOT101 'app.ws' is deprecated: import lazy from app.ws.fallback",
    "client.py:8:1: SOT101 'app.ws' is deprecated: app.ws serves missing from its module "
    "__getattr__",
    "client.py:9:1: SOT201 'app.oldlog' is legacy: use app.newlog",
    "client.py:10:1: SOT201 'app.oldlog' is legacy: use app.newlog (it does not define only_old)",
]

FIXED = """\
from app.ws.events import emit_event as emit
from app.ws.events import emit_event as send
from app.ws.unified import Unified
from app.ws import Thing
from app.ws import Codec
from app.ws import Loop
from app.ws.fallback import lazy
from app.ws import missing
from app.newlog import get_logger
from app.oldlog import only_old
"""

LEFT = [
    "client.py:4:1: SOT101 left as is: Thing is defined in app.ws itself",
    "client.py:5:1: SOT101 left as is: app.ws chooses Codec at import time "
    "from app.ws.fast or app.ws.slow",
    "client.py:6:1: SOT101 left as is: app.ws chooses Loop at import time "
    "from app.ws.win or app.ws.posix",
    "client.py:8:1: SOT101 left as is: app.ws serves missing from its module __getattr__",
    "client.py:10:1: SOT201 left as is: app.newlog does not define only_old",
]


def test_message_advises_exactly_what_fix_does(facade: Flake8Project) -> None:
    facade.write("client.py", CLIENT)
    assert facade.flake8("client.py").stdout_lines == ADVICE
    run = fix(facade, "client.py")
    assert run.stderr.splitlines()[:-1] == LEFT
    assert (facade.root / "client.py").read_text(encoding="utf-8") == FIXED
    # What is left is exactly what fix said it left, with the same advice as before.
    left_lines = {line.split(" left as is")[0].rsplit(":", 2)[0] for line in LEFT}
    assert facade.flake8("client.py").stdout_lines == [
        line for line in ADVICE if line.split(": SOT")[0].rsplit(":", 1)[0] in left_lines
    ]


def test_a_split_renames_only_the_redirected_alias(facade: Flake8Project) -> None:
    facade.write("client.py", "from app.ws import Unified, emit as e, Thing\n")
    assert facade.flake8("client.py").stdout_lines == [
        "client.py:1:1: SOT101 'app.ws' is deprecated: import Unified from app.ws.unified; "
        "from app.ws.events import emit_event as emit; Thing is defined in app.ws itself"
    ]
    fix(facade, "client.py")
    assert (facade.root / "client.py").read_text(encoding="utf-8") == (
        "from app.ws.unified import Unified\n"
        "from app.ws.events import emit_event as e\n"
        "from app.ws import Thing\n"
    )


def test_module_object_needs_the_submodule_imported(project: Flake8Project) -> None:
    """``import old as x; x.sub`` -> ``import new as x`` only if ``new`` imports ``sub`` itself."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-legacy-modules =\n    old = new\n    old2 = new2\n",
    )
    project.write("old/__init__.py", "from . import sub\n")
    project.write("old/sub.py", "value = 1\n")
    project.write("new/__init__.py")
    project.write("new/sub.py", "value = 2\n")
    project.write("old2/__init__.py", "from . import sub\n")
    project.write("old2/sub.py", "value = 1\n")
    project.write("new2/__init__.py", "from .sub import value\n")
    project.write("new2/sub.py", "value = 2\n")
    project.write("client.py", "import old as x\nimport old2 as y\nprint(x.sub.value, y.sub)\n")
    run = fix(project, "client.py")
    assert run.stderr.splitlines()[:-1] == [
        "client.py:1:1: SOT201 left as is: the code uses x.sub, which new does not define"
    ]
    assert (project.root / "client.py").read_text(encoding="utf-8") == (
        "import old as x\nimport new2 as y\nprint(x.sub.value, y.sub)\n"
    )


def test_a_facade_name_that_shadows_its_submodule(project: Flake8Project) -> None:
    """``unittest/__init__.py`` does ``from .main import main``: the import gets the function."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = ut\n")
    project.write(
        "ut/__init__.py",
        "from .main import main\nfrom . import case\nimport posixpath as path\n"
        "def one(): ...\ndef two(): ...\n",
    )
    project.write("ut/main.py", "def main(): ...\n")
    project.write("ut/case.py", "class TestCase: ...\n")
    project.write("ut/loader.py")
    project.write("client.py", "from ut import main, case, loader, one, two, path\n")
    assert project.flake8("client.py").stdout_lines == [
        "client.py:1:1: SOT101 'ut' is deprecated: import main from ut.main; "
        "one, two are defined in ut itself"
    ]
    fix(project, "client.py")
    assert (project.root / "client.py").read_text(encoding="utf-8") == (
        "from ut.main import main\nfrom ut import case, loader, one, two, path\n"
    )


def test_side_doors_and_module_objects_keep_their_objects(project: Flake8Project) -> None:
    """A side door that rebinds a canonical name, and a facade that wraps a name."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-canonical-symbols = app.home:Canon\n"
        "ssot-deprecated-modules = app.ws = app.ws.core\n",
    )
    project.write("app/__init__.py")
    project.write("app/home.py", "class Canon: ...\n")
    project.write("app/plain.py", "from app.home import Canon\n")
    project.write("app/sidedoor.py", "from app.home import Canon\nCanon = list(Canon)\n")
    project.write("app/ws/__init__.py", "from .core import Gadget, Plain\nGadget = list(Gadget)\n")
    project.write("app/ws/core.py", "class Gadget: ...\nclass Plain: ...\n")
    project.write(
        "client.py",
        "from app.plain import Canon\nfrom app.sidedoor import Canon as C2\n"
        "import app.ws as ws\nimport app.ws as ws2\nprint(ws.Gadget, ws2.Plain)\n",
    )
    assert project.flake8("client.py").stdout_lines == [
        "client.py:1:1: SOT502 'Canon' imported from app.plain: import from app.home",
        "client.py:2:1: SOT502 'Canon' imported from app.sidedoor, which binds it itself: "
        "remove that second definition, then import from app.home",
        "client.py:3:1: SOT101 'app.ws' is deprecated: use app.ws.core",
        "client.py:4:1: SOT101 'app.ws' is deprecated: use app.ws.core",
    ]
    run = fix(project, "client.py")
    assert run.stderr.splitlines()[:-1] == [
        "client.py:2:1: SOT502 left as is: app.sidedoor binds Canon itself, not by importing "
        "it from app.home",
        "client.py:3:1: SOT101 left as is: the code uses ws.Gadget, which app.ws.core does not "
        "bind to the same object as app.ws",
    ]
    assert (project.root / "client.py").read_text(encoding="utf-8") == (
        "from app.home import Canon\nfrom app.sidedoor import Canon as C2\n"
        "import app.ws as ws\nimport app.ws.core as ws2\nprint(ws.Gadget, ws2.Plain)\n"
    )


def test_fix_leaves_a_modules_import_of_itself(project: Flake8Project) -> None:
    """A replacement that re-exports from the legacy module is not rewritten to import itself."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = app.old = app.new\n")
    project.write("app/__init__.py")
    project.write("app/old.py", "def only_old(): ...\n")
    project.write("app/new.py", "from app.old import only_old\n")
    run = fix(project, "app/new.py")
    assert run.stderr.splitlines()[:-1] == [
        "app/new.py:1:1: SOT201 left as is: the target is app.new itself"
    ]


def test_a_name_imported_twice_is_advised_once(facade: Flake8Project) -> None:
    facade.write("client.py", "from app.ws import Unified as a, Unified as b, Thing, Thing as T\n")
    assert facade.flake8("client.py").stdout_lines == [
        "client.py:1:1: SOT101 'app.ws' is deprecated: import Unified from app.ws.unified; "
        "Thing is defined in app.ws itself"
    ]


def test_a_name_bound_only_in_a_branch_not_taken_is_not_there(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = old = new\n")
    project.write("old.py", "def only_old(): ...\ndef gone(): ...\ndef kept(): ...\n")
    project.write(
        "new.py",
        "import sys\nif sys.version_info < (3, 0):\n    def only_old(): ...\n"
        "def gone(): ...\ndel gone\ntry:\n    from json import loads as kept\n"
        "except ImportError:\n    pass\n",
    )
    project.write("client.py", "from old import only_old, gone, kept\n")
    assert project.flake8("client.py").stdout_lines == [
        "client.py:1:1: SOT201 'old' is legacy: use new (it does not define only_old, gone, kept)"
    ]


REBINDINGS = {
    "for": "for Mgr in [1]:\n    pass\n",
    "with": "import contextlib\nwith contextlib.nullcontext(1) as Mgr:\n    pass\n",
    "match": "match 1:\n    case Mgr:\n        pass\n",
    "walrus_in_comprehension": "x = [(Mgr := 5) for _ in range(1)]\n",
    "global_in_function": "def _f():\n    global Mgr\n    Mgr = 3\n\n\n_f()\n",
    "except_as": "try:\n    raise ValueError\nexcept ValueError as Mgr:\n    pass\n",
    "conditional_del": "import os\nif os.sep:\n    del Mgr\n",
}


def test_every_way_a_facade_rebinds_a_name(project: Flake8Project) -> None:
    """A loop, ``with``, ``match``, a walrus, ``global`` or ``except as`` rebinds the import."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
        + "".join(f"    f_{form} = core\n" for form in REBINDINGS),
    )
    project.write("core.py", "class Mgr: ...\n")
    for form, rebinding in REBINDINGS.items():
        project.write(f"f_{form}/__init__.py", "from core import Mgr\n" + rebinding)
    project.write("client.py", "".join(f"from f_{form} import Mgr\n" for form in REBINDINGS))
    assert project.flake8("client.py").stdout_lines == [
        f"client.py:{number}:1: SOT101 'f_{form}' is deprecated: "
        + (
            f"Mgr is defined in f_{form} itself"
            if form in ("with", "walrus_in_comprehension")
            else f"f_{form} chooses Mgr at import time from core or f_{form}"
        )
        for number, form in enumerate(REBINDINGS, start=1)
    ]
    run = fix(project, "client.py")
    assert (project.root / "client.py").read_text(encoding="utf-8") == "".join(
        f"from f_{form} import Mgr\n" for form in REBINDINGS
    )
    assert run.stderr.splitlines()[-1] == (
        "flake8-ssot fix: 0 of 1 files changed; imported names rewritten: none; findings left: 7"
    )


def test_star_exports_built_up_and_star_chains(project: Flake8Project) -> None:
    """``__all__ +=`` is followed; a chain of 1,000 star imports is no crash; a star
    import after an explicit import of the same name rebinds it, as Python does."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules =\n    f = core\n    chain = core\n",
    )
    project.write("core.py", "class Mgr: ...\n")
    project.write("f/__init__.py", "from core import Mgr\nfrom .star import *\n")
    project.write(
        "f/star.py",
        "__all__ = []\n__all__ += ['Mgr']\n__all__.append('B')\nclass Mgr: ...\nB = 1\n",
    )
    project.write("chain/__init__.py", "from .m0 import *\n")
    for number in range(1000):
        project.write(f"chain/m{number}.py", f"from .m{number + 1} import *\n")
    project.write("chain/m1000.py", "class Deep: ...\n")
    project.write("client.py", "from f import Mgr, B\nfrom chain import Deep\n")
    run = project.flake8("client.py")
    assert run.stderr == ""
    assert run.stdout_lines == [
        "client.py:1:1: SOT101 'f' is deprecated: import Mgr, B from f.star",
        "client.py:2:1: SOT101 'chain' is deprecated: import Deep from chain.m0",
    ]


def test_module_objects_used_beyond_attributes_stay(project: Flake8Project) -> None:
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = oldmod = newmod\n")
    project.write("oldmod.py", "def f(): ...\ndef zzz(): ...\n")
    project.write("newmod.py", "def f(): ...\n")
    project.write("passed_on.py", "import oldmod as m\nmm = m\nprint(mm.zzz())\n")
    project.write("by_getattr.py", "import oldmod as m\nprint(getattr(m, 'zzz'))\n")
    project.write("dunder.py", "import oldmod as m\nprint(m.__name__, m.f())\n")
    run = fix(project, "passed_on.py", "by_getattr.py", "dunder.py")
    assert run.stderr.splitlines()[:-1] == [
        "by_getattr.py:1:1: SOT201 left as is: the code uses m itself, not only m.attribute",
        "passed_on.py:1:1: SOT201 left as is: the code uses m itself, not only m.attribute",
    ]
    # A legacy module is swapped on purpose: its __name__ goes with it.
    assert (project.root / "dunder.py").read_text(encoding="utf-8") == (
        "import newmod as m\nprint(m.__name__, m.f())\n"
    )


def test_fix_never_closes_an_import_cycle(project: Flake8Project) -> None:
    """click's case: core imports formatting before it binds what formatting would import."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-legacy-modules = pkg.old = pkg.new\n")
    project.write("pkg/__init__.py", "from .new import helper\n")
    project.write("pkg/old.py", "def helper():\n    return 1\n")
    project.write(
        "pkg/new.py", "from .util import shout\nfrom .old import helper  # noqa: SOT201\n"
    )
    project.write("pkg/util.py", "from .old import helper\n\n\ndef shout():\n    return helper()\n")
    run = fix(project, "pkg/util.py")
    assert run.stderr.splitlines()[:-1] == [
        "pkg/util.py:1:1: SOT201 left as is: pkg.new imports pkg.util (directly or through "
        "other modules): importing from it here could close an import cycle; rewrite it by hand"
    ]


def test_names_a_facade_rebinds_to_an_imported_object(project: Flake8Project) -> None:
    """attrs: ``s = attributes = attrs`` after ``from ._make import attrs`` is a re-export."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = attr\n")
    project.write("attr/__init__.py", "from ._make import attrs\ns = attributes = attrs\n")
    project.write("attr/_make.py", "def attrs(): ...\n")
    project.write("client.py", "from attr import s, attributes\n")
    assert project.flake8("client.py").stdout_lines == [
        "client.py:1:1: SOT101 'attr' is deprecated: from attr._make import attrs as s; "
        "from attr._make import attrs as attributes",
    ]


def test_a_star_source_is_read_by_its_parse_not_its_text(project: Flake8Project) -> None:
    """The text of a star-import source only rules a name out; what it binds is read
    from its parse. A name listed as a string (``__all__ += ['B']``) is still a
    name it may export; an ``__all__`` that only looks like a declaration (inside
    a string whose opening quotes follow a comment's, or on a line continued
    from an ``if``) is not one."""
    project.write(
        "setup.cfg",
        "[flake8]\nselect = SOT\nssot-deprecated-modules =\n"
        "    f1 = core\n    f2 = core\n    f3 = core\n",
    )
    project.write("core.py", "class Mgr: ...\n")
    for facade in ("f1", "f2", "f3"):
        project.write(f"{facade}/__init__.py", "from .star import *\n")
    project.write(
        "f1/star.py", "__all__ = []\n__all__ += ['B']\n\n\ndef __getattr__(name):\n    return 1\n"
    )
    project.write("f2/star.py", '# """\nDOC = """\n__all__ = ["C"]\n"""\n')
    project.write("f3/star.py", 'import os\nif os.sep: \\\n__all__ = ["D"]\n')
    project.write("client.py", "from f1 import B\nfrom f2 import C\nfrom f3 import D\n")
    assert project.flake8("client.py").stdout_lines == [
        "client.py:1:1: SOT101 'f1' is deprecated: import B from f1.star",
        "client.py:2:1: SOT101 'f2' is deprecated: use core",
        "client.py:3:1: SOT101 'f3' is deprecated: use core",
    ]


def test_an_all_inside_a_string_does_not_rule_a_name_out(project: Flake8Project) -> None:
    """``# \"\"\"`` before a docstring that shows ``__all__ = [...]``: the text reading
    must not take that for the module's ``__all__`` and rule ``C`` out, or the advice
    (and ``fix``) would send the caller to the replacement's ``C``, another object."""
    project.write("setup.cfg", "[flake8]\nselect = SOT\nssot-deprecated-modules = f = core\n")
    project.write("core.py", "class C: ...\n")
    project.write("f/__init__.py", "from .star import *\n")
    project.write("f/star.py", '# """\nDOC = """\n__all__ = ["X"]\n"""\n\n\nclass C: ...\n')
    project.write("client.py", "from f import C\n")
    assert project.flake8("client.py").stdout_lines == [
        "client.py:1:1: SOT101 'f' is deprecated: import C from f.star"
    ]
