"""Reading the audit trail: the newest entries first, one page at a time. An entry is one
user action (store.core.actions) with the changes it wrote and the person who acted; a
restore brings back, whole and at once, what one action deleted (a visit with the meeting
it recorded).

    page = list_entries(db, deleted_only=True, limit=50)
    restore_entry(db, page[0].id)
"""

import json
from dataclasses import dataclass
from pathlib import PurePath

from sqlite_utils import Database

from store.core import actions, records
from store.core.errors import NotFound
from store.history.words import HIDDEN, field_label  # noqa: F401 -- read here too
from store.lang.codes import ChangeAction, HistoryAction
from store.lang.i18n import _
from store.personnel import PERSONNEL_TABLES


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    at: str
    actor: str | None
    table: str
    uid: str
    action: str  # insert | update | delete | restore | import …
    before: dict | None
    after: dict | None
    action_id: int | None = None

    @property
    def confidential(self) -> bool:
        """A personnel assessment, or the text kept for a confidential brief: shown with the
        confidential marking."""
        row = self.after or self.before or {}
        return self.table in PERSONNEL_TABLES or (
            self.table == "brief_texts" and bool(row.get("confidential"))
        )

    @property
    def title(self) -> str:
        """What the record was called: its name, description or date."""
        row = self.after or self.before or {}
        for key in ("name", "description", "topic", "date", "planned_date", "start_date", "key"):
            if row.get(key):
                return str(row[key])
        if row.get("path"):  # a brief: its file
            return PurePath(row["path"]).name
        return row.get("period") or self.uid

    def fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field the change touched, in the record's order."""
        before, after = self.before or {}, self.after or {}
        names = [*before, *(k for k in after if k not in before)]
        return [
            (name, before.get(name), after.get(name))
            for name in names
            if name not in HIDDEN and before.get(name) != after.get(name)
        ]


def _where(deleted_only: bool) -> tuple[str, list]:
    return ("where action = ?", [ChangeAction.DELETE]) if deleted_only else ("", [])


def count_changes(db: Database, *, deleted_only: bool = False) -> int:
    where, params = _where(deleted_only)
    return next(db.query(f"select count(*) as n from changes {where}", params))["n"]  # noqa: S608


def list_changes(
    db: Database, *, deleted_only: bool = False, limit: int = 100, offset: int = 0
) -> list[Change]:
    """One page of the audit trail, newest first; `deleted_only` keeps the deletions."""
    where, params = _where(deleted_only)
    rows = db.query(
        f"""select id, at, actor, table_name, record_uid, action, before, after from changes
            {where} order by at desc, id desc limit ? offset ?""",  # noqa: S608
        [*params, limit, offset],
    )
    return [_change(r) for r in rows]


def _change(row: dict) -> Change:
    return Change(
        id=row["id"],
        at=row["at"],
        actor=row["actor"],
        table=row["table_name"],
        uid=row["record_uid"],
        action=row["action"],
        before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None,
        action_id=row.get("action_id"),
    )


def is_deleted(db: Database, change: Change) -> bool:
    """The change deleted a record that is still gone: it can be restored."""
    return (
        change.action == ChangeAction.DELETE
        and records.find_by_uid(db, change.table, change.uid) is None
    )


