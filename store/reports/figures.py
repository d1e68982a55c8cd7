"""Province-scale aggregates of the annual report (and of any report over many units).

Figures are computed in SQL over the indexed columns (`idx_meetings_date`, the visits'
indexes), grouped per unit; Python only folds one row per unit into the groups shown.

The rules, from the rulebook in force:
- a unit *owes monthly regular meetings* when a `regular` rule with `per = "month"` applies to
  its kind; it *met every month* when it held one in each month of the period that is over on
  `as_of` (a running month is not owed yet);
- a thematic rule-period is owed when it ends inside the period and on or before `as_of`;
  a unit keeps it with `count` thematic meetings inside that rule-period; one still running
  on `as_of` is not yet due (`ThematicLine.not_due`, with those already held);
- attendance = present ÷ (members − exempted), over the regular meetings held (see
  store.meetings.rate_sql); a unit is under the threshold when its average is.
"""

import json
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from store.core.checks import parse_date
from store.lang.codes import MeetingKind, PeriodKind, PlanOutcome
from store.lang.text import person_sort_key
from store.rules.periods import CADENCE_PER, Period
from store.rules.rulebook import Rulebook
from store.visits.meetings import owed_sql, rate_sql

TOP = 0  # the group of units with no grassroots organization above them


@dataclass(frozen=True, slots=True)
class RegularLine:
    """Monthly regular meetings of the units in one group (a sector, a parent, or all)."""

    key: str | int | None
    cells: int  # units owing a monthly regular meeting
    every_month: int  # of those, the ones that met in every month owed
    meetings: int  # regular meetings held in the period (up to as_of)
    attendance: float | None  # per cent, average over those meetings
    under_threshold: int  # units whose average attendance is under the rulebook's threshold


@dataclass(frozen=True, slots=True)
class ThematicLine:
    """Thematic meetings owed and held by the units of one group."""

    key: str | int | None
    units: int  # units owing a thematic meeting in a rule-period already over
    units_kept: int  # of those, the ones that held every one owed
    owed: int  # thematic meetings owed
    kept: int  # owed meetings held (a unit's extra meetings do not count twice)
    held: int  # thematic meetings held in the period, all of them
    not_due: int = 0  # meetings of rule-periods not over on as_of (neither held nor missed)
    not_due_kept: int = 0  # of those, the ones already held


@dataclass(frozen=True, slots=True)
class SupervisorLine:
    supervisor_id: int
    name: str
    units: int
    required: int
    done: int
    visits: int


@dataclass(frozen=True)
class VisitFigures:
    assignments: int
    supervisors: int
    units: int
    cadences: dict[str, int]  # assignments by cadence
    planned: int  # visits planned (a planned date) in the period, whatever became of them
    required: int
    done: int
    visits: int
    ratings: dict[str, int]  # visits done by rating level
    by_supervisor: tuple[SupervisorLine, ...]


@dataclass(frozen=True)
class MeetingFigures:
    period: Period
    as_of: str
    months_owed: int
    threshold: float
    total: RegularLine
    by_sector: tuple[RegularLine, ...]
    by_parent: tuple[RegularLine, ...]  # key: the grassroots organization's id (TOP: none)
    attendance_bands: tuple[tuple[float, float | None, int], ...]  # (from, to, units)
    thematic: ThematicLine
    thematic_by_sector: tuple[ThematicLine, ...]
    parent_names: dict[int, str]


def _stop(period: Period, as_of: date) -> date:
    return min(period.end, as_of)


def _owed_months(period: Period, as_of: date) -> list[Period]:
    return [m for m in period.months() if m.end <= as_of]


MONTHLY_REGULAR = (MeetingKind.REGULAR, PeriodKind.MONTH)


def _monthly_kinds(rulebook: Rulebook) -> tuple[str, ...]:
    monthly = (r for r in rulebook.meetings if (r.meeting_kind, r.per) == MONTHLY_REGULAR)
    return tuple(sorted({k for r in monthly for k in r.unit_kinds}))


def _marks(values) -> str:
    return ", ".join("?" for _v in values)


