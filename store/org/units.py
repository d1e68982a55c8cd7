"""Units (the Party organization tree): typed rows, search, paging and detail."""

import json
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from store.core import records, search_index
from store.core.errors import Ambiguous, NotFound
from store.core.schema import unit_display_sql as display_sql
from store.lang.codes import UnitKind, role_rank_sql
from store.lang.i18n import _
from store.lang.text import fold

GRASSROOTS_KINDS = (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.GRASSROOTS_CELL)
_WITH_DISPLAY = f"*, {display_sql()} AS display_name"  # a unit row with its `title`


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    uid: str
    code: str | None
    name: str
    kind: str
    sector: str | None
    parent_id: int | None
    members_full: int
    members_probationary: int
    members_exempt: int
    has_standing_committee: bool
    active: bool
    committee_size: int | None = None  # its own committee (chi ủy, đảng ủy), when known
    standing_committee_size: int | None = None
    display_name: str | None = None  # the name with its parent's where shared (as read)

    @property
    def title(self) -> str:
        """The unit as lists name it: `display_name` when read with it, else the name."""
        return self.display_name or self.name

    @property
    def members(self) -> int:
        return (self.members_full or 0) + (self.members_probationary or 0)

    @property
    def members_owed(self) -> int:
        """Members owed at a meeting: all members less the exempted."""
        return self.members - (self.members_exempt or 0)


# What a search takes: a paste of a page must not become a query of a thousand LIKEs.
SEARCH_MAX_CHARS = 150
SEARCH_MAX_WORDS = 20


def search_too_long(text: str | None) -> bool:
    """True when `text` is over SEARCH_MAX_CHARS characters or SEARCH_MAX_WORDS words."""
    text = text or ""
    return len(text) > SEARCH_MAX_CHARS or len(fold(text).split()) > SEARCH_MAX_WORDS


def search_limit_message() -> str:
    """What the user is told when a search is cut to the caps."""
    return _("A search takes at most {chars} characters and {words} words.").format(
        chars=SEARCH_MAX_CHARS, words=SEARCH_MAX_WORDS
    )


def search_words(text: str | None) -> list[str]:
    """The folded words every search matches: those of `text`'s first SEARCH_MAX_CHARS
    characters, the first SEARCH_MAX_WORDS of them (every store search clips alike)."""
    return fold((text or "")[:SEARCH_MAX_CHARS]).split()[:SEARCH_MAX_WORDS]


def search_clause(text: str | None, column: str = "name_folded") -> tuple[str, list[str]]:
    """A WHERE fragment matching every word of `text` (`search_words`) in `column`, by LIKE:
    what the index finds (store.core.search_index: a short word at a word's start)."""
    return search_index.like_clause(search_words(text), column)


def indexed_clause(
    text: str | None, table: str = "units", *, id_column: str = "id", column: str | None = None
) -> tuple[str, list[str]]:
    """What `search_clause` matches, through the search index of `table`
    (store.core.search_index): the cost of the rows found, not of the table."""
    return search_index.match_clause(search_words(text), table, id_column=id_column, column=column)


def page_clause(db: Database, text: str | None, table: str = "units") -> tuple[str, list[str]]:
    """`indexed_clause` for a page in sort order: common words (`search_index.dense`) tested
    on each row read in that order (the page's end stops it), rare ones looked up (CAP rows
    at most, then sorted)."""
    words = search_words(text)
    if search_index.dense(db, words, table):
        return search_index.like_clause(words, search_index.INDEXED[table][1])
    return indexed_clause(text, table)


def count_matching(
    db: Database, text: str | None, table: str, where: str = "1", params=(), cap=None
) -> int:
    """The rows of `table` holding every word of `text` and meeting `where` (on alias `t`),
    counted through the index; up to `cap` + 1 when `cap` is given (`capped_count`)."""
    words = search_words(text)
    if where == "1" and words:  # the index alone: no row read
        return search_index.capped_count(db, *search_index.index_only(words, table), cap)
    source, found, values = search_index.matching(words, table, "t")
    sql = f"SELECT 1 FROM {source} WHERE {found} AND {where}"  # noqa: S608 (our fragments)
    return search_index.capped_count(db, sql, [*values, *params], cap)


