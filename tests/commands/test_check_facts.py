"""`phutrach check` reports the stored visits whose scores their meeting's facts deny (data
from before the rule), and the demo, rebuilt in the test's own data folder, passes it."""

from click.testing import CliRunner

from commands.cli import cli
from store.core import db as store_db
from store.core import records
from store.core.paths import demo_db_path
from tests import factories as make


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_check_names_unit_date_and_criterion_of_a_broken_tie(db_path):
    db = store_db.connect(db_path)
    unit = make.unit(db, "Chi bộ thôn Đào Xá", code="DX-01", members_full=20)
    sup = make.supervisor(db)
    make.assign(db, sup, unit)
    done = make.visit(db, sup, unit, "2026-09-05")
    records.update(db, "meetings", done.meeting_id, {"duration_minutes": 45})  # an old import
    db.close()
    result = _run("--db", db_path, "check")
    assert result.exit_code == 1
    assert (
        "- Chi bộ thôn Đào Xá (DX-01), buổi dự sinh hoạt ngày 05/09/2026 của đồng chí Đào Văn Ấn: "
        "Tiêu chí «Trình tự sinh hoạt» không được chấm tối đa 10 điểm khi buổi sinh hoạt chỉ "
        "kéo dài 45 phút, dưới 90 phút theo quy định: hãy cho nhiều nhất 9 điểm.\n"
    ) in result.stderr
    assert result.stderr.endswith(f"Lỗi: {db_path}: phát hiện 1 lỗi.\n")
    assert "Traceback" not in result.output and result.stdout == ""


def test_the_demo_passes_every_check():
    built = _run("demo", "--no-tui", "--rebuild")
    assert built.exit_code == 0, built.output
    path = demo_db_path()
    assert str(path).startswith(str(path.home()))  # the test's own data folder
    checked = _run("--db", path, "check")
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout == f"{path}: mọi kiểm tra đều đạt.\n"


def test_rules_prints_the_ties_of_the_rulebook():
    result = _run("rules", "--rulebook", "hd12")
    assert result.exit_code == 0, result.output
    ties = result.stdout.split("Điểm chấm và thực tế buổi sinh hoạt")[1].split("\n\n")[0]
    lines = {line.split()[0]: line.split()[1:] for line in ties.splitlines()[3:]}
    assert lines == {
        "attendance": ["attendance_threshold_met,", "no_unexcused_absence"],
        "order_duration": ["minimum_duration_met"],
        "resolution": ["resolution_adopted"],
        "minutes": ["minutes_kept"],
    }
    assert "Thời gian sinh hoạt tối thiểu (phút)                    90" in result.stdout


def test_rules_prints_the_kinds_a_unit_may_hold_without_a_frequency():
    result = _run("rules", "--rulebook", "resolution")
    assert result.exit_code == 0, result.output
    table = result.stdout.split("Chế độ sinh hoạt")[1].split("\n\n")[0]
    sub = [line for line in table.splitlines() if line.startswith("Đảng bộ bộ phận")]
    assert [line.split("  ")[0:1] for line in sub] == [["Đảng bộ bộ phận"]] * 2
    assert all("được tổ chức, không quy định số lần" in line for line in sub)
    assert any(
        "Sinh hoạt cấp ủy" in line and "từ 2 đồng chí" in line for line in table.splitlines()
    )
