"""The ground moving under a running phutrach: the database file replaced, moved or deleted
while it is open refuses the next write with one message and writes nothing anywhere; a
full disk skips the daily backup with a warning instead of blocking the open."""

import errno
import os

import pytest
from click.testing import CliRunner
from textual.widgets import Input

from commands.cli import cli
from store.core import backup as store_backup
from store.core import db as store_db
from store.core import records
from store.core.errors import DatabaseProblem
from tests import factories as make
from tests.trust.helpers import count, district
from tests.tui.conftest import TODAY, build_district
from tui.textual_internals import notifications

MOVED = "đã bị thay thế, di chuyển hoặc xóa trong khi phutrach đang mở"


def _write(db) -> None:
    records.insert(db, "units", {"name": "Chi bộ thôn Mới", "kind": "cell"})


def _replace(db_path, tmp_path) -> bytes:
    """Put another phutrach database at `db_path` (as a sync tool or a restore by hand would)
    and return its bytes."""
    other = tmp_path / "other" / "phutrach.db"
    district(other, units=1)
    os.replace(other, db_path)
    return db_path.read_bytes()


def test_a_replaced_file_refuses_the_next_write_and_is_left_as_it_was(db_path, tmp_path):
    district(db_path)
    db = store_db.connect(db_path)
    _write(db)  # writes while the file is the one opened
    replacement = _replace(db_path, tmp_path)
    with pytest.raises(DatabaseProblem) as caught:
        _write(db)
    assert MOVED in caught.value.message and str(db_path) in caught.value.message
    assert db["units"].count == 3  # reads still see the database opened: nothing lost
    db.close()
    assert db_path.read_bytes() == replacement
    assert count(db_path, "units") == 1


@pytest.mark.parametrize("how", ["moved", "deleted"])
def test_a_moved_or_deleted_file_refuses_the_next_write(db_path, how):
    district(db_path)
    db = store_db.connect(db_path)
    moved = db_path.with_name("elsewhere.db")
    if how == "moved":
        os.rename(db_path, moved)
    else:
        db_path.unlink()
    with pytest.raises(DatabaseProblem, match=MOVED), db.atomic():
        make.unit(db, "Chi bộ thôn Mới")
    assert db["units"].count == 2
    db.close()
    assert not db_path.exists()
    if how == "moved":
        assert count(moved, "units") == 2


def test_a_database_in_memory_is_never_said_to_have_moved():
    db = store_db.memory()
    _write(db)
    assert db["units"].count == 1


async def test_the_tui_shows_the_refusal_as_a_notification_and_stays_up(tmp_path, monkeypatch):
    from tui.app import PhutrachApp
    from tui.screens.concerns.form import ConcernForm

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    path = tmp_path / "district.db"
    make.on_disk(path, build_district)
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6", "n")
        await pilot.pause()
        assert isinstance(app.screen, ConcernForm)
        await pilot.press(*"duong lieu", "enter")
        await pilot.press("enter", "down", "enter", "tab", "tab", *"Duong lang xuong cap")
        await pilot.pause()
        os.rename(path, tmp_path / "moved.db")
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [(str(n.message), n.severity) for n in notifications(app)]
        assert any(MOVED in text and severity == "error" for text, severity in messages)
        assert isinstance(app.screen, ConcernForm)  # what was typed is still there
        assert app.screen.query_one("#cf-unit", Input).value == "Chi bộ thôn Dương Liễu"
        assert app.is_running
    assert count(tmp_path / "moved.db", "concerns") == 0


def _disk_full(monkeypatch) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_backup, "backup", full)


def test_a_full_disk_skips_the_daily_backup_with_a_warning(db_path, monkeypatch):
    district(db_path)
    _disk_full(monkeypatch)
    db = store_db.connect(db_path)  # the first open of the day backs up: it cannot
    assert len(db.warnings) == 1 and str(db_path) in db.warnings[0]
    assert os.strerror(errno.ENOSPC) in db.warnings[0]
    assert db["units"].count == 2
    assert not list(store_backup.backup_dir(db_path).glob("*.db"))


def test_on_a_full_disk_the_cli_warns_and_reads_and_exports_elsewhere(db_path, tmp_path,
                                                                      monkeypatch):  # fmt: skip
    district(db_path)
    _disk_full(monkeypatch)
    runner = CliRunner()
    listed = runner.invoke(cli, ["--db", str(db_path), "units", "-f", "csv"])
    assert listed.exit_code == 0, listed.output
    assert "Chi bộ thôn số 1" in listed.stdout
    assert listed.stderr.startswith("Cảnh báo: Không ghi được bản sao lưu hôm nay")
    out = tmp_path / "usb" / "units.csv"
    out.parent.mkdir()
    exported = runner.invoke(cli, ["--db", str(db_path), "export", "units", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert "Chi bộ thôn số 2" in out.read_text(encoding="utf-8")


async def test_the_tui_notifies_the_skipped_backup(db_path, monkeypatch):
    from tui.app import PhutrachApp

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    district(db_path)
    _disk_full(monkeypatch)
    app = PhutrachApp(db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [(str(n.message), n.severity) for n in notifications(app)]
        assert any("bản sao lưu hôm nay" in m and s == "warning" for m, s in shown), shown


def test_the_backup_before_a_migration_is_still_required(db_path, monkeypatch):
    """Decision: no migration runs without the backup before it; only the daily one is
    skipped on a full disk."""
    district(db_path)
    conn = store_db.connect(db_path)
    conn.execute("delete from _sqlite_migrations where name = 'm009_brief_texts'")
    conn.execute("drop table brief_texts")
    conn.close()
    _disk_full(monkeypatch)
    with pytest.raises(DatabaseProblem, match=str(db_path)):
        store_db.connect(db_path)
    assert "brief_texts" not in store_db.connect(db_path, migrate=False).table_names()
