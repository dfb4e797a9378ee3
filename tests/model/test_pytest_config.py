"""The pytest configuration finder: what SOT401-SOT404 read, found as pytest finds it.

Its readings of real config files are the cases of tables/discovery.py; here
its internals.
"""

from __future__ import annotations

import sys
from pathlib import Path

from flake8_ssot.model.pytest_config import PytestConfigFinder


def test_lookup_is_iterative_and_survives_names_the_system_refuses(tmp_path: Path) -> None:
    """No recursion per directory level, ENAMETOOLONG is an absent file."""
    reported: list[str] = []
    finder = PytestConfigFinder(8, reported.append, unreadable_means="skipped")
    deep = tmp_path.joinpath(*["d"] * (sys.getrecursionlimit() + 100))
    config = finder.for_directory(deep)
    assert config is not None and config.path is None
    too_long = tmp_path / ("x" * 300) / "y"
    config = finder.for_directory(too_long)
    assert config is not None and config.path is None
    assert reported == []
