"""The agenda's two questions: a new date for a planned visit, and whether to cancel one."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from store.core.errors import ValidationError
from store.lang.i18n import _
from store.visits.planning import AgendaItem, move_planned_visit
from tui.format import vn_date
from tui.forms.dates import parse_vn_date
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter


class MoveVisitForm(PhutrachNode, ModalScreen[str | None]):
    """Ask a new date for a planned visit and move it; returns the new ISO date (None: kept)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="move.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, item: AgendaItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(id="move-box", classes="dialog") as box:
            box.border_title = _("Move a planned visit")
            yield Static(f"{self.item.unit_name} · {self.item.supervisor_name}")
            yield Label(_("New date (dd/mm/yyyy), Enter to save"))
            yield Input(vn_date(self.item.planned_date), id="move-date", compact=True)
            yield Static("", id="error-planned_date", classes="field-error")
        yield KeyFooter()

    @on(Input.Submitted, "#move-date")
    def _save(self, event: Input.Submitted) -> None:
        try:
            day = parse_vn_date(event.value, "planned_date")
            move_planned_visit(self.app.db, self.item.visit_id, day, today=self.app.today)
        except ValidationError as exc:
            error = self.query_one("#error-planned_date", Static)
            error.update(exc.detail)
            error.display = True
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CancelVisitQuestion(PhutrachNode, ModalScreen[bool]):
    """Ask before taking a planned visit off the agenda."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="cancel_visit.yes", tooltip="Cancel the visit"),
        Binding("n,escape", "answer(False)", "No", id="cancel_visit.no", tooltip="Keep the visit"),
    ]

    def __init__(self, item: AgendaItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(id="cancel-box", classes="dialog") as box:
            box.border_title = _("Cancel a planned visit")
            yield Static(
                _("Take the visit to {unit} on {date} off the agenda?").format(
                    unit=self.item.unit_name, date=vn_date(self.item.planned_date)
                )
            )
            yield Static(_("y: yes, cancel it · n or Esc: keep it"), classes="dialog-keys")
        yield KeyFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
