"""Logging or editing a visit in one keyboard-only form, in the order of the paper sheet: unit,
date, kind of meeting (its topic when thematic), members and attendance, duration, minutes and
resolution, each criterion of the rulebook's score sheet (total and rating computed live),
then observations, recommendations and a good-practice note.

ctrl+s saves the meeting and the visit in one transaction (store.visits). A ValidationError
shows its message under the field it names (`exc.field`) and moves the focus there; nothing is
saved. The kinds offered are those the unit may hold; a visit already recorded (the same
supervisor at the unit's meeting of that kind and day) is named, and the form offers to open
it. Enter in a box goes to the next one; Escape closes, asking first if anything changed.
"""

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Number
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from store import visits
from store.core.errors import Duplicate, PhutrachError, ValidationError, one_line
from store.lang.codes import MeetingKind
from store.lang.i18n import _
from store.lang.labels import choices, label
from store.org.supervisors import current_supervisor_id
from store.rules.rulebook import in_force as rulebook_in_force
from store.rules.scoring import live_rating
from store.visits import VisitResult
from store.visits.meetings import COUNTS, attendance_rate, meeting_defaults, meeting_kinds
from tui.dialogs.confirm import ConfirmScreen
from tui.format import members_label
from tui.forms.dates import parse_vn_date
from tui.forms.inputs import LimitedTextArea, NumberInput
from tui.node import PhutrachNode
from tui.screens.concerns.form import ConcernForm
from tui.screens.regime.meeting_form import MeetingForm
from tui.screens.visits.unit_picker import UnitPicker
from tui.widgets.key_footer import KeyFooter
from tui.widgets.yes_no import YesNo

TEXTS = ("observations", "recommendations", "good_practice")
FLAGS = ("minutes_kept", "resolution_adopted")
# The form row (and its error line) of each field a ValidationError may name.
ROW_OF = {
    "date": "when",
    "kind": "when",
    "topic": "topic",
    "members_full": "members",
    "members_probationary": "members",
    "members_exempt": "members",
    "present": "attendance",
    "absent_excused": "attendance",
    "absent_unexcused": "attendance",
    "duration_minutes": "conduct",
    "minutes_kept": "conduct",
    "resolution_adopted": "conduct",
}
RATING_STYLES = {"good": "bold green", "fair": "bold cyan", "average": "bold yellow"}


@dataclass(frozen=True, slots=True)
class Target:
    """Who visits which unit."""

    supervisor_id: int
    unit_id: int
    supervisor_name: str
    unit_name: str


def _number(id: str, maximum: int | None = None) -> Input:
    validators = [Number(minimum=0, maximum=maximum)] if maximum is not None else None
    return NumberInput(
        id=id, restrict=r"\d*", max_length=4, compact=True, classes="num", validators=validators,
        error_id=f"error-{ROW_OF.get(id, id)}",
    )  # fmt: skip


def _label(text: str, classes: str = "form-label") -> Label:
    return Label(text, classes=classes)


def _error(row: str) -> Static:
    return Static("", id=f"error-{row}", classes="field-error")


