"""Screens that read their data again when the user comes back to them."""


class ComesBack:
    """Mixin for a Screen: `came_back()` runs when the screen shows again after another one
    covered it (a form, a detail, another screen), where its data may have changed.

    Not on its first show: on_mount has just read the data then, and Textual resumes a screen
    twice as it first shows it (a compliance grid was computed three times).
    """

    _away = False

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        if self._away:
            self._away = False
            self.came_back()

    def came_back(self) -> None:
        """Read the data again; each screen says how (nothing here)."""
