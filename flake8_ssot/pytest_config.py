"""pytest's collection settings for a linted file, found the way pytest finds them.

Walking up from the file's directory, the first of pytest.toml,
.pytest.toml, pytest.ini, .pytest.ini, pyproject.toml, tox.ini, setup.cfg
that carries a pytest section wins, as in pytest's own ``locate_config``.
Lookups are cached per directory for the life of the process, so a test
suite of thousands of files reads each config file once.
"""

from __future__ import annotations

import configparser
import fnmatch
import functools
import glob
import os
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from flake8_ssot.project import absolute_path, is_within

#: pytest's defaults for the settings that decide collection.
DEFAULTS: Mapping[str, tuple[str, ...]] = {
    "python_files": ("test_*.py", "*_test.py"),
    "python_classes": ("Test",),
    "python_functions": ("test",),
    "testpaths": (),
}
_GLOB_CHARACTERS = ("*", "?", "[")


class PytestConfigError(Exception):
    """A pytest config file that cannot be read; its text is one line for users."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"flake8-ssot: {path}: cannot read pytest configuration: {problem}")
        self.path = path


@dataclass(frozen=True)
class PytestConfig:
    """The collection settings in force for one directory, and where they came from."""

    path: Path | None
    rootdir: Path
    python_files: tuple[str, ...] = DEFAULTS["python_files"]
    python_classes: tuple[str, ...] = DEFAULTS["python_classes"]
    python_functions: tuple[str, ...] = DEFAULTS["python_functions"]
    testpaths: tuple[str, ...] = DEFAULTS["testpaths"]

    @property
    def label(self) -> str:
        """Where the settings came from, as messages show it."""
        if self.path is None:
            return "pytest defaults"
        try:
            return str(self.path.relative_to(absolute_path(Path.cwd())))
        except ValueError:
            return str(self.path)

    def is_test_file(self, path: Path) -> bool:
        """pytest's ``python_files`` rule (``fnmatch_ex``): a basename glob,
        or a glob over the whole path when the pattern holds a separator."""
        for pattern in self.python_files:
            if os.sep in pattern or "/" in pattern:
                full = pattern.replace("/", os.sep)
                if not os.path.isabs(full):
                    full = f"*{os.sep}{full}"
                if fnmatch.fnmatch(str(path), full):
                    return True
            elif fnmatch.fnmatch(path.name, pattern):
                return True
        return False

    def is_test_class(self, name: str) -> bool:
        return _matches_prefix_or_glob(self.python_classes, name)

    def is_test_function(self, name: str) -> bool:
        return _matches_prefix_or_glob(self.python_functions, name)

    @functools.cached_property
    def testpath_dirs(self) -> tuple[Path, ...]:
        """``testpaths`` expanded as pytest does (globs, relative to the rootdir)."""
        expanded: list[Path] = []
        for entry in self.testpaths:
            matches = sorted(glob.glob(str(self.rootdir / entry), recursive=True))
            expanded.extend(absolute_path(match) for match in matches)
        return tuple(expanded)

    def is_under_testpaths(self, path: Path) -> bool:
        return any(is_within(path, entry) for entry in self.testpath_dirs)


@functools.lru_cache(maxsize=8192)
def _matches_prefix_or_glob(patterns: tuple[str, ...], name: str) -> bool:
    """pytest's rule for python_classes and python_functions."""
    for pattern in patterns:
        if name.startswith(pattern):
            return True
        if any(character in pattern for character in _GLOB_CHARACTERS) and fnmatch.fnmatch(
            name, pattern
        ):
            return True
    return False


#: File names pytest looks for, in its order of precedence within one directory.
CONFIG_FILE_NAMES = (
    "pytest.toml",
    ".pytest.toml",
    "pytest.ini",
    ".pytest.ini",
    "pyproject.toml",
    "tox.ini",
    "setup.cfg",
)


def read_pytest_settings(path: Path) -> dict[str, tuple[str, ...]] | None:
    """The collection settings in one config file; None if it has no pytest section.

    ``pytest.ini``/``pytest.toml`` (and their dotted forms) count even when
    empty, as in pytest.
    """
    try:
        if path.suffix == ".toml":
            return _read_toml(path)
        return _read_ini(path)
    except (OSError, UnicodeDecodeError) as error:
        raise PytestConfigError(path, str(error)) from None


def _read_ini(path: Path) -> dict[str, tuple[str, ...]] | None:
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    except configparser.Error as error:
        raise PytestConfigError(path, " ".join(str(error).split())) from None
    section = "tool:pytest" if path.name == "setup.cfg" else "pytest"
    if not parser.has_section(section):
        return {} if path.name in ("pytest.ini", ".pytest.ini") else None
    return {
        key: tuple(_split_args(path, key, parser.get(section, key)))
        for key in DEFAULTS
        if parser.has_option(section, key)
    }


def _read_toml(path: Path) -> dict[str, tuple[str, ...]] | None:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PytestConfigError(path, str(error)) from None
    if path.name == "pyproject.toml":
        tool_pytest = document.get("tool", {}).get("pytest")
        if not isinstance(tool_pytest, dict):
            return None
        native = {key: value for key, value in tool_pytest.items() if key != "ini_options"}
        if native and "ini_options" in tool_pytest:
            raise PytestConfigError(
                path, "[tool.pytest] and [tool.pytest.ini_options] cannot be used together"
            )
        table = native or tool_pytest.get("ini_options")
        if table is None:
            return None
    else:
        native = document.get("pytest", {})
        table = native
    if not isinstance(table, dict):
        raise PytestConfigError(path, "the pytest table is not a table")
    settings = {}
    for key in DEFAULTS:
        if key not in table:
            continue
        value = table[key]
        if isinstance(value, str) and not native:
            settings[key] = tuple(_split_args(path, key, value))
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            settings[key] = tuple(value)
        else:
            kinds = "a list of strings" if native else "a string or a list of strings"
            raise PytestConfigError(path, f"{key} must be {kinds}")
    return settings


def _split_args(path: Path, key: str, value: str) -> list[str]:
    """pytest's ``args`` ini type: shell-like splitting."""
    try:
        return shlex.split(value)
    except ValueError as error:
        raise PytestConfigError(path, f"{key}: {error}") from None


class PytestConfigFinder:
    """Finds and caches the pytest settings in force for each directory."""

    def __init__(self, explicit: Path | None = None) -> None:
        # Without a config file, pytest's rootdir is where it runs (for a bare run).
        self._defaults = PytestConfig(None, absolute_path(Path.cwd()))
        self._explicit: PytestConfig | None = None
        if explicit is not None:
            settings = read_pytest_settings(explicit) or {}
            self._explicit = PytestConfig(explicit, explicit.parent, **settings)
        self._by_directory: dict[Path, PytestConfig | None] = {}

    def for_directory(self, directory: Path) -> PytestConfig:
        """The settings for files in ``directory`` (an absolute path)."""
        if self._explicit is not None:
            return self._explicit
        found = self._lookup(directory)
        return found if found is not None else self._defaults

    def _lookup(self, directory: Path) -> PytestConfig | None:
        if directory in self._by_directory:
            return self._by_directory[directory]
        found: PytestConfig | None = None
        for name in CONFIG_FILE_NAMES:
            candidate = directory / name
            if candidate.is_file():
                settings = read_pytest_settings(candidate)
                if settings is not None:
                    found = PytestConfig(candidate, directory, **settings)
                    break
        if found is None and directory.parent != directory:
            found = self._lookup(directory.parent)
        self._by_directory[directory] = found
        return found
