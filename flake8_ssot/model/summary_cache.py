"""Summaries of other modules kept on disk between flake8 runs.

Every flake8 process (each ``--jobs`` worker, each editor lint of one file)
reads the project's facades, base classes and replacements again, and
parsing them costs more than all of the plugin's checks of a hundred linted
files. A summary is a pure function of the module's name, its file, the
file's text, the Python that parsed it and this plugin's code. So an entry
holds the name, the file's path and its whole text beside the summary, lives
in a directory named for the Python build and the plugin's code, and is used
only when all of them are what they are now: an edited, checked-out or
regenerated file is summarised again, whatever its mtime. Comparing the
text costs less than hashing it would.

The directory is the user's cache directory by default, not the project's:
nothing lands in a checkout, and no file a pull request commits can be
read as a summary. A directory that another user owns, or that its group
or others may write in, is not used at all: an entry planted there would
steer the advice and ``fix`` to any module. Entries are ``marshal`` data, which the standard
library reads fast and which cannot run code when loaded (the format of
``.pyc`` files; as they are, per Python version), their records converted
as the records' types declare (:mod:`flake8_ssot.model.plain_records`);
the directory's name changes with the code, so an entry is only ever read
by the code that wrote it. Each is written to a temporary file and renamed
over the old one, so a reader (another worker, another run) sees a whole
entry or none. Anything that goes wrong (a directory that cannot be made
or written, an entry that is not whole, was written by other code or does
not read back) only means the module is summarised again: the cache can
be deleted at any time.
"""

from __future__ import annotations

import marshal
import os
import shutil
import stat
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from flake8_ssot.model.bindings import ModuleSummary
from flake8_ssot.model.file_system import read_regular
from flake8_ssot.model.plain_records import from_plain, to_plain
from flake8_ssot.model.stdlib_classes import RuntimeClass

#: A standard-library class looked up in the interpreter: how (``base``: an empty
#: class built on it; ``class``: itself), its module and its name.
RuntimeKey = tuple[str, str, str]

#: The option value that turns the cache off.
OFF = "off"
APPLICATION = "flake8-ssot"
#: Marks a version directory as a cache for backup tools (https://bford.info/cachedir/).
_CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file marks the flake8-ssot cache; see https://bford.info/cachedir/\n"
)
_PACKAGE_DIRECTORY = Path(__file__).resolve().parent.parent  # the whole package
#: How long an entry is kept after it was last written, how long a temporary file
#: (a write in progress) may be, and how often a version directory is swept.
_LIFETIME = 30 * 24 * 3600
_TEMPORARY_LIFETIME = 3600
_SWEEP_INTERVAL = 24 * 3600


def user_cache_directory() -> Path | None:
    """Where this user's caches go on this system; None when there is no home to find."""
    try:
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA")
            base = Path(local) if local else Path.home() / "AppData" / "Local"
            return base / APPLICATION / "Cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / APPLICATION
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        return base / APPLICATION
    except RuntimeError:  # Path.home() with no HOME and no password entry
        return None


def open_cache(root: Path | None, log: Callable[[str], None]) -> SummaryCache | None:
    """The cache under ``root``; None when it is off, this plugin's code cannot be read,
    or another user could have written in it (``log`` is told why)."""
    if root is None:
        return None
    try:
        cache = SummaryCache(root, _version_directory_name())
    except OSError:
        return None
    for directory in (cache.root, cache.directory):
        problem = _not_private(directory)
        if problem is not None:
            log(f"flake8-ssot: the summary cache {directory} is not used: {problem}")
            return None
    return cache


def _not_private(directory: Path) -> str | None:
    """Why another user could write in ``directory``; None when only this user can, or it
    does not exist yet (it is made private), or Windows has no such owners to ask."""
    if not hasattr(os, "getuid"):
        return None
    try:
        status = os.stat(directory)
    except (OSError, ValueError):
        return None  # missing, or no directory can be made there: nothing is read from it
    if not stat.S_ISDIR(status.st_mode):
        return None  # the cache writes nothing there and reads nothing back
    if status.st_uid != os.getuid():
        return "another user owns it"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "its group or others may write in it (chmod go-w to use it)"
    return None


