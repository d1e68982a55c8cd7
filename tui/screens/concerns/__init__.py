"""Concerns: the board, one concern's timeline, the form and the step dialog."""
