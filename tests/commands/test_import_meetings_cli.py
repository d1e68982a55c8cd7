"""`phutrach import/export meetings|visits`: natural keys, the forms' checks, all or nothing,
and the round trip."""

import csv
import json

import pytest
from openpyxl import Workbook

from store.core import db as store_db
from tests.commands.loop_world import make_world, run
from tests.commands.test_cli import assert_one_line_error
from tests.factories import FULL


@pytest.fixture
def world(db_path):
    return make_world(db_path)


MEETING_HEAD = (
    "unit,date,kind,topic,members_full,present,absent_excused,absent_unexcused,"
    "duration_minutes,minutes_kept,resolution_adopted\n"
)
SCORES = ",".join(f"score.{c}" for c in FULL)
VISIT_HEAD = (
    "supervisor,unit,date,kind,present,absent_excused,duration_minutes,minutes_kept,"
    f"resolution_adopted,observations,{SCORES}\n"
)
FULL_CELLS = ",".join(str(p) for p in FULL.values())


def counts(path) -> dict[str, int]:
    db = store_db.connect(path, create=False)
    try:
        return {t: db[t].count for t in ("meetings", "visits", "changes")}
    finally:
        db.conn.close()


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(path, kind, file) -> str:
    result = run("--db", path, "import", kind, file)
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_meetings_import_adds_then_finds_them_again(world, tmp_path):
    path, _ids = world
    file = write(
        tmp_path,
        "meetings.csv",
        MEETING_HEAD + "XA-DA-01,2026-08-03,regular,,20,18,2,0,100,1,1\n"
        "XA-DA-02,02/08/2026,Chuyên đề,Học tập và làm theo tư tưởng Hồ Chí Minh,10,10,0,0,"
        "150,có,không\n",
    )
    assert imported(path, "meetings", file) == "meetings: thêm mới 2, cập nhật 0, không đổi 0."
    before = counts(path)
    assert imported(path, "meetings", file) == "meetings: thêm mới 0, cập nhật 0, không đổi 2."
    assert counts(path) == before
    data = json.loads(run("--db", path, "export", "meetings", "-f", "json").stdout)
    thematic = next(d for d in data if d["kind"] == "thematic")
    assert (thematic["unit"], thematic["date"], thematic["members_full"]) == (
        "XA-DA-02",
        "2026-08-02",
        10,
    )
    assert (thematic["minutes_kept"], thematic["resolution_adopted"]) == (1, 0)


def test_vietnamese_headers_and_unit_figures_by_default(world, tmp_path):
    path, _ids = world
    file = write(
        tmp_path,
        "bao-cao.csv",
        "Mã tổ chức;Ngày sinh hoạt;Loại sinh hoạt;Có mặt;Vắng có lý do;Thời gian (phút);"
        "Biên bản;Nghị quyết\n"
        "XA-DA-01;2026-07-06;Định kỳ;19;1;95;1;1\n",
    )
    assert imported(path, "meetings", file) == "meetings: thêm mới 1, cập nhật 0, không đổi 0."
    rows = list(csv.DictReader(run("--db", path, "export", "meetings").stdout.splitlines()))
    row = next(r for r in rows if r["date"] == "2026-07-06")
    assert (row["members_full"], row["absent_unexcused"], row["kind"]) == ("20", "0", "regular")


