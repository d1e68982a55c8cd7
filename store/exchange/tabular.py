"""Spreadsheet files in and out: CSV (UTF-8, with or without BOM, comma or semicolon) and
Excel `.xlsx` (first sheet) read into rows of text, streamed and within the bounds of
store.exchange.limits; CSV, JSON and xlsx written atomically, inert (no cell a spreadsheet
runs: see `neutralise`).

>>> sheet = read_sheet(Path("units.csv"))        # doctest: +SKIP
>>> sheet.headers, next(iter(sheet.rows))        # doctest: +SKIP
(['code', 'name'], Row(number=2, cells=['XA-TT', 'Đảng bộ xã Tân Tiến']))

Row numbers are the ones a spreadsheet user sees: the header is row 1.
"""

import contextlib
import csv
import io
import itertools
import json
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from store.core.errors import PhutrachError, ValidationError
from store.core.files import atomic_write
from store.exchange import limits as L
from store.exchange import xlsx_guard
from store.lang.i18n import _
from store.lang.text import shown

READABLE = (".csv", ".xlsx")
WRITABLE = ("csv", "json", "xlsx")


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # as a spreadsheet counts: the header is row 1
    cells: list[str]


@dataclass(frozen=True)
class Sheet:
    """A file's header and its data rows, read from the file as they are iterated (once or
    more: each iteration reads the file again), never all held at once."""

    path: Path
    headers: list[str]
    rows: Iterable[Row]
    size: int = 0  # the number of the last row, header included, as the first pass saw it


class _Rows:
    """The data rows of a file, read anew on each iteration; empty rows are skipped."""

    def __init__(self, path: Path):
        self.path = path

    def __iter__(self) -> Iterator[Row]:
        with contextlib.closing(_rows(self.path)) as rows:
            next(rows, None)  # the header
            for number, cells in rows:
                if any(c.strip() for c in cells):
                    yield Row(number, cells)


def read_sheet(path: Path) -> Sheet:
    """Check a .csv or .xlsx file against every bound (store.exchange.limits) and read its
    header; the rows are read when iterated. Every problem is a ValidationError naming the
    file (and the row and column where it applies)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise ValidationError(
            _("unknown file type {suffix!r}; use .csv or .xlsx.").format(suffix=path.suffix),
            where=str(path),
        )
    if not path.is_file():
        raise ValidationError(_("file not found."), where=str(path))
    size, headers = _first_pass(path)
    if not headers or not any(headers):
        raise ValidationError(_("the file is empty: row 1 must name the columns."), where=str(path))
    return Sheet(path, [cell.strip() for cell in headers], _Rows(path), size)


def _first_pass(path: Path) -> tuple[int, list[str] | None]:
    """(rows, header): the file read through once, every bound checked and nothing kept (an
    .xlsx scanned byte by byte first, store.exchange.xlsx_guard), so a file over a bound is
    refused before a database opens."""
    if path.stat().st_size > L.MAX_FILE:
        raise L.refuse(path, L.file_too_big())
    if path.suffix.lower() == ".xlsx":
        _xlsx_guarded(path)
    headers, size = None, 0
    for number, cells in _rows(path):
        headers = cells if headers is None else headers
        size = number
    return size, headers


def _xlsx_guarded(path: Path) -> None:
    try:
        xlsx_guard.check(path)
    except ValidationError:
        raise
    except Exception as exc:  # zipfile, zlib, OSError: a damaged workbook
        raise ValidationError(
            _("cannot be read as an Excel .xlsx workbook."), where=str(path)
        ) from exc


def _rows(path: Path) -> Generator[tuple[int, list[str]]]:
    return _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)


def _csv_rows(path: Path) -> Generator[tuple[int, list[str]]]:
    """(row number, cells), streamed: lines, cells, rows and columns bounded; a cell that
    export neutralised (`'=…`) read back as it was."""
    number = 0
    try:
        with path.open("rb") as raw:
            lines = _lines(path, io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
            first = next(lines, "")
            # A field may span lines: held up to a line's bound, then `_check_row` names it.
            csv.field_size_limit(L.MAX_LINE)
            reader = csv.reader(
                itertools.chain([first], lines), delimiter=_delimiter(first), strict=True
            )
            cells_seen = 0
            for number, cells in enumerate(reader, start=1):
                cells_seen += len(cells)
                _check_row(path, number, cells, cells_seen)
                yield number, [unneutralise(cell) for cell in cells]
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("not UTF-8 text (save the CSV as “CSV UTF-8”)."), where=str(path)
        ) from exc
    except OSError as exc:
        raise ValidationError(
            _("cannot be read ({error}).").format(error=exc.strerror), where=str(path)
        ) from exc
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise L.refuse(path, L.cell_too_long(), row=number + 1) from exc  # > MAX_LINE
        raise ValidationError(
            _("malformed CSV near row {row} ({error}).").format(row=number + 1, error=exc),
            where=str(path),
        ) from exc


def _lines(path: Path, text: io.TextIOWrapper) -> Iterator[str]:
    """The file's lines, none longer than the bound (read no further than it)."""
    for number, line in enumerate(iter(lambda: text.readline(L.MAX_LINE + 1), ""), start=1):
        if len(line) > L.MAX_LINE:
            raise L.refuse(path, L.line_too_long(), row=number)
        yield line


