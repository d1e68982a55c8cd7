"""A modal chooser: a search box over a paged table; Enter on a row dismisses with that row.

A subclass gives `heading()`, `columns()`, `rows(search)` and `cells(row)` (and may act on
the choice in `choose`); typing filters (diacritic-insensitively, as `rows` does), Down or
Enter goes to the table, Enter on a lone match chooses it.
"""

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.lang.i18n import _
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource
from tui.widgets.search_box import SearchInput, on_typed


def list_source(rows: Sequence[Any], cells) -> PageSource:
    """A page source over rows already in memory (a short list: one supervisor's units)."""
    return PageSource(
        count=lambda: len(rows),
        fetch=lambda limit, offset: rows[offset : offset + limit],
        cells=cells,
    )


class PickerScreen(PhutrachNode, ModalScreen[Any]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel", tooltip="Close without choosing"),
        Binding("down", "to_table", show=False),
    ]

    def heading(self) -> str:
        raise NotImplementedError

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def rows(self, search: str) -> Sequence[Any]:
        raise NotImplementedError

    def cells(self, row: Any) -> Sequence[str]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker-box") as box:
            box.border_title = self.heading()
            yield SearchInput(
                placeholder=_("Type to search (diacritics optional)…"), id="picker-search"
            )
            yield PagedTable(
                self.columns(), empty_text=_("Nothing matches the search."), id="picker-table"
            )
            yield Static(_("Enter: choose · Escape: close"), classes="picker-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show("")
        on_typed(self.query_one("#picker-search", Input), self._show)
        self.query_one("#picker-search", Input).focus()

    def _show(self, search: str) -> None:
        self.query_one(PagedTable).set_source(list_source(self.rows(search), self.cells))

    @on(Input.Submitted, "#picker-search")
    def _submitted(self) -> None:
        table = self.query_one(PagedTable)
        if table.row_count == 1:
            self.choose(table.current)
        else:
            table.focus()

    @on(PagedTable.Selected, "#picker-table")
    def _chosen(self, event: PagedTable.Selected) -> None:
        self.choose(event.row)

    def choose(self, row: Any) -> None:
        self.dismiss(row)

    def action_to_table(self) -> None:
        self.query_one(PagedTable).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
