"""SOT001 (configuration errors): tables/config_error.py, in-process through the engine.

test_integration.py runs the same tables through flake8; the lines flake8
prints for each case are kept in snapshots/config_error.txt."""

from tables.harness import rule_tests

test_case, test_the_snapshot_holds_each_case_once = rule_tests("config_error")
