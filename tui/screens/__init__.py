"""One screen per module; register each in tui/registry.py."""
