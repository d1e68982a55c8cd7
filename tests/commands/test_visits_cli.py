"""`phutrach due` and `phutrach visits`: worst first, whose list, formats, one-line failures."""

import csv
import json

import pytest

from tests.commands.loop_world import AS_OF, current_supervisor, make_world, run
from tests.commands.test_cli import assert_one_line_error


@pytest.fixture
def world(db_path):
    return make_world(db_path)


def lines(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_due_lists_every_assignment_worst_first_with_vietnamese_states(world):
    path, _ids = world
    out = lines(run("--db", path, "due", "--as-of", AS_OF))
    assert out[0] == "Lịch dự sinh hoạt của tất cả cấp ủy viên phụ trách, tính đến ngày 20/10/2026"
    body = out[3:]
    assert [row.split()[0] for row in body] == ["XA-DA", "XA-DA-02", "CQ-01", "XA-DA-01"]
    assert body[0].endswith("31/01/2026  Quá hạn 262 ngày")
    assert "12/08/2026" in body[1] and body[1].endswith("Quá hạn 20 ngày")
    assert "Định kỳ hằng quý" in body[2] and body[2].endswith("31/12/2026  Đến hạn")
    assert body[3].endswith("Đã dự")


def test_due_as_csv_and_json_carries_codes_and_iso_dates(world):
    path, _ids = world
    result = run("--db", path, "due", "--as-of", AS_OF, "--format", "csv")
    rows = list(csv.DictReader(lines(result)))
    assert rows[1] == {
        "unit_code": "XA-DA-02",
        "unit": "Chi bộ thôn Tây",
        "supervisor": "Đào Thị Hoa",
        "cadence": "monthly",
        "last_visit": "2026-08-12",
        "next_due": "2026-09-30",
        "state": "overdue",
        "days_overdue": "20",
    }
    data = json.loads(run("--db", path, "due", "--as-of", AS_OF, "-f", "json").stdout)
    assert [(d["unit_code"], d["state"]) for d in data][2:] == [
        ("CQ-01", "due"),
        ("XA-DA-01", "done"),
    ]
    assert data[0]["last_visit"] is None


@pytest.mark.parametrize("name", ["nguyen van an", "NGUYỄN VĂN ẤN", "s1", "ấn"])
def test_due_for_one_supervisor_by_code_or_folded_name(world, name):
    path, _ids = world
    out = lines(run("--db", path, "due", "--as-of", AS_OF, "--supervisor", name))
    assert out[0].startswith("Lịch dự sinh hoạt của đồng chí Nguyễn Văn Ấn (S1)")
    assert [row.split()[0] for row in out[3:]] == ["CQ-01", "XA-DA-01"]
    assert "Cấp ủy viên phụ trách" not in out[1]  # the title names the supervisor


def test_due_follows_the_current_supervisor_unless_all(world):
    path, _ids = world
    current_supervisor(path, "S2")
    out = lines(run("--db", path, "due", "--as-of", AS_OF))
    assert [row.split()[0] for row in out[3:]] == ["XA-DA", "XA-DA-02"]
    out = lines(run("--db", path, "due", "--as-of", AS_OF, "--all"))
    assert len(out[3:]) == 4


def test_an_ambiguous_supervisor_lists_the_candidates(world):
    path, _ids = world
    result = run("--db", path, "due", "--supervisor", "van")
    assert_one_line_error(
        result, "Có nhiều cấp ủy viên phụ trách khớp với 'van'", "Nguyễn Văn Ấn (S1)", "(S3)"
    )
    assert "(S2)" not in result.stderr


def test_an_unknown_supervisor_lists_those_sharing_a_word(world):
    path, _ids = world
    result = run("--db", path, "visits", "--period", "2026-Q3", "--supervisor", "Trần Thị Hoa")
    assert_one_line_error(result, "'Trần Thị Hoa'", "Đào Thị Hoa (S2)")
    assert "(S1)" not in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["due", "--as-of", "20/13/2026"], "'20/13/2026' không phải ngày có thật"),
        (["due", "--as-of", "hôm qua"], "dạng ngày/tháng/năm, ví dụ 30/09/2026"),
        (["due", "--as-of", "2026-02-30"], "'2026-02-30'"),
        (["visits", "--period", "2026-13"], "tháng chỉ từ 01 đến 12"),
        (["visits", "--period", "Q3"], "không phải là kỳ báo cáo"),
        (["visits", "--period", "quý 5/2026"], "quý chỉ từ Q1 đến Q4"),
    ],
)
def test_bad_dates_and_periods_fail_in_one_line(world, args, fragment):
    path, _ids = world
    assert_one_line_error(run("--db", path, *args), fragment)


@pytest.mark.parametrize(
    "period", ["2026-Q3", "quý III/2026", "Q3/2026", "quy iii nam 2026", "Quý 3 năm 2026"]
)
def test_visits_take_the_period_as_officials_write_it(world, period):
    path, _ids = world
    result = run("--db", path, "visits", "--period", period, "--all", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"unit"' in result.output  # visits were found, not two empty lists
    assert (
        result.output == run("--db", path, "visits", "-p", "2026-Q3", "--all", "-f", "json").output
    )


def test_due_takes_the_day_as_dd_mm_yyyy(world):
    path, _ids = world
    vietnamese = run("--db", path, "due", "--as-of", "20/10/2026", "--format", "json")
    assert vietnamese.exit_code == 0, vietnamese.output
    assert vietnamese.output.strip() not in ("", "[]")
    assert (
        vietnamese.output == run("--db", path, "due", "--as-of", "2026-10-20", "-f", "json").output
    )


def test_visits_of_a_period_in_date_order_with_rating_and_average(world):
    path, _ids = world
    out = lines(run("--db", path, "visits", "--period", "2026-Q3"))
    assert out[0] == "Dự sinh hoạt của tất cả cấp ủy viên phụ trách, quý III/2026"
    assert out[3].startswith("10/08/2026  Chi bộ Văn phòng")
    assert out[3].split()[-3:] == ["8/9", "90", "Tốt"]
    assert out[4].startswith("12/08/2026  Chi bộ thôn Tây")
    assert out[4].split()[-3:] == ["9/10", "75", "Khá"]
    assert out[-1] == "2 lần dự sinh hoạt; điểm bình quân 82,5"


def test_visits_of_one_supervisor_as_json_and_csv(world):
    path, _ids = world
    result = run("--db", path, "visits", "--period", "2026", "--supervisor", "S1", "-f", "json")
    data = json.loads(result.stdout)
    assert [(d["date"], d["total"], d["rating"], d["rating_label"]) for d in data] == [
        ("2026-08-10", 90, "good", "Tốt"),
        ("2026-10-05", 100, "good", "Tốt"),
    ]
    result = run("--db", path, "visits", "--period", "2026-10", "-f", "csv")
    rows = list(csv.DictReader(lines(result)))
    assert [(r["unit"], r["present"], r["owed"]) for r in rows] == [
        ("Chi bộ thôn Ấp Đông", "20", "20")
    ]


def test_a_period_without_visits_says_so(world):
    path, _ids = world
    out = lines(run("--db", path, "visits", "--period", "2025"))
    assert out[-1] == "(không có dữ liệu)"
