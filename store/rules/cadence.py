"""Visit duties: which visits each assignment owes, and where each stands (done, due, overdue).

The rules, all computed from dates and the rulebook's grace days:
- A cadence period (a calendar month for `monthly`, a quarter for `quarterly`) is *owed* by an
  assignment in force for at least half of its days: an assignment starting on 25 October owes
  no October visit, one starting on 10 October does. A visit in any period still counts.
- A report period requires the owed cadence periods that *end* inside it: a quarterly visit
  shows in the report of the quarter, or of the month ending the quarter, not of its first months.
- An assignment is `done` when visited in the current cadence period; `overdue` when an owed
  period since the last visit ended more than `grace_days` ago; otherwise `due`.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlite_utils import Database

from store.core.checks import parse_date
from store.core.schema import unit_display_sql
from store.rules.periods import CADENCE_PER, Period

_COLUMNS = f"""select a.id, a.supervisor_id, a.unit_id, a.cadence, a.start_date, a.end_date,
       s.name as supervisor_name, {unit_display_sql("u")} as unit_name"""
_LAST_VISIT = """, (select max(v.date) from visits v where v.unit_id = a.unit_id
       and v.supervisor_id = a.supervisor_id and v.status = 'done' and v.date <= ?) as last_visit"""
_FROM = """
from assignments a
join supervisors s on s.id = a.supervisor_id
join units u on u.id = a.unit_id
"""
_ASSIGNMENT_SQL = _COLUMNS + _FROM
# A date as the database holds it, checked when written: a province's due list reads 15,000,
# most of them the same few hundred days.
_stored_date = lru_cache(maxsize=4096)(date.fromisoformat)


@dataclass(frozen=True, slots=True)
class Assignment:
    id: int
    supervisor_id: int
    unit_id: int
    cadence: str
    start_date: date
    end_date: date | None
    supervisor_name: str = ""
    unit_name: str = ""

    @property
    def per(self) -> str:
        return CADENCE_PER[self.cadence]

    def owes(self, period: Period) -> bool:
        """True when the assignment is in force for at least half of `period`'s days."""
        return 2 * period.overlap_days(self.start_date, self.end_date) >= period.days

    def in_force(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    def owed_periods(self, report: Period) -> list[Period]:
        """The cadence periods owed whose end falls inside `report`."""
        return [p for p in report.split(self.per) if p.end <= report.end and self.owes(p)]

    @classmethod
    def from_row(cls, row: dict) -> "Assignment":
        return cls(
            row["id"],
            row["supervisor_id"],
            row["unit_id"],
            row["cadence"],
            _stored_date(row["start_date"]),
            _stored_date(row["end_date"]) if row.get("end_date") else None,
            row.get("supervisor_name") or "",
            row.get("unit_name") or "",
        )


def assignment_on(db: Database, supervisor_id: int, unit_id: int, day: date) -> Assignment | None:
    """The assignment of the supervisor to the unit in force on `day`, if any."""
    rows = db.query(
        _ASSIGNMENT_SQL
        + """where a.supervisor_id = ? and a.unit_id = ? and a.start_date <= ?
           and (a.end_date is null or a.end_date >= ?) order by a.start_date desc limit 1""",
        [supervisor_id, unit_id, day.isoformat(), day.isoformat()],
    )
    row = next(iter(rows), None)
    return Assignment.from_row(row) if row else None


def assignments(
    db: Database, supervisor_id: int | None, start: date, end: date
) -> list[Assignment]:
    """Assignments in force on some day of [start, end], optionally of one supervisor."""
    where = "where a.start_date <= ? and (a.end_date is null or a.end_date >= ?)"
    params: list = [end.isoformat(), start.isoformat()]
    if supervisor_id is not None:
        where += " and a.supervisor_id = ?"
        params.append(supervisor_id)
    rows = db.query(_ASSIGNMENT_SQL + where + " order by u.sort_key, a.id", params)
    return [Assignment.from_row(r) for r in rows]


@dataclass(frozen=True, slots=True)
class DueItem:
    assignment: Assignment
    last_visit: date | None
    period: Period  # the cadence period holding `as_of`
    state: str  # done | due | overdue
    next_due: date | None  # end of the owed period to visit next (None: nothing more owed)
    days_overdue: int = 0
    overdue_since: Period | None = None  # the first owed period left unvisited

    @property
    def rank(self) -> tuple:
        """Worst first: overdue (longest first), then due (soonest first), then done."""
        order = {"overdue": 0, "due": 1, "done": 2}[self.state]
        return (order, -self.days_overdue, self.next_due or date.max)


def state_of(assignment: Assignment, last_visit: date | None, as_of: date, grace_days: int):
    """Where `assignment` stands on `as_of`, given the date of its last visit."""
    return DueItem(assignment, last_visit, *_standing(assignment, last_visit, as_of, grace_days))


def _standing(assignment: Assignment, last_visit: date | None, as_of: date, grace_days: int):
    """The fields of `state_of` after the visit: (period, state, next due, days overdue,
    overdue since). They follow from the cadence and the dates alone."""
    current = Period.containing(as_of, assignment.per)
    if last_visit and current.contains(last_visit):
        upcoming = _first_owed(assignment, current.next(), None)
        return current, "done", upcoming and upcoming.end, 0, None
    start = Period.containing(assignment.start_date, assignment.per)
    if last_visit:
        start = max(start, Period.containing(last_visit, assignment.per).next())
    missed = _first_owed(assignment, start, current)
    if missed is not None:
        late = (as_of - missed.end).days
        if late > grace_days:
            return current, "overdue", missed.end, late, missed
        return current, "due", missed.end, 0, None
    upcoming = _first_owed(assignment, max(start, current), None)
    return current, "due" if upcoming else "done", upcoming and upcoming.end, 0, None


def _first_owed(assignment: Assignment, first: Period, before: Period | None) -> Period | None:
    """The first owed period from `first` on, stopping before `before` (or the assignment end)."""
    current = first
    while before is None or current < before:
        if assignment.end_date and current.start > assignment.end_date:
            return None
        if assignment.owes(current):
            return current
        current = current.next()
    return None


def assignment_state(db: Database, assignment: Assignment, as_of: date, rulebook) -> DueItem:
    """Where one assignment stands on `as_of` (see the module docstring)."""
    row = next(
        iter(
            db.query(
                """select max(date) as last from visits where unit_id = ? and supervisor_id = ?
           and status = 'done' and date <= ?""",
                [assignment.unit_id, assignment.supervisor_id, as_of.isoformat()],
            )
        )
    )
    last = parse_date(row["last"]) if row["last"] else None
    return state_of(assignment, last, as_of, rulebook.grace_days)


def due_list(db: Database, supervisor_id: int | None, as_of: date, rulebook=None) -> list[DueItem]:
    """Every assignment in force on `as_of` with its state, worst first (the dashboard)."""
    from store.rules.rulebook import in_force as rulebook_in_force

    rulebook = rulebook or rulebook_in_force(db)
    day = as_of.isoformat()
    where = "where a.start_date <= ? and (a.end_date is null or a.end_date >= ?)"
    params: list = [day, day, day]
    if supervisor_id is not None:
        where += " and a.supervisor_id = ?"
        params.append(supervisor_id)
    # Units in their order (thôn 2 before thôn 10), one unit's supervisors in the people's,
    # which the stable sort by rank keeps among equals: read from the stored keys, not
    # computed again for 4,800 rows.
    order = " order by u.sort_key, s.sort_key, a.id"
    rows = db.query(_COLUMNS + _LAST_VISIT + _FROM + where + order, params)
    # Assignments of the same cadence and dates stand alike: a province's 4,800 share 1,500
    # (a term's first day, the days of the last visits), worked out once each (-12 ms).
    known: dict[tuple, tuple] = {}
    items = []
    for row in rows:
        assignment = Assignment.from_row(row)
        last = _stored_date(row["last_visit"]) if row["last_visit"] else None
        key = (assignment.cadence, assignment.start_date, assignment.end_date, last)
        if key not in known:
            known[key] = _standing(assignment, last, as_of, rulebook.grace_days)
        items.append(DueItem(assignment, last, *known[key]))
    return sorted(items, key=lambda item: item.rank)


@dataclass(frozen=True, slots=True)
class ComplianceLine:
    assignment: Assignment
    required: int  # owed cadence periods ending inside the report period
    done: int  # of those, the ones with at least one visit
    visits: int  # visits dated inside the report period
    periods: tuple[tuple[Period, bool], ...]  # each owed period and whether it was visited

    @property
    def missing(self) -> int:
        return self.required - self.done


def visit_compliance(db: Database, supervisor_id: int | None, period) -> list[ComplianceLine]:
    """Visits required vs done in `period`, per assignment in force during it."""
    report = Period.parse(period)
    span_start = min(Period.containing(report.start, per).start for per in CADENCE_PER.values())
    found = assignments(db, supervisor_id, span_start, report.end)
    monthly = _visits_by_month(db, supervisor_id, span_start, report.end)
    tiles: dict[
        str, list
    ] = {  # per cadence: the cadence periods ending in the report, with their month codes
        per: [(p, [m.code for m in p.months()]) for p in report.split(per) if p.end <= report.end]
        for per in CADENCE_PER.values()
    }
    report_months = [m.code for m in report.months()]
    lines = []
    for a in found:
        counts = monthly.get((a.supervisor_id, a.unit_id), {})
        owed = tuple(
            (p, any(counts.get(code) for code in codes)) for p, codes in tiles[a.per] if a.owes(p)
        )
        in_report = sum(counts.get(code, 0) for code in report_months)
        lines.append(ComplianceLine(a, len(owed), sum(v for _p, v in owed), in_report, owed))
    return lines


def _visits_by_month(db, supervisor_id, start: date, end: date) -> dict:
    """{(supervisor_id, unit_id): {"2026-10": visits}} for done visits in [start, end]."""
    # One supervisor's visits through their own index ("+status": not every visit of the
    # province in those months by status and date, 3 ms against 0.02).
    status = "status" if supervisor_id is None else "+status"
    sql = f"""select supervisor_id, unit_id, substr(date, 1, 7) as month, count(*) as n
              from visits where {status} = 'done' and date between ? and ?"""  # noqa: S608
    params: list = [start.isoformat(), end.isoformat()]
    if supervisor_id is not None:
        sql += " and supervisor_id = ?"
        params.append(supervisor_id)
    out: dict = {}
    for row in db.query(sql + " group by supervisor_id, unit_id, month", params):
        out.setdefault((row["supervisor_id"], row["unit_id"]), {})[row["month"]] = row["n"]
    return out
