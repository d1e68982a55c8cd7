"""`phutrach import concerns` and `phutrach export concerns`: the round trip adds nothing,
statuses move through the store's workflow, impossible steps are row errors, all or nothing."""

import pytest
from click.testing import CliRunner

from commands.cli import cli
from store import concerns
from store.core import db as store_db
from tests.commands.personnel_district import build
from tests.commands.test_cli import assert_one_line_error

HEADER = (
    "Mã tổ chức,Ngày phát sinh,Lĩnh vực,Nội dung,Hướng giải quyết,Trạng thái,Ngày cập nhật,"
    "Ghi chú\n"
)


@pytest.fixture
def district(db_path):
    ids = build(db_path)
    return db_path, ids


def run(path, *args):
    return CliRunner().invoke(cli, ["--db", str(path), *map(str, args)])


def snapshot(path) -> dict:
    db = store_db.connect(path, create=False)
    try:
        return {
            "concerns": list(db["concerns"].rows_where(order_by="id")),
            "events": list(db["concern_events"].rows_where(order_by="id")),
            "changes": db["changes"].count,
        }
    finally:
        db.conn.close()


def write(tmp_path, text, name="concerns.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
def test_the_round_trip_adds_and_changes_nothing(district, tmp_path, suffix):
    path, _ids = district
    out = tmp_path / f"concerns.{suffix}"
    exported = run(path, "export", "concerns", "-o", out)
    assert exported.exit_code == 0, exported.output
    if suffix == "json":  # json is for pipes: it is not read back, but holds the same rows
        assert '"status": "in_progress"' in out.read_text(encoding="utf-8")
        return
    before = snapshot(path)
    result = run(path, "import", "concerns", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "concerns: thêm mới 0, cập nhật 0, không đổi 3."
    assert snapshot(path) == before


def test_the_export_carries_the_current_status_and_its_note(district):
    path, _ids = district
    lines = run(path, "export", "concerns").stdout.splitlines()
    assert lines[0] == (
        "unit,raised_date,category,description,route,owner,due_date,priority,supervisor,"
        "status,status_date,status_note"
    )
    assert lines[2] == (
        "XA-DA-02,2025-08-20,members,Đảng viên cao tuổi xin miễn sinh hoạt,self,,2025-09-19,"
        "normal,,resolved,2025-09-01,Đã xét miễn sinh hoạt"
    )


def test_new_rows_are_raised_and_take_their_status_with_its_note(district, tmp_path):
    path, _ids = district
    csv_file = write(
        tmp_path,
        HEADER + "XA-DA-02,05/09/2025,Tư tưởng,Một số đảng viên ngại phát biểu,"
        "Cơ sở tự giải quyết,Đã giải quyết,2025-09-20,Đã nhắc nhở tại sinh hoạt\n"
        "CQ-TC,2025-09-12,policy,Thiếu kinh phí hoạt động,agency,,,\n",
    )
    result = run(path, "import", "concerns", csv_file)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "concerns: thêm mới 2, cập nhật 0, không đổi 0."
    db = store_db.connect(path, create=False)
    row = next(db["concerns"].rows_where("description = ?", ["Một số đảng viên ngại phát biểu"]))
    assert (row["raised_date"], row["category"], row["route"], row["status"]) == (
        "2025-09-05",
        "ideology",
        "self",
        "resolved",
    )
    assert (row["resolved_date"], row["resolution"]) == ("2025-09-20", "Đã nhắc nhở tại sinh hoạt")
    steps = [(e.to_status, e.date) for e in concerns.history(db, row["id"])]
    assert steps == [("new", "2025-09-05"), ("resolved", "2025-09-20")]
    plain = next(db["concerns"].rows_where("description = ?", ["Thiếu kinh phí hoạt động"]))
    assert (plain["status"], plain["due_date"]) == ("new", "2025-10-27")  # the route's 45 days
    assert plain["supervisor_id"] is not None  # the unit's one assigned supervisor


def test_a_row_matches_its_concern_without_case_or_diacritics(district, tmp_path):
    path, ids = district
    csv_file = write(
        tmp_path,
        HEADER + "XA-DA-01,2025-07-05,land_environment,"
        '"duong lien thon xuong cap, nhan dan kien nghi sua chua",committee,resolved,2025-09-25,'
        "UBND xã đã sửa xong\n",
    )
    result = run(path, "import", "concerns", csv_file)
    assert result.stdout.strip() == "concerns: thêm mới 0, cập nhật 1, không đổi 0."
    db = store_db.connect(path, create=False)
    road = concerns.get_concern(db, ids["road"])
    assert road.description == "duong lien thon xuong cap, nhan dan kien nghi sua chua"
    assert (road.status, road.resolved_date, road.resolution) == (
        "resolved",
        "2025-09-25",
        "UBND xã đã sửa xong",
    )
    assert concerns.history(db, ids["road"])[-1].from_status == "in_progress"


def test_a_closed_concern_reopens_only_with_a_reason(district, tmp_path):
    path, ids = district
    row = "XA-DA-02,2025-08-20,members,Đảng viên cao tuổi xin miễn sinh hoạt,self,Đang giải quyết"
    before = snapshot(path)
    result = run(path, "import", "concerns", write(tmp_path, HEADER + row + ",2025-09-05,\n"))
    assert_one_line_error(result, "dòng 2", "Ghi chú", "lý do mở lại")
    assert snapshot(path) == before
    reason = row + ",2025-09-05,Gia đình có ý kiến lại\n"
    result = run(path, "import", "concerns", write(tmp_path, HEADER + reason, "again.csv"))
    assert result.exit_code == 0, result.output
    db = store_db.connect(path, create=False)
    members = concerns.get_concern(db, ids["members"])
    assert (members.status, members.resolved_date) == ("in_progress", None)
    assert concerns.history(db, ids["members"])[-1].note == "Gia đình có ý kiến lại"


@pytest.mark.parametrize(
    ("line", "fragments"),
    [
        (  # closed → escalated: only a reopening may follow a closing
            "XA-DA-02,2025-08-20,members,Đảng viên cao tuổi xin miễn sinh hoạt,self,"
            "Đã báo cáo cấp trên,,",
            ("dòng 3", "Trạng thái", "chỉ có thể mở lại"),
        ),
        (  # in progress → new: new is never a step
            "XA-DA-01,2025-07-05,land_environment,"
            '"Đường liên thôn xuống cấp, nhân dân kiến nghị sửa chữa",committee,new,,',
            ("dòng 3", "Trạng thái", "Mới"),
        ),
        (  # a step dated before the concern's last step
            "XA-DA-01,2025-07-05,land_environment,"
            '"Đường liên thôn xuống cấp, nhân dân kiến nghị sửa chữa",committee,resolved,'
            "2025-07-06,x",
            ("dòng 3", "06/07/2025", "10/07/2025"),
        ),
        (  # the route of a recorded concern is fixed
            "CQ-TC,2025-09-10,policy,Chậm chi trả phụ cấp cấp ủy,self,,,",
            ("dòng 3", "Hướng giải quyết"),
        ),
        ("XA-KHONG,2025-09-10,policy,Việc mới,self,,,", ("dòng 3", "XA-KHONG")),
        ("CQ-TC,2025-09-10,thể thao,Việc mới,self,,,", ("dòng 3", "Lĩnh vực", "thể thao")),
        ("CQ-TC,2025-09-10,policy,Việc mới,tòa án,,,", ("dòng 3", "tòa án")),
        ("CQ-TC,2099-01-01,policy,Việc mới,self,,,", ("dòng 3", "01/01/2099")),
        ("CQ-TC,2025-09-10,policy,Việc mới,self,xong rồi,,", ("dòng 3", "xong rồi")),
        ("CQ-TC,2025-09-10,,Việc mới,self,,,", ("dòng 3", "Lĩnh vực")),
    ],
)
def test_a_bad_row_is_a_row_error_and_nothing_is_written(district, tmp_path, line, fragments):
    path, _ids = district
    good = "CQ-TC,2025-09-11,policy,Một việc hợp lệ,agency,in_progress,2025-09-15,Đang xem xét\n"
    before = snapshot(path)
    result = run(path, "import", "concerns", write(tmp_path, HEADER + good + line + "\n"))
    assert_one_line_error(result, *fragments)
    assert snapshot(path) == before


def test_a_concern_given_twice_in_a_file_is_refused(district, tmp_path):
    path, _ids = district
    line = "CQ-TC,2025-09-11,policy,Một việc,agency,,,\n"
    result = run(path, "import", "concerns", write(tmp_path, HEADER + line + line.upper()))
    assert_one_line_error(result, "dòng 3", "dòng 2")
