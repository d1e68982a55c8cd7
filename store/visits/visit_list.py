"""Lists of recorded visits, with supervisor and unit names, paged (planned ones: the agenda)."""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core import search_index
from store.core.schema import unit_display_sql
from store.org.units import search_words
from store.rules.periods import Period


@dataclass(frozen=True, slots=True)
class VisitRow:
    id: int
    date: str
    supervisor_id: int
    supervisor_name: str
    unit_id: int
    unit_name: str
    meeting_id: int | None
    meeting_kind: str | None
    present: int | None
    owed: int | None
    total: int | None
    rating: str | None
    rulebook: str | None


_LIST_SQL = f"""
select v.id, v.date, v.supervisor_id, s.name as supervisor_name, v.unit_id,
       {unit_display_sql("u")} as unit_name,
       v.meeting_id, m.kind as meeting_kind, m.present,
       m.members_full + m.members_probationary - m.members_exempt as owed,
       v.total, v.rating, v.rulebook
from visits v
join supervisors s on s.id = v.supervisor_id
join units u on u.id = v.unit_id
left join meetings m on m.id = v.meeting_id
where v.id in (select v.id from visits v join units u on u.id = v.unit_id where {{where}}
               order by v.date desc, v.id desc limit ? offset ?)
order by v.date desc, v.id desc"""  # noqa: S608 (a fixed expression)
# The page's ids first, then their columns: the names (display names: a lookup each) of the
# page's rows only, not of every match before the sort.


def _visit_filters(db, period, supervisor_id, unit_id, search=None) -> tuple[str, list]:
    """The filters on `v` (visits) and `u` (their units). A search of common words (more than
    CAP units, `search_index.dense`) tests each visit's unit as the visits are read, latest
    first (a page stops early); rare ones list the visits of their units (CAP at most)."""
    # one supervisor's or unit's visits through their own index ("+": not every visit of
    # the province in the period by status and date)
    narrowed = supervisor_id is not None or unit_id is not None
    where, params = ("+v.status = 'done'" if narrowed else "v.status = 'done'"), []
    words = search_words(search)
    if words and search_index.dense(db, words, "units"):
        clause, values = search_index.like_clause(words, "u.name_folded")
        where, params = where + f" and {clause}", values
    elif words:  # the units' own visits (their index), not every visit tested
        clause, values = search_index.match_clause(words, "units", id_column="v.unit_id")
        where, params = f"+v.status = 'done' and {clause}", values
    if period is not None:
        period = Period.parse(period)
        where += " and v.date between ? and ?"
        params += [period.start.isoformat(), period.end.isoformat()]
    if supervisor_id is not None:
        where += " and v.supervisor_id = ?"
        params.append(supervisor_id)
    if unit_id is not None:
        where += " and v.unit_id = ?"
        params.append(unit_id)
    return where, params


def list_visits(
    db: Database,
    *,
    period=None,
    supervisor_id: int | None = None,
    unit_id: int | None = None,
    limit: int | None = 100,
    offset: int = 0,
    search: str | None = None,
) -> list[VisitRow]:
    """Recorded visits, latest first, with supervisor and unit names (planned ones: `agenda`);
    `search` keeps the units whose name holds every word of it."""
    where, params = _visit_filters(db, period, supervisor_id, unit_id, search)
    sql = _LIST_SQL.replace("{where}", where)
    rows = db.query(sql, [*params, -1 if limit is None else limit, offset])
    return [VisitRow(**r) for r in rows]


def count_visits(
    db: Database, *, period=None, supervisor_id=None, unit_id=None, search=None, cap=None
) -> int:
    """How many visits `list_visits` lists; with `cap`, up to `cap` + 1 (a count that stops)."""
    where, params = _visit_filters(db, period, supervisor_id, unit_id)
    words = search_words(search)
    # `where` holds constant fragments only; the values go in `params`.
    sql = f"select 1 from visits v where {where}"  # noqa: S608
    if words:  # from the units found (one MATCH, which a cap stops), to their visits
        sql = (
            "select 1 from units_fts cross join visits v on v.unit_id = units_fts.rowid"  # noqa: S608
            f" where units_fts match ? and {where}"
        )
        params = [search_index.match_text(words), *params]
    return search_index.capped_count(db, sql, params, cap)
