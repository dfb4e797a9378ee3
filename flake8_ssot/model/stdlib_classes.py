"""Standard-library classes as pytest sees them, looked up in the plugin's own interpreter.

pytest judges a test class built on ``abc.ABC``, ``typing.Generic``,
``enum.Enum`` or ``threading.Thread`` from the real class: whether its
``__init__``/``__new__`` is object's, which of its methods are abstract,
whether its metaclass is ``ABCMeta``. The standard library is not the code
being linted, so it is imported here and asked, which is exact for the
running Python; a static table would cover a few names and drift between
3.10 and 3.13.

A test class's base is judged from an empty class built on it, as Python
builds one (see :func:`stdlib_base`): that runs the standard library's own
metaclasses and ``__init_subclass__`` hooks, never a line of the project.

Nothing but the standard library is ever imported: only modules that
``sys.stdlib_module_names`` names and whose top-level module Python finds
in the standard library's own directories (or built in, or frozen), so a
project file that shadows a stdlib name is never executed; never a module
whose import has side effects (``antigravity`` opens a browser, ``this``
prints, ``lib2to3`` writes caches, ...); and warnings and output while
standard-library code runs are swallowed.
"""

from __future__ import annotations

import abc
import contextlib
import functools
import importlib
import importlib.util
import io
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType, new_class
from typing import Any, NamedTuple

#: Standard-library modules whose import does something besides defining names.
IMPORT_SIDE_EFFECTS = frozenset(
    {
        "__hello__",
        "__phello__",
        "antigravity",
        "this",  # print, open a browser
        "idlelib",
        "tkinter",
        "turtle",
        "turtledemo",  # GUI toolkits
        "readline",  # may write terminal control sequences to stdout
        "lib2to3",  # writes grammar caches next to itself
    }
)


@functools.cache
def _stdlib_directories() -> tuple[Path, ...]:
    # sysconfig is imported when a standard-library base is first looked up:
    # its import and get_paths() cost more than a file's checks.
    import sysconfig

    return tuple(Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "platstdlib"))


class RuntimeClass(NamedTuple):
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


@functools.cache
def stdlib_class(module: str, name: str) -> RuntimeClass | None:
    """The class ``module.name`` of the standard library; None for anything else."""
    found = _stdlib_object(module, name)
    return describe(found) if isinstance(found, type) else None


@functools.cache
def stdlib_base(module: str, name: str) -> RuntimeClass | None:
    """A class whose one base is the standard library's ``module.name``, as Python builds it.

    The base alone does not say what pytest will see. Python replaces a
    base that is not a class by its ``__mro_entries__`` (``typing.Dict``
    becomes ``dict`` and ``Generic``; ``typing.NamedTuple`` hands over to a
    metaclass that builds a ``tuple`` subclass with a ``__new__``), and the
    base's metaclass and ``__init_subclass__`` shape the new class (a direct
    ``typing.Protocol`` subclass is given an ``__init__`` that forbids
    instantiating protocols). So an empty class is built on it here, which
    runs standard-library code only, and described. A base Python refuses
    without its subscript (plain ``Generic``) is described as it is; one it
    refuses outright (``typing.Any`` before 3.11) is unknown.
    """
    found = _stdlib_object(module, name)
    if found is None or not (isinstance(found, type) or hasattr(found, "__mro_entries__")):
        return None  # ``license`` or a lock: no class can be built on it, and none is run
    try:
        with _quietly():
            built = new_class(name, (found,), exec_body=_in_module(module))
    except (Exception, SystemExit):  # Python would refuse it too: not a base on its own
        return describe(found) if isinstance(found, type) else None
    return describe(built) if isinstance(built, type) else None


def _in_module(module: str) -> Callable[[dict[str, Any]], None]:
    """A class body that sets only ``__module__``, as every class statement does first."""

    def body(namespace: dict[str, Any]) -> None:
        namespace["__module__"] = module  # by item: enum's namespace refuses update()

    return body


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


def _stdlib_object(module: str, name: str) -> object | None:
    loaded = _stdlib_module(module)
    if loaded is None:
        return None
    try:
        with _quietly():  # a module __getattr__ may warn (typing.ByteString on 3.12)
            return getattr(loaded, name, None)
    except (Exception, SystemExit):  # a module __getattr__ that fails
        return None


def import_origin(module: str) -> str | None:
    """Where a lookup in ``module`` would import its top-level module from, as this
    process finds it now (``sys.modules``, then ``sys.path``); None when it would not
    import it at all.

    A lookup's answer depends on this and on nothing else but the
    interpreter: a file on ``sys.path`` that shadows a standard-library
    name is not the standard library, and is never imported.
    """
    parts = module.split(".")
    top = parts[0]
    if top not in sys.stdlib_module_names or any(
        part == "__main__" or part in IMPORT_SIDE_EFFECTS for part in parts
    ):
        return None  # ``venv.__main__`` runs a program (and exits) when imported
    loaded = sys.modules.get(top)
    spec = loaded.__spec__ if loaded is not None else _find_spec(top)
    return None if spec is None else spec.origin


def _stdlib_module(module: str) -> ModuleType | None:
    origin = import_origin(module)
    if origin is None or not _in_stdlib(origin):
        return None
    try:
        with _quietly():
            return importlib.import_module(module)
    except (Exception, SystemExit):  # missing here, failing to import or exiting: unknown
        return None


@contextlib.contextmanager
def _quietly() -> Iterator[None]:
    """No warnings and no output from standard-library code run on the linter's behalf."""
    with (
        warnings.catch_warnings(),
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        warnings.simplefilter("ignore")
        yield


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
    return any(directory in path.parents for directory in _stdlib_directories())
