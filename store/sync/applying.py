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
from dataclasses import asdict, dataclass, field
from pathlib import Path

import apsw

from store.core.errors import PhutrachError
from store.core.records import now
from store.lang.i18n import _
from store.sync import changes, held_once

OFFICE = 0
# Reference data: the office's alone. A laptop's change to it is not applied at the office.
REFERENCE = frozenset({"settings", "units", "supervisors", "assignments"})
# Why the child left a bundle unapplied: its changes do not fit, or one before it did not.
MISFIT, AFTER_REFUSED, FAILED = "misfit", "after refused", "failed"

Progress = Callable[[int, int], None]  # (changes gone through, all of them)
_DONE = "done.jsonl"  # beside the jobs: a line for each job, as the child finishes it
_STEP = 500  # the child tells its progress every so many changes


@dataclass(frozen=True)
class Job:
    """One bundle to apply: its changeset, from which site, its number, the receipt it gives."""

    changeset: bytes
    sender: int
    seq: int
    ack: int


@dataclass(frozen=True)
class Done:
    """What the child did with a job: the changes applied by table and the conflicts queued,
    or why it left it (`refused`; `missing`: the sender's bundle that did not go in)."""

    applied: dict[str, int] = field(default_factory=dict)
    queued: int = 0
    refused: str | None = None
    missing: int = 0
    error: str = ""


def in_child(
    db_path: Path, jobs: list[Job], *, me: int, progress: Progress | None = None
) -> list[Done]:
    """Apply each job, in order and in a transaction of its own, in one child process;
    `progress(done, total)` hears from the child as it goes, over all the jobs."""
    total = sum(1 for job in jobs for _change in apsw.Changeset.iter(job.changeset))
    with tempfile.TemporaryDirectory(dir=db_path.parent, prefix=".phutrach-apply-") as work:
        manifest = []
        for number, job in enumerate(jobs):
            path = Path(work) / f"{number}.changeset"
            path.write_bytes(job.changeset)
            manifest.append([str(path), job.sender, job.seq, job.ack])
        (Path(work) / "jobs.json").write_text(json.dumps({"me": me, "jobs": manifest}))
        said, code = _run(db_path, Path(work) / "jobs.json", total, progress)
        out = (Path(work) / _DONE).read_text() if (Path(work) / _DONE).is_file() else ""
    done = [Done(**json.loads(line)) for line in out.splitlines() if line.strip()]
    if code != 0 or len(done) != len(jobs):
        last = ([s.strip() for s in said if s.strip()] or ["?"])[-1]
        raise PhutrachError(_("The bundle could not be applied: {error}").format(error=last))
    if progress is not None:
        progress(total, total)
    return done


def _run(db_path: Path, jobs: Path, total: int, progress: Progress | None):
    """The child, heard on one pipe only (its progress and errors on stderr): what it did
    goes to a file beside the jobs, never to a second pipe, which, unread while stderr is,
    would fill and stop the child (800 bundles' lines did)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "store.sync.applying", str(db_path), str(jobs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    said = []
    for line in child.stderr:
        if line.startswith("progress ") and progress is not None:
            progress(int(line.split()[1]), total)
        said.append(line)
    return said, child.wait()


def apply_live(conn: apsw.Connection, job: Job, me: int, rule: "_Rule") -> Done:
    """One bundle (in the child): its changes, queued conflicts and the sender's row."""
    rule.sender, rule.clashed = job.sender, []
    with conn:
        done = changes.apply(conn, job.changeset, rule.decide, keep=rule.wanted)
        queued = [c for c in done.conflicts if rule.queued(c)]
        queued += [
            (changes.CONSTRAINT, "meetings", here, theirs, changes.OMIT)
            for here, theirs in held_once.settle(conn, rule.clashed)
        ]
        _queue(conn, job.sender, job.seq, queued)
        conn.execute(
            """UPDATE sites SET received = ?, received_at = ?,
               confirmed = max(confirmed, ?) WHERE number = ?""",
            (job.seq, now(), job.ack, job.sender),
        )
    return Done(done.changes, len(queued))


class _Rule:
    """Conflicts decided by rule: a site's own records win for that site; reference data is
    the office's; a change already there is skipped; anything else waits for a person."""

    def __init__(self, me: int):
        self.me, self.sender, self.seen = me, OFFICE, 0
        self.clashed: list[tuple] = []  # meetings held here already (store.sync.held_once)

    def wanted(self, change: apsw.TableChange) -> bool:
        self.seen += 1
        if self.seen % _STEP == 0:
            print(f"progress {self.seen}", file=sys.stderr, flush=True)
        return not (self.me == OFFICE and change.name in REFERENCE)

    def decide(self, reason: int, change: apsw.TableChange) -> int:
        if reason == changes.FOREIGN_KEY:  # the visits of a meeting held here are settled
            return changes.OMIT if self.clashed else changes.ABORT  # after: else refused
        if held_once.clashes(reason, change):
            self.clashed.append(changes.merged(change) or ())  # an insert: never None
            return changes.OMIT
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
        reason, table, here, theirs, answer = conflict
        if answer != changes.OMIT or reason == changes.NOTFOUND or here == theirs:
            return False
        settled = reason == changes.FOREIGN_KEY or (
            reason == changes.CONSTRAINT and table == "meetings"
        )
        if settled and self.clashed:
            return False  # a meeting held here already: settled (held_once), said there
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
    """The child: the jobs in order, one line of JSON for each (in `_DONE`) as it is done."""
    db_path, jobs_path = sys.argv[1:3]
    plan = json.loads(Path(jobs_path).read_text())
    me, conn = plan["me"], changes.connect(Path(db_path))
    refused: dict[int, int] = {}  # sender → its bundle that did not go in
    rule = _Rule(me)
    with Path(jobs_path).with_name(_DONE).open("w", encoding="utf-8") as said:
        for path, sender, seq, ack in plan["jobs"]:
            if sender in refused:  # one before it did not go in: this one cannot either
                done = Done(refused=AFTER_REFUSED, missing=refused[sender])
            else:
                try:
                    job = Job(Path(path).read_bytes(), sender, seq, ack)
                    done = apply_live(conn, job, me, rule)
                except (apsw.AbortError, apsw.ConstraintError):  # a reference left dangling
                    refused[sender] = seq
                    done = Done(refused=MISFIT)
                except apsw.Error as exc:  # rolled back; said, and the next ones go on
                    refused[sender] = seq
                    done = Done(refused=FAILED, error=f"{type(exc).__name__}: {exc}")
            said.write(json.dumps(asdict(done)) + "\n")
    conn.close()


if __name__ == "__main__":
    main()
