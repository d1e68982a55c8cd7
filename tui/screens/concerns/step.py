"""One step of a concern's workflow: a dated note (or, to reopen, a dated reason).

The dialog writes the step itself, so that a refused note or date is shown at its field;
it dismisses with the concern as it is after the step, or None when cancelled.
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from store import concerns
from store.concerns import Concern
from store.lang.i18n import _
from store.lang.labels import label
from store.org import supervisors
from store.org.supervisor_search import get_supervisor
from tui.format import vn_date
from tui.forms.dates import parse_vn_date
from tui.forms.field_errors import FieldErrors
from tui.forms.inputs import LimitedTextArea
from tui.node import PhutrachNode
from tui.screens.concerns.common import ConcernDialog
from tui.widgets.key_footer import KeyFooter

FIELDS = {"date": "step-date", "note": "step-note", "reason": "step-note"}


class StepDialog(ConcernDialog, PhutrachNode, ModalScreen[Concern | None]):
    """Move concern `concern_id` to `to_status`; `to_status=None` reopens it."""

    HELP = (
        "Every step of a concern is dated and says what was done: write the note (or, to "
        "reopen, the reason) and press Ctrl+S. The date cannot be in the future nor before "
        "the concern's last step."
    )
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="step.save", tooltip="Record this step"),
        Binding("escape", "cancel", "Cancel", id="step.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, concern_id: int, to_status: str | None) -> None:
        super().__init__()
        self.concern_id, self.to_status = concern_id, to_status

    def compose(self) -> ComposeResult:
        concern = concerns.get_concern(self.app.db, self.concern_id)
        reopening = self.to_status is None
        with Vertical(id="step-box") as box:
            box.border_title = (
                _("Reopen the concern")
                if reopening
                else _("Move to: {status}").format(status=label("concern_status", self.to_status))
            )
            yield Static(
                _("Now: {status}").format(status=label("concern_status", concern.status)),
                id="step-current",
            )
            yield Label(_("Date"), classes="field-label")
            yield Input(vn_date(self.app.today.isoformat()), id="step-date")
            yield Static(id="step-date-error", classes="field-error")
            yield Label(
                _("Reason for reopening") if reopening else _("What was done"),
                classes="field-label",
            )
            yield LimitedTextArea("reason" if reopening else "note", id="step-note", soft_wrap=True)
            yield Static(id="step-note-error", classes="field-error")
            yield Static(id="step-general-error", classes="field-error")
            with Horizontal(id="step-buttons"):
                yield Button(_("Save (Ctrl+S)"), variant="primary", id="step-save")
                yield Button(_("Cancel (Esc)"), id="step-cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.errors = FieldErrors(
            self, error_id="{}-error", field_id="{}", general="step-general-error", aliases=FIELDS
        )
        self.errors.clear()
        self.query_one("#step-note").focus()

    def _actor(self) -> str | None:
        """The current supervisor's name, recorded with the step; None for the office."""
        chosen = supervisors.current_supervisor_id(self.app.db)
        return get_supervisor(self.app.db, chosen).name if chosen else None

    def action_save(self) -> None:
        self.save(self._write)

    def _write(self) -> Concern:
        """The step (or the reopening) written; the concern after it."""
        db, today = self.app.db, self.app.today
        note = self.query_one("#step-note", TextArea).text
        day = parse_vn_date(self.query_one("#step-date", Input).value, "date")
        if self.to_status is None:
            return concerns.reopen(db, self.concern_id, note, day, actor=self._actor(), today=today)
        return concerns.transition(
            db,
            self.concern_id,
            self.to_status,
            note=note,
            date=day,
            actor=self._actor(),
            today=today,
        )
