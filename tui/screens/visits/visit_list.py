"""Recorded visits, of one unit or of one supervisor (or all), latest first, paged from the
store; `e` (or Enter) opens one in the visit form to edit it, `d` deletes it after a question.
Both go through store.visits, which keeps the audit trail."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from store import visits
from store.core.errors import PhutrachError
from store.lang.codes import BriefKind
from store.lang.i18n import _
from store.lang.labels import label
from store.org import units
from store.org.supervisor_search import get_supervisor
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import VisitRow
from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.supervisor_picker import all_label
from tui.format import vn_date, vn_number
from tui.node import PhutrachNode
from tui.screens.visits.visit_form import RATING_STYLES, Target, VisitForm
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource


class VisitListScreen(PhutrachNode, Screen):
    HELP = (
        "The visits recorded, latest first. Enter or e opens the highlighted one to correct it; "
        "d deletes it with the meeting it recorded, after asking. Every change is kept in the "
        "history, so a deleted visit can be restored."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", id="visits.back", tooltip="Back to the previous screen"),
        Binding("e", "edit", "Edit", id="visits.edit", tooltip="Edit the highlighted visit"),
        Binding(
            "d", "delete", "Delete", id="visits.delete", tooltip="Delete the highlighted visit"
        ),
        Binding(
            "b", "brief", "Brief", id="visits.brief", tooltip="Write the highlighted visit's brief"
        ),
    ]

    def __init__(self, *, unit_id: int | None = None, supervisor_id: int | None = None) -> None:
        super().__init__()
        self.unit_id, self.supervisor_id = unit_id, supervisor_id

    def compose(self) -> ComposeResult:
        yield Header()
        columns = [
            Column(_("Date"), 10),
            Column(_("Organization name"), cut="middle"),
            Column(_("Committee member"), 20),
            Column(_("Kind of meeting"), 26),
            Column(_("Present / owed"), 14, "right"),
            Column(_("Points"), 6, "right"),
            Column(_("Rating"), 10),
        ]
        table = PagedTable(columns, empty_text=_("No visit recorded yet."), id="visits-table")
        table.border_title = self._scope()
        yield table
        yield Static(id="visits-count")
        yield KeyFooter()

    def _scope(self) -> str:
        if self.unit_id is not None:
            return _("Visits to {unit}").format(unit=units.get_unit(self.app.db, self.unit_id).name)
        if self.supervisor_id is None:
            return _("Visits: {who}").format(who=all_label())
        who = get_supervisor(self.app.db, self.supervisor_id).name
        return _("Visits: {who}").format(who=who)

    def on_mount(self) -> None:
        self.sub_title = _("Visits recorded")
        self.rulebook = rulebook_in_force(self.app.db)
        db, scope = self.app.db, {"unit_id": self.unit_id, "supervisor_id": self.supervisor_id}
        table = self.query_one(PagedTable)
        table.set_source(
            PageSource(
                count=lambda: visits.count_visits(db, **scope),
                fetch=lambda limit, offset: visits.list_visits(
                    db, limit=limit, offset=offset, **scope
                ),
                cells=self._cells,
            )
        )
        self._show_count()
        table.focus()

    def _cells(self, row: VisitRow) -> tuple:
        present = "" if row.present is None else f"{row.present}/{row.owed}"
        rating = Text(self.rulebook.rating_label(row.rating) or (row.rating or ""))
        rating.stylize(RATING_STYLES.get(row.rating or "", "bold red"))
        return (
            vn_date(row.date),
            row.unit_name,
            row.supervisor_name,
            label("meeting_kind", row.meeting_kind),
            present,
            "" if row.total is None else str(row.total),
            rating,
        )

    def _show_count(self) -> None:
        count = self.query_one(PagedTable).row_count
        text = _("{count} visits recorded").format(count=vn_number(count))
        self.query_one("#visits-count", Static).update(text, layout=False)

    def _changed(self, message: str) -> None:
        self.query_one(PagedTable).reload()
        self._show_count()
        self.notify(message)

    @on(PagedTable.Selected, "#visits-table")
    def _open(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        row: VisitRow | None = self.query_one(PagedTable).current
        if row is None:
            return
        target = Target(row.supervisor_id, row.unit_id, row.supervisor_name, row.unit_name)
        self.app.push_screen(
            VisitForm(target, visit_id=row.id),
            lambda result: result and self._changed(_("Visit saved.")),
        )

    def action_delete(self) -> None:
        row: VisitRow | None = self.query_one(PagedTable).current
        if row is None:
            return
        facts = {"unit": row.unit_name, "date": vn_date(row.date)}
        if visits.takes_meeting(self.app.db, row.id):
            question = _(
                "Delete the visit to {unit} on {date} and the meeting it recorded? Both stay "
                "in the history: one restore there (F9, r) brings both back whole."
            ).format(**facts)
        else:
            question = _(
                "Delete the visit to {unit} on {date}? Its meeting stays (another visit "
                "records it, or none was recorded). The visit stays in the history: a "
                "restore there (F9, r) brings it back."
            ).format(**facts)
        self.app.push_screen(
            ConfirmScreen(question, yes=_("Delete"), no=_("Keep")),
            lambda yes: yes and self._delete(row),
        )

    def _delete(self, row: VisitRow) -> None:
        try:
            visits.delete_visit(self.app.db, row.id)
        except PhutrachError as exc:
            self.notify(exc.message, severity="error")
            return
        self._changed(_("Visit deleted; it stays in the history."))

    def action_brief(self) -> None:
        from tui.briefing import Request, review_brief

        row: VisitRow | None = self.query_one(PagedTable).current
        if row is not None:
            review_brief(self.app, Request(BriefKind.VISIT, row.id, None))

    def action_back(self) -> None:
        self.dismiss()
