"""The one atomic-write helper, and every file phutrach writes going through it."""

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import docx
import pytest

from briefs.batch import zip_outputs
from briefs.frame.write import save_docx
from store.core import backup, files, records
from store.core import db as store_db
from store.demo import build_demo_file
from store.exchange import tabular


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def synced(monkeypatch):
    """The paths os.fsync was called on, in order (the temp file and then the folder)."""
    seen: list[Path] = []
    real = os.fsync

    def fsync(fd):
        seen.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


def test_a_write_replaces_the_file_and_syncs_it_then_its_folder(tmp_path, synced):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with files.atomic_write(target, "w", encoding="utf-8") as out:
        out.write("mới")
    assert target.read_text(encoding="utf-8") == "mới"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    temp, folder = synced
    assert temp.name.startswith(".out.csv.") and temp.name.endswith(".tmp")
    assert folder == tmp_path.resolve()


def test_a_failure_mid_write_keeps_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), files.atomic_write(target) as out:
        out.write(b"half")
        raise RuntimeError("disk gone")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failed_rename_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(OSError(28, "")))
    with pytest.raises(OSError), files.atomic_write(target) as out:
        out.write(b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_private_files_are_owner_only_and_others_readable(tmp_path):
    with files.atomic_write(tmp_path / "secret", private=True) as out:
        out.write(b"x")
    with files.atomic_write(tmp_path / "plain") as out:
        out.write(b"x")
    assert _mode(tmp_path / "secret") == 0o600
    assert _mode(tmp_path / "plain") == 0o644


def test_a_path_for_sqlite_is_synced_and_renamed(tmp_path, synced):
    target = tmp_path / "copy.db"
    with files.atomic_path(target, private=True) as tmp:
        conn = sqlite3.connect(tmp)
        conn.execute("create table t (x)")
        conn.close()
    assert sqlite3.connect(target).execute("select count(*) from t").fetchone() == (0,)
    assert _mode(target) == 0o600 and synced[-1] == tmp_path.resolve()


def test_no_folder_sync_when_a_batch_does_it_once(tmp_path, synced):
    with files.atomic_write(tmp_path / "a", sync_dir=False) as out:
        out.write(b"x")
    assert tmp_path.resolve() not in synced


def _went_through_the_helper(target: Path, synced: list[Path]) -> bool:
    """A temp file named for `target` was synced, then `target`'s folder."""
    temps = [p for p in synced if p.name.startswith(f".{target.name}.") and p.suffix == ".tmp"]
    return bool(temps) and target.parent.resolve() in synced[synced.index(temps[0]) :]


def test_a_backup_is_synced_before_it_takes_its_name(db_path, tmp_path, synced):
    db = store_db.connect(db_path)
    records.insert(db, "units", {"name": "Chi bộ thôn Đông", "kind": "cell"})
    dest = backup.backup(db, tmp_path / "copies" / "b.db")
    assert _went_through_the_helper(dest, synced)
    assert _mode(dest) == 0o600


def test_briefs_zips_exports_and_the_demo_go_through_the_helper(tmp_path, synced):
    document = docx.Document()
    brief = tmp_path / "brief.docx"
    save_docx(document, brief)
    archive = zip_outputs([brief], tmp_path / "all.zip")
    export = tabular.write_table(tmp_path / "units.csv", "csv", ["code"], [{"code": "A"}])
    demo = tmp_path / "demo.db"
    build_demo_file(demo, today=date(2026, 10, 15))
    for target in (brief, archive, export, demo):
        assert _went_through_the_helper(target, synced), target
    assert [_mode(p) for p in (brief, archive, export, demo)] == [0o644, 0o600, 0o600, 0o600]
