"""The visit agenda: planned visits by week or by month, suggestions from each assignment's
cadence (accepted one by one or all at once), and planned visits whose date passed with nothing
recorded, listed apart and marked."""

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Label, Select

from store.core.errors import ValidationError
from store.lang.codes import PeriodKind
from store.lang.i18n import _
from store.org import supervisors
from store.rules.periods import Period
from store.visits import VisitResult
from store.visits.planning import (
    AgendaItem,
    Suggestion,
    agenda,
    cancel_planned_visit,
    count_agenda,
    count_missed,
    missed_visits,
    plan_visit,
    suggest_plan,
)
from tui.comeback import ComesBack
from tui.format import vn_date
from tui.forms.dates import week_of, weekday
from tui.node import PhutrachNode
from tui.screens.regime.agenda_dialogs import CancelVisitQuestion, MoveVisitForm
from tui.screens.visits.visit_form import Target, VisitForm
from tui.widgets.key_footer import KeyFooter
from tui.widgets.lazy_select import LazySelect
from tui.widgets.paged_table import Column, PagedTable, PageSource

SUGGEST_MONTHS = 3
MISSED_MARK = "⚠"
ALL = 0  # the supervisor choice meaning "every committee member"


TABLES = ("planned", "missed", "suggested")


class AgendaScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "The visit agenda of a committee member, by week or by month (w; [ and ] move to the "
        "week or month before or after). Suggestions follow each assignment's cadence: a plans "
        "the highlighted one, A plans them all. v records the highlighted planned visit, r "
        "moves it and x cancels it. Planned visits whose date passed with nothing recorded are "
        "listed apart, marked ⚠. Enter opens the unit."
    )
    BINDINGS = [
        Binding(
            "w", "toggle_view", "Week / month", id="agenda.view", tooltip="Show by week or by month"
        ),
        Binding(
            "left_square_bracket",
            "shift(-1)",
            "Earlier",
            id="agenda.earlier",
            tooltip="The previous week or month",
        ),
        Binding(
            "right_square_bracket",
            "shift(1)",
            "Later",
            id="agenda.later",
            tooltip="The next week or month",
        ),
        Binding(
            "t",
            "this_period",
            "Today",
            id="agenda.today",
            tooltip="Back to the week or month of today",
        ),
        Binding(
            "a",
            "accept",
            "Plan it",
            id="agenda.accept",
            tooltip="Put the highlighted suggestion on the agenda",
        ),
        Binding(
            "A",
            "accept_all",
            "Plan all",
            id="agenda.accept_all",
            tooltip="Put every suggestion on the agenda",
        ),
        Binding(
            "v",
            "log_visit",
            "Log visit",
            id="agenda.visit",
            tooltip="Record the visit for the highlighted planned visit",
        ),
        Binding(
            "r",
            "move",
            "Move",
            id="agenda.move",
            tooltip="Give the highlighted planned visit another date",
        ),
        Binding(
            "x",
            "cancel_visit",
            "Cancel visit",
            id="agenda.cancel",
            tooltip="Take the highlighted planned visit off the agenda",
        ),
        Binding(
            "s",
            "choose_supervisor",
            "Choose supervisor",
            id="agenda.supervisor",
            tooltip="Show the agenda of one committee member, or of all",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "week"
        self.rows: dict[str, list] = {"suggested": []}

    def compose(self) -> ComposeResult:
        db = self.app.db
        self.anchor: date = self.app.today
        self.supervisor_id = self.app.supervisor_id
        everyone = [(_("All committee members (committee office)"), ALL)]
        yield Header()
        with Horizontal(id="agenda-bar"):
            yield Label(_("Supervisor"), id="agenda-supervisor-label")
            yield LazySelect(
                lambda: everyone + [(s.name, s.id) for s in supervisors.list_supervisors(db)],
                first=everyone,
                value=self.supervisor_id or ALL,
                allow_blank=False,
                compact=True,
                id="agenda-supervisor",
            )
        with Horizontal(id="agenda-body"):
            yield self._table("planned", _planned_columns(), _("No visit planned."))
            yield self._table("suggested", _suggested_columns(), "")
        yield self._table("missed", _missed_columns(), _("No missed planned visit."))
        yield KeyFooter()

    def _table(self, name: str, columns: list[Column], empty: str) -> PagedTable:
        return PagedTable(columns, empty_text=empty, id=f"agenda-{name}")

    def _source(self, name: str) -> PageSource:
        """The planned and the missed visits a page at a time from the store (the office's
        missed visits are thousands at 4×: read whole, they took 0.8 s to show); the
        suggestions, one supervisor's few, from `self.rows`. Read again at each reload (the
        cursor stays put)."""
        db = self.app.db
        if name == "planned":
            return PageSource(
                count=lambda: count_agenda(db, self.supervisor_id, *self.span()),
                fetch=lambda limit, offset: agenda(
                    db, self.supervisor_id, *self.span(), limit=limit, offset=offset
                ),
                cells=self._planned_cells,
            )
        if name == "missed":
            return PageSource(
                count=lambda: count_missed(db, self.supervisor_id, self.app.today),
                fetch=lambda limit, offset: missed_visits(
                    db, self.supervisor_id, self.app.today, limit=limit, offset=offset
                ),
                cells=self._missed_cells,
            )
        return PageSource(
            count=lambda: len(self.rows[name]),
            fetch=lambda limit, offset: self.rows[name][offset : offset + limit],
            cells=_suggested_cells,
        )

    def on_mount(self) -> None:
        self.sub_title = _("Visit agenda")
        for name in TABLES:
            self.query_one(f"#agenda-{name}", PagedTable).set_source(self._source(name))
        self.reload()
        self.query_one("#agenda-planned", PagedTable).focus()
        self.watch(self.app, "supervisor_id", self._follow, init=False)

    def _follow(self, supervisor_id: int | None) -> None:
        """The supervisor chosen changed (here or on another screen): show theirs."""
        if supervisor_id != self.supervisor_id:
            self.supervisor_id = supervisor_id
            self.query_one("#agenda-supervisor", LazySelect).choose(supervisor_id or ALL)
            self.reload()

    # -- data ------------------------------------------------------------------------------
    def span(self) -> tuple[date, date]:
        if self.view == "week":
            return week_of(self.anchor)
        month = Period.containing(self.anchor, PeriodKind.MONTH)
        return month.start, month.end

    def reload(self) -> None:
        db, today, who = self.app.db, self.app.today, self.supervisor_id
        start, end = self.span()
        self.rows["suggested"] = (
            suggest_plan(db, who, start=today, months=SUGGEST_MONTHS) if who else []
        )
        for name in TABLES:
            self.query_one(f"#agenda-{name}", PagedTable).reload()
        self._titles(start, end)
        self.refresh_bindings()

    def _titles(self, start: date, end: date) -> None:
        planned = self.query_one("#agenda-planned", PagedTable)
        if self.view == "week":
            planned.border_title = _("Planned visits, week {start} – {end}").format(
                start=vn_date(start.isoformat()), end=vn_date(end.isoformat())
            )
        else:
            month = Period.containing(start, PeriodKind.MONTH).title()
            planned.border_title = _("Planned visits, {month}").format(month=month)
        missed = self.query_one("#agenda-missed", PagedTable)
        missed.border_title = f"{MISSED_MARK} " + _("Date passed, nothing recorded")
        suggested = self.query_one("#agenda-suggested", PagedTable)
        suggested.border_title = _("Suggested by the visit cadence")
        suggested.empty_text = (
            _("Nothing left to plan in the next {months} months.").format(months=SUGGEST_MONTHS)
            if self.supervisor_id
            else _("Choose a committee member (s) to see suggestions.")
        )
        for table in (planned, missed, suggested):
            table.border_subtitle = _("{count} visits").format(count=table.row_count)

    # -- cells -----------------------------------------------------------------------------
    def _late(self, item: AgendaItem) -> bool:
        return date.fromisoformat(item.planned_date) < self.app.today

    def _planned_cells(self, item: AgendaItem) -> tuple:
        mark = Text(MISSED_MARK, style="bold red") if self._late(item) else ""
        return (mark, _day(item.planned_date), item.unit_name, item.supervisor_name)

    def _missed_cells(self, item: AgendaItem) -> tuple:
        late = (self.app.today - date.fromisoformat(item.planned_date)).days
        return (
            Text(MISSED_MARK, style="bold red"),
            _day(item.planned_date),
            item.unit_name,
            item.supervisor_name,
            Text(_("{days} days late").format(days=late), style="red"),
        )

    # -- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("accept", "accept_all"):
            return bool(self.rows["suggested"])
        if action in ("move", "cancel_visit", "log_visit"):
            return self._highlighted_visit() is not None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _highlighted_visit(self) -> AgendaItem | None:
        focused = self.focused
        if isinstance(focused, PagedTable) and focused.id in ("agenda-planned", "agenda-missed"):
            return focused.current
        return None

    def action_toggle_view(self) -> None:
        self.view = "month" if self.view == "week" else "week"
        self.reload()

    def action_shift(self, step: int) -> None:
        start = self.span()[0]
        if self.view == "week":
            self.anchor = date.fromordinal(start.toordinal() + 7 * step)
        else:
            self.anchor = Period.containing(start, PeriodKind.MONTH).shift(step).start
        self.reload()

    def action_this_period(self) -> None:
        self.anchor = self.app.today
        self.reload()

    def action_choose_supervisor(self) -> None:
        self.query_one("#agenda-supervisor", Select).focus()

    @on(Select.Changed, "#agenda-supervisor")
    def _supervisor_chosen(self, event: Select.Changed) -> None:
        if (event.value or None) != self.supervisor_id:
            self.app.follow_supervisor(event.value or None)  # every screen follows: _follow
            self.query_one("#agenda-planned", PagedTable).focus()

    def came_back(self) -> None:
        """Visits may have been recorded or planned elsewhere meanwhile."""
        self.reload()

    def action_accept(self) -> None:
        suggestion = self.query_one("#agenda-suggested", PagedTable).current
        if suggestion is not None and self._plan(suggestion):
            self.notify(
                _("Planned: {unit} on {date}.").format(
                    unit=suggestion.assignment.unit_name, date=vn_date(suggestion.date.isoformat())
                )
            )
        self.reload()

    def action_accept_all(self) -> None:
        planned = sum(self._plan(s) for s in list(self.rows["suggested"]))
        self.notify(_("{count} visits put on the agenda.").format(count=planned))
        self.reload()

    def _plan(self, suggestion: Suggestion) -> bool:
        a = suggestion.assignment
        try:
            plan_visit(
                self.app.db, a.supervisor_id, a.unit_id, suggestion.date, today=self.app.today
            )
        except ValidationError as exc:
            self.notify(f"{a.unit_name}: {exc.detail}", severity="error")
            return False
        return True

    def action_log_visit(self) -> None:
        item = self._highlighted_visit()
        if item is None:
            return
        target = Target(item.supervisor_id, item.unit_id, item.supervisor_name, item.unit_name)
        day = min(date.fromisoformat(item.planned_date), self.app.today)
        form = VisitForm(target, planned_visit_id=item.visit_id, day=day)
        self.app.push_screen(form, self._logged)

    def _logged(self, result: VisitResult | None) -> None:
        if result is not None:
            self.notify(
                _("Visit recorded: {total} points, {rating}.").format(
                    total=result.total, rating=result.rating_label
                )
            )
            self.reload()

    def action_move(self) -> None:
        item = self._highlighted_visit()
        if item is not None:
            self.app.push_screen(MoveVisitForm(item), self._moved)

    def _moved(self, day: str | None) -> None:
        if day:
            self.notify(_("Visit moved to {date}.").format(date=vn_date(day)))
            self.reload()

    def action_cancel_visit(self) -> None:
        item = self._highlighted_visit()
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                cancel_planned_visit(self.app.db, item.visit_id)
                self.notify(_("Visit taken off the agenda."))
                self.reload()

        self.app.push_screen(CancelVisitQuestion(item), answered)

    @on(PagedTable.Selected)
    def _open_unit(self, event: PagedTable.Selected) -> None:
        row = event.row
        self.app.open_unit(row.assignment.unit_id if isinstance(row, Suggestion) else row.unit_id)


def _day(iso: str) -> str:
    return f"{weekday(date.fromisoformat(iso))} {vn_date(iso)}"


def _planned_columns() -> list[Column]:
    return [
        Column("", 1),
        Column(_("Date"), 14),
        Column(_("Party organization"), cut="middle"),
        Column(_("Supervisor"), 22),
    ]


def _missed_columns() -> list[Column]:
    return [
        Column("", 1),
        Column(_("Planned for"), 14),
        Column(_("Party organization"), cut="middle"),
        Column(_("Supervisor"), 22),
        Column(_("Late"), 16, "right"),
    ]


def _suggested_columns() -> list[Column]:
    return [
        Column(_("Date"), 14),
        Column(_("Party organization"), cut="middle"),
        Column(_("Cadence period"), 15),
    ]


def _suggested_cells(s: Suggestion) -> tuple:
    return (_day(s.date.isoformat()), s.assignment.unit_name, s.period.title())
