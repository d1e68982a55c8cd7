"""Bad files, generated: CSV imports (random headers, cells, delimiters, BOM, line ends,
bytes), XLSX workbooks (random cells, damaged files) and rulebooks (the shipped file with
lines deleted, values swapped, text cut). Each either works or fails with one clear
PhutrachError on one line naming the file; a failed import writes nothing."""

import io
import math
import re
import uuid
import zipfile
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from store.core import db as store_db
from store.core.errors import PhutrachError
from store.exchange import importer
from store.rules import rulebook
from store.rules.rulebook import RulebookError
from tests.trust.world import build

KINDS = importer.kinds()
CELL_TEXT = st.sampled_from(
    [
        "",
        " ",
        "U01",
        "S01",
        "Chi bộ thôn Đông",
        "grassroots_cell",
        "Chi bộ cơ sở",
        "Thôn",
        "monthly",
        "regular",
        "Bí thư",
        "Nam",
        "Nữ",
        "có",
        "x",
        "0",
        "12",
        "-3",
        "1e9",
        "99999999999",
        "2026-10-05",
        "05/10/2026",
        "31/02/2026",
        "2999-01-01",
        "=1+1",
        "'; DROP TABLE units; --",
        '"',
        "a\nb",
        "\x00",
        "\t",
    ]
) | st.text(max_size=12)


def header_pool(kind: str) -> list[str]:
    columns = importer.spec(kind).columns
    return [c.name for c in columns] + [h for c in columns for h in c.headers]


@st.composite
def csv_files(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(KINDS))
    pool = header_pool(kind)
    columns = [c.name for c in importer.spec(kind).columns]
    headers = draw(  # half the time the kind's own header row, so that the cells get checked
        st.just(columns)
        | st.lists(st.sampled_from(pool) | st.text(max_size=6), min_size=0, max_size=8)
    )
    rows = draw(st.lists(st.lists(CELL_TEXT, max_size=len(headers) + 1), max_size=5))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    quote = draw(st.booleans())

    def line(cells: list[str]) -> str:
        if quote:
            cells = ['"' + c.replace('"', '""') + '"' for c in cells]
        return delimiter.join(cells)

    text = newline.join(line(cells) for cells in [headers, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # a damaged byte or a cut file now and then
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=4))
    return kind, data


@pytest.fixture(scope="module")
def world():
    db = store_db.memory()
    build(db)
    return db


def totals(db) -> dict[str, int]:
    return {t: db[t].count for t in db.table_names()}


def assert_one_clear_line(exc: PhutrachError, path) -> None:
    assert exc.message.strip() and "\n" not in exc.message and "\r" not in exc.message
    assert str(path) in exc.message


def try_import(db, kind, path) -> None:
    before = totals(db)
    try:
        importer.import_file(db, kind, path, today=date.today())
    except PhutrachError as exc:
        event("refused")
        assert_one_clear_line(exc, path)
        assert totals(db) == before  # nothing written
    else:
        event("imported")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(file=csv_files())
def test_generated_csv_files_import_or_fail_cleanly(world, tmp_path, file):
    kind, data = file
    path = tmp_path / "generated.csv"
    path.write_bytes(data)
    try_import(world, kind, path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(KINDS), data=st.binary(max_size=300))
def test_random_bytes_as_csv_fail_cleanly(world, tmp_path, kind, data):
    path = tmp_path / "bytes.csv"
    path.write_bytes(data)
    try_import(world, kind, path)


# Control characters cannot be stored in a workbook at all: openpyxl refuses them.
_STORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_TEXT = (CELL_TEXT | st.sampled_from(header_pool("units"))).filter(
    lambda s: not _STORABLE.search(s)
)
XLSX_VALUES = (
    st.none()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.dates(date(1900, 1, 1), date(2100, 1, 1))
    | st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1))
    | XLSX_TEXT
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(KINDS),
    headers=st.lists(XLSX_TEXT, max_size=6),
    rows=st.lists(st.lists(XLSX_VALUES, max_size=7), max_size=4),
)
def test_generated_workbooks_import_or_fail_cleanly(world, tmp_path, kind, headers, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "generated.xlsx"
    book.save(path)
    try_import(world, kind, path)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _workbook_bytes() -> bytes:
    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(["code", "name"])
    book.save(buffer)
    return buffer.getvalue()


DAMAGED_XLSX = {
    "empty": b"",
    "text": b"code,name\nU1,Chi bo\n",
    "empty zip": _zip({}),
    "zip of a text file": _zip({"hello.txt": b"hi"}),
    "cut in half": _workbook_bytes()[: len(_workbook_bytes()) // 2],
    "broken sheet xml": _zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<"}),
}


@pytest.mark.parametrize("name", list(DAMAGED_XLSX))
def test_damaged_workbooks_fail_cleanly(world, tmp_path, name):
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(DAMAGED_XLSX[name])
    before = totals(world)
    with pytest.raises(PhutrachError) as caught:
        importer.import_file(world, "units", path, today=date.today())
    assert_one_clear_line(caught.value, path)
    assert totals(world) == before


# Rulebooks ----------------------------------------------------------------------------------

SHIPPED = rulebook.SHIPPED["resolution"].read_text(encoding="utf-8").splitlines()
VALUES = [
    '""',
    '"x"',
    '"month"',
    '"cell"',
    "0",
    "-1",
    "101",
    "1.5",
    "-0.5",
    "nan",
    "inf",
    "-inf",
    "true",
    "false",
    "[]",
    '["x"]',
    "[1, 2]",
    "{}",
    '{ id = "x" }',
    "1979-05-27",
    '"""multi\nline"""',
    "[[1], {a = 1}]",
]
ASSIGNMENT = re.compile(r"^(\s*[A-Za-z_]+\s*=\s*)(.+)$")


@st.composite
def mutated_rulebooks(draw) -> str:
    lines = list(SHIPPED)
    for _step in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "swap", "duplicate", "cut", "garbage"]))
        if action == "delete":
            del lines[index]
        elif action == "swap" and (match := ASSIGNMENT.match(lines[index])):
            lines[index] = match.group(1) + draw(st.sampled_from(VALUES))
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "cut":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        elif action == "garbage":
            lines[index] = draw(st.text(max_size=10))
        if not lines:
            break
    return "\n".join(lines)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=mutated_rulebooks())
def test_mutated_rulebooks_load_or_fail_naming_the_file(tmp_path, text):
    # A new name each time: rulebook.load keeps what it read by path and modification time.
    path = tmp_path / f"mine-{uuid.uuid4().hex}.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        loaded = rulebook.load(path)
    except RulebookError as exc:
        event("refused")
        assert_one_clear_line(exc, path)
        return
    event("loaded")
    # What loads must be usable: rating a full and an empty score sheet works.
    assert loaded.rate({c.id: c.max for c in loaded.criteria}).level
    assert loaded.rate({}).level
    levels = (*loaded.ratings, *loaded.annual_levels)
    assert all(math.isfinite(x) for x in (loaded.attendance_threshold, *(lv.min for lv in levels)))


@pytest.mark.parametrize("value", ["nan", "inf", "+inf", "-nan"])
@pytest.mark.parametrize("key", ["min", "threshold"])
def test_rulebook_numbers_must_be_ordinary(tmp_path, key, value):
    text = "\n".join(SHIPPED)
    changed = re.sub(rf"^({key} = )\S+", rf"\g<1>{value}", text, count=1, flags=re.M)
    assert changed != text
    path = tmp_path / "mine.toml"
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(RulebookError) as caught:
        rulebook.load(path)
    assert_one_clear_line(caught.value, path)
    assert "nan" in caught.value.message
