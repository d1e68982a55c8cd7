"""The secretaries list and the personnel gaps of the dashboard and the personnel screen.

Confidentiality: capability notes and replacement-source plans are personnel assessments.
Their tables are `PERSONNEL_TABLES`; typed rows that carry assessment content have
`CONFIDENTIAL = True`, and `PERSONNEL_FIELDS` when only some of their fields are such
content. `export_row` applies the rule for exports made without --include-personnel.
"""

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import ClassVar, Literal, overload

from sqlite_utils import Database

from store.core import records
from store.core.checks import SCOPE_CTE, iso, parse_date, year_before
from store.core.schema import unit_display_sql
from store.core.search_index import capped_count, dense, match_text
from store.org.units import Unit, search_words
from store.personnel.succession import Plan, list_plans

PERSONNEL_TABLES = (
    "capability_notes",
    "capability_note_visits",
    "succession_plans",
    "plan_candidates",
    "plan_actions",
)


@dataclass(frozen=True, slots=True)
class Secretary:
    """A current secretary with the unit, the post and the latest assessment."""

    CONFIDENTIAL: ClassVar[bool] = True
    PERSONNEL_FIELDS: ClassVar[tuple[str, ...]] = ("last_note_date", "flagged", "has_active_plan")
    post_id: int
    person_id: int
    person_name: str
    birth_year: int | None
    sex: str | None
    unit_id: int
    unit_name: str
    unit_kind: str
    sector: str | None
    start_date: str | None
    concurrent_role: str | None
    acting: bool
    last_note_date: str | None  # the latest capability note on or before the query's date
    flagged: bool  # that note's flag "hạn chế về năng lực, uy tín thấp"
    has_active_plan: bool  # the unit has an active replacement-source plan


@dataclass(frozen=True, slots=True)
class Gaps:
    """The five personnel gaps on `as_of`, each with the rows behind it."""

    CONFIDENTIAL: ClassVar[bool] = True
    as_of: str
    supervisor_id: int | None
    secretaries: int  # current secretaries in scope
    flagged_without_plan: tuple[Secretary, ...]
    overdue_plans: tuple[Plan, ...]  # open plans with an action past due
    without_secretary: tuple[Unit, ...]  # active units with no secretary
    acting: tuple[Secretary, ...]  # units whose secretary is acting
    unassessed: tuple[Secretary, ...]  # no capability note in the last 12 months
    concurrent: tuple[Secretary, ...]  # secretaries with a concurrent role

    @property
    def concurrent_share(self) -> float | None:
        """Share (0..1) of secretaries with a concurrent role; None without secretaries."""
        return len(self.concurrent) / self.secretaries if self.secretaries else None


_CURRENT = """
    SELECT posts.id AS post_id, posts.person_id, posts.unit_id, posts.start_date,
        posts.concurrent_role, posts.acting
    FROM posts
    WHERE posts.role = 'secretary'{scope}
      AND (posts.start_date IS NULL OR posts.start_date <= :as_of)
      AND (posts.end_date IS NULL OR posts.end_date > :as_of)"""
# The posts of a page, given as a JSON array of ids: `position` keeps the array's order.
_GIVEN = """
    SELECT posts.id AS post_id, posts.person_id, posts.unit_id, posts.start_date,
        posts.concurrent_role, posts.acting, given.key AS position
    FROM json_each(:posts) AS given JOIN posts ON posts.id = given.value"""
