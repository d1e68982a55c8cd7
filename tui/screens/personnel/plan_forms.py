"""The forms of a replacement-source plan: start it, add a candidate (searching people), add a
development action, move an action on, cancel the plan, complete it. Each writes through one
store.personnel.succession function and dismisses with what it made (an id) or True."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from store.lang.codes import PlanOutcome, PlanReason
from store.lang.i18n import _
from store.lang.labels import choices, label
from store.org.units import get_unit, unit_detail
from store.personnel import people, succession
from store.personnel.capability import latest_note
from store.personnel.people import Person, Post
from store.personnel.succession import Action
from tui.format import vn_date
from tui.screens.personnel.personnel_form import PersonnelForm, field
from tui.widgets.paged_table import Column, PagedTable, PageSource
from tui.widgets.personnel_gaps import scope_supervisor
from tui.widgets.search_box import SearchInput, on_typed


def _today(form) -> str:
    return vn_date(form.app.today.isoformat())


def supervisor_select(app, unit_id: int) -> Select:
    """The committee members assigned to the unit, the current one (or the first) chosen."""
    detail = unit_detail(app.db, unit_id, on=app.today)
    options = [(s.name, s.supervisor_id) for s in detail.supervisors]
    ids = [value for _name, value in options]
    current = scope_supervisor(app.db)
    value = current if current in ids else (ids[0] if ids else Select.NULL)
    return Select(options, prompt=_("Not said"), value=value)


class StartPlanForm(PersonnelForm[int]):
    """A plan for the unit's secretary `incumbent_id` (None: the post is vacant)."""

    CONFIDENTIAL = True

    def __init__(self, unit_id: int, incumbent_id: int | None) -> None:
        super().__init__()
        self.unit_id, self.incumbent_id = unit_id, incumbent_id

    def form_title(self) -> str:
        return _("Start a replacement-source plan")

    def fields(self) -> ComposeResult:
        db = self.app.db
        unit = get_unit(db, self.unit_id)
        incumbent = people.get_person(db, self.incumbent_id) if self.incumbent_id else None
        self.note = latest_note(db, self.incumbent_id) if incumbent else None
        about = Text.assemble((_("Party organization") + ": ", "dim"), unit.name, "\n")
        about.append(_("Incumbent secretary") + ": ", style="dim")
        about.append(incumbent.name if incumbent else _("No secretary"))
        if self.note is not None and self.note.flagged:
            about.append("\n" + _("Ground") + ": ", style="dim")
            about.append(
                _("capability note of {date}, flagged").format(date=vn_date(self.note.date)),
                style="red",
            )
        yield Static(about, classes="form-about")
        flagged = self.note is not None and self.note.flagged
        reason = Select(
            choices("plan_reason"),
            prompt=_("Choose"),
            value=PlanReason.CAPABILITY if flagged else Select.NULL,
        )
        yield from field(_("Reason"), reason, "reason")
        yield from field(_("Target date (dd/mm/yyyy)"), Input(), "target_date")
        yield from field(
            _("Committee member in charge"),
            supervisor_select(self.app, self.unit_id),
            "supervisor_id",
        )

    def submit(self) -> int:
        ground = self.note.id if self.note is not None and self.note.flagged else None
        return succession.start_plan(
            self.app.db,
            unit_id=self.unit_id,
            incumbent_id=self.incumbent_id,
            reason=self.chosen("reason"),
            target_date=self.typed_date("target_date"),
            note_id=ground,
            supervisor_id=self.query_one("#f-supervisor_id", Select).selection,
        )


class CandidateForm(PersonnelForm[int]):
    """Add a candidate: the unit's committee is offered first; typing searches everyone."""

    CONFIDENTIAL = True

    def __init__(self, plan_id: int) -> None:
        super().__init__()
        self.plan_id = plan_id

    def form_title(self) -> str:
        return _("Add a candidate")

    def fields(self) -> ComposeResult:
        detail = succession.plan_detail(self.app.db, self.plan_id, self.app.today.isoformat())
        self.plan = detail.plan
        self.taken = {c.person_id for c in detail.candidates} | {self.plan.incumbent_id}
        search = SearchInput(placeholder=_("Search by name (diacritics optional)…"))
        yield from field(_("Find a person"), search, "search")
        table = PagedTable(
            [Column(_("Full name")), Column(_("Birth year"), 8, "right"), Column(_("Post"))],
            empty_text=_("Nobody matches the search."),
            page_size=50,
        )
        yield from field(_("Candidate (the row under the cursor)"), table, "person_id")
        readiness = Select(choices("readiness"), prompt=_("Choose"))
        yield from field(_("Readiness"), readiness, "readiness")
        current = Input(placeholder=_("Leave empty: the person's current posts"))
        yield from field(_("Current post"), current, "current_post")
        yield from field(_("Remarks"), Input(), "note")

    def on_mount(self) -> None:
        self._list("")
        on_typed(self.query_one("#f-search", Input), self._list)

    @on(Input.Submitted, "#f-search")
    def _to_table(self) -> None:
        self.query_one("#f-person_id").focus()

    @on(PagedTable.Selected, "#f-person_id")
    def _chosen(self) -> None:
        self.query_one("#f-readiness").focus()

    def _list(self, search: str) -> None:
        db, table = self.app.db, self.query_one("#f-person_id", PagedTable)
        if search.strip():
            table.set_source(
                PageSource(
                    count=lambda: people.count_people(db, search),
                    fetch=lambda limit, offset: people.list_people(
                        db, search, limit=limit, offset=offset
                    ),
                    cells=_person_cells,
                )
            )
            return
        on = self.app.today.isoformat()
        posts = [
            p
            for p in people.unit_people(db, self.plan.unit_id, on).current
            if p.person_id not in self.taken
        ]
        table.set_source(
            PageSource(
                count=lambda: len(posts),
                fetch=lambda limit, offset: posts[offset : offset + limit],
                cells=_post_cells,
            )
        )

    def submit(self) -> int:
        row = self.query_one("#f-person_id", PagedTable).current
        person_id = row.person_id if isinstance(row, Post) else getattr(row, "id", None)
        return succession.add_candidate(
            self.app.db,
            self.plan_id,
            person_id,
            readiness=self.chosen("readiness"),
            current_post=self.query_one("#f-current_post", Input).value,
            note=self.query_one("#f-note", Input).value,
            today=self.app.today,
        )


