"""The personnel screen: the gap figures at the top, each a filter of the list below; the
list of secretaries (units without one first, in red), searchable without diacritics.

Filters: 0 all, 1–6 the gaps (tui.widgets.personnel_gaps), f every flagged secretary. The
"plans with overdue actions" gap lists plans; the "without a secretary" gap lists units.
"""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from store import personnel
from store.core.checks import year_before
from store.core.search_index import CAP, holds
from store.lang.codes import ConcurrentRole
from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import fold
from store.org.units import Unit, search_words
from store.personnel import Secretary
from store.personnel.succession import Plan, list_plans
from tui.comeback import ComesBack
from tui.confidential import marked
from tui.format import vn_date, vn_number
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource
from tui.widgets.personnel_gaps import GAP_KINDS, PersonnelGaps, gap_label, scope_supervisor
from tui.widgets.search_box import SearchBox, on_typed

FILTERS = ("all", "flagged", *GAP_KINDS)
VACANT, ACTING, FLAGGED, OVERDUE = "⚠", "◐", "⚑", "⏰"


def filter_label(kind: str) -> str:
    if kind == "all":
        return _("All secretaries")
    if kind == "flagged":
        return _("Limited capability, low prestige")
    return gap_label(kind)


def concurrent_short(code: str | None) -> str:
    return {
        ConcurrentRole.VILLAGE_HEAD: _("Village head"),
        ConcurrentRole.AGENCY_HEAD: _("Head of the agency"),
    }.get(code or "", "")


def matches(search: str, *names: str | None) -> bool:
    """Every word of `search` (diacritics ignored) in one of `names`: for the few in-memory
    rows of the vacant units and overdue plans, as the store matches secretaries."""
    return holds(fold(" ".join(n or "" for n in names)), search_words(search))


class PersonnelScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "The secretaries of the units you oversee. The figures at the top count the gaps: "
        "press their number (1 to 6) to list the rows behind one, 0 for all, f for every "
        "secretary flagged for limited capability and low prestige. ⚠ marks a unit without a "
        "secretary, ◐ an acting secretary, ⚑ a flagged one. Enter opens the person, the unit "
        "or the plan. Assessments are confidential."
    )
    BINDINGS = [
        Binding(
            "slash,ctrl+f",
            "focus_search",
            "Search",
            id="personnel.search",
            tooltip="Search by the name of the person or the unit, diacritics optional",
        ),
        Binding("0", "filter('all')", "All", id="personnel.all", tooltip="Show every secretary"),
        Binding(
            "f",
            "filter('flagged')",
            "Flagged",
            id="personnel.flagged",
            tooltip="Secretaries whose latest note is flagged",
        ),
        *(
            Binding(str(n), f"filter('{kind}')", show=False, id=f"personnel.gap{n}")
            for n, kind in enumerate(GAP_KINDS, start=1)
        ),
        Binding(
            "k",
            "start_plan",
            "Start a plan",
            id="personnel.start_plan",
            tooltip="Start a replacement-source plan for the unit of the row",
        ),
        Binding("escape", "leave_search", show=False, id="personnel.leave_search"),
    ]

    def __init__(self, filter: str = "all") -> None:
        super().__init__()
        self.filter = filter if filter in FILTERS else "all"
        self.search = ""
        self._unfilled: list[Unit] | None = None  # units without a secretary, see _vacant

    def compose(self) -> ComposeResult:
        yield Header()
        yield PersonnelGaps()
        yield SearchBox(
            placeholder=_("Search by name (diacritics optional)…"),
            id="personnel-search",
            results="#personnel-table",
        )
        yield PagedTable([], empty_text=_("No row matches."), id="personnel-table")
        yield Static(id="personnel-count")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Secretaries and personnel gaps")
        self.supervisor_id = scope_supervisor(self.app.db)
        self.show()
        self.watch(self.app, "supervisor_id", self._follow, init=False)
        on_typed(self.query_one("#personnel-search", Input), self._searched)
        self.query_one(PagedTable).focus()

    # -- the list --------------------------------------------------------------------------
    def show(self) -> None:
        """List the rows of the current filter and search."""
        table = self.query_one(PagedTable)
        table.columns = tuple(_plan_columns() if self.filter == "overdue_plans" else _columns())
        table.set_source(self._source())
        table.border_title = marked(filter_label(self.filter))
        text = _("{count} rows").format(count=vn_number(table.row_count))
        self.query_one("#personnel-count", Static).update(text, layout=False)
        self.query_one(PersonnelGaps).selected = self.filter if self.filter in GAP_KINDS else None

    def _source(self) -> PageSource:
        if self.filter == "overdue_plans":
            return _listed(self._overdue_plans(), _plan_cells)
        if self.filter == "without_secretary":
            return _listed(self._vacant(), _cells)
        vacant = self._vacant() if self.filter == "all" else []
        if self.filter == "all" and self.supervisor_id is None:
            if self.search:
                return _found(vacant, self.app.db, self.search, self.app.today.isoformat())
            return _everyone(vacant, self.app.db, self.app.today.isoformat())
        return _with_vacant(vacant, self._secretaries_args())

    def _secretaries_args(self) -> dict:
        args = {
            "db": self.app.db,
            "search": self.search,
            "supervisor_id": self.supervisor_id,
            "as_of": self.app.today.isoformat(),
        }
        today = self.app.today.isoformat()
        return args | {
            "flagged": {"flagged": True},
            "flagged_without_plan": {"flagged": True, "active_plan": False},
            "acting": {"acting": True},
            "unassessed": {"unassessed_since": year_before(today)},
            "concurrent": {"concurrent": True},
        }.get(self.filter, {})

    def _vacant(self) -> list[Unit]:
        """The units without a secretary that match the search; read once per filter or
        return to the screen, not at each keystroke (14 ms a province)."""
        if self._unfilled is None:
            self._unfilled = personnel.units_without_secretary(
                self.app.db, self.supervisor_id, as_of=self.app.today
            )
        return [u for u in self._unfilled if matches(self.search, u.name)]

    def _overdue_plans(self) -> list[Plan]:
        plans = list_plans(
            self.app.db,
            overdue=True,
            supervisor_id=self.supervisor_id,
            as_of=self.app.today.isoformat(),
        )
        return [p for p in plans if matches(self.search, p.unit_name, p.incumbent_name)]

    # -- events ----------------------------------------------------------------------------
    def _searched(self, text: str) -> None:
        self.search = text
        self.show()

    @on(PersonnelGaps.Selected)
    def _gap_chosen(self, event: PersonnelGaps.Selected) -> None:
        self.action_filter(event.kind)
        self.query_one(PagedTable).focus()

    @on(PagedTable.Selected, "#personnel-table")
    def _open_row(self, event: PagedTable.Selected) -> None:
        self.open_row(event.row)

    def open_row(self, row) -> None:
        from tui.screens.personnel.person import PersonScreen
        from tui.screens.personnel.plan import PlanScreen

        if isinstance(row, Secretary):
            self.app.push_screen(PersonScreen(row.person_id))
        elif isinstance(row, Plan):
            self.app.push_screen(PlanScreen(row.id))
        elif isinstance(row, Unit):
            self.app.open_unit(row.id)

    def _follow(self, _chosen: int | None) -> None:
        """Another supervisor chosen: their units, in the list as in the figures."""
        self.supervisor_id, self._unfilled = scope_supervisor(self.app.db), None
        self.query_one(PersonnelGaps).reload()
        self.show()

    def came_back(self) -> None:
        """Back from a person, a plan or another screen: figures and rows may have changed."""
        self._unfilled = None
        self.query_one(PersonnelGaps).reload()
        self.query_one(PagedTable).reload()

    # -- actions ---------------------------------------------------------------------------
    def action_filter(self, kind: str) -> None:
        self.filter, self._unfilled = kind, None
        self.show()

    def action_focus_search(self) -> None:
        self.query_one("#personnel-search", Input).focus()

    def action_leave_search(self) -> None:
        if self.focused is self.query_one("#personnel-search"):
            self.query_one(PagedTable).focus()

    def action_start_plan(self) -> None:
        from tui.screens.personnel.plan import PlanScreen
        from tui.screens.personnel.plan_forms import StartPlanForm

        row = self.query_one(PagedTable).current
        if isinstance(row, Secretary):
            form = StartPlanForm(row.unit_id, row.person_id)
        elif isinstance(row, Unit):
            form = StartPlanForm(row.id, None)
        else:
            return

        def opened(plan_id: int | None) -> None:
            if plan_id is not None:
                self.app.push_screen(PlanScreen(plan_id))

        self.app.push_screen(form, opened)


def _listed(rows: list, cells) -> PageSource:
    return PageSource(
        count=lambda: len(rows),
        fetch=lambda limit, offset: rows[offset : offset + limit],
        cells=cells,
    )