# One row per secretary of `current`, each joined to the latest note on or before :as_of.
# SQLite leaves out the note join and the plan test when a query uses neither.
_SECRETARIES_TAIL = f"""
),
secretaries AS (
    SELECT current.*, people.name AS person_name, people.birth_year, people.sex,
        {unit_display_sql("units")} AS unit_name, units.kind AS unit_kind, units.sector,
        units.sort_key AS unit_sort, people.sort_key AS person_sort,
        people.name_folded AS person_folded, units.name_folded AS unit_folded,
        note.date AS last_note_date, coalesce(note.flagged, 0) AS flagged,
        EXISTS (SELECT 1 FROM succession_plans sp
            WHERE sp.unit_id = current.unit_id AND sp.status = 'active') AS has_active_plan
    FROM current
    JOIN people ON people.id = current.person_id
    JOIN units ON units.id = current.unit_id
    LEFT JOIN capability_notes note ON note.id = (
        SELECT n.id FROM capability_notes n
        WHERE n.person_id = current.person_id AND n.date <= :as_of
        ORDER BY n.date DESC, n.id DESC LIMIT 1)
    WHERE units.active = 1
)
"""  # noqa: S608 (a fixed expression)
# Constants only, no input: search words arrive as :w0, :w1… parameters. The scoped form
# starts from the supervisor's units, "all" from every secretary post, "given" from a list.
_SECRETARIES = {
    "scoped": "WITH RECURSIVE"  # noqa: S608
    + SCOPE_CTE
    + ",\ncurrent AS ("
    + _CURRENT.format(scope=" AND posts.unit_id IN (SELECT unit_id FROM scope)")
    + _SECRETARIES_TAIL,
    "all": "WITH current AS (" + _CURRENT.format(scope="") + _SECRETARIES_TAIL,
    "given": "WITH current AS (" + _GIVEN + _SECRETARIES_TAIL,
}
# The yes/no filters, each written only when asked for.
_FLAGS = {
    "flagged": " AND flagged = :flagged",
    "acting": " AND acting = :acting",
    "active_plan": " AND has_active_plan = :active_plan",
    "concurrent": " AND (concurrent_role IS NOT NULL) = :concurrent",
}
_UNASSESSED = " AND (last_note_date IS NULL OR last_note_date < :unassessed_since)"
# Every word through the posts' search index (store.core.search_index: the person's name and
# the unit's; a short word at a word's start).
_MATCHED_POST = " AND post_id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH :match)"
_UNITS_WITHOUT_SECRETARY = (
    "WITH RECURSIVE"  # noqa: S608
    + SCOPE_CTE
    + """
SELECT units.*, """
    + unit_display_sql("units")
    + """ AS display_name FROM units
WHERE units.active = 1{scoped}
  AND units.id NOT IN (
    SELECT posts.unit_id FROM posts WHERE posts.role = 'secretary'{posts_scoped}
      AND (posts.start_date IS NULL OR posts.start_date <= :as_of)
      AND (posts.end_date IS NULL OR posts.end_date > :as_of))
ORDER BY units.sort_key, units.id
"""
)  # NOT IN, not NOT EXISTS: the posts read once, not probed for each unit (36 -> 17 ms)
# One supervisor's units read through their scope, not all the province's by name, and only
# their posts (every secretary post of the province was read: 4.4 ms of a supervisor's brief).
_IN_SCOPE = " AND {table}.{column} IN (SELECT unit_id FROM scope)"
_UNITS_WITHOUT_SECRETARY_IN = {
    True: _UNITS_WITHOUT_SECRETARY.format(
        scoped="\n " + _IN_SCOPE.format(table="units", column="id"),
        posts_scoped=_IN_SCOPE.format(table="posts", column="unit_id"),
    ),
    False: _UNITS_WITHOUT_SECRETARY.format(scoped="", posts_scoped=""),
}
# Every current secretary, unfiltered: the list's first show. A page walks the units in
# their order and reads the page, where the list of every post in order read them all.
_WHERE_CURRENT = """units.active = 1 AND posts.role = 'secretary'
  AND (posts.start_date IS NULL OR posts.start_date <= :as_of)
  AND (posts.end_date IS NULL OR posts.end_date > :as_of)"""
_ALL_PAGE = f"""SELECT posts.id FROM units INDEXED BY idx_units_sort_key
  JOIN posts ON posts.unit_id = units.id JOIN people ON people.id = posts.person_id
WHERE {_WHERE_CURRENT}
ORDER BY units.sort_key, people.sort_key, posts.id LIMIT :limit OFFSET :offset"""  # noqa: S608
# Every post has its person (a foreign key, `phutrach check` reports one without): the count
# reads the posts and their units, not the people too.
_ALL_COUNT = f"""SELECT 1 FROM posts JOIN units ON units.id = posts.unit_id
WHERE {_WHERE_CURRENT}"""  # noqa: S608


