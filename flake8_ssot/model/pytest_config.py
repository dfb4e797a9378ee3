"""pytest's collection settings for a linted file, found the way pytest finds them.

Walking up from the file's directory, the first of pytest.toml,
.pytest.toml (pytest 9 only), pytest.ini, .pytest.ini, pyproject.toml,
tox.ini, setup.cfg that carries a pytest section wins, as in pytest's own
``locate_config``. pytest 8 and 9 read some files differently (pytest 9
refuses a pyproject.toml with both ``[tool.pytest.ini_options]`` and other
``[tool.pytest.*]`` tables, which pytest 8 reads); ``ssot-pytest-version``
says which to follow, and a note says where they differ. Lookups are cached
per directory for the life of the process, so a test suite of thousands of
files reads each config file once. Nothing here stops flake8: a file pytest
cannot read turns SOT401-SOT404 off where it governs, with one line.
"""

from __future__ import annotations

import fnmatch
import functools
import glob
import os
import shlex
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from flake8_ssot.model.file_system import absolute_path, is_regular_file, is_within
from flake8_ssot.model.pytest_ini import IniSyntaxError, parse_ini
from flake8_ssot.model.record import Record

#: pytest's defaults for the settings that decide collection.
DEFAULTS: Mapping[str, tuple[str, ...]] = {
    "python_files": ("test_*.py", "*_test.py"),
    "python_classes": ("Test",),
    "python_functions": ("test",),
    "testpaths": (),
    "norecursedirs": (
        "*.egg",
        ".*",
        "_darcs",
        "build",
        "CVS",
        "dist",
        "node_modules",
        "venv",
        "{arch}",
    ),
}
_GLOB_CHARACTERS = ("*", "?", "[")


class PytestConfigError(Exception):
    """A pytest config file that cannot be read; its text is one line for users."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"flake8-ssot: {path}: cannot read pytest configuration: {problem}")


class PytestConfig(Record):
    """The collection settings in force for one directory, and where they came from."""

    __slots__ = (
        "path",
        "rootdir",
        "python_files",
        "python_classes",
        "python_functions",
        "testpaths",
        "norecursedirs",
    )

    def __init__(
        self,
        path: Path | None,
        rootdir: Path,
        python_files: tuple[str, ...] = DEFAULTS["python_files"],
        python_classes: tuple[str, ...] = DEFAULTS["python_classes"],
        python_functions: tuple[str, ...] = DEFAULTS["python_functions"],
        testpaths: tuple[str, ...] = DEFAULTS["testpaths"],
        norecursedirs: tuple[str, ...] = DEFAULTS["norecursedirs"],
    ) -> None:
        self.path = path
        self.rootdir = rootdir
        self.python_files = python_files
        self.python_classes = python_classes
        self.python_functions = python_functions
        self.testpaths = testpaths
        self.norecursedirs = norecursedirs

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
        """pytest's ``python_files`` rule."""
        return any(fnmatch_ex(pattern, path) for pattern in self.python_files)

    def unrecursed_directory(self, path: Path) -> Path | None:
        """The first directory a bare run would have to enter to reach ``path`` that
        ``norecursedirs`` keeps it out of (below the testpaths entry or rootdir it
        starts from, which pytest enters as given)."""
        starts = [entry for entry in self.testpath_dirs if is_within(path, entry)]
        start = starts[0] if starts else self.rootdir
        return _unrecursed(start, path.parent, self.norecursedirs)

    def is_test_class(self, name: str) -> bool:
        return _matches_prefix_or_glob(self.python_classes, name)

    def is_test_function(self, name: str) -> bool:
        return _matches_prefix_or_glob(self.python_functions, name)

    def count_test_functions(self, names: Sequence[str]) -> int:
        """How many of ``names`` pytest takes for test functions (a class's hundreds of
        inherited method names: prefixes are tried all at once)."""
        prefixes = tuple(pattern for pattern in self.python_functions if not _is_glob(pattern))
        if len(prefixes) == 1 == len(self.python_functions):
            return count_prefixed(names, prefixes[0])
        if len(prefixes) == len(self.python_functions):
            return sum(1 for name in names if name.startswith(prefixes))
        return sum(1 for name in names if self.is_test_function(name))

    @property
    def testpath_dirs(self) -> tuple[Path, ...]:
        """``testpaths`` expanded as pytest does (globs, relative to the rootdir)."""
        return _expanded_testpaths(self.rootdir, self.testpaths)

    def is_under_testpaths(self, path: Path) -> bool:
        return any(is_within(path, entry) for entry in self.testpath_dirs)