def _person_cells(person: Person) -> tuple:
    return (person.name, str(person.birth_year or ""), person.code or "")


def _post_cells(post: Post) -> tuple:
    return (post.person_name, "", people.describe_post(post))


class ActionForm(PersonnelForm[int]):
    CONFIDENTIAL = True

    def __init__(self, plan_id: int) -> None:
        super().__init__()
        self.plan_id = plan_id

    def form_title(self) -> str:
        return _("Add a development action")

    def fields(self) -> ComposeResult:
        detail = succession.plan_detail(self.app.db, self.plan_id, self.app.today.isoformat())
        kind = Select(choices("action_kind"), prompt=_("Choose"))
        yield from field(_("Kind of action"), kind, "kind")
        yield from field(_("What is to be done"), Input(), "description")
        candidates = [(c.person_name, c.id) for c in detail.candidates]
        who = Select(candidates, prompt=_("The whole plan"))
        yield from field(_("For the candidate"), who, "candidate_id")
        yield from field(_("Responsible"), Input(), "owner")
        yield from field(_("Due date (dd/mm/yyyy)"), Input(), "due_date")

    def submit(self) -> int:
        return succession.add_action(
            self.app.db,
            self.plan_id,
            kind=self.chosen("kind"),
            description=self.query_one("#f-description", Input).value,
            owner=self.query_one("#f-owner", Input).value,
            due_date=self.typed_date("due_date"),
            candidate_id=self.query_one("#f-candidate_id", Select).selection,
            today=self.app.today,
        )


class ActionStatusForm(PersonnelForm[bool]):
    """Move an action on; the statuses offered are those it may move to."""

    CONFIDENTIAL = True
    ALIASES = {"date": "done_date"}

    def __init__(self, action: Action) -> None:
        super().__init__()
        self.action = action

    def form_title(self) -> str:
        return _("Status of the action")

    def fields(self) -> ComposeResult:
        action = self.action
        about = Text.assemble(
            (label("action_kind", action.kind) + ": ", "dim"),
            action.description or "",
            "\n",
            (_("Now") + ": ", "dim"),
            label("action_status", action.status),
        )
        yield Static(about, classes="form-about")
        moves = [(label("action_status", s), s) for s in succession.action_moves(action.status)]
        yield from field(_("New status"), Select(moves, prompt=_("Choose")), "status")
        yield from field(_("Done on (dd/mm/yyyy)"), Input(_today(self)), "done_date")

    def submit(self) -> bool:
        succession.set_action_status(
            self.app.db,
            self.action.id,
            self.chosen("status"),
            date=self.typed_date("done_date"),
            today=self.app.today,
        )
        return True


class CancelPlanForm(PersonnelForm[bool]):
    CONFIDENTIAL = True

    def __init__(self, plan_id: int) -> None:
        super().__init__()
        self.plan_id = plan_id

    def form_title(self) -> str:
        return _("Cancel the plan")

    def fields(self) -> ComposeResult:
        yield Static(_("The plan will be closed as cancelled."), classes="form-about")
        yield from field(_("Date (dd/mm/yyyy)"), Input(_today(self)), "date")

    def submit(self) -> bool:
        date = self.typed_date("date")
        succession.cancel_plan(self.app.db, self.plan_id, date=date or None, today=self.app.today)
        return True


class CompletePlanForm(PersonnelForm[bool]):
    """Close the plan; "replaced" makes the chosen candidate the unit's secretary."""

    CONFIDENTIAL = True

    def __init__(self, plan_id: int) -> None:
        super().__init__()
        self.plan_id = plan_id

    def form_title(self) -> str:
        return _("Complete the plan")

    def fields(self) -> ComposeResult:
        detail = succession.plan_detail(self.app.db, self.plan_id, self.app.today.isoformat())
        outcome = Select(choices("plan_outcome"), prompt=_("Choose"), value=PlanOutcome.REPLACED)
        yield from field(_("Outcome"), outcome, "outcome")
        candidates = [
            (f"{c.person_name} — {label('readiness', c.readiness)}", c.person_id)
            for c in detail.candidates
        ]
        first = candidates[0][1] if candidates else Select.NULL
        successor = Select(candidates, prompt=_("Choose"), value=first)
        yield from field(_("New secretary (among the candidates)"), successor, "successor_id")
        yield from field(_("Date (dd/mm/yyyy)"), Input(_today(self)), "date")

    @on(Select.Changed, "#f-outcome")
    def _outcome(self, event: Select.Changed) -> None:
        self.query_one("#f-successor_id", Select).disabled = event.value != PlanOutcome.REPLACED

    def submit(self) -> bool:
        outcome = self.chosen("outcome")
        successor = self.query_one("#f-successor_id", Select).selection
        succession.complete_plan(
            self.app.db,
            self.plan_id,
            outcome=outcome,
            date=self.typed_date("date"),
            successor_id=successor if outcome == PlanOutcome.REPLACED else None,
            today=self.app.today,
        )
        return True
