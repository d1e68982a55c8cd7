"""The budgets measured on the store calls the screens make: every list's first page, search
per keystroke, the dashboard, the annual report's data.

A list's "first page" is what `PagedTable.set_source` costs: the count, then one page of 100
rows, plus the figures a screen
shows beside its list. Calls rotate over a spread of supervisors, so that one supervisor's
warm cache does not flatter the result.
"""

from collections.abc import Callable
from datetime import date, timedelta
from itertools import cycle

from bench.timing import Row, Sample, measure
from briefs.kinds import annual
from store import personnel
from store.concerns import board as concern_board
from store.core.search_index import CAP
from store.org import get_supervisor, supervisors, units
from store.personnel import people
from store.personnel.succession import list_plans
from store.rules.cadence import due_counts, due_list
from store.rules.rulebook import in_force as rulebook_in_force  # noqa: E402
from store.visits import visit_list
from store.visits.grid import compliance_grid
from store.visits.planning import (
    agenda,
    count_agenda,
    count_missed,
    missed_visits,
    suggest_plan,
)
from tui.widgets.unit_tree import GROUP_OVER  # the top level read to tell if it is grouped

PAGE = 100
# Issue 16's budgets (ms, p95): a list's first page is part of its screen's first rows.
FIRST_PAGE, GRID, SEARCH, DASHBOARD, ANNUAL = 100, 30, 5, 50, 300
# What a user types, one keystroke at a time, in each searchable list.
TYPED = {"units": "chi bo thon", "secretaries": "nguyen van", "concerns": "nha van hoa"}


