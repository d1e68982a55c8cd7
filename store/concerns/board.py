"""The concern board: open, overdue and ageing concerns, filtered, searched and paged.

Open means not resolved nor answered; overdue means open with a due date before `as_of`;
ageing means open and raised more than `AGEING_DAYS` days before `as_of`.
Rows come overdue first, then by due date. A unit filter takes the unit and every unit under
it; a supervisor filter takes the concerns they raised and those of the units (and the units
under them) assigned to them.
"""

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from store.concerns.workflow import CLOSED, OPEN, STATUSES
from store.core import search_index
from store.core.checks import parse_date
from store.core.errors import NotFound, ValidationError
from store.core.schema import BOARD_ORDER_INDEXES, unit_display_sql
from store.lang.i18n import _
from store.org.units import search_words

_CLOSED_SQL = "(" + ", ".join(f"'{status}'" for status in CLOSED) + ")"
# Open concerns named by their statuses, not as "not closed": an IN list can use the
# (status, due_date) index, a NOT IN cannot (a province has 20,000 concerns).
_OPEN_SQL = "(" + ", ".join(f"'{status}'" for status in OPEN) + ")"
AGEING_DAYS = 30

# The board's order: open and overdue first, then by due date (none last), raised, id.
_ORDER = "days_overdue > 0 desc, c.due_date is null, c.due_date, c.raised_date, c.id"
# The same order where every row is open (overdue means due before as_of: those come first
# by due date anyway) or every row closed (none overdue): an index can hold it (m012).
_ORDER_ALIKE = "c.due_date is null, c.due_date, c.raised_date, c.id"
# The index of each such list, used where no filter narrows it to a few rows (a unit, a
# supervisor, a search: those rows are found first, then sorted).
_ORDER_INDEX = {
    "open": ("idx_concerns_open_order", _OPEN_SQL),
    "closed": ("idx_concerns_closed_order", _CLOSED_SQL),
}
assert {name: sql for name, sql in _ORDER_INDEX.values()} == BOARD_ORDER_INDEXES
assert _OPEN_SQL == search_index.OPEN_STATUSES  # the open concerns' own search index

# The ids of a unit and of every unit under it. UNION, not UNION ALL: an id met again (a
# cycle of parents in a tampered file) ends the walk instead of looping for ever.
SUBTREE_SQL = """with recursive tree(id) as (
    select ? union select u.id from units u join tree on u.parent_id = tree.id
) select id from tree"""

# The ids of the units assigned to a supervisor at some time in [start, end], and those under.
SUPERVISED_SQL = """with recursive tree(id) as (
    select unit_id from assignments
     where supervisor_id = ? and start_date <= ? and (end_date is null or end_date >= ?)
    union select u.id from units u join tree on u.parent_id = tree.id
) select id from tree"""


def supervisor_clause(supervisor_id: int, start: str, end: str) -> tuple[str, list]:
    """A WHERE fragment on `c` (concerns): the supervisor's own or their units' concerns."""
    clause = f"(c.supervisor_id = ? or c.unit_id in ({SUPERVISED_SQL}))"
    return clause, [supervisor_id, supervisor_id, end, start]


def subtree_clause(unit_id: int) -> tuple[str, list]:
    return f"c.unit_id in ({SUBTREE_SQL})", [unit_id]


@dataclass(frozen=True, slots=True)
class BoardRow:
    id: int
    uid: str
    unit_id: int
    unit_name: str
    supervisor_id: int | None
    supervisor_name: str | None
    category: str
    route: str
    description: str
    owner: str | None
    priority: str | None
    status: str
    raised_date: str
    due_date: str | None
    resolved_date: str | None
    age_days: int
    days_overdue: int

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


