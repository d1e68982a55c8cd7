"""No main query reads meetings or visits in full: each is checked with EXPLAIN QUERY PLAN.

A province holds about a million meetings and 40,000 visits; a query that scans them is
slow however good the rest. The statements are captured as the store functions send them
(text and bound parameters, as the screens call them), on the demo district, and every
plan line must SEARCH those tables through an index, never SCAN them. SQLite plans the
same way at any size here: the database has no ANALYZE statistics, the demo does not run it.
"""

import re
from datetime import date

import pytest

from briefs.kinds import annual
from store import personnel
from store.concerns import board as concern_board
from store.concerns import figures as concern_figures
from store.core import db as store_db
from store.demo import build_demo
from store.org import units
from store.personnel.succession import list_plans
from store.reports import figures as report_figures
from store.rules.cadence import due_list, visit_compliance
from store.rules.periods import Period
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import regime, visit_list
from store.visits.planning import agenda, missed_visits, suggest_plan

TODAY = date(2026, 10, 15)
DAY = TODAY.isoformat()
BIG = ("meetings", "visits")
_KEYWORDS = {"where", "join", "on", "left", "inner", "group", "order", "limit", "using", "and"}


class Recorder:
    """Stands in for the sqlite3 connection: records each statement and its parameters."""

    def __init__(self, conn):
        self.conn = conn
        self.statements: list[tuple[str, object]] = []

    def execute(self, sql, parameters=()):
        self.statements.append((sql, parameters))
        return self.conn.execute(sql, parameters)

    def __getattr__(self, name):
        return getattr(self.conn, name)


@pytest.fixture(scope="module")
def db():
    database = store_db.memory()
    build_demo(database, today=TODAY)
    return database


def captured(db, call) -> list[tuple[str, object]]:
    """The SELECT statements `call(db)` sends."""
    conn = db.conn
    recorder = Recorder(conn)
    db.conn = recorder
    try:
        call(db)
    finally:
        db.conn = conn
    return [
        (sql, params)
        for sql, params in recorder.statements
        if sql.lstrip().lower().startswith(("select", "with"))
    ]


def big_names(sql: str) -> set[str]:
    """The names meetings and visits go by in `sql`: their own and their aliases."""
    names = set(BIG)
    for alias in re.findall(rf"\b(?:{'|'.join(BIG)})\b(?:\s+as)?\s+(\w+)", sql, re.I):
        if alias.lower() not in _KEYWORDS:
            names.add(alias)
    return names


def full_scans(db, sql: str, params) -> list[str]:
    names = big_names(sql)
    plan = [row[3] for row in db.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    return [line for line in plan if (m := re.match(r"SCAN (\w+)", line)) and m[1] in names]


def loose_lookups(db, sql: str, params) -> list[str]:
    """Lookups run once per outer row (correlated subqueries) that reach meetings or visits
    through anything less selective than a unit, a supervisor or a meeting: each one alone
    is a search, but together they read the table once per row."""
    names = big_names(sql)
    plan = {row[0]: row for row in db.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)}

    def correlated(row) -> bool:
        while row[1] in plan:
            row = plan[row[1]]
            if row[3].startswith("CORRELATED"):
                return True
        return False

    selective = re.compile(r"\((?:unit_id|supervisor_id|meeting_id)=\?")
    return [
        row[3]
        for row in plan.values()
        if (m := re.match(r"SEARCH (\w+) ", row[3]))
        and m[1] in names
        and correlated(row)
        and not selective.search(row[3])
    ]


