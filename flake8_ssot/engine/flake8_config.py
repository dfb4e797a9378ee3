"""Which configuration files flake8 reads, and what its ``[flake8]`` section holds.

flake8's own lookup is a private function of ``flake8/options/config.py``,
which any flake8 release may rename or change, and flake8 hides
``--config``, ``--append-config`` and ``--isolated`` from plugins. The plugin
still has to know those files: it refuses misspelled ``ssot-*`` keys in them
and reads relative paths from the main file's directory. This module
reproduces flake8's rules, the same in flake8 6 and 7 (``load_config`` and
the lookup it calls in ``flake8/options/config.py``, the first-stage parser
in ``flake8/main/options.py``), with the standard library only, so a command
can find the configuration without flake8's start-up.

The rules, as flake8 applies them:

* ``--isolated`` ignores every config file, ``--config`` and ``--append-config``
  included.
* ``--config FILE`` is the main file, and no lookup happens; it counts whether
  or not it holds a ``[flake8]`` section.
* Otherwise flake8 walks up from its working directory. In each directory it
  tries ``setup.cfg``, ``tox.ini`` and ``.flake8``, in that order; the first
  that parses (as UTF-8, with :class:`configparser.RawConfigParser`) and holds
  a section named exactly ``flake8`` or ``flake8:local-plugins`` is the main
  file. A file that cannot be opened, decoded or parsed is skipped, except
  for a duplicate section or key, which stops flake8 (here: a
  :class:`Flake8ConfigError`). From each directory the walk goes on to its
  parent (``os.path.dirname``, by name, not resolving symlinks) unless that
  parent is the directory itself (the filesystem root) or the user's home
  directory (``os.path.expanduser("~")``): home is searched only when the
  walk starts there, so a stray ``~/.flake8`` configures no project under
  ``~``. Both tests compare identities (inode and device), not names.
* Every ``--append-config FILE`` (repeatable) is read after the main file,
  into the same parser, whether or not a main file was found.
"""

from __future__ import annotations

import argparse
import configparser
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from flake8_ssot.model.record import Record
from flake8_ssot.rules.base import ConfigError

#: The names flake8 tries in each directory, in its order.
CANDIDATE_NAMES = ("setup.cfg", "tox.ini", ".flake8")
#: A candidate is a flake8 config file only when it holds one of these sections.
FLAKE8_SECTIONS = ("flake8", "flake8:local-plugins")
#: The section whose keys are flake8's (and its plugins') options.
OPTIONS_SECTION = "flake8"


class Flake8ConfigError(ConfigError):
    """A configuration flake8 itself refuses to start with; its text is one line."""

    def __init__(self, line: str) -> None:
        Exception.__init__(self, line)


class Flake8ConfigFiles(Record):
    """The config files flake8 reads for one command line and working directory."""

    __slots__ = ("main", "appended", "isolated")

    def __init__(self, main: Path | None, appended: tuple[Path, ...], isolated: bool) -> None:
        #: ``--config``'s file, or the one found by walking up; None when there is none.
        self.main = main
        #: The ``--append-config`` files, in command-line order.
        self.appended = appended
        #: ``--isolated``: flake8 reads no config file at all (``main`` and ``appended`` are empty).
        self.isolated = isolated

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file flake8 reads, in its reading order: later ones win."""
        return ((self.main,) if self.main is not None else ()) + self.appended


class _CommandLine(Record):
    """What flake8's first-stage parser takes from a command line, for the config files."""

    __slots__ = ("config", "append_config", "isolated")

    def __init__(self, config: str | None, append_config: tuple[str, ...], isolated: bool) -> None:
        self.config = config
        self.append_config = append_config
        self.isolated = isolated


class _NotFlake8CommandLine(Exception):
    """The first-stage parser refuses the command line (flake8 would exit with a usage error)."""


class _StageOneParser(argparse.ArgumentParser):
    """argparse raising instead of printing usage and exiting: the caller decides."""

    def error(self, message: str) -> NoReturn:
        raise _NotFlake8CommandLine(message)


def locate(start: Path, command_line: Sequence[str]) -> Flake8ConfigFiles:
    """The config files flake8 reads when it runs in ``start`` with ``command_line``.

    ``command_line`` is flake8's arguments (``sys.argv[1:]``): flake8 consumes
    ``--config``, ``--append-config`` and ``--isolated`` before plugins see
    the options. A command line flake8 would refuse with a usage error
    (flake8 used as a library, with other arguments) is ignored: the lookup
    from ``start`` alone. The paths given on the command line are made
    absolute from the process's working directory, where flake8 opens them.

    Raises :class:`Flake8ConfigError` where flake8 stops during the lookup.
    """
    parsed = _read_command_line(command_line)
    if parsed is None:
        return Flake8ConfigFiles(discover(start), (), isolated=False)
    if parsed.isolated:
        return Flake8ConfigFiles(None, (), isolated=True)
    # flake8 tests ``config is None``: an empty ``--config=`` is a (missing) file, not "none".
    main = _absolute(parsed.config) if parsed.config is not None else discover(start)
    return Flake8ConfigFiles(main, tuple(map(_absolute, parsed.append_config)), isolated=False)


