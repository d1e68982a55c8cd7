"""Lists of recorded visits, with supervisor and unit names, paged (planned ones: the agenda)."""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core.schema import unit_display_sql
from store.org.units import indexed_clause
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
where """  # noqa: S608 (a fixed expression)


def _done(supervisor_id, unit_id) -> str:
    """Recorded visits; one supervisor's or unit's through their own index ("+": not every
    visit of the province in the period by status and date)."""
    narrowed = supervisor_id is not None or unit_id is not None
    return "+v.status = 'done'" if narrowed else "v.status = 'done'"


def _visit_filters(period, supervisor_id, unit_id, search=None) -> tuple[str, list]:
    where, params = "", []
    if search and search.strip():  # the unit's name, diacritics optional
        clause, words = indexed_clause(search)
        where += f" and v.unit_id in (select id from units where {clause})"  # noqa: S608
        params += words
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
    where, params = _visit_filters(period, supervisor_id, unit_id, search)
    sql = _LIST_SQL + _done(supervisor_id, unit_id) + where
    sql += " order by v.date desc, v.id desc limit ? offset ?"
    rows = db.query(sql, [*params, -1 if limit is None else limit, offset])
    return [VisitRow(**r) for r in rows]


def count_visits(
    db: Database, *, period=None, supervisor_id=None, unit_id=None, search=None
) -> int:
    where, params = _visit_filters(period, supervisor_id, unit_id, search)
    # `where` holds constant fragments only; the values go in `params`.
    sql = f"select count(*) as n from visits v where {_done(supervisor_id, unit_id)}{where}"  # noqa: S608
    return next(iter(db.query(sql, params)))["n"]
