"""F1 help: what phutrach does, what the current screen is for, and its keys."""

from collections.abc import Iterable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from store.lang.i18n import _
from tui import bindings
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter

ABOUT = (
    "phutrach helps a committee member assigned to oversee grassroots Party organizations: "
    "see which units are due for a visit, record the meetings attended with their score, keep "
    "notes on secretaries, follow every issue raised until it is resolved, and print the "
    "official briefs."
)


class HelpScreen(PhutrachNode, ModalScreen[None]):
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
        yield KeyFooter()

    def _keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(style="dim")
        for row in self.key_rows():
            table.add_row(*row)
        return table

    def key_rows(self) -> list[tuple[str, str, str]]:
        """(keys, description, tooltip) of our own keys in force on the screen, the user's
        keymap applied: those with an id (Textual's own are English), one row an action."""
        return [
            (
                ", ".join(self.app.get_key_display(binding.with_key(k)) for k in keys),
                bindings.description(binding),
                bindings.tooltip(binding),
            )
            for binding, keys in _by_action(self.target.active_bindings.values())
        ]

    def action_close(self) -> None:
        self.dismiss()


def _by_action(active: Iterable[ActiveBinding]) -> list[tuple[Binding, list[str]]]:
    """Each action's first binding and all its keys on that node (e.g. `/` and ctrl+f)."""
    found: dict[str, tuple[DOMNode, Binding, list[str]]] = {}
    for node, binding, _enabled, _tooltip in active:
        if not binding.id or not binding.description:
            continue
        first = found.setdefault(binding.action, (node, binding, []))
        if first[0] is node:
            first[2].append(binding.key)
    return [(binding, keys) for _node, binding, keys in found.values()]