def _with_vacant(vacant: list[Unit], args: dict) -> PageSource:
    """The units without a secretary, then the secretaries, a page at a time. The table asks
    the count first at each (re)load: that reads the matching posts, the pages read them."""
    args = dict(args)
    db = args.pop("db")
    posts: list[int] = []

    def count() -> int:
        posts[:] = personnel.secretary_posts(db, **args)
        return len(vacant) + len(posts)

    def fetch(limit: int, offset: int) -> list:
        head = vacant[offset : offset + limit]
        skip = max(offset - len(vacant), 0)
        page = posts[skip : skip + limit - len(head)]
        return head + (personnel.secretaries_of(db, page, args["as_of"]) if page else [])

    return PageSource(count=count, fetch=fetch, cells=_cells)


def _found(vacant: list[Unit], db, search: str, as_of: str) -> PageSource:
    """The units without a secretary that match, then the secretaries found, a page read a
    page and counted up to CAP (a keystroke draws its page, it does not count the province)."""

    def fetch(limit: int, offset: int) -> list:
        head = vacant[offset : offset + limit]
        rest, skip = limit - len(head), max(offset - len(vacant), 0)
        found = personnel.found_secretaries(db, search, as_of=as_of, limit=rest, offset=skip)
        return head + (found if rest else [])

    return PageSource(
        count=lambda: (
            len(vacant) + personnel.count_found_secretaries(db, search, as_of=as_of, cap=CAP)
        ),
        fetch=fetch,
        cells=_cells,
        cap=len(vacant) + CAP,
        exact=lambda: len(vacant) + personnel.count_found_secretaries(db, search, as_of=as_of),
    )


def _everyone(vacant: list[Unit], db, as_of: str) -> PageSource:
    """The units without a secretary, then every secretary, a page read a page (the list's
    first show, where `_with_vacant` read every post of the province in order)."""

    def fetch(limit: int, offset: int) -> list:
        head = vacant[offset : offset + limit]
        rest, skip = limit - len(head), max(offset - len(vacant), 0)
        return head + (
            personnel.all_secretaries(db, as_of=as_of, limit=rest, offset=skip) if rest else []
        )

    return PageSource(
        count=lambda: len(vacant) + personnel.count_all_secretaries(db, as_of=as_of, cap=CAP),
        fetch=fetch,
        cells=_cells,
        cap=len(vacant) + CAP,
        exact=lambda: len(vacant) + personnel.count_all_secretaries(db, as_of=as_of),
    )


def _columns() -> list[Column]:
    return [
        Column("", 2),
        Column(_("Party organization"), cut="middle"),
        Column(_("Secretary")),
        Column(_("Birth year"), 8, "right"),
        Column(_("Concurrent role"), 18),
        Column(_("Last assessed"), 17),
        Column(_("Plan"), 8),
    ]


def _plan_columns() -> list[Column]:
    return [
        Column("", 2),
        Column(_("Party organization"), cut="middle"),
        Column(_("Incumbent secretary")),
        Column(_("Reason")),
        Column(_("Target date"), 12),
        Column(_("Overdue actions"), 16, "right"),
        Column(_("Status"), 15),
    ]


def _cells(row: Secretary | Unit) -> tuple:
    if isinstance(row, Unit):
        vacant = Text(_("No secretary"), style="bold red")
        return (Text(VACANT, style="bold red"), Text(row.name, style="red"), vacant)
    marks = Text()
    if row.acting:
        marks.append(ACTING, style="bold yellow")
    if row.flagged:
        marks.append(FLAGGED, style="bold red")
    name: str | Text = row.person_name
    if row.acting:
        name = Text(_("{name} (acting)").format(name=row.person_name), style="yellow")
    assessed: str | Text = vn_date(row.last_note_date) or _("never")
    if row.flagged:
        assessed = Text(vn_date(row.last_note_date), style="bold red")
    return (
        marks,
        row.unit_name,
        name,
        str(row.birth_year or ""),
        concurrent_short(row.concurrent_role),
        assessed,
        "✓" if row.has_active_plan else "",
    )


def _plan_cells(plan: Plan) -> tuple:
    return (
        Text(OVERDUE, style="bold red"),
        plan.unit_name,
        plan.incumbent_name or _("No secretary"),
        label("plan_reason", plan.reason),
        vn_date(plan.target_date),
        Text(str(plan.overdue_actions), style="bold red"),
        label("plan_status", plan.status),
    )
