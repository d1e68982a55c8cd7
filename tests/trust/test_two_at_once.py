"""Two at once: a process saving visits and a batch import on the same database at the same
time. No "database is locked" reaches the user and no write is lost; when another program
holds the database too long, the user gets one clear message and nothing is written."""

import sqlite3
import threading
import time

import pytest

from store.core import db as store_db
from store.core import records
from store.core.errors import DatabaseProblem
from tests.trust.helpers import (
    assert_sound,
    count,
    district,
    phutrach,
    units_csv,
    visit_loop,
    wait_until,
)

VISITS = 300
ROWS = 3000


def test_visit_saves_and_an_import_at_once_lose_nothing(tmp_path):
    path = tmp_path / "data" / "phutrach.db"
    world = district(path)
    units_before = count(path, "units")
    writer = visit_loop(path, world, VISITS)
    assert wait_until(lambda: writer.poll() is not None or count(path, "visits") >= 3, 120)
    assert writer.poll() is None, writer.communicate()
    batch = phutrach("--db", path, "import", "units", units_csv(tmp_path / "u.csv", ROWS))
    batch_out, batch_err = batch.communicate(timeout=600)
    writer_out, writer_err = writer.communicate(timeout=600)
    assert batch.returncode == 0, batch_err
    assert writer.returncode == 0, writer_err
    assert "locked" not in batch_err + writer_err
    assert "chương trình khác sử dụng" not in batch_err + writer_err
    assert count(path, "visits") == VISITS
    assert count(path, "meetings") == VISITS
    assert count(path, "units") == units_before + ROWS
    assert len(writer_out.split()) == VISITS
    assert_sound(path)


def test_a_write_waits_for_another_connection_to_finish(db_path):
    store_db.connect(db_path).conn.close()
    mine = store_db.connect(db_path)
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("insert into settings(key, value, updated_at) values ('x', '1', 'now')")

    def finish():
        time.sleep(0.5)
        other.execute("COMMIT")

    thread = threading.Thread(target=finish)
    thread.start()
    # A use case reads, then writes. Had its transaction begun with a deferred BEGIN, the
    # read would pin a snapshot older than the other's commit and the write would fail at
    # once with "database is locked"; an immediate one waits for the other to finish.
    with mine.atomic():
        assert mine["units"].count == 0
        unit_id = records.insert(mine, "units", {"name": "Chi bộ thôn Đông", "kind": "cell"})
    thread.join()
    assert records.get(mine, "units", unit_id)["name"] == "Chi bộ thôn Đông"
    assert mine["settings"].count == 1


def test_a_database_held_too_long_gives_one_clear_message(db_path, monkeypatch):
    store_db.connect(db_path).conn.close()
    mine = store_db.connect(db_path)
    mine.execute("PRAGMA busy_timeout = 50")
    monkeypatch.setattr(store_db, "WRITE_WAIT_S", 0.3)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseProblem) as caught:
            records.insert(mine, "units", {"name": "Chi bộ thôn Đông", "kind": "cell"})
    finally:
        other.execute("ROLLBACK")
    assert "đang được chương trình khác sử dụng" in caught.value.message
    assert str(db_path) in caught.value.message
    assert "\n" not in caught.value.message
    assert mine["units"].count == 0 and mine["changes"].count == 0
