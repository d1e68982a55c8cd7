"""Writing records with an audit trail: every insert, update and delete leaves a `changes`
row with the record before and after, so nothing a user deletes or overwrites is lost. Each
change belongs to one user action (store.core.actions), which names the person.

Callers wrap multi-step use cases in `db.atomic()`; these helpers write one record each.
"""

import dataclasses
import json
import sqlite3
import typing
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache

from sqlite_utils import Database
from sqlite_utils.db import jsonify_if_needed, quote_identifier

from store.core import actions, settings
from store.core.checks import check_name_text, check_text, field_label
from store.core.errors import NotFound, ValidationError
from store.lang.codes import ChangeAction
from store.lang.i18n import _
from store.lang.text import fold, nfc, person_sort_key, sort_key

T = typing.TypeVar("T")

# Tables whose `name` gets a folded shadow and a sort key, and how the key is made: one key
# for every person's name, supervisors and people alike (given name first, m007).
_NAMED = {"units": sort_key, "supervisors": person_sort_key, "people": person_sort_key}
# The columns made here, not typed: a sort key holds separators below the space on purpose.
_MADE = frozenset({"name_folded", "sort_key", "description_folded"})


def now() -> str:
    """The instant of a write, for the audit trail: a clock reading, not a reference day."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_uid() -> str:
    return str(uuid.uuid4())


def actor() -> str:
    """The operating-system login the trail keeps beside the person."""
    return actions.login()


def _text(table: str, column: str, value: str) -> str:
    value = nfc(value)
    if column in _MADE:
        return value
    return check_text(value, column, multiline=True, label=field_label(column, table))


def normalise(table: str, row: dict) -> dict:
    """NFC every text value and fill the application-made columns of named tables. Every text
    is checked as text (check_text) and a name as what a brief prints (check_name_text),
    whichever way it came: a form or an import."""
    out = {k: _text(table, k, v) if isinstance(v, str) else v for k, v in row.items()}
    if table in _NAMED and out.get("name"):
        check_name_text(out["name"], "name", field_label("name", table))
        out["name_folded"] = fold(out["name"])
        out["sort_key"] = _NAMED[table](out["name"])
    if table == "concerns" and out.get("description"):
        out["description_folded"] = fold(out["description"])
    return out


# Each site makes its records' ids in a range of its own, so that records made on several
# machines meet at the office without two sharing an id (docs/EXCHANGE.md): the office (and a
# database on its own) [0, 2^32), enrolled site n [n·2^32, (n+1)·2^32).
SITE_KEY, SITE_SPAN = "site.number", 1 << 32


def id_range(db: Database) -> tuple[int, int]:
    """The ids this database's site gives its new records: [low, high)."""
    number = settings.get(db, SITE_KEY, 0)
    return number * SITE_SPAN, (number + 1) * SITE_SPAN


def insert_row(db: Database, table: str, row: dict) -> int:
    """INSERT one row by plain SQL (identifiers from code, every value a parameter): an
    import writes thousands, and sqlite-utils' per-call introspection would hold the write
    lock many times longer. The id is the next in this site's range (one probe of the
    primary key), not SQLite's max + 1 over every site's records."""
    quoted = quote_identifier(table)
    if "id" in row:  # a record coming back whole (a restore) keeps its own id
        names = ", ".join(quote_identifier(k) for k in row)
        sql = f"INSERT INTO {quoted} ({names}) VALUES ({', '.join('?' for _k in row)})"  # noqa: S608
        return db.execute(sql, [jsonify_if_needed(v) for v in row.values()]).lastrowid or 0
    low, high = id_range(db)
    names = ", ".join(["id", *(quote_identifier(k) for k in row)])
    marks = ", ".join("?" for _k in row)
    sql = (
        f"INSERT INTO {quoted} ({names}) VALUES ("  # noqa: S608 (identifiers from code)
        f"(SELECT coalesce(max(id), ?) + 1 FROM {quoted} WHERE id >= ? AND id < ?), {marks})"
    )
    values = [low, low, high, *(jsonify_if_needed(v) for v in row.values())]
    rowid = db.execute(sql, values).lastrowid
    assert rowid is not None  # sqlite3 sets it after every INSERT
    return rowid


