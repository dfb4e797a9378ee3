"""Module names and on-disk lookups of the linted project."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_ssot.engine.flake8_config import locate
from flake8_ssot.model.bindings import Chosen, Defined, Reexport
from flake8_ssot.model.module_finder import ModuleName
from flake8_ssot.model.project import Project


def touch(path: Path, text: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_module_name_walks_init_files(tmp_path: Path) -> None:
    touch(tmp_path / "repo" / "a" / "__init__.py")
    touch(tmp_path / "repo" / "a" / "b" / "__init__.py")
    project = Project((tmp_path / "elsewhere",))
    assert project.module_name(str(tmp_path / "repo/a/b/c.py")) == ModuleName("a.b.c", False)
    assert project.module_name(str(tmp_path / "repo/a/b/__init__.py")) == ModuleName("a.b", True)
    assert project.module_name(str(tmp_path / "repo/a/b/__init__.py")).package == "a.b"
    assert project.module_name(str(tmp_path / "repo/a/b/c.py")).package == "a.b"


def test_module_name_uses_innermost_source_root(tmp_path: Path) -> None:
    touch(tmp_path / "src" / "ns" / "pkg" / "__init__.py")
    project = Project((tmp_path, tmp_path / "src"))
    assert project.module_name(str(tmp_path / "src/ns/pkg/m.py")).dotted == "ns.pkg.m"


def test_is_submodule_tells_modules_from_names(tmp_path: Path) -> None:
    touch(tmp_path / "f" / "__init__.py", "from .core import Thing\n")
    touch(tmp_path / "f" / "core.py")
    touch(tmp_path / "f" / "nested" / "__init__.py")
    touch(tmp_path / "m.py")
    project = Project((tmp_path,))
    assert project.is_submodule("f", "core")
    assert project.is_submodule("f", "nested")
    assert not project.is_submodule("f", "Thing")
    assert not project.is_submodule("m", "anything")
    assert not project.is_submodule("missing", "core")


def test_origins_are_read_statically_and_cached(tmp_path: Path) -> None:
    init = tmp_path / "f" / "__init__.py"
    touch(
        init,
        "from .core import Thing, other as alias\nfrom f.extra import Extra\n"
        "from os import path\nfrom . import core\n"
        "if True:\n    from .fast import Fast\n"
        "def g():\n    from .hidden import Hidden\n",
    )
    touch(tmp_path / "f" / "core.py", "class Thing: ...\ndef other(): ...\n")
    project = Project((tmp_path,))
    assert project.origin("f", "Thing") == Reexport("f.core", "Thing")
    assert project.origin("f", "alias") == Reexport("f.core", "other")
    assert project.origin("f", "Extra") == Reexport("f.extra", "Extra")
    assert project.origin("f", "path") == Reexport("os", "path")
    assert project.origin("f", "Fast") == Reexport("f.fast", "Fast")
    assert project.origin("f", "g") == Defined()
    assert project.origin("f", "Hidden") is None
    init.write_text("raise SystemExit('never executed')\n", encoding="utf-8")
    assert project.origin("f", "Thing") == Reexport("f.core", "Thing")


@pytest.mark.parametrize(
    ("facade", "expected"),
    [
        pytest.param(
            "try:\n    from .a import X\nexcept ImportError:\n    X = None\n",
            Reexport("f.a", "X"),
            id="first-party-guarded-by-a-stub",
        ),
        pytest.param(
            "try:\n    from .a import X\nexcept ImportError:\n    class X: ...\n",
            Reexport("f.a", "X"),
            id="first-party-guarded-by-a-class",
        ),
        pytest.param(
            "try:\n    from .a import X\nexcept ImportError:\n    from .b import X\n",
            Chosen(("f.a", "f.b")),
            id="try-over-two-modules",
        ),
        pytest.param(
            "try:\n    from ujson import X\nexcept ImportError:\n    X = None\n",
            Chosen(("ujson", "f")),
            id="optional-third-party",
        ),
        pytest.param(
            "import sys\nif sys.version_info >= (3, 11):\n    from .a import X\n"
            "else:\n    from .b import X\n",
            Chosen(("f.a", "f.b")),
            id="if-else",
        ),
        pytest.param(
            "import sys\nif sys.platform == 'win32':\n    from .a import X\n"
            "else:\n    from .a import X\n",
            Reexport("f.a", "X"),
            id="if-else-same-source",
        ),
        pytest.param("from .a import X\nclass X(X): ...\n", Defined(), id="rebound-class"),
        pytest.param("from .a import X\nX = wrap(X)\n", Defined(), id="rebound-call"),
        pytest.param(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import X\n",
            None,
            id="type-checking-only",
        ),
        pytest.param(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import X\n"
            "else:\n    from .b import X\n",
            Reexport("f.b", "X"),
            id="type-checking-else",
        ),
    ],
)
def test_origin_of_conditional_reexports(tmp_path: Path, facade: str, expected: object) -> None:
    touch(tmp_path / "f" / "__init__.py", facade)
    touch(tmp_path / "f" / "a.py", "class X: ...\n")
    touch(tmp_path / "f" / "b.py", "class X: ...\n")
    assert Project((tmp_path,)).origin("f", "X") == expected


def test_star_reexports_use_all_or_public_names(tmp_path: Path) -> None:
    touch(tmp_path / "f" / "__init__.py", "from .listed import *\nfrom .public import *\n")
    touch(tmp_path / "f" / "listed.py", "__all__ = ['A']\nclass A: ...\nclass B: ...\n")
    touch(
        tmp_path / "f" / "public.py",
        "import os.path\nfrom typing import Any as AnyType\n"
        "def g(): ...\nclass C: ...\nX: int = 1\nY = Z = 2\n_private = 3\n"
        "if True:\n    W = 4\n",
    )
    project = Project((tmp_path,))
    for name in ("os", "AnyType", "g", "C", "X", "Y", "Z", "W"):
        assert project.origin("f", name) == Reexport("f.public", name)
    assert project.origin("f", "A") == Reexport("f.listed", "A")
    assert project.origin("f", "B") is None
    assert project.origin("f", "_private") is None


def test_binds_and_attributes(tmp_path: Path) -> None:
    touch(tmp_path / "new" / "__init__.py", "from . import loaded\nfrom .other import thing\n")
    touch(tmp_path / "new" / "loaded.py")
    touch(tmp_path / "new" / "other.py", "thing = 1\n")
    touch(tmp_path / "new" / "unloaded.py")
    project = Project((tmp_path,))
    # ``from new import unloaded`` works (it imports the submodule) ...
    assert project.binds("new", "unloaded")
    assert project.binds("new", "thing")
    assert not project.binds("new", "missing")
    # ... but ``import new; new.unloaded`` does not: nothing imported it.
    assert not project.has_attribute("new", "unloaded")
    assert project.has_attribute("new", "loaded")
    assert project.has_attribute("new", "other")  # loaded by ``from .other import thing``
    assert project.binds("nowhere", "x") is None
    assert project.has_attribute("nowhere", "x") is None


def test_origins_of_unparsable_or_missing_facade(tmp_path: Path) -> None:
    touch(tmp_path / "f" / "__init__.py", "from .core import (\n")
    project = Project((tmp_path,))
    assert project.origin("f", "core") is None
    assert project.origin("nowhere", "x") is None


def test_flake8_config_dir_lookup(tmp_path: Path) -> None:
    touch(tmp_path / "setup.cfg", "[metadata]\nname = x\n")
    touch(tmp_path / "tox.ini", "[flake8]\n")
    touch(tmp_path / "a" / "b" / "setup.cfg", "[tool:pytest]\n")
    assert locate(tmp_path / "a" / "b", ["--jobs=1", "src"]).main == (tmp_path / "tox.ini")
    # flake8 consumes these before plugins see the options: they come from the command line.
    assert locate(tmp_path, ["--config", "a/setup.cfg", "src"]).main == (
        Path.cwd() / "a" / "setup.cfg"
    )
    assert locate(tmp_path / "a" / "b", ["--isolated", "src"]).main is None
