"""`phutrach compliance`: the regime per unit and the visits per assignment of a period."""

import csv
import json

import pytest

from tests import factories as make
from tests.commands.loop_world import AS_OF, make_world, run
from tests.commands.test_cli import assert_one_line_error


@pytest.fixture
def world(db_path):
    return make_world(db_path)


def test_the_cells_under_a_committee_in_a_month(world):
    path, _ids = world
    result = run("--db", path, "compliance", "--period", "2026-09", "--parent", "XA-DA",
                 "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[0].startswith("Chế độ sinh hoạt và dự sinh hoạt tháng 9/2026: Đảng bộ xã Đào Xá")
    assert out[1].split() == ["Tổ", "chức", "đảng", "Định", "kỳ", "Chuyên", "đề", "Tỷ", "lệ",
                              "dự", "≥", "85%", "Chế", "độ", "sinh", "hoạt", "Cấp", "ủy", "viên",
                              "phụ", "trách", "Dự", "sinh", "hoạt"]  # fmt: skip
    assert out[3].split() == ["Chi", "bộ", "thôn", "Ấp", "Đông", "1/1", "✓", "hạn",
                              "31/12/2026", "95%", "✓", "Đủ", "Nguyễn", "Văn", "Ấn",
                              "0/1", "✗"]  # fmt: skip
    assert "70% ✗" in out[4] and "Đào Thị Hoa" in out[4]


def test_the_grassroots_organizations_in_a_quarter(world):
    path, _ids = world
    result = run("--db", path, "compliance", "-p", "2026-Q3", "--as-of", AS_OF)
    out = result.stdout.splitlines()
    assert [line.split("  ")[0] for line in out[3:]] == ["Chi bộ Văn phòng", "Đảng bộ xã Đào Xá"]
    assert "2/3 ✗" in out[3] and "Thiếu 1 buổi" in out[3] and "1/1 ✓" in out[3]
    assert "0/3 ✗" in out[4] and "Thiếu 3 buổi" in out[4]


def test_compliance_as_csv_and_json(world):
    path, _ids = world
    args = ("--db", path, "compliance", "--period", "2026-Q3", "--as-of", AS_OF)
    rows = {r["unit_code"]: r for r in csv.DictReader(run(*args, "-f", "csv").stdout.splitlines())}
    office = rows["CQ-01"]
    assert (office["regular_required"], office["regular_held"], office["regular_status"]) == (
        "3",
        "2",
        "missed",
    )
    assert office["thematic_status"] == "due_later"
    assert (office["visits_required"], office["visits_done"], office["visits_status"]) == (
        "1",
        "1",
        "kept",
    )
    data = {d["unit_code"]: d for d in json.loads(run(*args, "-f", "json").stdout)}
    committee = data["XA-DA"]
    assert committee["regular_required"] is None  # a đảng bộ owes no cell meeting
    assert (committee["committee_required"], committee["committee_held"]) == (3, 0)
    assert committee["attendance_rate"] is None and committee["meetings_missed"] == 3
    assert (committee["visits_missed"], committee["supervisor"]) == (3, "Đào Thị Hoa")
    assert data["CQ-01"]["attendance_rate"] == pytest.approx(94.4)
    assert data["CQ-01"]["attendance_ok"] is True


def test_a_month_still_running_is_pending_not_missed(world):
    path, _ids = world
    args = ("--db", path, "compliance", "-p", "2026-10", "--parent", "XA-DA", "-f", "json")
    data = {d["unit_code"]: d for d in json.loads(run(*args, "--as-of", AS_OF).stdout)}
    assert data["XA-DA-02"]["regular_status"] == "pending"
    assert data["XA-DA-02"]["visits_status"] == "pending"
    assert data["XA-DA-01"]["visits_status"] == "kept"
    later = {d["unit_code"]: d for d in json.loads(run(*args, "--as-of", "2026-11-05").stdout)}
    assert later["XA-DA-02"]["regular_status"] == "missed"
    assert later["XA-DA-02"]["meetings_status"] == "missed"


def test_a_unit_without_a_supervisor_has_one_row(world):
    path, ids = world
    north = dict(code="XA-DA-03", parent_id=ids["XA-DA"], members_full=8)
    make.on_disk(path, make.unit, "Chi bộ thôn Bắc", **north)
    result = run("--db", path, "compliance", "-p", "2026-09", "--parent", "đảng bộ xã đào xá",
                 "--as-of", AS_OF)  # fmt: skip
    row = next(line for line in result.stdout.splitlines() if "Chi bộ thôn Bắc" in line)
    assert "0/1 ✗" in row and "(chưa phân công)" in row


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--period", "2026-Q5"], "quý chỉ từ Q1 đến Q4"),
        (["--period", "2026-H3"], "'2026-H3'"),
        (["--period", "tháng 9"], "không phải là kỳ báo cáo"),
        (["--period", "2026-09", "--parent", "XA-ZZ"], "'XA-ZZ'"),
        (["--period", "2026-09", "--as-of", "hôm nay"], "'hôm nay'"),
    ],
)
def test_bad_input_fails_in_one_line(world, args, fragment):
    path, _ids = world
    assert_one_line_error(run("--db", path, "compliance", *args), fragment)


def test_the_period_is_required(world):
    path, _ids = world
    result = run("--db", path, "compliance")
    assert result.exit_code == 2 and "--period" in result.output
