"""Module names and on-disk lookups of the linted project."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_ssot.project import ModuleName, Project, find_flake8_config_file


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


def test_reexports_are_read_statically_and_cached(tmp_path: Path) -> None:
    init = tmp_path / "f" / "__init__.py"
    touch(
        init,
        "from .core import Thing, other as alias\nfrom f.extra import Extra\n"
        "from os import path\nfrom . import core\n"
        "if True:\n    from .fast import Fast\n"
        "def g():\n    from .hidden import Hidden\n",
    )
    project = Project((tmp_path,))
    assert project.reexports("f") == {
        "Thing": "f.core",
        "alias": "f.core",
        "Extra": "f.extra",
        "path": "os",
        "Fast": "f.fast",
    }
    init.write_text("raise SystemExit('never executed')\n", encoding="utf-8")
    assert project.reexports("f")["Thing"] == "f.core"


def test_star_reexports_use_all_or_public_names(tmp_path: Path) -> None:
    touch(tmp_path / "f" / "__init__.py", "from .listed import *\nfrom .public import *\n")
    touch(tmp_path / "f" / "listed.py", "__all__ = ['A']\nclass A: ...\nclass B: ...\n")
    touch(
        tmp_path / "f" / "public.py",
        "import os.path\nfrom typing import Any as AnyType\n"
        "def g(): ...\nclass C: ...\nX: int = 1\nY = Z = 2\n_private = 3\n"
        "if True:\n    W = 4\n",
    )
    assert Project((tmp_path,)).reexports("f") == {
        "A": "f.listed",
        "os": "f.public",
        "AnyType": "f.public",
        "g": "f.public",
        "C": "f.public",
        "X": "f.public",
        "Y": "f.public",
        "Z": "f.public",
        "W": "f.public",
    }


def test_reexports_of_unparsable_or_missing_facade(tmp_path: Path) -> None:
    touch(tmp_path / "f" / "__init__.py", "from .core import (\n")
    project = Project((tmp_path,))
    assert project.reexports("f") == {}
    assert project.reexports("nowhere") == {}


def test_flake8_config_dir_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path / "setup.cfg", "[metadata]\nname = x\n")
    touch(tmp_path / "tox.ini", "[flake8]\n")
    touch(tmp_path / "a" / "b" / "setup.cfg", "[tool:pytest]\n")
    monkeypatch.setattr("sys.argv", ["flake8", "--jobs=1", "src"])
    assert find_flake8_config_file(tmp_path / "a" / "b") == tmp_path / "tox.ini"
    # flake8 consumes these before plugins see the options: they come from the command line.
    monkeypatch.setattr("sys.argv", ["flake8", "--config", "a/setup.cfg", "src"])
    assert find_flake8_config_file(tmp_path) == Path.cwd() / "a" / "setup.cfg"
    monkeypatch.setattr("sys.argv", ["flake8", "--isolated", "src"])
    assert find_flake8_config_file(tmp_path / "a" / "b") is None
