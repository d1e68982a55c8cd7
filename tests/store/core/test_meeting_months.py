"""The kept monthly meeting counts (schema m010, store.core.summaries) stay exactly what a
GROUP BY over the meetings says, after any sequence of the store's writes: a meeting added,
changed, deleted, restored from the history, recorded or changed or deleted with a visit."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.core import db as store_db
from store.core import records, summaries
from store.core.errors import ValidationError
from store.core.schema import MEETING_MONTHS_GROUPED
from store.history import audit
from store.rules import health
from store.visits import delete_visit, update_visit
from store.visits.meetings import delete_meeting, update_meeting
from tests import factories as make

DAYS = [f"2026-{m:02d}-{d:02d}" for m in (8, 9, 10) for d in (1, 15, 31) if (m, d) != (9, 31)]


def kept(db) -> list[tuple]:
    rows = "select unit_id, month, kind, meetings, round(rate, 9) from meeting_months"
    return sorted(db.execute(rows).fetchall())


def grouped(db) -> list[tuple]:
    query = f"select unit_id, month, kind, meetings, round(rate, 9) from ({MEETING_MONTHS_GROUPED})"
    return sorted(db.execute(query).fetchall())  # noqa: S608


def _world():
    db = store_db.memory()
    cells = [make.unit(db, f"Chi bộ thôn {n}", members_full=20) for n in ("Đông", "Tây")]
    sup = make.supervisor(db)
    for cell in cells:
        make.assign(db, sup, cell)
    return db, cells, sup


OPS = st.one_of(
    st.tuples(
        st.just("add"), st.integers(0, 1), st.sampled_from(DAYS), st.integers(5, 20), st.booleans()
    ),  # fmt: skip
    st.tuples(st.just("edit"), st.integers(0, 30), st.sampled_from(DAYS), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("restore"), st.integers(0, 30)),
    st.tuples(st.just("restore"), st.integers(0, 30)),  # twice as likely: it needs a deletion
    st.tuples(st.just("visit"), st.integers(0, 1), st.sampled_from(DAYS)),
    st.tuples(st.just("edit_visit"), st.integers(0, 30), st.sampled_from(DAYS)),
    st.tuples(st.just("delete_visit"), st.integers(0, 30)),
)


def _pick(db, table: str, n: int) -> int | None:
    ids = [r[0] for r in db.execute(f"select id from {table} order by id")]  # noqa: S608
    return ids[n % len(ids)] if ids else None


def _apply(db, cells, sup, gone: list[str], op) -> None:
    kind, *args = op
    if kind == "add":
        cell, day, present, thematic = args
        extra = {"kind": "thematic", "topic": "Nghị quyết"} if thematic else {}
        make.meeting(db, cells[cell], day, present=present, **extra)
    elif kind == "edit" and (meeting := _pick(db, "meetings", args[0])):
        values = make.meeting_values(args[1], present=args[2])
        update_meeting(db, meeting, today=make.TODAY, date=values["date"],
                       present=args[2], absent_excused=values["absent_excused"])  # fmt: skip
    elif kind == "delete" and (meeting := _pick(db, "meetings", args[0])):
        gone.append(delete_meeting(db, meeting).uid)
    elif kind == "restore" and gone:
        audit.restore_deleted(db, gone.pop(args[0] % len(gone)))
    elif kind == "visit":
        make.visit(db, sup, cells[args[0]], args[1])
    elif kind == "edit_visit" and (visit := _pick(db, "visits", args[0])):
        update_visit(db, visit, today=make.TODAY, meeting={"date": args[1]})
    elif kind == "delete_visit" and (visit := _pick(db, "visits", args[0])):
        gone.append(records.get(db, "visits", visit)["uid"])
        delete_visit(db, visit)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=4, max_size=20))
def test_the_kept_counts_are_the_meetings_grouped_after_any_writes(ops):
    db, cells, sup = _world()
    gone: list[str] = []
    for op in ops:
        with contextlib.suppress(ValidationError):  # a duplicate, a visited meeting: refused
            _apply(db, cells, sup, gone, op)
        assert kept(db) == grouped(db), op
    assert summaries.drift(db) == []


def test_the_migration_counts_the_meetings_stored_before_it(tmp_path):
    db, cells, _sup = _world()
    make.meeting(db, cells[0], "2026-09-05")
    make.meeting(db, cells[0], "2026-09-20", present=10)
    make.meeting(db, cells[1], "2026-10-01", kind="thematic", topic="Nghị quyết")
    assert kept(db) == [
        (cells[0], "2026-09", "regular", 2, round((90 + 50) / 2, 9)),
        (cells[1], "2026-10", "thematic", 1, None),
    ]
    db.execute("delete from meeting_months")
    assert summaries.rebuild(db) == 2 and kept(db) == grouped(db)


@pytest.mark.parametrize(
    "tamper",
    [
        "update meeting_months set meetings = meetings + 1",
        "update meeting_months set rate = rate - 0.5",
        "delete from meeting_months",
        "insert into meeting_months (unit_id, month, kind, meetings, rate)"
        " values (999, '2026-01', 'regular', 3, null)",
    ],
)
def test_check_finds_a_drift_and_rebuild_repairs_it(tamper):
    db, cells, _sup = _world()
    make.meeting(db, cells[0], "2026-09-05")
    assert health.check(db).ok
    db.execute(tamper)
    result = health.check(db)
    assert not result.ok
    assert [p for p in result.problems if "check --repair" in p] == list(result.problems)
    assert summaries.drift(db)[0].groups == 1
    summaries.rebuild(db)
    assert health.check(db).ok and kept(db) == grouped(db)


def test_a_meeting_written_outside_the_store_is_counted_too():
    """A trigger, not the write functions: even a raw insert (an old tool) keeps it exact."""
    db, cells, _sup = _world()
    row = make.meeting_values("2026-09-05") | {"unit_id": cells[0]}
    records.insert(db, "meetings", {k: v for k, v in row.items() if k != "minutes_kept"})
    db.execute("update meetings set kind = 'thematic', topic = 'x'")
    assert kept(db) == grouped(db) == [(cells[0], "2026-09", "thematic", 1, None)]
