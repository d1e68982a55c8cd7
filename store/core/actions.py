"""One user action, one history entry: the changes a user's one act writes (a visit deleted
with its meeting, a batch of briefs) share an `actions` row, which names the person who acted
(settings `user`) and, beside it, the operating-system login. The history lists actions and a
restore undoes one whole.

    with action(db, HistoryAction.VISIT_DELETE):
        records.delete(db, "visits", visit_id)
        records.delete(db, "meetings", meeting_id)

A change written outside any action is an action of its own. Nested actions join the
outermost. Processes that share one action (a batch's workers) `join` it by its id.
"""

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from sqlite_utils import Database

from store.core import settings

# The action each connection is writing, by the connection's identity.
_open: dict[int, int] = {}


@cache
def login() -> str:
    """The operating-system login, kept beside the person (a shared office account says
    little about who acted)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "?"


def start(db: Database, label: str | None = None, *, who: str | None = None) -> int:
    """Write a new `actions` row for the current user; returns its id."""
    from store.core.records import insert_row, now  # the trail's one clock and id range

    person = settings.user(db)
    row = {
        "at": now(),
        "label": label,
        "person": person.name if person else None,
        "person_kind": person.kind if person else None,
        "person_uid": person.uid if person else None,
        "login": who or login(),
    }
    return insert_row(db, "actions", row)


def current(db: Database) -> int | None:
    """The action this connection is writing, if any."""
    return _open.get(id(db.conn))


@contextmanager
def action(db: Database, label: str, *, who: str | None = None) -> Iterator[int]:
    """Group every change written inside into one action, atomically; yields its id.
    An action that changed nothing leaves no entry."""
    if (open_id := current(db)) is not None:
        yield open_id
        return
    with db.atomic():
        action_id = start(db, label, who=who)
        with join(db, action_id):
            yield action_id
        drop_if_empty(db, action_id)


@contextmanager
def join(db: Database, action_id: int) -> Iterator[int]:
    """Write this connection's changes into the existing action `action_id` (not atomic:
    a batch's workers each commit their own briefs)."""
    key = id(db.conn)
    outer = _open.get(key)
    _open[key] = action_id
    try:
        yield action_id
    finally:
        if outer is None:
            _open.pop(key, None)
        else:
            _open[key] = outer


def drop_if_empty(db: Database, action_id: int) -> None:
    """Forget an action no change was written in (a batch whose every brief failed)."""
    if not db.execute("select 1 from changes where action_id = ? limit 1", [action_id]).fetchone():
        db.execute("delete from actions where id = ?", [action_id])
