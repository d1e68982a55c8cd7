"""Where phutrach keeps its files: platformdirs' user data dir, or what the user says."""

import os
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from store.core import settings
from store.core.files import writable_folder

APP = "phutrach"
BRIEFS_FOLDER_KEY = "briefs.out_dir"  # the folder chosen last for briefs (TUI or CLI)


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def default_db_path() -> Path:
    """The database in force: `PHUTRACH_DB` if set, else `phutrach.db` in the data dir."""
    env = os.environ.get("PHUTRACH_DB")
    return Path(env).expanduser() if env else data_dir() / "phutrach.db"


def demo_db_path() -> Path:
    """The demo district's own file: never the user's real data."""
    return data_dir() / "demo.db"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` readable by its owner only, each folder made on the way too (0700
    whatever the umask); a folder that exists is left as it is, except phutrach's own data
    dir, which is always made owner-only. A path that is a file, a pipe… is refused."""
    path = writable_folder(path)
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another: not ours to change
        folder.chmod(0o700)  # mkdir's mode is cut by the umask, chmod's is not
    if not missing and path == data_dir() and path.stat().st_uid == os.getuid():
        path.chmod(0o700)
    return path


def default_briefs_folder() -> Path:
    return data_dir() / "briefs"


def briefs_folder(db: Database) -> Path:
    """Where briefs are written, from the screens and `phutrach brief` alike: the folder
    chosen last on the briefs screen, else `briefs/` in the data dir."""
    chosen = settings.get(db, BRIEFS_FOLDER_KEY)
    return Path(chosen).expanduser() if chosen else default_briefs_folder()


def remember_briefs_folder(db: Database, folder: Path) -> None:
    """Keep `folder` as the briefs' folder (the default one is not written down)."""
    value = None if folder == default_briefs_folder() else str(folder)
    settings.put(db, BRIEFS_FOLDER_KEY, value)


def prepare_briefs_folder(folder: Path) -> Path:
    """Create the folder; the default one (and any folder created) is the owner's only."""
    if folder == default_briefs_folder():
        ensure_private_dir(data_dir())
    return ensure_private_dir(folder)
