"""Relative imports reach the facade and the shims too."""

from .. import logging_config
from ..websocket_core import WebSocketManager
from ..websocket_core.unified_manager_compat import UnifiedManager

logger = logging_config.get_logger(__name__)


def connect() -> WebSocketManager:
    return UnifiedManager()
