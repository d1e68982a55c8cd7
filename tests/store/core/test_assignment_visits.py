"""The kept last visits and deadlines (schema m014, store.core.summaries) stay what the visits
and assignments say after any sequence of the store's writes, and the due list read from them
(a page, its counts, a row's place) is the one worked out from the visits."""

import contextlib
import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.core import db as store_db
from store.core import records, summaries
from store.core.errors import ValidationError
from store.core.schema import ASSIGNMENT_VISITS_SELECT
from store.history import audit
from store.rules import cadence, health
from store.rules.rulebook import in_force
from store.visits import cancel_planned_visit, delete_visit, update_visit
from tests import factories as make

DAYS = ["2025-12-20", "2026-01-10", "2026-03-31", "2026-06-15", "2026-08-01", "2026-09-30",
        "2026-10-01", "2026-10-19"]  # fmt: skip
STARTS = ["2025-11-20", "2026-01-01", "2026-02-16", "2026-07-10", "2026-10-17"]
ENDS = [None, None, "2026-06-30", "2026-10-10", "2026-11-14", "2026-12-31"]
# Days the due list is judged on: after every visit (the kept path) and before some.
JUDGED = [date(2026, 10, 20), date(2026, 11, 3), date(2026, 12, 31), date(2027, 2, 10),
          date(2026, 7, 1)]  # fmt: skip


def kept(db) -> list[tuple]:
    return sorted(db.execute("select * from assignment_visits").fetchall())


def worked_out(db) -> list[tuple]:
    return sorted(db.execute(ASSIGNMENT_VISITS_SELECT.format(where="")).fetchall())


def _world():
    db = store_db.memory()
    cells = [make.unit(db, f"Chi bộ thôn {n}", members_full=20) for n in ("Đông", "Tây", "2")]
    sups = [make.supervisor(db, name, code=f"UV{i}") for i, name in enumerate(("Ấn", "Bình"))]
    make.assign(db, sups[0], cells[0], start="2025-11-01")
    make.assign(db, sups[1], cells[1], cadence="quarterly", start="2026-01-01")
    return db, cells, sups


OPS = st.one_of(
    st.tuples(st.just("visit"), st.integers(0, 1), st.integers(0, 2), st.sampled_from(DAYS)),
    st.tuples(st.just("edit_visit"), st.integers(0, 30), st.sampled_from(DAYS)),
    st.tuples(st.just("delete_visit"), st.integers(0, 30)),
    st.tuples(st.just("restore"), st.integers(0, 30)),
    st.tuples(st.just("plan"), st.integers(0, 1), st.integers(0, 2)),
    st.tuples(st.just("cancel"), st.integers(0, 30)),
    st.tuples(
        st.just("assign"),
        st.integers(0, 1),
        st.integers(0, 2),
        st.sampled_from(STARTS),
        st.sampled_from(ENDS),
        st.sampled_from(["monthly", "quarterly"]),
    ),  # fmt: skip
    st.tuples(st.just("end"), st.integers(0, 30), st.sampled_from(ENDS)),
    st.tuples(st.just("cadence"), st.integers(0, 30), st.sampled_from(["monthly", "quarterly"])),
    st.tuples(st.just("unassign"), st.integers(0, 30)),
    st.tuples(st.just("rename"), st.integers(0, 2), st.sampled_from(["Chi bộ thôn 10", "An Hạ"])),
)


_UNVISITED = "id not in (select assignment_id from visits where assignment_id is not null)"


def _pick(db, table: str, n: int, where: str = "1") -> int | None:
    ids = [r[0] for r in db.execute(f"select id from {table} where {where} order by id")]  # noqa: S608
    return ids[n % len(ids)] if ids else None


