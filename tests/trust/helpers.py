"""Helpers for the trust tests, reusable by any test that kills a process mid-write (a visit
save, an import, a brief batch): a small district on disk, child processes run from the repo,
SIGKILL at a chosen moment, and the checks a database must pass afterwards.

>>> proc = spawn(VISIT_LOOP, db_path)                               # doctest: +SKIP
>>> assert wait_until(lambda: count(db_path, "visits") >= 5)        # doctest: +SKIP
>>> kill(proc)                                                      # doctest: +SKIP
>>> assert_sound(db_path)                                           # doctest: +SKIP
"""

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from store.core import db as store_db
from store.core import settings
from store.rules import health
from tests import factories as make

ROOT = Path(__file__).resolve().parents[2]
# Children run with the same language and no debug tracebacks, whatever the caller's shell has.
_CHILD_ENV = {"PHUTRACH_LANG": "vi", "PYTHONPATH": str(ROOT)}


def district(path: Path, units: int = 2) -> dict:
    """A database file with `units` cells, one supervisor assigned to all of them since
    2026-01-01; returns their ids. The connection is closed again."""
    return make.on_disk(path, _district, units)


def _district(db, units: int) -> dict:
    ids = [
        make.unit(
            db,
            f"Chi bộ thôn số {i + 1}",
            code=f"CB-{i + 1:03d}",
            kind="grassroots_cell",
            members_full=20,
            members_probationary=0,
            members_exempt=0,
        )  # fmt: skip
        for i in range(units)
    ]
    sup = make.supervisor(db, "Đào Văn Ấn", code="GS-01")
    for unit_id in ids:
        make.assign(db, sup, unit_id)
    settings.put(db, "letterhead.signer_name", "Lê Văn Thịnh")  # the committee's briefs
    return {"units": ids, "supervisor": sup}


def units_csv(path: Path, rows: int, prefix: str = "NH") -> Path:
    """A units file of `rows` grassroots cells with codes `{prefix}-00001`…"""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["code", "name", "kind", "sector", "members_full"])
        for i in range(rows):
            code = f"{prefix}-{i + 1:05d}"
            writer.writerow([code, f"Chi bộ doanh nghiệp {prefix} {i + 1}", "grassroots_cell",
                             "enterprise", "12"])  # fmt: skip
    return path


# A child that saves visits one after another through store.visits.record_visit, printing the
# number of each saved one: argv = database, supervisor id, unit ids ("1,2"), how many.
VISIT_LOOP = """
import sys
from datetime import date, timedelta
from store.core import db as store_db, settings
from store.visits import record_visit
from store.rules.rulebook import in_force as rulebook_in_force

path, supervisor, units, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
units = [int(u) for u in units.split(",")]
db = store_db.connect(path)
scores = {c.id: c.max for c in rulebook_in_force(db).criteria}
start = db["visits"].count  # a round goes on where the last stopped: no visit twice
for i in range(start, start + n):
    day = date(2026, 1, 1) + timedelta(days=(i // len(units)) % 300)
    meeting = dict(date=day.isoformat(), kind="regular", members_full=20, members_probationary=0,
                   members_exempt=0, present=18, absent_excused=2, absent_unexcused=0,
                   duration_minutes=90, minutes_kept=True, resolution_adopted=True)
    record_visit(db, supervisor_id=supervisor, unit_id=units[i % len(units)], meeting=meeting,
                 scores=scores, observations=f"Lần dự số {i}", today=date(2026, 12, 31))
    print(i, flush=True)
"""


def visit_loop(path: Path, world: dict, n: int) -> subprocess.Popen:
    """Start VISIT_LOOP on the district `world` made by `district`."""
    units = ",".join(map(str, world["units"]))
    return spawn(VISIT_LOOP, path, world["supervisor"], units, n)


def spawn(code: str, *args, cwd: Path | None = None, session: bool = False) -> subprocess.Popen:
    """Run `python -c code args…` from the repo root, output captured; `session`: in a
    session of its own, so that `kill_all` reaches the processes it starts."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=cwd or ROOT,
        env={**os.environ, **_CHILD_ENV},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=session,
    )


def phutrach(*args, cwd: Path | None = None, session: bool = False) -> subprocess.Popen:
    """Run the `phutrach` command line in a child process."""
    return spawn("from commands.main import main; main()", *args, cwd=cwd, session=session)


def wait_until(condition: Callable[[], bool], timeout: float = 60, every: float = 0.005) -> bool:
    """Poll `condition` until it holds (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def kill_all(proc: subprocess.Popen) -> bool:
    """SIGKILL `proc` and every process it started (a power cut); True when it was running.
    `proc` must have been started in its own session (`spawn(..., session=True)`)."""
    alive = proc.poll() is None
    if alive:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    return alive


def kill(proc: subprocess.Popen) -> bool:
    """SIGKILL `proc` and reap it; True when it was still running (killed mid-work)."""
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    return alive


def writing(path: Path) -> bool:
    """True while another connection holds the database's write lock."""
    conn = sqlite3.connect(path, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def count(path: Path, table: str, where: str = "1", params=()) -> int:
    """Rows of `table` as a fresh reader sees them (committed data only)."""
    conn = sqlite3.connect(path, timeout=30)
    try:
        sql = f"select count(*) from {table} where {where}"  # noqa: S608 (test constants)
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def assert_sound(path: Path) -> None:
    """The database opens, and integrity, foreign-key, schema and rulebook checks all pass."""
    db = store_db.connect(path, create=False)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        result = health.check(db)
        assert result.ok, result.problems
    finally:
        db.conn.close()


def leftovers(folder: Path) -> list[Path]:
    """Half-written files a killed writer may leave: the temp files of atomic saves
    (".NAME.docx.XXXX.tmp", briefs.frame.write)."""
    return sorted(Path(folder).rglob(".*.tmp"))
