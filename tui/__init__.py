"""The Textual face of phutrach: app.py (thin), screens/ (one per module), widgets/, *.tcss."""
