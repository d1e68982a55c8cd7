"""Writes go only where they should: every `-o`/`--out`/DEST/`--path` refuses a pipe, a
device, a socket or a folder (a file where a folder is meant) at once, naming the path,
without opening it (a FIFO opened for writing waits for a reader: forever); the folders
phutrach makes are owner-only whatever the umask; the temp files a killed writer left are
swept on the next run there, and those a live writer holds are not."""

import os
import stat
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from commands.cli import cli
from store.core import db as store_db
from store.core.errors import ValidationError
from store.core.files import (
    STALE_SECONDS,
    TEMP_SUFFIX,
    atomic_path,
    atomic_write,
    sweep_beside,
    sweep_temp,
    writable_file,
    writable_folder,
)
from store.core.paths import ensure_private_dir
from tests.trust.helpers import district

WAIT = 20  # seconds a refusal may take at most; a hang on a FIFO fails the test


def run(*args):
    """The CLI in a thread given WAIT seconds; a write that blocks on a FIFO fails."""
    result = {}
    thread = threading.Thread(
        target=lambda: result.update(r=CliRunner().invoke(cli, [str(a) for a in args])),
        daemon=True,
    )
    thread.start()
    thread.join(WAIT)
    if thread.is_alive():
        for arg in args:  # release the writer blocked on a FIFO, then fail
            if isinstance(arg, Path) and arg.is_fifo():
                os.close(os.open(arg, os.O_RDONLY | os.O_NONBLOCK))
        pytest.fail(f"phutrach {' '.join(map(str, args))} still runs after {WAIT} s")
    return result["r"]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "data" / "phutrach.db"
    district(path)
    return path


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def commands_writing_to(db, target):
    """Each command's way of writing a file to `target`."""
    return [
        ("--db", db, "export", "units", "-o", target),
        ("--db", db, "export", "units", "--output", target, "--format", "json"),
        ("--db", db, "backup", target),
        ("demo", "--no-tui", "--path", target),
        ("--db", target, "units"),
    ]


def _target(what: str, tmp_path: Path, fifo: Path) -> tuple[Path, str]:
    """A write target that is no ordinary file, and the word its refusal must say."""
    if what == "folder":
        (tmp_path / "a-folder").mkdir()
        return tmp_path / "a-folder", "thư mục"
    if what == "device":
        # Guard first: were /dev/null not refused by its stat, a write would replace it.
        with pytest.raises(ValidationError):
            writable_file("/dev/null")
        return Path("/dev/null"), "thiết bị"
    if what == "link-to-fifo":
        (tmp_path / "link.csv").symlink_to(fifo)
        return tmp_path / "link.csv", "FIFO"
    return fifo, "FIFO"


