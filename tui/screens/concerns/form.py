"""Raising a concern (or editing one): a modal form that returns the concern's id, or None.

Opened from the board, or from the visit form after a visit is saved:

    app.push_screen(ConcernForm(visit_id=visit.id, unit_id=unit.id), callback)

The unit is found by typing part of its name (diacritics optional) and Enter; the due date
follows the route's `due_days` in the rulebook, counted from the date raised.
"""

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from store import concerns, visits
from store.core.errors import ValidationError
from store.lang.codes import Priority
from store.lang.i18n import _
from store.lang.labels import choices
from store.org import units
from store.rules.rulebook import in_force as rulebook_in_force
from tui.format import vn_date
from tui.forms.dates import parse_vn_date
from tui.forms.field_errors import FieldErrors
from tui.forms.inputs import LimitedTextArea
from tui.node import PhutrachNode
from tui.screens.concerns.common import ConcernDialog, rulebook_choices
from tui.widgets.key_footer import KeyFooter
from tui.widgets.search_box import SearchInput, on_typed

UNIT_MATCHES = 6
# Store field -> the widget that edits it.
FIELDS = {
    "unit_id": "cf-unit",
    "visit_id": "cf-unit",
    "category": "cf-category",
    "route": "cf-route",
    "description": "cf-description",
    "owner": "cf-owner",
    "raised_date": "cf-raised",
    "due_date": "cf-due",
    "priority": "cf-priority",
}


class UnitSearch(SearchInput):
    """The unit box: typing lists matching units below it, Up/Down move among them."""

    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def action_move(self, step: int) -> None:
        matches = self.screen.query_one("#cf-unit-matches", OptionList)
        if matches.display and matches.option_count:
            current = matches.highlighted or 0
            matches.highlighted = min(max(current + step, 0), matches.option_count - 1)


