"""Changes between two states of a database, as SQLite session changesets (through apsw: the
stdlib driver does not expose the session extension).

A changeset is found by `sqlite3session_diff` between the live file and a *base*, a copy of the
state the other site last confirmed, rather than by a session recording the writes: the diff
sees every writer alike (the store, an import, a restore, `check --repair`, another process),
and needs no hook in the write path. Applying is SQLite's own `sqlite3changeset_apply_v2`, in
one transaction with whatever the caller records beside it, so a kill leaves nothing half done.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import apsw

# What the conflict callback may answer (SQLite's names).
OMIT, REPLACE, ABORT = (
    apsw.SQLITE_CHANGESET_OMIT,
    apsw.SQLITE_CHANGESET_REPLACE,
    apsw.SQLITE_CHANGESET_ABORT,
)
# Why a change conflicts: the row it expects differs, is missing, its key exists, or a
# constraint (unique, not null, a foreign key at the end) refuses it.
DATA, NOTFOUND, CONFLICT, CONSTRAINT, FOREIGN_KEY = (
    apsw.SQLITE_CHANGESET_DATA,
    apsw.SQLITE_CHANGESET_NOTFOUND,
    apsw.SQLITE_CHANGESET_CONFLICT,
    apsw.SQLITE_CHANGESET_CONSTRAINT,
    apsw.SQLITE_CHANGESET_FOREIGN_KEY,
)

Decide = Callable[[int, apsw.TableChange], int]


def connect(path: Path) -> apsw.Connection:
    """An apsw connection to a phutrach file, with the settings the store's own uses."""
    conn = apsw.Connection(str(path))
    conn.execute("PRAGMA foreign_keys = ON")
    conn.set_busy_timeout(5000)
    return conn


def diff(conn: apsw.Connection, base: Path, tables: Iterable[str]) -> bytes:
    """The changeset that turns `base` (a file with the same schema) into the database of
    `conn`, for `tables`: an INSERT for a row only here, a DELETE for a row only there, an
    UPDATE with old and new values for a row that differs."""
    conn.execute("ATTACH ? AS base", (str(base),))
    try:
        session = apsw.Session(conn, "main")
        for table in tables:
            session.attach(table)
            session.diff("base", table)
        changeset = session.changeset()
        session.close()
        return changeset
    finally:
        conn.execute("DETACH base")


def gone(conn: apsw.Connection, base: Path, tables: Iterable[str]) -> bytes:
    """The rows of `base` that `conn` no longer holds, as deletes: what a bundle still in
    flight carried and this state has dropped since (a record raised and deleted again)."""
    return keep(diff(conn, base, tables), lambda change: change.op == "DELETE")


def combined(changesets: Iterable[bytes]) -> bytes:
    """One changeset of several, in their order (SQLite's changegroup: a row deleted in two
    of them is deleted once)."""
    builder = apsw.ChangesetBuilder()
    for changeset in changesets:
        builder.add(changeset)
    out = builder.output()
    builder.close()
    return out


def keep(changeset: bytes, wanted: Callable[[apsw.TableChange], bool]) -> bytes:
    """The changes of `changeset` that `wanted` keeps, as a changeset of their own."""
    builder = apsw.ChangesetBuilder()
    for change in apsw.Changeset.iter(changeset):
        if wanted(change):
            builder.add_change(change)
    out = builder.output()
    builder.close()
    return out


@dataclass
class Applied:
    """What applying a changeset did: changes by table, and each conflict as (reason, table,
    the row here, the row the changeset brings, the answer given)."""

    changes: dict[str, int] = field(default_factory=dict)
    conflicts: list[tuple[int, str, tuple | None, tuple | None, int]] = field(default_factory=list)


def apply(
    conn: apsw.Connection,
    changeset: bytes,
    decide: Decide,
    keep: Callable[[apsw.TableChange], bool] | None = None,
) -> Applied:
    """Apply `changeset` on `conn` (the changes `keep` keeps, all if None), each conflict
    decided by `decide(reason, change)` (OMIT, REPLACE or ABORT). The caller holds the
    transaction (`with conn:`) so that what it records of the exchange commits with the
    changes or not at all."""
    applied = Applied()
    for change in apsw.Changeset.iter(changeset):
        if keep is None or keep(change):
            applied.changes[change.name] = applied.changes.get(change.name, 0) + 1

    def conflict(reason: int, change: apsw.TableChange) -> int:
        answer = decide(reason, change)
        here, theirs = values(change.conflict or change.old), merged(change)
        applied.conflicts.append((reason, change.name, here, theirs, answer))
        return answer

    apsw.Changeset.apply(changeset, conn, filter_change=keep, conflict=conflict)
    return applied


def merged(change: apsw.TableChange) -> tuple | None:
    """The row a change would leave: its new values, and where a column is unchanged the
    row's as it is here (in a conflict) or as the change knew it."""
    if change.new is None:
        return None
    base = change.conflict or change.old or (None,) * len(change.new)
    return values(
        tuple(b if n is apsw.no_change else n for b, n in zip(base, change.new, strict=True))
    )


def values(row: tuple | None) -> tuple | None:
    """A row of a change with SQLite's "unchanged" marker made None: what can be kept."""
    if row is None:
        return None
    return tuple(None if value is apsw.no_change else value for value in row)
