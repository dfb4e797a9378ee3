"""A test module outside testpaths: a bare pytest run never sees it."""

from auth_service.logging_config_v2 import SETTINGS


def test_level() -> None:
    assert SETTINGS["level"] == "INFO"
