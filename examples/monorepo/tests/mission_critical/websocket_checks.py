"""A test module pytest never imports: its name matches no python_files pattern."""

from netra_backend.app.websocket_core.websocket_manager import get_websocket_manager


def test_factory_returns_a_manager() -> None:
    assert get_websocket_manager() is not None
