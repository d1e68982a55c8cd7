"""Our screens, dialogs and widgets see `self.app` as the PhutrachApp it is.

Textual types `app` as a plain `App`, so `self.app.db` would be untyped; this mixin tells the
type checker the truth (`db` is a sqlite-utils Database, `today` a date) and changes nothing
at run time.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app import PhutrachApp


class PhutrachNode:
    """Mixin, before the Textual base: `class UnitsScreen(PhutrachNode, Screen)`."""

    if TYPE_CHECKING:

        @property
        def app(self) -> "PhutrachApp": ...