# One row per active unit of the given kinds: its sector, its grassroots organization and
# its regular meetings (months met within the owed months, count and attendance up to stop),
# read from the kept months (meeting_months, m010/m013): a unit's attendance is its months'
# rates weighted by the meetings each averages.
_UNIT_REGULAR_KEPT = """
select u.id, coalesce(u.sector, '') as sector, u.kind,
       case when p.kind = 'sub_committee' then p.parent_id else u.parent_id end as org_id,
       count(case when mm.month <= :owed_end then 1 end) as months,
       coalesce(sum(mm.meetings), 0) as n, sum(mm.rate * mm.rated) / sum(mm.rated) as rate,
       coalesce(sum(mm.rated), 0) as rated
  from units u
  left join units p on p.id = u.parent_id
  left join meeting_months mm on mm.unit_id = u.id and mm.month between :first and :last
                             and mm.kind = 'regular'
 where u.active = 1 and u.kind in ({kinds})
 group by u.id"""
# The same for a whole year, from the kept years (meeting_years, m015), one row a unit: the
# months held, less the running month's (:running, not owed yet) when it was held.
_UNIT_REGULAR_YEAR = """
select u.id, coalesce(u.sector, '') as sector, u.kind,
       case when p.kind = 'sub_committee' then p.parent_id else u.parent_id end as org_id,
       coalesce(y.months, 0) - (cur.unit_id is not null) as months,
       coalesce(y.meetings, 0) as n, y.rate, coalesce(y.rated, 0) as rated
  from units u
  left join units p on p.id = u.parent_id
  left join meeting_years y on y.unit_id = u.id and y.year = :year and y.kind = 'regular'
  left join meeting_months cur on cur.unit_id = u.id and cur.month = :running
                              and cur.kind = 'regular'
 where u.active = 1 and u.kind in ({kinds})"""
# The same from the meetings, unit by unit from the covering index idx_meetings_unit_date,
# when the last month is counted only in part (see `_months_kept`).
_UNIT_REGULAR = """
select u.id, coalesce(u.sector, '') as sector, u.kind,
       case when p.kind = 'sub_committee' then p.parent_id else u.parent_id end as org_id,
       count(distinct case when m.date <= :owed_end then substr(m.date, 1, 7) end) as months,
       count(m.id) as n, {rate} as rate, coalesce(sum({owed} > 0), 0) as rated
  from units u
  left join units p on p.id = u.parent_id
  left join meetings m on m.unit_id = u.id and m.kind = 'regular'
                      and m.date between :first and :last
 where u.active = 1 and u.kind in ({kinds})
 group by u.id"""
# A group's figures from its units' rows (RegularLine; attendance as its weighted sum and
# weight), by sector and by grassroots organization, and the units by attendance band: one
# pass over the units' rows, summed in SQL, where Python summed 12,000 rows three times.
_FIGURES = """count(*), coalesce(sum(:owed > 0 and months >= :owed), 0), coalesce(sum(n), 0),
       sum(rate * rated) filter (where rate is not null),
       sum(rated) filter (where rate is not null), coalesce(sum(rate < :threshold), 0)"""
_REGULAR_GROUPS = f"""
with unit_rows as materialized ({{units}})
select 'sector', sector, {_FIGURES} from unit_rows group by sector
union all
select 'org', org_id, {_FIGURES} from unit_rows group by org_id
union all
select 'band', {{band}}, count(*), null, null, null, null, null from unit_rows
 where rate is not null group by 2"""  # noqa: S608 (constant fragments only)


def _regular_sql(units: str, kinds: tuple[str, ...], edges: list[float]) -> str:
    """`units` (one of the unit queries above) grouped; a band's index: the edges it reaches."""
    band = " + ".join(f"(rate >= :edge{i})" for i in range(1, len(edges))) or "0"
    marks = ", ".join(f":kind{i}" for i in range(len(kinds)))
    return _REGULAR_GROUPS.format(units=units.replace("{kinds}", marks), band=band)


