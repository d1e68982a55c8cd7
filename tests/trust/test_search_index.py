"""The search index (store.core.search_index, FTS5 trigrams kept by triggers) finds exactly
what the LIKE filter on the folded text finds, for any names and searches, after inserts,
renames, deletes and restores; hostile searches (FTS5 syntax among them) never raise."""

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from store.concerns import board, workflow
from store.core import db as store_db
from store.core import records, search_index
from store.core.search_index import word_pattern
from store.org.units import count_units, indexed_clause, list_units, search_clause, search_words
from tests import factories as make

TODAY = dt.date(2026, 10, 20)
# Letters, the FTS5 syntax characters and words, and what SQL and LIKE make much of.
LETTERS = "aáàăđĐeêoôơuưnghtv xyz 0123'\"%_\\*^:+-(){}.,"
WORDS = st.sampled_from(["NEAR", "AND", "OR", "NOT", "name_folded:", "NEAR(", '"', "*", "^"])


def texts(alphabet: str) -> st.SearchStrategy[str]:
    return st.lists(st.text(alphabet, max_size=6) | WORDS, max_size=4).map(" ".join)


TEXTS = texts(LETTERS).filter(str.strip)  # names: no control characters (they are refused)
SEARCHES = texts(LETTERS + "\t\x00") | st.text(max_size=8)
NAMES = st.lists(TEXTS, min_size=1, max_size=6)
# What is done to each record after the first names: rename, delete, delete then restore.
ACTIONS = st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["rename", "delete", "restore"]),
                             TEXTS), max_size=6)  # fmt: skip
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_TEMPLATE = store_db.memory()


def fresh() -> Database:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _TEMPLATE.conn.backup(conn)
    conn.execute("pragma foreign_keys = on")
    return Database(conn)


def like_ids(db: Database, table: str, search: str) -> list[int]:
    where, params = search_clause(search)
    return [r["id"] for r in db[table].rows_where(where, params, order_by="id")]


def indexed_ids(db: Database, table: str, search: str) -> list[int]:
    where, params = indexed_clause(search, table)
    return [r["id"] for r in db[table].rows_where(where, params, order_by="id")]


def change(db: Database, table: str, ids: list[int], actions) -> None:
    """Rename, delete, or delete and restore (records.restore, with its old id) records."""
    for index, action, name in actions:
        record_id = ids[index % len(ids)]
        if not db[table].count_where("id = ?", [record_id]):
            continue
        if action == "rename":
            records.update(db, table, record_id, {"name": name})
        else:
            uid = records.delete(db, table, record_id)["uid"]
            if action == "restore":
                records.restore(db, uid)


@pytest.mark.parametrize("table", ["units", "people", "supervisors"])
@SETTINGS
@given(names=NAMES, actions=ACTIONS, searches=st.lists(SEARCHES, min_size=1, max_size=5))
def test_the_index_finds_what_like_finds(table, names, actions, searches):
    db = fresh()
    add = {
        "units": lambda name: make.unit(db, name),
        "people": lambda name: make.person(db, name, today=TODAY),
        "supervisors": lambda name: make.supervisor(db, name),
    }[table]
    ids = [add(name) for name in names]
    change(db, table, ids, actions)
    for search in [*searches, *names]:
        assert indexed_ids(db, table, search) == like_ids(db, table, search), search


def old_board_ids(db: Database, search: str) -> list[int]:
    """The concern search by LIKE: every word in description or unit name (a short one at a
    word's start, `search_index.word_pattern`)."""
    words = search_words(search)
    where = " and ".join(
        "(' ' || coalesce(c.description_folded, '') || ' ' || u.name_folded) like ? escape '\\'"
        for _w in words
    )
    sql = f"select c.id from concerns c join units u on u.id = c.unit_id where {where or 1}"  # noqa: S608
    return sorted(r[0] for r in db.execute(sql, [word_pattern(w) for w in words]))