SUPERVISOR = 3
CALLS = {
    "units list": lambda db: units.list_units(db, limit=100),
    "units search": lambda db: (units.count_units(db, "thon"), units.list_units(db, "thon")),
    "unit detail": lambda db: units.unit_detail(db, 20, on=TODAY),
    "due list, all": lambda db: due_list(db, None, TODAY),
    "due list, one": lambda db: due_list(db, SUPERVISOR, TODAY),
    "compliance grid, top": lambda db: regime.compliance_grid(
        db, parent_id=None, year=2026, as_of=TODAY
    ),
    "compliance grid, first page": lambda db: regime.compliance_grid(
        db, parent_id=None, year=2026, as_of=TODAY, first=20
    ),
    "compliance grid, under": lambda db: regime.compliance_grid(
        db, parent_id=1, year=2026, as_of=TODAY
    ),
    "visit compliance, all": lambda db: visit_compliance(db, None, "2026-Q3"),
    "visit compliance, one": lambda db: visit_compliance(db, SUPERVISOR, "2026-Q3"),
    "unit regime": lambda db: regime.unit_regime(db, 20, "2026-Q3", as_of=TODAY),
    "unit trend": lambda db: regime.unit_trend(db, 20, as_of=TODAY),
    "visits list, all": lambda db: (
        visit_list.count_visits(db),
        visit_list.list_visits(db, limit=100),
    ),
    "visits list, one": lambda db: (
        visit_list.count_visits(db, supervisor_id=SUPERVISOR),
        visit_list.list_visits(db, supervisor_id=SUPERVISOR, period="2026"),
    ),
    "visits list, unit": lambda db: visit_list.list_visits(db, unit_id=20),
    "agenda, all": lambda db: (
        agenda(db, None, "2026-10-12", "2026-10-18"),
        missed_visits(db, None, TODAY),
    ),
    "agenda, one": lambda db: (
        agenda(db, SUPERVISOR, "2026-10-01", "2026-10-31"),
        missed_visits(db, SUPERVISOR, TODAY),
        suggest_plan(db, SUPERVISOR, start=TODAY),
    ),
    "concerns board": lambda db: (
        concern_board.count_board(db, status="open", as_of=DAY),
        concern_board.board(db, status="open", as_of=DAY),
        concern_board.board_counts(db, as_of=DAY),
        concern_board.board(db, overdue=True, supervisor_id=SUPERVISOR, as_of=DAY),
    ),
    "secretaries": lambda db: (
        personnel.count_secretaries(db, as_of=DAY),
        personnel.secretaries(db, as_of=DAY, search="nguyen"),
        personnel.secretary_posts(db, as_of=DAY, search="van", flagged=True),
        personnel.secretaries_of(db, personnel.secretary_posts(db, as_of=DAY)[:100], DAY),
        personnel.personnel_gaps(db, SUPERVISOR, as_of=DAY),
        personnel.gap_counts(db, None, as_of=DAY),
    ),
    "plans": lambda db: (
        list_plans(db, as_of=DAY),
        list_plans(db, supervisor_id=SUPERVISOR, as_of=date.today()),
    ),
    "annual figures": lambda db: annual.gather(db, None, "2026", on=TODAY),
    "report figures, a quarter": lambda db: (
        report_figures.meeting_figures(db, "2026-Q3", rulebook=rulebook_in_force(db), as_of=DAY),
        report_figures.rating_counts(db, "2026-Q3"),
        report_figures.planned_visits(db, "2026-Q3"),
        concern_figures.concern_figures(db, Period.parse("2026-Q3"), as_of=DAY),
    ),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_no_main_query_scans_meetings_or_visits(db, name):
    statements = captured(db, CALLS[name])
    assert statements, "the call sent no query"
    scans = {sql: found for sql, params in statements if (found := full_scans(db, sql, params))}
    assert not scans, f"{name}: full scans of meetings or visits: {scans}"


@pytest.mark.parametrize("name", list(CALLS))
def test_no_per_row_lookup_ranges_over_meetings_or_visits(db, name):
    statements = captured(db, CALLS[name])
    loose = {sql: found for sql, params in statements if (found := loose_lookups(db, sql, params))}
    assert not loose, f"{name}: per-row lookups without a selective index: {loose}"


def test_the_checker_sees_a_loose_per_row_lookup():
    """Without the assignment index, the due list's last visit ranged over every done visit
    for each assignment (27 s for a province): the list as it stood on an earlier day, worked
    out from the visits rather than read from the kept deadlines."""
    db = store_db.memory()
    build_demo(db, today=TODAY)
    db.conn.execute("drop index idx_visits_assignment")
    statements = captured(db, lambda d: due_list(d, None, date(2026, 1, 5)))
    (sql, params), *_ = [(q, p) for q, p in statements if "last_visit" in q]
    assert loose_lookups(db, sql, params)


def test_the_checker_sees_a_full_scan(db):
    """The check itself: a query filtering meetings on an unindexed column is caught,
    alias or not, and an indexed range is not."""
    assert full_scans(db, "select count(*) from meetings m where m.topic like ?", ["%a%"])
    assert full_scans(db, "select * from visits where observations is null", [])
    assert not full_scans(db, "select * from meetings where unit_id = ? and date > ?", [1, DAY])


def test_open_concerns_are_read_through_the_status_index(db):
    """The board's open filter names the open statuses, so SQLite can search the index."""
    statements = captured(db, lambda d: concern_board.count_board(d, status="open", as_of=DAY))
    sql, params = statements[-1]
    plan = " ".join(row[3] for row in db.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "SEARCH c USING" in plan and "status" in plan
