"""flake8's configuration for a command, read by flake8's own option machinery.

The commands read exactly the configuration that ``flake8`` would
(``--config``, ``--append-config``, ``--isolated`` and the ``[flake8]``
lookup included). Whatever flake8 or the plugin refuses there (a missing
``--config`` file, a bad ``per-file-ignores``, an unknown flag, a malformed
``ssot-*`` entry) ends the command with one line on stderr and a non-zero
exit, never a traceback.
"""

from __future__ import annotations

import argparse
import configparser
import contextlib
import io
import sys
from collections.abc import Sequence

from flake8.exceptions import ExecutionError
from flake8.options.parse_args import parse_args

from flake8_ssot.adapters.flake8_plugin import SsotChecker
from flake8_ssot.adapters.flake8_settings import print_to_log, settings_from_flake8
from flake8_ssot.engine.lint import start
from flake8_ssot.rules.base import ConfigError
from flake8_ssot.rules.rule import Context


class CommandError(Exception):
    """flake8 or the plugin refused the configuration: one line for users, and an exit code."""

    def __init__(self, line: str, exit_code: int = 1) -> None:
        super().__init__(line)
        self.exit_code = exit_code


def flake8_setup(flake8_args: Sequence[str]) -> tuple[argparse.Namespace, Context]:
    """flake8's options for these arguments, as ``flake8`` itself would parse them,
    and the checks' context built from them as the plugin builds it.

    flake8 reports its own mistakes as a traceback (a missing ``--config``
    file) or as argparse's usage text; here each is one line in a
    :class:`CommandError`, and so is a configuration error of the plugin's.
    What the plugin prints on stderr meanwhile (notes on pytest's
    configuration) is passed through, unless the configuration is refused:
    then the one line is all there is to say.
    """
    SsotChecker.reads_baseline = False
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            _, options = parse_args(list(flake8_args))
            context = start(settings_from_flake8(options, flake8_args), print_to_log)
    except SystemExit as stop:
        if isinstance(stop.code, str):  # The plugin's configuration error, one line already.
            raise CommandError(stop.code) from None
        if not stop.code:  # --help, --version
            sys.stderr.write(captured.getvalue())
            raise
        lines = captured.getvalue().strip().splitlines() or [f"flake8 exited with {stop.code}"]
        raise CommandError(lines[-1], stop.code) from None
    except ExecutionError as error:
        raise CommandError(flake8_error_line(error)) from None
    except configparser.Error as error:  # a duplicate section or key: flake8 has no line for it
        raise CommandError(f"flake8: error: {' '.join(str(error).split())}") from None
    except ValueError as error:  # flake8 refusing an ignore code or a number in its config
        raise CommandError(f"flake8: error: {error}") from None
    except ConfigError as error:  # One file given: the plugin did not stop, this does.
        raise CommandError(str(error)) from None
    sys.stderr.write(captured.getvalue())
    return options, context


def flake8_error_line(error: ExecutionError) -> str:
    """flake8's message for a configuration it refuses, on one line."""
    return f"flake8: error: {' '.join(str(error).split())}"
