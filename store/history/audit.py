"""Reading the audit trail: the newest changes first, one page at a time, what each changed,
and bringing back what was deleted (a visit with the meeting it recorded).

    page = list_changes(db, deleted_only=True, limit=50)
    restore_deleted(db, page[0].uid)
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from sqlite_utils import Database

from store.core import records
from store.core.errors import NotFound
from store.lang.codes import ChangeAction
from store.lang.i18n import _, current_language
from store.personnel import PERSONNEL_TABLES

# Made by the application, not typed by anyone: not worth showing in a change.
_HIDDEN_FIELDS = frozenset(
    ("id", "uid", "created_at", "updated_at", "name_folded", "sort_key", "description_folded")
)


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

    @property
    def confidential(self) -> bool:
        """A personnel assessment: shown with the confidential marking."""
        return self.table in PERSONNEL_TABLES

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
            if name not in _HIDDEN_FIELDS and before.get(name) != after.get(name)
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
            {where} order by id desc limit ? offset ?""",  # noqa: S608
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
    )


def is_deleted(db: Database, change: Change) -> bool:
    """The change deleted a record that is still gone: it can be restored."""
    return (
        change.action == ChangeAction.DELETE
        and records.find_by_uid(db, change.table, change.uid) is None
    )


def restore_deleted(db: Database, uid: str, *, who: str | None = None) -> int:
    """Bring back the deleted record `uid`; a visit brings back the meeting it recorded
    first, when that was deleted with it. Returns the record's id."""
    deletions = [c for c in records.history(db, uid) if c["action"] == ChangeAction.DELETE]
    if not deletions:
        raise NotFound(_("No deleted record {uid} to restore.").format(uid=uid))
    last = deletions[-1]["before"]
    with db.atomic():
        if deletions[-1]["table_name"] == "visits" and last.get("meeting_id"):
            meeting = _deleted_meeting(db, last["meeting_id"])
            if meeting:
                records.restore(db, meeting, who=who)
        return records.restore(db, uid, who=who)


def _deleted_meeting(db: Database, meeting_id: int) -> str | None:
    if db["meetings"].count_where("id = ?", [meeting_id]):
        return None
    rows = db.query(
        """select record_uid from changes where table_name = 'meetings' and action = 'delete'
           and json_extract(before, '$.id') = ? order by id desc limit 1""",
        [meeting_id],
    )
    return next((r["record_uid"] for r in rows), None)


@cache
def _field_labels() -> dict[tuple[str, str], str]:
    from store.exchange import importer

    labels: dict[tuple[str, str], str] = {}
    for kind in importer.kinds(personnel=True):
        spec = importer.spec(kind)
        for column in spec.columns:
            if column.headers:
                labels.setdefault((spec.table, column.name), column.headers[0])
    return labels


def field_label(table: str, name: str) -> str:
    """The Vietnamese column header the import and export use for `name`, else the name."""
    if current_language() == "en":
        return name
    return _field_labels().get((table, name), name)
