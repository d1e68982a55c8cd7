"""The audit trail: every change to the records, newest first, paged from the store. The
highlighted change shows what it changed, field by field; a deleted record is restored with
`r` after a question (a visit with the meeting it recorded). Personnel assessments carry
the confidential mark."""

import re

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from store.core.errors import PhutrachError
from store.history import audit
from store.history.audit import Change
from store.lang.i18n import _
from store.lang.labels import label
from tui.comeback import ComesBack
from tui.confidential import marked
from tui.dialogs.confirm import ConfirmScreen
from tui.format import vn_date, vn_number
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class HistoryScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "Every change made to the records, newest first: who made it, when, and what it "
        "changed. d shows the deletions only; r restores the highlighted deleted record, "
        "after asking. Nothing deleted is ever lost."
    )
    BINDINGS = [
        Binding(
            "d", "deleted", "Deletions only", id="history.deleted", tooltip="Deletions only, or all"
        ),
        Binding(
            "r", "restore", "Restore", id="history.restore", tooltip="Restore the deleted record"
        ),
    ]

    deleted_only = False

    def compose(self) -> ComposeResult:
        yield Header()
        columns = [
            Column(_("When"), 16),
            Column(_("Change"), 10),
            Column(_("Record"), 21),
            Column(_("What")),
            Column(_("By"), 10),
        ]
        table = PagedTable(columns, empty_text=_("No change recorded yet."), id="history-table")
        table.border_title = _("Changes, newest first")
        yield table
        yield Static(id="history-count")
        with VerticalScroll(id="history-detail"):
            yield Static(id="history-fields")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("History of changes")
        self._show()

    def came_back(self) -> None:
        self._show()

    def _show(self) -> None:
        db, deleted = self.app.db, self.deleted_only
        table = self.query_one(PagedTable)
        table.set_source(
            PageSource(
                count=lambda: audit.count_changes(db, deleted_only=deleted),
                fetch=lambda limit, offset: audit.list_changes(
                    db, deleted_only=deleted, limit=limit, offset=offset
                ),
                cells=_cells,
            )
        )
        text = (_("{count} deletions") if deleted else _("{count} changes recorded")).format(
            count=vn_number(table.row_count)
        )
        self.query_one("#history-count", Static).update(text, layout=False)
        self._detail(table.current)
        table.focus()

    @on(PagedTable.Highlighted, "#history-table")
    def _highlighted(self, event: PagedTable.Highlighted) -> None:
        self._detail(event.row)

    def _detail(self, change: Change | None) -> None:
        box = self.query_one("#history-detail")
        fields = self.query_one("#history-fields", Static)
        if change is None:
            box.border_title = ""
            fields.update("")
            return
        title = f"{label('record_table', change.table)}: {_title(change)}"
        box.border_title = marked(title) if change.confidential else title
        box.set_class(change.confidential, "-confidential")
        fields.update(_fields_text(change, audit.is_deleted(self.app.db, change)))

    def action_deleted(self) -> None:
        self.deleted_only = not self.deleted_only
        self._show()

    def action_restore(self) -> None:
        change: Change | None = self.query_one(PagedTable).current
        if change is None or not audit.is_deleted(self.app.db, change):
            self.notify(_("Highlight a deleted record to restore it."), severity="warning")
            return
        question = _("Restore the deleted {record} “{title}”?").format(
            record=label("record_table", change.table).lower(), title=_title(change)
        )
        self.app.push_screen(
            ConfirmScreen(question, yes=_("Restore"), no=_("Cancel")),
            lambda yes: yes and self._restore(change),
        )

    def _restore(self, change: Change) -> None:
        try:
            audit.restore_deleted(self.app.db, change.uid)
        except PhutrachError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(_("Restored: {title}.").format(title=_title(change)))
        self._show()


def _cells(change: Change) -> tuple[str, ...]:
    record = label("record_table", change.table)
    return (
        _when(change.at),
        label("change_action", change.action),
        f"{_('CONFIDENTIAL')} · {record}" if change.confidential else record,
        _title(change),
        change.actor or "",
    )


def _title(change: Change) -> str:
    """The record's name or description; a date the Vietnamese way."""
    return vn_date(change.title) if ISO_DATE.fullmatch(change.title) else change.title


def _when(at: str) -> str:
    """`2026-10-15T08:30:00+00:00` → `15/10/2026 08:30` (as stored, UTC)."""
    return f"{at[8:10]}/{at[5:7]}/{at[0:4]} {at[11:16]}" if len(at) >= 16 else at


def _fields_text(change: Change, restorable: bool) -> str:
    lines = [
        f"[b]{escape(label('change_action', change.action))}[/b] "
        + _("by {who}, {when} (UTC)").format(who=change.actor or "?", when=_when(change.at))
    ]
    for name, before, after in change.fields():
        field = escape(audit.field_label(change.table, name))
        lines.append(f"  {field}: [dim]{_value(before)}[/dim] → {_value(after)}")
    if restorable:
        lines.append("[b]" + _("Deleted and still gone: r restores it.") + "[/b]")
    return "\n".join(lines)


def _value(value: object) -> str:
    return "—" if value is None or value == "" else escape(str(value))
