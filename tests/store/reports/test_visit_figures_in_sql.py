"""The annual report's visit figures, summed in one query, are the lines of
store.rules.cadence.visit_compliance folded as the report folded them (`owed_by`), for any
assignments, visits, report and report day."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.core import db as store_db
from store.reports import figures
from store.rules.cadence import visit_compliance
from tests import factories as make

ASSIGNMENTS = st.lists(
    st.tuples(
        st.integers(0, 1),  # the supervisor
        st.integers(0, 2),  # the unit
        st.sampled_from(["monthly", "quarterly"]),
        st.dates(date(2025, 11, 1), date(2026, 11, 30)),  # start
        st.one_of(st.none(), st.integers(5, 200)),  # days in force, or open
    ),
    max_size=5,
)
VISITS = st.lists(st.tuples(st.integers(0, 4), st.dates(date(2025, 12, 1), date(2026, 12, 31))))
REPORTS = st.tuples(
    st.sampled_from(["2026", "2026-Q3", "2026-H2", "2026-10", "2025"]),
    st.dates(date(2026, 1, 1), date(2027, 1, 31)),
)


def folded(db, period, as_of):
    """(assignments, units, cadences, required, done, visits, by supervisor) as the report
    folded visit_compliance's lines."""
    lines = visit_compliance(db, None, period, titled=False)
    mine: dict[int, list] = {}
    for line in lines:
        mine.setdefault(line.assignment.supervisor_id, []).append(line)
    by = {
        sid: (
            len({x.assignment.unit_id for x in xs}),
            sum(figures.owed_by(x, as_of)[0] for x in xs),
            sum(figures.owed_by(x, as_of)[1] for x in xs),
            sum(x.visits for x in xs),
        )
        for sid, xs in mine.items()
    }
    cadences: dict[str, int] = {}
    for line in lines:
        cadences[line.assignment.cadence] = cadences.get(line.assignment.cadence, 0) + 1
    units = len({x.assignment.unit_id for x in lines})
    totals = [sum(v[i] for v in by.values()) for i in (1, 2, 3)]
    return len(lines), units, cadences, *totals, by


def summed(db, period, as_of):
    f = figures.visit_figures(db, period, as_of)
    by = {s.supervisor_id: (s.units, s.required, s.done, s.visits) for s in f.by_supervisor}
    return f.assignments, f.units, f.cadences, f.required, f.done, f.visits, by


def _world(assignments, visits):
    db = store_db.memory()
    people = [make.supervisor(db, f"Đào Văn {n}", code=f"UV{n}") for n in "AB"]
    cells = [make.unit(db, f"Chi bộ thôn {n}", code=f"T{n}") for n in range(3)]
    made = []
    for who, cell, cadence, start, days in assignments:
        end = None if days is None else date.fromordinal(start.toordinal() + days)
        try:
            make.assign(db, people[who], cells[cell], cadence=cadence, start=start.isoformat(),
                        end=end and end.isoformat())  # fmt: skip
        except Exception:  # noqa: BLE001 -- the same pair and start twice: one is enough
            continue
        made.append((people[who], cells[cell], start, end))
    for n, day in visits:
        if not made:
            break
        who, cell, start, end = made[n % len(made)]
        if start <= day and (end is None or day <= end):
            try:
                make.visit(db, who, cell, day.isoformat(), today=date(2027, 2, 1))
            except Exception:  # noqa: BLE001 -- that meeting or visit already written
                continue
    return db


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ASSIGNMENTS, VISITS, REPORTS)
def test_the_summed_figures_are_the_lines_folded(assignments, visits, report):
    db = _world(assignments, visits)
    period, day = report
    assert summed(db, period, day) == folded(db, period, day)