def _regular_groups(db, period: Period, today: date, kinds, threshold: float) -> list[tuple]:
    """The grouped rows of `_REGULAR_GROUPS`, from the kept years or months where they count
    exactly the meetings up to `today`, else from the meetings."""
    stop, owed = _stop(period, today), _owed_months(period, today)
    owed_end = owed[-1].end.isoformat() if owed else "0000-00-00"
    params: dict = {f"kind{i}": k for i, k in enumerate(kinds)}
    params |= {"owed": len(owed), "threshold": threshold}
    params |= {f"edge{i}": e for i, e in enumerate(_edges(threshold))}
    if period.per == PeriodKind.YEAR and _counted_until(db, stop, period.end):
        running = "" if stop == Period.containing(stop, PeriodKind.MONTH).end else stop
        units, params = _UNIT_REGULAR_YEAR, params | {"year": period.year}
        params["running"] = str(running)[:7]
    elif _months_kept(db, stop):
        units = _UNIT_REGULAR_KEPT
        params |= {"owed_end": owed_end[:7], "first": period.start.isoformat()[:7]}
        params["last"] = stop.isoformat()[:7]
    else:
        units = _UNIT_REGULAR.replace("{rate}", rate_sql("m")).replace("{owed}", owed_sql("m"))
        params |= {"owed_end": owed_end, "first": period.start.isoformat()}
        params["last"] = stop.isoformat()
    sql = _regular_sql(units, kinds, _edges(threshold))
    return db.execute(sql, params).fetchall()


def meeting_figures(db: Database, period, *, rulebook: Rulebook, as_of) -> MeetingFigures:
    """Regular meetings (by sector and by grassroots organization), attendance and thematic
    meetings of every active unit over `period`, as of `as_of`."""
    period = Period.parse(period)
    today = parse_date(as_of, "as_of")
    owed = _owed_months(period, today)
    kinds, threshold = _monthly_kinds(rulebook), rulebook.attendance_threshold
    rows = _regular_groups(db, period, today, kinds, threshold) if kinds else []
    thematic = _thematic_units(db, period, today, rulebook)
    by_sector: dict = {}
    for unit in thematic:
        by_sector.setdefault(unit[0], []).append(unit)
    sectors = _lines(rows, "sector")
    parents = _lines(rows, "org")
    return MeetingFigures(
        period=period,
        as_of=today.isoformat(),
        months_owed=len(owed),
        threshold=threshold,
        total=_total(rows),
        by_sector=sectors,
        by_parent=parents,
        attendance_bands=_bands(rows, threshold),
        thematic=_thematic_line(None, thematic),
        thematic_by_sector=tuple(_thematic_line(key, by_sector[key]) for key in sorted(by_sector)),
        parent_names=_names(db, {x.key for x in parents if isinstance(x.key, int)} - {TOP}),
    )


def _months_kept(db: Database, stop: date) -> bool:
    """Whether the kept months count exactly the meetings up to `stop`: none is dated after
    it in its month (a report judged before its month's end, on a day with later meetings)."""
    return _counted_until(db, stop, Period.containing(stop, PeriodKind.MONTH).end)


def _counted_until(db: Database, stop: date, end: date) -> bool:
    """No meeting is dated after `stop` up to `end`: what is kept up to `end` is up to `stop`."""
    if stop >= end:
        return True
    later = "select exists (select 1 from meetings where date > ? and date <= ?)"
    return not db.execute(later, [stop.isoformat(), end.isoformat()]).fetchone()[0]


def _line(key, row) -> RegularLine:
    """A group's RegularLine from its row of `_REGULAR_GROUPS`."""
    cells, every_month, meetings, weighted, weight, under = row
    attendance = weighted / weight if weight else None
    return RegularLine(key, cells, every_month, meetings, attendance, under)


def _lines(rows: list[tuple], group: str) -> tuple[RegularLine, ...]:
    """The groups of one kind, by key (TOP: no grassroots organization above)."""
    found = [(TOP if r[1] is None else r[1], r[2:]) for r in rows if r[0] == group]
    return tuple(_line(key, row) for key, row in sorted(found, key=lambda kv: str(kv[0])))


def _total(rows: list[tuple]) -> RegularLine:
    """Every unit together: the sectors' sums summed."""
    sectors = [r[2:] for r in rows if r[0] == "sector"]
    summed = [sum(column or 0 for column in c) for c in zip(*sectors, strict=True)]
    return _line(None, summed or [0] * 6)


