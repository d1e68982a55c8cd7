"""Online backups through SQLite's backup API (never a file copy), restore and health check.

Backups live in a `backups/` folder beside the database, owner-only, named by time:
`phutrach-20261126-041233.db`. The newest `keep` are kept.
"""

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from store.core.errors import DatabaseProblem, ValidationError
from store.core.files import atomic_path, sweep_temp
from store.core.paths import ensure_private_dir
from store.lang.i18n import _

KEEP = 14


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup(db: Database, dest: Path) -> Path:
    """Copy the live database into `dest` (owner-only), consistent even while others write."""
    dest = Path(dest)
    ensure_private_dir(dest.parent)
    # A private temp name (two processes backing up at once must not share one), fsynced
    # and renamed: a crash never leaves half a backup under a backup's name.
    with atomic_path(dest, private=True) as tmp:
        target = sqlite3.connect(tmp)
        try:
            db.conn.backup(target)
        finally:
            target.close()
    return dest


def rotate(db: Database, db_path: Path, *, keep: int = KEEP, reason: str = "") -> Path:
    """A timestamped backup in the database's backups folder, pruning all but `keep`."""
    folder = ensure_private_dir(backup_dir(db_path))
    sweep_temp(folder)  # what a backup killed earlier left half-written
    # A clock reading for the file name (when the copy was made), not a reference day.
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = f"-{reason}" if reason else ""
    dest = backup(db, folder / f"{db_path.stem}-{stamp}{suffix}.db")
    for old in sorted(folder.glob(f"{db_path.stem}-*.db"))[:-keep]:
        old.unlink(missing_ok=True)
    return dest


def keep_count(db: Database) -> int:
    """How many automatic backups to keep: the `backup.keep` setting (default `KEEP`)."""
    from store.core import settings

    value = settings.get(db, "backup.keep")
    valid = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return value if valid else KEEP


def set_keep_count(db: Database, keep: int) -> None:
    """Keep the newest `keep` automatic backups from now on (at least one)."""
    from store.core import settings

    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
        raise ValidationError(
            _("The number of backups to keep must be a whole number of at least 1."),
            field="backup.keep",
        )
    settings.put(db, "backup.keep", keep)


def backed_up_today(db_path: Path) -> bool:
    # The wall clock, as the backup names were stamped: a clock reading, not a reference day.
    today = datetime.now().strftime("%Y%m%d")
    return any(backup_dir(db_path).glob(f"{db_path.stem}-{today}-*.db"))


def verify_file(path: Path) -> None:
    """Raise DatabaseProblem unless `path` is a sound phutrach database, whose schema is
    one phutrach makes (store.core.trust), from this version or an older one."""
    from store.core import trust

    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseProblem(
            _("{path} is not a phutrach database, or it is damaged.").format(path=path)
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {
                r[0] for r in conn.execute("select name from sqlite_master where type='table'")
            }
            if ok and {"_sqlite_migrations", "units", "changes"} <= names:
                trust.verify(conn, path)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(
            _("{path} is not a phutrach database, or it is damaged.").format(path=path)
        ) from exc
    if not ok or not {"_sqlite_migrations", "units", "changes"} <= names:
        raise DatabaseProblem(
            _("{path} is not a phutrach database, or it is damaged.").format(path=path)
        )


def restore(db_path: Path, source: Path) -> Path:
    """Replace the database at `db_path` by `source`, after checking it; the current database
    is first kept as a backup, whose path is returned."""
    from store.core import db as store_db

    verify_file(source)  # before anything is touched: a refused file changes nothing
    # Not verified: a tampered current database is what a restore is for.
    current = store_db.connect(db_path, migrate=False, verify=False)
    try:
        kept = rotate(current, db_path, keep=keep_count(current), reason="before-restore")
        incoming = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            incoming.backup(current.conn)
        finally:
            incoming.close()
    finally:
        current.conn.close()
    return kept
