"""An .xlsx checked with zipfile and a byte scan BEFORE openpyxl opens it, so that no file can
make openpyxl's parser hold more than a few megabytes, whatever the file claims.

openpyxl keeps a row's elements until the row ends, and anything outside a row for good; it
expands a DOCTYPE's entities. So: the zip's parts are counted, their declared sizes and
packing ratios checked, then every XML part is read through a bounded reader (zipfile stops at
the declared size and fails on the CRC; the reader stops at the real bytes) and scanned in
pieces that end before a `<`: no DOCTYPE, no text or tag longer than a bound, and per row a
bounded number of cells and elements. The exact bounds (rows, columns, one cell) are then
checked on the values openpyxl gives (store.exchange.tabular).
"""

import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from store.exchange import limits as L

CHUNK = 1 << 20
_NAME = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ROW = re.compile(_NAME + rb"row[\s/>]")
_SST = re.compile(_NAME + rb"sst[\s/>]")
_ENDS = (b" ", b">", b"/", b"\t", b"\n", b"\r")
_CELL_TAGS = tuple(start + b"c" + end for start in (b"<", b":") for end in _ENDS)
_DTD = (b"<!DOCTYPE", b"<!ENTITY")


def is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/")


def check(path: Path) -> int:
    """Refuse a workbook over a bound (L.refuse); returns the number of rows of its sheets."""
    size = path.stat().st_size
    if size > L.MAX_FILE:
        raise L.refuse(path, L.file_too_big())
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        _check_declared(path, parts)
        rows = 0
        for part in parts:
            rows = max(rows, _scan(path, archive, part))
        return rows


def _check_declared(path: Path, parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > L.MAX_PARTS:
        raise L.refuse(path, L.too_many_parts())
    for part in parts:
        limit = L.MAX_UNPACKED if is_sheet(part.filename) else L.MAX_PART
        if part.file_size > limit:
            raise L.refuse(path, L.part_too_big(part.filename, limit))
        if part.file_size > L.RATIO_FROM and part.file_size > L.MAX_RATIO * max(
            part.compress_size, 1
        ):
            raise L.refuse(path, L.packed_too_tight(part.filename))
    if sum(p.file_size for p in parts) > L.MAX_UNPACKED:
        raise L.refuse(path, L.unpacks_too_big())


def _chunks(path: Path, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes, stopping when the real inflated size passes its bound."""
    limit = L.MAX_UNPACKED if is_sheet(part.filename) else L.MAX_PART
    seen = 0
    with archive.open(part) as file:
        while chunk := file.read(CHUNK):
            seen += len(chunk)
            if seen > limit:
                raise L.refuse(path, L.part_too_big(part.filename, limit))
            yield chunk


@dataclass
class _Scan:
    path: Path
    part: str
    strings: bool = False  # a shared string table: its items, not rows, are its pieces
    rows: int = 0
    row_cells: int = 0
    row_elements: int = 0
    cells: int = 0

    def segment(self, data: bytes) -> None:
        """A piece of XML ending just before a `<`: no tag is cut."""
        if any(mark in data for mark in _DTD):
            raise L.refuse(self.path, L.declares_entities(self.part))
        for start in range(0, len(data), L.MAX_RUN):
            if data.find(b"<", start, start + L.MAX_RUN) < 0 and len(data) - start >= L.MAX_RUN:
                raise L.refuse(self.path, L.xml_too_dense(self.part, L.MAX_RUN))
        for index, piece in enumerate(_ROW.split(data)):
            if index:
                self._new_row()
            self._count(piece)

    def _new_row(self) -> None:
        self.rows += 1
        self.row_cells = self.row_elements = 0
        if self.rows > L.MAX_ROWS:
            raise L.refuse(self.path, L.too_many_rows(), row=self.rows)

    def _count(self, piece: bytes) -> None:
        cells = sum(piece.count(tag) for tag in _CELL_TAGS)
        self.row_cells += cells
        self.cells += cells
        self.row_elements += piece.count(b"<")
        where = self.rows or None
        if self.row_cells > L.MAX_ROW_CELLS:
            raise L.refuse(self.path, L.xml_too_dense(self.part, L.MAX_ROW_CELLS), row=where)
        if self.row_elements > L.MAX_ROW_ELEMENTS and not self.strings:
            raise L.refuse(self.path, L.xml_too_dense(self.part, L.MAX_ROW_ELEMENTS), row=where)
        if self.cells > L.MAX_CELLS:
            raise L.refuse(self.path, L.too_many_cells(), row=where)


def _scan(path: Path, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """Scan one part if it is XML (openpyxl parses only those); returns its rows."""
    chunks = _chunks(path, archive, part)
    first = next(chunks, b"")
    if not first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        for _chunk in chunks:  # not XML: only its real size is checked
            pass
        return 0
    scan = _Scan(path, part.filename)
    scan.strings = not is_sheet(part.filename) and bool(_SST.search(first[:4096]))
    carry = b""
    for chunk in itertools.chain([first], chunks):
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut <= 0:
            carry = data
            if len(carry) > L.MAX_RUN:
                raise L.refuse(path, L.xml_too_dense(part.filename, L.MAX_RUN))
            continue
        scan.segment(data[:cut])
        carry = data[cut:]
    scan.segment(carry)
    return scan.rows
