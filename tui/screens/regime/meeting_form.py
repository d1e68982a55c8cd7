"""Recording a meeting a unit reported without a visit (from its monthly report): a modal form
that returns the new meeting's id. The store checks everything; its message shows at the field
it names and nothing is saved."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.core.errors import ValidationError
from store.lang.codes import MeetingKind
from store.lang.i18n import _
from store.lang.labels import choices
from store.org import units
from store.visits import meetings
from tui.format import vn_date
from tui.forms.dates import parse_vn_date
from tui.forms.field_errors import FieldErrors
from tui.forms.inputs import NumberInput
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.yes_no import YesNo

NUMBERS = (*meetings.COUNTS, "duration_minutes")
FLAGS = meetings.FLAGS


def _labels() -> dict[str, str]:
    return {
        "date": _("Meeting date"),
        "kind": _("Kind of meeting"),
        "topic": _("Topic"),
        "members_full": _("Full members"),
        "members_probationary": _("Probationary members"),
        "members_exempt": _("Exempted from meetings"),
        "present": _("Present"),
        "absent_excused": _("Absent with reason"),
        "absent_unexcused": _("Absent without reason"),
        "duration_minutes": _("Duration (minutes)"),
        "minutes_kept": _("Minutes kept"),
        "resolution_adopted": _("Resolution adopted"),
        "note": _("Note on the meeting"),
    }


class MeetingForm(PhutrachNode, ModalScreen[int | None]):
    """A meeting the unit reported (source "report"); returns its id, or None if cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="meeting_form.save", tooltip="Save the meeting"),
        Binding(
            "escape", "cancel", "Cancel", id="meeting_form.cancel", tooltip="Close without saving"
        ),
    ]

    def __init__(self, unit_id: int) -> None:
        super().__init__()
        self.unit_id = unit_id

    def compose(self) -> ComposeResult:
        unit = units.get_unit(self.app.db, self.unit_id)
        defaults = meetings.meeting_defaults(self.app.db, self.unit_id)
        labels = _labels()
        with VerticalScroll(id="meeting-form", classes="dialog", can_focus=False) as box:
            box.border_title = _("Meeting reported by the unit")
            yield Static(unit.name, id="meeting-unit")
            yield Static(
                _("A meeting the unit reports without a visit, e.g. from its monthly report."),
                classes="dialog-hint",
            )
            for field in ("date", "kind", "topic", *NUMBERS, *FLAGS, "note"):
                with Horizontal(classes="field-row"):
                    yield Label("" if field in FLAGS else labels[field], classes="field-label")
                    yield self._widget(field, labels[field], defaults)
                yield Static("", id=f"error-{field}", classes="field-error")
            yield Static("", id="meeting-owed")
            yield Static("", id="error-form", classes="field-error")
            with Horizontal(id="meeting-buttons"):
                yield Button(_("Save (ctrl+s)"), variant="primary", id="meeting-save")
                yield Button(_("Cancel"), id="meeting-cancel")
        yield KeyFooter()

    def _widget(self, field: str, label: str, defaults: dict) -> Widget:
        if field == "kind":
            return Select(
                choices("meeting_kind"),
                value=MeetingKind.REGULAR,
                allow_blank=False,
                compact=True,
                id="field-kind",
            )
        if field in FLAGS:
            return YesNo(label, True, compact=True, id=f"field-{field}")
        if field in NUMBERS:
            value = {**defaults, "absent_excused": 0, "absent_unexcused": 0}.get(field)
            return NumberInput(
                "" if value is None else str(value),
                error_id=f"error-{field}",
                type="integer",
                compact=True,
                id=f"field-{field}",
            )
        value = vn_date(self.app.today.isoformat()) if field == "date" else ""
        placeholder = _("dd/mm/yyyy") if field == "date" else ""
        return Input(value, placeholder=placeholder, compact=True, id=f"field-{field}")

    def on_mount(self) -> None:
        self.query_one("#field-date", Input).focus()
        self._show_owed()

    @on(Input.Changed)
    def _show_owed(self) -> None:
        """Members owed and members accounted for, as the user types the figures."""
        n = {k: _int(self.query_one(f"#field-{k}", Input).value) for k in meetings.COUNTS}
        owed = n["members_full"] + n["members_probationary"] - n["members_exempt"]
        counted = n["present"] + n["absent_excused"] + n["absent_unexcused"]
        self.query_one("#meeting-owed", Static).update(
            _("Members owed at the meeting: {owed} · present and absent: {counted}").format(
                owed=owed, counted=counted
            )
        )

    def values(self) -> dict:
        """The form's values as the store takes them; a badly written date raises."""
        out: dict = {"date": parse_vn_date(self.query_one("#field-date", Input).value)}
        out["kind"] = self.query_one("#field-kind", Select).value
        for field in ("topic", "note"):
            out[field] = self.query_one(f"#field-{field}", Input).value.strip() or None
        for field in NUMBERS:
            text = self.query_one(f"#field-{field}", Input).value.strip()
            out[field] = int(text) if text.lstrip("-").isdigit() else text
        for field in FLAGS:
            out[field] = self.query_one(f"#field-{field}", Checkbox).value
        return out

    def action_save(self) -> None:
        errors = FieldErrors(self)
        errors.clear()
        try:
            meeting_id = meetings.record_meeting(
                self.app.db,
                self.unit_id,
                **self.values(),
                source="report",
                today=self.app.today,
            )
        except ValidationError as exc:
            errors.show(exc.detail, exc.field)
            return
        self.dismiss(meeting_id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#meeting-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#meeting-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def _int(text: str) -> int:
    return int(text) if text.strip().isdigit() else 0
