"""Dynamic imports count as imports."""

import importlib

# Correct imports of the canonical modules are not reported:
import netra_backend.app.websocket_core.websocket_manager
from netra_backend.app.websocket_core import websocket_manager
from shared.logging.unified_logging_ssot import get_logger

logging_config = importlib.import_module("netra_backend.app.logging_config")
websocket_core = __import__("netra_backend.app.websocket_core")

# Mentions in strings and comments are not imports:
NOTE = "import netra_backend.app.websocket_core"
# from netra_backend.app.logging_config import get_logger

logger = get_logger(__name__)
manager = websocket_manager.WebSocketManager()
module = netra_backend.app.websocket_core.websocket_manager
