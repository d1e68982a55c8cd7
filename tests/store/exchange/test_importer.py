"""Import and export of units, supervisors, assignments, people and posts (store side)."""

import csv
import json
import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from store.core import db as store_db
from store.core import records
from store.core.errors import ValidationError
from store.exchange import importer, tabular
from store.exchange.values import iso_date
from store.lang.i18n import set_language

UNITS_VI = [
    [
        "Mã",
        "Tên tổ chức",
        "Loại",
        "Loại hình",
        "Trực thuộc",
        "Đảng viên chính thức",
        "Đảng viên dự bị",
        "Đảng viên miễn sinh hoạt",
        "Có ban thường vụ",
    ],
    # The cell comes before its parent: parents may come later in the same file.
    ["XA-TT-01", "Chi bộ thôn Đông", "Chi bộ trực thuộc", "Thôn", "XA-TT", "31", "2", "4", ""],
    ["XA-TT", "Đảng bộ xã Tân Tiến", "Đảng bộ cơ sở", "Xã", "", "0", "0", "0", "có"],
    ["CQ-TC", "Chi bộ Phòng Tài chính", "grassroots_cell", "admin_agency", "", "9", "1", "0", "0"],
]


def write_csv(path: Path, rows, *, delimiter=",", bom=False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
        csv.writer(file, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def counts(db) -> dict[str, int]:
    tables = ("units", "supervisors", "assignments", "people", "posts", "changes")
    return {t: db[t].count for t in tables}


def unit(db, code: str) -> dict:
    return next(db["units"].rows_where("code = ?", [code]))


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(",", False), (",", True), (";", False), (";", True)]
)
def test_csv_variants_import_the_same_units(db, tmp_path, delimiter, bom):
    path = write_csv(tmp_path / "units.csv", UNITS_VI, delimiter=delimiter, bom=bom)
    summary = importer.import_file(db, "units", path, today=date.today())
    assert (summary.added, summary.updated, summary.unchanged) == (3, 0, 0)
    cell = unit(db, "XA-TT-01")
    assert cell["kind"] == "cell" and cell["sector"] == "village"
    assert cell["parent_id"] == unit(db, "XA-TT")["id"]
    assert (cell["members_full"], cell["members_probationary"], cell["members_exempt"]) == (
        31,
        2,
        4,
    )
    assert unit(db, "XA-TT")["has_standing_committee"] == 1
    assert unit(db, "XA-TT")["name_folded"] == "dang bo xa tan tien"


def test_xlsx_first_sheet_with_numbers_and_dates(db, tmp_path):
    from datetime import datetime

    write_xlsx(tmp_path / "units.xlsx", UNITS_VI[:3])
    importer.import_file(db, "units", tmp_path / "units.xlsx", today=date.today())
    write_xlsx(
        tmp_path / "sup.xlsx", [["code", "name", "phone"], ["S1", "Lê Văn Bình", "0912 345 678"]]
    )
    importer.import_file(db, "supervisors", tmp_path / "sup.xlsx", today=date.today())
    rows = [
        ["supervisor", "unit", "cadence", "start_date"],
        ["S1", "XA-TT-01", "Hàng quý", datetime(2026, 1, 5)],
        ["S1", "XA-TT", "monthly", "05/02/2026"],
    ]
    importer.import_file(
        db, "assignments", write_xlsx(tmp_path / "a.xlsx", rows), today=date.today()
    )
    got = {(r["cadence"], r["start_date"]) for r in db["assignments"].rows}
    assert got == {("quarterly", "2026-01-05"), ("monthly", "2026-02-05")}
    assert unit(db, "XA-TT-01")["members_full"] == 31  # an int cell, read as 31, not 31.0


def test_headers_are_matched_without_case_or_diacritics(db, tmp_path):
    rows = [["MA", "ten to chuc", "LOAI"], ["G1", "Chi bộ Trường THCS", "chi bo co so"]]
    importer.import_file(db, "units", write_csv(tmp_path / "u.csv", rows), today=date.today())
    assert unit(db, "G1")["kind"] == "grassroots_cell"


