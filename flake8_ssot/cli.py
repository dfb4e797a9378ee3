"""The ``flake8-ssot`` console script: explain a code, check a configuration.

``check-config`` goes through flake8's own option machinery, so it reads
exactly the configuration that ``flake8`` would (``--config``,
``--append-config``, ``--isolated`` and the ``[flake8]`` lookup included).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence

from flake8.options.parse_args import parse_args

from flake8_ssot import __version__
from flake8_ssot.codes import ALL_CODES, Code, lookup
from flake8_ssot.config import ModuleEntry
from flake8_ssot.plugin import SsotChecker


def explain(code: Code) -> str:
    """A code's documentation, in the README's (and ruff's) layout."""
    options = ", ".join(f"`{option}`" for option in code.options)
    return "\n".join(
        [
            f"{code.code}: {code.title}",
            "",
            "What it does",
            f"  {code.what_it_does}",
            "",
            "Why is this bad?",
            f"  {code.why}",
            "",
            "Example",
            f"  {code.example}",
            "",
            "Use instead",
            f"  {code.use_instead}",
            "",
            "Options",
            f"  {options}",
        ]
    )


def describe_config(flake8_args: Sequence[str]) -> str:
    """What the plugin understood from flake8's configuration."""
    parse_args(list(flake8_args))
    context = SsotChecker.context
    if context is None:
        raise RuntimeError("flake8 did not load the flake8-ssot plugin")
    config = context.config
    lines = ["flake8-ssot configuration is valid."]
    lines.extend(_describe_modules("deprecated modules (SOT101)", config.deprecated))
    lines.extend(_describe_modules("legacy modules (SOT201)", config.legacy))
    lines.append(f"compat patterns (SOT301): {', '.join(config.compat_patterns) or 'none'}")
    lines.append("source roots:")
    lines.extend(f"  {root}" for root in config.source_roots)
    return "\n".join(lines)


def _describe_modules(heading: str, entries: Mapping[str, ModuleEntry]) -> list[str]:
    if not entries:
        return [f"{heading}: none"]
    described = [f"{heading}:"]
    for entry in entries.values():
        text = f"  {entry.module}"
        if entry.replacement:
            text += f" -> {entry.replacement}"
        if entry.removed_in:
            text += f" (removed in {entry.removed_in})"
        described.append(text)
    return described


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="flake8-ssot",
        description="Companion commands of the flake8-ssot flake8 plugin.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    explain_parser = commands.add_parser("explain", help="document an error code")
    explain_parser.add_argument("code", help="e.g. SOT101")
    commands.add_parser(
        "check-config",
        help="validate the ssot-* options flake8 would read, and print them; "
        "any further arguments are flake8's (e.g. --config path/to/setup.cfg)",
    )
    args, flake8_args = parser.parse_known_args(argv)
    if args.command != "check-config" and flake8_args:
        parser.error(f"unrecognized arguments: {' '.join(flake8_args)}")
    if args.command == "explain":
        code = lookup(args.code)
        if code is None:
            known = ", ".join(known.code for known in ALL_CODES)
            print(f"flake8-ssot: unknown code {args.code!r} (known: {known})", file=sys.stderr)
            return 2
        print(explain(code))
        return 0
    print(describe_config(flake8_args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