def test_a_changed_meeting_is_updated_unless_a_supervisor_attended_it(world, tmp_path):
    path, _ids = world
    changed = write(
        tmp_path, "m.csv", MEETING_HEAD + "XA-DA-02,2026-09-08,regular,,10,8,2,0,120,1,1\n"
    )
    assert imported(path, "meetings", changed) == "meetings: thêm mới 0, cập nhật 1, không đổi 0."
    visited = write(
        tmp_path, "v.csv", MEETING_HEAD + "XA-DA-01,2026-10-05,regular,,20,19,1,0,120,1,1\n"
    )
    before = counts(path)
    result = run("--db", path, "import", "meetings", visited)
    assert_one_line_error(result, "dòng 2", "cột present", "hãy sửa qua lần dự sinh hoạt")
    assert counts(path) == before


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("XA-DA-01,2099-01-05,regular,,20,18,2,0,100,1,1", "cột date: Ngày sinh hoạt không thể"),
        ("XA-DA-01,2026-08-03,regular,,20,21,0,0,100,1,1", "cột present: Số có mặt (21)"),
        ("XA-DA-01,2026-08-03,regular,,20,18,1,0,100,1,1", "cột present: Có mặt và vắng mặt"),
        ("XA-DA-01,2026-08-03,thematic,,20,18,2,0,100,1,1", "cột topic"),
        ("XA-DA-01,2026-08-03,regular,,20,18,2,0,0,1,1", "cột duration_minutes"),
        ("XA-DA-01,2026-08-03,regular,,20,18,2,0,100,,1", "cột minutes_kept"),
        ("XA-DA-01,2026-08-03,họp,,20,18,2,0,100,1,1", "cột kind: 'họp'"),
        ("XA-ZZ,2026-08-03,regular,,20,18,2,0,100,1,1", "cột unit: không có tổ chức"),
    ],
)
def test_a_bad_meeting_row_writes_nothing(world, tmp_path, row, fragment):
    path, _ids = world
    good = "XA-DA-02,2026-07-07,regular,,10,10,0,0,100,1,1\n"
    file = write(tmp_path, "m.csv", MEETING_HEAD + good + row + "\n")
    before = counts(path)
    assert_one_line_error(run("--db", path, "import", "meetings", file), "dòng 3", fragment)
    assert counts(path) == before


def test_visits_import_records_the_meeting_and_the_score_sheet(world, tmp_path):
    path, _ids = world
    file = write(
        tmp_path,
        "visits.csv",
        VISIT_HEAD + f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,Tốt,{FULL_CELLS}\n",
    )
    before = counts(path)
    assert imported(path, "visits", file) == "visits: thêm mới 1, cập nhật 0, không đổi 0."
    assert counts(path)["meetings"] == before["meetings"] + 1
    assert imported(path, "visits", file) == "visits: thêm mới 0, cập nhật 0, không đổi 1."
    listed = json.loads(run("--db", path, "visits", "-p", "2026-10", "-f", "json").stdout)
    assert {(v["unit"], v["total"], v["rating"]) for v in listed} >= {
        ("Chi bộ thôn Tây", 100, "good")
    }
    lower = FULL_CELLS.replace("20,", "12,", 1)
    write(
        tmp_path,
        "visits.csv",
        VISIT_HEAD + f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,Tốt,{lower}\n",
    )
    assert imported(path, "visits", file) == "visits: thêm mới 0, cập nhật 1, không đổi 0."
    data = json.loads(run("--db", path, "export", "visits", "-f", "json").stdout)
    row = next(d for d in data if d["date"] == "2026-10-06")
    assert (row["score.content"], row["members_full"]) == (12, 10)


def test_a_visit_to_a_meeting_the_unit_reported_joins_it(world, tmp_path):
    path, _ids = world
    reported = write(
        tmp_path, "m.csv", MEETING_HEAD + "XA-DA-02,2026-10-06,regular,,10,9,1,0,100,1,1\n"
    )
    imported(path, "meetings", reported)
    before = counts(path)
    file = write(
        tmp_path,
        "visits.csv",
        VISIT_HEAD + f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,,{FULL_CELLS}\n",
    )
    imported(path, "visits", file)
    assert counts(path)["meetings"] == before["meetings"]
    assert counts(path)["visits"] == before["visits"] + 1


def test_criterion_labels_are_accepted_as_headers(world, tmp_path):
    path, _ids = world
    from store.rules.rulebook import load

    file = tmp_path / "phieu.csv"
    with file.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(
            ["Cán bộ phụ trách", "Mã tổ chức", "Ngày", "Loại sinh hoạt", "Có mặt",
             "Vắng có lý do", "Thời gian (phút)", "Biên bản", "Nghị quyết",
             *(c.label for c in load().criteria)]
        )  # fmt: skip
        writer.writerow(["S1", "XA-DA-01", "07/09/2026", "Định kỳ", 19, 1, 120, "có", "có",
                         *FULL.values()])  # fmt: skip
    before = counts(path)
    assert imported(path, "visits", file) == "visits: thêm mới 1, cập nhật 0, không đổi 0."
    assert counts(path)["meetings"] == before["meetings"]  # the cell's own record of 07/09


