"""Writing a file whole or not at all, for every file phutrach writes (briefs, zips, exports,
backups, the demo): a temp file in the same folder, fsynced, renamed over the target, the
folder fsynced. Readers see the old file or the new one, never half of one, and a crash
after the rename cannot lose it.

Temp files are named ".NAME.XXXXXXXX.tmp" (hidden, beside their target) and locked
(flock) while written: `sweep_temp` removes those a killed writer left, older than
STALE_SECONDS and locked by nobody, when phutrach next writes in that folder.

Only ordinary files are written: a target that is a pipe, a device, a socket or a folder is
refused first (`writable_file`, `writable_folder`), by its `os.stat`, never by opening it
(opening a pipe for writing waits for a reader: forever).
"""

import glob
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from store.core.errors import ValidationError
from store.lang.i18n import _

try:
    import fcntl
except ImportError:  # Windows: no flock; the sweep then goes by age alone
    fcntl = None  # type: ignore[assignment]

TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 60  # a write takes seconds at most: an older, unlocked temp file lost its writer


def _kind(mode: int) -> str:
    """What a file that is not an ordinary one is, in the user's words."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a special file")


def _mode(path: Path) -> int | None:
    """The mode of what `path` names (links followed), None if nothing is there yet."""
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return None  # not ours to see: the writer will say why it cannot write


def writable_file(path: Path | str) -> Path:
    """`path` if a file may be written there: nothing there yet, or an ordinary file.
    Else a ValidationError naming the path and what it is (a pipe, a device, a folder)."""
    path = Path(path).expanduser()
    mode = _mode(path)
    if mode is not None and not stat.S_ISREG(mode):
        message = _("{path} is {kind}, not an ordinary file: phutrach writes only files.")
        raise ValidationError(message.format(path=path, kind=_kind(mode)), field="path")
    return path


def writable_folder(path: Path | str) -> Path:
    """`path` if files may be written into it: nothing there yet, or a folder. Else a
    ValidationError naming the path and what it is."""
    path = Path(path).expanduser()
    mode = _mode(path)
    if mode is not None and not stat.S_ISDIR(mode):
        kind = _("an ordinary file") if stat.S_ISREG(mode) else _kind(mode)
        message = _("{path} is {kind}, not a folder: phutrach writes its files into a folder.")
        raise ValidationError(message.format(path=path, kind=kind), field="path")
    return path


def _lock(fd: int) -> None:
    """Mark a temp file as being written (the lock goes with the process, killed or not)."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _locked(path: Path) -> bool:
    """True while a live process writes the temp file at `path` (holds its lock)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return True  # gone, or not ours: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # the lock, if taken, goes with it
    return False


def sweep_temp(folder: Path | str, targets: str = "*", now: float | None = None) -> list[Path]:
    """Remove the temp files (".NAME.XXXXXXXX.tmp") a killed writer left in `folder`: older
    than STALE_SECONDS and locked by nobody, so that a writer at work keeps its own; temp
    folders of that shape (the PDF converter's) go too. `targets` is a glob of the targets'
    names ("*.docx"; every one by default, for phutrach's own folders). Returns what went."""
    now = time.time() if now is None else now
    prefix = f".{targets}."
    removed = []
    for tmp in Path(folder).glob(f"{prefix}*{TEMP_SUFFIX}"):
        try:
            info = os.lstat(tmp)
            if now - info.st_mtime <= STALE_SECONDS:
                continue
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(tmp)
            elif stat.S_ISREG(info.st_mode) and not _locked(tmp):
                tmp.unlink()
            else:
                continue  # a writer's, or not a file phutrach makes (a pipe): left alone
            removed.append(tmp)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def sweep_beside(path: Path | str) -> list[Path]:
    """`sweep_temp` for the temp files of one target only: in a folder not phutrach's own
    (an export's, a backup's DEST), nothing of another program is touched."""
    path = Path(path).expanduser()
    return sweep_temp(path.parent, glob.escape(path.name))


@contextmanager
def atomic_path(
    path: Path | str, *, private: bool = False, sync_dir: bool = True
) -> Iterator[Path]:
    """A fresh empty temp file beside `path`, for writers that need a name (SQLite's backup
    API, a database being built); when the block ends it is fsynced and renamed over `path`.
    On any error the temp file is removed and `path` keeps its old content; a `path` that
    is not an ordinary file (a pipe, a device, a folder) is refused first (`writable_file`).
    The temp file is locked while the block runs (see `sweep_temp`).

    `private` files are readable by their owner only (0600), others 0644. A batch writing
    many files into one folder passes `sync_dir=False` and calls `sync_folder` once."""
    path = writable_file(path)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    tmp = Path(name)
    try:
        try:
            os.fchmod(fd, 0o600 if private else 0o644)
            _lock(fd)
            if fcntl is None:  # nothing to hold; Windows renames no file still open
                os.close(fd)
            yield tmp
            _fsync_file(tmp)
            os.replace(tmp, path)
        finally:
            if fcntl is not None:
                os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        sync_folder(path.parent)


@contextmanager
def atomic_write(
    path: Path | str,
    mode: str = "wb",
    *,
    private: bool = False,
    sync_dir: bool = True,
    **open_args: Any,
) -> Iterator[IO[Any]]:
    """`open(path, mode)` that writes the whole file or nothing (see `atomic_path`);
    `open_args` (encoding, newline) go to `open`."""
    with (
        atomic_path(path, private=private, sync_dir=sync_dir) as tmp,
        open(tmp, mode, **open_args) as file,
    ):
        yield file


def _fsync_file(path: Path) -> None:
    """Put the file's content on disk before it takes the target's name (fsync is per file,
    so a descriptor opened after the writer closed its own will do)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path | str) -> None:
    """Make a rename in `folder` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
