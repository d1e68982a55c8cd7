"""Where phutrach keeps its files: platformdirs' user data dir, or what the user says."""

import os
from pathlib import Path

import platformdirs

APP = "phutrach"


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
    """Create `path` readable by its owner only; a folder that exists is left as it is,
    except phutrach's own data dir, which is always made owner-only."""
    if not path.exists():
        path.mkdir(parents=True, mode=0o700)
        path.chmod(0o700)
    elif path == data_dir() and path.stat().st_uid == os.getuid():
        path.chmod(0o700)
    return path
