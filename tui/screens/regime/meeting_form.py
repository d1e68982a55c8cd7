"""Recording a meeting a unit reported without a visit (from its monthly report), or changing
one: a modal form that returns the meeting's id. The kinds offered are those the unit may hold;
a committee meeting is prefilled with the committee's size. The store checks everything; its
message shows at the field it names and nothing is saved. A meeting already recorded (same
kind and day) is named, and the form offers to open it."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.core.errors import Duplicate, ValidationError
from store.lang.i18n import _
from store.lang.labels import label as code_label
from store.org import units
from store.visits import meetings
from tui.dialogs.confirm import ConfirmScreen
from tui.format import members_label, vn_date
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

    def __init__(self, unit_id: int, *, meeting_id: int | None = None) -> None:
        super().__init__()
        self.unit_id, self.meeting_id = unit_id, meeting_id

    def compose(self) -> ComposeResult:
        unit = units.get_unit(self.app.db, self.unit_id)
        self.kinds = meetings.meeting_kinds(self.app.db, self.unit_id)
        defaults = meetings.meeting_defaults(self.app.db, self.unit_id, self.kinds[0])
        labels = _labels()
        with VerticalScroll(id="meeting-form", classes="dialog", can_focus=False) as box:
            box.border_title = (
                _("A recorded meeting") if self.meeting_id else _("Meeting reported by the unit")
            )
            yield Static(unit.title, id="meeting-unit")
            yield Static(
                _("A meeting the unit reports without a visit, e.g. from its monthly report."),
                classes="dialog-hint",
            )
            for field in ("date", "kind", "topic", *NUMBERS, *FLAGS, "note"):
                with Horizontal(classes="field-row"):
                    text = "" if field in FLAGS else labels[field]
                    yield Label(text, id=f"label-{field}", classes="field-label")
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
                [(code_label("meeting_kind", k), k) for k in self.kinds],
                value=self.kinds[0],
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
        if self.meeting_id is not None:
            self._fill(meetings.get_meeting(self.app.db, self.meeting_id))
        self.query_one("#field-date", Input).focus()
        self._show_owed()

    def _fill(self, meeting: meetings.Meeting) -> None:
        self.query_one("#field-date", Input).value = vn_date(meeting.date)
        kind = self.query_one("#field-kind", Select)
        if meeting.kind not in self.kinds:  # a kind stored before the rule: shown as it is
            kind.set_options(
                [(code_label("meeting_kind", k), k) for k in (*self.kinds, meeting.kind)]
            )
        kind.value = meeting.kind
        for field in ("topic", "note", *NUMBERS):
            value = getattr(meeting, field)
            self.query_one(f"#field-{field}", Input).value = "" if value is None else str(value)
        for field in FLAGS:
            self.query_one(f"#field-{field}", Checkbox).value = getattr(meeting, field)

    @on(Select.Changed, "#field-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        """A committee meeting counts the committee: its members follow the kind chosen."""
        self.query_one("#label-members_full", Label).update(members_label(event.value))
        if self.meeting_id is not None or event.value == Select.BLANK:
            return
        for field, value in meetings.meeting_defaults(
            self.app.db, self.unit_id, str(event.value)
        ).items():
            self.query_one(f"#field-{field}", Input).value = str(value)

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
            meeting_id = self._save()
        except Duplicate as exc:
            errors.show(exc.detail, exc.field)
            self.offer_existing(exc.record_id)
            return
        except ValidationError as exc:
            errors.show(exc.detail, exc.field)
            return
        self.dismiss(meeting_id)

    def _save(self) -> int:
        db, today = self.app.db, self.app.today
        if self.meeting_id is not None:
            meeting = meetings.update_meeting(db, self.meeting_id, today=today, **self.values())
            return meeting.id
        return meetings.record_meeting(
            db, self.unit_id, **self.values(), source="report", today=today
        )

    def offer_existing(self, meeting_id: int) -> None:
        """Ask whether to open the meeting already recorded, and open it instead of this one."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)
                self.app.push_screen(MeetingForm(self.unit_id, meeting_id=meeting_id))

        question = _("Open the existing record?")
        self.app.push_screen(
            ConfirmScreen(question, yes=_("Open it"), no=_("Stay in the form")), answered
        )

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
