"""Point 4 of the bench: phutrach beside what a user would use instead, as ratios.

- the stock Textual DataTable showing every unit, against the PagedTable's first page;
- LibreOffice Calc opening the units export (.xlsx) headless (`soffice --headless
  --convert-to csv`, the whole start and load), against the units screen's first rows;
  skipped with a note when `soffice` is not installed;
- python-docx building a brief-sized document from an empty `Document()` (the paragraphs
  and tables of a supervisor's month brief, text only), against phutrach's whole brief path
  (gathered, numbered, built, saved, logged).
"""

import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.timing import Row, Sample, measure
from briefs.batch import build
from store.core import db as store_db
from store.exchange import importer, tabular

PROBE = Path(__file__).resolve().parent / "tui_probe.py"


def stock_datatable(path: Path, reps: int) -> tuple[list[Row], str]:
    done = subprocess.run(
        [sys.executable, str(PROBE), "datatable", str(path), str(reps)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    samples = {}
    for name in ("stock", "paged"):
        samples[name] = Sample()
        for wall, cpu in result[name]:
            samples[name].add(wall, cpu)
    stock = Row("units in stock DataTable", None, samples["stock"], note="every unit")
    paged = Row("units in PagedTable", 100, samples["paged"], note="first page")
    ratio = (
        f"stock DataTable / PagedTable, {result['rows']:,} units: "
        f"{stock.median / paged.median:.0f}× slower (median {stock.median:.0f} ms "
        f"vs {paged.median:.1f} ms)"
    )
    return [stock, paged], ratio


def calc_opens_export(path: Path, units_first_rows: float | None, reps: int = 3) -> str:
    """Seconds LibreOffice takes to open the units export, against `units_first_rows` (ms)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return "LibreOffice Calc: skipped, soffice is not installed"
    db = store_db.connect(path, migrate=False)
    columns, rows = importer.export_rows(db, "units")
    db.close()
    with tempfile.TemporaryDirectory(prefix="phutrach-bench-") as folder:
        export = tabular.write_table(Path(folder) / "units.xlsx", "xlsx", columns, rows)
        profile = Path(folder) / "profile"  # its own profile: no first-start wizard, no lock
        sample = Sample()
        for rep in range(reps + 1):  # the first makes the profile: not counted
            started = time.perf_counter()
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", "csv", "--outdir", folder, str(export)],
                capture_output=True, check=True, timeout=600,
            )  # fmt: skip
            if rep:
                sample.add(time.perf_counter() - started)
            opened = Path(folder) / "units.csv"
            if not opened.is_file():  # soffice without its Calc part says so and exits 0
                return "LibreOffice Calc: skipped, soffice could not load the .xlsx (no Calc?)"
            if len(opened.read_bytes().splitlines()) <= len(rows):
                raise RuntimeError(f"LibreOffice did not read the {len(rows)} units")
            opened.unlink()
    calc = Row("calc", None, sample, unit="s")
    against = (
        f"{calc.median * 1000 / units_first_rows:,.0f}× the units screen's first rows "
        f"({units_first_rows:.0f} ms)"
        if units_first_rows
        else "no TUI figure to compare"
    )
    return (
        f"LibreOffice Calc opening the units export ({len(rows):,} rows, headless, "
        f"median of {reps} after a first start): {calc.median:.1f} s, {against}"
    )


def _rebuild_with_python_docx(source: Path, target: Path) -> None:
    """The brief's paragraphs and tables, text only, into an empty python-docx Document."""
    from docx import Document

    brief, document = Document(str(source)), Document()
    for paragraph in brief.paragraphs:
        document.add_paragraph(paragraph.text)
    for table in brief.tables:
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        made = document.add_table(rows=len(cells), cols=max(len(r) for r in cells))
        for row, texts in zip(made.rows, cells, strict=True):
            for cell, text in zip(row.cells, texts, strict=False):
                cell.text = text
    document.save(str(target))


def python_docx_brief(db_path: Path, today: date, job, reps: int) -> tuple[list[Row], str]:
    """python-docx from an empty Document against phutrach's brief path, same content."""
    db = store_db.connect(db_path, migrate=False)
    with tempfile.TemporaryDirectory(prefix="phutrach-bench-") as folder:
        made = build(db, job, Path(folder), on=today)
        if not made.ok or made.path is None:
            raise RuntimeError(f"brief: {made.error}")
        ours = measure(lambda: build(db, job, Path(folder), on=today), reps)
        plain = Path(folder) / "python-docx.docx"
        theirs = measure(lambda: _rebuild_with_python_docx(made.path, plain), reps, warmup=0)
        # the source is parsed in each repetition: take off what parsing it alone costs
        from docx import Document

        parse = measure(lambda: Document(str(made.path)), reps)
    db.close()
    rows = [
        Row("brief: phutrach's path", None, ours, note="supervisor's month, whole path"),
        Row("brief: python-docx, empty Document", None, theirs, note="same text, parse included"),
    ]
    built = max(rows[1].median - Row("", None, parse).median, 0.0)
    ratio = (
        f"python-docx from an empty Document / phutrach's whole brief path: "
        f"{built / rows[0].median:.1f}× ({built:.1f} ms to build and save the same text, "
        f"vs {rows[0].median:.1f} ms gathered, numbered, built, saved and logged)"
    )
    return rows, ratio
