"""The files flake8 would lint, and flake8's verdict on a code at a line: what the
commands that act on flake8's findings (``fix``, ``baseline``) read as flake8 does."""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Callable, Iterable

from flake8.discover_files import expand_paths
from flake8.processor import FileProcessor
from flake8.style_guide import StyleGuideManager


def refuses_stdin(options: argparse.Namespace, command: str, why: str) -> bool:
    """Whether flake8 was given ``-``, which a command acting on files on disk cannot
    take: then its one line is on stderr."""
    if "-" not in options.filenames:
        return False
    print(f"flake8-ssot {command}: {why}; give it file or directory paths", file=sys.stderr)
    return True


def files_to_lint(options: argparse.Namespace, *, distinct: bool = True) -> list[str]:
    """The files flake8 lints with these options (paths, ``--exclude``, ``--filename``),
    sorted; with ``distinct``, each file once however it was named (for rewriting it)."""
    paths = expand_paths(
        paths=options.filenames,
        stdin_display_name=options.stdin_display_name,
        filename_patterns=options.filename,
        exclude=options.exclude,
    )
    return _distinct(paths) if distinct else sorted(set(paths))


def _distinct(paths: Iterable[str]) -> list[str]:
    """Each file once, however often and under whatever spelling it was given.

    ``app/a.py`` and ``./app/a.py`` (or a symlink to it) are one file: fixing
    it twice would print two diffs and count it twice.
    """
    by_file: dict[str, str] = {}
    for path in sorted(paths):
        by_file.setdefault(os.path.realpath(path), path)
    return sorted(by_file.values())


def reported_by_flake8(
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
    noqa_line = _noqa_lines(processor, lines)

    def reported(code: str, line: int) -> bool:
        return style_guides.handle_error(code, filename, line, 0, "", noqa_line(line)) > 0

    return reported


def noqa_line_for(
    filename: str, options: argparse.Namespace, lines: list[str]
) -> Callable[[int], str]:
    """The text flake8 looks for a line's noqa comment in: the whole statement for one
    continued with a backslash, the whole string for a line inside a multi-line string."""
    return _noqa_lines(FileProcessor(filename, options, lines=lines), lines)


def _noqa_lines(processor: FileProcessor, lines: list[str]) -> Callable[[int], str]:
    # Without the text "noqa" anywhere, no line can carry a noqa comment, and
    # flake8's map of continued statements to their noqa line (it tokenizes the
    # whole file in pure Python) cannot change the verdict.
    if not any(_NOQA.search(line) for line in lines):
        return lambda line: lines[line - 1] if 0 < line <= len(lines) else ""
    return lambda line: processor.noqa_line_for(line) or ""


#: What flake8's noqa comments all hold, whatever their case.
_NOQA = re.compile("noqa", re.IGNORECASE)
