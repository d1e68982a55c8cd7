"""The history: one entry per user action, newest first, paged from the store, with the
person who acted. The highlighted entry shows what it changed, record by record, field by
field, in the users' words; `r` restores what an entry deleted, whole, after a question
that says what comes back (a visit with its meeting). Personnel assessments carry the
confidential mark."""

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from store.core.errors import PhutrachError
from store.history import audit, words
from store.history.audit import Entry
from store.lang.codes import ChangeAction
from store.lang.i18n import _
from store.lang.labels import label
from tui.comeback import ComesBack
from tui.confidential import marked
from tui.dialogs.confirm import ConfirmScreen
from tui.format import vn_number
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource


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
        columns = [Column(_("When"), 16), Column(_("What")), Column(_("By"), 20)]
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
                count=lambda: audit.count_entries(db, deleted_only=deleted),
                fetch=lambda limit, offset: audit.list_entries(
                    db, deleted_only=deleted, limit=limit, offset=offset
                ),
                cells=lambda entry: _cells(db, entry),
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

    def _detail(self, entry: Entry | None) -> None:
        box = self.query_one("#history-detail")
        fields = self.query_one("#history-fields", Static)
        if entry is None:
            box.border_title = ""
            fields.update("")
            return
        title = words.headline(self.app.db, entry)
        box.border_title = marked(title) if entry.confidential else title
        box.set_class(entry.confidential, "-confidential")
        fields.update(_fields_text(self.app.db, entry, bool(audit.restorable(self.app.db, entry))))

    def action_deleted(self) -> None:
        self.deleted_only = not self.deleted_only
        self._show()

    def action_restore(self) -> None:
        entry: Entry | None = self.query_one(PagedTable).current
        gone = audit.restorable(self.app.db, entry) if entry else []
        if entry is None or not gone:
            self.notify(_("Highlight a deletion to restore what it deleted."), severity="warning")
            return
        back = "\n".join(f"  • {words.describe(self.app.db, c.table, c.before)}" for c in gone)
        question = _("Restore, all at once, what this entry deleted?") + "\n" + back
        self.app.push_screen(
            ConfirmScreen(question, yes=_("Restore"), no=_("Cancel")),
            lambda yes: yes and self._restore(entry),
        )

    def _restore(self, entry: Entry) -> None:
        try:
            gone = audit.restore_entry(self.app.db, entry.id)
        except PhutrachError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(_("Restored: {count} records.").format(count=len(gone)))
        self._show()


def _cells(db, entry: Entry) -> tuple[str, ...]:
    what = words.headline(db, entry)
    return (
        words.when_text(entry.at),
        f"{_('CONFIDENTIAL')} · {what}" if entry.confidential else what,
        entry.person or _("not recorded"),
    )


def _fields_text(db, entry: Entry, restorable: bool) -> str:
    lines = [
        "[b]"
        + escape(words.person_text(entry))
        + "[/b], "
        + escape(words.when_text(entry.at))
        + " (UTC)"
    ]
    for change in entry.changes:
        record = words.describe(db, change.table, change.after or change.before)
        lines.append(f"[b]{escape(label('change_action', change.action))}[/b] {escape(record)}")
        if change.action != ChangeAction.RESTORE:
            lines.extend(f"  {escape(line)}" for line in words.change_lines(db, change))
    if entry.change_count > len(entry.changes):
        more = entry.change_count - len(entry.changes)
        lines.append(_("… and {count} more changes").format(count=vn_number(more)))
    if restorable:
        lines.append("[b]" + _("Deleted and still gone: r restores it.") + "[/b]")
    return "\n".join(lines)
