"""Document numbers and the log of generated briefs (the `briefs` table).

A brief is one row, named by (kind, scope, period, confidential). Its number runs per type code
(BC, KH…) within the committee's term (`committee.term_start`): the sequence restarts when the
term changes, and a regenerated brief keeps the number it was given. A member's own report
(the visit and supervisor briefs, store.reports.letterhead.member_report) takes no number of
the committee's series: it is logged by the same identity, with no number (one numbered by
an older version keeps that number taken, never given again). `log_brief` records the file
written last; earlier files stay in the audit trail.

Two processes may allocate at once: sqlite-utils' `atomic()` opens a deferred transaction, so
both may read the same maximum; the unique indexes on the table turn the loser's write into an
error, and the allocation is retried on a fresh snapshot.
"""

import random
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from store.core import records, settings
from store.core.errors import ValidationError
from store.lang.i18n import _
from store.reports.letterhead import member_report

RETRIES = 12


@dataclass(frozen=True, slots=True)
class BriefRecord:
    id: int
    uid: str
    kind: str
    scope: str
    period: str
    confidential: bool
    doc_code: str | None
    term: str | None
    number: int | None
    path: str | None
    sha256: str | None
    rulebook: str | None
    updated_at: str


def current_term(db: Database) -> str:
    """The committee's term, named by its start date (a setting)."""
    return str(settings.get(db, "committee.term_start"))


def find_brief(db, *, kind: str, scope: str | None, period: str | None, confidential: bool):
    """The logged brief with this identity, or None."""
    row = _find(db, kind, scope or "", period or "", confidential)
    return records.record(BriefRecord, row) if row else None


def path_owner(db: Database, path: Path | str) -> BriefRecord | None:
    """The logged brief whose last file is `path` (briefs.batch keeps one file per brief)."""
    row = next(iter(db["briefs"].rows_where("path = ?", [str(path)], limit=1)), None)
    return records.record(BriefRecord, row) if row else None


def list_briefs(
    db: Database, *, limit: int | None = 100, offset: int = 0, written: bool = False
) -> list[BriefRecord]:
    """Logged briefs, the most recently written first; `written`: only those with a file
    (a brief numbered but failed before saving has none)."""
    rows = db["briefs"].rows_where(
        "path is not null" if written else None,
        order_by="updated_at desc, id desc",
        limit=limit,
        offset=offset or None,
    )
    return [records.record(BriefRecord, r) for r in rows]


def count_briefs(db: Database, *, written: bool = False) -> int:
    """How many briefs `list_briefs` lists."""
    return db["briefs"].count_where("path is not null" if written else None)


def allocate_number(
    db: Database,
    *,
    kind: str,
    doc_code: str,
    scope: str | None,
    period: str | None,
    confidential: bool,
) -> int | None:
    """The number of this brief: its old one if it was numbered before, else the next free
    number of `doc_code` in the current term (from 1); None for a member's own report."""
    _check_identity(kind, doc_code)
    if member_report(kind):
        return None
    key = (kind, scope or "", period or "", confidential)
    nested = db.conn.in_transaction  # inside a caller's transaction a retry cannot help
    for attempt in range(0 if nested else RETRIES):
        try:
            with db.atomic():
                return _allocate(db, key, doc_code)
        except (sqlite3.IntegrityError, sqlite3.OperationalError) as exc:
            if not _contended(exc):
                raise
            time.sleep(random.uniform(0.005, 0.03) * (attempt + 1))
    with db.atomic():
        return _allocate(db, key, doc_code)


def log_brief(
    db: Database,
    *,
    kind: str,
    scope: str | None,
    period: str | None,
    confidential: bool,
    path: Path | str,
    sha256: str,
    rulebook: str | None,
    doc_code: str | None = None,
) -> BriefRecord:
    """Record the file just written for this brief (numbered or not); returns the log row."""
    _check_identity(kind, doc_code)
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValidationError(_("Not a SHA-256 digest: {value}").format(value=sha256), "sha256")
    values = {"path": str(path), "sha256": sha256, "rulebook": rulebook}
    key = (kind, scope or "", period or "", confidential)
    with db.atomic():
        row = _find(db, *key)
        if row:
            return records.record(BriefRecord, records.update(db, "briefs", row["id"], values))
        new_id = records.insert(db, "briefs", {**_identity(key), "doc_code": doc_code, **values})
        return records.record(BriefRecord, records.get(db, "briefs", new_id))


def _allocate(db: Database, key: tuple, doc_code: str) -> int:
    row = _find(db, *key)
    if row and row["number"] is not None:
        return row["number"]
    term = current_term(db)
    highest = db.execute(
        "select max(number) from briefs where doc_code = ? and term = ?", [doc_code, term]
    ).fetchone()[0]
    number = (highest or 0) + 1
    values = {"doc_code": doc_code, "term": term, "number": number}
    if row:
        records.update(db, "briefs", row["id"], values)
    else:
        records.insert(db, "briefs", {**_identity(key), **values})
    return number


def _identity(key: tuple) -> dict:
    kind, scope, period, confidential = key
    return {"kind": kind, "scope": scope, "period": period, "confidential": int(confidential)}


def _find(db: Database, kind: str, scope: str, period: str, confidential: bool) -> dict | None:
    rows = db["briefs"].rows_where(
        "kind = ? and scope = ? and period = ? and confidential = ?",
        [kind, scope, period, int(confidential)],
        limit=1,
    )
    return next(iter(rows), None)


def _check_identity(kind: str, doc_code: str | None) -> None:
    if not kind:
        raise ValidationError(_("A brief needs a kind."), field="kind")
    if doc_code is not None and not (doc_code.isalnum() and doc_code == doc_code.upper()):
        raise ValidationError(
            _("A document type code is capital letters, such as BC or KH."), field="doc_code"
        )


def _contended(exc: Exception) -> bool:
    """True for the errors another writer causes: a taken number, a busy or stale database."""
    if isinstance(exc, sqlite3.IntegrityError):
        return "unique" in str(exc).lower()
    text = str(exc).lower()
    return "locked" in text or "busy" in text