def test_reimport_is_idempotent_and_updates_through_the_audit_trail(db, tmp_path):
    path = write_csv(tmp_path / "units.csv", UNITS_VI)
    importer.import_file(db, "units", path, today=date.today())
    before = counts(db)
    again = importer.import_file(db, "units", path, today=date.today())
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert counts(db) == before  # no duplicate, not even an audit entry

    changed = [r[:] for r in UNITS_VI]
    changed[1][5] = "35"
    summary = importer.import_file(
        db, "units", write_csv(tmp_path / "u2.csv", changed), today=date.today()
    )
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 2)
    cell = unit(db, "XA-TT-01")
    assert cell["members_full"] == 35
    last = records.history(db, cell["uid"])[-1]
    assert last["action"] == "update"
    assert (last["before"]["members_full"], last["after"]["members_full"]) == (31, 35)


def test_absent_columns_are_left_alone_on_update(db, tmp_path):
    importer.import_file(db, "units", write_csv(tmp_path / "u.csv", UNITS_VI), today=date.today())
    rows = [
        ["code", "name", "kind", "parent"],
        ["XA-TT-01", "Chi bộ thôn Đông Mới", "cell", "XA-TT"],
    ]
    importer.import_file(db, "units", write_csv(tmp_path / "rename.csv", rows), today=date.today())
    cell = unit(db, "XA-TT-01")
    assert cell["name"] == "Chi bộ thôn Đông Mới" and cell["members_full"] == 31


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        (["X1", "", "cell", "XA-TT", "3"], "Tên tổ chức", "không được để trống"),
        (["X1", "Chi bộ A", "chi đoàn", "XA-TT", "3"], "Loại", "không thuộc"),
        (["X1", "Chi bộ A", "cell", "NOPE", "3"], "Trực thuộc", "'NOPE'"),
        (["X1", "Chi bộ A", "cell", "", "3"], "Trực thuộc", "phải ghi"),
        (["X1", "Chi bộ A", "cell", "XA-TT", "-3"], "Đảng viên chính thức", "âm"),
        (["X1", "Chi bộ A", "cell", "XA-TT", "ba"], "Đảng viên chính thức", "số nguyên"),
        (["X1", "Chi bộ A", "cell", "X1", "3"], "Trực thuộc", "không thể trực thuộc"),
        (["X1", "Chi bộ A", "grassroots_cell", "XA-TT", "3"], "Trực thuộc", "không thể"),
    ],
)
def test_one_bad_row_writes_nothing_and_names_row_and_column(db, tmp_path, row, column, fragment):
    header = ["Mã", "Tên tổ chức", "Loại", "Trực thuộc", "Đảng viên chính thức"]
    rows = [
        header,
        ["XA-TT", "Đảng bộ xã", "Đảng bộ cơ sở", "", "0"],
        ["Y1", "Chi bộ Y", "cell", "XA-TT", "5"],
        row,
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    before = counts(db)
    with pytest.raises(ValidationError) as caught:
        importer.import_file(db, "units", path, today=date.today())
    assert counts(db) == before
    message = caught.value.message
    assert str(path) in message and "dòng 4" in message and f"cột {column}" in message
    assert fragment in message


def test_errors_in_english(db, tmp_path):
    set_language("en")
    rows = [["code", "name", "kind"], ["A", "Cell A", "grassroots_cell"], ["B", "Cell B", "bogus"]]
    with pytest.raises(ValidationError) as caught:
        importer.import_file(db, "units", write_csv(tmp_path / "e.csv", rows), today=date.today())
    assert caught.value.message.startswith(f"{tmp_path / 'e.csv'}, row 3, column kind: 'bogus'")
    assert "is not one of" in caught.value.message


def test_a_later_failure_rolls_back_earlier_rows(db, tmp_path):
    rows = [["code", "name", "kind", "members_full", "members_exempt"]]
    rows += [[f"C{i}", f"Chi bộ {i}", "grassroots_cell", "10", "1"] for i in range(50)]
    rows.append(["C99", "Chi bộ 99", "grassroots_cell", "3", "5"])
    with pytest.raises(ValidationError, match="dòng 52, cột members_exempt"):
        importer.import_file(
            db, "units", write_csv(tmp_path / "many.csv", rows), today=date.today()
        )
    assert db["units"].count == 0 and db["changes"].count == 0


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "trống"),
        (b'code,name,kind\n"A,Cell,cell\n', "sai định dạng"),
        (b"code,name\xff\n", "UTF-8"),
        (b"code,name,colour\nA,B,red\n", "cột không xác định"),
        (b"code,Ma,name\nA,B,C\n", "lặp lại"),
        (b"code,kind\nA,cell\n", "thiếu cột"),
        (b"code,name,kind\nA,B,grassroots_cell,extra\n", "nhiều ô hơn"),
        (b"code,name,kind\nA,B,grassroots_cell\nA,C,grassroots_cell\n", "dòng 2"),
    ],
)
def test_bad_files_are_refused_with_one_message(db, tmp_path, content, fragment):
    path = tmp_path / "units.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        importer.import_file(db, "units", path, today=date.today())
    assert fragment in caught.value.message and str(path) in caught.value.message
    assert db["units"].count == 0


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("missing.csv", None, "không tìm thấy"),
        ("units.txt", b"code\n", "'.txt'"),
        ("units.xlsx", b"PK\x03\x04 not really a zip", "Excel"),
        ("units.xlsx", b"hello", "Excel"),
    ],
)
def test_missing_unknown_and_unreadable_files(db, tmp_path, name, content, fragment):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValidationError, match=fragment):
        importer.import_file(db, "units", path, today=date.today())


