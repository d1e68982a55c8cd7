import stat

import pytest

from store.core import backup
from store.core import db as store_db
from store.core.errors import DatabaseProblem
from store.rules import health
from tests import factories as make


def test_daily_backup_on_first_open_is_owner_only(db_path):
    db = store_db.connect(db_path)
    make.unit(db)
    assert not backup.backed_up_today(db_path)
    store_db.connect(db_path)
    copies = list(backup.backup_dir(db_path).glob("*.db"))
    assert len(copies) == 1
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(copies[0].parent.stat().st_mode) == 0o700
    store_db.connect(db_path)
    assert len(list(backup.backup_dir(db_path).glob("*.db"))) == 1


def test_backup_is_a_consistent_copy(db_path, tmp_path):
    db = store_db.connect(db_path)
    make.unit(db)
    copy = backup.backup(db, tmp_path / "copy.db")
    backup.verify_file(copy)
    assert store_db.connect(copy)["units"].count == 1


def test_rotation_keeps_the_newest(db_path):
    db = store_db.connect(db_path)
    for i in range(5):
        backup.rotate(db, db_path, keep=3, reason=f"r{i}")
    assert len(list(backup.backup_dir(db_path).glob("*.db"))) == 3


def test_restore_checks_the_file_and_keeps_the_current(db_path, tmp_path):
    db = store_db.connect(db_path)
    make.unit(db, "Chi bộ A")
    snapshot = backup.backup(db, tmp_path / "snap.db")
    make.unit(db, "Chi bộ B")
    db.conn.close()
    kept = backup.restore(db_path, snapshot)
    assert store_db.connect(db_path)["units"].count == 1
    assert store_db.connect(kept)["units"].count == 2


def test_restore_refuses_a_bad_file(db_path, tmp_path):
    store_db.connect(db_path)
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    with pytest.raises(DatabaseProblem, match="junk.db"):
        backup.restore(db_path, junk)
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(DatabaseProblem, match="empty.db"):
        backup.restore(db_path, empty)


def test_check_finds_a_dangling_reference(db):
    assert health.check(db).ok
    # Straight to sqlite with the foreign keys off: a post of no one in no unit is a corrupt
    # database, which appoint(today=date.today()) refuses to make.
    db.execute("PRAGMA foreign_keys = OFF")
    db["posts"].insert(
        {
            "uid": "p",
            "created_at": "x",
            "updated_at": "x",
            "person_id": 42,
            "unit_id": 42,
            "role": "secretary",
        }
    )
    result = health.check(db)
    assert not result.ok and any("posts" in p for p in result.problems)


def test_check_reports_a_broken_rulebook(db, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("name = ")
    result = health.check(db, bad)
    assert not result.ok and "bad.toml" in result.problems[0]