def fnmatch_ex(pattern: str, path: Path) -> bool:
    """pytest's path match: a basename glob, or a glob over the whole path when the
    pattern holds a separator."""
    if os.sep in pattern or "/" in pattern:
        full = pattern.replace("/", os.sep)
        if not os.path.isabs(full):
            full = f"*{os.sep}{full}"
        return fnmatch.fnmatch(str(path), full)
    if not _is_glob(pattern):  # ``build``, ``venv``: no regex to compile
        return os.path.normcase(path.name) == os.path.normcase(pattern)
    return fnmatch.fnmatch(path.name, pattern)


def count_prefixed(names: Sequence[str], prefix: str) -> int:
    """How many ``names`` start with ``prefix``, in two passes of C over one joined text.

    A name holds no NUL, so each match of NUL-then-prefix is one name's start
    (and no names is no text, not one empty name).
    """
    if not names:
        return 0
    return ("\0" + "\0".join(names)).count("\0" + prefix)


@functools.lru_cache(maxsize=1024)  # once per directory: test files share directories
def _unrecursed(start: Path, directory: Path, norecursedirs: tuple[str, ...]) -> Path | None:
    """The first directory from ``start`` (not itself) down to ``directory`` that
    ``norecursedirs`` matches."""
    try:
        below = directory.relative_to(start)
    except ValueError:
        return None
    current = start
    for part in below.parts:
        current = current / part
        if any(fnmatch_ex(pattern, current) for pattern in norecursedirs):
            return current
    return None


@functools.lru_cache(maxsize=64)  # once per config file and process
def _expanded_testpaths(rootdir: Path, testpaths: tuple[str, ...]) -> tuple[Path, ...]:
    expanded: list[Path] = []
    for entry in testpaths:
        matches = sorted(glob.glob(str(rootdir / entry), recursive=True))
        expanded.extend(absolute_path(match) for match in matches)
    return tuple(expanded)


@functools.lru_cache(maxsize=8192)
def _matches_prefix_or_glob(patterns: tuple[str, ...], name: str) -> bool:
    """pytest's rule for python_classes and python_functions."""
    for pattern in patterns:
        if name.startswith(pattern):
            return True
        if _is_glob(pattern) and fnmatch.fnmatch(name, pattern):
            return True
    return False


def _is_glob(pattern: str) -> bool:
    return any(character in pattern for character in _GLOB_CHARACTERS)


#: The pytest major versions whose reading of configuration files differs.
PYTEST_VERSIONS = (8, 9)
#: File names pytest looks for, in its order of precedence within one directory.
CONFIG_FILE_NAMES: Mapping[int, tuple[str, ...]] = {
    8: ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"),
    9: (
        "pytest.toml",
        ".pytest.toml",
        "pytest.ini",
        ".pytest.ini",
        "pyproject.toml",
        "tox.ini",
        "setup.cfg",
    ),
}
_PYTEST_TOML_NAMES = ("pytest.toml", ".pytest.toml")
_SET_VERSION_9 = "set ssot-pytest-version = 9 if the project runs pytest 9"

Settings = dict[str, tuple[str, ...]]


class ConfigFile(Record):
    """What one file holds for pytest, and a note where pytest 8 and 9 read it differently.

    ``settings`` is None when the file is not a pytest config file, so the
    search goes on to the next name and the parent directory.
    """

    __slots__ = ("settings", "note")

    def __init__(self, settings: Settings | None, note: str | None = None) -> None:
        self.settings = settings
        self.note = note


def read_pytest_settings(path: Path, version: int, *, explicit: bool = False) -> ConfigFile:
    """The collection settings in one config file, read as pytest ``version`` reads it.

    ``explicit`` is for a file named by ``ssot-pytest-config``, which pytest
    reads as ``pytest -c FILE`` does: by its suffix (pytest 9: by its name
    first), whatever the name.
    """
    try:
        if path.suffix == ".toml":
            return _read_toml(path, version, explicit)
        if path.suffix in (".ini", ".cfg"):
            return ConfigFile(_read_ini(path, version))
    except (OSError, ValueError, RecursionError, MemoryError) as error:
        # Undecodable text, and what tomllib raises beyond TOMLDecodeError (an
        # integer too long for int(), arrays nested too deep): one file unread.
        raise PytestConfigError(path, str(error) or type(error).__name__) from None
    if version >= 9:
        raise PytestConfigError(path, "unsupported format: pytest reads .ini, .cfg and .toml files")
    return ConfigFile({})  # pytest 8 reads no settings from it.


