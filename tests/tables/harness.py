"""The in-process test of one rule's tables, the same for every rule.

Each ``tests/rules/test_<rule>.py`` binds these two tests to its rule's
tables; test_integration.py runs the same tables through flake8.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tables import (
    Case,
    Table,
    all_cases,
    case_id,
    expected_findings,
    flake8_line,
    log_matches,
    read_snapshot,
    run_in_process,
    snapshot_ids,
    snapshot_lines,
)


def rule_tests(
    rule: str,
) -> tuple[Callable[[Table, Case, Path], None], Callable[[], None]]:
    """A test per case of ``tables/<rule>.py``, and the check that its snapshot is complete."""
    cases = all_cases(rule)

    @pytest.mark.parametrize(("table", "case"), cases, ids=[case_id(*pair) for pair in cases])
    def test_case(table: Table, case: Case, tmp_path: Path) -> None:
        outcome = run_in_process(table, case, tmp_path / "project")
        assert outcome.findings == expected_findings(table, case)
        assert log_matches(outcome.log, case.log), outcome.log
        # The expected findings print as flake8 prints the engine's.
        assert [flake8_line(finding) for finding in outcome.findings] == outcome.lines
        if case.snapshot:
            assert outcome.lines == snapshot_lines(rule, table, case)

    def test_the_snapshot_holds_each_case_once() -> None:
        assert list(read_snapshot(rule)) == snapshot_ids(rule)

    return test_case, test_the_snapshot_holds_each_case_once
