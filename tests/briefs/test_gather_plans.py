"""A brief reads its own: one supervisor's visits, concerns and units, and one visit's
concerns, through the indexes that lead to them (supervisor, unit), never every visit or
open concern of the province by status and date (3 to 6 ms each at the province, where the
whole brief has 10). SQLite plans the demo district as it plans the province (no ANALYZE
statistics), so the plans are checked here, on the statements a gather sends."""

import re

import pytest

from briefs.kinds import supervisor, visit
from store.core import db as store_db
from tests.briefs.conftest import DEMO_TODAY

# Plans that read the province to find one supervisor's or one visit's rows.
PROVINCE_WIDE = re.compile(
    r"idx_visits_status_date|idx_concerns_status_due_date|idx_concerns_raised_date"
    r"|SCAN \w+ USING INDEX idx_units_sort_key|SCAN (?:concerns|c)\b"
)


def plans(db, gather) -> list[str]:
    """The query plan lines of every SELECT that `gather()` sends."""
    sent: list[str] = []
    db.conn.set_trace_callback(sent.append)
    try:
        gather()
    finally:
        db.conn.set_trace_callback(None)
    selects = [s for s in sent if s.lstrip().lower().startswith(("select", "with"))]
    assert selects
    return [row[3] for sql in selects for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]


@pytest.fixture(scope="module")
def db(demo):
    database = store_db.connect(demo)
    yield database
    database.close()


@pytest.mark.parametrize("period", ["2026-11", "2026-Q3", "2026"])
def test_a_supervisors_brief_reads_that_supervisors_rows(db, period):
    lines = plans(db, lambda: supervisor.gather(db, 1, period, on=DEMO_TODAY))
    assert not [line for line in lines if PROVINCE_WIDE.search(line)]


def test_a_visit_brief_reads_that_visits_concerns(db):
    raised = db.execute("select visit_id from concerns where visit_id is not null").fetchone()[0]
    lines = plans(db, lambda: visit.gather(db, raised, None, on=DEMO_TODAY))
    assert not [line for line in lines if PROVINCE_WIDE.search(line)]
    assert visit.gather(db, raised, None, on=DEMO_TODAY).concerns  # and finds them