def _log(db: Database, table: str, uid: str, action: str, before, after, who) -> None:
    action_id = actions.current(db)
    insert_row(
        db,
        "changes",
        {
            "action_id": action_id if action_id is not None else actions.start(db, who=who),
            "at": now(),
            "actor": who or actor(),
            "table_name": table,
            "record_uid": uid,
            "action": action,
            "before": json.dumps(before, ensure_ascii=False) if before is not None else None,
            "after": json.dumps(after, ensure_ascii=False) if after is not None else None,
        },
    )


def get(db: Database, table: str, record_id: int) -> dict:
    sql = f"SELECT * FROM {quote_identifier(table)} WHERE id = ?"  # noqa: S608
    cursor = db.execute(sql, [record_id])
    row = cursor.fetchone()
    if row is None:
        raise NotFound(_("No {table} record with id {id}.").format(table=table, id=record_id))
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def insert(db: Database, table: str, row: dict, *, who: str | None = None) -> int:
    """Insert one record (uid and timestamps filled in) and log it; returns its id."""
    stamp = now()
    record = {"uid": new_uid(), "created_at": stamp, "updated_at": stamp, **normalise(table, row)}
    with db.atomic():
        record_id = insert_row(db, table, record)
        _log(db, table, record["uid"], ChangeAction.INSERT, None, get(db, table, record_id), who)
    return record_id


def update(db: Database, table: str, record_id: int, changes: dict, *, who=None) -> dict:
    """Update one record and log before and after; returns the record after."""
    with db.atomic():
        before = get(db, table, record_id)
        values = {**normalise(table, changes), "updated_at": now()}
        sets = ", ".join(f"{quote_identifier(k)} = ?" for k in values)
        sql = f"UPDATE {quote_identifier(table)} SET {sets} WHERE id = ?"  # noqa: S608
        db.execute(sql, [*(jsonify_if_needed(v) for v in values.values()), record_id])
        after = get(db, table, record_id)
        _log(db, table, before["uid"], ChangeAction.UPDATE, before, after, who)
    return after


def delete(db: Database, table: str, record_id: int, *, who: str | None = None) -> dict:
    """Delete one record, keeping it whole in the audit trail; returns what was deleted."""
    with db.atomic():
        before = get(db, table, record_id)
        db.table(table).delete(record_id)
        _log(db, table, before["uid"], ChangeAction.DELETE, before, None, who)
    return before


def find_by_uid(db: Database, table: str, uid: str) -> dict | None:
    rows = list(db[table].rows_where("uid = ?", [uid], limit=1))
    return rows[0] if rows else None


def history(db: Database, uid: str) -> list[dict]:
    """Every change to the record `uid`, oldest first, with before/after decoded."""
    out = []
    for row in db["changes"].rows_where("record_uid = ?", [uid], order_by="id"):
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
        out.append(row)
    return out


def restore(db: Database, uid: str, *, who: str | None = None) -> int:
    """Bring back a deleted record from its last audit entry, with its old id and uid."""
    deletions = [c for c in history(db, uid) if c["action"] == ChangeAction.DELETE]
    if not deletions or find_by_uid(db, deletions[-1]["table_name"], uid):
        raise NotFound(_("No deleted record {uid} to restore.").format(uid=uid))
    last = deletions[-1]
    with db.atomic():
        try:
            db.table(last["table_name"]).insert(last["before"])
        except sqlite3.IntegrityError as exc:  # e.g. a meeting of that unit, kind, day since
            raise ValidationError(
                _("This record cannot come back: one like it has been entered since.")
            ) from exc
        _log(db, last["table_name"], uid, ChangeAction.RESTORE, None, last["before"], who)
    return last["before"]["id"]


@cache
def _fields(cls: typing.Any) -> tuple[tuple[str, bool], ...]:
    """(name, is a bool) for each field of the dataclass `cls`, worked out once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name] is bool) for f in dataclasses.fields(cls))


def record(cls: type[T], row: Mapping, **values) -> T:
    """The typed frozen record `cls` of a database row: each field picked from `row` by name (a
    missing column is None), a `bool` field made a bool from SQLite's 0/1. `values` give the
    fields that are worked out otherwise (decoded JSON, a sum, a linked list)."""
    picked = {
        name: bool(row.get(name)) if is_bool else row.get(name)
        for name, is_bool in _fields(typing.cast(type, cls))  # a class is hashable
        if name not in values
    }
    return cls(**picked, **values)
