"""The engine: the registry built from rules/, settings from option specs, diagnostics, lint."""
