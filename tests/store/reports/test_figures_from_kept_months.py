"""The annual figures read from the kept years and months (meeting_years, m015; meeting_months
with its rated meetings, m013) are the figures counted from the meetings, for any meetings and
any report day: a year or month counted in part (meetings after the report day) is read from
the meetings."""

import dataclasses
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.core import db as store_db
from store.core import records
from store.reports import figures
from store.rules.rulebook import load
from tests import factories as make

MEETINGS = st.lists(
    st.tuples(
        st.integers(0, 2),  # the unit
        st.dates(date(2025, 12, 1), date(2026, 12, 31)),
        st.sampled_from(["regular", "regular", "thematic"]),
        st.integers(0, 20),  # present
        st.sampled_from([20, 20, 0]),  # members: none recorded (not rated) now and then
    ),
    max_size=25,
)
REPORTS = st.tuples(
    st.sampled_from(["2026", "2026-Q3", "2026-H2", "2026-10"]),
    st.dates(date(2026, 1, 1), date(2027, 2, 1)),
)


def rounded(value):
    """Floats at 9 decimals: the months' weighted rates and the meetings' average may differ
    in their last bits."""
    if isinstance(value, float):
        return round(value, 9)
    if dataclasses.is_dataclass(value):
        return rounded(dataclasses.astuple(value))
    if isinstance(value, (tuple, list)):
        return tuple(rounded(v) for v in value)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


def _world(meetings):
    db = store_db.memory()
    cells = [make.unit(db, f"Chi bộ thôn {n}", code=f"T{n}", members_full=20) for n in range(3)]
    for n, (cell, day, kind, present, members) in enumerate(meetings):
        row = make.meeting_values(day.isoformat(), kind=kind, present=min(present, members),
                                  members_full=members)  # fmt: skip
        row |= {"unit_id": cells[cell], "topic": f"Chuyên đề {n}" if kind == "thematic" else None}
        db.execute("delete from meetings where unit_id = ? and kind = ? and date = ?",
                   [cells[cell], kind, day.isoformat()])  # fmt: skip
        records.insert(db, "meetings", row)  # as an import writes it: members may be blank
    return db


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MEETINGS, REPORTS)
def test_the_figures_from_the_kept_months_are_the_meetings_counted(meetings, report):
    db = _world(meetings)
    period, day = report
    rulebook = load()
    kept = figures.meeting_figures(db, period, rulebook=rulebook, as_of=day)
    counted = figures._counted_until
    try:  # neither the kept years nor the kept months: the meetings
        figures._counted_until = lambda _db, _stop, _end: False
        direct = figures.meeting_figures(db, period, rulebook=rulebook, as_of=day)
    finally:
        figures._counted_until = counted
    assert rounded(kept) == rounded(direct)


def test_a_month_counted_in_part_is_read_from_the_meetings():
    """A report judged on 15 October with a meeting on the 20th: October's kept count holds
    it, the report must not."""
    db = _world([(0, date(2026, 10, 5), "regular", 18, 20), (0, date(2026, 10, 20), "regular",
                 10, 20)])  # fmt: skip
    book = load()
    on_15 = figures.meeting_figures(db, "2026", rulebook=book, as_of=date(2026, 10, 15))
    assert on_15.total.meetings == 1 and on_15.total.attendance == 90
    after = figures.meeting_figures(db, "2026", rulebook=book, as_of=date(2026, 10, 31))
    assert after.total.meetings == 2 and after.total.attendance == 70


def test_the_running_month_is_not_counted_as_met():
    """A year judged on 15 October owes January to September: a cell that skipped
    September and met on 5 October did not meet every month owed; one that met in
    September too did."""
    months = [date(2026, m, 5) for m in range(1, 9)] + [date(2026, 10, 5)]
    db = _world([(0, day, "regular", 18, 20) for day in months]
                + [(1, day, "regular", 18, 20) for day in [*months, date(2026, 9, 5)]])  # fmt: skip
    line = figures.meeting_figures(db, "2026", rulebook=load(), as_of=date(2026, 10, 15)).total
    assert (line.cells, line.every_month, line.meetings) == (3, 1, 19)