def _check_row(path: Path, number: int, cells: list[str], cells_seen: int) -> None:
    """Rows, columns (trailing empty cells do not count) and cell sizes within bounds."""
    if number > L.MAX_ROWS:
        raise L.refuse(path, L.too_many_rows(), row=number)
    if cells_seen > L.MAX_CELLS:
        raise L.refuse(path, L.too_many_cells(), row=number)
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    if width > L.MAX_COLUMNS:
        column = _letter(L.MAX_COLUMNS + 1)
        raise L.refuse(path, L.too_many_columns(), row=number, column=column)
    for index, cell in enumerate(cells[:width]):
        if len(cell) > L.MAX_CELL:
            column = _letter(index + 1)
            raise L.refuse(path, L.cell_too_long(), row=number, column=column)


def _letter(column: int) -> str:
    """A column's letters (1 -> A); openpyxl imported only here, as the CLI starts faster."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _delimiter(text: str) -> str:
    """Comma or semicolon, whichever the header line uses more (Excel in a Vietnamese or
    European locale writes semicolons)."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _xlsx_rows(path: Path) -> Generator[tuple[int, list[str]]]:
    """(row number, cells) of the first sheet, streamed by openpyxl's read-only mode; the
    sheet's `<dimension>` is not trusted (it may claim XFD1048576): rows are as long as
    their cells."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, KeyError, openpyxl's own types: a damaged workbook
        raise _damaged(path) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        cells_seen = 0
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1):
            cells_seen += len(values)
            cells = [cell_text(v) for v in values]
            _check_row(path, number, cells, cells_seen)
            yield number, cells
    except ValidationError:
        raise
    except Exception as exc:
        raise _damaged(path) from exc
    finally:
        book.close()


def _damaged(path: Path) -> ValidationError:
    return ValidationError(_("cannot be read as an Excel .xlsx workbook."), where=str(path))


# CSV cells that a spreadsheet would run as a formula (OWASP "CSV injection"): written with a
# `'` before them, as is a cell that starts with `'` (so that reading back is exact).
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A CSV cell that no spreadsheet runs: text starting with = + - @ tab CR or ' gets a
    leading '. Numbers stay numbers (-3 is written -3: a spreadsheet reads it as a number)."""
    if isinstance(value, str) and value.startswith((*_DANGEROUS, "'")):
        return "'" + value
    return value


def unneutralise(cell: str) -> str:
    """What `neutralise` wrote, read back: one leading ' before = + - @ tab CR or ' dropped."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in (*_DANGEROUS, "'"):
        return cell[1:]
    return cell


def cell_text(value) -> str:
    """The text of a spreadsheet cell: whole numbers without `.0`, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_text(fmt: str, columns: Sequence[str], rows: Iterable[dict]) -> str:
    """Rows (dicts keyed by `columns`) as CSV or JSON text, for a pipe."""
    rows = list(rows)
    return _csv_text(columns, rows) if fmt == "csv" else _json_text(columns, rows)


def write_table(path: Path, fmt: str, columns: Sequence[str], rows: Iterable[dict]) -> Path:
    """Write rows as a csv, json or xlsx file, atomically and owner-only (exports may hold
    personal data)."""
    rows = list(rows)
    path = Path(path).expanduser()
    try:
        with atomic_write(path, private=True) as file:
            if fmt == "xlsx":
                _write_xlsx(file, columns, rows)
            else:
                # CRLF as RFC 4180 says (a pipe gets \n, as the other commands print).
                text = (
                    _csv_text(columns, rows, "\r\n")
                    if fmt == "csv"
                    else table_text(fmt, columns, rows)
                )
                # A BOM lets Excel open the Vietnamese text of a CSV file; import accepts it.
                file.write(("\ufeff" + text if fmt == "csv" else text).encode("utf-8"))
    except OSError as exc:
        raise PhutrachError(
            _("Cannot write {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    return path


def _csv_text(columns: Sequence[str], rows: list[dict], lineterminator: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerow([neutralise(c) for c in columns])
    writer.writerows(
        [["" if r.get(c) is None else neutralise(r.get(c)) for c in columns] for r in rows]
    )
    return buffer.getvalue()


def _json_text(columns: Sequence[str], rows: list[dict]) -> str:
    items = [{c: r.get(c) for c in columns} for r in rows]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _write_xlsx(file, columns: Sequence[str], rows: list[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet()

    def cell(value):
        """Text stays text: a value starting with `=` must not become a formula; a control
        character stored before (which no workbook may hold) is written as its stand-in."""
        if not isinstance(value, str):
            return value
        written = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub(lambda m: shown(m[0]), value))
        written.data_type = "s"
        return written

    sheet.append([cell(c) for c in columns])
    for row in rows:
        sheet.append([cell(row.get(c)) for c in columns])
    book.save(file)
