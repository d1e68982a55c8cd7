"""Screens that read their data again when the user comes back to them, and are styled once
as they first show."""

from textual.events import ScreenResume


class StyledOnce:
    """Mixin for a Screen: its first show does not restyle it. Its widgets were styled as
    they mounted, by the CSS in force (every stylesheet is read at start,
    `tui.registry.STYLESHEETS`), and each of the two resumes Textual sends as a screen first
    shows restyled every node again (30-40 ms a screen at province scale). Shown again after
    another screen, it is restyled as Textual does."""

    _covered = False

    def on_screen_suspend(self) -> None:
        self._covered = True

    def on_screen_resume(self, event: ScreenResume) -> None:
        if not self._covered:  # runs before Screen's own handler (the MRO's order)
            event.refresh_styles = False


class ComesBack(StyledOnce):
    """Mixin for a Screen: `came_back()` runs when the screen shows again after another one
    covered it (a form, a detail, another screen), where its data may have changed.

    Not on its first show: on_mount has just read the data then, and Textual resumes a screen
    twice as it first shows it (a compliance grid was computed three times).
    """

    _away = False

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self, event: ScreenResume) -> None:
        if self._away:
            self._away = False
            self.came_back()

    def came_back(self) -> None:
        """Read the data again; each screen says how (nothing here)."""
