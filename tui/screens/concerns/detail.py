"""One concern: what it is, where it stands, and its whole history as a dated timeline.

The keys offer only the steps the workflow allows from the current status
(`store.concerns.TRANSITIONS`); a closed concern offers reopening, with a reason.
"""

from rich import box
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from store import concerns, visits
from store.concerns import CLOSED, TRANSITIONS, ConcernEvent
from store.concerns.board import BoardRow, board_row
from store.lang.i18n import _
from store.lang.labels import label
from tui.format import safe, vn_date
from tui.node import PhutrachNode
from tui.screens.concerns.common import overdue_text, rulebook_label
from tui.screens.concerns.form import ConcernForm
from tui.screens.concerns.step import StepDialog
from tui.widgets.key_footer import KeyFooter


class ConcernDetailScreen(PhutrachNode, Screen):
    HELP = (
        "A concern and its history, oldest step first. The keys below move it to the next "
        "steps the workflow allows, each with a dated note; a resolved or answered concern "
        "can be reopened with a reason. E edits what the concern says."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", id="concern.back", tooltip="Back to the previous screen"),
        Binding(
            "p",
            "step('in_progress')",
            "In progress",
            id="concern.in_progress",
            tooltip="Record that the concern is being handled",
        ),
        Binding(
            "c",
            "step('escalated')",
            "Escalate",
            id="concern.escalated",
            tooltip="Record that the concern was reported to the level above",
        ),
        Binding(
            "r",
            "step('resolved')",
            "Resolved",
            id="concern.resolved",
            tooltip="Close the concern as resolved, saying how",
        ),
        Binding(
            "a",
            "step('answered')",
            "Answered",
            id="concern.answered",
            tooltip="Close the concern with the answer given",
        ),
        Binding(
            "o",
            "reopen",
            "Reopen",
            id="concern.reopen",
            tooltip="Take a closed concern back to in progress, with a reason",
        ),
        Binding("e", "edit", "Edit", id="concern.edit", tooltip="Change what the concern says"),
        Binding("u", "unit", "Unit", id="concern.unit", tooltip="Open the concern's unit"),
    ]

    def __init__(self, concern_id: int) -> None:
        super().__init__()
        self.concern_id = concern_id

    def compose(self) -> ComposeResult:
        db = self.app.db
        row = board_row(db, self.concern_id, as_of=self.app.today)
        self.row = row
        yield Header()
        with VerticalScroll(id="concern-body"):
            yield Static(row.unit_name, id="concern-unit")
            yield Static(row.description, id="concern-description")
            state = Static(_state(row), id="concern-state")
            state.set_class(row.is_overdue, "-alert")
            yield state
            yield Static(self._facts(row), id="concern-facts")
            if row.status in CLOSED:
                yield Label(_("Result"), classes="section-title")
                concern = concerns.get_concern(db, self.concern_id)
                yield Static(concern.resolution or "", id="concern-resolution")
            yield Label(_("History"), classes="section-title")
            yield Static(_timeline(concerns.history(db, self.concern_id)), id="concern-timeline")
        yield KeyFooter()

    def _facts(self, row: BoardRow) -> Table:
        db = self.app.db
        concern = concerns.get_concern(db, row.id)
        visit = visits.get_visit(db, concern.visit_id) if concern.visit_id else None
        grid = Table.grid(padding=(0, 2))
        for style in ("dim", "", "dim", ""):
            grid.add_column(style=style)
        grid.add_row(
            _("Category"),
            rulebook_label(db, "categories", row.category),
            _("Route"),
            rulebook_label(db, "routes", row.route),
        )
        grid.add_row(
            _("Date raised"), vn_date(row.raised_date), _("Due date"), vn_date(row.due_date)
        )
        grid.add_row(
            _("Handled by"), safe(row.owner), _("Priority"), label("priority", row.priority)
        )
        grid.add_row(
            _("Supervisor"),
            safe(row.supervisor_name),
            _("Raised at the visit of"),
            vn_date(visit.date) if visit else _("(not at a visit)"),
        )
        if row.resolved_date:
            grid.add_row(
                _("Closed on"), vn_date(row.resolved_date), _("Days taken"), str(row.age_days)
            )
        return grid

    def on_mount(self) -> None:
        self.sub_title = _("Concern")
        self.query_one("#concern-body").focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        status = self.row.status
        if action == "step":
            return parameters[0] in TRANSITIONS[status]
        if action == "reopen":
            return status in CLOSED
        return True

    def _refresh(self, changed) -> None:
        if changed is not None:
            self.refresh(recompose=True)
            self.refresh_bindings()

    def action_step(self, to_status: str) -> None:
        if to_status in TRANSITIONS[self.row.status]:
            self.app.push_screen(StepDialog(self.concern_id, to_status), self._refresh)

    def action_reopen(self) -> None:
        if self.row.status in CLOSED:
            self.app.push_screen(StepDialog(self.concern_id, None), self._refresh)

    def action_edit(self) -> None:
        self.app.push_screen(ConcernForm(concern_id=self.concern_id), self._refresh)

    def action_unit(self) -> None:
        self.app.open_unit(self.row.unit_id)

    def action_back(self) -> None:
        self.dismiss()


def _state(row: BoardRow) -> str:
    text = _("Status: {status}").format(status=label("concern_status", row.status))
    if row.is_overdue:
        text += " · " + overdue_text(row.days_overdue)
    return text


def _step_name(event: ConcernEvent) -> str:
    to = label("concern_status", event.to_status)
    if event.from_status is None:
        return _("Raised")
    if event.from_status in CLOSED:
        return _("Reopened: {before} → {after}").format(
            before=label("concern_status", event.from_status), after=to
        )
    return f"{label('concern_status', event.from_status)} → {to}"


def _timeline(events: list[ConcernEvent]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column(_("Date"), no_wrap=True, width=10)
    table.add_column(_("Step"), no_wrap=True)
    table.add_column(_("Note"), ratio=1)
    table.add_column(_("Recorded by"), no_wrap=True)
    for event in events:
        table.add_row(vn_date(event.date), _step_name(event), safe(event.note), safe(event.actor))
    return table
