"""Compat shim kept "for one release" two years ago."""

from .unified_manager import UnifiedWebSocketManager as UnifiedManager

__all__ = ["UnifiedManager"]
