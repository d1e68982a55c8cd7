"""The benchmark (`make bench`): every budget of issue 16, measured with repetitions at the
district, the province and four provinces (4×), printed as ONE table of 95th percentiles side
by side, with the 4×/province ratio and the flatness check.

    .venv/bin/python bench/run.py [--scales district,province,4x] [--rebuild] [--reps 20]
                                  [--cold 10] [--briefs 1000] [--no-exchange]

Each scale's demo is built once into bench/.cache/<scale>.db (git-ignored, bench/scales.py)
with a fixed "today", then reused; its build time, size and memory are kept beside it. Not
part of the tests: budgets are measured here, not asserted in pytest. A figure PASSes when
its province p95 is within the budget (the largest scale measured, without the province).
It is FLAT when its 4× p95 is within 1.5× of its province p95; that is checked for every
first-page, keystroke and dashboard figure. The briefs, the comparisons with what a user
would use instead (bench/compare.py) and the exchange between machines (bench/sync_budgets.py,
its office and 800 bundles built once into bench/.cache/sync) run at the province only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import brief_budgets, compare, scales, store_budgets, sync_budgets  # noqa: E402
from bench.timing import Row, Sample, not_flat, side_by_side  # noqa: E402
from store.core import backup  # noqa: E402
from store.core import db as store_db  # noqa: E402

TODAY = scales.TODAY
PROBE = ROOT / "bench" / "tui_probe.py"


def built(record: dict, path: Path) -> list[Row]:
    """The scale's build (from its cache record), its file size and its first open of the day."""
    rows = []
    for name, value, unit in (
        ("demo build", record["seconds"], "s"),
        ("demo build peak memory", record["peak_rss_mb"], "MB"),
        ("database size", path.stat().st_size / 1024 / 1024, "MB"),
    ):
        sample = Sample()
        sample.add(value)
        rows.append(Row(name, None, sample, unit=unit))
    started = time.perf_counter()
    store_db.connect(path).close()  # migrations; the day's backup if not made yet
    sample = Sample()
    sample.add(time.perf_counter() - started)
    rows.append(Row("first open of the day", None, sample, unit="s", note="daily backup if due"))
    return rows


def compiled() -> None:
    """The project's modules compiled to bytecode, as installing phutrach compiles them (pip
    byte-compiles a wheel's modules, as it did every library's here): a user's cold start
    reads .pyc files. Where PYTHONDONTWRITEBYTECODE is set (this machine, CI) every start
    otherwise compiled some 150 modules from source, a fifth of a second no user pays."""
    import compileall

    for package in ("store", "briefs", "tui", "commands"):
        compileall.compile_dir(ROOT / package, quiet=1)


