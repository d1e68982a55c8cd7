"""Crash safety: a process killed (SIGKILL) in the middle of a large import, of a run of
visit saves or of a brief batch leaves a sound database in which each unit of work is all
there or not there, and no half-written brief."""

import os

import docx

from tests.trust.helpers import (
    assert_sound,
    count,
    district,
    kill,
    kill_all,
    leftovers,
    phutrach,
    units_csv,
    visit_loop,
    wait_until,
    writing,
)

ROWS = 5000


def wal_size(path) -> int:
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_an_import_killed_while_writing_leaves_all_its_rows_or_none(tmp_path):
    path = tmp_path / "data" / "phutrach.db"
    district(path)
    before = count(path, "units")
    source = units_csv(tmp_path / "units.csv", ROWS)
    proc = phutrach("--db", path, "import", "units", source)
    # Rows spill into the WAL as they are written: a megabyte of it is well into the writing.
    assert wait_until(lambda: proc.poll() is not None or wal_size(path) > 1_000_000, 180)
    assert kill(proc), "the import ended before it could be killed"
    assert_sound(path)
    units = count(path, "units")
    assert units in (before, before + ROWS)
    assert count(path, "changes", "table_name = 'units'") == units
    # Nothing half-done stands in the way: the same import runs through afterwards.
    retry = phutrach("--db", path, "import", "units", source)
    out, err = retry.communicate(timeout=300)
    assert retry.returncode == 0, err
    assert count(path, "units") == before + ROWS
    assert_sound(path)


def test_visit_saves_killed_mid_transaction_leave_whole_visits(tmp_path):
    path = tmp_path / "data" / "phutrach.db"
    world = district(path)
    killed_while_writing = 0
    for round_ in range(3):
        target = count(path, "visits") + 5
        proc = visit_loop(path, world, 100_000)
        assert wait_until(lambda p=proc, t=target: p.poll() or count(path, "visits") >= t, 120)
        # Kill the moment the child holds the write lock: inside record_visit's transaction.
        assert wait_until(lambda p=proc: p.poll() is not None or writing(path), 60)
        killed_while_writing += kill(proc)
        assert proc.returncode != 0, f"round {round_}: the visit loop stopped by itself"
        assert_sound(path)
        visits = count(path, "visits")
        assert visits >= target - 1
        assert count(path, "meetings") == visits
        assert count(path, "visits", "meeting_id not in (select id from meetings)") == 0
        assert count(path, "meetings", "id not in (select meeting_id from visits)") == 0
        inserts = "action = 'insert' and table_name in ('visits', 'meetings')"
        assert count(path, "changes", inserts) == 2 * visits
    assert killed_while_writing == 3


def test_a_brief_batch_killed_midway_leaves_whole_briefs_and_the_next_batch_finishes(tmp_path):
    path, out = tmp_path / "data" / "phutrach.db", tmp_path / "out"
    district(path, units=120)
    args = ("--db", path, "brief", "unit", "--all", "--period", "2026-Q3", "--out", out)
    # Its own session, all cores: the kill takes the worker processes with it, as a power cut.
    proc = phutrach(*args, session=True)
    assert wait_until(lambda: proc.poll() is not None or len(list(out.glob("*.docx"))) >= 5, 180)
    assert kill_all(proc), "the batch ended before it could be killed"
    written = sorted(out.glob("*.docx"))
    assert 5 <= len(written) < 120
    for brief in written:  # every file there is a whole document
        assert docx.Document(str(brief)).paragraphs
    assert_sound(path)
    for orphan in leftovers(out):  # what the kill left half-written, found by a later batch
        os.utime(orphan, (orphan.stat().st_mtime - 3600,) * 2)
    retry = phutrach(*args, "--format", "csv")
    _out, err = retry.communicate(timeout=300)
    assert retry.returncode == 0, err
    assert len(list(out.glob("*.docx"))) == 120 == count(path, "briefs", "path is not null")
    assert leftovers(out) == []