def restore_deleted(db: Database, uid: str, *, who: str | None = None) -> int:
    """Undo the action that last deleted the record `uid`, whole (a visit comes back with
    the meeting deleted with it). Returns the record's id."""
    rows = db.execute(
        "select action_id from changes where record_uid = ? and action = ?"
        " order by at desc, id desc",
        [uid, ChangeAction.DELETE],
    ).fetchall()
    if not rows or rows[0][0] is None:
        raise NotFound(_("No deleted record {uid} to restore.").format(uid=uid))
    restore_entry(db, rows[0][0], who=who)
    row = next(iter(db.query("select table_name from changes where record_uid = ?", [uid])))
    found = records.find_by_uid(db, row["table_name"], uid)
    if found is None:
        raise NotFound(_("No deleted record {uid} to restore.").format(uid=uid))
    return found["id"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One user action: when, who (the person named in settings; the login beside it),
    and the changes it wrote, in the order written."""

    id: int
    at: str
    label: str | None  # a HistoryAction, or None for an action of one kind of change
    person: str | None
    person_kind: str | None  # settings.SUPERVISOR | settings.CLERK
    login: str | None
    changes: tuple[Change, ...]  # the first SHOWN (an import may write thousands)
    change_count: int = 0
    record_count: int = 0
    tables: frozenset[str] = frozenset()

    @property
    def confidential(self) -> bool:
        return not self.tables.isdisjoint(PERSONNEL_TABLES) or any(
            c.confidential for c in self.changes
        )

    @property
    def deletions(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action == ChangeAction.DELETE)


SHOWN = 100  # changes of one entry read for the list and its detail


def _entries_where(deleted_only: bool) -> str:
    return (
        "where exists (select 1 from changes c where c.action_id = a.id and c.action = 'delete')"
        if deleted_only
        else ""
    )


def count_entries(db: Database, *, deleted_only: bool = False) -> int:
    sql = f"select count(*) from actions a {_entries_where(deleted_only)}"  # noqa: S608
    return db.execute(sql).fetchone()[0]


def list_entries(
    db: Database, *, deleted_only: bool = False, limit: int = 100, offset: int = 0
) -> list[Entry]:
    """One page of the history, newest first: one entry per user action. By time, then id:
    the ids of records made on another site (store.sync) lie in that site's range, so id
    order is the order of one site's actions only."""
    rows = list(
        db.query(
            f"""select * from actions a {_entries_where(deleted_only)}
                order by a.at desc, a.id desc limit ? offset ?""",  # noqa: S608
            [limit, offset],
        )
    )
    return _entries(db, rows)


def get_entry(db: Database, entry_id: int) -> Entry:
    rows = list(db.query("select * from actions where id = ?", [entry_id]))
    if not rows:
        raise NotFound(_("No entry {number} in the history.").format(number=entry_id))
    return _entries(db, rows)[0]


_CHANGE_COLUMNS = "id, at, actor, table_name, record_uid, action, before, after, action_id"
# What the changes of some actions (a JSON array of their ids) hold, one row an action.
_TALLY = """select action_id, count(*), count(distinct record_uid),
                  json_group_array(distinct table_name)
             from changes where action_id in (select value from json_each(?))
            group by action_id"""
_CHANGES_OF = f"""select {_CHANGE_COLUMNS} from changes
                   where action_id in (select value from json_each(?))
                   order by action_id, id"""  # noqa: S608 -- fixed columns


def _entries(db: Database, rows: list[dict]) -> list[Entry]:
    """The entries of `rows` (actions), each with its first SHOWN changes: a page in a few
    queries (their tallies, the changes of those with SHOWN or fewer, then one query each
    for a bigger one, an import), where each entry took three."""
    ids = json.dumps([row["id"] for row in rows])
    tally = {a: (n, uids, tables) for a, n, uids, tables in db.execute(_TALLY, [ids])}
    small = [row["id"] for row in rows if tally.get(row["id"], (0,))[0] <= SHOWN]
    changes: dict[int, list[Change]] = {}
    for change in db.query(_CHANGES_OF, [json.dumps(small)]):
        changes.setdefault(change["action_id"], []).append(_change(change))
    for row in rows:
        if row["id"] not in small:
            changes[row["id"]] = [
                _change(c)
                for c in db.query(
                    f"select {_CHANGE_COLUMNS} from changes where action_id = ? "  # noqa: S608
                    "order by id limit ?",
                    [row["id"], SHOWN],
                )
            ]
    return [
        _entry(row, changes.get(row["id"], []), *tally.get(row["id"], (0, 0, "[]"))) for row in rows
    ]


def _entry(row: dict, changes: list[Change], count: int, uids: int, tables: str) -> Entry:
    return Entry(
        id=row["id"],
        at=row["at"],
        label=row["label"],
        person=row["person"],
        person_kind=row["person_kind"],
        login=row["login"],
        changes=tuple(changes),
        change_count=count,
        record_count=uids,
        tables=frozenset(json.loads(tables)),
    )


def restorable(db: Database, entry: Entry) -> list[Change]:
    """The records the entry deleted that are still gone: what a restore brings back."""
    rows = db.query(
        f"""select {_CHANGE_COLUMNS} from changes where action_id = ? and action = ?
            order by id""",  # noqa: S608
        [entry.id, ChangeAction.DELETE],
    )
    deleted = [_change(r) for r in rows]
    return [c for c in deleted if records.find_by_uid(db, c.table, c.uid) is None]


def restore_entry(db: Database, entry_id: int, *, who: str | None = None) -> list[Change]:
    """Bring back every record the action `entry_id` deleted that is still gone, at once
    and as one new entry; the last deleted first (a meeting before the visit that
    recorded it). Returns the deletions undone."""
    gone = restorable(db, get_entry(db, entry_id))
    if not gone:
        raise NotFound(_("Nothing of this entry is deleted and still gone."))
    with actions.action(db, HistoryAction.RESTORE, who=who):
        for change in reversed(gone):
            records.restore(db, change.uid, who=who)
    return gone
