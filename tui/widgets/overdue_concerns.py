"""The current supervisor's overdue concerns (settings `current_supervisor`, or everyone's),
most overdue first, for the dashboard: `yield OverdueConcerns()`.

Enter opens the concern; `reload()` reads the list again (the widget does so itself when
the concern it opened is closed). The border title carries the count.
"""

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical

from store.concerns.board import BoardRow, board, count_board
from store.lang.i18n import _
from store.org import supervisors
from tui.node import PhutrachNode
from tui.screens.concerns.common import OVERDUE_MARK, alert
from tui.widgets.paged_table import Column, PagedTable, PageSource


class OverdueConcerns(PhutrachNode, Vertical):
    DEFAULT_CSS = """
    OverdueConcerns {
        height: 1fr;
        min-height: 5;
    }
    OverdueConcerns > PagedTable {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = "overdue-concerns") -> None:
        super().__init__(id=id)

    def compose(self) -> ComposeResult:
        yield PagedTable(
            [
                Column(_("Overdue"), 7),
                Column(_("Party organization"), cut="middle"),
                Column(_("Content")),
            ],
            page_size=50,
            empty_text=_("No overdue concern."),
        )

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        db, today = self.app.db, self.app.today
        filters = {"overdue": True, "supervisor_id": supervisors.current_supervisor_id(db)}
        table = self.query_one(PagedTable)
        table.set_source(
            PageSource(
                count=lambda: count_board(db, as_of=today, **filters),
                fetch=lambda limit, offset: board(
                    db, as_of=today, limit=limit, offset=offset, **filters
                ),
                cells=self._cells,
            )
        )
        title = _("Overdue concerns: {count}").format(count=table.row_count)
        table.border_title = f"{OVERDUE_MARK} {title}" if table.row_count else title

    def _cells(self, row: BoardRow) -> tuple:
        return (
            alert(self, f"{OVERDUE_MARK} {row.days_overdue}"),
            row.unit_name,
            row.description,
        )

    @on(PagedTable.Selected)
    def _open(self, event: PagedTable.Selected) -> None:
        from tui.screens.concerns.detail import ConcernDetailScreen

        event.stop()
        self.app.push_screen(ConcernDetailScreen(event.row.id), lambda _result: self.reload())
