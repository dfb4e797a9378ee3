"""Deprecated package facade: import from the submodules instead."""

import warnings

from .unified_manager import UnifiedWebSocketManager
from .websocket_manager import WebSocketManager, get_websocket_manager

warnings.warn(
    "Importing from 'netra_backend.app.websocket_core' is deprecated. "
    "Use specific module imports like 'from "
    "netra_backend.app.websocket_core.websocket_manager import WebSocketManager'",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = ["UnifiedWebSocketManager", "WebSocketManager", "get_websocket_manager"]