def _apply(db, cells, sups, gone: list[str], op) -> None:  # noqa: C901 (one branch a write)
    kind, *args = op
    if kind == "visit":
        make.visit(db, sups[args[0]], cells[args[1]], args[2])
    elif kind == "edit_visit" and (visit := _pick(db, "visits", args[0], "status = 'done'")):
        update_visit(db, visit, today=make.TODAY, meeting={"date": args[1]})
    elif kind == "delete_visit" and (visit := _pick(db, "visits", args[0])):
        gone.append(records.get(db, "visits", visit)["uid"])
        delete_visit(db, visit)
    elif kind == "restore" and gone:
        audit.restore_deleted(db, gone.pop(args[0] % len(gone)))
    elif kind == "plan":
        make.planned_visit(db, sups[args[0]], cells[args[1]], "2026-10-25", today=make.TODAY)
    elif kind == "cancel" and (visit := _pick(db, "visits", args[0], "status = 'planned'")):
        cancel_planned_visit(db, visit)
    elif kind == "assign":
        who, cell, start, end, cadence_ = args
        make.assign(db, sups[who], cells[cell], cadence=cadence_, start=start, end=end)
    elif kind == "end" and (assignment := _pick(db, "assignments", args[0])):
        records.update(db, "assignments", assignment, {"end_date": args[1]})
    elif kind == "cadence" and (assignment := _pick(db, "assignments", args[0])):
        records.update(db, "assignments", assignment, {"cadence": args[1]})
    elif kind == "unassign" and (assignment := _pick(db, "assignments", args[0], _UNVISITED)):
        gone.append(records.get(db, "assignments", assignment)["uid"])
        records.delete(db, "assignments", assignment)
    elif kind == "rename":
        records.update(db, "units", cells[args[0]], {"name": args[1]})


def assert_due_lists_alike(db) -> None:
    """The list read from the kept deadlines, whole, by pages and counted, is the list
    worked out from the visits, on days after every visit and before some."""
    book = in_force(db)
    for day in JUDGED:
        for who in (None, 1):
            whole = cadence._worked_out(db, who, day, book)
            assert cadence.due_list(db, who, day, book) == whole, day
            pages = [cadence.due_list(db, who, day, book, limit=2, offset=n) for n in (0, 2, 4)]
            assert [item for page in pages for item in page] == whole[:6]
            counts = cadence.due_counts(db, who, day, book)
            states = [item.state for item in whole]
            assert (counts.overdue, counts.due, counts.done) == tuple(
                states.count(s) for s in ("overdue", "due", "done")
            )
            pairs = [(x.assignment.supervisor_id, x.assignment.unit_id) for x in whole]
            for pair in pairs:
                assert cadence.due_index(db, who, day, pair, book) == pairs.index(pair), day


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=3, max_size=16))
def test_the_kept_deadlines_are_the_visits_worked_out_after_any_writes(ops):
    db, cells, sups = _world()
    gone: list[str] = []
    for op in ops:
        # A visit outside any assignment, a second assignment on the same day: refused.
        with contextlib.suppress(ValidationError, sqlite3.IntegrityError):
            _apply(db, cells, sups, gone, op)
        assert kept(db) == worked_out(db), op
    assert summaries.drift(db) == []
    assert_due_lists_alike(db)


def test_a_deadline_follows_the_cadence_and_the_half_of_a_period_rule():
    """Monthly from 16 February: February is owed (13 of 28 days is under half: no), so the
    first deadline is 31 March; a visit on 10 March moves it to 30 April; a quarterly
    assignment ending on 10 November owes no fourth quarter (41 of 92 days)."""
    db, cells, sups = _world()
    monthly = make.assign(db, sups[0], cells[2], start="2026-02-16")
    quarterly = make.assign(db, sups[1], cells[2], cadence="quarterly", start="2026-07-01",
                            end="2026-11-10")  # fmt: skip

    def due(assignment):
        sql = "select next_due from assignment_visits where assignment_id = ?"
        return db.execute(sql, [assignment]).fetchone()[0]

    assert due(monthly) == "2026-03-31" and due(quarterly) == "2026-09-30"
    make.visit(db, sups[0], cells[2], "2026-03-10")
    make.visit(db, sups[1], cells[2], "2026-08-10")
    assert due(monthly) == "2026-04-30" and due(quarterly) is None
    assert kept(db) == worked_out(db)