def _query(
    *,
    select: str = "post_id",
    supervisor_id: int | None = None,
    as_of: date | str,
    search: str | None = None,
    unassessed_since=None,
    **flags: bool | None,
) -> tuple[str, dict]:
    """The query of the matching secretaries' `select` columns (no order) and its parameters.

    `flagged`: True keeps those whose latest note is flagged, False the others; likewise
    `acting`, `active_plan` (the unit has an active plan) and `concurrent` (a concurrent
    role); the `unassessed_since` date keeps those with no note since that date; `search`
    matches every word (diacritics ignored) in the person's or the unit's name;
    `supervisor_id` keeps the units that supervisor oversees, on `as_of`.
    """
    if set(flags) - set(_FLAGS):
        raise TypeError(f"unknown secretaries filters: {sorted(set(flags) - set(_FLAGS))}")
    if select not in ("post_id", "*"):  # written into the SQL: only these two
        raise TypeError(f"cannot select {select!r}")
    words = search_words(search)
    params = {"supervisor_id": supervisor_id, "as_of": parse_date(as_of, "as_of").isoformat()}
    if words:
        params["match"] = match_text(words)
    params |= {k: int(bool(v)) for k, v in flags.items() if v is not None}
    since = iso(parse_date(unassessed_since, "unassessed_since", required=False))
    where = "".join(_FLAGS[k] for k, v in flags.items() if v is not None)
    if since:
        where, params["unassessed_since"] = where + _UNASSESSED, since
    where += _MATCHED_POST if words else ""
    source = _SECRETARIES["scoped" if supervisor_id is not None else "all"]
    return source + f"SELECT {select} FROM secretaries WHERE 1" + where, params  # noqa: S608


def secretary_posts(db: Database, **filters) -> list[int]:
    """The post ids of the current secretaries that match the filters of `_query`, by unit
    name. A list counts these and reads its pages with `secretaries_of`: one pass over the
    posts a search, where a count and a page took two (20 ms a keystroke in a province)."""
    sql, params = _query(**filters)
    sql += " ORDER BY unit_sort, person_sort, post_id"
    return [row[0] for row in db.execute(sql, params).fetchall()]


def secretaries_of(db: Database, posts: Sequence[int], as_of: date | str) -> list[Secretary]:
    """The secretaries of `posts` (ids), in that order, each with the latest note on `as_of`."""
    params = {"posts": json.dumps(list(posts)), "as_of": parse_date(as_of, "as_of").isoformat()}
    sql = _SECRETARIES["given"] + "SELECT * FROM secretaries ORDER BY position"  # noqa: S608
    return [records.record(Secretary, r) for r in db.query(sql, params)]


def secretaries(
    db: Database, *, limit: int | None = 100, offset: int = 0, **filters
) -> list[Secretary]:
    """One page of the secretaries that `secretary_posts` finds with `filters`."""
    posts = secretary_posts(db, **filters)
    stop = None if limit is None else offset + limit
    return secretaries_of(db, posts[offset:stop], filters["as_of"])


def all_secretaries(
    db: Database, *, as_of: date | str, limit: int = 100, offset: int = 0
) -> list[Secretary]:
    """One page of every current secretary, in `secretary_posts`' order (by unit name)."""
    on = parse_date(as_of, "as_of").isoformat()
    params = {"as_of": on, "limit": limit, "offset": offset}
    posts = [row[0] for row in db.execute(_ALL_PAGE, params).fetchall()]
    return secretaries_of(db, posts, on) if posts else []


_FOUND = f"""SELECT posts.id FROM posts_fts JOIN posts ON posts.id = posts_fts.rowid
  JOIN units ON units.id = posts.unit_id JOIN people ON people.id = posts.person_id
WHERE posts_fts MATCH :match AND {_WHERE_CURRENT}"""  # noqa: S608 (constant fragments)
# The units in their order (up to `:last`, see `WALKED`), their secretaries tested against the
# matches (a probe of the ids found, no row read before): a common word's page without a sort.
_FOUND_IN_ORDER = f"""SELECT posts.id FROM units INDEXED BY idx_units_sort_key
  JOIN posts ON posts.unit_id = units.id JOIN people ON people.id = posts.person_id
WHERE {_WHERE_CURRENT}{{bound}}
  AND posts.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH :match)"""  # noqa: S608