class SummaryCache:
    """Module summaries on disk, under one directory per Python build and plugin code."""

    def __init__(self, root: Path, version: str) -> None:
        self.root = root
        self.directory = root / version
        #: Cleared when the directory cannot be made: a read-only cache is still read.
        self._writable = True
        self._made = False

    def load(self, module: str, path: Path, source: bytes) -> ModuleSummary | None:
        """The kept summary of ``module`` (at ``path``) when it was made from ``source``."""
        data = self._read(_entry_name(module, path))
        if data is None:
            return None
        try:
            key, plain = marshal.loads(data)
            # Two files may share an entry's name (a checksum of the path): the key decides.
            if key != (module, str(path), source):
                return None
            return from_plain(ModuleSummary, plain)
        except Exception:  # not an entry this code wrote whole: summarise again
            return None

    def load_runtime_class(
        self, key: RuntimeKey, origin: str | None
    ) -> tuple[RuntimeClass | None] | None:
        """A kept standard-library lookup, as a 1-tuple (it may have found no class);
        None when none is kept for ``key`` with its module imported from ``origin``.

        The standard library is the interpreter's own, which the directory's
        name identifies, and the lookup's module is the one found at
        ``origin`` now (a file on ``sys.path`` may shadow it in one process
        and not in another): kept, its lookups spare each process importing
        ``unittest`` (and ``sysconfig``) to ask what ``TestCase`` is.
        """
        data = self._read(_runtime_entry_name(key))
        if data is None:
            return None
        try:
            kept_key, plain = marshal.loads(data)
            if kept_key != (*key, origin):
                return None
            return (None if plain is None else from_plain(RuntimeClass, plain),)
        except Exception:  # not an entry this code wrote whole: look it up again
            return None

    def store_runtime_class(
        self, key: RuntimeKey, origin: str | None, found: RuntimeClass | None
    ) -> None:
        """Keep a standard-library lookup made with its module found at ``origin``."""
        plain = None if found is None else to_plain(found)
        self._write(_runtime_entry_name(key), marshal.dumps(((*key, origin), plain)))

    def store(self, module: str, path: Path, source: bytes, summary: ModuleSummary) -> None:
        """Keep ``summary`` of ``module`` as made from ``source``; a failure keeps nothing."""
        data = marshal.dumps(((module, str(path), source), to_plain(summary)))
        self._write(_entry_name(module, path), data)

    def _read(self, name: str) -> bytes | None:
        """An entry's bytes; None when there is none, or it is no regular file (a FIFO
        would wait forever, ``/dev/zero`` never end)."""
        try:
            return read_regular(self.directory / name)
        except (OSError, ValueError, MemoryError):  # ValueError: a name the system refuses
            return None

    def _write(self, name: str, data: bytes) -> None:
        """Put ``data`` in the entry ``name`` at once: a reader sees all of it or none."""
        if not self._writable:
            return
        try:
            self._make_directory()
        except (OSError, ValueError):
            self._writable = False  # read-only, full, not a directory, no path: stop trying
            return
        temporary = None
        try:
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.directory / name)
            temporary = None
        except OSError:
            pass  # this entry only (another process holding it open on Windows, say)
        finally:
            if temporary is not None:
                _remove(temporary)

    def _make_directory(self) -> None:
        """Make the version directory (and any missing parent) readable by the user alone,
        as the XDG spec asks of a cache; on first making it, drop the directories
        that earlier code of this plugin left for the same Python."""
        if self._made:
            return
        missing = [self.directory]
        while not missing[-1].parent.exists() and missing[-1].parent != missing[-1]:
            missing.append(missing[-1].parent)
        for directory in reversed(missing):
            directory.mkdir(mode=0o700, exist_ok=True)
        tag = self.directory / "CACHEDIR.TAG"  # only this directory: ``root`` may be anything
        if not tag.exists():
            tag.write_bytes(_CACHEDIR_TAG)
            self._drop_other_code_directories()
        self._made = True
        self._sweep_if_due(tag)

    def _sweep_if_due(self, tag: Path) -> None:
        """Drop the entries nothing has written for a month (files deleted or moved, the
        temporary projects of a test suite) and the temporary files of killed
        processes; at most once a day, by the first process that writes.

        An entry still in use goes too, and is written again by the next run
        that reads its module: once a month, one parse.
        """
        now = time.time()
        try:
            if now - tag.stat().st_mtime < _SWEEP_INTERVAL:
                return
            os.utime(tag)  # the other processes of this day need not look
            with os.scandir(self.directory) as entries:
                for entry in entries:
                    if entry.name == tag.name or not entry.is_file(follow_symlinks=False):
                        continue
                    lifetime = _TEMPORARY_LIFETIME if entry.name.endswith(".tmp") else _LIFETIME
                    if now - entry.stat(follow_symlinks=False).st_mtime > lifetime:
                        _remove(entry.path)
        except OSError:
            return

    def _drop_other_code_directories(self) -> None:
        """Remove what this Python kept for other code of the plugin (an upgrade, an edit):
        no run of that code reads it again, unless another environment still
        has it, which then only summarises again."""
        python, _, _ = self.directory.name.rpartition("-")
        try:
            siblings = [
                sibling
                for sibling in self.root.iterdir()
                if sibling.name.rpartition("-")[0] == python and sibling != self.directory
            ]
        except OSError:
            return
        for sibling in siblings:
            if (sibling / "CACHEDIR.TAG").is_file():  # only what this plugin made
                shutil.rmtree(sibling, ignore_errors=True)


def _version_directory_name() -> str:
    """The Python build (its ``ast``, ``marshal`` and standard library) and this plugin's
    code: ``<python>-<checksum of the code>``, the code read from its files (a
    checkout under development, or a release with the same file sizes and
    times, changes what a summary holds)."""
    code: list[bytes] = []
    pending = [_PACKAGE_DIRECTORY]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                if entry.is_dir() and entry.name != "__pycache__":
                    pending.append(Path(entry.path))
                elif entry.name.endswith(".py"):
                    code.extend((entry.name.encode("utf-8"), read_regular(Path(entry.path))))
    # The interpreter's own standard library (see load_runtime_class) lives under its base prefix.
    interpreter = _checksum(sys.base_prefix.encode("utf-8", "surrogatepass"))
    python = "{}-{}.{}.{}{}{}".format(sys.implementation.cache_tag, *sys.version_info)
    return f"{python}.{interpreter}-{_checksum(b'/'.join(code))}"


def _entry_name(module: str, path: Path) -> str:
    """One entry per module and file: a changed file's entry is replaced, not added to.

    Hex digits first: never a name Windows reserves (``con.x``); the module's
    name, cut short, for a person looking in.
    """
    return f"{_checksum(str(path).encode('utf-8', 'surrogatepass'))}-{module[:100]}"


def _runtime_entry_name(key: RuntimeKey) -> str:
    kind, module, name = key
    return f"stdlib-{kind}-{module}.{name}"[:150]


def _checksum(data: bytes) -> str:
    """64 bits that tell different texts apart (not against a forger: entries are checked)."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