def _read_ini(path: Path, version: int) -> Settings | None:
    try:
        sections = parse_ini(path.read_text(encoding="utf-8"))
    except IniSyntaxError as error:
        raise PytestConfigError(path, str(error)) from None
    if path.suffix == ".cfg":
        if "tool:pytest" in sections:
            return _ini_mode_settings(path, sections["tool:pytest"])
        if "pytest" in sections:
            raise PytestConfigError(
                path, "[pytest] section in .cfg files is no longer supported: use [tool:pytest]"
            )
        return None
    if "pytest" in sections:
        return _ini_mode_settings(path, sections["pytest"])
    # A pytest.ini is the config file even when empty; .pytest.ini only since pytest 9.
    always = ("pytest.ini", ".pytest.ini") if version >= 9 else ("pytest.ini",)
    return {} if path.name in always else None


def _read_toml(path: Path, version: int, explicit: bool) -> ConfigFile:
    # Imported when a TOML file is read: its import costs more than a file's checks.
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PytestConfigError(path, str(error)) from None
    if version < 9:
        return _read_pytest8_toml(path, document)
    if path.name in _PYTEST_TOML_NAMES:
        return ConfigFile(_pytest_table(path, document) or {})
    tool_pytest = _read_tool_pytest(path, document)
    if not explicit or path.name == "pyproject.toml":
        return ConfigFile(tool_pytest)
    # ``pytest -c any.toml``: [tool.pytest] tables, or pytest's own [pytest] table.
    if tool_pytest is None:
        return ConfigFile(_pytest_table(path, document))
    if "pytest" in document:
        raise PytestConfigError(path, "[pytest] and [tool.pytest] cannot be used together")
    return ConfigFile(tool_pytest)


def _read_pytest8_toml(path: Path, document: Mapping[str, object]) -> ConfigFile:
    """pytest 8 reads [tool.pytest.ini_options] only, and ignores every other key under it."""
    tool_pytest = _tool_pytest_table(path, document)
    ini_options = tool_pytest.get("ini_options")
    native = [key for key in tool_pytest if key != "ini_options"]
    keys = ", ".join(f"tool.pytest.{key}" for key in native)
    note = None
    if native and ini_options:
        note = (
            f"pytest 9 refuses this file ({keys} beside tool.pytest.ini_options); read as "
            "pytest 8 reads it, tool.pytest.ini_options only"
        )
    elif native:
        note = (
            f"pytest 8 ignores {keys}, pytest 9 reads [tool.pytest]; read as pytest 8 reads "
            f"it ({_SET_VERSION_9})"
        )
    if ini_options is None:
        return ConfigFile(None, note)
    table = _table(path, ini_options, "tool.pytest.ini_options")
    return ConfigFile(_ini_mode_settings(path, table), note)


def _read_tool_pytest(path: Path, document: Mapping[str, object]) -> Settings | None:
    """pytest 9's [tool.pytest] (native TOML values) or [tool.pytest.ini_options]."""
    tool_pytest = _tool_pytest_table(path, document)
    native = {key: value for key, value in tool_pytest.items() if key != "ini_options"}
    ini_options = tool_pytest.get("ini_options")
    if native and ini_options:
        raise PytestConfigError(
            path, "[tool.pytest] and [tool.pytest.ini_options] cannot be used together"
        )
    if native:
        return _toml_mode_settings(path, native)
    if ini_options is not None:
        return _ini_mode_settings(path, _table(path, ini_options, "tool.pytest.ini_options"))
    return None


def _pytest_table(path: Path, document: Mapping[str, object]) -> Settings | None:
    """pytest 9's [pytest] table of pytest.toml; top-level keys are a misplaced table."""
    if "pytest" in document:
        return _toml_mode_settings(path, _table(path, document["pytest"], "pytest"))
    top_level = [key for key, value in document.items() if not isinstance(value, dict)]
    if top_level:
        raise PytestConfigError(
            path,
            f"pytest configuration must be under a [pytest] table (found top-level "
            f"options: {', '.join(top_level)})",
        )
    return None


def _tool_pytest_table(path: Path, document: Mapping[str, object]) -> Mapping[str, object]:
    tool = _table(path, document.get("tool", {}), "tool")
    return _table(path, tool.get("pytest", {}), "tool.pytest")