def tui_cold(path: Path, runs: int) -> list[Row]:
    """Cold starts in fresh processes; each also opens every screen and types a search."""
    compiled()
    first, calm, screens, keys, rss = Sample(), Sample(), {}, {}, Sample()
    for _run in range(runs):
        launched = time.time()
        done = subprocess.run(
            [sys.executable, str(PROBE), "cold", str(path), TODAY.isoformat(), repr(launched)],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if not result["first_screen_drawn"]:
            raise RuntimeError("the first screen showed no page")
        first.add(result["first_screen"], result["first_screen_cpu"])
        calm.add(result["first_screen_calm"])
        for mode, (drawn, _calm, cpu) in result["screens"].items():
            screens.setdefault(mode, Sample()).add(drawn, cpu)
        for mode, typed in result["keystrokes"].items():
            for drawn, _calm, cpu in typed:
                keys.setdefault(mode, Sample()).add(drawn, cpu)
        rss.add(result["rss_mb"])
    rows = [
        Row("TUI cold start to first screen", 0.5, first, unit="s", note="dashboard drawn"),
        Row("TUI cold start, settled", None, calm, unit="s", note="its workers done too"),
    ]
    rows += [
        Row(f"TUI screen first page: {mode}", 100, sample, note="first rows drawn")
        for mode, sample in screens.items()
    ]
    rows += [
        Row(f"TUI search keystroke: {mode}", 16, sample, note="first rows drawn")
        for mode, sample in keys.items()
    ]
    rows.append(Row("TUI memory (peak RSS)", 120, rss, unit="MB", note="after every screen"))
    return rows


def store_figures(path: Path, reps: int) -> list[Row]:
    db = store_db.connect(path, migrate=False)
    rows: list[Row] = []
    for part in (
        store_budgets.dashboard,
        store_budgets.list_pages,
        store_budgets.keystrokes,
        store_budgets.annual_data,
    ):
        rows += part(db, TODAY, reps)
    db.close()
    return rows


def province_only(path: Path, args, rows: list[Row]) -> tuple[list[Row], list[str]]:
    """The briefs and the comparisons, made in a copy: briefs are numbered, logged and
    audited like real ones, and the cached province must not grow at each run."""
    out, notes = [], []
    with tempfile.TemporaryDirectory(prefix="phutrach-bench-") as scratch:
        db = store_db.connect(path, migrate=False)
        copy = backup.backup(db, Path(scratch) / path.name)
        db.close()
        out += brief_budgets.one_brief(copy, TODAY, args.reps)
        if args.briefs:
            out += brief_budgets.batch(copy, TODAY, args.briefs)
        db = store_db.connect(copy, migrate=False)
        job = brief_budgets.supervisor_jobs(db, 1, TODAY)[0]
        db.close()
        docx_rows, docx_ratio = compare.python_docx_brief(copy, TODAY, job, args.reps)
    compared, datatable_ratio = compare.stock_datatable(path, max(args.reps // 5, 2))
    units = next((r for r in rows if r.name == "TUI screen first page: units"), None)
    notes += [
        datatable_ratio,
        compare.calc_opens_export(path, units.median if units else None),
        docx_ratio,
    ]
    return out + compared + docx_rows, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=",".join(scales.SCALES), help="comma-separated")
    parser.add_argument("--rebuild", action="store_true", help="build the demos afresh")
    parser.add_argument("--reps", type=int, default=20, help="repetitions of a store call")
    parser.add_argument(
        "--cold", type=int, default=10, help="TUI cold starts at the province (half elsewhere)"
    )
    parser.add_argument("--briefs", type=int, default=1000, help="briefs in the batch (0: none)")
    parser.add_argument(
        "--no-exchange", dest="exchange", action="store_false", help="skip the exchange's figures"
    )
    args = parser.parse_args()
    chosen = [s.strip() for s in args.scales.split(",") if s.strip()]
    unknown = set(chosen) - set(scales.SCALES)
    if unknown or not chosen:
        parser.error(f"--scales: choose among {', '.join(scales.SCALES)}")
    began = time.perf_counter()
    measured: dict[str, list[Row]] = {}
    notes: list[str] = []
    for scale in sorted(chosen, key=scales.SCALES.index):
        path, record = scales.cached(scale, args.rebuild)
        load = os.getloadavg()[0]
        print(f"measuring {scale} ({path.name}), load average {load:.1f}…", flush=True)
        rows = built(record, path)
        cold = args.cold if scale == "province" else max(args.cold // 2, 3)
        rows += tui_cold(path, cold)
        rows += store_figures(path, args.reps)
        if scale == "province":
            more, notes = province_only(path, args, rows)
            rows += more
            if args.exchange:
                rows += sync_budgets.measured(path)
        measured[scale] = rows
    print(side_by_side(measured, scales.SCALES))
    print(not_flat(measured))
    for note in notes:
        print(note)
    counts = [f"{s}: {_counts(s)}" for s in measured]
    print("scales — " + "; ".join(counts))
    print(
        f"{os.cpu_count()} cores, load average at the end {os.getloadavg()[0]:.1f}; "
        f"bench took {(time.perf_counter() - began) / 60:.1f} min"
    )


def _counts(scale: str) -> str:
    counts = scales.cached(scale)[1]["counts"]
    return (
        f"{counts['units']:,} units, {counts['supervisors']:,} supervisors, "
        f"{counts['meetings']:,} meetings"
    )


if __name__ == "__main__":
    main()
