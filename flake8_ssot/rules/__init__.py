"""Rule modules: one per family of codes, each declaring its codes, options, messages and fix."""