@pytest.mark.parametrize(
    ("head", "row", "fragment"),
    [
        (VISIT_HEAD, f"S2,XA-DA-02,2099-10-06,regular,9,1,100,1,1,,{FULL_CELLS}",
         "cột date: Ngày sinh hoạt không thể ở tương lai"),
        (VISIT_HEAD, f"S2,XA-DA-02,2026-10-06,regular,11,0,100,1,1,,{FULL_CELLS}",
         "cột present: Số có mặt (11) nhiều hơn số đảng viên (10)"),
        (VISIT_HEAD, f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,,16,{FULL_CELLS[3:]}",
         "cột score.attendance: Hãy cho điểm bằng số nguyên, từ 0 đến 15"),
        (VISIT_HEAD, f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,,,{FULL_CELLS[3:]}",
         "cột score.attendance"),
        (VISIT_HEAD.replace("score.minutes", "score.bonus"),
         f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,,{FULL_CELLS}",
         "cột score.bonus: cột không xác định"),
        (VISIT_HEAD.replace(",score.minutes", ""),
         f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,,{FULL_CELLS[:-2]}", "cột score.minutes"),
        (VISIT_HEAD, f"S1,XA-DA-02,2026-10-06,regular,9,1,100,1,1,,{FULL_CELLS}",
         "cột date: Ngày 06/10/2026 cấp ủy viên chưa được phân công"),
        (VISIT_HEAD, f"S9,XA-DA-02,2026-10-06,regular,9,1,100,1,1,,{FULL_CELLS}",
         "cột supervisor: không có cấp ủy viên"),
        (VISIT_HEAD, f"S2,XA-DA-02,2026-10-06,regular,9,1,100,0,1,,{FULL_CELLS}",
         "cột score.minutes: Tiêu chí «Ghi biên bản đầy đủ» không được chấm điểm khi không ghi "
         "biên bản"),
        (VISIT_HEAD, f"S2,XA-DA-02,2026-10-06,regular,9,1,60,1,1,,{FULL_CELLS}",
         "cột score.order_duration: Tiêu chí «Trình tự sinh hoạt» không được chấm tối đa"),
    ],
)  # fmt: skip
def test_a_bad_visit_row_writes_nothing(world, tmp_path, head, row, fragment):
    path, _ids = world
    file = write(tmp_path, "v.csv", head + row + "\n")
    before = counts(path)
    result = run("--db", path, "import", "visits", file)
    where = "dòng 1" if "bonus" in head else "dòng 2"
    assert_one_line_error(result, where, fragment)
    assert counts(path) == before


def test_a_planned_visit_is_completed_by_its_import(world, tmp_path):
    path, ids = world
    from store.visits.planning import plan_visit

    db = store_db.connect(path)
    from datetime import date

    planned = plan_visit(db, ids["S2"], ids["XA-DA-02"], "2026-10-06", today=date(2026, 10, 1))
    db.conn.close()
    file = write(
        tmp_path,
        "visits.csv",
        VISIT_HEAD + f"S2,XA-DA-02,2026-10-06,regular,9,1,100,1,1,,{FULL_CELLS}\n",
    )
    before = counts(path)
    imported(path, "visits", file)
    db = store_db.connect(path, create=False)
    assert db["visits"].get(planned)["status"] == "done"
    assert db["visits"].count == before["visits"]
    db.conn.close()


@pytest.mark.parametrize("kind", ["meetings", "visits"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_round_trip_adds_and_changes_nothing(world, tmp_path, kind, fmt):
    path, _ids = world
    file = tmp_path / f"{kind}.{fmt}"
    result = run("--db", path, "export", kind, "--format", fmt, "-o", file)
    assert result.exit_code == 0, result.output
    before = counts(path)
    total = 6 if kind == "meetings" else 3
    assert imported(path, kind, file) == f"{kind}: thêm mới 0, cập nhật 0, không đổi {total}."
    assert counts(path) == before


def test_the_round_trip_into_an_empty_database_gives_the_same_exports(world, tmp_path):
    path, _ids = world
    fresh = tmp_path / "fresh.db"
    for kind in ("units", "supervisors", "assignments", "visits", "meetings"):
        file = tmp_path / f"{kind}.csv"
        assert run("--db", path, "export", kind, "-o", file).exit_code == 0
        imported(fresh, kind, file)
    for kind in ("meetings", "visits"):
        assert run("--db", fresh, "export", kind).stdout == run("--db", path, "export", kind).stdout
    assert counts(fresh)["meetings"] == counts(path)["meetings"]


def test_an_xlsx_file_of_visits_imports(world, tmp_path):
    path, _ids = world
    book = Workbook()
    sheet = book.active
    sheet.append(VISIT_HEAD.strip().split(","))
    sheet.append(
        ["S2", "XA-DA-02", "2026-10-06", "regular", 9, 1, 100, 1, 1, "Khá", *FULL.values()]
    )
    file = tmp_path / "visits.xlsx"
    book.save(file)
    assert imported(path, "visits", file) == "visits: thêm mới 1, cập nhật 0, không đổi 0."


def test_a_meeting_of_a_kind_the_unit_may_not_hold_is_refused_with_its_row(world, tmp_path):
    """Issue 13.3: a chi bộ holds no Hội nghị đảng bộ; nothing of the file is written."""
    path, _ids = world
    file = write(
        tmp_path,
        "meetings.csv",
        MEETING_HEAD + "XA-DA-01,2026-08-03,regular,,20,18,2,0,100,1,1\n"
        "XA-DA-02,2026-08-04,Hội nghị đảng bộ,,10,10,0,0,150,1,1\n",
    )
    before = counts(path)
    result = run("--db", path, "import", "meetings", file)
    assert_one_line_error(result, "3", "Chi bộ thôn Tây", "Hội nghị đảng bộ")
    assert counts(path) == before


def test_the_same_meeting_twice_in_a_file_is_refused_and_a_stored_one_is_updated(world, tmp_path):
    """Issue 13.2: a row whose key is stored updates that meeting (a corrected sheet imported
    again), two rows of one meeting in a file are refused, each named."""
    path, _ids = world
    row = "XA-DA-01,2026-08-03,regular,,20,18,2,0,100,1,1\n"
    twice = write(tmp_path, "twice.csv", MEETING_HEAD + row + row.replace("100", "120"))
    before = counts(path)
    result = run("--db", path, "import", "meetings", twice)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "2" in result.stderr and "3" in result.stderr
    assert counts(path) == before
    once = write(tmp_path, "once.csv", MEETING_HEAD + row)
    assert imported(path, "meetings", once) == "meetings: thêm mới 1, cập nhật 0, không đổi 0."
    fixed = write(tmp_path, "fixed.csv", MEETING_HEAD + row.replace("100", "120"))
    assert imported(path, "meetings", fixed) == "meetings: thêm mới 0, cập nhật 1, không đổi 0."
    assert counts(path)["meetings"] == before["meetings"] + 1


def test_a_supervisor_visits_two_kinds_of_meeting_of_a_unit_on_one_day(world, tmp_path):
    """The visit's key holds the meeting's kind: the đảng ủy's meeting and its thematic
    meeting on one day are two visits, each found again on a second import."""
    path, _ids = world
    store = store_db.connect(path, create=False)
    store["units"].update(_ids["XA-DA"], {"committee_size": 9})
    store.conn.commit()
    store.conn.close()
    head = (
        "supervisor,unit,date,kind,topic,members_full,present,absent_excused,duration_minutes,"
        f"minutes_kept,resolution_adopted,{SCORES}\n"
    )
    file = write(
        tmp_path,
        "visits.csv",
        head + f"S2,XA-DA,2026-10-06,Sinh hoạt cấp ủy,,9,9,0,100,1,1,{FULL_CELLS}\n"
        f"S2,XA-DA,2026-10-06,Chuyên đề,Chuyển đổi số,9,8,1,100,1,1,{FULL_CELLS}\n",
    )
    assert imported(path, "visits", file) == "visits: thêm mới 2, cập nhật 0, không đổi 0."
    assert imported(path, "visits", file) == "visits: thêm mới 0, cập nhật 0, không đổi 2."
    wrong = write(
        tmp_path,
        "wrong.csv",
        head + f"S2,XA-DA,2026-10-07,Sinh hoạt cấp ủy,,120,100,20,100,1,1,{FULL_CELLS}\n",
    )
    result = run("--db", path, "import", "visits", wrong)
    assert_one_line_error(result, "9")