def _table(path: Path, value: object, name: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise PytestConfigError(path, f"'{name}' is not a table")
    return value


def _ini_mode_settings(path: Path, table: Mapping[str, object]) -> Settings:
    """pytest's ``args`` values as ini files hold them: a shell-like string, or a TOML list."""
    settings: Settings = {}
    for key in DEFAULTS:
        if key not in table:
            continue
        value = table[key]
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise PytestConfigError(path, f"{key} must be a string or a list of strings")
            settings[key] = tuple(value)
        else:
            settings[key] = tuple(_split_args(path, key, str(value)))
    return settings


def _toml_mode_settings(path: Path, table: Mapping[str, object]) -> Settings:
    """pytest 9's native TOML values: ``args`` must be a list of strings."""
    settings: Settings = {}
    for key in DEFAULTS:
        if key not in table:
            continue
        value = table[key]
        if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
            raise PytestConfigError(path, f"{key} must be a list of strings")
        settings[key] = tuple(value)
    return settings


def _split_args(path: Path, key: str, value: str) -> list[str]:
    """pytest's ``args`` ini type: shell-like splitting."""
    try:
        return shlex.split(value)
    except ValueError as error:
        raise PytestConfigError(path, f"{key}: {error}") from None


#: Lines already reported by this process: once per process, however many
#: finders (the plugin's, and the one a ``flake8-ssot`` command builds) see a file.
_TOLD: set[str] = set()


class PytestConfigFinder:
    """Finds and caches the pytest settings in force for each directory.

    A config file pytest cannot read governs its directories all the same:
    they get None (SOT401-SOT404 off there), and ``report`` gets one line,
    once per file, as it does for a note on a file that pytest 8 and 9 read
    differently.
    """

    def __init__(
        self,
        version: int,
        report: Callable[[str], None],
        explicit: Path | None = None,
        *,
        unreadable_means: str,
    ) -> None:
        self._version = version
        self._report = report
        #: What an unreadable config file costs, as the caller words it.
        self._unreadable_means = unreadable_means
        # Without a config file, pytest's rootdir is where it runs (for a bare run).
        self._defaults = PytestConfig(None, absolute_path(Path.cwd()))
        self._by_directory: dict[Path, PytestConfig | None] = {}
        self._explicit: tuple[PytestConfig | None] | None = None
        if explicit is not None:
            self._explicit = (self._read_explicit(explicit),)

    def for_directory(self, directory: Path) -> PytestConfig | None:
        """The settings for files in ``directory`` (an absolute path); None if unreadable."""
        if self._explicit is not None:
            return self._explicit[0]
        return self._lookup(directory)

    def _read_explicit(self, path: Path) -> PytestConfig | None:
        try:
            mode = path.stat().st_mode
        except (OSError, ValueError) as error:
            self._unreadable(PytestConfigError(path, str(error)))
            return None
        if stat.S_ISDIR(mode):
            self._unreadable(PytestConfigError(path, "it is a directory"))
            return None
        if not stat.S_ISREG(mode):
            # pytest -c /dev/null: a file that is no file asks for pytest's defaults.
            return PytestConfig(path, self._defaults.rootdir)
        try:
            found = read_pytest_settings(path, self._version, explicit=True)
        except PytestConfigError as error:
            self._unreadable(error)
            return None
        self._note(path, found.note)
        return PytestConfig(path, path.parent, **(found.settings or {}))

    def _lookup(self, directory: Path) -> PytestConfig | None:
        """Walk up to the first directory with a config file (a loop: paths may be deep)."""
        visited: list[Path] = []
        current = directory
        while current not in self._by_directory:
            visited.append(current)
            governs, found = self._config_in(current)
            if governs:
                break
            if current.parent == current:
                found = self._defaults
                break
            current = current.parent
        else:
            found = self._by_directory[current]
        for seen in visited:
            self._by_directory[seen] = found
        return found

    def _config_in(self, directory: Path) -> tuple[bool, PytestConfig | None]:
        """Whether a config file in ``directory`` governs it, and its settings."""
        if self._version < 9:
            for name in _PYTEST_TOML_NAMES:
                if is_regular_file(directory / name):
                    self._note(
                        directory / name,
                        f"pytest 8 does not read {name}, pytest 9 does; read as pytest 8 "
                        f"reads the directory ({_SET_VERSION_9})",
                    )
        for name in CONFIG_FILE_NAMES[self._version]:
            candidate = directory / name
            if not is_regular_file(candidate):
                continue
            try:
                found = read_pytest_settings(candidate, self._version)
            except PytestConfigError as error:
                self._unreadable(error)
                return True, None
            self._note(candidate, found.note)
            if found.settings is not None:
                return True, PytestConfig(candidate, directory, **found.settings)
        return False, None

    def _unreadable(self, error: PytestConfigError) -> None:
        self._tell(f"{error} ({self._unreadable_means})")

    def _note(self, path: Path, note: str | None) -> None:
        if note is not None:
            self._tell(f"flake8-ssot: {path}: note: {note}")

    def _tell(self, line: str) -> None:
        """Once per process (with ``--jobs``, once per worker flake8 forks before reading it)."""
        if line not in _TOLD:
            _TOLD.add(line)
            self._report(line)
