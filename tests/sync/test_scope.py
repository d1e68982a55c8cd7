"""A supervisor's laptop holds its own scope and nothing of another supervisor's personnel."""

from datetime import date

import pytest
from sqlite_utils import Database

from store.core import db as store_db
from store.demo import build_demo
from store.sync import scope


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("office") / "office.db"
    build_demo(store_db.connect(path), today=date(2026, 12, 2))
    return path


def _busiest(office_db):
    """The supervisor with the most capability notes and plans: the hardest case to keep in."""
    return office_db.execute(
        """SELECT supervisor_id FROM capability_notes GROUP BY supervisor_id
           ORDER BY count(*) DESC LIMIT 1"""
    ).fetchone()[0]


def _ids(db, sql, *args):
    return {row[0] for row in db.execute(sql, args).fetchall()}


def test_a_laptop_holds_its_supervisors_personnel_content_and_no_one_elses(office, tmp_path):
    source = store_db.connect(office)
    me = _busiest(source)
    laptop = store_db.connect(tmp_path / "laptop.db")
    counts = scope.fill(laptop, office, me)
    for table in ("capability_notes", "succession_plans", "visits", "concerns"):
        mine = _ids(source, f"SELECT id FROM {table} WHERE supervisor_id = ?", me)  # noqa: S608
        assert mine and _ids(laptop, f"SELECT id FROM {table}") == mine  # noqa: S608
    plans = _ids(source, "SELECT id FROM succession_plans WHERE supervisor_id = ?", me)
    for table in ("plan_candidates", "plan_actions"):
        held = _ids(laptop, f"SELECT plan_id FROM {table}")  # noqa: S608
        assert held <= plans
    assert counts["units"] == source["units"].count  # the whole tree
    assert laptop.execute("PRAGMA foreign_key_check").fetchall() == []


def test_what_a_laptop_holds_is_enough_to_work(office, tmp_path):
    source = store_db.connect(office)
    me = _busiest(source)
    laptop = store_db.connect(tmp_path / "laptop.db")
    scope.fill(laptop, office, me)
    units = _ids(source, "SELECT unit_id FROM assignments WHERE supervisor_id = ?", me)
    assert _ids(laptop, "SELECT unit_id FROM meetings") <= units
    meetings = source.execute(
        f"SELECT count(*) FROM meetings WHERE unit_id IN ({','.join('?' * len(units))})",  # noqa: S608
        list(units),
    ).fetchone()[0]
    assert laptop["meetings"].count == meetings
    kept = laptop.execute("SELECT sum(meetings) FROM meeting_months").fetchone()[0]
    assert kept == meetings  # the derived figures made by the triggers as rows arrived


def test_the_lean_extract_holds_the_same_rows_as_bare_tables(office, tmp_path):
    source = store_db.connect(office)
    me = _busiest(source)
    laptop = store_db.connect(tmp_path / "laptop.db")
    counts = scope.fill(laptop, office, me)
    scope.lean(tmp_path / "lean.db", office, me)
    lean = Database(tmp_path / "lean.db")  # not a phutrach database: the store refuses it
    assert set(lean.table_names()) == set(scope.SCOPE)  # no derived table
    made = (
        "SELECT count(*) FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql IS NOT NULL"
    )
    assert lean.execute(made).fetchone()[0] == 0  # no index or trigger but the keys' own
    assert {t: lean[t].count for t in scope.SCOPE} == counts
    for table in ("visits", "capability_notes"):
        assert [c.name for c in lean[table].columns] == [c.name for c in source[table].columns]
