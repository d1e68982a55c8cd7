import sqlite3
import stat

import pytest

from store.core import db as store_db
from store.core import records, schema
from store.core.errors import DatabaseProblem, NotFound


def test_new_database_is_owner_only_with_schema(db_path):
    db = store_db.connect(db_path)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert {"units", "meetings", "visits", "changes", "concerns"} <= set(db.table_names())
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma busy_timeout").fetchone()[0] == store_db.BUSY_TIMEOUT_MS


def test_migrations_from_empty_are_recorded_and_idempotent(db_path):
    store_db.connect(db_path)
    db = store_db.connect(db_path)
    applied = [m.name for m in schema.migrations.applied(db)]
    assert applied == sorted(schema.known_migrations())
    assert not schema.migrations.pending(db)


def test_not_a_database_is_named_in_the_message(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(DatabaseProblem, match="notes.db"):
        store_db.connect(bogus)


def test_foreign_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    with pytest.raises(DatabaseProblem, match="other.db"):
        store_db.connect(other)


def test_database_from_a_newer_version_is_refused(db_path):
    db = store_db.connect(db_path)
    # Straight in: a migration this version does not know is what a newer phutrach leaves.
    db["_sqlite_migrations"].insert(
        {"migration_set": schema.MIGRATION_SET, "name": "m999_future", "applied_at": "x"}
    )
    with pytest.raises(DatabaseProblem, match="newer"):
        store_db.connect(db_path)


def test_missing_database_is_not_created_when_not_allowed(db_path):
    with pytest.raises(DatabaseProblem):
        store_db.connect(db_path, create=False)
    assert not db_path.exists()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):  # straight to sqlite: the schema's own guard
        db["units"].insert(
            {
                "uid": "u",
                "created_at": "x",
                "updated_at": "x",
                "name": "A",
                "name_folded": "a",
                "sort_key": "a",
                "kind": "cell",
                "parent_id": 999,
            }
        )


def test_unit_codes_are_unique(db):
    records.insert(db, "units", {"name": "Chi bộ 1", "kind": "cell", "code": "C1"})
    with pytest.raises(sqlite3.IntegrityError):
        records.insert(db, "units", {"name": "Chi bộ 2", "kind": "cell", "code": "C1"})
    assert db["units"].count == 1


def test_every_write_is_audited_and_a_deletion_can_be_restored(db):
    unit_id = records.insert(db, "units", {"name": "Chi bộ Đào Xá", "kind": "cell"})
    records.update(db, "units", unit_id, {"members_full": 12})
    gone = records.delete(db, "units", unit_id)
    actions = [c["action"] for c in records.history(db, gone["uid"])]
    assert actions == ["insert", "update", "delete"]
    assert records.restore(db, gone["uid"]) == unit_id
    back = records.get(db, "units", unit_id)
    assert back["members_full"] == 12 and back["uid"] == gone["uid"]
    with pytest.raises(NotFound):
        records.restore(db, gone["uid"])


def test_names_are_nfc_with_folded_shadow(db):
    import unicodedata

    unit_id = records.insert(
        db, "units", {"name": unicodedata.normalize("NFD", "Chi bộ Dương"), "kind": "cell"}
    )
    row = records.get(db, "units", unit_id)
    assert row["name"] == unicodedata.normalize("NFC", "Chi bộ Dương")
    assert row["name_folded"] == "chi bo duong"


def test_sqlite_utils_loads_without_numpy_and_numpy_stays_importable():
    """50 ms off every start: sqlite-utils' optional numpy types are not loaded (phutrach
    stores no numpy values), and the briefs' charts still import numpy for real."""
    import subprocess
    import sys

    code = (
        "import sys, store, sqlite_utils.db as d; assert d.np is None, d.np; "
        "assert 'numpy' not in sys.modules; import numpy; print(numpy.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "numpy", done.stderr


def test_opening_looks_for_no_sqlite_utils_plugin(db_path, monkeypatch):
    """phutrach uses no sqlite-utils plugin: looking for them read the entry points of every
    installed package at each start (35 ms), and would run a stranger's in each connection."""
    from sqlite_utils import plugins

    looked = []
    monkeypatch.setattr(plugins, "_plugins_loaded", False)
    monkeypatch.setattr(plugins.pm, "load_setuptools_entrypoints", looked.append)
    store_db.connect(db_path).close()
    with store_db.reading(db_path) as db:
        db.execute("select 1")
    assert looked == []