@SETTINGS
@given(names=NAMES, descriptions=NAMES, searches=st.lists(SEARCHES, min_size=1, max_size=5))
def test_the_concern_search_finds_what_like_found(names, descriptions, searches):
    db = fresh()
    units = [make.unit(db, name) for name in names]
    concerns = [
        make.concern(db, units[i % len(units)], text, today=TODAY)
        for i, text in enumerate(descriptions)
    ]
    records.update(db, "concerns", concerns[0], {"description": descriptions[-1] + " x"})
    records.update(db, "units", units[-1], {"name": names[0] + " y"})
    for search in [*searches, *names, *descriptions]:
        found = board.board(db, as_of=TODAY, search=search, limit=None)
        assert sorted(r.id for r in found) == old_board_ids(db, search), search
        assert board.count_board(db, as_of=TODAY, search=search) == len(found)


HOSTILE = ['"', '""', "'", "*", "nha*", "^nha", "NEAR(nha van)", "nha AND van", "nha OR",
           "NOT van", "name_folded:nha", "{name_folded}: nha", "nha + van", "(nha", "nha)",
           '"nha van"', "\x00nha", "-nha", "a:b:c"]  # fmt: skip


@pytest.mark.parametrize("search", HOSTILE)
def test_fts5_syntax_is_text(search):
    db = fresh()
    make.unit(db, "Nhà văn hóa " + search.replace("\x00", " "))
    make.unit(db, "Nhà văn hóa thôn Đông")
    for table in ("units", "people", "supervisors"):
        assert indexed_ids(db, table, search) == like_ids(db, table, search)
    assert len(board.board(db, as_of=TODAY, search=search)) == 0
    assert len(indexed_ids(db, "units", search)) >= 1


@pytest.mark.parametrize("common", [True, False])
def test_a_page_in_sort_order_is_the_same_for_common_and_rare_words(common, monkeypatch):
    """`page_clause` reads in sort order for a common word, by id for a rare one: same rows."""
    db = fresh()
    for i in range(30):
        make.unit(db, f"Chi bộ thôn {i}" if i % 3 else f"Nhà văn hóa {i}")
    monkeypatch.setattr(search_index, "dense", lambda *_a: common)
    for search in ("thon", "nha van", "thon 1", "hoa 2", "x"):
        found = [u.id for u in list_units(db, search, limit=5, offset=2)]
        where, params = search_clause(search)
        rows = db["units"].rows_where(where, params, order_by="sort_key, id", limit=5, offset=2)
        assert found == [r["id"] for r in rows]


def test_a_damaged_index_is_rebuilt_from_the_rows():
    db = fresh()
    make.unit(db, "Chi bộ thôn Đông")
    damage = "insert into units_fts(units_fts, rowid, words) values ('delete', 1, ?)"
    db.execute(
        damage, ["\x1f\x1fchi \x1f\x1fbo \x1f\x1fthon \x1f\x1fdong"]
    )  # as a tool writing with the triggers left out
    assert indexed_ids(db, "units", "thon dong") == []
    search_index.rebuild(db)
    assert indexed_ids(db, "units", "thon dong") == [1]


def test_a_short_word_matches_a_word_start_and_a_long_one_anywhere():
    db = fresh()
    van, nguyen, trung = (make.unit(db, n) for n in ("Chi bộ thôn Vân", "Chi bộ Nguyễn", "Trung"))
    assert indexed_ids(db, "units", "v") == [van]  # not the v inside nothing, not "nguyen"
    assert indexed_ids(db, "units", "ng") == [nguyen]  # "trung" ends with ng: not a start
    assert indexed_ids(db, "units", "ung") == [trung]  # three letters: anywhere
    assert indexed_ids(db, "units", "uyen") == [nguyen]
    assert indexed_ids(db, "units", "t v") == [van]


def test_a_capped_count_stops_past_its_cap():
    db = fresh()
    for i in range(12):
        make.unit(db, f"Chi bộ thôn {i}")
    make.unit(db, "Đảng bộ xã")
    assert count_units(db, "thon", cap=5) == 6  # more than 5
    assert count_units(db, "thon", cap=50) == 12 == count_units(db, "thon")
    assert count_units(db, "c", cap=3) == 4 and count_units(db, "xa", cap=3) == 1
    unit = make.unit(db, "Chi bộ thôn Đông")
    make.concern(db, unit, "Nhà văn hóa xuống cấp", today=TODAY)
    make.concern(db, unit, "Thiếu kinh phí", today=TODAY)
    assert board.count_board(db, as_of=TODAY, search="dong", cap=1) == 2
    assert board.count_board(db, as_of=TODAY, search="nha van", cap=1) == 1