def _edges(threshold: float) -> list[float]:
    """The bands' lower edges: under 70%, 70% to the threshold, to 95%, 95% and more."""
    return sorted({0.0, 70.0, float(threshold), 95.0})


def _bands(rows, threshold: float) -> tuple[tuple[float, float | None, int], ...]:
    """Units by average attendance, band by band (`_edges`)."""
    edges = _edges(threshold)
    counts = {r[1]: r[2] for r in rows if r[0] == "band"}
    return tuple(
        (low, edges[i + 1] if i + 1 < len(edges) else None, counts.get(i, 0))
        for i, low in enumerate(edges)
    )


_UNIT_THEMATIC = """
select unit_id, cast(substr(date, 6, 2) as integer) as month, count(*) as n
  from meetings
 where kind = 'thematic' and date between ? and ?
 group by unit_id, month"""
# The same from the kept months (their thematic index, m013).
_UNIT_THEMATIC_KEPT = """
select unit_id, cast(substr(month, 6, 2) as integer) as month, meetings as n
  from meeting_months
 where kind = 'thematic' and month between ? and ?"""
_THEMATIC_UNITS = """
select id, kind, has_standing_committee, coalesce(sector, '') as sector
  from units where active = 1 and kind in ({kinds})"""


def _thematic_units(db, period: Period, today: date, rulebook: Rulebook) -> list[tuple]:
    """(sector, owed, kept, held, not due, not due kept) per unit owing thematic meetings,
    rule by rule."""
    rules = [r for r in rulebook.meetings if r.meeting_kind == MeetingKind.THEMATIC]
    if not rules:
        return []
    first = min(p.start for r in rules for p in period.split(r.per))
    stop = _stop(period, today)
    monthly: dict[int, list[tuple[int, int]]] = {}
    last = max(first, stop)
    bounds = [first.isoformat(), last.isoformat()]
    if _months_kept(db, last):
        found = db.execute(_UNIT_THEMATIC_KEPT, [day[:7] for day in bounds])
    else:
        found = db.execute(_UNIT_THEMATIC, bounds)
    for unit_id, month, n in found:
        monthly.setdefault(unit_id, []).append((month, n))
    out = []
    for rule in rules:
        parts = period.split(rule.per)
        owed = [p for p in parts if p.end <= min(period.end, today)]
        running = [p for p in parts if p.start <= today < p.end]
        counted = _ThematicCount(rule.count, owed, running, period)
        sql = _THEMATIC_UNITS.format(kinds=_marks(rule.unit_kinds))
        for unit_id, _kind, standing, sector in db.execute(sql, list(rule.unit_kinds)):
            if rule.needs_standing_committee and not standing:
                continue
            kept, held, later = counted(tuple(monthly.get(unit_id, ())))
            out.append(
                (sector, rule.count * len(owed), kept, held, rule.count * len(running), later)
            )
    return out


class _ThematicCount:
    """(kept, held, not due kept) of a unit's thematic meetings by month number, for one rule:
    at most `count` a rule-period, in the owed ones and in the running ones. Units with the
    same months count alike: worked out once each."""

    def __init__(self, count: int, owed: list[Period], running: list[Period], period: Period):
        self.count = count
        self.owed = {m: i for i, p in enumerate(owed) for m in range(p.first, p.first + p.length)}
        self.running = {
            m: i for i, p in enumerate(running) for m in range(p.first, p.first + p.length)
        }
        self.inside = range(period.first, period.first + period.length)
        self.known: dict[tuple, tuple[int, int, int]] = {(): (0, 0, 0)}

    def __call__(self, months: tuple) -> tuple[int, int, int]:
        found = self.known.get(months)
        if found is None:
            owed: dict[int, int] = {}
            running: dict[int, int] = {}
            held = 0
            for month, n in months:
                held += n if month in self.inside else 0
                if (i := self.owed.get(month)) is not None:
                    owed[i] = owed.get(i, 0) + n
                if (j := self.running.get(month)) is not None:
                    running[j] = running.get(j, 0) + n
            kept = sum(min(self.count, n) for n in owed.values())
            later = sum(min(self.count, n) for n in running.values())
            found = self.known[months] = (kept, held, later)
        return found


