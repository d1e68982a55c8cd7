"""Bounded work whatever a file claims (issue 15 point 2): an import over a bound (rows,
columns, one cell, one line, the xlsx zip's inflated size) is refused quickly, with memory
bounded, in one translated message naming the file, the bound and the row or column; the
CLI exits non-zero and writes nothing. Small bounds are monkeypatched so the files stay small;
the xlsx `<dimension>` claim and a zip bomb are tried against the real bounds."""

import csv
import io
import re
import sys
import time
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from commands import imports
from commands.cli import cli
from store.core import db as store_db
from store.core.errors import ValidationError
from store.exchange import importer, tabular
from store.exchange import limits as L
from tests.commands.test_cli import assert_one_line_error

TODAY = date(2026, 12, 1)
HEADER = ["code", "name", "kind", "sector", "members_full"]
SHEET = "xl/worksheets/sheet1.xml"


def unit(i: int) -> list[str]:
    return [f"NH-{i:05d}", f"Chi bộ doanh nghiệp {i}", "grassroots_cell", "enterprise", "12"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([HEADER, *rows])
    return path


def write_xlsx(path: Path, rows: list[list[str]], **cells) -> Path:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(path)
    return path


def rewrite_part(path: Path, name: str, change) -> None:
    """Rewrite one part of a zip in place, the others copied as they were."""
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for part, data in parts.items():
            new.writestr(part, data)


def refused(path: Path) -> ValidationError:
    """Read the whole file as an import does; it must be refused."""
    with pytest.raises(ValidationError) as info:
        sheet = tabular.read_sheet(path)
        for _row in sheet.rows:
            pass
    assert info.value.where.startswith(str(path))
    return info.value


def measured(action) -> tuple[float, int]:
    """(seconds, peak bytes traced) of `action()`."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        action()
    except ValidationError:
        pass
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, peak


def test_a_dimension_claiming_xfd1048576_does_not_make_openpyxl_allocate(tmp_path, db):
    path = write_xlsx(tmp_path / "units.xlsx", [unit(1), unit(2)])
    rewrite_part(
        path,
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    assert b"XFD1048576" in zipfile.ZipFile(path).read(SHEET)
    seconds, peak = measured(lambda: list(tabular.read_sheet(path).rows))
    assert seconds < 2 and peak < 10_000_000
    rows = list(tabular.read_sheet(path).rows)
    assert [r.cells for r in rows] == [unit(1), unit(2)]  # no padding to 16,384 columns
    assert importer.import_file(db, "units", path, today=TODAY).added == 2


def test_a_cell_at_xfd1048576_is_refused_in_seconds(tmp_path):
    path = write_xlsx(tmp_path / "units.xlsx", [unit(1)], XFD1048576="x")
    seconds, peak = measured(lambda: refused(path))
    error = refused(path)
    assert L.grouped(L.MAX_ROWS) in error.detail
    assert error.where == f"{path}, dòng {L.MAX_ROWS + 1}"
    assert seconds < 5 and peak < 20_000_000


def test_a_zip_bomb_of_whitespace_is_refused_before_openpyxl_opens_it(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "units.xlsx", [unit(1)])
    rewrite_part(
        path, SHEET, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 20_000_000)
    )
    assert path.stat().st_size < 100_000
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    seconds, peak = measured(lambda: refused(path))
    error = refused(path)
    assert SHEET in error.detail and str(L.MAX_RATIO) in error.detail
    assert not opened and seconds < 2 and peak < 10_000_000


def test_a_part_bigger_unpacked_than_the_bound_stops_at_the_bound(tmp_path, monkeypatch):
    """The real inflated bytes are counted too, not only the size the zip declares."""
    path = write_xlsx(tmp_path / "units.xlsx", [unit(i) for i in range(1, 200)])
    monkeypatch.setattr(L, "MAX_UNPACKED", 5_000)
    monkeypatch.setattr(L, "RATIO_FROM", 10**9)
    monkeypatch.setattr("store.exchange.xlsx_guard._check_declared", lambda *a: None)
    error = refused(path)
    assert SHEET in error.detail and "5.000" in error.detail


def test_a_doctype_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "units.xlsx", [unit(1)])
    entity = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    rewrite_part(path, SHEET, lambda xml: entity + xml)
    assert "DOCTYPE" in refused(path).detail


@pytest.mark.parametrize(
    ("bound", "value", "rows", "where"),
    [
        ("MAX_ROWS", 5, [unit(i) for i in range(1, 10)], "dòng 6"),
        ("MAX_COLUMNS", 6, [unit(1), [*unit(2), "", "x"]], "dòng 3, cột G"),
        ("MAX_CELL", 40, [unit(1), [*unit(2)[:1], "ấ" * 41, *unit(2)[2:]]], "dòng 3, cột B"),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_file_over_a_bound_names_file_bound_and_place(
    tmp_path, monkeypatch, bound, value, rows, where, suffix
):
    monkeypatch.setattr(L, bound, value)
    path = tmp_path / f"units{suffix}"
    (write_csv if suffix == ".csv" else write_xlsx)(path, rows)
    error = refused(path)
    assert error.where == f"{path}, {where}"
    assert str(value) in error.detail


def test_a_csv_line_or_field_over_the_bound_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(L, "MAX_LINE", 1_000)
    path = write_csv(tmp_path / "line.csv", [unit(1), [*unit(2)[:1], "x" * 2_000]])
    assert refused(path).where == f"{path}, dòng 3"
    # A quoted field over many short lines: held up to the line's bound, no further.
    path = write_csv(tmp_path / "field.csv", [[*unit(1)[:1], "ab\n" * 2_000]])
    assert refused(path).where == f"{path}, dòng 2"


def test_a_long_cell_with_the_real_bounds(tmp_path):
    path = write_csv(tmp_path / "units.csv", [[*unit(1)[:1], "x" * (L.MAX_CELL + 1)]])
    error = refused(path)
    assert error.where == f"{path}, dòng 2, cột B" and L.grouped(L.MAX_CELL) in error.detail


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.integers(0, 8),
    width=st.integers(1, 9),
    cell=st.integers(0, 30),
)
def test_random_sizes_are_read_whole_or_refused_at_the_first_bound(tmp_path, rows, width, cell):
    path = tmp_path / "sizes.csv"
    table = [[f"c{j}" for j in range(width)]] + [["x" * cell] * width for _ in range(rows)]
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(table)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("MAX_ROWS", 6), ("MAX_COLUMNS", 6), ("MAX_CELL", 20)):
            patch.setattr(L, name, value)
        within = rows + 1 <= 6 and width <= 6 and (cell <= 20 or rows == 0)
        if within:
            sheet = tabular.read_sheet(path)
            assert sheet.size == rows + 1
            assert [r.cells for r in sheet.rows] == (
                table[1:] if cell else []
            )  # blank rows skipped
        else:
            assert refused(path).where.startswith(f"{path}, dòng ")


def test_the_cli_refuses_in_one_line_and_creates_no_database(tmp_path, db_path, monkeypatch):
    monkeypatch.setattr(L, "MAX_ROWS", 5)
    path = write_csv(tmp_path / "units.csv", [unit(i) for i in range(1, 10)])
    result = CliRunner().invoke(cli, ["--db", str(db_path), "import", "units", str(path)])
    assert_one_line_error(result, "units.csv, dòng 6", "5")
    assert not db_path.exists()


def test_a_bound_met_while_writing_leaves_the_database_as_it_was(tmp_path, db_path, monkeypatch):
    """A file changed between the check and the read is refused inside the transaction."""
    path = write_csv(tmp_path / "units.csv", [unit(1)])
    db = store_db.connect(db_path)
    sheet = tabular.read_sheet(path)
    write_csv(path, [unit(i) for i in range(1, 10)])
    monkeypatch.setattr(L, "MAX_ROWS", 5)
    with pytest.raises(ValidationError):
        importer.import_sheet(db, "units", sheet, today=TODAY)
    assert db["units"].count == 0


def test_a_large_import_reports_progress(tmp_path, db):
    path = write_csv(tmp_path / "units.csv", [unit(i) for i in range(1, 1_200)])
    seen: list[tuple[int, int]] = []
    summary = importer.import_file(
        db, "units", path, today=TODAY, progress=lambda done, total: seen.append((done, total))
    )
    assert summary.added == 1_199
    assert seen == [(500, 1_200), (1_000, 1_200), (1_200, 1_200)]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_cli_shows_a_progress_bar_on_a_terminal_only_for_a_large_file(tmp_path, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    small = tabular.read_sheet(write_csv(tmp_path / "small.csv", [unit(1)]))
    with imports._progress(small) as progress:
        assert progress is None
    large = tabular.read_sheet(write_csv(tmp_path / "large.csv", [unit(i) for i in range(1, 900)]))
    with imports._progress(large) as progress:
        progress(500, large.size)
        progress(large.size, large.size)
    assert "Đang kiểm tra large.csv" in terminal.getvalue() and "100%" in terminal.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a pipe: no bar
    with imports._progress(large) as progress:
        assert progress is None
