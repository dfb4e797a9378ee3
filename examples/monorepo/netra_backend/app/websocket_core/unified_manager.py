"""An older implementation that should have been merged into websocket_manager."""

from .websocket_manager import WebSocketManager


class UnifiedWebSocketManager(WebSocketManager):
    pass


# The compat alias that kept two implementations alive:
WebSocketManager = UnifiedWebSocketManager
