"""Applying a bundle's changeset to the live database, in a child process of its own.

apsw brings its own SQLite (with the session extension), the stdlib driver the system's: two
SQLite libraries in one process must never have the same file open at once, or closing it in
one drops the other's POSIX locks (sqlite.org/howtocorrupt.html, 2.2.1; seen here as "disk
I/O error"). So the apply runs alone in a child (`python -m store.sync.applying`), whatever
the parent holds open (the TUI, a command): one transaction there, its changes and the
exchange's bookkeeping together, so that a kill leaves nothing half-applied.
"""

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import apsw

from store.core.errors import PhutrachError
from store.core.records import now
from store.lang.i18n import _
from store.sync import changes

OFFICE = 0
# Reference data: the office's alone. A laptop's change to it is not applied at the office.
REFERENCE = frozenset({"settings", "units", "supervisors", "assignments"})
_MISFIT = 3  # the child's exit when the changes do not fit the database


Progress = Callable[[int, int], None]  # (changes gone through, all of them)
_STEP = 500  # the child tells its progress every so many changes


def in_child(
    db_path: Path,
    changeset: bytes,
    *,
    me: int,
    sender: int,
    seq: int,
    ack: int,
    progress: Progress | None = None,
) -> tuple[dict[str, int], int]:
    """Apply `changeset` from site `sender` (its bundle `seq`, confirming our `ack`) in a
    child process; returns the changes applied by table and the conflicts queued.
    `progress(done, total)` hears from the child as it goes."""
    total = sum(1 for _change in apsw.Changeset.iter(changeset))
    with tempfile.NamedTemporaryFile(dir=db_path.parent, prefix=".phutrach.", suffix=".tmp") as f:
        f.write(changeset)
        f.flush()
        args = [str(db_path), f.name, json.dumps([me, sender, seq, ack])]
        child = subprocess.Popen(
            [sys.executable, "-m", "store.sync.applying", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stderr is not None and child.stdout is not None
        said = []
        for line in child.stderr:
            if line.startswith("progress ") and progress is not None:
                progress(int(line.split()[1]), total)
            said.append(line)
        out, code = child.stdout.read(), child.wait()
    if code == _MISFIT:
        raise PhutrachError(
            _("The bundle's changes do not fit this database (a record they need is missing).")
        )
    if code != 0:
        last = ([s.strip() for s in said if s.strip()] or ["?"])[-1]
        raise PhutrachError(_("The bundle could not be applied: {error}").format(error=last))
    if progress is not None:
        progress(total, total)
    result = json.loads(out)
    return result["applied"], result["queued"]


def apply_live(db_path: Path, changeset: bytes, me: int, sender: int, seq: int, ack: int):
    """The apply itself (in the child): changes, queued conflicts and the sender's row."""
    conn = changes.connect(db_path)
    rule = _Rule(me, sender)
    with conn:
        done = changes.apply(conn, changeset, rule.decide, keep=rule.wanted)
        queued = [c for c in done.conflicts if rule.queued(c)]
        _queue(conn, sender, seq, queued)
        conn.execute(
            """UPDATE sites SET received = ?, received_at = ?,
               confirmed = max(confirmed, ?) WHERE number = ?""",
            (seq, now(), ack, sender),
        )
    conn.close()
    return done.changes, len(queued)


class _Rule:
    """Conflicts decided by rule: a site's own records win for that site; reference data is
    the office's; a change already there is skipped; anything else waits for a person."""

    def __init__(self, me: int, sender: int):
        self.me, self.sender, self.seen = me, sender, 0

    def wanted(self, change: apsw.TableChange) -> bool:
        self.seen += 1
        if self.seen % _STEP == 0:
            print(f"progress {self.seen}", file=sys.stderr, flush=True)
        return not (self.me == OFFICE and change.name in REFERENCE)

    def decide(self, reason: int, change: apsw.TableChange) -> int:
        if reason == changes.FOREIGN_KEY:
            return changes.ABORT
        if reason == changes.NOTFOUND or _same(change):
            return changes.OMIT
        owner = _owner(change)
        if self.me == OFFICE and owner == self.sender and reason != changes.CONSTRAINT:
            return changes.REPLACE
        if self.me != OFFICE and (change.name in REFERENCE) and reason != changes.CONSTRAINT:
            return changes.REPLACE
        return changes.OMIT  # the site's own (at the laptop) or a person's to decide

    def queued(self, conflict: tuple) -> bool:
        """A conflict no rule decided: omitted, neither missing nor already there, and not a
        laptop keeping its own record."""
        reason, _table, here, theirs, answer = conflict
        if answer != changes.OMIT or reason == changes.NOTFOUND or here == theirs:
            return False
        return not (self.me != OFFICE and _owner_of(here or theirs) == self.me)


def _same(change: apsw.TableChange) -> bool:
    here = changes.values(change.conflict) if change.conflict else None
    return here is not None and here == changes.merged(change)


def _owner(change: apsw.TableChange) -> int | None:
    return _owner_of(change.new if change.new is not None else change.old)


def _owner_of(row: tuple | None) -> int | None:
    key = row[0] if row else None
    return key >> 32 if isinstance(key, int) else None


def _queue(conn: apsw.Connection, site: int, seq: int, conflicts: list) -> None:
    for reason, table, here, theirs, _answer in conflicts:
        conn.execute(
            """INSERT INTO sync_conflicts (site, seq, at, table_name, reason, here, theirs)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (site, seq, now(), table, str(reason), _json(here), _json(theirs)),
        )


def _json(row: tuple | None) -> str | None:
    if row is None:
        return None
    return json.dumps([v.hex() if isinstance(v, bytes) else v for v in row], ensure_ascii=False)


def main() -> None:
    db_path, changeset_path, params = sys.argv[1:4]
    me, sender, seq, ack = json.loads(params)
    try:
        applied, queued = apply_live(
            Path(db_path), Path(changeset_path).read_bytes(), me, sender, seq, ack
        )
    except apsw.AbortError:
        sys.exit(_MISFIT)
    print(json.dumps({"applied": applied, "queued": queued}))


if __name__ == "__main__":
    main()