def spread(db, count: int = 12) -> list[int]:
    """Ids of `count` supervisors spread over the list (each with its own units)."""
    ids = [s.id for s in supervisors.list_supervisors(db)]
    step = max(len(ids) // count, 1)
    return ids[::step][:count]


def _rotating(calls: Callable[[int], object], ids: list[int]) -> Callable[[], object]:
    chosen = cycle(ids)
    return lambda: calls(next(chosen))


def _week(today: date) -> tuple[date, date]:
    start = today - timedelta(days=today.weekday())
    return start, start + timedelta(days=6)


def list_pages(db, today: date, reps: int) -> list[Row]:
    """The first page of every list, for everyone (the committee office) and per supervisor."""
    ids, day = spread(db), today.isoformat()
    start, end = _week(today)

    def units_page():
        units.count_units(db)
        units.list_units(db, limit=PAGE)

    def people_page():
        people.count_people(db)
        people.list_people(db, limit=PAGE)

    def secretaries_page(sid):  # as the personnel screen reads it (everyone: a page)
        personnel.units_without_secretary(db, sid, as_of=day)
        if sid is None:
            personnel.count_all_secretaries(db, as_of=day, cap=CAP)
            personnel.all_secretaries(db, as_of=day, limit=PAGE)
            return
        posts = personnel.secretary_posts(db, supervisor_id=sid, as_of=day)
        personnel.secretaries_of(db, posts[:PAGE], day)

    def visits_page(sid):
        visit_list.count_visits(db, supervisor_id=sid)
        visit_list.list_visits(db, supervisor_id=sid, limit=PAGE)

    def board_page(sid):
        concern_board.count_board(db, status="open", supervisor_id=sid, as_of=day)
        concern_board.board(db, status="open", supervisor_id=sid, as_of=day, limit=PAGE)
        concern_board.board_counts(db, supervisor_id=sid, as_of=day)

    def agenda_page(sid):  # as the agenda screen reads it: two counts and two pages
        count_agenda(db, sid, start, end)
        agenda(db, sid, start, end, limit=PAGE)
        count_missed(db, sid, today)
        missed_visits(db, sid, today, limit=PAGE)
        if sid is not None:
            suggest_plan(db, sid, start=today, months=3)

    def tree_top():  # as the unit tree reads it (tui.widgets.unit_tree): enough to tell
        if len(units.children(db, None, limit=GROUP_OVER + 1)) > GROUP_OVER:
            units.top_sectors(db)  # one branch a sector, its units read when opened

    calls = {
        "units": (units_page, None),
        "people": (people_page, None),
        "secretaries": (lambda: secretaries_page(None), secretaries_page),
        "visits": (lambda: visits_page(None), visits_page),
        "concern board": (lambda: board_page(None), board_page),
        "plans": (
            lambda: list_plans(db, as_of=day),
            lambda s: list_plans(db, supervisor_id=s, as_of=day),
        ),
        "agenda": (lambda: agenda_page(None), agenda_page),
        "due list": (lambda: due_page(db, None, today), lambda s: due_page(db, s, today)),
        "unit tree (top level)": (tree_top, None),
        "compliance grid (top level, year)": (
            lambda: compliance_grid(db, parent_id=None, year=today.year, as_of=today),
            None,
        ),
        "compliance grid (first page of a year)": (
            lambda: compliance_grid(db, parent_id=None, year=today.year, as_of=today, first=PAGE),
            None,
        ),
    }
    rows = []
    for name, (everyone, one) in calls.items():
        # The budget is the grid's first page; the whole top level is shown beside it.
        budget = {"compliance grid (first page of a year)": GRID}.get(name, FIRST_PAGE)
        budget = None if name == "compliance grid (top level, year)" else budget
        rows.append(Row(f"first page: {name}", budget, measure(everyone, reps), note="all"))
        if one is not None:
            sample = measure(_rotating(one, ids), reps)
            rows.append(Row(f"first page: {name}", budget, sample, note="one supervisor"))
    return rows


def due_page(db, supervisor_id, today: date):
    """The dashboard's unit list as its table asks for it: the counts, then the first page."""
    counts = due_counts(db, supervisor_id, today)
    return due_list(db, supervisor_id, today, limit=PAGE, counts=counts)


def keystrokes(db, today: date, reps: int) -> list[Row]:
    """Search as typed: each prefix of the typed text is one keystroke's store calls."""
    day = today.isoformat()

    # counts capped as the screens ask (PageSource.cap: "1.000+" past it)
    def units_search(text):
        units.count_units(db, text, cap=CAP)
        units.list_units(db, text, limit=PAGE)

    def secretaries_search(text):  # as the personnel screen asks (everyone, a search)
        personnel.count_found_secretaries(db, text, as_of=day, cap=CAP)
        personnel.found_secretaries(db, text, as_of=day, limit=PAGE)

    def concerns_search(text):
        concern_board.count_board(db, status="open", search=text, as_of=day, cap=CAP)
        concern_board.board(db, status="open", search=text, as_of=day, limit=PAGE)
        concern_board.board_counts(db, search=text, as_of=day)

    searches = {
        "units": units_search,
        "secretaries": secretaries_search,
        "concerns": concerns_search,
    }
    rows = []
    for name, search in searches.items():
        typed = TYPED[name]
        sample = Sample()
        for end in range(1, len(typed) + 1):
            sample.extend(measure(lambda t=typed[:end], s=search: s(t), max(reps // 4, 3)))
        rows.append(Row(f"search keystroke: {name}", SEARCH, sample, note=f"typing {typed!r}"))
    return rows


def dashboard(db, today: date, reps: int) -> list[Row]:
    """The dashboard's data calls (tui.screens.dashboard.dashboard.load, the first page of each
    of its three lists, and its overdue concerns): for one supervisor, and for everyone apart."""
    week_end = _week(today)[1]
    month_end = date(today.year + today.month // 12, today.month % 12 + 1, 1) - timedelta(1)

    def load(sid):
        supervisors.current_supervisor_id(db)  # the current choice (tui's current_choice):
        if sid is not None:  # that one row, not the list
            get_supervisor(db, sid)
        due_page(db, sid, today)
        count_agenda(db, sid, today, week_end)
        count_agenda(db, sid, today, month_end)
        agenda(db, sid, today, max(week_end, month_end), limit=PAGE)
        count_missed(db, sid, today)
        missed_visits(db, sid, today, limit=PAGE)
        concern_board.count_board(db, overdue=True, supervisor_id=sid, as_of=today)
        concern_board.board(db, overdue=True, supervisor_id=sid, as_of=today, limit=50)

    return [
        Row(
            "dashboard",
            DASHBOARD,
            measure(_rotating(load, spread(db)), reps),
            note="one supervisor",
        ),
        Row("dashboard", DASHBOARD, measure(lambda: load(None), reps), note="committee office"),
    ]


def annual_data(db, today: date, reps: int) -> list[Row]:
    """The annual report's data for the whole province: this year to date and last year."""
    rulebook = rulebook_in_force(db)
    rows = []
    for year in (today.year, today.year - 1):
        sample = measure(
            lambda y=year: annual.gather(db, None, str(y), on=today, rulebook=rulebook),
            max(reps // 4, 3),
        )
        rows.append(Row("annual province report data", ANNUAL, sample, note=str(year)))
    return rows
