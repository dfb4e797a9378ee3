"""SOT401/SOT402 on test classes built on standard-library classes, judged as pytest judges them.

Each project here is also given to the real ``pytest --collect-only -q``:
the tests assert what pytest collected (pytest >= 8.3 skips abstract
classes silently, and skips a class whose ``__init__``/``__new__`` is not
object's with a warning), and that flake8 reports exactly the classes
pytest lost.
"""

from __future__ import annotations

import re
import subprocess
import sys

from support import Flake8Project

SELECT = "[flake8]\nselect = SOT4\n"
#: enum.Enum gained an __init__ in Python 3.11; pytest asks for __init__ first.
ENUM_CONSTRUCTOR = "__init__" if sys.version_info >= (3, 11) else "__new__"

BASE_MODULE = """\
from abc import ABC, abstractmethod
class BaseIntegrationTest(ABC):
    def test_inherited(self): ...
class AbstractBase(ABC):
    @abstractmethod
    def make(self): ...
    def test_uses_make(self): ...
"""

TEST_MODULE = """\
import abc
import enum
import typing
from abc import ABC, ABCMeta, abstractmethod
from typing import Generic, TypeVar

from tests.base import AbstractBase, BaseIntegrationTest

T = TypeVar("T")


class CriticalAbc(ABC):
    def test_a(self): ...


class CriticalGeneric(Generic[T]):
    def test_b(self): ...


class CriticalObject(object):
    def test_c(self): ...


class CriticalIntegration(BaseIntegrationTest):
    def test_d(self): ...


class TestStillAbstract(AbstractBase):
    def test_e(self): ...


class TestConcrete(AbstractBase):
    def make(self): ...
    def test_f(self): ...


class CriticalAbstractMeta(metaclass=ABCMeta):
    @abc.abstractmethod
    def make(self): ...
    def test_g(self): ...


class TestMetaNotAbstract(metaclass=abc.ABCMeta):
    def test_h(self): ...


class TestAbstractWithoutAbcMeta:
    @abstractmethod
    def make(self): ...
    def test_i(self): ...


class TestEnum(enum.Enum):
    A = 1
    def test_j(self): ...


class TestTypingGenericAttr(typing.Generic[T]):
    def test_k(self): ...


class TestOverriddenByAssignment(AbstractBase):
    make = None
    def test_l(self): ...


class CriticalMapping(typing.Mapping[str, int]):
    def test_m(self): ...


class CriticalXunit:
    def setup_method(self): ...
    def test_n(self): ...


class MakerMixin:
    @abstractmethod
    def make(self): ...


class TestMixinAbstractIsNotListed(MakerMixin, ABC):
    def __init__(self): ...
    def test_o(self): ...


class TestMixinOnly(MakerMixin, ABC):
    def test_p(self): ...


if __name__ == "__main__":
    CriticalXunit().setup_method()
"""


def collect(project: Flake8Project) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-W",
            "always",
            "-p",
            "no:cacheprovider",
        ],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def collected(project: Flake8Project) -> list[str]:
    return [line for line in collect(project).stdout.splitlines() if "::" in line]


def constructor_warnings(project: Flake8Project) -> list[str]:
    """pytest's "cannot collect test class ... because it has a __init__ constructor" lines."""
    found = re.compile(
        r"(\w+\.py):(\d+): PytestCollectionWarning: cannot collect test class "
        r"'(\w+)' because it has a (\w+) constructor"
    )
    return [
        f"{match[1]}:{match[2]}: {match[3]} {match[4]}"
        for match in found.finditer(collect(project).stdout)
    ]