def test_unknown_kind(db, tmp_path):
    with pytest.raises(ValidationError, match="meetingz"):
        importer.import_file(
            db, "meetingz", write_csv(tmp_path / "x.csv", [["a"]]), today=date.today()
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-01-31", "2026-01-31"), ("31/01/2026", "2026-01-31"), ("5/1/2026", "2026-01-05")],
)
def test_dates_in_both_spellings(text, expected):
    assert iso_date(text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "31/02/2026", "2026/01/05", "01-05-2026", "mai"])
def test_bad_dates(text):
    with pytest.raises(ValueError):
        iso_date(text)


def _district(db, tmp_path):
    importer.import_file(db, "units", write_csv(tmp_path / "u.csv", UNITS_VI), today=date.today())
    importer.import_file(
        db,
        "supervisors",
        write_csv(
            tmp_path / "s.csv",
            [
                ["Mã cán bộ", "Họ và tên", "Chức vụ", "Điện thoại", "Thư điện tử"],
                ["S1", "Nguyễn Thị Hoa", "Phó Bí thư Huyện ủy", "0912345678", "hoa@example.vn"],
                ["S2", "Trần Văn Nam", "Ủy viên Ban Thường vụ", "", ""],
            ],
        ),
        today=date.today(),
    )
    importer.import_file(
        db,
        "assignments",
        write_csv(
            tmp_path / "a.csv",
            [
                ["Mã cán bộ phụ trách", "Mã tổ chức", "Định kỳ", "Từ ngày", "Đến ngày"],
                ["S1", "XA-TT", "Hàng tháng", "01/01/2026", ""],
                ["S2", "CQ-TC", "quarterly", "2026-01-01", "2026-12-31"],
            ],
        ),
        today=date.today(),
    )
    importer.import_file(
        db,
        "people",
        write_csv(
            tmp_path / "p.csv",
            [
                ["Mã", "Họ và tên", "Năm sinh", "Giới tính", "Ngày vào Đảng"],
                ["P1", "Đào Văn Ấn", "1970", "Nam", "12/05/1995"],
                ["", "Lê Thị Mai", "1985", "Nữ", ""],
            ],
        ),
        today=date.today(),
    )
    importer.import_file(
        db,
        "posts",
        write_csv(
            tmp_path / "po.csv",
            [
                [
                    "Mã đảng viên",
                    "Họ và tên",
                    "Năm sinh",
                    "Mã tổ chức",
                    "Chức vụ",
                    "Từ ngày",
                    "Kiêm nhiệm",
                ],
                ["P1", "", "", "XA-TT-01", "Bí thư", "2025-10-01", "Trưởng thôn"],
                ["", "Lê Thị Mai", "1985", "XA-TT-01", "Phó bí thư", "2025-10-01", ""],
            ],
        ),
        today=date.today(),
    )


