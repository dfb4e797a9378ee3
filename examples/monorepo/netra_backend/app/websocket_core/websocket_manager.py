"""The single source of truth for WebSocket connections."""


class WebSocketManager:
    def __init__(self) -> None:
        self.connections: dict[str, object] = {}


def get_websocket_manager() -> WebSocketManager:
    return WebSocketManager()
