"""Recording a capability note: the date, the supervisor, one level per dimension of the
rulebook, the overall level, the flag "hạn chế về năng lực, uy tín thấp", a narrative and the
visits to the person's unit that support it. Dismisses with the new note's id."""

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from store.lang.i18n import _
from store.org import units
from store.personnel import capability
from store.personnel.people import get_person
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits.visit_list import list_visits
from tui.format import vn_date
from tui.forms.inputs import LimitedTextArea
from tui.screens.personnel.personnel_form import PersonnelForm, field
from tui.widgets.personnel_gaps import scope_supervisor
from tui.widgets.yes_no import YesNo

SUPPORTING_VISITS = 24  # the latest visits offered as support


class NoteForm(PersonnelForm[int]):
    CONFIDENTIAL = True

    def __init__(self, person_id: int, unit_id: int | None) -> None:
        super().__init__()
        self.person_id, self.unit_id = person_id, unit_id

    def form_title(self) -> str:
        name = get_person(self.app.db, self.person_id).name
        return _("Capability note: {name}").format(name=name)

    def fields(self) -> ComposeResult:
        db = self.app.db
        rulebook = rulebook_in_force(db)
        scale = [(s.label, s.id) for s in rulebook.scale]
        yield from field(_("Date (dd/mm/yyyy)"), Input(vn_date(self.app.today.isoformat())), "date")
        yield from field(_("Assessed by"), self._supervisors(), "supervisor_id")
        yield Label(_("Rating on each dimension"), classes="form-section")
        for dimension in rulebook.dimensions:
            with Horizontal(classes="form-row"):
                yield Label(dimension.label, classes="form-row-label")
                yield Select(
                    scale,
                    prompt=_("Not rated"),
                    compact=True,
                    id=f"f-rating-{dimension.id}",
                    classes="form-field",
                )
        yield Static("", id="error-ratings", classes="field-error")
        yield from field(_("Overall level"), Select(scale, prompt=_("Choose")), "overall")
        flag = YesNo(_("Limited capability, low prestige"))
        yield from field(_("Flag"), flag, "flagged")
        yield from field(_("Narrative"), LimitedTextArea("narrative"), "narrative")
        yield from field(_("Supporting visits"), self._visits(), "visit_ids")

    def _supervisors(self) -> Select:
        options: list[tuple[str, int]] = []
        if self.unit_id is not None:
            detail = units.unit_detail(self.app.db, self.unit_id, on=self.app.today)
            options = [(s.name, s.supervisor_id) for s in detail.supervisors]
        current = scope_supervisor(self.app.db)
        ids = [value for _name, value in options]
        value = current if current in ids else (ids[0] if ids else Select.NULL)
        return Select(options, prompt=_("Not said"), value=value)

    def _visits(self) -> SelectionList:
        if self.unit_id is None:
            return SelectionList()
        rows = list_visits(self.app.db, unit_id=self.unit_id, limit=SUPPORTING_VISITS)
        return SelectionList(*((_visit_line(v), v.id) for v in rows))

    def submit(self) -> int:
        rulebook = rulebook_in_force(self.app.db)
        ratings = {}
        for dimension in rulebook.dimensions:
            level = self.query_one(f"#f-rating-{dimension.id}", Select).selection
            if level is not None:
                ratings[dimension.id] = level
        return capability.record_note(
            self.app.db,
            person_id=self.person_id,
            unit_id=self.unit_id,
            supervisor_id=self.query_one("#f-supervisor_id", Select).selection,
            date=self.typed_date("date"),
            ratings=ratings,
            overall=self.query_one("#f-overall", Select).selection,
            flagged=self.query_one("#f-flagged", Checkbox).value,
            narrative=self.query_one("#f-narrative", TextArea).text,
            visit_ids=self.query_one("#f-visit_ids", SelectionList).selected,
            today=self.app.today,
        )


def _visit_line(visit) -> str:
    score = f" — {visit.total}/100" if visit.total is not None else ""
    return f"{vn_date(visit.date)} — {visit.supervisor_name}{score}"
