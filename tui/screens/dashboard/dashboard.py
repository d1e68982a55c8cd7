"""The dashboard, the app's first screen: for the current supervisor (or all, for the committee
office) every assigned unit with its cadence, last visit, deadline and state, worst first; the
planned visits of this week and month; planned visits whose date passed with nothing recorded;
the counts at a glance. `v` or Enter logs a visit for the highlighted row.

The lists read a page at a time: the unit list from the kept deadlines (`due_list` with a
limit, `due_counts` for the cards), the agenda and the missed visits by planned date, each with
its count, so that the committee office's dashboard costs its first pages, not the province.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static

from store.lang.codes import BriefKind, PeriodKind
from store.lang.i18n import _
from store.lang.labels import label
from store.rules.periods import Period
from store.visits import AgendaItem, VisitResult, agenda, count_agenda, count_missed, missed_visits
from store.visits.regime import DueCounts, DueItem, due_counts, due_index, due_list
from tui.comeback import ComesBack
from tui.dialogs.supervisor_picker import SupervisorChoice, SupervisorPicker, current_choice
from tui.format import vn_date
from tui.forms.dates import week_of, weekday
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.overdue_concerns import OverdueConcerns
from tui.widgets.paged_table import Column, PagedTable, PageSource
from tui.widgets.personnel_gaps import PersonnelGaps

if TYPE_CHECKING:  # the forms and lists it opens are imported when opened
    from tui.screens.visits.visit_form import Target

OVERDUE_MARK, DUE_MARK, DONE_MARK = "⚠", "●", "✓"
STATE_STYLES = {"overdue": "bold red", "due": "yellow", "done": "green"}


@dataclass(frozen=True)
class DashboardData:
    """The dashboard's counts; its lists are read a page at a time (`sources`)."""

    choice: SupervisorChoice
    counts: DueCounts
    planned_week: int  # planned from today to the end of this week
    planned_month: int  # ... of this month
    upcoming: int  # ... of either, whichever ends later: the agenda's rows
    missed: int
    today: date
    week_end: date
    month_end: date

    @property
    def until(self) -> date:
        return max(self.week_end, self.month_end)


def load(db, today: date) -> DashboardData:
    choice = current_choice(db)
    week_end = week_of(today)[1]
    month_end = Period.containing(today, PeriodKind.MONTH).end
    week, month = (count_agenda(db, choice.id, today, end) for end in (week_end, month_end))
    return DashboardData(
        choice,
        due_counts(db, choice.id, today),
        week,
        month,
        max(week, month),
        count_missed(db, choice.id, today),
        today,
        week_end,
        month_end,
    )


def sources(db, data: DashboardData) -> tuple:
    """(count, fetch) of the unit list, the agenda and the missed visits, for `PageSource`."""
    who, today = data.choice.id, data.today
    return (
        (lambda: data.counts.assigned,
         lambda n, skip: due_list(db, who, today, limit=n, offset=skip, counts=data.counts)),
        (lambda: data.upcoming,
         lambda n, skip: agenda(db, who, today, data.until, limit=n, offset=skip)),
        (lambda: data.missed, lambda n, skip: missed_visits(db, who, today, limit=n, offset=skip)),
    )  # fmt: skip


def state_text(item: DueItem) -> Text:
    """`⚠ Quá hạn 23 ngày`, `● Đến hạn`, `✓ Đã dự`: colour and symbol, for any terminal."""
    if item.state == "overdue":
        words = f"{OVERDUE_MARK} " + _("Overdue by {days} days").format(days=item.days_overdue)
    elif item.state == "due":
        words = f"{DUE_MARK} " + _("Visit due")
    else:
        words = f"{DONE_MARK} " + _("Visited")
    return Text(words, style=STATE_STYLES[item.state])


class VisitTable(PagedTable):
    """The dashboard's lists, where Enter logs a visit for the highlighted row."""

    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Log visit",
            id="dashboard.log_visit",
            tooltip="Log a visit for the highlighted unit or planned visit",
        )
    ]


class DashboardScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "Your assigned units, the most overdue first: done this period, due, or overdue by so "
        "many days. Below them, the visits planned this week and month, and planned visits "
        "whose date passed with no record. v or Enter logs a visit for the highlighted row; "
        "s chooses whose units to follow (or all, for the committee office)."
    )
    BINDINGS = [
        Binding(
            "v",
            "log_visit",
            "Log visit",
            show=False,  # the lists' Enter does the same, and the footer shows that
            id="dashboard.visit",
            tooltip="Log a visit for the highlighted unit or planned visit",
        ),
        Binding(
            "s",
            "pick_supervisor",
            "Supervisor",
            id="dashboard.supervisor",
            tooltip="Choose whose units to follow, or all (committee office)",
        ),
        Binding(
            "l",
            "unit_visits",
            "Visits here",
            id="dashboard.unit_visits",
            tooltip="Visits recorded at the highlighted unit, to edit or delete",
        ),
        Binding(
            "a",
            "all_visits",
            "All visits",
            show=False,
            id="dashboard.all_visits",
            tooltip="Every visit recorded by the supervisor followed",
        ),
        Binding("o", "open_unit", "Unit", id="dashboard.unit", tooltip="Open the highlighted unit"),
        Binding(
            "b",
            "brief",
            "Brief",
            id="dashboard.brief",
            tooltip="Write this quarter's brief of the supervisor followed",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="dash-cards"):
            for key in ("assigned", "done", "due", "overdue", "week", "month", "missed"):
                yield Static(id=f"count-{key}", classes="dash-card")
        due = VisitTable([], empty_text=_("No unit is assigned."), id="dash-due")
        due.border_title = _("Assigned units, most overdue first")
        yield due
        with Horizontal(id="dash-plans"):
            planned = VisitTable([], empty_text=_("Nothing planned."), id="dash-agenda")
            planned.border_title = _("Planned: this week, this month")
            yield planned
            missed = VisitTable([], empty_text=_("None."), id="dash-missed")
            missed.border_title = _("Planned, date passed, not recorded")
            yield missed
            yield OverdueConcerns()
        yield PersonnelGaps()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload(panels=False)  # the panels read their own as they mount
        self.query_one("#dash-due", PagedTable).focus()
        self.watch(self.app, "supervisor_id", lambda _id: self.reload(), init=False)

    def came_back(self) -> None:
        """Back from a list where visits may have changed."""
        self.reload()

    # -- data ------------------------------------------------------------------------------
    def reload(self, *, panels: bool = True) -> None:
        """Read again; each cursor stays on its row (the same unit, if it is still listed).
        `panels`: the overdue concerns and the personnel gaps too."""
        due = self.query_one("#dash-due", PagedTable)
        kept = due.current
        self.data = data = load(self.app.db, self.app.today)
        self.sub_title = _("Dashboard — {who}").format(who=data.choice.name)
        everyone = data.choice.id is None
        plan_columns = [Column(_("Day"), 10), Column(_("Organization name"), cut="middle")]
        (due_rows, agenda_rows, missed_rows) = sources(self.app.db, data)
        for table, columns, (count, fetch), cells in (
            (due, self._due_columns(everyone), due_rows, self._due_cells),
            (self.query_one("#dash-agenda"), plan_columns, agenda_rows, self._agenda_cells),
            (self.query_one("#dash-missed"), plan_columns, missed_rows, self._missed_cells),
        ):
            cursor = table.cursor
            table.columns = tuple(columns)
            table.set_source(PageSource(count=count, fetch=fetch, cells=cells))
            table.cursor = min(cursor, max(table.row_count - 1, 0))
        if kept is not None:
            self._cursor_to(kept.assignment.supervisor_id, kept.assignment.unit_id)
        self._show_counts(data)
        if not panels:
            return
        self.query_one(OverdueConcerns).reload()
        if self.query_one(PersonnelGaps).gaps is not None:  # read once already: again
            self.query_one(PersonnelGaps).reload()

    def _show_counts(self, data: DashboardData) -> None:
        figures = {
            "assigned": (data.counts.assigned, _("Units assigned"), ""),
            "done": (data.counts.done, _("Visited this period"), "green"),
            "due": (data.counts.due, _("Due for a visit"), "yellow"),
            "overdue": (data.counts.overdue, _("Overdue"), "bold red"),
            "week": (data.planned_week, _("Planned this week"), ""),
            "month": (data.planned_month, _("Planned this month"), ""),
            "missed": (data.missed, _("Missed planned visits"), "red"),
        }
        for key, (number, caption, style) in figures.items():
            mark = f"{OVERDUE_MARK} " if key == "overdue" and number else ""
            text = Text(f"{mark}{number}\n", style=f"bold {style}" if number else "bold")
            text.append(caption, style="")
            card = self.query_one(f"#count-{key}", Static)
            card.update(text)
            card.set_class(key == "overdue" and number > 0, "-overdue")

    @staticmethod
    def _due_columns(everyone: bool) -> list[Column]:
        columns = [Column(_("State"), 19), Column(_("Organization name"), cut="middle")]
        if everyone:
            columns.append(Column(_("Committee member"), 20))
        return columns + [
            Column(_("Cadence"), 7),
            Column(_("Last visit"), 15),
            Column(_("Deadline"), 10),
        ]

    def _due_cells(self, item: DueItem) -> tuple:
        a = item.assignment
        who = (a.supervisor_name,) if self.data.choice.id is None else ()
        return (
            state_text(item),
            a.unit_name,
            *who,
            label("period", a.per).capitalize(),
            vn_date(item.last_visit.isoformat()) if item.last_visit else "—",
            vn_date(item.next_due.isoformat()) if item.next_due else "",
        )

    def _agenda_cells(self, item: AgendaItem) -> tuple:
        """This week's visits in bold."""
        day = date.fromisoformat(item.planned_date)
        style = "bold" if day <= self.data.week_end else ""
        when = Text(f"{weekday(day)} {day:%d/%m}", style=style)
        return (when, Text(item.unit_name, style=style))

    def _missed_cells(self, item: AgendaItem) -> tuple:
        day = date.fromisoformat(item.planned_date)
        when = Text(f"{OVERDUE_MARK} {day:%d/%m/%y}", style="red")
        return (when, item.unit_name)

    # -- actions ---------------------------------------------------------------------------
    def _focused_row(self) -> tuple[str, object] | None:
        focused = self.focused if isinstance(self.focused, PagedTable) else None
        if focused is not None and focused.id not in ("dash-due", "dash-agenda", "dash-missed"):
            focused = None  # the overdue concerns: Enter there opens the concern
        table = focused or self.query_one("#dash-due", PagedTable)
        row = table.current
        return (table.id or "", row) if row is not None else None

    @on(PagedTable.Selected, "#dash-due, #dash-agenda, #dash-missed")
    def _selected(self, event: PagedTable.Selected) -> None:
        self._log(event.table.id or "", event.row)

    @on(PersonnelGaps.Selected)
    async def _gap_chosen(self, event: PersonnelGaps.Selected) -> None:
        """A personnel gap chosen: the secretaries behind it, on the personnel screen."""
        await self.app.action_goto("personnel")
        await self.app.screen.run_action(f"filter({event.kind!r})")

    def action_log_visit(self) -> None:
        found = self._focused_row()
        if found is None:
            self.notify(_("No unit to log a visit for."), severity="warning")
            return
        self._log(*found)

    def _log(self, table: str, row) -> None:
        from tui.screens.visits.visit_form import Target, VisitForm

        if table == "dash-due":
            a = row.assignment
            target = Target(a.supervisor_id, a.unit_id, a.supervisor_name, a.unit_name)
            form = VisitForm(target, planned_visit_id=self._plan_of(row))
        else:
            target = Target(row.supervisor_id, row.unit_id, row.supervisor_name, row.unit_name)
            planned = date.fromisoformat(row.planned_date)
            day = min(planned, self.app.today)
            form = VisitForm(target, planned_visit_id=row.visit_id, day=day)
        self.app.push_screen(form, lambda result: self._logged(target, result))

    def _plan_of(self, item: DueItem) -> int | None:
        """The visit planned for this period (even if its date passed), which the visit logged
        today completes."""
        a, period = item.assignment, item.period
        end = min(period.end, self.data.until)  # what the agenda and the missed visits hold
        for plan in agenda(self.app.db, a.supervisor_id, period.start, end):
            if plan.unit_id == a.unit_id:
                return plan.visit_id
        return None

    def _logged(self, target: "Target", result: VisitResult | None) -> None:
        if result is None:
            return
        self.reload()
        self._cursor_to(target.supervisor_id, target.unit_id)
        self.query_one("#dash-due", PagedTable).focus()
        self.notify(
            _("Visit to {unit} saved: {total} points, {rating}.").format(
                unit=target.unit_name, total=result.total, rating=result.rating_label
            )
        )

    def _cursor_to(self, supervisor_id: int, unit_id: int) -> None:
        found = due_index(
            self.app.db, self.data.choice.id, self.app.today, (supervisor_id, unit_id)
        )
        if found is not None:
            self.query_one("#dash-due", PagedTable).cursor = found

    def action_pick_supervisor(self) -> None:
        self.app.push_screen(SupervisorPicker())  # the app's supervisor_id: see on_mount

    def _unit_id(self) -> int | None:
        found = self._focused_row()
        if found is None:
            return None
        table, row = found
        return row.assignment.unit_id if table == "dash-due" else row.unit_id

    def action_unit_visits(self) -> None:
        unit_id = self._unit_id()
        if unit_id is not None:
            from tui.screens.visits.visit_list import VisitListScreen

            self.app.push_screen(VisitListScreen(unit_id=unit_id))

    def action_all_visits(self) -> None:
        from tui.screens.visits.visit_list import VisitListScreen

        self.app.push_screen(VisitListScreen(supervisor_id=self.data.choice.id))

    async def action_brief(self) -> None:
        """The supervisor's brief for this quarter; for "all", the briefs screen instead."""
        from tui.briefing import Request, review_brief

        if self.data.choice.id is None:
            await self.app.action_goto("briefs")
            return
        quarter = Period.containing(self.app.today, PeriodKind.QUARTER).code
        review_brief(self.app, Request(BriefKind.SUPERVISOR, self.data.choice.id, quarter))

    def action_open_unit(self) -> None:
        unit_id = self._unit_id()
        if unit_id is not None:
            self.app.open_unit(unit_id)
