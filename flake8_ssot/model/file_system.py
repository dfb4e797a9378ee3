"""Paths and files of the project, asked about and read without blocking or raising.

The plugin reads files it does not choose: the modules that imports name,
pytest's configuration files, its own cache entries. A FIFO or a device
named ``mod.py`` would block a read forever, and ``Path.is_file`` raises
for a name too long for the system: here such a path is simply not a file
that can be read. Paths stay as the user wrote them (symlinks are not
resolved), so a file is named, and its module found, as the user sees it.
"""

from __future__ import annotations

import errno
import importlib.machinery
import os
import stat
from collections.abc import Callable
from pathlib import Path


def absolute_path(path: str | Path) -> Path:
    """An absolute, normalised path that keeps symlinks as the user wrote them."""
    return Path(os.path.abspath(path))


def is_within(path: Path, ancestor: Path) -> bool:
    """``path`` is ``ancestor`` or below it; both absolute and normalised.

    Comparing parts is many times cheaper than ``ancestor in path.parents``,
    which builds every parent, and this runs for every linted file.
    """
    return path.parts[: len(ancestor.parts)] == ancestor.parts


def read_regular(path: Path) -> bytes:
    """A regular file's bytes; a FIFO or a device is refused (OSError), never waited on."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return stream.read()


def read_file(path: Path) -> bytes | None:
    """Another Python source file of the project; None when it cannot be read.

    Only a regular Python source file is read: a FIFO or a device named
    ``mod.py`` would block the read forever.
    """
    if path.suffix not in importlib.machinery.SOURCE_SUFFIXES:
        return None
    try:
        return read_regular(path)
    except (OSError, ValueError):
        return None


def is_regular_file(path: Path | str) -> bool:
    """``path`` is a regular file (symlinks followed); never raises.

    ``Path.is_file`` raises for a name too long for the system and other
    errors it does not expect, and says nothing of FIFOs and devices.
    """
    return _mode_is(path, stat.S_ISREG)


def is_directory(path: Path | str) -> bool:
    """``path`` is a directory (symlinks followed); never raises."""
    return _mode_is(path, stat.S_ISDIR)


def _mode_is(path: Path | str, test: Callable[[int], bool]) -> bool:
    try:
        return test(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
