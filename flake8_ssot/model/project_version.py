"""The project's version as its packaging metadata states it, read without running anything.

Deadlines (``removed-in``) are compared with it. A version that is computed
(setuptools' ``attr:`` and ``file:``, a ``dynamic`` version in
pyproject.toml) cannot be known without building the project, so it is
reported as unknown rather than guessed.
"""

from __future__ import annotations

import configparser
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from flake8_ssot.model.file_system import read_regular
from flake8_ssot.model.record import Record

if TYPE_CHECKING:
    from packaging.version import Version


class VersionSource(Record):
    """The version, and where it came from; or None, and why there is none."""

    __slots__ = ("version", "source")

    def __init__(self, version: Version | None, source: str) -> None:
        self.version = version
        self.source = source


def pep440(text: str) -> Version | None:
    """``text`` as a PEP 440 version; None if it is not one."""
    # Imported where a version is read: its import costs more than a file's checks.
    from packaging import version

    try:
        return version.Version(text)
    except version.InvalidVersion:
        return None


def read_project_version(directory: Path) -> VersionSource:
    """``[metadata] version`` of setup.cfg, else ``[project] version`` of pyproject.toml."""
    for read in (_from_setup_cfg, _from_pyproject):
        found = read(directory)
        if found is not None:
            return found
    return VersionSource(
        None,
        f"neither setup.cfg [metadata] nor pyproject.toml [project] in {directory} "
        "states a version",
    )


def _stated(text: str, where: str) -> VersionSource:
    version = pep440(text)
    if version is None:
        return VersionSource(None, f"{where} is {text!r}, not a PEP 440 version")
    return VersionSource(version, where)


def _from_setup_cfg(directory: Path) -> VersionSource | None:
    path = directory / "setup.cfg"
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(read_regular(path).decode("utf-8"), str(path))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        return VersionSource(None, f"{path} cannot be read: {error}")
    if not parser.has_option("metadata", "version"):
        return None
    text = parser.get("metadata", "version").strip()
    where = f"{path} [metadata] version"
    if text.startswith(("attr:", "file:")):
        return VersionSource(None, f"{where} is computed ({text})")
    return _stated(text, where)


def _from_pyproject(directory: Path) -> VersionSource | None:
    path = directory / "pyproject.toml"
    try:
        text = read_regular(path).decode("utf-8")  # a FIFO is refused, never waited on
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:  # undecodable bytes are a ValueError
        return VersionSource(None, f"{path} cannot be read: {error}")
    # Imported for a file that exists: its import costs more than a file's checks.
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except (ValueError, RecursionError, MemoryError) as error:  # TOMLDecodeError is a ValueError
        return VersionSource(None, f"{path} cannot be read: {error}")
    project = document.get("project")
    if not isinstance(project, dict):
        return None
    where = f"{path} [project] version"
    dynamic = project.get("dynamic")
    if isinstance(dynamic, list) and "version" in dynamic:
        return VersionSource(None, f"{where} is dynamic")
    stated = project.get("version")
    if stated is None:
        return None
    if not isinstance(stated, str):
        return VersionSource(None, f"{where} is {stated!r}, not a string")
    return _stated(stated.strip(), where)


class ProjectVersion:
    """The version deadlines are compared with: the option's, or the project metadata's.

    The metadata is read when a deadline is first compared, so a
    configuration without ``removed-in`` never pays for reading it.
    """

    __slots__ = ("_directory", "_found")

    def __init__(self, directory: Path, found: VersionSource | None = None) -> None:
        self._directory = directory
        self._found = found

    @property
    def current(self) -> VersionSource:
        if self._found is None:
            self._found = read_project_version(self._directory)
        return self._found
