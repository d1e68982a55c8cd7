"""F1 help: what phutrach does, what the current screen is for, and its keys."""

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from store.lang.i18n import _
from tui.bindings import TranslatedBindings

ABOUT = (
    "phutrach helps a committee member assigned to oversee grassroots Party organizations: "
    "see which units are due for a visit, record the meetings attended with their score, keep "
    "notes on secretaries, follow every issue raised until it is resolved, and print the "
    "official briefs."
)


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1", "close", "Close", id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = _("Help")
            yield Static(_(ABOUT), classes="help-text")
            if help_text := getattr(self.target, "HELP", ""):
                yield Label(_("This screen"), classes="section-title")
                yield Static(_(help_text), classes="help-text")
            yield Label(_("Keys"), classes="section-title")
            yield Static(self._keys(), id="help-keys")

    def _keys(self) -> Table:
        """Our own keys active on the screen: those with an id (Textual's own are English)."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(style="dim")
        seen = set()
        for active in self.target.active_bindings.values():
            binding = active.binding
            if not binding.id or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            keys = [self.app.get_key_display(binding.with_key(k)) for k in _keys_of(active)]
            table.add_row(", ".join(keys), binding.description, binding.tooltip)
        return table

    def action_close(self) -> None:
        self.dismiss()


def _keys_of(active) -> list[str]:
    """Every key bound to the same action on the same node (e.g. `/` and ctrl+f)."""
    return [
        key for key, binding in active.node._bindings if binding.action == active.binding.action
    ]
