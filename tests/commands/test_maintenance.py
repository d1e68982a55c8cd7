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
    assert result.exit_code == 0 and '"Xóa"' in result.output
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


def test_history_lists_one_entry_per_action_in_words_and_restores_it(db_path):
    from store.core import settings
    from store.visits import delete_visit

    db, unit_id = _filled(db_path)
    sup = make.supervisor(db, "Phạm Minh Đức", code="S1")
    make.assign(db, sup, unit_id)
    done = make.visit(db, sup, unit_id, "2026-10-05", today=date(2026, 10, 10))
    settings.set_user(db, settings.User(settings.CLERK, "Lê Thị Hoa"))
    delete_visit(db, done.visit_id)
    db.close()
    listed = _run(db_path, "history", "--deleted")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert len(lines) == 3  # the headers, a rule, one entry for the visit and its meeting
    assert "Lê Thị Hoa (Văn phòng) (tài khoản máy: " in lines[2]
    assert (
        "Xóa lượt dự sinh hoạt: Lượt dự sinh hoạt — Chi bộ thôn Đào Xá — 05/10/2026, "
        "cùng buổi sinh hoạt đã ghi" in lines[2]
    )
    number = lines[2].split()[0]
    shown = _run(db_path, "history", number)
    assert shown.exit_code == 0, shown.output
    assert "Trạng thái: Đã thực hiện" in shown.output and "Ngày: 05/10/2026" in shown.output
    assert (
        "uid" not in shown.output and "{" not in shown.output and "2026-10-05" not in shown.output
    )
    restored = _run(db_path, "history", number, "--restore")
    assert restored.exit_code == 0, restored.output
    assert restored.output.splitlines()[1:] == [
        "- Lượt dự sinh hoạt — Chi bộ thôn Đào Xá — 05/10/2026",
        "- Sinh hoạt — Chi bộ thôn Đào Xá — Sinh hoạt chi bộ định kỳ — 05/10/2026",
    ]
    again = _run(db_path, "history", number, "--restore")
    assert again.exit_code == 1 and "Traceback" not in again.output
    newest = _run(db_path, "history", "--limit", "1").output.splitlines()[2]
    assert "Khôi phục: Lượt dự sinh hoạt" in newest


def test_user_shows_and_sets_who_uses_the_installation(db_path):
    db, _unit = _filled(db_path)
    make.supervisor(db, "Phạm Minh Đức", code="S1")
    make.supervisor(db, "Phạm Văn Hùng", code="S2")
    db.close()
    assert "Chưa ghi người sử dụng" in _run(db_path, "user").output
    by_code = _run(db_path, "user", "set", "s1")
    assert by_code.exit_code == 0, by_code.output
    assert by_code.output == "Người sử dụng: đồng chí Phạm Minh Đức, cấp ủy viên phụ trách.\n"
    assert _run(db_path, "user", "set", "hung").output.startswith(
        "Người sử dụng: đồng chí Phạm Văn Hùng"
    )
    several = _run(db_path, "user", "set", "Phạm")
    assert several.exit_code == 1
    assert "Phạm Minh Đức (S1)" in several.output and "Phạm Văn Hùng (S2)" in several.output
    assert "2 kết quả:" in several.output  # every match listed, one a line
    assert "Phạm Văn Hùng" in _run(db_path, "user").output  # unchanged by the refusal
    clerk = _run(db_path, "user", "set", "Lê", "Thị", "Hoa")
    assert clerk.output == "Người sử dụng: Lê Thị Hoa, cán bộ văn phòng cấp ủy.\n"
    assert _run(db_path, "user").output == clerk.output


def test_user_set_refuses_a_name_with_control_characters(db_path):
    """An escape sequence in the name would be recorded beside every change and rewrite the
    terminal of whoever reads the history."""
    _filled(db_path)[0].close()
    result = _run(db_path, "user", "set", "\x1b]0;pwned\x07Nguyễn")
    assert result.exit_code == 1
    assert "ký tự điều khiển" in result.output and "Tên người sử dụng" in result.output
    assert "Chưa ghi người sử dụng" in _run(db_path, "user").output  # nothing recorded
    long = _run(db_path, "user", "set", "A" * 121)
    assert long.exit_code == 1 and "tối đa 120" in long.output
