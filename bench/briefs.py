"""Benchmark of the Word briefs (not part of the tests), on the demo district:

    .venv/bin/python bench/briefs.py [--province] [--render DIR]

- one visit brief (gathered, numbered, built, saved, logged): median of 50, budget 25 ms;
- 1,000 supervisor briefs through briefs.batch.generate on all cores: budget 20 s;
- with --province: the annual report's data at province scale (≈ 720,000 meetings and more),
  budget 1 s (building that demo takes a minute or two);
- with --render DIR: one brief of each kind, converted to PNG pages through LibreOffice
  (`libreoffice --headless --convert-to pdf`, `pdftoppm -png -r 60`) to look at.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefs.batch import Job, build, generate  # noqa: E402
from briefs.kinds import annual  # noqa: E402
from store.core import db as store_db  # noqa: E402
from store.demo import build_demo_file  # noqa: E402
from store.reports.letterhead import letterhead  # noqa: E402
from store.rules.periods import Period, periods_between  # noqa: E402
from store.rules.rulebook import in_force as rulebook_in_force  # noqa: E402

TODAY = date(2026, 10, 15)


def one_visit(db_path: Path, out: Path) -> tuple[float, float]:
    db = store_db.connect(db_path, migrate=False)
    lh, rb = letterhead(db), rulebook_in_force(db)
    visit_id = db.execute("select max(id) from visits where status = 'done'").fetchone()[0]
    times, cpu = [], []
    for _i in range(50):
        started, used = time.perf_counter(), time.process_time()
        outcome = build(db, Job("visit", visit_id, None), out, on=TODAY, lh=lh, rb=rb)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        assert outcome.ok, outcome.error
    return statistics.median(times), statistics.median(cpu)


def supervisor_jobs(db_path: Path, count: int) -> list[Job]:
    """`count` supervisor briefs: every supervisor, month by month, then quarter by quarter."""
    db = store_db.connect(db_path, migrate=False)
    ids = [r[0] for r in db.execute("select id from supervisors order by id")]
    first, last = Period.parse("2024-11"), Period.parse("2026-09")
    periods = [*periods_between(first, last), *periods_between(first.split("quarter")[0], last)]
    periods += [Period.of(y, "half", h) for y in (2025, 2026) for h in (1, 2)]
    jobs = [Job("supervisor", s, p.code) for p in periods for s in ids]
    return jobs[:count]


def province_annual(folder: Path) -> float:
    path = folder / "province.db"
    print("building the province demo…", flush=True)
    build_demo_file(path, today=TODAY, scale="province")
    db = store_db.connect(path, migrate=False)
    rb = rulebook_in_force(db)
    times = []
    for _i in range(3):
        started = time.perf_counter()
        annual.gather(db, None, "2026", on=TODAY, rulebook=rb)
        times.append(time.perf_counter() - started)
    return min(times)


def render(db_path: Path, folder: Path) -> None:
    """One brief of each kind, plain and confidential, as PNG pages in `folder`."""
    db = store_db.connect(db_path, migrate=False)
    visit = db.execute("select max(id) from visits where status = 'done'").fetchone()[0]
    unit = db.execute("select id from units where kind = 'grassroots_committee'").fetchone()[0]
    plan = db.execute("select id from succession_plans where status = 'active'").fetchone()[0]
    jobs = [Job("visit", visit, None), Job("supervisor", 5, "2026-Q3"),
            Job("supervisor", 5, "2026-Q3", True), Job("unit", unit, "2026"),
            Job("unit", unit, "2026", True), Job("annual", None, "2026"),
            Job("plan", plan, "2026", True)]  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    for outcome in generate(db_path, jobs, folder, workers=1, on=TODAY):
        assert outcome.ok, outcome.error
        command = ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        subprocess.run([*command, str(outcome.path)], check=True, capture_output=True)
        pdf = outcome.path.with_suffix(".pdf")
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(pdf.with_suffix(""))],
                       check=True)  # fmt: skip
        print(f"  {outcome.path.name}: {len(list(folder.glob(pdf.stem + '-*.png')))} page(s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", action="store_true", help="also time the annual data")
    parser.add_argument("--render", type=Path, help="write PNG pages of each brief here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_path = folder / "demo.db"
        build_demo_file(db_path, today=TODAY)
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        median, cpu = one_visit(db_path, folder / "visit")
        print(f"one visit brief: {median * 1000:.1f} ms, CPU {cpu * 1000:.1f} ms "
              "(median of 50; budget 25 ms)")  # fmt: skip
        jobs = supervisor_jobs(db_path, 1000)
        started = time.perf_counter()
        outcomes = generate(db_path, jobs, folder / "supervisor", on=TODAY)
        took = time.perf_counter() - started
        failed = [o for o in outcomes if not o.ok]
        print(f"{len(jobs)} supervisor briefs on {os.cpu_count()} cores: {took:.1f} s "
              f"(budget 20 s), {len(failed)} failed")  # fmt: skip
        used = time.process_time()
        generate(db_path, jobs[:100], folder / "cpu", workers=1, on=TODAY)
        cpu = (time.process_time() - used) / 100
        print(f"CPU per supervisor brief: {cpu * 1000:.1f} ms, so 1,000 briefs need "
              f"{cpu * 1000 / (os.cpu_count() or 1):.1f} s of each core")  # fmt: skip
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        if args.render:
            render(db_path, args.render)
        if args.province:
            print(f"annual report data, province: {province_annual(folder) * 1000:.0f} ms "
                  "(budget 1000 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
