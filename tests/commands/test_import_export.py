"""`phutrach import` and `phutrach export` through the CLI: summaries, one-line failures,
all-or-nothing, idempotent re-import and the round trip."""

import csv
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from commands.cli import cli
from store.core import db as store_db
from tests.commands.test_cli import assert_one_line_error

UNITS = (
    "Mã;Tên tổ chức;Loại;Loại hình;Trực thuộc;Đảng viên chính thức;Đảng viên dự bị\n"
    "XA-TT-01;Chi bộ thôn Đông;Chi bộ trực thuộc;Thôn;XA-TT;31;2\n"
    "XA-TT;Đảng bộ xã Tân Tiến;Đảng bộ cơ sở;Xã;;0;0\n"
    "CQ-TC;Chi bộ Phòng Tài chính;Chi bộ cơ sở;Cơ quan hành chính;;9;1\n"
)
OTHERS = {
    "supervisors": "code,name,title\nS1,Nguyễn Thị Hoa,Phó Bí thư\n",
    "assignments": "supervisor,unit,cadence,start_date\nS1,XA-TT,monthly,01/01/2026\n",
    "people": "code,name,birth_year,sex\nP1,Đào Văn Ấn,1970,Nam\n,Lê Thị Mai,1985,Nữ\n",
    "posts": "person_code,person_name,birth_year,unit,role,start_date\n"
    "P1,,,XA-TT-01,secretary,2025-10-01\n,Lê Thị Mai,1985,XA-TT-01,deputy,\n",
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def counts(db_path) -> dict[str, int]:
    db = store_db.connect(db_path, create=False)
    try:
        return {t: db[t].count for t in ("units", "supervisors", "people", "posts", "changes")}
    finally:
        db.conn.close()


@pytest.fixture
def units_csv(tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes(b"\xef\xbb\xbf" + UNITS.encode())  # BOM and semicolons, as Excel writes
    return path


@pytest.fixture
def district(db_path, tmp_path, units_csv):
    assert run("--db", db_path, "import", "units", units_csv).exit_code == 0
    for kind, text in OTHERS.items():
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        result = run("--db", db_path, "import", kind, path)
        assert result.exit_code == 0, result.output
    return db_path


def test_import_prints_a_summary_and_reimport_changes_nothing(db_path, units_csv):
    result = run("--db", db_path, "import", "units", units_csv)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "units: thêm mới 3, cập nhật 0, không đổi 0."
    before = counts(db_path)
    again = run("--db", db_path, "import", "units", units_csv)
    assert again.stdout.strip() == "units: thêm mới 0, cập nhật 0, không đổi 3."
    assert counts(db_path) == before


def test_a_bad_row_writes_nothing_and_names_file_row_and_column(district, tmp_path):
    path = tmp_path / "more.csv"
    path.write_text(
        "code,name,kind,parent,members_full\n"
        "XA-TT-02,Chi bộ thôn Tây,cell,XA-TT,20\n"
        "XA-TT-03,Chi bộ thôn Nam,cell,XA-TT,mười\n",
        encoding="utf-8",
    )
    before = counts(district)
    result = run("--db", district, "import", "units", path)
    assert_one_line_error(result, str(path), "dòng 3", "cột members_full", "'mười'")
    assert counts(district) == before


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("absent.csv", None, "không tìm thấy tệp"),
        ("units.ods", b"whatever", "'.ods'"),
        ("units.csv", b'code,name,kind\n"XA,"Chi"bo,cell\n', "sai định dạng"),
        ("units.csv", b"code;name;kind\nXA;\xc0\xc1;cell\n", "UTF-8"),
        ("units.xlsx", b"not a workbook at all", "Excel"),
    ],
)
def test_bad_files_fail_in_one_line(db_path, tmp_path, name, content, fragment):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("--db", db_path, "import", "units", path)
    assert_one_line_error(result, str(path), fragment)
    assert not db_path.exists()


def test_an_unknown_kind_fails_before_creating_a_database(db_path, units_csv):
    result = run("--db", db_path, "import", "meetingz", units_csv)
    assert_one_line_error(result, "'meetingz'", "units, supervisors")
    assert not db_path.exists()
    assert_one_line_error(run("--db", db_path, "export", "meetingz"), "'meetingz'")


def test_export_csv_and_json_to_stdout(district):
    result = run("--db", district, "export", "units")
    assert result.exit_code == 0
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert {r["code"]: r["parent"] for r in rows} == {"XA-TT-01": "XA-TT", "XA-TT": "", "CQ-TC": ""}
    result = run("--db", district, "export", "posts", "--format", "json")
    data = json.loads(result.stdout)
    assert {(d["person_name"], d["role"]) for d in data} == {
        ("Đào Văn Ấn", "secretary"),
        ("Lê Thị Mai", "deputy"),
    }


def test_xlsx_needs_an_output_file(district):
    assert_one_line_error(run("--db", district, "export", "units", "-f", "xlsx"), "-o")


def test_export_format_follows_the_file_name(district, tmp_path):
    target = tmp_path / "units.xlsx"
    result = run("--db", district, "export", "units", "-o", target)
    assert result.exit_code == 0, result.output
    assert "3" in result.stderr and str(target) in result.stderr
    sheet = load_workbook(target).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["code", "name", "kind"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".part", ".tmp"))]


def test_export_to_a_missing_folder_fails_in_one_line(district, tmp_path):
    target = tmp_path / "nowhere" / "units.csv"
    assert_one_line_error(run("--db", district, "export", "units", "-o", target), str(target))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_through_the_cli_adds_and_changes_nothing(district, tmp_path, fmt):
    before = counts(district)
    for kind in ("units", "supervisors", "assignments", "people", "posts"):
        target = tmp_path / f"out-{kind}.{fmt}"
        assert run("--db", district, "export", kind, "-o", target).exit_code == 0
        result = run("--db", district, "import", kind, target)
        assert result.exit_code == 0, result.output
        assert ": thêm mới 0, cập nhật 0, không đổi" in result.stdout
    assert counts(district) == before


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["units", "supervisors", "assignments", "people", "posts"]),
    content=st.binary(max_size=200)
    | st.text(alphabet='abc;,"\n\r Đđ0123456789-/', max_size=200).map(str.encode),
)
def test_random_files_never_produce_a_traceback(tmp_path, kind, content):
    path = tmp_path / "random.csv"
    path.write_bytes(content)
    result = run("--db", tmp_path / "fuzz.db", "import", kind, path)
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 1:
        assert len(result.stderr.strip().splitlines()) == 1
