"""Spreadsheet files in and out: CSV (UTF-8, with or without BOM, comma or semicolon) and
Excel `.xlsx` (first sheet) read into rows of text; CSV, JSON and xlsx written atomically.

>>> sheet = read_sheet(Path("units.csv"))        # doctest: +SKIP
>>> sheet.headers, sheet.rows[0]                  # doctest: +SKIP
(['code', 'name'], Row(number=2, cells=['XA-TT', 'Đảng bộ xã Tân Tiến']))

Row numbers are the ones a spreadsheet user sees: the header is row 1.
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from store.core.errors import PhutrachError, ValidationError
from store.core.files import atomic_write
from store.lang.i18n import _

READABLE = (".csv", ".xlsx")
WRITABLE = ("csv", "json", "xlsx")


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # as a spreadsheet counts: the header is row 1
    cells: list[str]


@dataclass(frozen=True)
class Sheet:
    path: Path
    headers: list[str]
    rows: list[Row]


def read_sheet(path: Path) -> Sheet:
    """Read a .csv or .xlsx file; every problem is a ValidationError naming the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise ValidationError(
            _("unknown file type {suffix!r}; use .csv or .xlsx.").format(suffix=path.suffix),
            where=str(path),
        )
    if not path.is_file():
        raise ValidationError(_("file not found."), where=str(path))
    rows = _read_csv(path) if suffix == ".csv" else _read_xlsx(path)
    if not rows or not any(rows[0][1]):
        raise ValidationError(_("the file is empty: row 1 must name the columns."), where=str(path))
    headers = [cell.strip() for cell in rows[0][1]]
    body = [Row(number, cells) for number, cells in rows[1:] if any(c.strip() for c in cells)]
    return Sheet(path, headers, body)


def _read_csv(path: Path) -> list[tuple[int, list[str]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("not UTF-8 text (save the CSV as “CSV UTF-8”)."), where=str(path)
        ) from exc
    except OSError as exc:
        raise ValidationError(
            _("cannot be read ({error}).").format(error=exc.strerror), where=str(path)
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, cells))
    except csv.Error as exc:
        raise ValidationError(
            _("malformed CSV near row {row} ({error}).").format(row=len(rows) + 1, error=exc),
            where=str(path),
        ) from exc
    return rows


def _delimiter(text: str) -> str:
    """Comma or semicolon, whichever the header line uses more (Excel in a Vietnamese or
    European locale writes semicolons)."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [
                (number, [cell_text(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
            ]
        finally:
            book.close()
    except Exception as exc:  # zipfile, KeyError, openpyxl's own types: a damaged workbook
        raise ValidationError(
            _("cannot be read as an Excel .xlsx workbook."), where=str(path)
        ) from exc


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
                text = table_text(fmt, columns, rows)
                # A BOM lets Excel open the Vietnamese text of a CSV file; import accepts it.
                file.write(("\ufeff" + text if fmt == "csv" else text).encode("utf-8"))
    except OSError as exc:
        raise PhutrachError(
            _("Cannot write {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    return path


def _csv_text(columns: Sequence[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if r.get(c) is None else r.get(c) for c in columns] for r in rows])
    return buffer.getvalue()


def _json_text(columns: Sequence[str], rows: list[dict]) -> str:
    items = [{c: r.get(c) for c in columns} for r in rows]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _write_xlsx(file, columns: Sequence[str], rows: list[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()

    def cell(value):
        """Text stays text: a value starting with `=` must not become a formula."""
        if not isinstance(value, str):
            return value
        written = WriteOnlyCell(sheet, value)
        written.data_type = "s"
        return written

    sheet.append(list(columns))
    for row in rows:
        sheet.append([cell(row.get(c)) for c in columns])
    book.save(file)
