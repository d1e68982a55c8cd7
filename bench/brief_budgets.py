"""The briefs' budgets on the province: one brief (gathered, numbered, built, saved, logged),
and 1,000 supervisor briefs through `briefs.batch.generate` on all cores.

The briefs are numbered and logged in the database like real ones (a brief made again keeps
its row and number); bench/run.py gives these a copy of the province to write into.
"""

import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.timing import Row, Sample, measure
from briefs.batch import Job, build, generate
from store.core import db as store_db
from store.reports.letterhead import letterhead
from store.rules.periods import Period, periods_between
from store.rules.rulebook import in_force as rulebook_in_force  # noqa: E402

# Issue 16's budgets: one brief (ms, p95) and the batch of 1,000 on 2 cores (s).
ONE_BRIEF, BATCH = 10, 8


def supervisor_jobs(db, count: int, today: date) -> list[Job]:
    """`count` supervisor briefs: every supervisor for last month, then the months and
    quarters before, as an office makes them at the start of a month."""
    ids = [r[0] for r in db.execute("select id from supervisors order by id")]
    last = Period.containing(today, "month").previous()
    months = periods_between(last.shift(-11), last)[::-1]
    quarters = periods_between(Period.containing(last.shift(-11).start, "quarter"), last)[::-1]
    jobs = [Job("supervisor", s, p.code) for p in [*months, *quarters] for s in ids]
    return jobs[:count]


def one_brief(db_path: Path, today: date, reps: int) -> list[Row]:
    db = store_db.connect(db_path, migrate=False)
    lh, rb = letterhead(db), rulebook_in_force(db)
    visit = db.execute("select max(id) from visits where status = 'done'").fetchone()[0]
    supervisor = supervisor_jobs(db, 1, today)[0]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, job in (
            ("one brief: a visit", Job("visit", visit, None)),
            ("one brief: a supervisor's month", supervisor),
        ):
            outcome = build(db, job, Path(folder), on=today, lh=lh, rb=rb)
            if not outcome.ok:
                raise RuntimeError(f"{name}: {outcome.error}")
            sample = measure(lambda j=job: build(db, j, Path(folder), on=today, lh=lh, rb=rb), reps)
            rows.append(Row(name, ONE_BRIEF, sample))
    db.close()
    return rows


def batch(db_path: Path, today: date, count: int) -> list[Row]:
    db = store_db.connect(db_path, migrate=False)
    jobs = supervisor_jobs(db, count, today)
    db.close()
    folder = Path(tempfile.mkdtemp(prefix="phutrach-bench-"))
    try:
        started, before = time.perf_counter(), _pool_cpu()
        outcomes = generate(db_path, jobs, folder, on=today)
        took = time.perf_counter() - started
        cpu = _pool_cpu() - before
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    failed = [o for o in outcomes if not o.ok]
    note = f"{len(jobs)} supervisor briefs on {os.cpu_count()} cores"
    if failed:
        note += f", {len(failed)} FAILED: {failed[0].error}"
    sample = Sample()
    sample.add(took, cpu)
    return [Row(f"{len(jobs):,} briefs", BATCH, sample, unit="s", note=note + ", cpu of the pool")]


def _pool_cpu() -> float:
    """CPU seconds of the processes under this one: those it waited for (os.times) and, from
    /proc, its living children with the children they waited for. The pool's workers are the
    forkserver's children, and the forkserver lives on: os.times alone counted none of them
    (the batch showed 0.00 s of CPU)."""
    own = os.times()
    total = own.children_user + own.children_system
    me, tick = os.getpid(), os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == me:  # ppid; then utime, stime, cutime, cstime (fields 14-17)
            total += sum(int(v) for v in fields[11:15]) / tick
    return total
