"""A kill -9 in the middle of an import leaves nothing half-applied."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from store.core import db as store_db
from store.sync import applying, changes
from tests import factories as make
from tests.commands.loop_world import make_world

ROWS = 30_000


def _big_changeset(office, tmp_path) -> bytes:
    """A site's many meetings (ids in site 1's range), as a changeset against the office."""
    laptop = tmp_path / "laptop.db"
    shutil.copy(office, laptop)
    db = store_db.connect(laptop)
    unit = db.execute("SELECT id FROM units WHERE code = 'XA-DA-01'").fetchone()[0]
    make.meeting(db, unit, "2026-09-05")
    row = db.execute("SELECT * FROM meetings ORDER BY id DESC LIMIT 1").fetchone()
    columns = [c.name for c in db["meetings"].columns]
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO meetings ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
    rows = [
        (
            (1 << 32) + n,
            f"uid-{n}",
            *row[2:5],
            f"{1800 + n // 336}-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}",
            *row[6:],
        )
        for n in range(ROWS)
    ]
    with db.conn:
        db.conn.executemany(sql, rows)
    db.conn.close()
    conn = changes.connect(laptop)
    return changes.diff(conn, office, ["meetings"])


def _office_with_site(db_path):
    """The loop world as an office with site 1 enrolled (its keys unused: no bundle here)."""
    office, _ids = make_world(db_path)
    db = store_db.connect(office)
    db.execute(
        "INSERT INTO sites (number, uid, name, verify_key, box_key, enrolled_at) "
        "VALUES (1, 'site-1', 'S1', '', '', '2026-12-01')"
    )
    db.conn.commit()
    return office, db


def test_a_kill_during_an_import_leaves_the_office_as_it_was(db_path, tmp_path):
    office, db = _office_with_site(db_path)
    before = db.execute("SELECT count(*) FROM meetings").fetchone()[0]
    db.conn.close()
    changeset = tmp_path / "changes.bin"
    changeset.write_bytes(_big_changeset(office, tmp_path))
    jobs = tmp_path / "jobs.json"  # as store.sync.applying.in_child writes it
    jobs.write_text(json.dumps({"me": 0, "jobs": [[str(changeset), 1, 1, 0]]}))
    child = subprocess.Popen(
        [sys.executable, "-m", "store.sync.applying", str(office), str(jobs)],
        stdout=subprocess.PIPE,
    )
    wal = office.with_name(office.name + "-wal")
    deadline = time.monotonic() + 60
    while child.poll() is None and time.monotonic() < deadline:  # until it is writing
        if wal.exists() and wal.stat().st_size > 512 * 1024:
            break
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL  # killed in the middle, not finished
    db = store_db.connect(office)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM meetings").fetchone()[0] == before
    assert db.execute("SELECT received FROM sites WHERE number = 1").fetchone()[0] == 0
    assert db.execute("SELECT sum(meetings) FROM meeting_months").fetchone()[0] == before


def test_a_courier_s_many_bundles_go_through_one_child(db_path):
    """More bundles than a pipe holds lines for (the child once stopped on a full stdout,
    unread while its stderr was): every one applied and answered, in order."""
    office, db = _office_with_site(db_path)
    db.conn.close()
    jobs = [applying.Job(b"", 1, seq, 0) for seq in range(1, 1201)]
    done = applying.in_child(office, jobs, me=0)
    assert len(done) == 1200 and all(d.refused is None for d in done)
    db = store_db.connect(office)
    assert db.execute("SELECT received FROM sites WHERE number = 1").fetchone()[0] == 1200
