"""``flake8-ssot fix``: rewrite the fixable imports flake8 reports, file by file."""

from __future__ import annotations

import difflib
import errno
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from flake8.formatting.default import Nothing
from flake8.style_guide import StyleGuideManager

from flake8_ssot.adapters.flake8_files import (
    files_to_lint,
    refuses_stdin,
    reported_by_flake8,
)
from flake8_ssot.adapters.flake8_setup import flake8_setup
from flake8_ssot.adapters.progress import Progress
from flake8_ssot.fix.apply import Leftover, fix_source
from flake8_ssot.model.source_file import NotWritten, SourceFile, read_source, write_atomically


def run_fix(flake8_args: Sequence[str], *, diff: bool, check: bool) -> int:
    """Fix every file flake8 would lint with these arguments.

    Exit status: 0; 1 with --check if a file would change; 2 if a file could
    not be read or written (each such file has its line on stderr, and the
    run goes on with the next file).
    """
    options, context = flake8_setup(flake8_args)
    if refuses_stdin(options, "fix", "fix rewrites files in place and does not read stdin"):
        return 2
    files = files_to_lint(options)
    style_guides = StyleGuideManager(options, Nothing(options))
    progress = Progress("fix", len(files))
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
        reported = reported_by_flake8(style_guides, options, filename, source.text)
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
                # What is left is what flake8 will report once the rewrite is in (a name
                # moved from a facade to a side door of a canonical symbol is SOT502 then),
                # where it will be: the same with --diff and --check as without.
                reported = reported_by_flake8(style_guides, options, filename, result.fixed)
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
        if diff and error.errno == errno.EPIPE:
            # The reader of the diff is gone (``| head``): no file's fault.
            raise BrokenPipeError(error.errno, error.strerror) from error
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
