"""Accepted findings: today's debt recorded, so that only new findings are reported.

A finding is recorded by what it is about, not by where it is: its code,
its file's path relative to the config file's directory (posix, so the file
is the same on Windows), and its subject (the configured entry and the
import statement's normalised text, or the class or module it names), with
the number of such findings in the file. Lines may move and the record
still holds; a new violation elsewhere, or one more copy of a recorded one,
is reported.
"""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from flake8_ssot.model.file_system import read_regular
from flake8_ssot.rules.base import ConfigError, Diagnostic, Settings
from flake8_ssot.rules.project_options import BASELINE

#: The format of the file; another number is refused rather than misread.
FORMAT = 1
#: Where ``flake8-ssot baseline`` writes when ``ssot-baseline`` names no file.
DEFAULT_NAME = ".ssot-baseline.json"

#: (code, posix path relative to the config file's directory, subject).
Key = tuple[str, str, str]


class BaselineError(Exception):
    """The baseline file cannot be used; the text says why."""


def relative_path(filename: str, config_dir: Path) -> str:
    """``filename`` (as flake8 names it) relative to the config file's directory, posix.

    Directories are compared as what they really are (a checkout reached through a
    symlink, macOS's ``/tmp``), the file keeps its own name (a symlinked file is
    a file of its own to flake8). On another Windows drive it stays absolute.
    """
    directory, name = os.path.split(os.path.abspath(filename))
    real = os.path.join(_real_directory(directory), name)
    try:
        relative = os.path.relpath(real, _real_directory(str(config_dir)))
    except ValueError:
        relative = real
    return Path(relative).as_posix()


@functools.lru_cache(maxsize=1024)
def _real_directory(directory: str) -> str:
    """The directory's real path, resolved once per directory and process (the plugin
    asks for every file with findings)."""
    return os.path.realpath(directory)


def key_of(diagnostic: Diagnostic, path: str) -> Key:
    return diagnostic.code, path, " | ".join(diagnostic.subject)


class Baseline:
    """The recorded findings, counted per key: the plugin's per-process lookup."""

    __slots__ = ("counts",)

    def __init__(self, counts: Mapping[Key, int]) -> None:
        self.counts = dict(counts)

    def new_findings(
        self,
        diagnostics: Iterable[Diagnostic],
        path: str,
        reported: Callable[[Diagnostic], bool] = lambda diagnostic: True,
    ) -> list[Diagnostic]:
        """The diagnostics the baseline does not account for, in their order.

        Only what flake8 reports (``reported``: not silenced by a noqa
        comment) uses up a recorded count, as only that was recorded.
        """
        used: Counter[Key] = Counter()
        kept = []
        for diagnostic in diagnostics:
            key = key_of(diagnostic, path)
            if reported(diagnostic) and used[key] < self.counts.get(key, 0):
                used[key] += 1
                continue
            kept.append(diagnostic)
        return kept


def dumps(counts: Mapping[Key, int]) -> str:
    """The file's text: sorted, one finding per object, the same on every system."""
    findings = [
        {"code": code, "path": path, "subject": subject, "count": count}
        for (code, path, subject), count in sorted(counts.items(), key=lambda item: item[0])
        if count > 0
    ]
    document = {"flake8-ssot-baseline": FORMAT, "findings": findings}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def loads(text: str) -> Baseline:
    """The baseline in a file's text; BaselineError when it is not one."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise BaselineError(f"not JSON: {error}") from None
    if not isinstance(document, dict) or type(document.get("flake8-ssot-baseline")) is not int:
        raise BaselineError(f'not a baseline ("flake8-ssot-baseline": {FORMAT} is missing)')
    if document["flake8-ssot-baseline"] != FORMAT:
        raise BaselineError(
            f"format {document['flake8-ssot-baseline']} is not this version's ({FORMAT})"
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise BaselineError('"findings" is not a list')
    counts: Counter[Key] = Counter()
    for number, finding in enumerate(findings, start=1):
        if not (
            isinstance(finding, dict)
            and all(isinstance(finding.get(field), str) for field in ("code", "path", "subject"))
            and isinstance(finding.get("count"), int)
            and not isinstance(finding.get("count"), bool)
            and finding["count"] > 0
        ):
            raise BaselineError(f"finding {number} is not a code, path, subject and positive count")
        counts[finding["code"], finding["path"], finding["subject"]] += finding["count"]
    return Baseline(counts)


def read_baseline(path: Path) -> Baseline:
    """The baseline file at ``path``; BaselineError when it is missing or no baseline."""
    try:
        # A FIFO is refused, never waited on; a BOM (PowerShell writes one) is no error.
        text = read_regular(path).decode("utf-8-sig")
    except FileNotFoundError:
        raise BaselineError("no such file (write it with `flake8-ssot baseline`)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(
            f"cannot be read: {getattr(error, 'strerror', None) or error}"
        ) from None
    return loads(text)


def baseline_of(settings: Settings) -> Baseline | None:
    """The baseline ``ssot-baseline`` names, read once per process; None when unset.

    A missing or corrupt file is a configuration error, as a malformed entry is.
    """
    path = settings[BASELINE]
    if path is None:
        return None
    try:
        return read_baseline(path)
    except BaselineError as error:
        entry = relative_path(str(path), settings.config_dir)
        raise ConfigError(BASELINE.name, entry, str(error)) from None