def _where(
    db: Database,
    *,
    as_of: str,
    status: str | None = None,
    overdue: bool = False,
    ageing: bool = False,
    unit_id: int | None = None,
    category: str | None = None,
    route: str | None = None,
    supervisor_id: int | None = None,
    search: str | None = None,
) -> tuple[str, list]:
    """The board's filters as a WHERE on `c` (concerns) and `u` (their units). `status`: None
    (all), "open", "closed" or a status code; `overdue` and `ageing` keep only the open
    concerns that are so; `unit_id` the unit and those under it; `supervisor_id` see above;
    `search` every word in the description or the unit's name."""
    parts: list[str] = []
    params: list = []
    # One supervisor's concerns are few: read them by supervisor and unit (the OR of two
    # indexes), not every open concern of the province by status ("+": no index on it).
    status_col = "+c.status" if supervisor_id is not None else "c.status"

    def add(clause: str, values: list) -> None:
        parts.append(clause)
        params.extend(values)

    if status == "open" or overdue or ageing:
        add(f"{status_col} in {_OPEN_SQL}", [])
    if status == "closed":
        add(f"{status_col} in {_CLOSED_SQL}", [])
    elif status not in (None, "open"):
        if status not in STATUSES:
            raise ValidationError(
                _("Unknown concern status {status!r}.").format(status=status), field="status"
            )
        add(f"{status_col} = ?", [status])
    if overdue:
        add("c.due_date < ?", [as_of])
    if ageing:
        add("c.raised_date < date(?, ?)", [as_of, f"-{AGEING_DAYS} days"])
    if unit_id is not None:
        add(*subtree_clause(unit_id))
    if category:
        add("c.category = ?", [category])
    if route:
        add("c.route = ?", [route])
    if supervisor_id is not None:
        add(*supervisor_clause(supervisor_id, as_of, as_of))
    if search:
        add(*_search_clause(search, open_only=status == "open" or overdue or ageing))
    return " and ".join(parts) or "1", params


def _search_clause(search: str, *, open_only: bool = False) -> tuple[str, list]:
    """Every word in the concern's description or in its unit's name (a short one at a
    word's start), through the concerns' index, which holds both: one MATCH, its ids read
    once (a LIKE on each open concern's text cost 3 µs a row, four times more). Open
    concerns are looked for among the open ones (their own index), not among all."""
    index = "open_concerns" if open_only else "concerns"
    return search_index.match_clause(search_words(search), index, id_column="c.id")


def _as_of(as_of) -> str:
    return parse_date(as_of, "as_of").isoformat()


def board(
    db: Database,
    *,
    as_of: dt.date | str,
    limit: int | None = 100,
    offset: int = 0,
    **filters,
) -> list[BoardRow]:
    """One page of the board, with the filters of `_where`."""
    day = _as_of(as_of)
    where, params = _where(db, as_of=day, **filters)
    return _rows(db, where, params, day, limit, offset, *_order(filters))


def _order(filters: dict) -> tuple[str, str]:
    """The ORDER BY of the board with `filters`, and the index that reads it in that order
    ("" to let SQLite choose)."""
    status = filters.get("status")
    if status == "open" or filters.get("overdue") or filters.get("ageing"):
        kind = "open"
    elif status == "closed":
        kind = "closed"
    elif status in STATUSES:
        return _ORDER_ALIKE, ""  # one status: its index range, sorted (a few thousand)
    else:
        return _ORDER, ""
    narrowed = any(filters.get(k) is not None for k in ("unit_id", "supervisor_id"))
    if narrowed or (filters.get("search") and kind == "closed"):
        return _ORDER_ALIKE, ""
    # A search of the open ones too: their index read in order, each id tested against the
    # matches (no row read until one is kept), stops at the page's end (0.4 ms a first
    # letter, where the matches looked up and sorted took 8).
    return _ORDER_ALIKE, f"indexed by {_ORDER_INDEX[kind][0]}"


def _rows(
    db: Database,
    where: str,
    params: list,
    day: str,
    limit,
    offset,
    order: str = _ORDER,
    indexed: str = "",
) -> list[BoardRow]:
    sql = f"""
        select c.id, c.uid, c.unit_id, {unit_display_sql("u")} as unit_name, c.supervisor_id,
               s.name as supervisor_name, c.category, c.route, c.description, c.owner,
               c.priority, c.status, c.raised_date, c.due_date, c.resolved_date,
               cast(julianday(coalesce(c.resolved_date, ?)) - julianday(c.raised_date)
                    as integer) as age_days,
               case when c.status not in {_CLOSED_SQL} and c.due_date < ?
                    then cast(julianday(?) - julianday(c.due_date) as integer) else 0
               end as days_overdue
          from concerns c {indexed}
          join units u on u.id = c.unit_id
          left join supervisors s on s.id = c.supervisor_id
         where {where}
         order by {order}
         limit ? offset ?"""  # noqa: S608 -- fixed fragments, every value a parameter
    values = [day, day, day, *params, -1 if limit is None else limit, offset or 0]
    return [BoardRow(**row) for row in db.query(sql, values)]


def board_row(db: Database, concern_id: int, *, as_of: dt.date | str) -> BoardRow:
    """One concern as the board shows it (its unit's and supervisor's names, age, delay)."""
    rows = _rows(db, "c.id = ?", [concern_id], _as_of(as_of), 1, 0)
    if not rows:
        raise NotFound(_("No concern with id {id}.").format(id=concern_id))
    return rows[0]


