"""flake8-ssot: flake8 checkers that keep a codebase on its single source of truth."""

__version__ = "0.1.0"
