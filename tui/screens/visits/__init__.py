"""Logging a visit (the form and its unit chooser) and the lists of recorded visits."""
