"""A person: the facts a supervisor needs, the posts held (current, then past with why they
ended), the capability notes as a timeline and the replacement-source plans about them.
The notes and the plans are personnel assessments: their panels carry the mark."""

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from store import visits
from store.core.errors import PhutrachError
from store.lang.codes import Role
from store.lang.i18n import _
from store.lang.labels import label
from store.personnel import capability
from store.personnel.capability import CapabilityNote
from store.personnel.people import PersonProfile, Post, person_profile
from store.personnel.succession import Plan, list_plans
from store.rules.rulebook import in_force as rulebook_in_force
from tui.comeback import ComesBack
from tui.confidential import marked
from tui.format import safe, vn_date
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource


class PersonScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "A person at a glance: personal facts, posts with their history, the capability notes "
        "as a timeline (oldest first) and the replacement-source plans. n records a note, k "
        "starts a plan for the unit where the person is secretary, a gives a post, e ends the "
        "post under the cursor. Notes and plans are confidential."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", id="person.back", tooltip="Back to the previous screen"),
        Binding(
            "n",
            "add_note",
            "Capability note",
            id="person.note",
            tooltip="Record a dated capability assessment of this person",
        ),
        Binding(
            "k",
            "start_plan",
            "Start a plan",
            id="person.plan",
            tooltip="Start a replacement-source plan for the unit this person leads",
        ),
        Binding("a", "appoint", "Give a post", id="person.appoint", tooltip="Elect or appoint"),
        Binding(
            "e",
            "end_post",
            "End the post",
            id="person.end_post",
            tooltip="End the post under the cursor, saying why",
        ),
        Binding("u", "open_unit", "Unit", id="person.unit", tooltip="Open the unit of the post"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="person-body"):
            yield Static(id="person-name")
            yield Static(id="person-facts")
            yield Label(_("Posts"), classes="section-title")
            yield PagedTable(_post_columns(), empty_text=_("No post recorded."), id="person-posts")
            with Vertical(id="person-notes", classes="confidential"):
                yield Static(id="person-timeline")
            yield PagedTable(
                _plan_columns(), empty_text=_("No plan about this person."), id="person-plans"
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#person-notes").border_title = marked(_("Capability notes"))
        self.query_one("#person-plans").border_title = marked(_("Replacement-source plans"))
        self.refresh_person()
        self.query_one("#person-posts").focus()

    def came_back(self) -> None:
        """Back from a form or a plan: show what changed."""
        self.refresh_person()

    def refresh_person(self) -> None:
        db, today = self.app.db, self.app.today.isoformat()
        try:
            self.profile = person_profile(db, self.person_id, today)
        except PhutrachError as exc:
            self.notify(exc.message, severity="error")
            return
        person = self.profile.person
        self.sub_title = person.name
        self.query_one("#person-name", Static).update(Text(person.name, style="bold"))
        self.query_one("#person-facts", Static).update(_facts(self.profile))
        posts = [*self.profile.current, *self.profile.history]
        self.query_one("#person-posts", PagedTable).set_source(_rows(posts, _post_cells(today)))
        notes = capability.timeline(db, self.person_id)
        self.query_one("#person-timeline", Static).update(self._timeline(notes))
        self.query_one("#person-plans", PagedTable).set_source(_rows(self._plans(), _plan_cells))
        self.refresh_bindings()

    def _plans(self) -> list[Plan]:
        """Plans whose incumbent or successor is this person."""
        units = {p.unit_id for p in (*self.profile.current, *self.profile.history)}
        today = self.app.today.isoformat()
        plans = [p for u in sorted(units) for p in list_plans(self.app.db, unit_id=u, as_of=today)]
        return [p for p in plans if self.person_id in (p.incumbent_id, p.successor_id)]

    def _timeline(self, notes: list[CapabilityNote]):
        if not notes:
            return Text(_("No capability note yet."), style="italic dim")
        rulebook = rulebook_in_force(self.app.db)
        return Group(*(_note_block(self.app.db, rulebook, n) for n in notes))

    # -- what the keys do ------------------------------------------------------------------
    @property
    def lead_post(self) -> Post | None:
        """The post a note or a plan is about: a current secretary post, else any current."""
        current = self.profile.current
        return next(
            (p for p in current if p.role == Role.SECRETARY), current[0] if current else None
        )

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "start_plan":
            post = self.lead_post if hasattr(self, "profile") else None
            return post is not None and post.role == Role.SECRETARY
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_add_note(self) -> None:
        from tui.screens.personnel.note_form import NoteForm

        post = self.lead_post
        self.app.push_screen(NoteForm(self.person_id, post.unit_id if post else None))

    def action_start_plan(self) -> None:
        from tui.screens.personnel.plan import PlanScreen
        from tui.screens.personnel.plan_forms import StartPlanForm

        post = self.lead_post
        if post is None or post.role != Role.SECRETARY:
            return

        def started(plan_id: int | None) -> None:
            if plan_id is not None:
                self.app.push_screen(PlanScreen(plan_id))

        self.app.push_screen(StartPlanForm(post.unit_id, self.person_id), started)

    def action_appoint(self) -> None:
        from tui.screens.personnel.post_form import AppointForm

        post = self.lead_post
        self.app.push_screen(AppointForm(self.person_id, post.unit_id if post else None))

    def action_end_post(self) -> None:
        from tui.screens.personnel.post_form import EndPostForm

        post = self.query_one("#person-posts", PagedTable).current
        if post is None:
            return
        if post.end_date:
            self.notify(
                _("This post already ended on {date}.").format(date=vn_date(post.end_date)),
                severity="warning",
            )
            return
        self.app.push_screen(EndPostForm(post))

    def action_open_unit(self) -> None:
        post = self.query_one("#person-posts", PagedTable).current or self.lead_post
        if post is not None:
            self.app.open_unit(post.unit_id)

    @on(PagedTable.Selected, "#person-plans")
    def _open_plan(self, event: PagedTable.Selected) -> None:
        from tui.screens.personnel.plan import PlanScreen

        self.app.push_screen(PlanScreen(event.row.id))

    @on(PagedTable.Selected, "#person-posts")
    def _open_post_unit(self, event: PagedTable.Selected) -> None:
        self.app.open_unit(event.row.unit_id)


def _rows(rows: list, cells) -> PageSource:
    return PageSource(
        count=lambda: len(rows),
        fetch=lambda limit, offset: rows[offset : offset + limit],
        cells=cells,
    )


def _facts(profile: PersonProfile) -> Table:
    person = profile.person
    age = person.age(profile.as_of)
    born = f"{person.birth_year} ({_('{age} years old').format(age=age)})" if age else ""
    grid = Table.grid(padding=(0, 2))
    for style in ("dim", "", "dim", ""):
        grid.add_column(style=style)
    grid.add_row(_("Birth year"), born, _("Sex"), label("sex", person.sex))
    grid.add_row(_("Joined the Party"), vn_date(person.party_joined), _("Code"), safe(person.code))
    grid.add_row(
        _("Political-theory level"),
        safe(person.theory_level),
        _("Education"),
        safe(person.education),
    )
    grid.add_row(_("Training"), safe(person.training), _("Phone"), safe(person.phone))
    if person.note:
        grid.add_row(_("Remarks"), safe(person.note), "", "")
    return grid


def _post_columns() -> list[Column]:
    return [
        Column(_("Post"), 24),
        Column(_("Party organization"), cut="middle"),
        Column(_("Concurrent role"), 24),
        Column(_("From"), 10),
        Column(_("To"), 10),
        Column(_("Why it ended")),
    ]


def _post_cells(today: str):
    def cells(post: Post) -> tuple:
        role = label("role", post.role)
        if post.acting:
            role = _("{post} (acting)").format(post=role)
        current = post.current(today)
        return (
            Text(role, style="bold" if current else "dim"),
            post.unit_name,
            label("concurrent_role", post.concurrent_role),
            vn_date(post.start_date),
            vn_date(post.end_date) if post.end_date else _("now"),
            post.end_reason or "",
        )

    return cells


def _plan_columns() -> list[Column]:
    return [
        Column(_("Party organization"), cut="middle"),
        Column(_("Reason"), 30),
        Column(_("Target date"), 12),
        Column(_("Status"), 15),
        Column(_("Outcome"), 22),
    ]


def _plan_cells(plan: Plan) -> tuple:
    outcome = label("plan_outcome", plan.outcome)
    if plan.successor_name:
        outcome = f"{outcome}: {plan.successor_name}"
    return (
        plan.unit_name,
        label("plan_reason", plan.reason),
        vn_date(plan.target_date),
        label("plan_status", plan.status),
        outcome,
    )


def _note_block(db, rulebook, note: CapabilityNote) -> Group:
    """One note of the timeline: date and who, the flag, the ratings, the narrative, visits."""
    head = Text.assemble(("● ", "bold"), (vn_date(note.date), "bold"))
    head.append(f"  {_('Overall')}: {rulebook.label('scale', note.overall)}")
    if note.supervisor_name:
        head.append(f"  · {note.supervisor_name}", style="dim")
    if note.unit_name:
        head.append(f"  · {note.unit_name}", style="dim")
    lines: list = [head]
    if note.flagged:
        lines.append(Text(f"  ⚑ {_('Limited capability, low prestige')}", style="bold red"))
    ratings = Table.grid(padding=(0, 2))
    ratings.add_column(style="dim")
    ratings.add_column()
    for dimension, level in note.rated(rulebook):
        if level:
            ratings.add_row(f"  │ {dimension}", level)
    lines.append(ratings)
    if note.narrative:
        lines.append(Text(f"  │ {note.narrative}", style="italic"))
    if note.visit_ids:
        days = ", ".join(vn_date(visits.get_visit(db, v).date) for v in note.visit_ids)
        lines.append(Text(f"  │ {_('Supporting visits')}: {days}", style="dim"))
    lines.append(Text(""))
    return Group(*lines)
