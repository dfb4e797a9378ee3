"""``status --history FILE``: one JSON line per run, the data a burn-down is drawn from.

JSON lines so that runs only ever append (a CI job adds its line and
commits, or keeps the file as an artifact) and a merge of two branches'
histories is a merge of lines.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

from flake8_ssot.model.file_system import read_regular
from flake8_ssot.model.record import Record


class HistoryError(Exception):
    """The history file cannot be used; the text says why."""


class HistoryRecord(Record):
    """One run: when, at which commit and project version, and the findings per code."""

    __slots__ = ("date", "commit", "project_version", "counts")

    def __init__(
        self, date: str, commit: str | None, project_version: str | None, counts: dict[str, int]
    ) -> None:
        #: ISO 8601 (YYYY-MM-DD), the day of the run.
        self.date = date
        self.commit = commit
        self.project_version = project_version
        self.counts = counts

    def as_json(self) -> dict[str, object]:
        return {
            "date": self.date,
            "commit": self.commit,
            "project_version": self.project_version,
            "counts": self.counts,
            "total": sum(self.counts.values()),
        }


def append_record(path: Path, record: HistoryRecord) -> None:
    """Add one line (LF, on every system), after a last line left without its newline."""
    line = json.dumps(record.as_json(), sort_keys=True, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as stream:
        if stream.seek(0, os.SEEK_END) > 0:
            stream.seek(-1, os.SEEK_END)
            if stream.read(1) != b"\n":
                line = "\n" + line
        stream.write(line.encode("utf-8"))


def read_history(path: Path) -> list[HistoryRecord]:
    """The file's runs in order; HistoryError naming the first line that is not one."""
    try:
        text = read_regular(path).decode("utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise HistoryError(f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(_record(json.loads(line)))
        except (ValueError, RecursionError, TypeError):
            raise HistoryError(
                f"line {number} is not a status record (a JSON object with a date and counts)"
            ) from None
    return records


def _record(document: object) -> HistoryRecord:
    if not isinstance(document, dict):
        raise TypeError
    date, commit, version, counts = (
        document.get("date"),
        document.get("commit"),
        document.get("project_version"),
        document.get("counts"),
    )
    if not (
        isinstance(date, str)
        and _is_iso_date(date)
        and isinstance(commit, (str, type(None)))
        and isinstance(version, (str, type(None)))
        and isinstance(counts, dict)
        and all(
            isinstance(code, str) and type(count) is int and count >= 0
            for code, count in counts.items()
        )
    ):
        raise TypeError
    return HistoryRecord(date, commit, version, dict(counts))


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def git_commit(directory: Path) -> str | None:
    """The commit checked out in ``directory``, when it is in a git work tree."""
    try:
        run = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "HEAD"],
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = run.stdout.strip()
    return commit if run.returncode == 0 and commit else None
