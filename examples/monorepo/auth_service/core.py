"""Another service: one legacy import, one module whose name only looks alike."""

import netra_backend.app.logging_config as legacy_logging
from auth_service import logging_config_v2

logger = legacy_logging.get_logger(__name__)
settings = logging_config_v2.SETTINGS
