"""rules: each rule owns its codes, options, messages and fixes (engine/registry.py lists them)."""
