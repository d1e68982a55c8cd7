"""Dialogs every screen may open: yes/no, the pickers, help."""
