"""Finding one supervisor from what a user typed: a code, or a name with or without diacritics.

>>> find_supervisor(db, "nguyen van an").name        # doctest: +SKIP
'Nguyễn Văn Ấn'

A code matches exactly (case aside); a name matches when every typed word is in the folded
name, an exact folded name winning over partial ones. Several or none: one message that
lists the candidates, so the user can retype a code.
"""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core.errors import Ambiguous, NotFound
from store.lang.i18n import _
from store.lang.text import fold, like_pattern
from store.org.units import indexed_clause, search_words

MAX_LISTED = 8


@dataclass(frozen=True, slots=True)
class Supervisor:
    id: int
    uid: str
    code: str | None
    name: str
    title: str | None
    active: bool

    @property
    def display(self) -> str:
        """`Name (code)`, as lists and messages name a supervisor."""
        return f"{self.name} ({self.code})" if self.code else self.name


_COLUMNS = "id, uid, code, name, title, coalesce(active, 1) as active"


def _rows(db: Database, where: str, params: list, limit: int | None = None) -> list[Supervisor]:
    rows = db["supervisors"].rows_where(
        where, params, select=_COLUMNS, order_by="sort_key, id", limit=limit
    )
    return [Supervisor(**{**r, "active": bool(r["active"])}) for r in rows]


def get_supervisor(db: Database, supervisor_id: int) -> Supervisor:
    found = _rows(db, "id = ?", [supervisor_id])
    if not found:
        raise NotFound(_("No supervisor with id {id}.").format(id=supervisor_id))
    return found[0]


def find_supervisors(db: Database, ref: str) -> list[Supervisor]:
    """Every supervisor `ref` may mean: the one whose code it is, else those whose folded
    name it is, else those whose name holds every word of it (the CLI lists them all, and
    `phutrach user set` chooses among them as `find_supervisor` does)."""
    ref = (ref or "").strip()
    by_code = _rows(db, "lower(code) = lower(?)", [ref])
    if len(by_code) == 1:
        return by_code
    return _rows(db, "name_folded = ?", [fold(ref)]) or _containing(db, ref)


def find_supervisor(db: Database, ref: str) -> Supervisor:
    """The one supervisor whose code is `ref`, or whose name holds every word of it; several
    raise Ambiguous listing them all, none NotFound naming the nearest."""
    found = find_supervisors(db, ref)
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous(
            _("Several supervisors match {ref!r}; give the code: {names}").format(
                ref=ref.strip(), names=_listing(found)
            ),
            [s.display + (f" — {s.title}" if s.title else "") for s in found],
            field="supervisor",
        )
    raise NotFound(_no_match(db, ref))


def _containing(db: Database, ref: str) -> list[Supervisor]:
    """Names holding every typed word; those where each is a whole word ("hà") first."""
    words = search_words(ref)
    if not words:
        return []
    where, params = indexed_clause(ref, "supervisors")
    found = _rows(db, where, params)
    whole = [s for s in found if set(words) <= set(fold(s.name).split())]
    return whole or found


def _no_match(db: Database, ref: str) -> str:
    """The message for a name nobody has, listing the supervisors sharing a word, or all."""
    words = search_words(ref)
    near = []
    if words:
        clause = " OR ".join("name_folded LIKE ? ESCAPE '\\'" for _w in words)
        near = _rows(db, clause, [like_pattern(w) for w in words], MAX_LISTED + 1)
    near = near or _rows(db, "1", [], MAX_LISTED + 1)
    if not near:
        return _("No supervisor matches {ref!r}; none is recorded yet.").format(ref=ref)
    return _("No supervisor matches {ref!r}; the supervisors are: {names}").format(
        ref=ref, names=_listing(near)
    )


def _listing(found: list[Supervisor]) -> str:
    names = ", ".join(s.display for s in found[:MAX_LISTED])
    return names + (", …" if len(found) > MAX_LISTED else "")