# The sort key of the last unit such a page reads (none: there are fewer units).
_LAST_WALKED = """SELECT sort_key FROM units INDEXED BY idx_units_sort_key
ORDER BY sort_key LIMIT 1 OFFSET :walked"""
_PAGE = " ORDER BY units.sort_key, people.sort_key, posts.id LIMIT :limit OFFSET :offset"
# Every post has its person (a foreign key, `phutrach check` reports one without): a count
# reads the posts and their units, not the people too.
_FOUND_COUNT = f"""SELECT posts.id FROM posts_fts JOIN posts ON posts.id = posts_fts.rowid
  JOIN units ON units.id = posts.unit_id
WHERE posts_fts MATCH :match AND {_WHERE_CURRENT}"""  # noqa: S608 (constant fragments)
# Units read in order for a common word's page before its matches are looked up and sorted
# instead: 2 ms at most, where a word of the units' names could have the whole list read.
WALKED = 2000
# Posts matched past which a page is first looked for in that walk: a person's name's words
# are spread over the units, and 300 of 16,000 posts fill a page within 2,700 posts read in
# order, where their lookups and sort cost as much (1 ms); below, the sort is cheaper.
COMMON = 300


def found_secretaries(
    db: Database, search: str, *, as_of: date | str, limit: int = 100, offset: int = 0
) -> list[Secretary]:
    """One page of the current secretaries whose name or unit's name holds every word of
    `search`, in `secretary_posts`' order: the list's search keystroke, which reads a page,
    not every match. For a common word (more than `COMMON` posts) the first `WALKED` units are
    read in order, their secretaries kept if found, which fills the page where the matches
    are spread; where they are not (a word of the units' names, whose matches sit together
    in that order), and for a rare word, the matches are looked up and sorted."""
    words, on = search_words(search), parse_date(as_of, "as_of").isoformat()
    params: dict = {"as_of": on, "limit": limit, "offset": offset, "match": match_text(words)}
    posts: list[int] = []
    if dense(db, words, "posts", over=COMMON):
        last = db.execute(_LAST_WALKED, {"walked": WALKED}).fetchone()
        sql = _FOUND_IN_ORDER.format(bound=" AND units.sort_key <= :last" if last else "")
        walked = [row[0] for row in db.execute(sql + _PAGE, params | {"last": last and last[0]})]
        posts = walked if len(walked) == limit or not last else []
    if not posts:
        posts = [row[0] for row in db.execute(_FOUND + _PAGE, params).fetchall()]
    return secretaries_of(db, posts, on) if posts else []


def count_found_secretaries(
    db: Database, search: str, *, as_of: date | str, cap: int | None = None
) -> int:
    """How many `found_secretaries` lists, all pages together; up to `cap` + 1 when given."""
    params = {"as_of": parse_date(as_of, "as_of").isoformat()}
    params["match"] = match_text(search_words(search))
    return capped_count(db, _FOUND_COUNT, params, cap)


def count_all_secretaries(db: Database, *, as_of: date | str, cap: int | None = None) -> int:
    """How many `all_secretaries` lists, all pages together; up to `cap` + 1 when given (a
    count that stops: the list's first show reads a page, not the province's 12,000)."""
    params = {"as_of": parse_date(as_of, "as_of").isoformat()}
    return capped_count(db, _ALL_COUNT, params, cap)


def count_secretaries(db: Database, **filters) -> int:
    sql, params = _query(**filters)
    return db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]  # noqa: S608


@dataclass(frozen=True, slots=True)
class SecretaryCounts:
    """The current secretaries counted as a report gives them (`count_secretaries` each)."""

    secretaries: int
    flagged: int
    flagged_with_plan: int  # flagged, and their unit has an active succession plan
    concurrent: int
    acting: int


_COUNTS = """SELECT count(*), coalesce(sum(flagged = 1), 0),
    coalesce(sum(flagged = 1 AND has_active_plan), 0),
    coalesce(sum(concurrent_role IS NOT NULL), 0), coalesce(sum(acting = 1), 0)
FROM ({query})"""


def secretary_counts(
    db: Database, *, as_of: date | str, supervisor_id: int | None = None
) -> SecretaryCounts:
    """The counts a report gives, in one pass over the secretaries, where five counts read
    them five times (35-50 ms of the province's annual report)."""
    sql, params = _query(select="*", supervisor_id=supervisor_id, as_of=as_of)
    return SecretaryCounts(*db.execute(_COUNTS.format(query=sql), params).fetchone())


