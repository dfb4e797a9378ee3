"""A side door: the canonical class, imported from a module that happens to have it."""

from netra_backend.app.websocket_core.unified_manager import WebSocketManager


def new_manager() -> WebSocketManager:
    return WebSocketManager()