def test_a_list_judged_before_a_visit_is_worked_out_from_the_visits():
    """The kept last visit is the latest; on a day before it the list is the one of that
    day (the visits up to it), not the kept one."""
    db, cells, sups = _world()
    make.visit(db, sups[0], cells[0], "2026-10-05")
    book = in_force(db)
    on_first = cadence.due_list(db, sups[0], date(2026, 10, 1), book)
    assert on_first == cadence._worked_out(db, sups[0], date(2026, 10, 1), book)
    assert on_first[0].state != "done" and on_first[0].last_visit is None
    assert cadence.due_list(db, sups[0], date(2026, 10, 20), book)[0].state == "done"


@pytest.mark.parametrize(
    "tamper",
    [
        "update assignment_visits set next_due = '2026-01-31'",
        "update assignment_visits set last_visit = null",
        "update assignment_visits set unit_sort = 'z'",
        "delete from assignment_visits",
        "insert into assignment_visits (assignment_id, supervisor_id, unit_id, cadence,"
        " start_date) values (999, 1, 1, 'monthly', '2026-01-01')",
    ],
)
def test_check_finds_a_drift_and_rebuild_repairs_it(tamper):
    db, cells, sups = _world()
    make.visit(db, sups[0], cells[0], "2026-09-05")
    assert health.check(db).ok
    db.execute(tamper)
    result = health.check(db)
    assert not result.ok
    assert [p for p in result.problems if "check --repair" in p] == list(result.problems)
    assert "hạn dự" in result.problems[0]  # the due list's figures, named as such
    assert summaries.drift(db)[0].table == "assignment_visits"
    summaries.rebuild(db)
    assert health.check(db).ok and kept(db) == worked_out(db)


def test_visits_and_assignments_written_outside_the_store_are_kept_too():
    """Triggers, not the write functions: raw writes (an old tool) keep it exact."""
    db, cells, sups = _world()
    db.execute(
        "insert into visits (uid, created_at, updated_at, supervisor_id, unit_id, date, status)"
        " values ('v1', '', '', ?, ?, '2026-10-02', 'done')",
        [sups[0], cells[0]],
    )
    db.execute("update assignments set cadence = 'quarterly', start_date = '2026-02-10'")
    db.execute("update supervisors set sort_key = 'a' || sort_key")
    assert kept(db) == worked_out(db)
    db.execute("delete from visits")
    db.execute("delete from assignments where supervisor_id = ?", [sups[1]])
    assert kept(db) == worked_out(db) and len(kept(db)) == 1


def test_an_import_of_visits_keeps_the_deadlines_and_repair_counts_them_again(db_path, tmp_path):
    """Through the CLI: `import visits` leaves no drift; a drift is named by `check` and
    worked out again by `check --repair`."""
    from tests.commands.loop_world import make_world, run
    from tests.commands.test_import_meetings_cli import FULL_CELLS, VISIT_HEAD, imported, write

    path, _ids = make_world(db_path)
    row = f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,Tốt,{FULL_CELLS}\n"
    file = write(tmp_path, "visits.csv", VISIT_HEAD + row)
    imported(path, "visits", file)
    db = store_db.connect(path, create=False)
    assert summaries.drift(db) == []
    sql = """select k.last_visit from assignment_visits k join units u on u.id = k.unit_id
              join supervisors s on s.id = k.supervisor_id where u.code = ? and s.code = ?"""
    assert db.execute(sql, ["XA-DA-02", "S2"]).fetchone()[0] == "2026-10-06"
    db.execute("update assignment_visits set last_visit = null, next_due = null")
    db.conn.commit()
    db.conn.close()
    checked = run("--db", path, "check")
    assert checked.exit_code != 0 and "phutrach check --repair" in checked.stderr
    assert run("--db", path, "check", "--repair").exit_code == 0
    assert run("--db", path, "check").exit_code == 0