class ConcernForm(ConcernDialog, PhutrachNode, ModalScreen[int | None]):
    """Raise a concern (no `concern_id`) or edit one; dismisses with its id, or None."""

    HELP = (
        "Raise an issue brought up at the grassroots: type part of the unit's name and press "
        "Enter to choose it, then the category, the route, the content, who handles it and "
        "the due date (set from the route, which you may change). Ctrl+S saves, Escape cancels."
    )
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="concern_form.save", tooltip="Save the concern"),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="concern_form.cancel",
            tooltip="Close the form without saving",
        ),
    ]

    def __init__(
        self,
        *,
        unit_id: int | None = None,
        visit_id: int | None = None,
        supervisor_id: int | None = None,
        concern_id: int | None = None,
    ) -> None:
        super().__init__()
        self.unit_id, self.visit_id, self.supervisor_id = unit_id, visit_id, supervisor_id
        self.concern_id = concern_id
        self.unit_name = ""

    @property
    def editing(self) -> bool:
        return self.concern_id is not None

    # -- building --------------------------------------------------------------------------
    def _start(self) -> dict:
        """The values the form opens with."""
        db, today = self.app.db, self.app.today
        if self.editing:
            c = concerns.get_concern(db, self.concern_id)
            self.unit_id, self.visit_id = c.unit_id, c.visit_id
            start = {
                "raised": c.raised_date,
                "due": c.due_date,
                "category": c.category,
                "route": c.route,
                "priority": c.priority or Priority.NORMAL,
                "description": c.description,
                "owner": c.owner or "",
            }
        else:
            visit = visits.get_visit(db, self.visit_id) if self.visit_id else None
            if visit is not None:
                self.unit_id = self.unit_id or visit.unit_id
                self.supervisor_id = self.supervisor_id or visit.supervisor_id
            raised = (visit.date if visit else None) or today.isoformat()
            route = rulebook_choices(db, "routes")[0][1]
            start = {"raised": raised, "due": self._due(raised, route), "route": route}
            start |= {"category": Select.NULL, "priority": Priority.NORMAL}
            start |= {"description": "", "owner": ""}
        if self.unit_id is not None:
            self.unit_name = units.get_unit(db, self.unit_id).name
        return start

    def compose(self) -> ComposeResult:
        start = self._start()
        db = self.app.db
        fixed_unit = self.editing or self.visit_id is not None
        with Vertical(id="cf-box") as box:
            box.border_title = _("Edit the concern") if self.editing else _("Raise a concern")
            with VerticalScroll(id="cf-fields", can_focus=False):
                yield Label(_("Party organization"), classes="field-label")
                yield UnitSearch(
                    self.unit_name,
                    placeholder=_("Type part of the name, then Enter (diacritics optional)…"),
                    id="cf-unit",
                    disabled=fixed_unit,
                )
                yield OptionList(id="cf-unit-matches")
                yield _error("cf-unit")
                with Horizontal(classes="field-row"):
                    yield from _field(
                        _("Category"),
                        Select(
                            rulebook_choices(db, "categories"),
                            prompt=_("Choose a category"),
                            value=start["category"],
                            id="cf-category",
                        ),
                    )
                    yield from _field(
                        _("Route"),
                        Select(
                            rulebook_choices(db, "routes"),
                            allow_blank=False,
                            value=start["route"],
                            id="cf-route",
                            disabled=self.editing,
                        ),
                    )
                yield from _field(
                    _("Content of the concern"),
                    LimitedTextArea(
                        "description", start["description"], id="cf-description", soft_wrap=True
                    ),
                )
                yield from _field(
                    _("Who handles it (person or body in charge)"),
                    Input(start["owner"], id="cf-owner"),
                )
                with Horizontal(classes="field-row"):
                    yield from _field(
                        _("Date raised"),
                        Input(vn_date(start["raised"]), id="cf-raised", disabled=self.editing),
                    )
                    yield from _field(_("Due date"), Input(vn_date(start["due"]), id="cf-due"))
                    yield from _field(
                        _("Priority"),
                        Select(
                            choices("priority"),
                            allow_blank=False,
                            value=start["priority"],
                            id="cf-priority",
                        ),
                    )
            yield Static(id="cf-general-error", classes="field-error")
            with Horizontal(id="cf-buttons"):
                yield Button(_("Save (Ctrl+S)"), variant="primary", id="cf-save")
                yield Button(_("Cancel (Esc)"), id="cf-cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.errors = FieldErrors(
            self, error_id="{}-error", field_id="{}", general="cf-general-error", aliases=FIELDS
        )
        self.errors.clear()
        self.query_one("#cf-unit-matches").display = False
        on_typed(self.query_one("#cf-unit", Input), self._unit_typed)
        first = "#cf-category" if self.unit_id is not None else "#cf-unit"
        self.query_one("#cf-description" if self.editing else first).focus()

    # -- the unit --------------------------------------------------------------------------
    def _unit_typed(self, text: str) -> None:
        if self.unit_id is not None and text == self.unit_name:
            return
        self.unit_id = None
        matches = self.query_one("#cf-unit-matches", OptionList)
        found = units.list_units(self.app.db, text, limit=UNIT_MATCHES)
        matches.clear_options()
        matches.add_options(Option(u.name, id=str(u.id)) for u in found)
        matches.display = bool(text.strip()) and bool(found)
        matches.highlighted = 0 if found else None

    @on(Input.Submitted, "#cf-unit")
    def _unit_chosen(self) -> None:
        matches = self.query_one("#cf-unit-matches", OptionList)
        if matches.display and matches.highlighted is not None:
            self._pick(matches.get_option_at_index(matches.highlighted))
        if self.unit_id is not None:
            self.query_one("#cf-category").focus()

    @on(OptionList.OptionSelected, "#cf-unit-matches")
    def _unit_clicked(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option)
        self.query_one("#cf-category").focus()

    def _pick(self, option: Option) -> None:
        self.unit_id, self.unit_name = int(option.id), str(option.prompt)
        self.query_one("#cf-unit", Input).value = self.unit_name
        self.query_one("#cf-unit-matches").display = False

    # -- the due date ----------------------------------------------------------------------
    def _due(self, raised: str, route: str) -> str:
        routes = rulebook_in_force(self.app.db).routes
        days = next((r.due_days for r in routes if r.id == route), 0)
        return (date.fromisoformat(raised) + timedelta(days=days or 0)).isoformat()

    @on(Select.Changed, "#cf-route")
    @on(Input.Changed, "#cf-raised")
    def _follow_route(self) -> None:
        """A new route or date raised: the due date follows the rulebook (raising only)."""
        if self.editing or not self.is_mounted:
            return
        route = self.query_one("#cf-route", Select).value
        try:
            raised = parse_vn_date(self.query_one("#cf-raised", Input).value)
            due = self._due(raised, route)
        except (ValidationError, ValueError):
            return
        self.query_one("#cf-due", Input).value = vn_date(due)

    # -- saving ----------------------------------------------------------------------------
    def _values(self) -> dict:
        """The form's values for the store; ValidationError for what only the form knows."""
        if self.unit_id is None and not self.editing:
            raise ValidationError(_("Choose the Party organization."), field="unit_id")
        category = self.query_one("#cf-category", Select).value
        if category == Select.NULL:
            raise ValidationError(_("Choose the category of the concern."), field="category")
        return {
            "category": category,
            "description": self.query_one("#cf-description", TextArea).text,
            "owner": self.query_one("#cf-owner", Input).value,
            "due_date": parse_vn_date(self.query_one("#cf-due", Input).value, "due_date"),
            "priority": self.query_one("#cf-priority", Select).value,
        }

    def action_save(self) -> None:
        self.save(self._write)

    def _write(self) -> int:
        """Edit the concern, or raise it; its id."""
        db, values = self.app.db, self._values()
        if self.editing:
            concerns.edit_concern(db, self.concern_id, **values)
            return self.concern_id
        raised = parse_vn_date(self.query_one("#cf-raised", Input).value, "raised_date")
        return concerns.raise_concern(
            db,
            unit_id=self.unit_id,
            route=self.query_one("#cf-route", Select).value,
            raised_date=raised,
            visit_id=self.visit_id,
            supervisor_id=self.supervisor_id,
            today=self.app.today,
            **values,
        )


def _error(widget_id: str) -> Static:
    return Static(id=f"{widget_id}-error", classes="field-error")


def _field(title: str, widget) -> ComposeResult:
    with Vertical(classes="field"):
        yield Label(title, classes="field-label")
        yield widget
        yield _error(widget.id)
