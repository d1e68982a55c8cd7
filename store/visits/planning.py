"""Planning visits: the agenda (visits with a planned date and no meeting yet), suggestions
from each assignment's cadence, and planned visits whose date passed with nothing recorded.

A planned visit is completed by `store.visits.record_visit(planned_visit_id=...)`.
"""

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from store.core import records
from store.core.checks import parse_date
from store.core.errors import ValidationError
from store.lang.codes import PeriodKind, VisitStatus
from store.lang.i18n import _
from store.lang.text import vn_date
from store.rules.cadence import Assignment, assignment_on, assignments
from store.rules.periods import LENGTH, Period, add_months, periods_between
from store.visits.meetings import check_unit


def plan_visit(db: Database, supervisor_id: int, unit_id: int, planned_date, *, today: date) -> int:
    """Put a visit on the agenda; the date must fall within an assignment, today or later."""
    day, assignment = _check_plan(db, supervisor_id, unit_id, planned_date, today)
    return records.insert(
        db,
        "visits",
        {
            "supervisor_id": supervisor_id,
            "unit_id": unit_id,
            "assignment_id": assignment.id,
            "planned_date": day.isoformat(),
            "status": VisitStatus.PLANNED,
        },
    )


def move_planned_visit(db: Database, visit_id: int, planned_date, *, today: date) -> None:
    """Give a planned visit another date, checked as `plan_visit` checks a new one."""
    visit = records.get(db, "visits", visit_id)
    if visit["status"] != VisitStatus.PLANNED:
        raise ValidationError(_("Only a planned visit can be moved."), field="status")
    day, assignment = _check_plan(
        db, visit["supervisor_id"], visit["unit_id"], planned_date, today, moving=visit_id
    )
    records.update(
        db, "visits", visit_id, {"planned_date": day.isoformat(), "assignment_id": assignment.id}
    )


def _check_plan(db, supervisor_id, unit_id, planned_date, today, *, moving=None):
    """The planned day and the assignment in force on it; ValidationError otherwise."""
    day = parse_date(planned_date, "planned_date")
    if day < today:
        raise ValidationError(_("A visit is planned for today or later."), field="planned_date")
    check_unit(db, unit_id)
    assignment = assignment_on(db, supervisor_id, unit_id, day)
    if assignment is None:
        raise ValidationError(
            _("On {date} the supervisor is not assigned to this unit.").format(date=vn_date(day)),
            field="planned_date",
        )
    if db["visits"].count_where(
        "supervisor_id = ? and unit_id = ? and planned_date = ? and status = 'planned'"
        " and id is not ?",
        [supervisor_id, unit_id, day.isoformat(), moving],
    ):
        raise ValidationError(_("This visit is already on the agenda."), field="planned_date")
    return day, assignment


def cancel_planned_visit(db: Database, visit_id: int) -> None:
    """Take a planned visit off the agenda (kept, with status cancelled)."""
    if records.get(db, "visits", visit_id)["status"] != VisitStatus.PLANNED:
        raise ValidationError(_("Only a planned visit can be cancelled."), field="status")
    records.update(db, "visits", visit_id, {"status": VisitStatus.CANCELLED})


@dataclass(frozen=True, slots=True)
class AgendaItem:
    visit_id: int
    planned_date: str
    supervisor_id: int
    supervisor_name: str
    unit_id: int
    unit_name: str


_AGENDA_SQL = """
select v.id as visit_id, v.planned_date, v.supervisor_id, s.name as supervisor_name,
       v.unit_id, u.name as unit_name
from visits v
join supervisors s on s.id = v.supervisor_id
join units u on u.id = v.unit_id
where v.planned_date between ? and ?"""
# Everyone's planned visits by the (status, planned date) index; one supervisor's by the
# (supervisor, planned date) one, a few dozen rows (`+` keeps SQLite off the status index).
_PLANNED = (" and v.status = 'planned'", " and +v.status = 'planned' and v.supervisor_id = ?")


def _planned(db, supervisor_id, start: date, end: date, limit=None, offset=0) -> list[AgendaItem]:
    sql, params = (
        _AGENDA_SQL + _PLANNED[supervisor_id is not None],
        [start.isoformat(), end.isoformat()],
    )
    if supervisor_id is not None:
        params.append(supervisor_id)
    sql += " order by v.planned_date, u.sort_key, v.id"
    if limit is not None:
        sql += " limit ? offset ?"
        params += [limit, offset]
    return [AgendaItem(**r) for r in db.query(sql, params)]


