"""A replacement-source plan: the unit, the incumbent, why, by when, its status; the
candidates with their readiness; the development actions with owner, due date and status,
overdue ones marked. Completing it by replacement makes a candidate the secretary, and the
screen then shows the unit's new secretary. Confidential throughout."""

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from store.core.errors import PhutrachError
from store.lang.codes import BriefKind, PlanOutcome, PlanStatus, Readiness
from store.lang.i18n import _
from store.lang.labels import label
from store.personnel.people import unit_people
from store.personnel.succession import Action, Candidate, PlanDetail, activate_plan, plan_detail
from tui.comeback import ComesBack
from tui.confidential import marked
from tui.format import safe, vn_date
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource

OVERDUE = "⚠"


class PlanScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "A replacement-source plan for a unit's secretary. c adds a candidate, a a development "
        "action, s moves the action under the cursor on (planned, in progress, done). t puts a "
        "draft plan into effect once it has a candidate; h completes it (by replacement: the "
        "chosen candidate becomes secretary at once); x cancels it. ⚠ marks an action past its "
        "due date. The plan is confidential."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", id="plan.back", tooltip="Back to the previous screen"),
        Binding(
            "c", "add_candidate", "Add candidate", id="plan.candidate", tooltip="Add a candidate"
        ),
        Binding(
            "a", "add_action", "Add action", id="plan.action", tooltip="Add a development action"
        ),
        Binding(
            "s",
            "action_status",
            "Action status",
            id="plan.action_status",
            tooltip="Move the action under the cursor on",
        ),
        Binding(
            "t", "activate", "Activate", id="plan.activate", tooltip="Put the plan into effect"
        ),
        Binding(
            "h",
            "complete",
            "Complete",
            id="plan.complete",
            tooltip="Close the plan: replaced, retained or another outcome",
        ),
        Binding("x", "cancel_plan", "Cancel plan", id="plan.cancel", tooltip="Cancel the plan"),
        Binding("u", "open_unit", "Unit", id="plan.unit", tooltip="Open the unit of the plan"),
        Binding("b", "brief", "Brief", id="plan.brief", tooltip="Write the plan (confidential)"),
    ]

    def __init__(self, plan_id: int) -> None:
        super().__init__()
        self.plan_id = plan_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="plan-body", classes="confidential"):
            yield Static(id="plan-facts")
            yield Static(id="plan-secretary")
            yield Label(_("Candidates of the plan"), classes="section-title")
            yield PagedTable(
                _candidate_columns(), empty_text=_("No candidate yet."), id="plan-candidates"
            )
            yield Label(_("Development actions"), classes="section-title")
            yield PagedTable(_action_columns(), empty_text=_("No action yet."), id="plan-actions")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#plan-body").border_title = marked(_("Replacement-source plan"))
        self.refresh_plan()
        self.query_one("#plan-actions").focus()

    def came_back(self) -> None:
        self.refresh_plan()

    def refresh_plan(self) -> None:
        today = self.app.today.isoformat()
        self.detail: PlanDetail = plan_detail(self.app.db, self.plan_id, today)
        plan = self.detail.plan
        self.sub_title = plan.unit_name
        self.query_one("#plan-facts", Static).update(_facts(self.detail))
        secretary = unit_people(self.app.db, plan.unit_id, today).secretary
        self.query_one("#plan-secretary", Static).update(_secretary_line(secretary))
        self.query_one("#plan-candidates", PagedTable).set_source(
            _rows(list(self.detail.candidates), _candidate_cells)
        )
        self.query_one("#plan-actions", PagedTable).set_source(
            _rows(list(self.detail.actions), _action_cells(today))
        )
        self.refresh_bindings()

    # -- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not hasattr(self, "detail"):
            return True
        status = self.detail.plan.status
        if action in ("add_candidate", "add_action", "action_status", "cancel_plan"):
            return status in (PlanStatus.DRAFT, PlanStatus.ACTIVE)
        if action == "activate":
            return status == PlanStatus.DRAFT
        if action == "complete":
            return status == PlanStatus.ACTIVE
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_open_unit(self) -> None:
        self.app.open_unit(self.detail.plan.unit_id)

    def action_brief(self) -> None:
        from tui.briefing import Request, review_brief

        review_brief(
            self.app, Request(BriefKind.PLAN, self.plan_id, str(self.app.today.year), True)
        )

    def action_add_candidate(self) -> None:
        from tui.screens.personnel.plan_forms import CandidateForm

        self.app.push_screen(CandidateForm(self.plan_id))

    def action_add_action(self) -> None:
        from tui.screens.personnel.plan_forms import ActionForm

        self.app.push_screen(ActionForm(self.plan_id))

    def action_action_status(self) -> None:
        from tui.screens.personnel.plan_forms import ActionStatusForm

        action = self.query_one("#plan-actions", PagedTable).current
        if action is not None:
            self.app.push_screen(ActionStatusForm(action))

    def action_activate(self) -> None:
        try:
            activate_plan(self.app.db, self.plan_id, today=self.app.today)
        except PhutrachError as exc:
            self.notify(exc.message, severity="error")
            return
        self.refresh_plan()
        self.notify(_("The plan is in effect."))

    def action_cancel_plan(self) -> None:
        from tui.screens.personnel.plan_forms import CancelPlanForm

        self.app.push_screen(CancelPlanForm(self.plan_id))

    def action_complete(self) -> None:
        from tui.screens.personnel.plan_forms import CompletePlanForm

        def completed(done: bool | None) -> None:
            self.refresh_plan()
            plan = self.detail.plan
            if done and plan.outcome == PlanOutcome.REPLACED:
                self.notify(
                    _("{name} is now the secretary of {unit}.").format(
                        name=plan.successor_name, unit=plan.unit_name
                    )
                )

        self.app.push_screen(CompletePlanForm(self.plan_id), completed)


