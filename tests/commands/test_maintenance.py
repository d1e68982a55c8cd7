import stat
from datetime import date

from click.testing import CliRunner

from commands.cli import cli
from store.core import db as store_db
from store.core import records
from tests import factories as make


def _run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


def _filled(db_path):
    db = store_db.connect(db_path)
    unit_id = make.unit(db, "Chi bộ thôn Đào Xá")
    return db, unit_id


def test_backup_to_a_file_is_owner_only(db_path, tmp_path):
    _filled(db_path)
    dest = tmp_path / "copy.db"
    result = _run(db_path, "backup", str(dest))
    assert result.exit_code == 0, result.output
    assert str(dest) in result.output
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_check_passes_then_restore_and_history(db_path, tmp_path):
    db, unit_id = _filled(db_path)
    checked = _run(db_path, "check")
    assert checked.exit_code == 0
    assert checked.stderr.startswith(f"Đang kiểm tra {db_path} (")  # before the seconds it takes
    assert checked.stdout == f"{db_path}: mọi kiểm tra đều đạt.\n"
    snap = tmp_path / "snap.db"
    assert _run(db_path, "backup", str(snap)).exit_code == 0
    gone = records.delete(db, "units", unit_id)
    result = _run(db_path, "history", gone["uid"], "--format", "json")
    assert result.exit_code == 0 and '"delete"' in result.output
    assert _run(db_path, "history", gone["uid"], "--restore").exit_code == 0
    assert store_db.connect(db_path)["units"].count == 1
    result = _run(db_path, "restore", str(snap))
    assert result.exit_code == 0, result.output


def test_restore_of_a_bad_file_is_one_line_and_non_zero(db_path, tmp_path):
    _filled(db_path)
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    result = _run(db_path, "restore", str(junk))
    assert result.exit_code == 1
    assert "junk.db" in result.output and "Traceback" not in result.output


def test_commands_on_a_missing_database_fail_cleanly(db_path):
    result = _run(db_path, "check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not db_path.exists()


def test_history_of_an_unknown_uid(db_path):
    _filled(db_path)
    result = _run(db_path, "history", "no-such-uid")
    assert result.exit_code == 1


def test_a_deleted_visit_is_restored_with_its_meeting(db_path):
    from store.visits import delete_visit, get_visit

    db, unit_id = _filled(db_path)
    sup = make.supervisor(db)
    make.assign(db, sup, unit_id)
    done = make.visit(db, sup, unit_id, "2026-10-05", today=date(2026, 10, 10))
    uid = get_visit(db, done.visit_id).uid
    delete_visit(db, done.visit_id)
    db.close()
    result = _run(db_path, "history", uid, "--restore")
    assert result.exit_code == 0, result.output
    db = store_db.connect(db_path)
    assert get_visit(db, done.visit_id).meeting.id == done.meeting_id
