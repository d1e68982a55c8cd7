"""The history of changes, and restoring what was deleted."""
