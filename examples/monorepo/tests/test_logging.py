"""Collected as it should be: nothing to report."""

from shared.logging.unified_logging_ssot import get_logger


class TestLogging:
    def test_logger_propagates(self) -> None:
        assert get_logger("x").propagate
