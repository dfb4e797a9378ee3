"""A one-line count of files done on stderr, for the commands that read a whole tree."""

from __future__ import annotations

import sys


class Progress:
    """Shown only on a terminal and for a long run: a CI log or a pipe gets nothing."""

    def __init__(self, command: str, total: int) -> None:
        self.command = command
        self.total = total
        self.enabled = total >= 200 and sys.stderr.isatty()

    def show(self, done: int) -> None:
        if self.enabled and (done % 50 == 0 or done == self.total):
            print(
                f"\rflake8-ssot {self.command}: {done}/{self.total} files", end="", file=sys.stderr
            )

    def done(self) -> None:
        if self.enabled:
            print(file=sys.stderr)
