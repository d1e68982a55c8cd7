"""The regime from the rulebook: required vs held meetings, visit duties (done, due, overdue),
the compliance grid, a unit's trend and visit compliance."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.core import records
from store.core import settings as store_settings
from store.rules.cadence import Assignment, assignment_state, due_list, state_of, visit_compliance
from store.rules.periods import CADENCE_PER, Period
from store.rules.rulebook import load
from store.visits.grid import compliance_grid
from store.visits.regime import unit_regime, unit_trend
from tests import factories as make
from tests.factories import FULL

LATER = date(2030, 1, 1)  # "today" for records, so that no meeting is in the future


def held(db, unit_id, day, kind="regular", present=18, topic=None):
    topic = topic or ("Chuyên đề" if kind == "thematic" else None)
    return make.meeting(db, unit_id, day, kind=kind, topic=topic, present=present, today=LATER)


def visited(db, sup, unit_id, day, scores=None, kind="regular"):
    meeting = dict(kind=kind, topic="Chuyên đề" if kind == "thematic" else None, present=20)
    return make.visit(db, sup, unit_id, day, meeting=meeting, scores=scores, today=LATER)


@pytest.fixture
def tree(db):
    top = make.unit(
        db, "Đảng bộ xã Tân Lập", kind="grassroots_committee", sector="commune",
        has_standing_committee=1,
    )  # fmt: skip
    cell = make.unit(db, "Chi bộ thôn Đông", parent_id=top)
    quiet = make.unit(db, "Chi bộ thôn Bắc", parent_id=top)
    sup = make.supervisor(db, "Nguyễn Văn An")
    return {"db": db, "top": top, "cell": cell, "quiet": quiet, "sup": sup}


def assign(db, sup, unit, cadence, start, end=None):
    return make.assign(db, sup, unit, cadence=cadence, start=start, end=end)


def a_year_of_meetings(db, cell):
    for month in range(1, 13):
        if month != 3:  # March skipped
            held(db, cell, f"2026-{month:02d}-10", present=18 if month != 5 else 10)
    held(db, cell, "2026-02-20", kind="thematic")
    held(db, cell, "2026-09-20", kind="thematic")


# --- unit_regime --------------------------------------------------------------------------------


def test_a_year_counts_required_held_kept_and_missed(tree):
    db = tree["db"]
    a_year_of_meetings(db, tree["cell"])
    regime = unit_regime(db, tree["cell"], "2026", load(), as_of=date(2027, 1, 15))
    lines = {line.meeting_kind: line for line in regime.lines}
    assert set(lines) == {"regular", "thematic"}
    regular, thematic = lines["regular"], lines["thematic"]
    assert (regular.required, regular.held, regular.kept, regular.missed) == (12, 11, 11, 1)
    assert (thematic.required, thematic.held, thematic.kept, thematic.missed) == (2, 2, 2, 0)
    assert regular.status == "missed" and thematic.status == "kept"
    # attendance: ten months at 90 %, May at 50 %
    assert regime.regular_meetings == 11
    assert regime.attendance_rate == pytest.approx((10 * 90 + 50) / 11)
    assert regime.attendance_ok is True and regime.rulebook == load().name


def test_switching_to_hd12_asks_a_thematic_meeting_every_quarter(tree):
    db = tree["db"]
    a_year_of_meetings(db, tree["cell"])
    store_settings.put(db, "rulebook", "hd12")
    regime = unit_regime(db, tree["cell"], "2026", as_of=date(2027, 1, 15))
    thematic = next(line for line in regime.lines if line.meeting_kind == "thematic")
    assert (thematic.per, thematic.required, thematic.kept, thematic.missed) == ("quarter", 4, 2, 2)


def test_a_month_report_shows_the_half_year_rule_as_pending(tree):
    db = tree["db"]
    held(db, tree["cell"], "2026-10-05")
    october = unit_regime(db, tree["cell"], "2026-10", load(), as_of=date(2026, 10, 20))
    thematic = next(line for line in october.lines if line.meeting_kind == "thematic")
    assert (thematic.required, thematic.missed, thematic.due_later) == (0, 0, 1)
    assert thematic.due_by == date(2026, 12, 31) and thematic.status == "pending"
    december = unit_regime(db, tree["cell"], "2026-12", load(), as_of=date(2027, 1, 5))
    thematic = next(line for line in december.lines if line.meeting_kind == "thematic")
    assert (thematic.required, thematic.missed, thematic.due_later) == (1, 1, 0)
    regular = next(line for line in december.lines if line.meeting_kind == "regular")
    assert (regular.required, regular.missed) == (1, 1)


def test_a_running_month_is_pending_not_missed(tree):
    regime = unit_regime(tree["db"], tree["cell"], "2026-10", load(), as_of=date(2026, 10, 20))
    regular = next(line for line in regime.lines if line.meeting_kind == "regular")
    assert (regular.required, regular.pending, regular.missed) == (1, 1, 0)
    assert regime.attendance_rate is None and regime.attendance_ok is None
    for as_of, missed in ((date(2026, 10, 31), 0), (date(2026, 11, 1), 1)):
        regime = unit_regime(tree["db"], tree["cell"], "2026-10", load(), as_of=as_of)
        assert regime.lines[0].missed == missed


def test_a_thematic_meeting_earlier_in_the_half_counts_for_it(tree):
    db = tree["db"]
    held(db, tree["cell"], "2026-08-20", kind="thematic")
    december = unit_regime(db, tree["cell"], "2026-12", load(), as_of=date(2027, 1, 5))
    thematic = next(line for line in december.lines if line.meeting_kind == "thematic")
    assert (thematic.required, thematic.kept, thematic.held) == (1, 1, 0)


def test_standing_committee_rules_apply_only_where_one_exists(tree):
    db = tree["db"]
    kinds = {
        line.meeting_kind
        for line in unit_regime(db, tree["top"], "2026", load(), as_of=date.today()).lines
    }
    assert kinds == {"thematic", "general", "committee", "standing"}
    records.update(db, "units", tree["top"], {"has_standing_committee": 0})
    kinds = {
        line.meeting_kind
        for line in unit_regime(db, tree["top"], "2026", load(), as_of=date.today()).lines
    }
    assert "standing" not in kinds
    general = next(
        line
        for line in unit_regime(db, tree["top"], "2026-Q1", load(), as_of=date(2026, 5, 1)).lines
        if line.meeting_kind == "general"
    )
    assert (general.required, general.due_later, general.due_by) == (0, 2, date(2026, 12, 31))


# --- visit duties --------------------------------------------------------------------------------


def test_due_list_states_worst_first(tree):
    db = tree["db"]
    sup = tree["sup"]
    assign(db, sup, tree["cell"], "monthly", "2026-01-01")
    assign(db, sup, tree["quiet"], "monthly", "2026-01-01")
    assign(db, sup, tree["top"], "quarterly", "2026-01-01")
    visited(db, sup, tree["cell"], "2026-10-03")
    visited(db, sup, tree["quiet"], "2026-07-15")
    visited(db, sup, tree["top"], "2026-08-10", kind="thematic")
    items = due_list(db, sup, date(2026, 10, 20))
    assert [(i.assignment.unit_id, i.state) for i in items] == [
        (tree["quiet"], "overdue"),
        (tree["top"], "due"),
        (tree["cell"], "done"),
    ]
    quiet, top, cell = items
    assert (
        quiet.overdue_since.code == "2026-08"
        and quiet.days_overdue == (date(2026, 10, 20) - date(2026, 8, 31)).days
    )
    assert quiet.last_visit == date(2026, 7, 15)
    assert top.next_due == date(2026, 12, 31) and top.period.code == "2026-Q4"
    assert cell.next_due == date(2026, 11, 30)
    assert due_list(db, 999, date(2026, 10, 20)) == []


def test_assignments_with_the_same_dates_each_keep_their_own_item(tree):
    """The due list works out each set of cadence and dates once: every item is still the
    state of its own assignment, and an end date or a visit tells two apart."""
    db, sup, day = tree["db"], tree["sup"], date(2026, 10, 20)
    other = make.supervisor(db, "Trần Thị Bình")
    assign(db, sup, tree["cell"], "monthly", "2026-01-01")
    assign(db, other, tree["cell"], "monthly", "2026-01-01")
    assign(db, sup, tree["quiet"], "monthly", "2026-01-01", "2026-10-25")
    assign(db, other, tree["quiet"], "monthly", "2026-01-01")
    visited(db, sup, tree["quiet"], "2026-10-02")
    visited(db, other, tree["cell"], "2026-10-02")
    items = due_list(db, None, day)
    assert len({i.assignment.id for i in items}) == 4
    assert items == [state_of(i.assignment, i.last_visit, day, 7) for i in items]
    states = {
        (i.assignment.supervisor_id, i.assignment.unit_id): (i.state, i.next_due) for i in items
    }
    assert states == {
        (sup, tree["cell"]): ("overdue", date(2026, 1, 31)),
        (other, tree["quiet"]): ("overdue", date(2026, 1, 31)),
        (other, tree["cell"]): ("done", date(2026, 11, 30)),
        (sup, tree["quiet"]): ("done", None),  # ends in October: nothing more owed
    }


def test_grace_days_come_from_the_rulebook(tree, tmp_path):
    db = tree["db"]
    assign(db, tree["sup"], tree["cell"], "monthly", "2026-01-01")
    visited(db, tree["sup"], tree["cell"], "2026-09-10")
    items = due_list(db, None, date(2026, 11, 5))  # October ended 5 days ago, grace 7
    assert (items[0].state, items[0].next_due) == ("due", date(2026, 10, 31))
    assert due_list(db, None, date(2026, 11, 8))[0].state == "overdue"
    strict = tmp_path / "strict.toml"
    strict.write_text(
        load().path.read_text(encoding="utf-8").replace("grace_days = 7", "grace_days = 0"),
        encoding="utf-8",
    )
    store_settings.put(db, "rulebook", str(strict))
    item = due_list(db, None, date(2026, 11, 5))[0]
    assert (item.state, item.days_overdue) == ("overdue", 5)


def test_an_assignment_starting_late_in_a_month_owes_nothing_for_it(tree):
    db = tree["db"]
    assign(db, tree["sup"], tree["cell"], "monthly", "2026-10-25")
    [item] = due_list(db, tree["sup"], date(2026, 11, 12))
    assert (item.state, item.next_due, item.last_visit) == ("due", date(2026, 11, 30), None)
    assignment = item.assignment
    assert assignment_state(db, assignment, date(2026, 12, 9), load()).state == "overdue"


def test_an_ended_assignment_is_off_the_dashboard(tree):
    db = tree["db"]
    assign(db, tree["sup"], tree["cell"], "monthly", "2026-01-01", "2026-06-30")
    assert due_list(db, tree["sup"], date(2026, 10, 1)) == []


def test_nothing_more_owed_at_the_end_of_an_assignment():
    a = Assignment(1, 1, 1, "monthly", date(2026, 1, 1), date(2026, 10, 5))
    item = state_of(a, date(2026, 9, 20), date(2026, 10, 3), 7)
    assert (item.state, item.next_due) == ("done", None)


# --- the compliance grid ------------------------------------------------------------------------


def test_compliance_grid_cells_and_totals(tree):
    db = tree["db"]
    assign(db, tree["sup"], tree["cell"], "monthly", "2026-01-01")
    for month in range(1, 10):
        if month == 5:
            held(db, tree["cell"], "2026-05-10", present=10)
        elif month == 9:
            visited(db, tree["sup"], tree["cell"], "2026-09-10")
        elif month != 3:
            held(db, tree["cell"], f"2026-{month:02d}-10")
    held(db, tree["cell"], "2026-06-20", kind="thematic")
    grid = compliance_grid(db, parent_id=tree["top"], year=2026, as_of=date(2026, 10, 20))
    assert [row.unit.id for row in grid.rows] == [tree["quiet"], tree["cell"]]  # Bắc < Đông
    cell = grid.rows[1].cells
    assert [c.mark for c in cell] == [
        "held",
        "held",
        "missed",
        "held",
        "low_attendance",
        "thematic",
        "held",
        "held",
        "visited",
        "future",
        "future",
        "future",
    ]
    assert cell[4].attendance_rate == pytest.approx(50)
    assert grid.rows[1].totals == {
        "held": 8,
        "missed": 1,
        "future": 3,
        "none": 0,
        "visited": 1,
        "thematic": 1,
        "low_attendance": 1,
    }
    assert grid.rows[0].totals["missed"] == 9 and grid.rows[0].totals["future"] == 3
    assert grid.column_totals[2] == {
        "held": 0,
        "missed": 2,
        "future": 0,
        "none": 0,
        "visited": 0,
        "thematic": 0,
        "low_attendance": 0,
    }
    assert grid.column_totals[0]["held"] == 1 and grid.totals["missed"] == 10


def test_grid_at_the_top_lists_grassroots_units(tree):
    db = tree["db"]
    held(db, tree["top"], "2026-01-15", kind="committee")
    grid = compliance_grid(db, parent_id=None, year=2026, as_of=date(2027, 1, 1))
    assert [row.unit.id for row in grid.rows] == [tree["top"]]
    # a đảng bộ with a standing committee owes a committee and two standing meetings monthly
    assert grid.rows[0].cells[0].state == "missed"
    for day in ("2026-01-05", "2026-01-25"):
        held(db, tree["top"], day, kind="standing")
    grid = compliance_grid(db, parent_id=None, year=2026, as_of=date(2027, 1, 1))
    assert grid.rows[0].cells[0].state == "held"


def test_grid_threshold_follows_the_rulebook(tree, tmp_path):
    db = tree["db"]
    held(db, tree["cell"], "2026-01-10", present=16)  # 80 %
    assert (
        compliance_grid(db, parent_id=tree["top"], year=2026, as_of=date(2027, 1, 1))
        .rows[1]
        .cells[0]
        .low_attendance
    )
    lenient = tmp_path / "lenient.toml"
    lenient.write_text(
        load().path.read_text(encoding="utf-8").replace("threshold = 85", "threshold = 75"),
        encoding="utf-8",
    )
    store_settings.put(db, "rulebook", str(lenient))
    assert (
        not compliance_grid(db, parent_id=tree["top"], year=2026, as_of=date(2027, 1, 1))
        .rows[1]
        .cells[0]
        .low_attendance
    )


# --- trend and visit compliance -----------------------------------------------------------------


def test_unit_trend_by_month(tree):
    db = tree["db"]
    assign(db, tree["sup"], tree["cell"], "monthly", "2026-01-01")
    held(db, tree["cell"], "2026-08-10", present=16)
    held(db, tree["cell"], "2026-08-25", present=20)
    visited(db, tree["sup"], tree["cell"], "2026-10-10", scores={**FULL, "content": 0})
    trend = unit_trend(db, tree["cell"], months=4, as_of=date(2026, 10, 20))
    assert [p.period.code for p in trend] == ["2026-07", "2026-08", "2026-09", "2026-10"]
    assert [p.meetings for p in trend] == [0, 2, 0, 1]
    assert trend[1].attendance_rate == pytest.approx(90)
    assert trend[0].attendance_rate is None
    assert (trend[3].visits, trend[3].visit_score) == (1, 80)


def test_visit_compliance_counts_periods_ending_in_the_report(tree):
    db = tree["db"]
    sup = tree["sup"]
    assign(db, sup, tree["cell"], "monthly", "2026-10-10")  # 22 of 31 October days: owed
    assign(db, sup, tree["top"], "quarterly", "2026-01-01")
    visited(db, sup, tree["cell"], "2026-10-15")
    visited(db, sup, tree["cell"], "2026-10-28")
    visited(db, sup, tree["top"], "2026-11-10", kind="thematic")
    lines = {ln.assignment.unit_id: ln for ln in visit_compliance(db, sup, "2026-Q4")}
    cell, top = lines[tree["cell"]], lines[tree["top"]]
    assert (cell.required, cell.done, cell.visits, cell.missing) == (3, 1, 2, 2)
    assert (top.required, top.done) == (1, 1)
    november = {ln.assignment.unit_id: ln for ln in visit_compliance(db, None, "2026-11")}
    assert (november[tree["top"]].required, november[tree["top"]].visits) == (0, 1)
    december = {ln.assignment.unit_id: ln for ln in visit_compliance(db, None, "2026-12")}
    assert (december[tree["top"]].required, december[tree["top"]].done) == (1, 1)
    assert visit_compliance(db, sup, "2026-Q1")[0].assignment.unit_id == tree["top"]


# --- property: assignments starting or ending mid-period --------------------------------------


def _brute_required(start: date, end: date | None, cadence: str, report: Period) -> int:
    """Count day by day: cadence periods ending in the report, at least half covered."""
    per = CADENCE_PER[cadence]
    first = Period.containing(report.start, per)
    count, current = 0, first
    while current.start <= report.end:
        if report.start <= current.end <= report.end:
            days = [current.start + timedelta(n) for n in range(current.days)]
            covered = sum(1 for d in days if start <= d and (end is None or d <= end))
            count += covered * 2 >= len(days)
        current = current.next()
    return count


@settings(max_examples=150, deadline=None)
@given(
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    st.one_of(st.none(), st.integers(0, 800)),
    st.sampled_from(["monthly", "quarterly"]),
    st.dates(date(2025, 6, 1), date(2027, 6, 30)),
    st.sampled_from(["month", "quarter", "half", "year"]),
)
def test_required_visits_match_a_day_by_day_count(start, length, cadence, day, per):
    end = None if length is None else start + timedelta(length)
    a = Assignment(1, 1, 1, cadence, start, end)
    report = Period.containing(day, per)
    assert len(a.owed_periods(report)) == _brute_required(start, end, cadence, report)


@settings(max_examples=100, deadline=None)
@given(st.dates(date(2025, 1, 1), date(2027, 12, 31)), st.sampled_from(["monthly", "quarterly"]))
def test_an_open_ended_assignment_owes_every_period_after_its_start(start, cadence):
    a = Assignment(1, 1, 1, cadence, start, None)
    year = Period.of(2026, "year")
    owed = a.owed_periods(year)
    assert all(t in owed for t in year.split(a.per) if t.start >= start)
    assert all(t not in owed for t in year.split(a.per) if t.end < start)


# --- province scale: meetings are read through the index, never scanned ----------------------


def test_meeting_aggregates_never_scan_the_meetings_table(tree):
    db = tree["db"]
    a_year_of_meetings(db, tree["cell"])
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        unit_regime(db, tree["cell"], "2026", load(), as_of=date(2027, 1, 1))
        unit_trend(db, tree["cell"], as_of=date(2027, 1, 1))
        compliance_grid(db, parent_id=tree["top"], year=2026, as_of=date(2027, 1, 1))
        compliance_grid(db, parent_id=None, year=2026, as_of=date(2027, 1, 1))
    finally:
        db.conn.set_trace_callback(None)
    queries = [
        s for s in statements if s.lstrip().lower().startswith("select") and " meetings" in s
    ]
    kept = [
        s for s in statements if s.lstrip().lower().startswith("select") and "meeting_months" in s
    ]
    assert len(queries) >= 3 and len(kept) == 2  # the grid reads the kept monthly counts
    for sql in queries:
        plan = " | ".join(row[3] for row in db.execute("explain query plan " + sql).fetchall())
        assert "idx_meetings_unit_date" in plan, plan
        assert "SCAN m " not in plan + " " and "SCAN meetings" not in plan, plan
    for sql in kept:
        plan = " | ".join(row[3] for row in db.execute("explain query plan " + sql).fetchall())
        assert "SEARCH s USING PRIMARY KEY (unit_id=? AND month>? AND month<?)" in plan, plan


def test_a_grids_first_page_is_the_whole_grids_first_rows():
    """The compliance screen shows the first units while the whole grid is worked out."""
    from store.core import db as store_db
    from store.demo import build_demo

    db = store_db.memory()
    build_demo(db, today=date(2026, 10, 15))
    whole = compliance_grid(db, parent_id=None, year=2026, as_of=date(2026, 10, 15))
    page = compliance_grid(db, parent_id=None, year=2026, as_of=date(2026, 10, 15), first=5)
    assert len(whole.rows) > 5 and page.rows == whole.rows[:5]
    assert page.totals["held"] == sum(row.totals["held"] for row in whole.rows[:5])


@pytest.mark.parametrize("report", ["2026-10", "2026-11", "2026-Q3", "2026-Q4", "2026-H2", "2026"])
@pytest.mark.parametrize("as_of", [date(2026, 10, 20), date(2026, 12, 31), date(2027, 1, 5)])
def test_every_meeting_a_rule_asks_is_held_missed_or_not_yet_due(tree, report, as_of):
    """A table row shows owed = done + missed + not due: a thematic meeting held in August
    counts as done in a fourth-quarter report, never as neither held nor missing."""
    db = tree["db"]
    held(db, tree["cell"], "2026-08-20", kind="thematic")
    held(db, tree["cell"], "2026-10-05")
    for line in unit_regime(db, tree["cell"], report, load(), as_of=as_of).lines:
        assert line.owed == line.done + line.missed + line.not_due, (report, line)
        assert line.owed > 0, (report, line)


def test_a_thematic_meeting_held_before_a_quarter_report_is_done_in_it(tree):
    db = tree["db"]
    held(db, tree["cell"], "2026-08-20", kind="thematic")
    q4 = unit_regime(db, tree["cell"], "2026-Q4", load(), as_of=date(2026, 12, 2))
    thematic = next(line for line in q4.lines if line.meeting_kind == "thematic")
    assert (thematic.owed, thematic.done, thematic.missed, thematic.not_due) == (1, 1, 0, 0)
    october = unit_regime(db, tree["cell"], "2026-10", load(), as_of=date(2026, 12, 2))
    thematic = next(line for line in october.lines if line.meeting_kind == "thematic")
    assert (thematic.owed, thematic.done, thematic.not_due) == (1, 1, 0)