def units_without_secretary(db: Database, supervisor_id: int | None = None, *, as_of: date | str):
    """Active units in scope with no secretary on `as_of`."""
    params = {"supervisor_id": supervisor_id, "as_of": parse_date(as_of, "as_of").isoformat()}
    sql = _UNITS_WITHOUT_SECRETARY_IN[supervisor_id is not None]
    return [records.record(Unit, r) for r in db.query(sql, params)]


def personnel_gaps(
    db: Database,
    supervisor_id: int | None = None,
    *,
    as_of: date | str,
    rows: Sequence[Secretary] | None = None,
) -> Gaps:
    """Flagged secretaries with no active plan, plans with overdue actions, units without a
    secretary (and with an acting one), secretaries not assessed in the 12 months before
    `as_of`, and those with a concurrent role. `rows`: the secretaries in scope on `as_of`
    when the caller has read them already (a brief), else read here."""
    on = parse_date(as_of, "as_of").isoformat()
    if rows is None:
        rows = secretaries(db, as_of=on, supervisor_id=supervisor_id, limit=None)
    since = year_before(on)
    return Gaps(
        as_of=on,
        supervisor_id=supervisor_id,
        secretaries=len(rows),
        flagged_without_plan=tuple(r for r in rows if r.flagged and not r.has_active_plan),
        overdue_plans=tuple(list_plans(db, overdue=True, supervisor_id=supervisor_id, as_of=on)),
        without_secretary=tuple(units_without_secretary(db, supervisor_id, as_of=on)),
        acting=tuple(r for r in rows if r.acting),
        unassessed=tuple(r for r in rows if not r.last_note_date or r.last_note_date < since),
        concurrent=tuple(r for r in rows if r.concurrent_role),
    )


@dataclass(frozen=True)
class GapCounts:
    """The figures of `personnel_gaps`, counted without reading the rows (the panels)."""

    CONFIDENTIAL: ClassVar[bool] = True
    secretaries: int
    flagged_without_plan: int
    overdue_plans: int
    without_secretary: int
    acting: int
    unassessed: int
    concurrent: int

    @property
    def concurrent_share(self) -> float | None:
        return self.concurrent / self.secretaries if self.secretaries else None


_GAP_COUNTS = """SELECT count(*) AS secretaries,
    coalesce(sum(flagged AND NOT has_active_plan), 0) AS flagged_without_plan,
    coalesce(sum(acting != 0), 0) AS acting,
    coalesce(sum(last_note_date IS NULL OR last_note_date < :since), 0) AS unassessed,
    coalesce(sum(coalesce(concurrent_role, '') != ''), 0) AS concurrent
FROM ("""


def gap_counts(db: Database, supervisor_id: int | None = None, *, as_of: date | str) -> GapCounts:
    """How many rows each of `personnel_gaps`' gaps holds, in one pass of SQL: a province's
    12,000 secretaries are counted, not loaded (150 -> 35 ms)."""
    on = parse_date(as_of, "as_of").isoformat()
    sql, params = _query(select="*", supervisor_id=supervisor_id, as_of=on)
    row = next(db.query(_GAP_COUNTS + sql + ")", params | {"since": year_before(on)}))
    plans = list_plans(db, overdue=True, supervisor_id=supervisor_id, as_of=on)
    vacant = units_without_secretary(db, supervisor_id, as_of=on)
    return GapCounts(**row, overdue_plans=len(plans), without_secretary=len(vacant))


@overload
def export_row(row, include_personnel: Literal[True]) -> dict: ...
@overload
def export_row(row, include_personnel: bool = False) -> dict | None: ...
def export_row(row, include_personnel: bool = False) -> dict | None:
    """A typed row as a dict for an export: whole when `include_personnel` or when it holds
    no assessment; without its `PERSONNEL_FIELDS` when only those are assessments; None
    (leave the row out) when the whole row is an assessment."""
    values = asdict(row)
    if include_personnel or not getattr(row, "CONFIDENTIAL", False):
        return values
    fields = getattr(row, "PERSONNEL_FIELDS", None)
    if not fields:
        return None
    return {k: v for k, v in values.items() if k not in fields}
