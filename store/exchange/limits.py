"""The bounds of an import, whatever the file claims: a file over one is refused in seconds,
with memory bounded, before a row is kept (README "Importing", issue 15 point 2).

The sheet bounds are Excel's own (one cell's characters) or below them (rows, columns): a
real export of a commune or a province is far inside every one. Rows are bounded well below
Excel's 1,048,576 because an import holds its checked rows until its one transaction.
"""

from store.core.errors import ValidationError
from store.lang.i18n import _, current_language

MAX_ROWS = 100_000  # rows, the header included
MAX_COLUMNS = 256  # the widest kind has a few dozen columns
MAX_CELL = 32_767  # characters in one cell: Excel's own limit
MAX_CELLS = 16_777_216  # cells in the whole sheet (filled or not)
MAX_LINE = 1_000_000  # characters in one CSV line
MAX_FILE = 1_000_000_000  # bytes of the file itself
MAX_UNPACKED = 1_000_000_000  # bytes of all an .xlsx unpacks to
MAX_PART = 16_000_000  # bytes of one .xlsx part that is not a worksheet
MAX_PARTS = 1_000  # parts in an .xlsx zip
MAX_RATIO = 100  # how much a part of more than 1 MB may grow when unpacked
RATIO_FROM = 1_000_000

# Bounds of the raw XML of a part, checked before openpyxl parses it: what its parser holds
# at once (one text, one row's elements) stays small even when a row is not a real one.
MAX_RUN = 10 * MAX_CELL + 1_000  # bytes without a `<`: one text or tag (`&#x1F600;` per char)
MAX_ROW_CELLS = 16_384  # cell elements in one row, empty ones included (Excel's columns)
MAX_ROW_ELEMENTS = 200_000  # elements from one row to the next, or in a part without rows


def grouped(number: int) -> str:
    """A bound as the user reads numbers: 100.000 in Vietnamese, 100,000 in English."""
    text = f"{number:,}"
    return text if current_language() == "en" else text.replace(",", ".")


def refuse(path, problem: str, *, row: int | None = None, column: str | None = None):
    """The ValidationError for a file over a bound: the file, the place, the bound."""
    if row is not None and column is not None:
        where = _("{file}, row {row}, column {column}").format(file=path, row=row, column=column)
    elif row is not None:
        where = _("{file}, row {row}").format(file=path, row=row)
    else:
        where = str(path)
    return ValidationError(problem, where=where)


def too_many_rows() -> str:
    return _("more than {limit} rows; split the file.").format(limit=grouped(MAX_ROWS))


def too_many_columns() -> str:
    return _("more than {limit} columns.").format(limit=grouped(MAX_COLUMNS))


def cell_too_long() -> str:
    return _("a cell of more than {limit} characters.").format(limit=grouped(MAX_CELL))


def too_many_cells() -> str:
    return _("more than {limit} cells in the sheet.").format(limit=grouped(MAX_CELLS))


def line_too_long() -> str:
    return _("a line of more than {limit} characters.").format(limit=grouped(MAX_LINE))


def file_too_big() -> str:
    return _("the file is larger than {limit} bytes.").format(limit=grouped(MAX_FILE))


def unpacks_too_big() -> str:
    return _("the workbook unpacks to more than {limit} bytes.").format(limit=grouped(MAX_UNPACKED))


def part_too_big(part: str, limit: int) -> str:
    return _("part {part} of the workbook unpacks to more than {limit} bytes.").format(
        part=part, limit=grouped(limit)
    )


def too_many_parts() -> str:
    return _("the workbook has more than {limit} parts.").format(limit=grouped(MAX_PARTS))


def packed_too_tight(part: str) -> str:
    return _(
        "part {part} of the workbook unpacks to more than {ratio} times its packed size "
        "(a zip bomb?)."
    ).format(part=part, ratio=MAX_RATIO)


def declares_entities(part: str) -> str:
    return _(
        "part {part} of the workbook declares a DOCTYPE or entities, which no Excel file does."
    ).format(part=part)


def xml_too_dense(part: str, limit: int) -> str:
    return _(
        "part {part} of the workbook has more than {limit} elements or bytes in one row."
    ).format(part=part, limit=grouped(limit))
