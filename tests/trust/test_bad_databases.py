"""Bad databases through the CLI: not a database, an empty file, a foreign or newer database,
a read-only folder or file, a full disk, a database held by another program. Each gives one
clear line, a non-zero exit, and nothing written."""

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from commands.cli import cli
from store.core import db as store_db
from store.core import records
from store.rules import health
from tests.trust.helpers import count, district, units_csv

WRITES = (
    ("import", "units", "{csv}"),
    ("backup",),
)
READS = (("units",), ("check",), ("export", "units"))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_one_line(result, *fragments) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi: ")
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def commands(csv_path: Path):
    return [tuple(str(a).format(csv=csv_path) for a in c) for c in (*WRITES, *READS)]


@pytest.fixture
def csv_file(tmp_path):
    return units_csv(tmp_path / "units.csv", 20)


BAD_FILES = {
    "not a database": b"This is a letter, not a database.\n" * 40,
    "random bytes": bytes(range(256)) * 16,
    "cut SQLite header": b"SQLite format 3\x00" + b"\x00" * 50,
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_file_that_is_not_a_database_is_left_untouched(tmp_path, csv_file, kind):
    path = tmp_path / "phutrach.db"
    path.write_bytes(BAD_FILES[kind])
    for command in commands(csv_file):
        assert_one_line(run("--db", path, *command), str(path))
    assert path.read_bytes() == BAD_FILES[kind]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phutrach.db", "units.csv"]


def test_a_foreign_sqlite_database_is_left_untouched(tmp_path, csv_file):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("create table notes(id integer primary key, text)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for command in commands(csv_file):
        assert_one_line(run("--db", path, *command), "không phải của phutrach")
    assert path.read_bytes() == before


def test_a_database_from_a_newer_version_is_left_untouched(db_path, csv_file):
    district(db_path)
    db = store_db.connect(db_path)
    # Straight in: a migration this version does not know is what a newer phutrach leaves.
    db["_sqlite_migrations"].insert(
        {"migration_set": "phutrach", "name": "m999_future", "applied_at": "2030-01-01"}
    )
    db.conn.close()
    before = count(db_path, "units"), count(db_path, "changes")
    for command in commands(csv_file):
        assert_one_line(run("--db", db_path, *command), "phiên bản phutrach mới hơn")
    assert (count(db_path, "units"), count(db_path, "changes")) == before


def test_an_empty_file_is_a_new_database_for_writes_and_none_for_reads(tmp_path, csv_file):
    """Decision: SQLite reads an empty file as an empty database, so phutrach treats it as a
    database not yet made: commands that may create one (init, import, the TUI) build the
    schema into it; commands that need data (check, backup, history) say there is none."""
    for command in (("check",), ("backup",), ("history", "x")):
        path = tmp_path / f"empty-{command[0]}.db"
        path.touch()
        assert_one_line(run("--db", path, *command), "Không có cơ sở dữ liệu", str(path))
        assert path.stat().st_size == 0
    path = tmp_path / "empty.db"
    path.touch()
    result = run("--db", path, "import", "units", csv_file)
    assert result.exit_code == 0, result.output
    assert count(path, "units") == 20
    assert run("--db", path, "check").exit_code == 0


def _with_pragma(monkeypatch, pragma: str) -> None:
    """Every connection the CLI opens gets `pragma` after phutrach's own settings."""
    configure = store_db._configure

    def configured(db):
        configure(db)
        db.execute(pragma)

    monkeypatch.setattr(store_db, "_configure", configured)


def test_a_full_disk_fails_in_one_line_and_writes_nothing(db_path, csv_file, monkeypatch):
    district(db_path)
    before = count(db_path, "units"), count(db_path, "changes")
    # SQLite clamps the page limit to the pages in use: not one more page can be written.
    _with_pragma(monkeypatch, "PRAGMA max_page_count = 1")
    big = units_csv(csv_file.with_name("big.csv"), 2000)
    line = assert_one_line(run("--db", db_path, "import", "units", big), str(db_path))
    assert "đầy" in line
    assert (count(db_path, "units"), count(db_path, "changes")) == before


def test_a_read_only_database_fails_in_one_line_and_writes_nothing(db_path, csv_file, monkeypatch):
    district(db_path)
    before = count(db_path, "units"), count(db_path, "changes")
    # Simulated: as root (the test machine), file permissions would not stop a write.
    _with_pragma(monkeypatch, "PRAGMA query_only = ON")
    line = assert_one_line(run("--db", db_path, "import", "units", csv_file), str(db_path))
    assert "chỉ cho phép đọc" in line
    assert (count(db_path, "units"), count(db_path, "changes")) == before


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root ignores file permissions; simulated by the test above"
)
def test_a_read_only_folder_fails_in_one_line(tmp_path, csv_file):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        path = folder / "phutrach.db"
        assert_one_line(run("--db", path, "import", "units", csv_file), str(path))
        assert not path.exists()
    finally:
        folder.chmod(0o700)


def test_a_database_held_by_another_program_fails_in_one_line(db_path, csv_file, monkeypatch):
    district(db_path)
    before = count(db_path, "units")
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(store_db, "WRITE_WAIT_S", 0.3)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = run("--db", db_path, "import", "units", csv_file)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert_one_line(result, str(db_path), "đang được chương trình khác sử dụng")
    assert count(db_path, "units") == before


def test_a_full_disk_during_a_store_write_rolls_the_whole_use_case_back(db_path):
    world = district(db_path)
    db = store_db.connect(db_path)
    db.execute("PRAGMA max_page_count = 1")
    before = db["units"].count, db["changes"].count
    with pytest.raises(store_db.DatabaseProblem) as caught, db.atomic():
        for i in range(500):
            records.insert(db, "units", {"name": f"Chi bộ {i}", "kind": "cell"})
    assert "đầy" in caught.value.message
    assert (db["units"].count, db["changes"].count) == before
    assert health.check(db).ok
    assert world["units"]
