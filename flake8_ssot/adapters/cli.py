"""The ``flake8-ssot`` console script: fix imports, explain a code, check a configuration.

``check-config`` goes through flake8's own option machinery, so it reads
exactly the configuration that ``flake8`` would (``--config``,
``--append-config``, ``--isolated`` and the ``[flake8]`` lookup included).
Whatever flake8 or the plugin refuses there (a missing ``--config`` file, a
bad ``per-file-ignores``, an unknown flag, a malformed ``ssot-*`` entry) ends
the command with one line on stderr and a non-zero exit, never a traceback;
``check-config`` also refuses a select or ignore code that flake8's code
pattern rejects, which flake8 takes on the command line and never matches.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from flake8.defaults import VALID_CODE_PREFIX
from flake8.discover_files import expand_paths
from flake8.exceptions import ExecutionError
from flake8.formatting.default import Nothing
from flake8.options.parse_args import parse_args
from flake8.processor import FileProcessor
from flake8.style_guide import StyleGuideManager
from flake8.utils import parse_files_to_codes_mapping

from flake8_ssot import __version__
from flake8_ssot.checks.model import CheckContext
from flake8_ssot.codes import ALL_CODES, Code, lookup
from flake8_ssot.config import ConfigError, ModuleEntry
from flake8_ssot.context import build_context
from flake8_ssot.fix.apply import Leftover, fix_source
from flake8_ssot.model.project import absolute_path
from flake8_ssot.model.pytest_config import PytestConfig
from flake8_ssot.model.source_file import NotWritten, SourceFile, read_source, write_atomically
from flake8_ssot.options import (
    CACHE_DIR_OPTION,
    CANONICAL_OPTION,
    COMPAT_OPTION,
    DEPRECATED_OPTION,
    LEGACY_OPTION,
    PYTEST_CONFIG_OPTION,
    PYTEST_VERSION_OPTION,
    SOURCE_ROOTS_OPTION,
    by_name,
)


def explain(code: Code) -> str:
    """A code's documentation, in the README's (and ruff's) layout."""
    lines = [f"{code.code}: {code.title}", code.fix_note]
    for section in code.sections():
        lines.extend(["", section.heading])
        lines.extend(f"  {line}" if line else "" for line in section.text.splitlines())
    return "\n".join(lines)


def list_codes() -> str:
    """Every code, whether ``fix`` rewrites it, and its title."""
    lines = [
        f"{code.code}  {'fixable' if code.fixable else '':7}  {code.title}" for code in ALL_CODES
    ]
    lines.append("flake8-ssot explain CODE documents one code.")
    return "\n".join(lines)


class CommandError(Exception):
    """flake8 or the plugin refused the configuration: one line for users, and an exit code."""

    def __init__(self, line: str, exit_code: int = 1) -> None:
        super().__init__(line)
        self.exit_code = exit_code


def flake8_setup(flake8_args: Sequence[str]) -> tuple[argparse.Namespace, CheckContext]:
    """flake8's options for these arguments, as ``flake8`` itself would parse them,
    and the checks' context built from them as the plugin builds it.

    flake8 reports its own mistakes as a traceback (a missing ``--config``
    file) or as argparse's usage text; here each is one line in a
    :class:`CommandError`, and so is a configuration error of the plugin's.
    What the plugin prints on stderr meanwhile (notes on pytest's
    configuration) is passed through, unless the configuration is refused:
    then the one line is all there is to say.
    """
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            _, options = parse_args(list(flake8_args))
            context = build_context(options, flake8_args)
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
    except ValueError as error:  # flake8 refusing an ignore code or a number in its config
        raise CommandError(f"flake8: error: {error}") from None
    except ConfigError as error:  # One file given: the plugin did not stop, this does.
        raise CommandError(str(error)) from None
    sys.stderr.write(captured.getvalue())
    return options, context


def flake8_error_line(error: ExecutionError) -> str:
    """flake8's message for a configuration it refuses, on one line."""
    return f"flake8: error: {' '.join(str(error).split())}"


def describe_config(flake8_args: Sequence[str]) -> str:
    """What the plugin understood from flake8's configuration, one section per option.

    The configuration is first validated as flake8 validates it before it
    lints (``per-file-ignores``, ignore codes in a config file), and codes
    no finding can ever match are refused, so "valid" means that ``flake8``
    runs with it and every select and ignore entry can take effect.
    """
    options, context = flake8_setup(flake8_args)
    validate_as_flake8(options)
    config = context.config
    cwd = absolute_path(Path.cwd())
    lines = [
        "flake8-ssot configuration is valid.",
        f"flake8 config file: {context.config_file or 'none'}",
    ]
    lines.extend(_describe_modules(DEPRECATED_OPTION, config.deprecated))
    lines.extend(_describe_modules(LEGACY_OPTION, config.legacy))
    lines.append(f"{_heading(COMPAT_OPTION)}: {', '.join(config.compat_patterns) or 'none'}")
    lines.append(f"{_heading(SOURCE_ROOTS_OPTION)}:")
    lines.extend(f"  {root}" for root in config.source_roots)
    lines.extend(
        _describe_pytest_config(
            options.ssot_pytest_config, context.pytest_configs.for_directory(cwd), cwd
        )
    )
    lines.append(f"{_heading(PYTEST_VERSION_OPTION)}: {options.ssot_pytest_version}")
    symbols = [f"  {home}:{name}" for name, home in config.canonical_homes.items()]
    lines.append(f"{_heading(CANONICAL_OPTION)}:{'' if symbols else ' none'}")
    lines.extend(symbols)
    cache = context.project.cache
    lines.append(f"{_heading(CACHE_DIR_OPTION)}: {cache.root if cache else 'off'}")
    return "\n".join(lines)


def validate_as_flake8(options: argparse.Namespace) -> None:
    """Refuse what flake8 refuses, or cannot match, in select, ignore and per-file-ignores.

    flake8 refuses an ``ignore``/``extend-ignore`` code in a config file that
    is no code (``^[A-Z]{1,3}[0-9]{0,3}$``) but takes ``--select SOT9999x``
    and never reports anything for it; here every code of these options
    meets flake8's rule, and ``per-file-ignores`` is parsed by building
    flake8's style guides, as ``flake8`` does before it lints.
    """
    for option in ("select", "extend_select", "ignore", "extend_ignore"):
        _refuse_invalid_codes(option.replace("_", "-"), getattr(options, option) or ())
    StyleGuideManager(options, Nothing(options))  # ExecutionError for a bad per-file-ignores
    for _, codes in parse_files_to_codes_mapping(options.per_file_ignores):
        _refuse_invalid_codes("per-file-ignores", codes)


def _refuse_invalid_codes(option: str, codes: Iterable[str]) -> None:
    for code in codes:
        if not VALID_CODE_PREFIX.match(code):
            raise CommandError(
                f"flake8: error: Error code {code!r} supplied to {option!r} option "
                f"does not match {VALID_CODE_PREFIX.pattern!r}"
            )


def _heading(name: str) -> str:
    """An option and the codes it configures, from the option registry."""
    return by_name(name).heading


def _describe_modules(option: str, entries: Mapping[str, ModuleEntry]) -> list[str]:
    if not entries:
        return [f"{_heading(option)}: none"]
    described = [f"{_heading(option)}:"]
    for entry in entries.values():
        text = f"  {entry.module}"
        if entry.replacement:
            text += f" -> {entry.replacement}"
        if entry.removed_in:
            text += f" (removed in {entry.removed_in})"
        described.append(text)
    return described


def _describe_pytest_config(given: str, in_force: PytestConfig | None, cwd: Path) -> list[str]:
    """The option as given, and the pytest settings SOT401-SOT404 use for the cwd."""
    heading = f"{_heading(PYTEST_CONFIG_OPTION)}: {given or 'not set (found as pytest finds it)'}"
    if in_force is None:
        return [heading, f"  for {cwd}: unreadable, SOT401-SOT404 off there"]
    return [
        heading,
        f"  for {cwd}: {in_force.label}",
        f"    python_files = {' '.join(in_force.python_files)}",
        f"    python_classes = {' '.join(in_force.python_classes)}",
        f"    python_functions = {' '.join(in_force.python_functions)}",
        f"    testpaths = {' '.join(in_force.testpaths) or '(none)'}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="flake8-ssot",
        description="Companion commands of the flake8-ssot flake8 plugin.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    explain_parser = commands.add_parser("explain", help="document an error code, or list them all")
    explain_parser.add_argument("code", nargs="?", help="e.g. SOT101; none lists every code")
    fixable = [code.code for code in ALL_CODES if code.fixable]
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


def _run_command(
    parser: argparse.ArgumentParser, args: argparse.Namespace, flake8_args: list[str]
) -> int:
    if args.command == "explain" and flake8_args:
        parser.error(f"unrecognized arguments: {' '.join(flake8_args)}")
    if args.command == "explain" and args.code is None:
        print(list_codes())
        return 0
    if args.command == "explain":
        code = lookup(args.code)
        if code is None:
            known = ", ".join(known.code for known in ALL_CODES)
            print(f"flake8-ssot: unknown code {args.code!r} (known: {known})", file=sys.stderr)
            return 2
        print(explain(code))
        return 0
    if args.command == "fix":
        return run_fix(flake8_args, diff=args.diff, check=args.check)
    print(describe_config(flake8_args))
    return 0


def run_fix(flake8_args: Sequence[str], *, diff: bool, check: bool) -> int:
    """Fix every file flake8 would lint with these arguments.

    Exit status: 0; 1 with --check if a file would change; 2 if a file could
    not be read or written (each such file has its line on stderr, and the
    run goes on with the next file).
    """
    options, context = flake8_setup(flake8_args)
    if "-" in options.filenames:
        print(
            "flake8-ssot fix: fix rewrites files in place and does not read stdin; "
            "give it file or directory paths",
            file=sys.stderr,
        )
        return 2
    files = _distinct_files(
        expand_paths(
            paths=options.filenames,
            stdin_display_name=options.stdin_display_name,
            filename_patterns=options.filename,
            exclude=options.exclude,
        )
    )
    style_guides = StyleGuideManager(options, Nothing(options))
    progress = Progress(len(files))
    failed = 0
    changed_files = 0
    rewritten: Counter[str] = Counter()
    leftovers = 0
    for index, filename in enumerate(files, start=1):
        progress.show(index)
        try:
            source = read_source(Path(filename))
        except (OSError, UnicodeDecodeError, SyntaxError, LookupError) as error:
            print(f"{filename}: cannot read: {error}", file=sys.stderr)
            failed += 1
            continue
        reported = _reported_by_flake8(style_guides, options, filename, source.text)
        result = fix_source(source.text, filename, context, reported)
        if result.error is not None:
            print(f"{filename}: {result.error}", file=sys.stderr)
        left = result.leftovers
        if result.changed:
            problem = _deliver(filename, source, result.fixed, diff=diff, check=check)
            if problem is not None:
                print(f"{filename}: cannot write: {problem}", file=sys.stderr)
                failed += 1
            else:
                changed_files += 1
                rewritten.update(result.rewritten)
                if not (diff or check):
                    # Report what is left where it now is, as flake8 will report it.
                    reported = _reported_by_flake8(style_guides, options, filename, result.fixed)
                    left = fix_source(result.fixed, filename, context, reported).leftovers
        leftovers += _print_leftovers(filename, left)
    progress.done()
    verb = "would change" if (diff or check) else "changed"
    per_code = ", ".join(f"{code}: {count}" for code, count in sorted(rewritten.items()))
    not_done = f"; files not read or not written: {failed}" if failed else ""
    print(
        f"flake8-ssot fix: {changed_files} of {len(files)} files {verb}; "
        f"imported names rewritten: {per_code or 'none'}; findings left: {leftovers}"
        f"{not_done}",
        file=sys.stderr,
    )
    if failed:
        return 2
    return 1 if check and changed_files else 0


def _distinct_files(paths: Iterable[str]) -> list[str]:
    """Each file once, however often and under whatever spelling it was given.

    ``app/a.py`` and ``./app/a.py`` (or a symlink to it) are one file: fixing
    it twice would print two diffs and count it twice.
    """
    by_file: dict[str, str] = {}
    for path in sorted(paths):
        by_file.setdefault(os.path.realpath(path), path)
    return sorted(by_file.values())


def _deliver(
    filename: str, source: SourceFile, fixed: str, *, diff: bool, check: bool
) -> str | None:
    """Print the diff or write the file (nothing with --check); why not, if it cannot."""
    try:
        data = source.encode(fixed)
        if diff:
            _print_diff(filename, source.data, data)
        elif not check:
            write_atomically(source, data)
    except NotWritten as error:
        return str(error)
    except OSError as error:
        return f"{error.strerror or error}; left unchanged"
    return None


def _print_diff(filename: str, before: bytes, after: bytes) -> None:
    """A unified diff of the file's bytes that ``patch -p0`` applies.

    Lines are what patch calls lines (ending at LF, whatever else they hold),
    in the file's own encoding, with patch's marker for a missing final newline.
    """
    name = os.fsencode(filename)
    sys.stdout.flush()
    out = sys.stdout.buffer
    for line in difflib.diff_bytes(
        difflib.unified_diff,
        _lf_lines(before),
        _lf_lines(after),
        fromfile=name,
        tofile=name,
    ):
        out.write(line if line.endswith(b"\n") else line + b"\n\\ No newline at end of file\n")
    out.flush()


def _lf_lines(data: bytes) -> list[bytes]:
    return [match.group() for match in re.finditer(rb"[^\n]*\n|[^\n]+\Z", data)]


def _reported_by_flake8(
    style_guides: StyleGuideManager, options: argparse.Namespace, filename: str, text: str
) -> Callable[[str, int], bool]:
    """flake8's own verdict for a code on a line, by flake8's own code.

    The file's lines as flake8 reads them (universal newlines), its
    ``# flake8: noqa``, its noqa line for a statement continued with a
    backslash, select/ignore/per-file-ignores and ``--disable-noqa``.
    """
    lines = io.StringIO(text, newline=None).readlines()
    processor = FileProcessor(filename, options, lines=lines)
    if processor.should_ignore_file():
        return lambda code, line: False
    # Without the text "noqa" anywhere, no line can carry a noqa comment, and
    # flake8's map of continued statements to their noqa line (it tokenizes the
    # whole file in pure Python) cannot change the verdict.
    has_noqa = _NOQA.search(text) is not None

    def reported(code: str, line: int) -> bool:
        if has_noqa:
            physical_line = processor.noqa_line_for(line)
        else:
            physical_line = lines[line - 1] if 0 < line <= len(lines) else ""
        return style_guides.handle_error(code, filename, line, 0, "", physical_line) > 0

    return reported


#: What flake8's noqa comments all hold, whatever their case.
_NOQA = re.compile("noqa", re.IGNORECASE)


def _print_leftovers(filename: str, leftovers: list[Leftover]) -> int:
    """One line per name left, with its reason; returns the findings (statement and code) left."""
    for leftover in sorted(dict.fromkeys(leftovers), key=_position):
        print(
            f"{filename}:{leftover.line}:{leftover.col + 1}: {leftover.code} "
            f"left as is: {leftover.reason}",
            file=sys.stderr,
        )
    return len({(leftover.line, leftover.col, leftover.code) for leftover in leftovers})


def _position(leftover: Leftover) -> tuple[int, int]:
    return leftover.line, leftover.col


class Progress:
    """A one-line progress count on stderr, only for a terminal and a long run."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = total >= 200 and sys.stderr.isatty()

    def show(self, done: int) -> None:
        if self.enabled and (done % 50 == 0 or done == self.total):
            print(f"\rflake8-ssot fix: {done}/{self.total} files", end="", file=sys.stderr)

    def done(self) -> None:
        if self.enabled:
            print(file=sys.stderr)
