"""The plugin's findings that ``flake8`` reports, file by file, for the commands that act on
all of them (``baseline``, ``status``): each file read once and parsed once."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from flake8.style_guide import StyleGuideManager

from flake8_ssot.adapters.flake8_files import files_to_lint, reported_by_flake8
from flake8_ssot.adapters.progress import Progress
from flake8_ssot.engine.baseline import relative_path
from flake8_ssot.engine.lint import lint_file, parse
from flake8_ssot.model.record import Record
from flake8_ssot.model.source_file import read_source
from flake8_ssot.rules.base import Diagnostic
from flake8_ssot.rules.rule import Context, LintedFile


class FileFindings(Record):
    """One linted file and what flake8 reports of the plugin's findings there."""

    __slots__ = ("filename", "path", "file", "diagnostics")

    def __init__(
        self, filename: str, path: str, file: LintedFile | None, diagnostics: list[Diagnostic]
    ) -> None:
        #: As flake8 names it.
        self.filename = filename
        #: Posix, relative to the config file's directory (the baseline's key).
        self.path = path
        #: None when it cannot be read or parsed (flake8 reports that itself).
        self.file = file
        self.diagnostics = diagnostics


def reported_findings(
    options: argparse.Namespace,
    context: Context,
    style_guides: StyleGuideManager,
    command: str,
) -> Iterator[FileFindings]:
    """Every file flake8 lints with these options (each name it is given under), with the
    findings it reports there after noqa, ``per-file-ignores`` and ``--select``."""
    config_dir = context.settings.config_dir
    filenames = files_to_lint(options, distinct=False)
    progress = Progress(command, len(filenames))
    for index, filename in enumerate(filenames, start=1):
        progress.show(index)
        path = relative_path(filename, config_dir)
        try:
            text = read_source(Path(filename)).text
        except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
            yield FileFindings(filename, path, None, [])
            continue
        tree = parse(text, filename)
        if tree is None:
            yield FileFindings(filename, path, None, [])
            continue
        file = LintedFile(tree, text, filename)
        reported = reported_by_flake8(style_guides, options, filename, text)
        diagnostics = [
            found for found in lint_file(file, context) if reported(found.code, found.line)
        ]
        yield FileFindings(filename, path, file, diagnostics)
    progress.done()