@pytest.mark.parametrize("what", ["fifo", "folder", "device", "link-to-fifo"])
def test_a_file_target_that_is_not_an_ordinary_file_is_refused_at_once(db, tmp_path, fifo, what):
    target, said = _target(what, tmp_path, fifo)
    for args in commands_writing_to(db, target):
        started = time.monotonic()
        result = run(*args)
        assert result.exit_code != 0, (args, result.output)
        assert str(target) in result.output and said in result.output, result.output
        assert "Traceback" not in result.output
        assert time.monotonic() - started < 5
    assert fifo.is_fifo() and Path("/dev/null").is_char_device()  # left as they were
    assert target.is_dir() if what == "folder" else True
    assert [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_a_folder_target_that_is_a_file_or_a_pipe_is_refused(db, tmp_path, fifo):
    afile = tmp_path / "notes.txt"
    afile.write_text("giữ nguyên")
    for target in (afile, fifo):
        args = ("--db", db, "brief", "unit", "--all", "--period", "2026-Q3", "--out", target)
        result = run(*args)
        assert result.exit_code != 0 and str(target) in result.output, result.output
    assert afile.read_text() == "giữ nguyên"


def test_a_device_is_refused_by_its_stat_without_writing():
    """/dev/null is only looked at: never opened for writing, never replaced."""
    with pytest.raises(ValidationError, match="thiết bị"):
        writable_file("/dev/null")
    with pytest.raises(ValidationError, match="thiết bị"):
        writable_folder("/dev/null")


def test_atomic_writes_refuse_a_pipe_before_making_anything(tmp_path, fifo):
    with pytest.raises(ValidationError, match="FIFO"), atomic_write(fifo) as out:
        out.write(b"x")
    assert fifo.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["pipe.csv"]


def test_an_ordinary_target_is_still_written(db, tmp_path):
    target = tmp_path / "out" / "units.csv"
    target.parent.mkdir()
    result = run("--db", db, "export", "units", "-o", target)
    assert result.exit_code == 0, result.output
    assert "Chi bộ thôn số 1" in target.read_text(encoding="utf-8-sig")


@pytest.fixture(params=[0, 0o022], ids=["umask-0", "umask-022"])
def open_umask(request):
    old = os.umask(request.param)
    yield
    os.umask(old)


def test_folders_made_are_owner_only_whatever_the_umask(tmp_path, open_umask, db):
    made = ensure_private_dir(tmp_path / "a" / "b" / "c")
    for folder in (made, made.parent, made.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    out = tmp_path / "briefs" / "2026"
    args = ("--db", db, "brief", "unit", "--all", "--period", "2026-Q3", "--out", out)
    result = run(*args)
    assert result.exit_code == 0, result.output
    for folder in (out, out.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    backups = db.parent / "backups"
    assert run("--db", db, "backup").exit_code == 0
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700


def _left(folder: Path, name: str, age: float) -> Path:
    """A temp file as a killed writer of `name` leaves it, `age` seconds old."""
    tmp = folder / f".{name}.k1ll3d_x{TEMP_SUFFIX}"
    tmp.write_bytes(b"half")
    then = time.time() - age
    os.utime(tmp, (then, then))
    return tmp


def test_stale_temp_files_are_swept_fresh_and_locked_ones_kept(tmp_path):
    stale = _left(tmp_path, "units.csv", STALE_SECONDS + 5)
    fresh = _left(tmp_path, "people.csv", 1)
    other = tmp_path / ".someone-elses.tmp"  # not phutrach's shape: never touched
    other.write_bytes(b"")
    os.utime(other, (0, 0))
    with atomic_path(tmp_path / "live.db") as live:
        os.utime(live, (0, 0))  # old, but its writer is alive and holds the lock
        assert sweep_temp(tmp_path) == [stale]
        assert live.exists()
    assert fresh.exists() and other.exists() and not stale.exists()


def test_an_export_sweeps_what_a_killed_export_left_beside_its_target(db, tmp_path):
    target = tmp_path / "units.csv"
    own = _left(tmp_path, "units.csv", 3600)
    foreign = _left(tmp_path, "report.docx", 3600)  # another target's: a folder not ours
    assert run("--db", db, "export", "units", "-o", target).exit_code == 0
    assert not own.exists() and foreign.exists()
    backup_dest = tmp_path / "copy.db"
    left = _left(tmp_path, "copy.db", 3600)
    assert run("--db", db, "backup", backup_dest).exit_code == 0
    assert not left.exists() and store_db.connect(backup_dest, create=False)["units"].count


def test_the_backups_folder_is_swept_on_the_next_backup(db):
    assert run("--db", db, "backup").exit_code == 0
    folder = db.parent / "backups"
    left = _left(folder, "phutrach-20260101-000000.db", 3600)
    assert run("--db", db, "backup").exit_code == 0
    assert not left.exists()


NAMES = st.text("abc.-_ [*?]", min_size=1).filter(lambda n: n != ".")  # "x/." is x itself


@settings(max_examples=40, deadline=None)
@given(age=st.floats(0, 10 * STALE_SECONDS), name=NAMES)
def test_a_temp_file_goes_only_when_stale_and_only_its_targets(tmp_path_factory, age, name):
    folder = tmp_path_factory.mktemp("sweep")
    tmp = _left(folder, name, age)
    neighbour = _left(folder, name + "x", 3600)
    removed = sweep_beside(folder / name)
    assert (tmp in removed) == (age > STALE_SECONDS + 1) or abs(age - STALE_SECONDS) < 2
    assert neighbour.exists()


async def test_the_briefs_screen_refuses_a_folder_that_is_a_pipe(db, fifo, monkeypatch):
    from textual.widgets import Input, Static

    from tui.app import PhutrachApp

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    app = PhutrachApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        app.screen.query_one("#field-folder", Input).value = str(fifo)
        await pilot.press("ctrl+g")
        await pilot.pause()
        error = app.screen.query_one("#error-folder", Static)
        assert error.display and "FIFO" in str(error.render()), str(error.render())
        assert not app.screen.running
    assert fifo.is_fifo()
