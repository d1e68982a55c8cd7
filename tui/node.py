"""Our screens, dialogs and widgets see `self.app` as the PhutrachApp it is.

Textual types `app` as a plain `App`, so `self.app.db` would be untyped; this mixin tells the
type checker the truth (`db` is a sqlite-utils Database, `today` a date) with Textual's own
`getters.app`, and changes nothing at run time.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import getters
    from textual.dom import DOMNode

    from tui.app import PhutrachApp

    class PhutrachNode(DOMNode):
        app = getters.app(PhutrachApp)

else:

    class PhutrachNode:
        """Mixin, before the Textual base: `class UnitsScreen(PhutrachNode, Screen)`."""
