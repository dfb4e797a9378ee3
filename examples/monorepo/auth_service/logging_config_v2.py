"""Not the legacy module: only dotted components count."""

SETTINGS = {"level": "INFO"}
