"""What makes the province demo quick to build keeps the district demo as it was: the uids
made without UUID objects are the same strings, and the indexes built after the rows are the
schema's own."""

import random
import uuid
from datetime import date

from store.core import db as store_db
from store.core import search_index
from store.demo import build as demo
from store.demo import build_demo
from store.demo.base import Rows

TODAY = date(2026, 10, 15)


def test_uids_are_the_strings_uuid_makes():
    rows = Rows(2026, TODAY)
    for _i in range(500):
        rows.add("visits", {"status": "done"})
    draw = random.Random("2026:uid").getrandbits
    expected = sorted(str(uuid.UUID(int=draw(128), version=4)) for _i in range(500))
    made = rows.uids("visits")
    assert made == expected
    assert all(uuid.UUID(u).version == 4 and uuid.UUID(u).variant == uuid.RFC_4122 for u in made)


def _indexes(db) -> list[tuple]:
    return db.execute(
        "select tbl_name, name, sql from sqlite_master where type = 'index' order by name"
    ).fetchall()


def test_the_build_leaves_the_schema_s_indexes(monkeypatch):
    monkeypatch.setattr(demo, "_REINDEX_ROWS", 1)  # every table: indexes built after its rows
    built = store_db.memory()
    build_demo(built, today=TODAY)
    assert _indexes(built) == _indexes(store_db.memory())
    assert built.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_the_search_indexes_hold_every_row_however_the_rows_went_in(monkeypatch):
    monkeypatch.setattr(demo, "_REINDEX_ROWS", 1)  # every table: triggers off for its rows
    built = store_db.memory()
    build_demo(built, today=TODAY)
    for table, (fts, _column) in search_index.INDEXED.items():
        held = built.execute(f"SELECT count(*) FROM {fts}_docsize").fetchone()[0]  # noqa: S608
        rows = built.execute(f"SELECT count(*) FROM {fts}_text").fetchone()[0]  # noqa: S608
        assert held == rows > 0, table