def discover(start: Path) -> Path | None:
    """The main config file flake8 finds by walking up from ``start``, if any.

    A candidate that is not a regular file (a FIFO, a device) is never
    opened, the one departure from flake8: opening a FIFO waits for a
    writer, forever once flake8 has read it. flake8 opens such a candidate
    too, and one that holds a flake8 section it opens a second time to load
    it, so on that file flake8 hangs anyway.
    """
    home = os.path.expanduser("~")
    home_identity = None
    if home != "~":  # Windows, when no home directory is known
        try:
            home_identity = _identity(home)
        except OSError:
            home_identity = None
    directory = os.path.abspath(start)
    identity = _directory_identity(directory)
    while True:
        for name in CANDIDATE_NAMES:
            candidate = os.path.join(directory, name)
            if _is_flake8_config(candidate):
                return Path(candidate)
        parent = os.path.dirname(directory)
        parent_identity = _directory_identity(parent)
        if parent_identity in (identity, home_identity):
            return None
        directory, identity = parent, parent_identity


def read_flake8_section(files: Iterable[Path]) -> dict[str, str]:
    """The ``[flake8]`` section of ``files`` merged as flake8 merges them, raw strings.

    ``files`` in flake8's order (:attr:`Flake8ConfigFiles.files`). flake8
    reads them all into one :class:`configparser.RawConfigParser`, so a key
    in a later file replaces the same key of an earlier one, and keys are
    lower-cased; ``[DEFAULT]`` keys count as the section's own. It then
    takes each key in the section's order, and ``max_line_length`` and
    ``max-line-length`` name one option: where both spellings appear, the
    one that comes later in that order wins, which is not always the later
    file's. Keys come back as :func:`option_key` names them.

    Every file is opened once, a FIFO included. Raises
    :class:`Flake8ConfigError` where flake8 refuses a file: one it cannot
    open, decode or parse.
    """
    parser = configparser.RawConfigParser()
    for path in files:
        try:
            read = parser.read(path, encoding="UTF-8")
        except (UnicodeDecodeError, configparser.Error) as error:
            raise Flake8ConfigError(f"{path}: {_one_line(error)}") from None
        if not read:
            raise Flake8ConfigError(f"The specified config file does not exist: {path}")
    if not parser.has_section(OPTIONS_SECTION):
        return {}
    return {
        option_key(key): parser.get(OPTIONS_SECTION, key) for key in parser.options(OPTIONS_SECTION)
    }


def option_key(key: str) -> str:
    """A ``[flake8]`` key as the option it sets: lower-case, dashes for underscores.

    flake8 accepts an option under its name with dashes throughout or with
    underscores throughout, never a mix: a key holding both is no option's,
    and is returned as written (lower-cased) so that it names none.
    """
    key = key.lower()
    if "-" in key and "_" in key:
        return key
    return key.replace("_", "-")


def _read_command_line(command_line: Sequence[str]) -> _CommandLine | None:
    """flake8's first stage over ``command_line``, or None where it would refuse it.

    The parser has all of flake8's first-stage options, not only the three
    read here, so that argparse's prefix matching (``--iso`` is
    ``--isolated``, ``--co`` is ``--config``) and its taking of option values
    come out as flake8's.
    """
    parser = _StageOneParser(add_help=False)
    parser.add_argument("-v", "--verbose", default=0, action="count")
    parser.add_argument("--output-file", default=None)
    parser.add_argument("--append-config", action="append", default=[])
    parser.add_argument("--config", default=None)
    parser.add_argument("--isolated", default=False, action="store_true")
    parser.add_argument("--enable-extensions")
    parser.add_argument("--require-plugins")
    try:
        namespace, _ = parser.parse_known_args(list(command_line))
    except _NotFlake8CommandLine:
        return None
    config: str | None = namespace.config
    append_config: list[str] = namespace.append_config
    isolated: bool = namespace.isolated
    return _CommandLine(config, tuple(append_config), isolated)


def _is_flake8_config(candidate: str) -> bool:
    """The candidate is a regular file that parses and holds a flake8 section."""
    try:
        if not stat.S_ISREG(os.stat(candidate).st_mode):
            return False
    except (OSError, ValueError):  # missing, unreachable, a name the system refuses
        return False
    parser = configparser.RawConfigParser()
    try:
        parser.read(candidate, encoding="UTF-8")  # a file it cannot open reads as empty
    except (UnicodeDecodeError, configparser.ParsingError):
        return False
    except configparser.Error as error:  # a duplicate section or key: flake8 stops here
        raise Flake8ConfigError(f"{candidate}: {_one_line(error)}") from None
    return any(parser.has_section(section) for section in FLAKE8_SECTIONS)


def _directory_identity(directory: str) -> tuple[int, int]:
    """A directory's identity on the walk; flake8 stops where it cannot tell it."""
    try:
        return _identity(directory)
    except (OSError, ValueError) as error:
        raise Flake8ConfigError(
            f"cannot look for flake8's config file in {directory}: {_one_line(error)}"
        ) from None


def _identity(path: str) -> tuple[int, int]:
    """What ``os.path.samefile`` compares: symlinks and other spellings are one directory."""
    status = os.stat(path)
    return status.st_ino, status.st_dev


def _absolute(path: str) -> Path:
    """A command-line path from the working directory, symlinks kept as written."""
    return Path(os.path.abspath(path))


def _one_line(error: Exception) -> str:
    """configparser's messages span lines; a configuration error is one line."""
    return " ".join(str(error).split())
