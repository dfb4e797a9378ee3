"""flake8's parsed options as the engine's settings, for the plugin and the commands alike.

flake8 consumes ``--config`` and ``--isolated`` before plugins see the
options, so the config file is found from the command line as flake8 finds
it, misspelled ``ssot-*`` keys in it are refused, and every ``ssot-*``
option's raw value goes to the engine, which parses them all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from flake8.main.options import stage1_arg_parser
from flake8.options.config import _find_config_file  # type: ignore[attr-defined]

from flake8_ssot.engine.registry import OPTIONS
from flake8_ssot.engine.settings import build_settings, check_option_names
from flake8_ssot.model.project import absolute_path, is_regular_file
from flake8_ssot.rules.base import RawValue, Settings


def settings_from_flake8(options: argparse.Namespace, command_line: Sequence[str]) -> Settings:
    """The settings for flake8's parsed ``options`` and the command line they came from."""
    cwd = absolute_path(Path.cwd())
    # flake8 hides --append-config files from plugins: only the main file is checked.
    config_file = find_flake8_config_file(cwd, command_line)
    if config_file is not None and is_regular_file(config_file):
        # Not a FIFO: flake8 has read it already, a second open would wait forever.
        check_option_names(config_file)
    config_dir = config_file.parent if config_file else cwd
    raw: dict[str, RawValue] = {
        option.name: getattr(options, _dest(option.name)) for option in OPTIONS
    }
    return build_settings(raw, config_file, config_dir)


def _dest(name: str) -> str:
    """The attribute argparse stores ``--name`` under."""
    return name.replace("-", "_")


def find_flake8_config_file(start: Path, command_line: Sequence[str]) -> Path | None:
    """The config file flake8 itself reads for this command line, if any.

    ``--config`` and ``--isolated`` are read with flake8's own first-stage
    parser; otherwise flake8's own lookup walks up from ``start``: the
    first of setup.cfg, tox.ini, .flake8 holding a ``[flake8]`` section,
    skipping a file it cannot parse, and stopping below the home directory
    (a stray ``~/.flake8`` is no config of a project under ``~``).
    """
    try:
        parsed, _ = stage1_arg_parser().parse_known_args(list(command_line))
    except SystemExit:  # not flake8's command line (flake8 used as a library)
        parsed = None
    if parsed is not None and parsed.isolated:
        return None
    if parsed is not None and parsed.config:
        return absolute_path(parsed.config)
    found: str | None = _find_config_file(str(start))
    return None if found is None else Path(found)


def print_to_log(line: str) -> None:
    """One write per line: ``--jobs`` workers may each report at the same moment, and
    ``print`` writes the line and its line break apart, which interleaves them."""
    sys.stderr.write(f"{line}\n")
    sys.stderr.flush()