def test_stdlib_bases_are_judged_as_pytest_judges_them(project: Flake8Project) -> None:
    project.write("setup.cfg", SELECT)
    project.write("tests/__init__.py")
    project.write("tests/base.py", BASE_MODULE)
    project.write("tests/test_bases.py", TEST_MODULE)
    assert collected(project) == [
        f"tests/test_bases.py::{test}"
        for test in (
            "TestConcrete::test_uses_make",
            "TestConcrete::test_f",
            "TestMetaNotAbstract::test_h",
            "TestAbstractWithoutAbcMeta::test_i",
            "TestTypingGenericAttr::test_k",
            "TestOverriddenByAssignment::test_uses_make",
            "TestOverriddenByAssignment::test_l",
            "TestMixinOnly::test_p",
        )
    ]
    # Everything else is lost: abstract classes silently (not reported: they are bases,
    # and no rename would make pytest collect them), the others by name or constructor.
    lost = "but pytest will not collect it: name matches none of python_classes ['Test'] "
    assert project.flake8("tests").stdout_lines == [
        f"tests/test_bases.py:12:1: SOT401 class CriticalAbc has 1 test method {lost}"
        "(pytest defaults)",
        f"tests/test_bases.py:16:1: SOT401 class CriticalGeneric has 1 test method {lost}"
        "(pytest defaults)",
        f"tests/test_bases.py:20:1: SOT401 class CriticalObject has 1 test method {lost}"
        "(pytest defaults)",
        f"tests/test_bases.py:24:1: SOT401 class CriticalIntegration has 2 test methods {lost}"
        "(pytest defaults)",
        "tests/test_bases.py:53:1: SOT402 class TestEnum has 1 test method but pytest will "
        f"not collect it: it has {ENUM_CONSTRUCTOR} (pytest skips such classes with only a "
        "warning)",
        f"tests/test_bases.py:71:1: SOT401 class CriticalXunit has 1 test method {lost}"
        "(pytest defaults)",
        # A plain mixin's abstract method is in no __abstractmethods__: not abstract.
        "tests/test_bases.py:81:1: SOT402 class TestMixinAbstractIsNotListed has 1 test "
        "method but pytest will not collect it: it has __init__ (pytest skips such classes "
        "with only a warning)",
    ]


TYPING_MODULE = """\
import collections
import typing
from typing import Protocol, TypeVar

T = TypeVar("T")


class WithNew:
    def __new__(cls): ...


class TestProtocol(typing.Protocol):
    def test_a(self): ...


class TestGenericProtocol(Protocol[T]):
    def test_b(self): ...


class TestProtocolSubclass(TestProtocol):
    def test_c(self): ...


class TestNamedTuple(typing.NamedTuple):
    x: int = 0
    def test_d(self): ...


class TestDict(typing.Dict[str, int]):
    def test_e(self): ...


class TestList(typing.List):
    def test_f(self): ...


class TestNewThenDict(WithNew, typing.Dict[str, int]):
    def test_g(self): ...


class TestCallMadeBase(collections.namedtuple("P", "x")):
    def test_h(self): ...


class TestIterable(typing.Iterable[int]):
    def __iter__(self): return iter(())
    def test_i(self): ...


class TestAbstractContextManager(typing.ContextManager):
    def test_j(self): ...


class CriticalSized(typing.Sized):
    def __len__(self): return 0
    def test_k(self): ...
"""


def test_typing_bases_are_built_as_python_builds_them(project: Flake8Project) -> None:
    """Generic aliases and special forms stand for the class Python makes of them.

    ``typing.Dict[str, int]`` and ``typing.List`` become ``dict``/``list``
    (their ``__mro_entries__``), ``typing.NamedTuple`` a ``tuple`` with a
    ``__new__``, a ``typing.Protocol`` subclass gets an ``__init__``, and
    ``__init__`` anywhere in the MRO wins over an earlier base's ``__new__``,
    exactly as pytest reports them. A base made by a call (``namedtuple(...)``)
    cannot be traced and is not reported; an abstract one (``ContextManager``)
    is skipped by pytest silently.
    """
    project.write("setup.cfg", SELECT)
    project.write("tests/test_typing.py", TYPING_MODULE)
    assert collect(project).returncode == 0
    assert collected(project) == ["tests/test_typing.py::TestIterable::test_i"]
    lost = {
        "TestProtocol": (12, "__init__"),
        "TestGenericProtocol": (16, "__init__"),
        "TestProtocolSubclass": (20, "__init__"),
        "TestNamedTuple": (24, "__new__"),
        "TestDict": (29, "__init__"),
        "TestList": (33, "__init__"),
        "TestNewThenDict": (37, "__init__"),
        "TestCallMadeBase": (41, "__new__"),
    }
    assert constructor_warnings(project) == [
        f"test_typing.py:{line}: {name} {constructor}" for name, (line, constructor) in lost.items()
    ]
    untraceable = "TestCallMadeBase"
    methods = {"TestProtocolSubclass": "2 test methods"}
    assert project.flake8("tests").stdout_lines == [
        f"tests/test_typing.py:{line}:1: SOT402 class {name} has "
        f"{methods.get(name, '1 test method')} but pytest will not collect it: it has "
        f"{constructor} (pytest skips such classes with only a warning)"
        for name, (line, constructor) in lost.items()
        if name != untraceable
    ] + [
        "tests/test_typing.py:54:1: SOT401 class CriticalSized has 1 test method but pytest "
        "will not collect it: name matches none of python_classes ['Test'] (pytest defaults)"
    ]