def test_a_unit_renamed_moves_its_concerns_in_the_index():
    """A concern is found by its unit's name: a rename re-indexes it (trigger on units)."""
    db = fresh()
    unit = make.unit(db, "Chi bộ thôn Đông")
    concern = make.concern(db, unit, "Thiếu kinh phí", today=TODAY)
    records.update(db, "units", unit, {"name": "Chi bộ thôn Tây"})
    assert [r.id for r in board.board(db, as_of=TODAY, search="tay kinh")] == [concern]
    assert board.board(db, as_of=TODAY, search="dong") == []
    search_index.rebuild(db)  # the rebuild agrees with what the triggers kept
    assert [r.id for r in board.board(db, as_of=TODAY, search="t kinh")] == [concern]


# What is done to each concern: a step of the workflow (by its number among the steps legal
# from its status), reopened when closed, its unit renamed, deleted, or its text edited.
CONCERN_STEPS = st.lists(
    st.tuples(st.integers(0, 5), st.sampled_from(["step", "rename", "delete", "edit"]),
              st.integers(0, 3), TEXTS),
    max_size=8,
)  # fmt: skip


def _walk(db: Database, concerns: list[int], units: list[int], steps) -> None:
    for index, action, choice, text in steps:
        concern_id = concerns[index % len(concerns)]
        if not db["concerns"].count_where("id = ?", [concern_id]):
            continue
        status = workflow.get_concern(db, concern_id).status
        if action == "step" and status in workflow.CLOSED:
            workflow.reopen(db, concern_id, "Chưa xong", today=TODAY)
        elif action == "step":
            to = workflow.TRANSITIONS[status][choice % len(workflow.TRANSITIONS[status])]
            workflow.transition(db, concern_id, to, note="Bước", today=TODAY)
        elif action == "rename":
            records.update(db, "units", units[index % len(units)], {"name": text})
        elif action == "delete":
            workflow.delete_concern(db, concern_id)
        else:
            records.update(db, "concerns", concern_id, {"description": text})


@SETTINGS
@given(names=NAMES, descriptions=NAMES, steps=CONCERN_STEPS,
       searches=st.lists(SEARCHES, min_size=1, max_size=4))  # fmt: skip
def test_the_open_concerns_index_holds_the_open_ones_through_every_step(
    names, descriptions, steps, searches
):
    """The open board's search (its own index) lists, counts and figures what the whole
    board's search finds among the open concerns, after steps, reopenings, renames, edits and
    deletes; the index agrees with its rows (FTS5's integrity check)."""
    db = fresh()
    units = [make.unit(db, name) for name in names]
    concerns = [
        make.concern(db, units[i % len(units)], text, today=TODAY,
                     raised_date=TODAY - dt.timedelta(days=20 * i))
        for i, text in enumerate(descriptions)
    ]  # fmt: skip
    _walk(db, concerns, units, steps)
    check = "INSERT INTO open_concerns_fts(open_concerns_fts, rank) VALUES ('integrity-check', 1)"
    db.execute(check)
    for search in [*searches, *names, *descriptions, ""]:
        every = board.board(db, as_of=TODAY, search=search, limit=None)
        still_open = [r for r in every if r.is_open]
        found = board.board(db, as_of=TODAY, status="open", search=search, limit=None)
        assert [r.id for r in found] == [r.id for r in still_open], search
        assert board.count_board(db, as_of=TODAY, status="open", search=search) == len(found)
        month = TODAY.replace(day=1).isoformat()
        expected = board.BoardCounts(
            open=len(found),
            overdue=sum(r.is_overdue for r in found),
            ageing=sum(r.age_days > board.AGEING_DAYS for r in found),
            resolved_this_month=sum(
                not r.is_open and month <= (r.resolved_date or "") <= TODAY.isoformat()
                for r in every
            ),
        )
        assert board.board_counts(db, as_of=TODAY, search=search) == expected, search
