"""A meeting is held once, on every site: when two sites record the same meeting of a unit
(two supervisors of one unit at its meeting, or the unit's own report registered at the
office), the second to arrive clashes with the first on the unit, kind and day
(idx_meetings_unique). Its visits then record the meeting already here, as `record_visit`
does on one machine; where the two disagree on the figures, a person decides which are right
(keeping theirs writes their figures onto the meeting here). Runs in the applying child, on
apsw, inside the bundle's transaction."""

import apsw

from store.sync import changes

KEY = ("unit_id", "kind", "date")  # the meeting's natural key, as idx_meetings_unique
_OWN = ("id", "uid", "created_at", "updated_at", "source")  # each row's own, not the facts


def clashes(reason: int, change: apsw.TableChange) -> bool:
    """A site's new meeting that one here already is."""
    return reason == changes.CONSTRAINT and change.name == "meetings" and change.op == "INSERT"


def settle(conn: apsw.Connection, sent: list[tuple]) -> list[tuple[tuple, tuple]]:
    """The site's visits of each meeting in `sent` (rows that clashed) now record the meeting
    here; returns (here, theirs) where the figures differ, theirs under the ids here."""
    columns = [row[1] for row in conn.execute("PRAGMA table_info(meetings)")]
    differ = []
    for row in sent:
        theirs = dict(zip(columns, row, strict=True))
        here = conn.execute(
            "SELECT * FROM meetings WHERE unit_id = ? AND kind = ? AND date = ?",
            [theirs[k] for k in KEY],
        ).fetchone()
        if here is None:  # another constraint refused it: the foreign keys refuse the bundle
            continue
        conn.execute("UPDATE visits SET meeting_id = ? WHERE meeting_id = ?", (here[0], row[0]))
        kept = dict(zip(columns, here, strict=True))
        if any(kept[c] != theirs[c] for c in columns if c not in _OWN):
            differ.append((here, tuple(kept[c] if c in _OWN else theirs[c] for c in columns)))
    return differ
