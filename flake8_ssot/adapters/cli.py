"""The ``flake8-ssot`` console script: one subcommand per module in ``commands/``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from flake8.exceptions import ExecutionError

from flake8_ssot import __version__
from flake8_ssot.adapters.commands.baseline import run_baseline
from flake8_ssot.adapters.commands.check_config import describe_config
from flake8_ssot.adapters.commands.explain import run_explain
from flake8_ssot.adapters.commands.fix import run_fix
from flake8_ssot.adapters.commands.init import run_init
from flake8_ssot.adapters.commands.status import add_status_parser, run_status
from flake8_ssot.adapters.flake8_setup import CommandError, flake8_error_line
from flake8_ssot.engine.registry import CODES


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="flake8-ssot",
        description="Companion commands of the flake8-ssot flake8 plugin.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    explain_parser = commands.add_parser("explain", help="document an error code, or list them all")
    explain_parser.add_argument(
        "code", nargs="?", help=f"e.g. {CODES[-1].code}; none lists every code"
    )
    fixable = [code.code for code in CODES if code.fixable]
    fix_parser = commands.add_parser(
        "fix",
        help=f"rewrite fixable {'/'.join(fixable)} imports to their canonical modules; "
        "further arguments are flake8's (paths, --config, --exclude, ...)",
        description=f"Rewrite the {', '.join(fixable)} imports flake8 reports to their "
        "canonical modules. Any other argument is passed to flake8's option parsing "
        "(paths, --config, --append-config, --exclude, --select, ...).",
    )
    fix_parser.add_argument(
        "--diff", action="store_true", help="print a unified diff and write nothing"
    )
    fix_parser.add_argument("--check", action="store_true", help="exit 1 if any file would change")
    baseline_parser = commands.add_parser(
        "baseline",
        help="record the findings flake8 reports today in the baseline file, so that only "
        "new ones are reported; further arguments are flake8's",
        description="Record the SOT findings flake8 reports (after noqa, per-file-ignores "
        "and --select) in the file `ssot-baseline` names (default: .ssot-baseline.json "
        "beside the config file). Any other argument is passed to flake8's option parsing.",
    )
    baseline_mode = baseline_parser.add_mutually_exclusive_group()
    baseline_mode.add_argument(
        "--prune", action="store_true", help="drop entries that no longer occur; never add"
    )
    baseline_mode.add_argument(
        "--check", action="store_true", help="exit 1 when entries are stale; write nothing"
    )
    add_status_parser(commands)
    init_parser = commands.add_parser(
        "init",
        help="propose an ssot-* configuration from what the tree shows (read statically, "
        "never imported); further arguments are flake8's (paths, --exclude, --jobs, ...)",
        description="Propose deprecated modules, compat patterns and canonical symbols "
        "from the tree, each entry with the evidence for it as comments, and say how many "
        "findings that configuration gives. Any other argument is passed to flake8's "
        "option parsing (paths, --config, --exclude, --jobs, ...).",
    )
    init_parser.add_argument(
        "--write",
        action="store_true",
        help="add the proposal to the config file flake8 reads (setup.cfg when none), "
        "keeping every ssot-* key it sets already",
    )
    commands.add_parser(
        "check-config",
        help="validate the ssot-* options flake8 would read, and print them; "
        "any further arguments are flake8's (e.g. --config path/to/setup.cfg)",
    )
    args, flake8_args = parser.parse_known_args(argv)
    try:
        return _run_command(parser, args, flake8_args)
    except CommandError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    except ExecutionError as error:  # flake8's style guide refusing per-file-ignores
        print(flake8_error_line(error), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # ``flake8-ssot fix --diff | head``: the reader stopped reading, as it may.
        # Python would complain again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run_command(
    parser: argparse.ArgumentParser, args: argparse.Namespace, flake8_args: list[str]
) -> int:
    if args.command == "explain" and flake8_args:
        parser.error(f"unrecognized arguments: {' '.join(flake8_args)}")
    if args.command == "explain":
        return run_explain(args.code)
    if args.command == "fix":
        return run_fix(flake8_args, diff=args.diff, check=args.check)
    if args.command == "init":
        return run_init(flake8_args, write=args.write)
    if args.command == "baseline":
        return run_baseline(flake8_args, prune=args.prune, check=args.check)
    if args.command == "status":
        if args.chart is not None and args.history is None:
            parser.error("status: --chart draws the --history file: give --history FILE too")
        return run_status(
            flake8_args, output_format=args.output_format, history=args.history, chart=args.chart
        )
    description, warnings, errors = describe_config(flake8_args)
    print(description)
    for problem in (*warnings, *errors):
        print(problem, file=sys.stderr)
    return 1 if errors else 0
