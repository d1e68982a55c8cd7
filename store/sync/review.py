"""A conflict of the exchange as the person deciding it reads it: which record, from which
site, and field by field what each side holds, in the history's words (store.history.words),
not as the rows SQLite handed the conflict callback."""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core.errors import PhutrachError
from store.history import words
from store.lang.i18n import _
from store.sync import sites
from store.sync.bundles import Conflict, stored_row

# Kept by the store itself on every write: never what two sides disagree about.
_BOOKKEEPING = frozenset({"id", "uid", "created_at", "updated_at"})


@dataclass(frozen=True)
class Shown:
    """One conflict in words: its number, the site, the record, and a line per field that
    differs ("Field: here ≠ theirs"), or that one side deleted the record."""

    id: int
    site: str
    record: str
    differences: list[str]


def shown(db: Database, conflict: Conflict) -> Shown:
    peer = sites.site(db, conflict.site)
    site = peer.name if peer else str(conflict.site)
    try:
        here = stored_row(db, conflict.table, conflict.here)
        theirs = stored_row(db, conflict.table, conflict.theirs)
    except PhutrachError as unreadable:  # one row spoilt: said there, the others shown
        return Shown(conflict.id, site, conflict.table, [unreadable.message])
    return Shown(
        conflict.id,
        site,
        words.describe(db, conflict.table, here or theirs),
        _differences(db, conflict.table, here, theirs),
    )


def _differences(db: Database, table: str, here: dict | None, theirs: dict | None) -> list[str]:
    if here is None:
        return [_("Deleted here; the other site still holds it.")]
    if theirs is None:
        return [_("Deleted at the other site; still held here.")]
    return [
        f"{words.field_label(table, name)}: "
        f"{words.value_text(db, table, name, value)} ≠ "
        f"{words.value_text(db, table, name, theirs[name])}"
        for name, value in here.items()
        if name not in _BOOKKEEPING and value != theirs[name]
    ]