def count_board(db: Database, *, as_of: dt.date | str, cap: int | None = None, **filters) -> int:
    """How many concerns `board` would list with the same filters, all pages together; with
    `cap`, up to `cap` + 1 (a count that stops: `search_index.capped_count`)."""
    given = {name for name, value in filters.items() if value is not None}
    if given <= {"status", "search"} and filters.get("status") == "open":
        sql, params = _open_matches(filters.get("search"))
    else:
        where, params = _where(db, as_of=_as_of(as_of), **filters)
        sql = f"select 1 from concerns c where {where}"  # noqa: S608
    return search_index.capped_count(db, sql, params, cap)


def _open_matches(search: str | None) -> tuple[str, list]:
    """The open concerns holding every word of `search`: their index alone, which holds
    exactly the open ones, not a concern read (0.1 ms a first letter at the province)."""
    words = search_words(search)
    if not words:
        return f"select 1 from concerns c where c.status in {_OPEN_SQL}", []  # noqa: S608
    return search_index.index_only(words, "open_concerns")


@dataclass(frozen=True, slots=True)
class BoardCounts:
    """The figures at the top of the board, for the same filters as its rows (status aside)."""

    open: int
    overdue: int
    ageing: int
    resolved_this_month: int  # closed (resolved or answered) from the 1st of as_of's month


def board_counts(db: Database, *, as_of: dt.date | str, **filters) -> BoardCounts:
    """Open, overdue, ageing and resolved-this-month concerns, with the filters of `_where`
    but the status (unit, category, route, supervisor, search). The open ones are counted in
    their board order's index, a search's among the open concerns' own matches; those closed
    this month (a few hundred) are each tested, where every concern's match was read."""
    if {"status", "overdue", "ageing"} & filters.keys():
        raise TypeError("board_counts counts every status: no status filter")
    day = _as_of(as_of)
    search = filters.pop("search", None)
    words = search_words(search)
    where, params = _where(db, as_of=day, **filters)
    if where == "1" and not words:  # no filter
        return _all_counts(db, day)
    narrowed = any(filters.get(k) is not None for k in ("unit_id", "supervisor_id"))
    found, found_params = _search_clause(search, open_only=True)
    status, indexed = ("+c.status", "") if narrowed else ("c.status", _OPEN_INDEXED)
    opened = f"""
        select count(*), coalesce(sum(c.due_date < ?), 0),
               coalesce(sum(c.raised_date < date(?, ?)), 0)
          from concerns c {indexed}
         where {status} in {_OPEN_SQL} and ({where}) and {found}"""  # noqa: S608
    values = [day, day, f"-{AGEING_DAYS} days", *params, *found_params]
    still_open, overdue, ageing = db.execute(opened, values).fetchone()
    held, held_params = search_index.like_clause(words, _WORDS)
    closed = f"""
        select count(*) from concerns c join units u on u.id = c.unit_id
         where c.resolved_date between date(?, 'start of month') and ?
           and +c.status not in {_OPEN_SQL} and ({where}) and {held}"""  # noqa: S608
    values = [day, day, *params, *held_params]
    return BoardCounts(still_open, overdue, ageing, db.execute(closed, values).fetchone()[0])


_OPEN_INDEXED = f"indexed by {_ORDER_INDEX['open'][0]}"
# A concern's text as its search index holds it (its description's words and its unit's).
_WORDS = "(coalesce(c.description_folded, '') || ' ' || u.name_folded)"


# The figures of the whole board, each counted in one index range without reading a concern
# or its unit (one pass over the open concerns and their units took 24 ms a province).
_ALL_COUNTS = f"""select
    (select count(*) from concerns c where c.status in {_OPEN_SQL}),
    (select count(*) from concerns c where c.status in {_OPEN_SQL} and c.due_date < :day),
    (select count(*) from concerns c indexed by idx_concerns_open_order
      where c.status in {_OPEN_SQL} and c.raised_date < date(:day, :ageing)),
    (select count(*) from concerns c
      where +c.status not in {_OPEN_SQL}
        and c.resolved_date between date(:day, 'start of month') and :day)"""  # noqa: S608


def _all_counts(db: Database, day: str) -> BoardCounts:
    values = {"day": day, "ageing": f"-{AGEING_DAYS} days"}
    return BoardCounts(*db.execute(_ALL_COUNTS, values).fetchone())