def display_names(db: Database, unit_ids) -> dict[int, str]:
    """Each unit's display name (store.core.schema.unit_display_sql), by id: for the lists
    read by other queries."""
    ids = json.dumps(sorted(set(unit_ids)))
    sql = (
        f"SELECT id, {display_sql()} AS shown FROM units"  # noqa: S608 (a fixed expression)
        " WHERE id IN (SELECT value FROM json_each(?))"
    )
    return {row[0]: row[1] for row in db.execute(sql, [ids])}


def list_units(
    db: Database,
    search: str | None = None,
    *,
    parent_id: int | None = None,
    kinds: tuple[str, ...] | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[Unit]:
    """Units in Vietnamese order, optionally filtered by folded search, parent and kinds."""
    where, params = _filters(page_clause(db, search), parent_id, kinds)
    rows = db["units"].rows_where(
        where,
        params,
        select=_WITH_DISPLAY,
        order_by="sort_key, id",
        limit=limit,
        offset=offset or None,
    )
    return [records.record(Unit, r) for r in rows]


def count_units(db, search=None, *, parent_id=None, kinds=None, cap: int | None = None) -> int:
    """How many units `list_units` lists with the same filters; with `cap`, counted up to
    `cap` + 1 (a list then shows "more than `cap`", at the cost of `cap` rows at most)."""
    where, params = _filters(("1", []), parent_id, kinds, alias="t.")
    return count_matching(db, search, "units", where, params, cap)


def _filters(searched: tuple[str, list], parent_id, kinds, alias="") -> tuple[str, list]:
    where, params = searched
    if parent_id is not None:
        where += f" AND {alias}parent_id = ?"
        params.append(parent_id)
    if kinds:
        where += f" AND {alias}kind IN ({', '.join('?' for _k in kinds)})"
        params.extend(kinds)
    return where, params


def get_unit(db: Database, unit_id: int) -> Unit:
    """The unit `unit_id`, in one statement (a table lookup by sqlite-utils reads the schema
    twice first: a brief reads a dozen units)."""
    cursor = db.execute(f"select {_WITH_DISPLAY} from units where id = ?", [unit_id])  # noqa: S608
    row = cursor.fetchone()
    if row is None:
        raise NotFound(_("No unit with id {id}.").format(id=unit_id))
    return records.record(Unit, dict(zip([c[0] for c in cursor.description], row, strict=True)))


def find_units(db: Database, ref: str) -> list[Unit]:
    """Every unit `ref` may mean: by code or uid, else by exact name (folded), else those
    whose name holds every word of it, in Vietnamese order."""
    ref = (ref or "").strip()
    for where, value in (("code = ?", ref), ("uid = ?", ref), ("name_folded = ?", fold(ref))):
        rows = list(
            db["units"].rows_where(where, [value], order_by="sort_key, id", select=_WITH_DISPLAY)
        )
        if rows:
            return [records.record(Unit, r) for r in rows]
    words = set(search_words(ref))
    if not words:
        return []
    where, params = indexed_clause(ref)
    found = [
        records.record(Unit, r)
        for r in db["units"].rows_where(
            where, params, order_by="sort_key, id", select=_WITH_DISPLAY
        )
    ]
    whole = [u for u in found if words <= set(fold(u.name).split())]  # "thôn 7", not 17
    return whole or found


def find_unit(db: Database, ref: str) -> Unit:
    """The one unit `ref` names (code, uid, name or words of it); several raise Ambiguous
    listing them all, with their codes; none NotFound."""
    found = find_units(db, ref)
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous(
            _("{count} units match {ref!r}; give the code.").format(
                count=len(found), ref=ref.strip()
            ),
            [f"{u.code or u.uid}  {u.title}" for u in found],  # a shared name with its parent
            field="unit",
        )
    raise NotFound(_("No unit matches {ref!r}.").format(ref=ref))


def children(
    db: Database, unit_id: int | None, *, active: bool = False, limit: int | None = None
) -> list[Unit]:
    """The units directly under `unit_id` (None: the grassroots organizations at the top);
    `active`: only those; `limit`: the first ones (a page reads a page)."""
    where = "parent_id = ?" if unit_id is not None else "parent_id IS NULL"
    where += " AND active = 1" if active else ""
    params = [unit_id] if unit_id is not None else []
    rows = db["units"].rows_where(
        where, params, select=_WITH_DISPLAY, order_by="sort_key", limit=limit
    )
    return [records.record(Unit, r) for r in rows]


def top_sectors(db: Database) -> dict[str | None, int]:
    """How many grassroots organizations at the top each sector holds (the tree's groups)."""
    sql = "SELECT sector, count(*) FROM units WHERE parent_id IS NULL GROUP BY sector"
    return dict(db.execute(sql).fetchall())


def top_of_sector(db: Database, sector: str | None) -> list[Unit]:
    """The grassroots organizations at the top in `sector` (None: with none), in the order
    of `children(db, None)`."""
    where = "parent_id IS NULL AND " + ("sector IS NULL" if sector is None else "sector = ?")
    params = [] if sector is None else [sector]
    rows = db["units"].rows_where(where, params, select=_WITH_DISPLAY, order_by="sort_key, id")
    return [records.record(Unit, r) for r in rows]


def ancestors(db: Database, unit: Unit) -> list[Unit]:
    """The chain of parents from the top down to `unit`'s parent."""
    chain: list[Unit] = []
    current = unit
    while current.parent_id is not None and len(chain) < 10:
        current = get_unit(db, current.parent_id)
        chain.append(current)
    return list(reversed(chain))


@dataclass(frozen=True, slots=True)
class PostHolder:
    person_id: int
    name: str
    role: str
    start_date: str | None
    concurrent_role: str | None
    acting: bool


@dataclass(frozen=True, slots=True)
class AssignedSupervisor:
    supervisor_id: int
    name: str
    title: str | None
    cadence: str
    start_date: str
    end_date: str | None


@dataclass(frozen=True, slots=True)
class MeetingLine:
    id: int
    date: str
    kind: str
    topic: str | None
    present: int | None
    owed: int
    visited: bool


@dataclass(frozen=True)
class UnitDetail:
    unit: Unit
    path: list[Unit]
    committee: list[PostHolder]
    supervisors: list[AssignedSupervisor]
    meetings: list[MeetingLine]
    child_count: int


def unit_detail(db: Database, unit_id: int, *, on: date, meetings: int = 12):
    """Everything the unit view shows: place in the tree, committee, supervisors, meetings."""
    unit = get_unit(db, unit_id)
    today = on.isoformat()
    committee = [
        records.record(PostHolder, r)
        for r in db.query(
            """select posts.person_id, people.name, posts.role, posts.start_date,
                      posts.concurrent_role, posts.acting
               from posts join people on people.id = posts.person_id
               where posts.unit_id = ? and (posts.end_date is null or posts.end_date > ?)
               order by """  # noqa: S608 (a fixed expression)
            + role_rank_sql("posts.role")
            + ", people.sort_key",
            [unit_id, today],
        )
    ]
    supervisors = [
        records.record(AssignedSupervisor, r)
        for r in db.query(
            """select a.supervisor_id, s.name, s.title, a.cadence, a.start_date, a.end_date
               from assignments a join supervisors s on s.id = a.supervisor_id
               where a.unit_id = ? and (a.end_date is null or a.end_date >= ?)
               order by s.sort_key""",
            [unit_id, today],
        )
    ]
    lines = [
        MeetingLine(
            r["id"],
            r["date"],
            r["kind"],
            r["topic"],
            r["present"],
            (r["members_full"] or 0)
            + (r["members_probationary"] or 0)
            - (r["members_exempt"] or 0),
            bool(r["visited"]),
        )
        for r in db.query(
            """select m.id, m.date, m.kind, m.topic, m.present, m.members_full,
                      m.members_probationary, m.members_exempt,
                      exists(select 1 from visits v where v.meeting_id = m.id) as visited
               from meetings m where m.unit_id = ? order by m.date desc limit ?""",
            [unit_id, meetings],
        )
    ]
    child_count = db["units"].count_where("parent_id = ?", [unit_id])
    return UnitDetail(unit, ancestors(db, unit), committee, supervisors, lines, child_count)
