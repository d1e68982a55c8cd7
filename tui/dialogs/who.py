"""Who is using this installation: asked at the first start (no user in the settings) and
from the supervisor chooser. A supervisor's code or name makes them the user; any other
name is an office clerk's; several supervisors matching are listed, to retype a code.
The history names this person beside the operating-system login."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.core import settings
from store.core.errors import PhutrachError
from store.history import choose_user
from store.lang.i18n import _
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter


class WhoScreen(PhutrachNode, ModalScreen[settings.User | None]):
    """Dismisses with the `User` saved, or None when put off (Escape: asked next start)."""

    BINDINGS = [
        Binding("escape", "later", "Not now", id="who.later", tooltip="Ask again next time"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="who-box") as box:
            box.border_title = _("Who is using phutrach?")
            yield Static(
                _(
                    "The history names the person behind every change. Type your code or "
                    "name if you are a supervisor, or your full name if you work in the "
                    "committee office."
                ),
                id="who-question",
            )
            yield Input(placeholder=_("Code or full name"), id="who-input")
            yield Static(id="who-problem")
        yield KeyFooter()

    @on(Input.Submitted, "#who-input")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            person = choose_user(self.app.db, event.value)
        except PhutrachError as exc:
            self.query_one("#who-problem", Static).update(exc.message)
            return
        self.dismiss(person)

    def action_later(self) -> None:
        self.dismiss(None)


def said(app, person: settings.User | None) -> None:
    """Tell who the history will name, once the question is answered."""
    if person is not None:
        app.notify(_("The history will name {name}.").format(name=person.name))
