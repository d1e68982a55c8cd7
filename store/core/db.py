"""Opening the database: pragmas, permissions, migrations, and clear errors for bad files."""

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from store.core import backup, schema, trust
from store.core.errors import DatabaseProblem
from store.core.paths import ensure_private_dir
from store.lang.i18n import _

BUSY_TIMEOUT_MS = 10_000
# How long a write waits, in all, for another program's write to finish before giving up.
WRITE_WAIT_S = 30.0


class PhutrachDatabase(Database):
    """A sqlite-utils Database whose outermost `atomic()` takes the write lock at once
    (`BEGIN IMMEDIATE`, retried up to `WRITE_WAIT_S`) and turns SQLite's "locked", "full"
    and "read-only" errors into a DatabaseProblem naming the file.

    A deferred BEGIN would read first and then fail at once, "database is locked", when
    another process wrote in between; an immediate one waits its turn instead. sqlite-utils
    routes its own writes through `atomic()`, so every write of phutrach is covered.

    Each write first checks that the file at `location` is still the one opened (device and
    inode): a file replaced, moved or deleted under a running TUI would take the writes into
    a file no one sees, or mix them with another database's. `warnings` holds what the open
    let pass but the user should know (a daily backup that could not be written).
    """

    def __init__(self, conn: sqlite3.Connection, location: Path | str):
        # No sqlite-utils plugins: phutrach uses none, and looking for them reads the entry
        # points of every package installed (35 ms of each start, and a stranger's plugin
        # would run in every connection of a worker too).
        super().__init__(conn, execute_plugins=False)
        self.location = location
        self.warnings: list[str] = []
        self._file = None if str(location) == ":memory:" else Path(location).absolute()
        self._identity = _identity(self._file)

    def moved(self) -> bool:
        """The file opened is no longer at `location`: replaced, moved or deleted."""
        return self._identity is not None and _identity(self._file) != self._identity

    def ensure_same_file(self) -> None:
        """Raise DatabaseProblem if the file opened is no longer at `location`."""
        if self.moved():
            self._let_go()
            raise DatabaseProblem(
                _(
                    "The database file {path} was replaced, moved or deleted while phutrach "
                    "had it open; nothing was written. Close phutrach and open it again."
                ).format(path=self.location)
            )

    def _let_go(self) -> None:
        """Empty our write-ahead log into the file opened: SQLite leaves it, by name, beside
        whatever now lies at `location`, whose next reader would take our pages for its own."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self.moved():
            self._let_go()
        super().close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator["PhutrachDatabase"]:
        if self.conn.in_transaction:  # nested: a savepoint inside the running transaction
            with super().atomic():
                yield self
            return
        self.ensure_same_file()
        with write_errors(self.location):
            _begin_immediate(self.conn)
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def _identity(file: Path | None) -> tuple[int, int] | None:
    """The file's (device, inode); None for an in-memory database or a file not there."""
    if file is None:
        return None
    try:
        info = os.stat(file)
    except OSError:
        return None
    return info.st_dev, info.st_ino


@contextlib.contextmanager
def write_errors(location: Path | str) -> Iterator[None]:
    """Turn a locked, full or read-only database met while writing into a DatabaseProblem."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if _kind(exc) is None:
            raise
        raise DatabaseProblem(_describe(exc, Path(location))) from exc


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock, waiting (busy timeout, then again) while another program writes."""
    deadline = time.monotonic() + WRITE_WAIT_S
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if _kind(exc) != "locked" or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def connect(
    path: Path | str, *, create: bool = True, migrate: bool = True, verify: bool = True
) -> PhutrachDatabase:
    """Open the phutrach database at `path`, creating it owner-only if allowed.

    Foreign keys on, WAL, a busy timeout. Raises DatabaseProblem with a message naming the
    file for anything that is not a usable phutrach database, and (store.core.trust) for a
    schema that is not phutrach's, before anything is written to it. `verify=False` is for
    `check` and `restore` alone, which must open such a file (to list what differs, to
    replace it).
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
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        db = PhutrachDatabase(conn, path)
        try:
            _prepare(db, path, is_new, migrate=migrate, verify=verify)
        except BaseException:  # a refused file keeps no handle open
            conn.close()
            raise
    except PermissionError as exc:
        raise DatabaseProblem(
            _("Cannot open {path}: permission denied.").format(path=path)
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(_describe(exc, path)) from exc
    except OSError as exc:  # the daily backup beside it could not be written (disk full…)
        raise DatabaseProblem(
            _("Cannot use the database {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    return db


def _prepare(db: PhutrachDatabase, path: Path, is_new: bool, *, migrate: bool, verify: bool):
    _configure(db)
    _check_version(db, path)  # before WAL: a foreign file must be left as it was
    if verify and not is_new:
        trust.verify(db.conn, path)
    _journal(db)
    if migrate:
        _backup_if_due(db, path, is_new)
        schema.migrations.apply(db)


@contextlib.contextmanager
def reading(path: Path | str) -> Iterator[Database]:
    """A read-only connection of its own to the database at `path`, closed after use: for a
    worker thread, so that its queries never run on a connection another thread is using.
    The same pragmas as `connect`; WAL lets it read while the app writes."""
    uri = f"{Path(path).expanduser().resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(_describe(exc, Path(path))) from exc
    db = PhutrachDatabase(conn, path)
    try:
        _configure(db)
        yield db
    finally:
        conn.close()


def memory() -> Database:
    """A fresh in-memory database with the full schema (tests, previews)."""
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    db = PhutrachDatabase(conn, ":memory:")
    _configure(db)
    _journal(db)
    schema.migrations.apply(db)
    return db


def _backup_if_due(db: PhutrachDatabase, path: Path, is_new: bool) -> None:
    """A backup before any migration, and once a day on first open. The daily one is skipped
    with a warning when it cannot be written (a full disk): reading and exporting elsewhere
    must still work. The one before a migration is not: no migration runs without it."""
    if is_new:
        return
    keep = backup.keep_count(db)
    if schema.migrations.pending(db):
        backup.rotate(db, path, keep=keep, reason="before-migration")
    elif not backup.backed_up_today(path):
        try:
            backup.rotate(db, path, keep=keep)
        except (OSError, sqlite3.OperationalError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            db.warnings.append(
                _(
                    "Today's backup of {path} could not be written ({error}); it was skipped."
                ).format(path=path, error=reason)
            )


def _configure(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _journal(db: Database) -> None:
    """WAL (readers never block the writer), which is written into the file itself."""
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


def _kind(exc: sqlite3.DatabaseError) -> str | None:
    """What went wrong, in SQLite's words: damaged, locked, readonly, full, or None."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return "damaged"
    if "locked" in text or "busy" in text:
        return "locked"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "disk" in text and "full" in text:
        return "full"
    return None


def _describe(exc: sqlite3.DatabaseError, path: Path) -> str:
    kind = _kind(exc)
    if kind == "damaged":
        return _("{path} is not a phutrach database, or it is damaged.").format(path=path)
    if kind == "locked":
        return _("{path} is in use by another program; try again in a moment.").format(path=path)
    if kind == "readonly":
        return _("{path} cannot be written: the file or its folder is read-only.").format(path=path)
    if kind == "full":
        return _("The disk holding {path} is full; nothing was written.").format(path=path)
    return _("Cannot use the database {path}: {error}").format(path=path, error=exc)


def owner_only(path: Path) -> None:
    """Make a file the database wrote (a backup, a brief) readable by its owner only."""
    if path.exists() and path.stat().st_uid == os.getuid():
        path.chmod(0o600)
