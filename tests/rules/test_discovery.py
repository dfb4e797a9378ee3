"""SOT401-SOT404 (tests pytest will not collect): tables/discovery.py, in-process.

test_integration.py runs the same tables through flake8; the lines flake8
prints for each case are kept in snapshots/discovery.txt."""

from tables.harness import rule_tests

test_case, test_the_snapshot_holds_each_case_once = rule_tests("discovery")