def _whole(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


class VisitForm(PhutrachNode, ModalScreen[VisitResult | None]):
    """New visit: `VisitForm(target)` (optionally completing `planned_visit_id`, dated `day`);
    an existing one: `VisitForm(target, visit_id=...)`. Dismisses with the store's
    `VisitResult`, or None when closed without saving."""

    HELP = (
        "Log the meeting you attended as on the paper sheet. Tab or Enter goes to the next box; "
        "the total and the rating follow the points as you type; ctrl+s saves the meeting and "
        "the visit together. A wrong value is explained under its box and nothing is saved."
    )
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            priority=True,
            id="visit.save",
            tooltip="Save the meeting and the visit",
        ),
        Binding(
            "ctrl+n",
            "save_and_raise",
            "Save, raise a concern",
            priority=True,
            id="visit.raise_concern",
            tooltip="Save the visit, then raise an issue brought up at the meeting",
        ),
        Binding("escape", "cancel", "Cancel", id="visit.cancel", tooltip="Close without saving"),
        Binding(
            "f4",
            "pick_unit",
            "Choose unit",
            id="visit.unit",
            tooltip="Choose the Party organization visited",
        ),
    ]

    def __init__(
        self,
        target: Target | None = None,
        *,
        visit_id: int | None = None,
        planned_visit_id: int | None = None,
        day: date | None = None,
    ) -> None:
        super().__init__()
        self.target, self.visit_id = target, visit_id
        self.planned_visit_id, self.day = planned_visit_id, day
        self._initial: dict = {}
        self._refused: tuple = (None, None)  # (box id, value) of the message shown

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self.rulebook = rulebook_in_force(self.app.db)
        with Vertical(id="visit-box") as box:
            box.border_title = _("Edit a visit") if self.visit_id else _("Log a visit")
            box.border_subtitle = _("Rules in force: {rulebook}").format(
                rulebook=self.rulebook.name
            )
            with VerticalScroll(id="visit-fields", can_focus=False):  # Tab goes field to field
                yield from self._meeting_rows()
                yield from self._score_rows()
                yield from self._text_rows()
            yield Static(id="visit-total")
        yield KeyFooter()

    def _meeting_rows(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield _label(_("Party organization"))
            yield Button("", id="unit", compact=True, disabled=self.visit_id is not None)
        yield _error("unit")
        with Horizontal(classes="form-row"):
            yield _label(_("Meeting date"))
            yield Input(id="date", compact=True, classes="date", placeholder=_("dd/mm/yyyy"))
            yield _label(_("Kind of meeting"), "form-label gap")
            kinds = choices("meeting_kind")
            yield Select(
                kinds, allow_blank=False, value=MeetingKind.REGULAR, id="kind", compact=True
            )
        yield _error("when")
        with Horizontal(classes="form-row"):
            yield _label(_("Thematic topic"))
            yield Input(id="topic", compact=True, disabled=True, classes="topic")
        yield _error("topic")
        with Horizontal(classes="form-row"):
            yield Label(
                members_label(MeetingKind.REGULAR), id="members-label", classes="form-label"
            )
            yield _number("members_full")
            yield _label(_("Probationary"), "form-label gap")
            yield _number("members_probationary")
            yield _label(_("Exempted"), "form-label gap")
            yield _number("members_exempt")
            yield Static(id="owed", classes="live")
        yield _error("members")
        with Horizontal(classes="form-row"):
            yield _label(_("Present"))
            yield _number("present")
            yield _label(_("Absent, excused"), "form-label gap")
            yield _number("absent_excused")
            yield _label(_("Absent, unexcused"), "form-label gap")
            yield _number("absent_unexcused")
            yield Static(id="rate", classes="live")
        yield _error("attendance")
        with Horizontal(classes="form-row"):
            yield _label(_("Duration in minutes"))
            yield _number("duration_minutes")
            yield YesNo(_("Minutes kept"), id="minutes_kept", compact=True, classes="gap")
            yield YesNo(_("Resolution adopted"), id="resolution_adopted", compact=True)
        yield _error("conduct")

    def _score_rows(self) -> ComposeResult:
        yield _label(_("Meeting quality score sheet"), "section-title")
        for number, criterion in enumerate(self.rulebook.criteria, 1):
            with Horizontal(classes="form-row score"):
                yield _label(f"{number}. {criterion.label}", "score-label")
                yield _number(f"score-{criterion.id}", criterion.max)
                yield _label(f"/ {criterion.max}", "score-max")
            yield _error(f"score-{criterion.id}")

    def _text_rows(self) -> ComposeResult:
        titles = (_("Observations"), _("Recommendations"), _("Good practice worth spreading"))
        for field, title in zip(TEXTS, titles, strict=True):
            yield _label(title, "section-title")
            yield LimitedTextArea(field, id=field, classes="visit-text", compact=True)

    # -- filling ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.visit_id is not None:
            self._fill_visit(visits.get_visit(self.app.db, self.visit_id))
        else:
            self._fill_new()
        self._show_target()
        self._initial = self._raw()
        self._update_live()
        self.query_one("#date", Input).focus()
        if self.target is None:
            self.call_after_refresh(self.action_pick_unit)

    def _set(self, field: str, value) -> None:
        widget = self.query_one(f"#{field}")
        if isinstance(widget, Input):
            widget.value = "" if value is None else str(value)
        elif isinstance(widget, TextArea):
            widget.text = value or ""
        else:
            widget.value = value

    def _fill_new(self) -> None:
        self._set("date", (self.day or self.app.today).strftime("%d/%m/%Y"))
        if self.target is not None:
            self._fill_members(self.target.unit_id)
        self._set("absent_excused", 0)
        self._set("absent_unexcused", 0)

    def _fill_members(self, unit_id: int) -> None:
        self._offer_kinds(unit_id)
        kind = self._value("kind")
        for field, value in meeting_defaults(self.app.db, unit_id, kind).items():
            self._set(field, value)

    def _offer_kinds(self, unit_id: int, keep: str | None = None) -> None:
        """Only the meeting kinds the unit may hold (`keep`: a stored one, shown as it is)."""
        kinds = list(meeting_kinds(self.app.db, unit_id))
        if keep and keep not in kinds:
            kinds.append(keep)
        select = self.query_one("#kind", Select)
        current = keep or select.value
        with select.prevent(Select.Changed):
            select.set_options([(label("meeting_kind", k), k) for k in kinds])
            select.value = current if current in kinds else kinds[0]

    def _fill_visit(self, visit) -> None:
        meeting = visit.meeting
        self._set("date", date.fromisoformat(meeting.date).strftime("%d/%m/%Y"))
        self._offer_kinds(visit.unit_id, keep=meeting.kind)
        self._set("topic", meeting.topic)
        for field in (*COUNTS, "duration_minutes", *FLAGS):
            self._set(field, getattr(meeting, field))
        for criterion in self.rulebook.criteria:
            self._set(f"score-{criterion.id}", visit.scores.get(criterion.id))
        for field in TEXTS:
            self._set(field, getattr(visit, field))

    def _show_target(self) -> None:
        button = self.query_one("#unit", Button)
        if self.target is None:
            button.label = _("(none chosen: press F4 or Enter here)")
        else:
            button.label = f"{self.target.unit_name} — {self.target.supervisor_name}"

    # -- reading ---------------------------------------------------------------------------
    def _value(self, field: str):
        widget = self.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            return widget.text
        return widget.value

    def _raw(self) -> dict:
        fields = ["date", "kind", "topic", *COUNTS, "duration_minutes", *FLAGS, *TEXTS]
        fields += [f"score-{c.id}" for c in self.rulebook.criteria]
        return {"target": self.target, **{f: self._value(f) for f in fields}}

    def _meeting(self) -> dict:
        duration = self._value("duration_minutes")
        return {
            "date": parse_vn_date(self._value("date")),
            "kind": self._value("kind"),
            "topic": self._value("topic"),
            **{field: self._value(field) for field in COUNTS},
            "duration_minutes": _whole(duration) if _whole(duration) is not None else duration,
            **{field: self._value(field) for field in FLAGS},
        }

    def _scores(self) -> dict:
        return {c.id: self._value(f"score-{c.id}") for c in self.rulebook.criteria}

    # -- live figures ----------------------------------------------------------------------
    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        # The Changed of a key typed just before ctrl+s may arrive after the save: it must not
        # wipe the message about the very value it carries.
        if (event.input.id, event.value) != self._refused:
            self._clear_error(event.input.id)
        self._update_live()

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.query_one("#topic", Input).disabled = event.value != MeetingKind.THEMATIC
        self.query_one("#members-label", Label).update(members_label(event.value))
        self._clear_error("kind")
        if self.visit_id is None and self.target is not None and event.value != Select.BLANK:
            # a committee meeting counts the committee: its members follow the kind
            for field, value in meeting_defaults(
                self.app.db, self.target.unit_id, str(event.value)
            ).items():
                self._set(field, value)

    @on(Checkbox.Changed)
    def _flag_changed(self, event: Checkbox.Changed) -> None:
        self._clear_error(event.checkbox.id)

    @on(Input.Submitted)
    def _next_box(self) -> None:
        self.focus_next()

    def _update_live(self) -> None:
        full, probationary, exempt, present = (
            _whole(self._value(f))
            for f in ("members_full", "members_probationary", "members_exempt", "present")
        )
        owed = None if None in (full, probationary, exempt) else full + probationary - exempt
        self.query_one("#owed", Static).update(
            _("Members owed: {owed}").format(owed="?" if owed is None else owed)
        )
        self.query_one("#rate", Static).update(self._rate_text(present, full, probationary, exempt))
        self.query_one("#visit-total", Static).update(self._total_text())

    def _rate_text(self, present, full, probationary, exempt) -> Text:
        rate = (
            None
            if None in (present, full, probationary, exempt)
            else attendance_rate(present, full, probationary, exempt)
        )
        if rate is None:
            return Text(_("Attendance rate: ?"))
        low = rate < self.rulebook.attendance_threshold
        figure = f"{rate:.1f}".replace(".", ",") + "%"
        return Text(
            _("Attendance rate: {rate}").format(rate=figure), style="bold red" if low else ""
        )

    def _total_text(self) -> Text:
        live = live_rating(self.rulebook, self._scores())
        text = Text(_("Total: {total}/{max}").format(total=live.total, max=live.max_total), "bold")
        text.append(" — ")
        text.append(live.rating_label, RATING_STYLES.get(live.rating, "bold red"))
        if live.reason:  # the total under the level above, or the required criteria not full
            text.append(f" ({live.reason})")
        if live.unscored:
            text.append(
                "  · " + _("{count} criteria not scored yet").format(count=len(live.unscored)),
                "dim",
            )
        return text

    # -- errors ----------------------------------------------------------------------------
    def _error_row(self, field: str | None) -> str:
        if field in ROW_OF:
            return ROW_OF[field]
        if field and field.startswith("score.") and self.query(f"#error-score-{field[6:]}"):
            return f"score-{field[6:]}"
        return "unit"

    def _show_errors(self, exc: ValidationError) -> None:
        """Every field the store refused; the focus goes to the first."""
        for field, message in reversed(exc.also):
            self._show_error(field, one_line(message))
        self._show_error(exc.field, exc.detail)

    def _show_error(self, field: str | None, message: str) -> None:
        line = self.query_one(f"#error-{self._error_row(field)}", Static)
        line.update(message)
        line.add_class("-shown")
        widget_id = (field or "").replace(".", "-")
        targets = self.query(f"#{widget_id}") if widget_id else None
        widget = targets.first() if targets else self.query_one("#unit")
        widget.add_class("-error")
        self._refused = (widget.id, getattr(widget, "value", None))
        if widget.focusable:
            widget.focus()
        line.scroll_visible(animate=False)

    def _clear_error(self, widget_id: str | None) -> None:
        field = (widget_id or "").replace("score-", "score.", 1)
        line = self.query_one(f"#error-{self._error_row(field)}", Static)
        line.update("")
        line.remove_class("-shown")
        for widget in self.query(".-error"):
            widget.remove_class("-error")

    # -- actions ---------------------------------------------------------------------------
    def action_save(self) -> VisitResult | None:
        for line in self.query(".field-error.-shown"):
            line.update("")
            line.remove_class("-shown")
        try:
            result = self._save()
        except Duplicate as exc:
            self._show_error(exc.field, exc.detail)
            self.offer_existing(exc)
            return
        except ValidationError as exc:
            self._show_errors(exc)
            return
        except PhutrachError as exc:  # the visit or the unit deleted meanwhile
            self.notify(exc.message, severity="error")
            return
        self.dismiss(result)
        return result

    def offer_existing(self, duplicate: Duplicate) -> None:
        """Ask whether to open the record already stored (a visit, or a meeting), instead."""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.dismiss(None)
            if duplicate.table == "visits":
                self.app.push_screen(VisitForm(self.target, visit_id=duplicate.record_id))
            else:
                meeting = visits.get_meeting(self.app.db, duplicate.record_id)
                self.app.push_screen(MeetingForm(meeting.unit_id, meeting_id=meeting.id))

        question = _("Open the existing record?")
        self.app.push_screen(
            ConfirmScreen(question, yes=_("Open it"), no=_("Stay in the form")), answered
        )

    def action_save_and_raise(self) -> None:
        """Save, then raise a concern brought up at this visit (its unit, date, supervisor)."""
        result = self.action_save()
        if result is not None:
            self.app.push_screen(ConcernForm(visit_id=result.visit_id))

    def _save(self) -> VisitResult:
        db, today = self.app.db, self.app.today
        texts = {field: self._value(field) for field in TEXTS}
        if self.visit_id is not None:
            return visits.update_visit(
                db,
                self.visit_id,
                meeting=self._meeting(),
                scores=self._scores(),
                today=today,
                **texts,
            )
        if self.target is None:
            raise ValidationError(_("Choose the Party organization visited (F4)."), field="unit_id")
        return visits.record_visit(
            db,
            supervisor_id=self.target.supervisor_id,
            unit_id=self.target.unit_id,
            meeting=self._meeting(),
            scores=self._scores(),
            planned_visit_id=self.planned_visit_id,
            today=today,
            **texts,
        )

    def action_cancel(self) -> None:
        if self._raw() == self._initial:
            self.dismiss(None)
            return
        question = _("Close the form and lose what you typed?")
        self.app.push_screen(
            ConfirmScreen(question, yes=_("Close without saving"), no=_("Keep typing")),
            lambda leave: self.dismiss(None) if leave else None,
        )

    @on(Button.Pressed, "#unit")
    def _unit_pressed(self) -> None:
        self.action_pick_unit()

    def action_pick_unit(self) -> None:
        """Choose among the units assigned (to the current supervisor, or to anyone)."""
        if self.visit_id is not None:
            return
        try:
            day = date.fromisoformat(parse_vn_date(self._value("date")))
        except ValidationError:
            day = self.app.today
        scope = current_supervisor_id(self.app.db)
        self.app.push_screen(UnitPicker(scope, day), self._unit_chosen)

    def _unit_chosen(self, chosen) -> None:
        if chosen is None:
            return
        if self.target is None or chosen.unit_id != self.target.unit_id:
            self._fill_members(chosen.unit_id)
        self.target = Target(
            chosen.supervisor_id, chosen.unit_id, chosen.supervisor_name, chosen.unit_name
        )
        self.planned_visit_id = None
        self._show_target()
        self._clear_error("unit")
        self.query_one("#date", Input).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "pick_unit":
            return self.visit_id is None
        return True
