"""The kept yearly meeting counts (schema m015, store.core.summaries) stay exactly what a
GROUP BY over the meetings says, after the same writes as the monthly ones."""

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.core import records, summaries
from store.core.errors import ValidationError
from store.core.schema import MEETING_YEARS_GROUPED
from store.rules import health
from tests import factories as make
from tests.store.core.test_meeting_months import OPS, _apply, _world

COLUMNS = "unit_id, year, kind, meetings, months, round(rate, 9), rated"


def kept(db) -> list[tuple]:
    return sorted(db.execute(f"select {COLUMNS} from meeting_years").fetchall())  # noqa: S608


def grouped(db) -> list[tuple]:
    query = f"select {COLUMNS} from ({MEETING_YEARS_GROUPED})"  # noqa: S608
    return sorted(db.execute(query).fetchall())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=4, max_size=20))
def test_the_kept_years_are_the_meetings_grouped_after_any_writes(ops):
    db, cells, sup = _world()
    gone: list[str] = []
    for op in ops:
        with contextlib.suppress(ValidationError):
            _apply(db, cells, sup, gone, op)
        assert kept(db) == grouped(db), op
    assert summaries.drift(db) == []


def test_a_year_counts_its_months_and_rates_its_rated_meetings():
    db, cells, _sup = _world()
    make.meeting(db, cells[0], "2026-09-05")  # 18 of 20: 90 %
    make.meeting(db, cells[0], "2026-09-20", present=10)  # 50 %
    row = make.meeting_values("2026-10-01", members_full=0, present=0) | {"unit_id": cells[0]}
    records.insert(db, "meetings", row)  # no members recorded (an import): not rated
    assert kept(db) == [(cells[0], 2026, "regular", 3, 2, 70.0, 2)]


def test_check_names_a_drift_and_rebuild_repairs_it():
    db, cells, _sup = _world()
    make.meeting(db, cells[0], "2026-09-05")
    db.execute("update meeting_years set months = 5")
    result = health.check(db)
    assert not result.ok and "năm" in result.problems[0]
    assert [d.table for d in summaries.drift(db)] == ["meeting_years"]
    summaries.rebuild(db)
    assert health.check(db).ok and kept(db) == grouped(db)
    records.delete(db, "meetings", db.execute("select id from meetings").fetchone()[0])
    assert kept(db) == grouped(db) == []
