"""flake8's parsed options as the engine's settings, for the plugin and the commands alike.

flake8 consumes ``--config``, ``--append-config`` and ``--isolated``
before plugins see the options, so the config files are found from the
command line as flake8 finds them, misspelled ``ssot-*`` keys in them are
refused, and every ``ssot-*``
option's raw value goes to the engine, which parses them all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from flake8_ssot.engine.flake8_config import locate
from flake8_ssot.engine.registry import OPTIONS
from flake8_ssot.engine.settings import build_settings, check_option_names
from flake8_ssot.model.file_system import absolute_path, is_regular_file
from flake8_ssot.rules.base import RawValue, Settings


def settings_from_flake8(options: argparse.Namespace, command_line: Sequence[str]) -> Settings:
    """The settings for flake8's parsed ``options`` and the command line they came from."""
    cwd = absolute_path(Path.cwd())
    config_files = locate(cwd, command_line)
    # The main file, then each --append-config file: flake8 reads a key from any of them.
    for read_by_flake8 in config_files.files:
        if is_regular_file(read_by_flake8):
            # Not a FIFO: flake8 has read it already, a second open would wait forever.
            check_option_names(read_by_flake8)
    config_file = config_files.main
    config_dir = config_file.parent if config_file else cwd
    return build_settings(raw_values(options), config_file, config_dir)


def raw_values(options: argparse.Namespace) -> dict[str, RawValue]:
    """Every ``ssot-*`` option's raw value as flake8 parsed it (its default when unset)."""
    return {option.name: getattr(options, _dest(option.name)) for option in OPTIONS}


def _dest(name: str) -> str:
    """The attribute argparse stores ``--name`` under."""
    return name.replace("-", "_")


def print_to_log(line: str) -> None:
    """One write per line: ``--jobs`` workers may each report at the same moment, and
    ``print`` writes the line and its line break apart, which interleaves them."""
    sys.stderr.write(f"{line}\n")
    sys.stderr.flush()
