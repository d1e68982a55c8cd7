"""Supervisors (committee members assigned to oversee units): the list a screen offers as
choices, and the current one chosen in settings (`current_supervisor`, a uid)."""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core import settings


@dataclass(frozen=True, slots=True)
class SupervisorItem:
    id: int
    uid: str
    name: str
    title: str | None


def list_supervisors(db: Database, *, include_inactive: bool = False) -> list[SupervisorItem]:
    """Supervisors in Vietnamese name order; active ones only unless asked."""
    where = None if include_inactive else "coalesce(active, 1) = 1"
    rows = db["supervisors"].rows_where(
        where, select="id, uid, name, title", order_by="sort_key, id"
    )
    return [SupervisorItem(**row) for row in rows]


def current_supervisor_id(db: Database) -> int | None:
    """The id of the supervisor chosen in settings, or None for "all" (or one since deleted)."""
    uid = settings.get(db, "current_supervisor")
    if not uid:
        return None
    row = db.execute("select id from supervisors where uid = ?", [uid]).fetchone()
    return row[0] if row else None


def choose_supervisor(db: Database, supervisor_id: int | None) -> None:
    """Keep `supervisor_id` (None: all) as the supervisor chosen in settings, by uid."""
    row = None
    if supervisor_id is not None:
        row = db.execute("select uid from supervisors where id = ?", [supervisor_id]).fetchone()
    settings.put(db, "current_supervisor", row[0] if row else None)