def _count_planned(db, supervisor_id, start: date, end: date) -> int:
    sql = "select count(*) from visits v where v.planned_date between ? and ?"
    sql += _PLANNED[supervisor_id is not None]
    params: list = [start.isoformat(), end.isoformat()]
    if supervisor_id is not None:
        params.append(supervisor_id)
    return db.execute(sql, params).fetchone()[0]


def agenda(
    db: Database, supervisor_id: int | None, start, end, *, limit=None, offset=0
) -> list[AgendaItem]:
    """Planned visits from `start` to `end` (inclusive), by date; `limit` of them from
    `offset` for a page."""
    first, last = parse_date(start, "start"), parse_date(end, "end")
    return _planned(db, supervisor_id, first, last, limit, offset)


def count_agenda(db: Database, supervisor_id: int | None, start, end) -> int:
    """How many visits `agenda` lists (one index range, no row read)."""
    return _count_planned(db, supervisor_id, parse_date(start, "start"), parse_date(end, "end"))


def missed_visits(
    db: Database, supervisor_id: int | None, as_of, *, limit=None, offset=0
) -> list[AgendaItem]:
    """Planned visits whose date passed before `as_of` with no visit recorded."""
    return _planned(db, supervisor_id, date.min, _day_before(as_of), limit, offset)


def count_missed(db: Database, supervisor_id: int | None, as_of) -> int:
    """How many visits `missed_visits` lists."""
    return _count_planned(db, supervisor_id, date.min, _day_before(as_of))


def _day_before(as_of) -> date:
    return date.fromordinal(parse_date(as_of, "as_of").toordinal() - 1)


@dataclass(frozen=True, slots=True)
class Suggestion:
    assignment: Assignment
    period: Period  # the cadence period the visit covers
    date: date


def suggest_plan(db: Database, supervisor_id: int, *, start, months: int = 3) -> list[Suggestion]:
    """A visit date for every owed cadence period from `start` over `months` months that has
    no visit done or planned; spaced one cadence after the last visit where the period allows.
    Nothing is saved: accept a suggestion with `plan_visit`."""
    first = parse_date(start, "start")
    last_day = Period.containing(first, PeriodKind.MONTH).shift(months - 1).end
    out = []
    for a in assignments(db, supervisor_id, first, last_day):
        taken, last = _taken_months(db, a, first)
        periods = periods_between(
            Period.containing(first, a.per), Period.containing(last_day, a.per)
        )
        for period in periods:
            booked = [taken[m.code] for m in period.months() if m.code in taken]
            if booked:
                last = max(booked)
                continue
            if not a.owes(period):
                continue
            low = max(period.start, first, a.start_date)
            high = min(period.end, last_day, a.end_date or period.end)
            if low > high:
                continue
            target = add_months(last, LENGTH[a.per]) if last else low
            suggested = min(max(target, low), high)
            out.append(Suggestion(a, period, suggested))
            last = suggested
    return sorted(out, key=lambda s: (s.date, s.assignment.unit_name))


def _taken_months(db, a: Assignment, first: date) -> tuple[dict[str, date], date | None]:
    """{month code: latest date} of visits done or planned from `first`'s cadence period on,
    and the date of the last visit done before `first`."""
    since = Period.containing(first, a.per).start.isoformat()
    taken = {
        r["month"]: parse_date(r["day"])
        for r in db.query(
            """select substr(coalesce(date, planned_date), 1, 7) as month,
                      max(coalesce(date, planned_date)) as day from visits
               where supervisor_id = ? and unit_id = ? and status in ('done', 'planned')
               and coalesce(date, planned_date) >= ? group by month""",
            [a.supervisor_id, a.unit_id, since],
        )
    }
    row = next(
        iter(
            db.query(
                """select max(date) as last from visits where supervisor_id = ? and unit_id = ?
           and status = 'done' and date < ?""",
                [a.supervisor_id, a.unit_id, first.isoformat()],
            )
        )
    )
    return taken, parse_date(row["last"]) if row["last"] else None
