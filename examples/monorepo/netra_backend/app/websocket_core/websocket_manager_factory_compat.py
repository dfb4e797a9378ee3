"""Compat shim for the old factory API."""

from .websocket_manager import get_websocket_manager as create_websocket_manager

__all__ = ["create_websocket_manager"]
