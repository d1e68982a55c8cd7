"""`phutrach concerns` (the board) and `phutrach concerns figures`: filters, formats and
one-line failures."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from commands.cli import cli
from tests.commands.personnel_district import AS_OF, build
from tests.commands.test_cli import assert_one_line_error

ROAD = "Đường liên thôn xuống cấp, nhân dân kiến nghị sửa chữa"
MEMBERS = "Đảng viên cao tuổi xin miễn sinh hoạt"
FEES = "Chậm chi trả phụ cấp cấp ủy"


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    path = tmp_path_factory.mktemp("district") / "phutrach.db"
    build(path)
    return path


@pytest.fixture
def run(district):
    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", str(district), *map(str, args)])

    return invoke


def descriptions(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [row["description"] for row in json.loads(result.stdout)]


def test_the_board_puts_overdue_first_with_vietnamese_labels(run):
    result = run("concerns", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ngày phát") and lines[1].startswith("sinh")
    assert "Số ngày" in lines[0] and "quá hạn" in lines[1]
    first = lines[1 + next(i for i, line in enumerate(lines) if line.startswith("---"))]
    assert first.startswith("05/07/2025") and "Đang giải" in first  # dd/mm/yyyy, as everywhere
    assert first.rstrip().endswith("57")  # due 2025-08-05, 57 days before 2025-10-01
    assert "Đất đai, môi" in first and "Đang giải" in first
    assert "Đã giải" in result.stdout and "Mới" in result.stdout


def test_the_board_as_json_and_csv_keeps_codes(run):
    data = json.loads(run("concerns", "--as-of", AS_OF, "-f", "json").stdout)
    assert [d["description"] for d in data] == [ROAD, MEMBERS, FEES]
    road = data[0]
    assert (road["category"], road["route"], road["status"]) == (
        "land_environment",
        "committee",
        "in_progress",
    )
    assert (road["days_overdue"], road["supervisor"]) == (57, "Nguyễn Văn Ấn")
    rows = list(csv.DictReader(io.StringIO(run("concerns", "--as-of", AS_OF, "-f", "csv").stdout)))
    assert [r["status"] for r in rows] == ["in_progress", "resolved", "new"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--open",), [ROAD, FEES]),
        (("--overdue",), [ROAD]),
        (("--unit", "XA-DA"), [ROAD, MEMBERS]),
        (("--unit", "Chi bộ thôn Tây"), [MEMBERS]),
        (("--supervisor", "tran thi binh"), [FEES]),
        (("--category", "Chính sách"), [FEES]),
        (("--category", "members"), [MEMBERS]),
        (("--route", "co so tu giai quyet"), [MEMBERS]),
        (("--search", "duong lien thon"), [ROAD]),
        (("--search", "phong tai chinh"), [FEES]),
        (("--open", "--unit", "XA-DA"), [ROAD]),
    ],
)
def test_board_filters(run, args, expected):
    assert descriptions(run("concerns", "--as-of", AS_OF, "-f", "json", *args)) == expected


def test_nothing_was_overdue_before_the_due_date(run):
    assert descriptions(run("concerns", "--overdue", "--as-of", "2025-08-01", "-f", "json")) == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--unit", "XA-KHONG"), "XA-KHONG"),
        (("--supervisor", "Người Lạ"), "Người Lạ"),
        (("--category", "thể thao"), "thể thao"),
        (("--route", "tòa án"), "tòa án"),
        (("--as-of", "2025-10-32"), "2025-10-32"),
    ],
)
def test_board_bad_input_fails_in_one_line(run, args, fragment):
    assert_one_line_error(run("concerns", *args), fragment)


def test_figures_table_by_category_and_route(run):
    result = run("concerns", "figures", "--period", "2025-Q3", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("Vấn đề vướng mắc, kiến nghị quý III/2025 (từ 01/07/2025 đến 30/09/2025)")
    assert "Lĩnh vực" in lines[2] and "Phát sinh" in lines[2] and "Chưa giải" in lines[2]
    assert "quyết xong" in lines[3]
    members = next(line for line in lines if line.startswith("Đảng viên "))
    assert members.split()[-5:] == ["1", "1", "0", "0", "12"]
    totals = [line for line in lines if line.startswith("Tổng cộng")]
    assert len(totals) == 2 and all(t.split()[-5:] == ["3", "1", "2", "1", "12"] for t in totals)
    assert any(line.startswith("Hướng giải") for line in lines)


def test_figures_as_json_and_scoped(run):
    data = json.loads(
        run("concerns", "figures", "--period", "2025-Q3", "--as-of", AS_OF, "-f", "json").stdout
    )
    total = next(d for d in data if d["by"] == "total")
    assert (total["raised"], total["resolved"], total["still_open"], total["overdue"]) == (
        3,
        1,
        2,
        1,
    )
    route = {d["id"]: d["raised"] for d in data if d["by"] == "route"}
    assert route == {"self": 1, "committee": 1, "agency": 1}
    scoped = run(
        "concerns", "figures", "--period", "2025-09", "--unit", "CQ-TC", "-f", "json"
    ).stdout
    total = next(d for d in json.loads(scoped) if d["by"] == "total")
    assert (total["raised"], total["still_open"], total["median_days"]) == (1, 1, None)
    by_supervisor = run(
        "concerns", "figures", "--period", "2025", "--supervisor", "S1", "-f", "csv"
    ).stdout
    assert by_supervisor.splitlines()[-1] == "total,all,,2,1,1,1,12"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("figures", "--period", "2025-Q5"), "2025-Q5"),
        (("figures", "--period", "quý 3"), "quý 3"),
        (("figures", "--period", "2025", "--unit", "XA-KHONG"), "XA-KHONG"),
        (("figures", "--period", "2025", "--as-of", "2025/10/01"), "2025/10/01"),
        (("--open", "figures", "--period", "2025"), "figures"),
    ],
)
def test_figures_bad_input_fails_in_one_line(run, args, fragment):
    assert_one_line_error(run("concerns", *args), fragment)