def test_references_resolve_by_code_and_by_name(db, tmp_path):
    _district(db, tmp_path)
    posts = {r["role"]: r for r in db["posts"].rows}
    mai = next(db["people"].rows_where("name = ?", ["Lê Thị Mai"]))
    assert posts["deputy"]["person_id"] == mai["id"]
    assert posts["secretary"]["concurrent_role"] == "village_head"
    assert {a["cadence"] for a in db["assignments"].rows} == {"monthly", "quarterly"}


def test_people_without_code_match_by_name_and_birth_year(db, tmp_path):
    _district(db, tmp_path)
    rows = [["name", "birth_year", "phone"], ["Lê Thị Mai", "1985", "0987654321"]]
    summary = importer.import_file(
        db, "people", write_csv(tmp_path / "p2.csv", rows), today=date.today()
    )
    assert (summary.added, summary.updated) == (0, 1)
    # A code given later adopts the code-less person instead of adding a second one.
    rows = [["code", "name", "birth_year"], ["P2", "Lê Thị Mai", "1985"]]
    summary = importer.import_file(
        db, "people", write_csv(tmp_path / "p3.csv", rows), today=date.today()
    )
    assert (summary.added, summary.updated) == (0, 1)
    assert db["people"].count == 2


@pytest.mark.parametrize(
    ("kind", "rows", "fragment"),
    [
        (
            "assignments",
            [
                ["supervisor", "unit", "cadence", "start_date"],
                ["S9", "XA-TT", "monthly", "2026-01-01"],
            ],
            "'S9'",
        ),
        (
            "assignments",
            [
                ["supervisor", "unit", "cadence", "start_date"],
                ["S1", "XA-TT", "weekly", "2026-01-01"],
            ],
            "cột cadence",
        ),
        (
            "assignments",
            [
                ["supervisor", "unit", "cadence", "start_date", "end_date"],
                ["S1", "XA-TT", "monthly", "2026-03-01", "2026-02-01"],
            ],
            "trước ngày bắt đầu",
        ),
        ("posts", [["person_code", "unit", "role"], ["P9", "XA-TT-01", "secretary"]], "'P9'"),
        (
            "posts",
            [["person_name", "unit", "role"], ["Không Ai", "XA-TT-01", "secretary"]],
            "Không Ai",
        ),
        ("posts", [["unit", "role"], ["XA-TT-01", "secretary"]], "mã hoặc họ tên"),
        ("people", [["name", "birth_year"], ["Ai Đó", "1850"]], "năm hợp lệ"),
        ("people", [["name", "sex"], ["Ai Đó", "khác"]], "cột sex"),
        (
            "supervisors",
            [["code", "name", "email"], ["S3", "Ai Đó", "not-an-email"]],
            "thư điện tử",
        ),
    ],
)
def test_reference_and_value_errors(db, tmp_path, kind, rows, fragment):
    _district(db, tmp_path)
    before = counts(db)
    with pytest.raises(ValidationError, match=fragment):
        importer.import_file(db, kind, write_csv(tmp_path / "bad.csv", rows), today=date.today())
    assert counts(db) == before


