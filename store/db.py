"""Opening the database: pragmas, permissions, migrations, and clear errors for bad files."""

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from store import backup, schema
from store.errors import DatabaseProblem
from store.i18n import _
from store.paths import ensure_private_dir

BUSY_TIMEOUT_MS = 10_000


def connect(path: Path | str, *, create: bool = True, migrate: bool = True) -> Database:
    """Open the phutrach database at `path`, creating it owner-only if allowed.

    Foreign keys on, WAL, a busy timeout. Raises DatabaseProblem with a message naming the
    file for anything that is not a usable phutrach database.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise DatabaseProblem(_("{path} is a folder, not a database file.").format(path=path))
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new and not create:
        raise DatabaseProblem(_("No database at {path}.").format(path=path))
    try:
        ensure_private_dir(path.parent)
        if is_new:
            path.touch(mode=0o600)
            path.chmod(0o600)
        db = Database(sqlite3.connect(str(path), check_same_thread=False, isolation_level=None))
        _configure(db)
        _check_version(db, path)
        if migrate:
            _backup_if_due(db, path, is_new)
            schema.migrations.apply(db)
    except PermissionError as exc:
        raise DatabaseProblem(
            _("Cannot open {path}: permission denied.").format(path=path)
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(_describe(exc, path)) from exc
    return db


def memory() -> Database:
    """A fresh in-memory database with the full schema (tests, previews)."""
    db = Database(sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None))
    _configure(db)
    schema.migrations.apply(db)
    return db


def _backup_if_due(db: Database, path: Path, is_new: bool) -> None:
    """A backup before any migration, and once a day on first open."""
    if is_new:
        return
    if schema.migrations.pending(db):
        backup.rotate(db, path, reason="before-migration")
    elif not backup.backed_up_today(path):
        backup.rotate(db, path)


def _configure(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")


def _check_version(db: Database, path: Path) -> None:
    """Refuse a database written by a newer phutrach: its migrations are unknown to us."""
    applied = {m.name for m in schema.migrations.applied(db)}
    if applied - schema.known_migrations():
        raise DatabaseProblem(
            _(
                "{path} was written by a newer version of phutrach; update phutrach to open it."
            ).format(path=path)
        )
    tables = set(db.table_names())
    if tables and "_sqlite_migrations" not in tables:
        raise DatabaseProblem(
            _("{path} is an SQLite database, but not a phutrach database.").format(path=path)
        )


def _describe(exc: sqlite3.DatabaseError, path: Path) -> str:
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return _("{path} is not a phutrach database, or it is damaged.").format(path=path)
    if "locked" in text or "busy" in text:
        return _("{path} is in use by another program; try again in a moment.").format(path=path)
    if "readonly" in text or "read-only" in text:
        return _("{path} cannot be written: the file or its folder is read-only.").format(path=path)
    if "disk" in text and "full" in text:
        return _("The disk holding {path} is full; nothing was written.").format(path=path)
    return _("Cannot use the database {path}: {error}").format(path=path, error=exc)


def owner_only(path: Path) -> None:
    """Make a file the database wrote (a backup, a brief) readable by its owner only."""
    if path.exists() and path.stat().st_uid == os.getuid():
        path.chmod(0o600)
