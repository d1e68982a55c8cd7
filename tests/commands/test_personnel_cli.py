"""`phutrach secretaries` and `phutrach plans`: filters, formats, the confidentiality mark and
one-line failures."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from commands.cli import cli
from tests.commands.personnel_district import AS_OF, build
from tests.commands.test_cli import assert_one_line_error

BANNER = "MẬT — Thông tin nhân sự, không phổ biến"


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


def names(result, column) -> list[str]:
    return [row[column] for row in json.loads(result.stdout)]


def test_secretaries_table_is_marked_confidential_and_speaks_vietnamese(run):
    result = run("secretaries", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == BANNER
    assert lines[1].startswith("Tổ chức") and "Bí thư" in lines[1] and "Kiêm nhiệm" in lines[1]
    east = next(line for line in lines if "Đào Văn Cường" in line)
    assert "Bí thư kiêm trưởng" in east and "2025-03-10" in east
    west = next(line for line in lines if "Phạm Văn Dũng" in line)
    assert "có" in west  # acting
    assert "Người đứng đầu" in next(line for line in lines if "Hoàng Thị Hoa" in line)


def test_secretaries_csv_and_json_carry_a_confidential_column(run):
    result = run("secretaries", "--as-of", AS_OF, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[0] == "confidential"
    assert {r["confidential"] for r in rows} == {"True"}
    assert [r["secretary"] for r in rows] == ["Hoàng Thị Hoa", "Đào Văn Cường", "Phạm Văn Dũng"]
    east = rows[1]
    assert (east["concurrent_role"], east["flagged"], east["active_plan"]) == (
        "village_head",
        "True",
        "True",
    )
    data = json.loads(run("secretaries", "--as-of", AS_OF, "-f", "json").stdout)
    assert all(item["confidential"] is True for item in data)
    assert data[2]["acting"] is True and data[2]["last_assessed"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--flagged",), ["Đào Văn Cường"]),
        (("--unassessed-since", "2024-01-01"), ["Hoàng Thị Hoa", "Phạm Văn Dũng"]),
        (("--supervisor", "nguyen van an"), ["Đào Văn Cường", "Phạm Văn Dũng"]),
        (("--supervisor", "S2"), ["Hoàng Thị Hoa"]),
        (("--search", "dao cuong"), ["Đào Văn Cường"]),
        (("--search", "tai chinh"), ["Hoàng Thị Hoa"]),
    ],
)
def test_secretaries_filters(run, args, expected):
    result = run("secretaries", "--as-of", AS_OF, "-f", "json", *args)
    assert result.exit_code == 0, result.output
    assert names(result, "secretary") == expected


def test_secretaries_on_an_earlier_date(run):
    result = run("secretaries", "--as-of", "2021-06-01", "-f", "json")
    assert names(result, "secretary") == ["Đào Văn Cường", "Phạm Văn Dũng"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--unassessed-since", "2025-13-01"), "2025-13-01"),
        (("--as-of", "hôm qua"), "hôm qua"),
        (("--supervisor", "Không Ai"), "Không Ai"),
    ],
)
def test_secretaries_bad_input_fails_in_one_line(run, args, fragment):
    assert_one_line_error(run("secretaries", *args), fragment)


def test_plans_table_active_first_with_overdue_actions(run):
    result = run("plans", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == BANNER
    east = next(i for i, line in enumerate(lines) if "Chi bộ thôn Ấp Đông" in line)
    agency = next(i for i, line in enumerate(lines) if "Chi bộ Phòng Tài chính" in line)
    assert east < agency
    assert "Hạn chế về năng" in lines[east] and "lực, uy tín thấp" in lines[east + 1]
    assert "Đang thực hiện" in lines[east] and lines[east].split()[-2:] == ["1", "1"]
    assert "Dự thảo" in lines[agency] and "Tuổi" in lines[agency]


def test_plans_json_filters_and_marker(run):
    result = run("plans", "--as-of", AS_OF, "-f", "json", "--overdue")
    data = json.loads(result.stdout)
    assert [(p["unit"], p["status"], p["overdue_actions"]) for p in data] == [
        ("Chi bộ thôn Ấp Đông", "active", 1)
    ]
    assert data[0]["confidential"] is True
    # Before the action's due date nothing is overdue.
    assert json.loads(run("plans", "--as-of", "2025-09-01", "-f", "json", "--overdue").stdout) == []
    for status in ("draft", "Dự thảo", "du thao"):
        drafts = run("plans", "--status", status, "-f", "json")
        assert names(drafts, "incumbent") == ["Hoàng Thị Hoa"]
    scoped = run("plans", "--supervisor", "Trần Thị Bình", "-f", "csv").stdout.splitlines()
    assert scoped[0].startswith("confidential,") and len(scoped) == 2


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--status", "finished"), "finished"),
        (("--as-of", "2025-02-30"), "2025-02-30"),
        (("--supervisor", "Lê"), "Lê"),
    ],
)
def test_plans_bad_input_fails_in_one_line(run, args, fragment):
    assert_one_line_error(run("plans", *args), fragment)


def test_an_empty_database_lists_nothing_but_keeps_the_mark(tmp_path):
    path = tmp_path / "empty.db"
    assert CliRunner().invoke(cli, ["--db", str(path), "init"]).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", str(path), "plans"])
    assert result.stdout.splitlines() == [BANNER, "(không có dữ liệu)"]
