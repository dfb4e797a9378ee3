"""Standard-library classes as pytest sees them, looked up in the plugin's own interpreter.

pytest judges a test class built on ``abc.ABC``, ``typing.Generic``,
``enum.Enum`` or ``threading.Thread`` from the real class: whether its
``__init__``/``__new__`` is object's, which of its methods are abstract,
whether its metaclass is ``ABCMeta``. The standard library is not the code
being linted, so it is imported here and asked, which is exact for the
running Python; a static table would cover a few names and drift between
3.10 and 3.13.

Nothing else is ever imported: only modules that ``sys.stdlib_module_names``
names and whose top-level module Python finds in the standard library's own
directories (or built in, or frozen), so a project file that shadows a
stdlib name is never executed; never a module whose import has side effects
(``antigravity`` opens a browser, ``this`` prints, ``lib2to3`` writes
caches, ...); and warnings and output during an import are swallowed.
"""

from __future__ import annotations

import abc
import contextlib
import functools
import importlib
import importlib.util
import io
import sys
import sysconfig
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

#: Standard-library modules whose import does something besides defining names.
IMPORT_SIDE_EFFECTS = frozenset(
    {
        "__hello__", "__phello__", "antigravity", "this",  # print, open a browser
        "idlelib", "tkinter", "turtle", "turtledemo",  # GUI toolkits
        "readline",  # may write terminal control sequences to stdout
        "lib2to3",  # writes grammar caches next to itself
    }
)
_STDLIB_DIRECTORIES = tuple(
    Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "platstdlib")
)


@dataclass(frozen=True)
class RuntimeClass:
    """What pytest reads from a class object, in plain data.

    ``attributes`` holds every name bound in the class or its bases (other
    than ``object``), ``methods`` those that are callable, ``constructor``
    is ``__init__`` or ``__new__`` when it is not object's (pytest's
    ``hasinit``/``hasnew``, in that order).
    """

    name: str
    is_testcase: bool
    methods: tuple[str, ...]
    constructor: str | None
    test_flag: bool | None
    abstract: frozenset[str]
    attributes: frozenset[str]
    abc_meta: bool
    is_abc_metaclass: bool


@functools.lru_cache(maxsize=None)
def stdlib_class(module: str, name: str) -> RuntimeClass | None:
    """The class ``module.name`` of the standard library; None for anything else."""
    loaded = _stdlib_module(module)
    if loaded is None:
        return None
    try:
        found = getattr(loaded, name, None)
    except Exception:  # a module __getattr__ that fails
        return None
    return describe(found) if isinstance(found, type) else None


def describe(cls: type) -> RuntimeClass:
    """A class object as pytest sees it."""
    attributes: dict[str, object] = {}
    for klass in cls.__mro__:
        if klass is not object:
            for attribute, value in vars(klass).items():
                attributes.setdefault(attribute, value)
    methods = tuple(
        attribute
        for attribute, value in attributes.items()
        if callable(value) or isinstance(value, (staticmethod, classmethod))
    )
    constructor = None
    if getattr(cls, "__init__", None) != object.__init__:
        constructor = "__init__"
    elif getattr(cls, "__new__", None) != object.__new__:
        constructor = "__new__"
    flag = getattr(cls, "__test__", None)
    testcase_module = sys.modules.get("unittest.case")
    return RuntimeClass(
        name=cls.__name__,
        is_testcase=testcase_module is not None and issubclass(cls, testcase_module.TestCase),
        methods=methods,
        constructor=constructor,
        test_flag=flag if isinstance(flag, bool) else None,
        abstract=frozenset(getattr(cls, "__abstractmethods__", ())),
        attributes=frozenset(attributes),
        abc_meta=isinstance(cls, abc.ABCMeta),
        is_abc_metaclass=issubclass(cls, abc.ABCMeta),
    )


def _stdlib_module(module: str) -> ModuleType | None:
    top = module.partition(".")[0]
    if top not in sys.stdlib_module_names or top in IMPORT_SIDE_EFFECTS:
        return None
    loaded = sys.modules.get(top)
    spec = loaded.__spec__ if loaded is not None else _find_spec(top)
    if spec is None or not _in_stdlib(spec.origin):
        return None
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), (
        contextlib.redirect_stderr(io.StringIO())
    ):
        warnings.simplefilter("ignore")
        try:
            return importlib.import_module(module)
        except Exception:  # missing on this platform, or failing to import: unknown
            return None


def _find_spec(top: str) -> importlib.machinery.ModuleSpec | None:
    """Where Python would import a top-level module from; executes nothing."""
    try:
        return importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None


def _in_stdlib(origin: str | None) -> bool:
    if origin in ("built-in", "frozen"):
        return True
    if origin is None:
        return False
    path = Path(origin).resolve()
    return any(directory in path.parents for directory in _STDLIB_DIRECTORIES)
