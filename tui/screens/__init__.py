"""The screens, a folder per family: each screen with its dialogs and its `.tcss` beside it.
One screen per module; register each in tui/registry.py."""
