"""The board's first page reads a page: its open (or closed) concerns come in the board's
order from an index (m012), and its figures from index ranges. The rows, their order and
the figures stay those of the board's definition, checked here against that definition
worked out in Python over every concern of the demo district, on several days."""

import datetime as dt

import pytest

from store.concerns.board import AGEING_DAYS, BoardCounts, board, board_counts, count_board
from store.core import db as store_db
from store.demo import build_demo

TODAY = dt.date(2026, 10, 15)
DAYS = ("2026-10-15", "2026-06-30", "2025-12-31", "2027-03-01")
OPEN = {"new", "in_progress", "escalated"}


@pytest.fixture(scope="module")
def db():
    database = store_db.memory()
    build_demo(database, today=TODAY)
    return database


def _defined(rows, day: str) -> list[int]:
    """The board's order as it is defined: open and overdue first, then by due date (none
    last), raised date, id."""

    def key(r):
        late = r.status in OPEN and r.due_date is not None and r.due_date < day
        return (not late, r.due_date is None, r.due_date or "", r.raised_date, r.id)

    return [r.id for r in sorted(rows, key=key)]


def _kept(rows, filters: dict, day: str) -> list:
    status = filters.get("status")
    if status == "open" or filters.get("overdue") or filters.get("ageing"):
        rows = [r for r in rows if r.status in OPEN]
    elif status == "closed":
        rows = [r for r in rows if r.status not in OPEN]
    elif status:
        rows = [r for r in rows if r.status == status]
    if filters.get("overdue"):
        rows = [r for r in rows if r.due_date is not None and r.due_date < day]
    if filters.get("ageing"):
        since = (dt.date.fromisoformat(day) - dt.timedelta(days=AGEING_DAYS)).isoformat()
        rows = [r for r in rows if r.raised_date < since]
    if filters.get("category"):
        rows = [r for r in rows if r.category == filters["category"]]
    return rows


FILTERS = [
    {"status": "open"},
    {"status": "closed"},
    {"status": "escalated"},
    {"overdue": True},
    {"ageing": True},
    {},
    {"status": "open", "category": "land_environment"},
]


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_rows_come_in_the_boards_order_page_by_page(db, day, filters):
    everything = board(db, as_of=day, status=None, limit=None)
    assert len(everything) > 50  # enough concerns, open and closed, to tell orders apart
    expected = _defined(_kept(everything, filters, day), day)
    assert [r.id for r in board(db, as_of=day, limit=None, **filters)] == expected
    pages = [board(db, as_of=day, limit=9, offset=at, **filters) for at in range(0, 45, 9)]
    assert [r.id for page in pages for r in page] == expected[:45]
    assert count_board(db, as_of=day, **filters) == len(expected)


@pytest.mark.parametrize("day", DAYS)
def test_the_whole_boards_figures_are_its_rows_counted(db, day):
    rows = board(db, as_of=day, status=None, limit=None)
    opened = [r for r in rows if r.status in OPEN]
    since = (dt.date.fromisoformat(day) - dt.timedelta(days=AGEING_DAYS)).isoformat()
    month = day[:8] + "01"
    assert board_counts(db, as_of=day) == BoardCounts(
        open=len(opened),
        overdue=sum(1 for r in opened if r.due_date is not None and r.due_date < day),
        ageing=sum(1 for r in opened if r.raised_date < since),
        resolved_this_month=sum(
            1
            for r in rows
            if r.status not in OPEN and r.resolved_date and month <= r.resolved_date <= day
        ),
    )


def test_the_first_page_reads_the_order_index_not_a_sort(db):
    plans = []
    real = db.conn

    class Explaining:
        def execute(self, sql, params=()):
            if "order by" in sql:
                plans.extend(r[3] for r in real.execute("explain query plan " + sql, params))
            return real.execute(sql, params)

        def __getattr__(self, name):
            return getattr(real, name)

    db.conn = Explaining()
    try:
        board(db, as_of=TODAY, status="open", limit=100)
        board(db, as_of=TODAY, status="closed", limit=100)
    finally:
        db.conn = real
    assert any("idx_concerns_open_order" in p for p in plans)
    assert any("idx_concerns_closed_order" in p for p in plans)
    assert not any("TEMP B-TREE" in p for p in plans)