def _thematic_line(key, units: list[tuple]) -> ThematicLine:
    owing = [u for u in units if u[1]]
    return ThematicLine(
        key=key,
        units=len(owing),
        units_kept=sum(1 for u in owing if u[2] >= u[1]),
        owed=sum(u[1] for u in units),
        kept=sum(u[2] for u in units),
        held=sum(u[3] for u in units),
        not_due=sum(u[4] for u in units),
        not_due_kept=sum(u[5] for u in units),
    )


def _names(db: Database, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    ordered = sorted(ids)
    rows = db.query(
        f"select id, name from units where id in ({_marks(ordered)})",  # noqa: S608
        ordered,
    )
    return {r["id"]: r["name"] for r in rows}


def rating_counts(db: Database, period, *, unit_ids=None) -> dict[str, int]:
    """Visits done in `period` by rating level (optionally of some units)."""
    period = Period.parse(period)
    sql = "select rating, count(*) as n from visits where status = 'done' and date between ? and ?"
    params: list = [period.start.isoformat(), period.end.isoformat()]
    if unit_ids is not None:
        ids = list(unit_ids)
        sql += f" and unit_id in ({_marks(ids)})" if ids else " and 0"
        params += ids
    rows = db.query(sql + " group by rating", params)  # noqa: S608 (placeholders only)
    return {r["rating"]: r["n"] for r in rows if r["rating"]}


def planned_visits(db: Database, period) -> int:
    """Visits given a planned date inside `period` (done, still planned or cancelled)."""
    period = Period.parse(period)
    # Every status named, so that the (status, planned_date) index serves the range.
    return db.execute(
        "select count(*) from visits where status in ('planned', 'done', 'cancelled') "
        "and planned_date between ? and ?",
        [period.start.isoformat(), period.end.isoformat()],
    ).fetchone()[0]


def owed_by(line, as_of: date) -> tuple[int, int]:
    """(required, done) of a store.rules.cadence ComplianceLine as of `as_of`: the cadence periods
    already over, and those still running but already visited."""
    counted = [visited for p, visited in line.periods if p.end <= as_of or visited]
    return len(counted), sum(counted)


# Each assignment in force in the report, as store.rules.cadence.visit_compliance and `owed_by`
# judge it, worked out in SQL: the cadence periods ending in the report (`:periods`, each with
# its months as bits from the span's first month), those the assignment owes (in force half of
# their days), visited when a month of theirs has a visit done (the pair's months as bits).
_ASSIGNMENT_LINES = """
with periods(cadence, first, last, days, months, over) as materialized (
  select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
    from json_each(:periods)),
visited as materialized (
  select supervisor_id, unit_id, sum(distinct 1 << month) as months, sum(n) as n
    from (select supervisor_id, unit_id, sum(date >= :start) as n,
                 cast(substr(date, 1, 4) as integer) * 12 + cast(substr(date, 6, 2) as integer)
                 - :base as month
            from visits where status = 'done' and date between :span and :end
           group by supervisor_id, unit_id, month)
   group by supervisor_id, unit_id),
lines as materialized (
  select a.supervisor_id, a.unit_id, a.cadence, coalesce(x.n, 0) as visits,
         (select count(*) from periods p where p.cadence = a.cadence
             and (p.over or x.months & p.months) and {owes}) as required,
         (select count(*) from periods p where p.cadence = a.cadence
             and x.months & p.months and {owes}) as done
    from assignments a
    join supervisors s on s.id = a.supervisor_id
    join units u on u.id = a.unit_id
    left join visited x on x.supervisor_id = a.supervisor_id and x.unit_id = a.unit_id
   where a.start_date <= :end and (a.end_date is null or a.end_date >= :span))
select 'supervisor', l.supervisor_id, s.name, s.sort_key, count(distinct l.unit_id),
       sum(l.required), sum(l.done), sum(l.visits), count(*)
  from lines l join supervisors s on s.id = l.supervisor_id group by l.supervisor_id
union all
select 'cadence', cadence, null, null, null, null, null, null, count(*)
  from lines group by cadence
union all
select 'units', null, null, null, count(distinct unit_id), null, null, null, null from lines"""
# In force for at least half of the period's days (Assignment.owes); the dates alone first.
_OWES = """(a.start_date <= p.first and (a.end_date is null or a.end_date >= p.last)
             or 2 * (julianday(min(p.last, coalesce(a.end_date, p.last)))
                     - julianday(max(p.first, a.start_date)) + 1) >= p.days)"""
_ASSIGNMENT_LINES_SQL = _ASSIGNMENT_LINES.format(owes=_OWES)


def _cadence_periods(report: Period, span: date, as_of: date) -> list[list]:
    """Each cadence's periods ending in `report`: (cadence, first, last, days, months as
    bits from `span`'s month, over on `as_of`)."""
    base = span.year * 12 + span.month

    def months(p: Period) -> int:
        return sum(1 << (m.year * 12 + m.first - base) for m in p.months())

    return [
        [cadence, p.start.isoformat(), p.end.isoformat(), p.days, months(p), p.end <= as_of]
        for cadence, per in CADENCE_PER.items()
        for p in report.split(per)
        if p.end <= report.end
    ]


def visit_figures(db: Database, period, as_of) -> VisitFigures:
    """Assignments, visits required and done (by supervisor, as of `as_of`, see `owed_by`)
    and ratings in `period`: the lines of store.rules.cadence.visit_compliance summed in one
    query, where a province's 5,000 lines were built and summed in Python."""
    report, today = Period.parse(period), parse_date(as_of, "as_of")
    span = min(Period.containing(report.start, per).start for per in CADENCE_PER.values())
    params = {
        "periods": json.dumps(_cadence_periods(report, span, today)),
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "span": span.isoformat(),
        "base": span.year * 12 + span.month,
    }
    rows = db.execute(_ASSIGNMENT_LINES_SQL, params).fetchall()
    people = [r for r in rows if r[0] == "supervisor"]
    by_supervisor = tuple(
        SupervisorLine(sid, name, units, required, done, visits)
        for _k, sid, name, _sort, units, required, done, visits, _n in sorted(
            people, key=lambda r: (r[3] or person_sort_key(r[2]), r[1])
        )
    )
    return VisitFigures(
        assignments=sum(r[8] for r in people),
        supervisors=len(people),
        units=next((r[4] for r in rows if r[0] == "units"), 0) or 0,
        cadences={r[1]: r[8] for r in rows if r[0] == "cadence"},
        planned=planned_visits(db, period),
        required=sum(s.required for s in by_supervisor),
        done=sum(s.done for s in by_supervisor),
        visits=sum(s.visits for s in by_supervisor),
        ratings=rating_counts(db, period),
        by_supervisor=by_supervisor,
    )


@dataclass(frozen=True)
class PlanFigures:
    by_status: dict[str, int]  # every plan by status
    replaced: int  # completed "replaced" with an outcome date in the period
    retained: int
    started: int  # plans recorded in the period (created_at)


def plan_figures(db: Database, period) -> PlanFigures:
    """Replacement-source plans: how many by status, and their outcomes in `period`."""
    period = Period.parse(period)
    bounds = [period.start.isoformat(), period.end.isoformat()]
    by_status = {
        r["status"]: r["n"]
        for r in db.query("select status, count(*) as n from succession_plans group by status")
    }
    outcomes = {
        r["outcome"]: r["n"]
        for r in db.query(
            """select outcome, count(*) as n from succession_plans
                where status = 'completed' and outcome_date between ? and ? group by outcome""",
            bounds,
        )
    }
    started = db.execute(
        "select count(*) from succession_plans where substr(created_at, 1, 10) between ? and ?",
        bounds,
    ).fetchone()[0]
    return PlanFigures(
        by_status,
        outcomes.get(PlanOutcome.REPLACED, 0),
        outcomes.get(PlanOutcome.RETAINED, 0),
        started,
    )


def visit_concern_ids(db: Database, visit_id: int) -> list[int]:
    """The concerns raised at a visit, in the order they were raised: read through its
    unit's (a concern raised at a visit is the visit's unit's, store.concerns.checks), not
    every concern of the province."""
    sql = """select id from concerns
              where unit_id = (select unit_id from visits where id = ?) and visit_id = ?
              order by raised_date, id"""
    return [r["id"] for r in db.query(sql, [visit_id, visit_id])]
