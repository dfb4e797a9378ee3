"""SOT501, SOT502 (canonical symbols): tables/canonical.py, in-process through the engine.

test_integration.py runs the same tables through flake8; the lines flake8
prints for each case are kept in snapshots/canonical.txt.
"""

from __future__ import annotations

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

RULE = "canonical"
CASES = all_cases(RULE)


@pytest.mark.parametrize(("table", "case"), CASES, ids=[case_id(*pair) for pair in CASES])
def test_case(table: Table, case: Case, tmp_path: Path) -> None:
    outcome = run_in_process(table, case, tmp_path / "project")
    assert outcome.findings == expected_findings(table, case)
    assert log_matches(outcome.log, case.log), outcome.log
    # The expected findings print as flake8 prints the engine's.
    assert [flake8_line(finding) for finding in outcome.findings] == outcome.lines
    if case.snapshot:
        assert outcome.lines == snapshot_lines(RULE, table, case)


def test_the_snapshot_holds_each_case_once() -> None:
    assert list(read_snapshot(RULE)) == snapshot_ids(RULE)
