"""The worst import files we can build (issue 15 point 2), each imported by the real CLI in a
child process: its exit code, wall time to refusal and peak memory (the child's own
`ru_maxrss`, from os.wait4), printed as a table with the message it gave.

    .venv/bin/python bench/hostile_files.py [--dir DIR] [--only NAME ...]

The files are built once into DIR (default bench/.cache/hostile, git-ignored) and reused. The
first row is a small valid import: the memory any run of the CLI takes. Not part of the
tests: the bounds are asserted, on small files, in tests/trust/test_bounded_imports.py.
"""

import argparse
import csv
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "hostile"
HEADER = ["code", "name", "kind", "sector", "members_full"]
SHEET = "xl/worksheets/sheet1.xml"
MB = 1 << 20


def unit(i: int) -> list[str]:
    return [f"NH-{i:07d}", f"Chi bộ doanh nghiệp {i}", "grassroots_cell", "enterprise", "12"]


def _csv(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _xlsx(path: Path, rows, **cells) -> None:
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    for ref, value in cells.items():
        book.active[ref] = value
    book.save(path)


def _sheet_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {info.filename: book.read(info) for info in book.infolist()}


def _bomb(path: Path, size: int, *, lie: bool = False) -> None:
    """A workbook whose sheet holds `size` bytes of spaces inside <sheetData>, deflated to
    about a thousandth; with `lie`, the zip declares the sheet 2,000 bytes unpacked."""
    template = path.with_suffix(".template.xlsx")
    _xlsx(template, [unit(1)])
    parts = _sheet_parts(template)
    template.unlink()
    head, tail = parts[SHEET].split(b"<sheetData>", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            if name != SHEET:
                book.writestr(name, data)
        with book.open(SHEET, "w", force_zip64=size >= 0xFFFFFFFF) as sheet:
            sheet.write(head + b"<sheetData>")
            spaces = b" " * MB
            for _i in range(size // MB):
                sheet.write(spaces)
            sheet.write(tail)
    if lie:
        _declare(path, SHEET, 2_000)


def _declare(path: Path, name: str, size: int) -> None:
    """Overwrite the unpacked size the zip declares for `name`, in its local header and its
    central directory entry (no zip64 here)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        for match in re.finditer(re.escape(signature), data):
            start = match.start()
            name_at = 30 if signature == b"PK\x03\x04" else 46
            if data[start + name_at : start + name_at + len(encoded)] == encoded:
                data[start + offset : start + offset + 4] = struct.pack("<I", size)
    path.write_bytes(bytes(data))


def _dimension(path: Path) -> None:
    _xlsx(path, [unit(1), unit(2)])
    parts = _sheet_parts(path)
    claim = b'<dimension ref="A1:XFD1048576"'
    parts[SHEET] = re.sub(rb'<dimension ref="[^"]*"', claim, parts[SHEET])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


def _long_field(path: Path, quoted: bool) -> None:
    """One row whose name is 100 MB: on one line, or quoted over 100-byte lines."""
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(",".join(HEADER) + "\n" + "NH-1,")
        file.write('"' if quoted else "")
        piece = ("x" * 99 + "\n") if quoted else "x" * 100
        for _i in range(100 * MB // 100):
            file.write(piece)
        file.write('"' if quoted else "")
        file.write(",grassroots_cell,enterprise,12\n")


FILES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "valid-10k.csv": ("10,000 valid units (accepted)", lambda p: _csv(p, map(unit, range(10_000)))),
    "valid-99999.csv": (
        "99,999 valid units: the most accepted",
        lambda p: _csv(p, map(unit, range(99_999))),
    ),
    "dimension.xlsx": ("<dimension ref=A1:XFD1048576>, 2 rows", _dimension),
    "xfd1048576.xlsx": ("a cell at XFD1048576", lambda p: _xlsx(p, [unit(1)], XFD1048576="x")),
    "bomb-1gb.xlsx": ("1 GB of spaces in the sheet, deflated", lambda p: _bomb(p, 1024 * MB)),
    "bomb-900mb.xlsx": ("900 MB of spaces, deflated", lambda p: _bomb(p, 900 * MB)),
    "bomb-lying.xlsx": (
        "100 MB of spaces, zip declares 2 kB",
        lambda p: _bomb(p, 100 * MB, lie=True),
    ),
    "million-rows.csv": ("1,000,000 valid rows", lambda p: _csv(p, map(unit, range(1_000_000)))),
    "field-100mb.csv": ("a 100 MB field on one line", lambda p: _long_field(p, quoted=False)),
    "field-100mb-quoted.csv": (
        "a 100 MB quoted field over 1M lines",
        lambda p: _long_field(p, quoted=True),
    ),
}


def build(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = folder / name
        if not path.exists():
            part = path.with_name(path.name + ".part" + path.suffix)
            FILES[name][1](part)
            part.rename(path)


def _run(path: Path, db: Path) -> tuple[int, float, int, str]:
    """(exit code, seconds, peak RSS in bytes, last output line) of `phutrach import units`
    in a child, waited for by os.wait4: its own peak, not the maximum over all children."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PHUTRACH_LANG": "en"}
    command = [sys.executable, "-c", "from commands.main import main; main()"]
    command += ["--db", str(db), "import", "units", str(path)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        out.seek(0)
        text = (err.read() or out.read()).decode("utf-8", "replace").strip().splitlines()
    return child.returncode, seconds, usage.ru_maxrss * 1024, text[-1] if text else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=CACHE)
    parser.add_argument("--only", nargs="*", choices=list(FILES), default=list(FILES))
    args = parser.parse_args()
    build(args.dir, args.only)
    print(f"{'file':24} {'size':>9} {'exit':>4} {'seconds':>8} {'peak MB':>8}  what / message")
    for name in args.only:
        path = args.dir / name
        with tempfile.TemporaryDirectory() as tmp:
            code, seconds, peak, message = _run(path, Path(tmp) / "bench.db")
        size = f"{path.stat().st_size / MB:.1f}M"
        print(f"{name:24} {size:>9} {code:>4} {seconds:>8.2f} {peak / MB:>8.1f}  {FILES[name][0]}")
        print(f"{'':24} {'':>9} {'':>4} {'':>8} {'':>8}  -> {message[:160]}")


if __name__ == "__main__":
    main()
