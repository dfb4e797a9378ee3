"""Imports hide in functions, try blocks and TYPE_CHECKING blocks."""

from typing import TYPE_CHECKING

from netra_backend.app import websocket_core
from netra_backend.app.logging_config import get_logger

if TYPE_CHECKING:
    from netra_backend.app.websocket_core import UnifiedWebSocketManager

try:
    from netra_backend.app.websocket_core import websocket_manager_factory_compat
except ImportError:
    websocket_manager_factory_compat = None

logger = get_logger(__name__)


def start(manager: "UnifiedWebSocketManager") -> object:
    from netra_backend.app.websocket_core import WebSocketManager, get_websocket_manager

    logger.info("starting %s", manager)
    return WebSocketManager, get_websocket_manager, websocket_core
