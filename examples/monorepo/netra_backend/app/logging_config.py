"""Legacy logging setup, replaced by shared.logging.unified_logging_ssot."""

import logging


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(name)