def _rows(rows: list, cells) -> PageSource:
    return PageSource(
        count=lambda: len(rows),
        fetch=lambda limit, offset: rows[offset : offset + limit],
        cells=cells,
    )


def _facts(detail: PlanDetail) -> Table:
    plan = detail.plan
    grid = Table.grid(padding=(0, 2))
    for style in ("dim", "", "dim", ""):
        grid.add_column(style=style)
    grid.add_row(
        _("Party organization"),
        safe(plan.unit_name),
        _("Status"),
        label("plan_status", plan.status),
    )
    grid.add_row(
        _("Incumbent secretary"),
        safe(plan.incumbent_name or _("No secretary")),
        _("Target date"),
        vn_date(plan.target_date),
    )
    grid.add_row(
        _("Reason"),
        label("plan_reason", plan.reason),
        _("Committee member in charge"),
        safe(plan.supervisor_name),
    )
    if detail.note is not None:
        flag = " ⚑" if detail.note.flagged else ""
        ground = _("capability note of {date}").format(date=vn_date(detail.note.date)) + flag
        grid.add_row(_("Ground"), ground, "", "")
    if plan.outcome:
        outcome = label("plan_outcome", plan.outcome)
        if plan.successor_name:
            outcome = f"{outcome}: {plan.successor_name}"
        grid.add_row(_("Outcome"), safe(outcome), _("On"), vn_date(plan.outcome_date))
    elif plan.status == PlanStatus.CANCELLED:
        grid.add_row(_("Cancelled on"), vn_date(plan.outcome_date), "", "")
    overdue = len(detail.overdue)
    if overdue:
        grid.add_row(_("Overdue actions"), Text(f"{OVERDUE} {overdue}", style="bold red"), "", "")
    return grid


def _secretary_line(secretary) -> Text:
    text = Text(_("Secretary of the unit today") + ": ", style="dim")
    if secretary is None:
        return text.append(_("No secretary"), style="bold red")
    text.append(secretary.person_name, style="bold")
    text.append(" " + _("since {date}").format(date=vn_date(secretary.start_date)))
    if secretary.acting:
        text.append(" " + _("(acting)"), style="yellow")
    return text


def _candidate_columns() -> list[Column]:
    return [
        Column(_("Full name"), 24),
        Column(_("Birth year"), 8, "right"),
        Column(_("Current post")),
        Column(_("Readiness"), 16),
        Column(_("Remarks"), 24),
    ]


def _candidate_cells(candidate: Candidate) -> tuple:
    readiness = label("readiness", candidate.readiness)
    return (
        candidate.person_name,
        str(candidate.birth_year or ""),
        candidate.current_post or "",
        Text(readiness, style="bold green") if candidate.readiness == Readiness.NOW else readiness,
        candidate.note or "",
    )


def _action_columns() -> list[Column]:
    return [
        Column("", 2),
        Column(_("Kind of action"), 21),
        Column(_("What is to be done")),
        Column(_("For"), 18),
        Column(_("Responsible"), 18),
        Column(_("Due"), 10),
        Column(_("Status"), 14),
    ]


def _action_cells(today: str):
    def cells(action: Action) -> tuple:
        late = action.overdue(today)
        status = label("action_status", action.status)
        return (
            Text(OVERDUE, style="bold red") if late else "",
            label("action_kind", action.kind),
            action.description or "",
            action.candidate_name or "",
            action.owner or "",
            Text(vn_date(action.due_date), style="bold red") if late else vn_date(action.due_date),
            Text(_("Overdue"), style="bold red") if late else status,
        )

    return cells
