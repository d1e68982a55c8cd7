"""Writing a file whole or not at all, for every file phutrach writes (briefs, zips, exports,
backups, the demo): a temp file in the same folder, fsynced, renamed over the target, the
folder fsynced. Readers see the old file or the new one, never half of one, and a crash
after the rename cannot lose it.

Temp files are named ".NAME.XXXX.tmp" (hidden, beside their target): the brief batch's
orphan sweep (briefs.frame.write.sweep_orphans) looks for that shape.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

TEMP_SUFFIX = ".tmp"


@contextmanager
def atomic_path(
    path: Path | str, *, private: bool = False, sync_dir: bool = True
) -> Iterator[Path]:
    """A fresh empty temp file beside `path`, for writers that need a name (SQLite's backup
    API, a database being built); when the block ends it is fsynced and renamed over `path`.
    On any error the temp file is removed and `path` keeps its old content.

    `private` files are readable by their owner only (0600), others 0644. A batch writing
    many files into one folder passes `sync_dir=False` and calls `sync_folder` once."""
    path = Path(path)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    tmp = Path(name)
    try:
        try:
            os.fchmod(fd, 0o600 if private else 0o644)
        finally:
            os.close(fd)
        yield tmp
        _fsync_file(tmp)
        os.replace(tmp, path)
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