def test_a_unit_change_that_orphans_database_children_is_refused(db, tmp_path):
    importer.import_file(db, "units", write_csv(tmp_path / "u.csv", UNITS_VI), today=date.today())
    rows = [["code", "name", "kind"], ["XA-TT", "Chi bộ xã Tân Tiến", "grassroots_cell"]]
    with pytest.raises(ValidationError, match="XA-TT-01"):
        importer.import_file(db, "units", write_csv(tmp_path / "u2.csv", rows), today=date.today())
    assert unit(db, "XA-TT")["kind"] == "grassroots_committee"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_adds_and_changes_nothing(db, tmp_path, fmt):
    _district(db, tmp_path)
    before = counts(db)
    for kind in importer.kinds():
        columns, rows = importer.export_rows(db, kind)
        path = tabular.write_table(tmp_path / f"{kind}.{fmt}", fmt, columns, rows)
        summary = importer.import_file(db, kind, path, today=date.today())
        assert (summary.added, summary.updated, summary.unchanged) == (0, 0, len(rows)), kind
    assert counts(db) == before


def test_round_trip_into_an_empty_database_rebuilds_the_same_data(db, tmp_path):
    _district(db, tmp_path)
    fresh = store_db.memory()
    for kind in importer.kinds():
        columns, rows = importer.export_rows(db, kind)
        importer.import_file(
            fresh,
            kind,
            tabular.write_table(tmp_path / f"{kind}.csv", "csv", columns, rows),
            today=date.today(),
        )
        assert importer.export_rows(fresh, kind) == (columns, rows)


def test_json_export_keeps_types(db, tmp_path):
    _district(db, tmp_path)
    columns, rows = importer.export_rows(db, "units")
    data = json.loads(tabular.table_text("json", columns, rows))
    assert {"code": "XA-TT-01", "members_full": 31, "parent": "XA-TT"}.items() <= next(
        d for d in data if d["code"] == "XA-TT-01"
    ).items()


def test_text_that_looks_like_a_formula_survives_xlsx(db, tmp_path):
    rows = [["code", "name", "kind", "note"], ["G1", "Chi bộ G", "grassroots_cell", "=1+1"]]
    importer.import_file(db, "units", write_csv(tmp_path / "u.csv", rows), today=date.today())
    columns, exported = importer.export_rows(db, "units")
    path = tabular.write_table(tmp_path / "u.xlsx", "xlsx", columns, exported)
    assert importer.import_file(db, "units", path, today=date.today()).unchanged == 1


CELL = st.text(alphabet=string.printable + 'ĐđăâêôơưÀ-;,"\n', max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["units", "supervisors", "assignments", "people", "posts"]),
    cells=st.lists(st.lists(CELL, min_size=0, max_size=6), min_size=1, max_size=5),
)
def test_garbage_cells_never_escape_as_anything_but_validation_errors(tmp_path, kind, cells):
    db = store_db.memory()
    columns = [c.name for c in importer.spec(kind).columns][:6]
    path = write_csv(tmp_path / "g.csv", [columns, *cells])
    try:
        importer.import_file(db, kind, path, today=date.today())
    except ValidationError as exc:
        assert str(path) in exc.message and "\n" not in exc.message
        assert db[importer.spec(kind).table].count == 0


def test_an_import_is_one_entry_of_the_history(db, tmp_path):
    from store.history import audit, words

    set_language("vi")
    importer.import_file(db, "units", write_csv(tmp_path / "u.csv", UNITS_VI), today=date.today())
    entries = audit.list_entries(db)
    assert len(entries) == 1 and len(entries[0].changes) == 3
    assert words.headline(db, entries[0]) == "Nhập 3 bản ghi: Tổ chức đảng"
    again = importer.import_file(db, "units", tmp_path / "u.csv", today=date.today())
    assert again.unchanged == 3 and audit.count_entries(db) == 1  # nothing written, no entry
