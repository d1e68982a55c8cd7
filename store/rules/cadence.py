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
    db: Database, supervisor_id: int | None, start: date, end: date, *, titled: bool = True
) -> list[Assignment]:
    """Assignments in force on some day of [start, end], optionally of one supervisor; units
    by the name lists show (`titled`: with the parent's where two share a name) or their own."""
    where = "where a.start_date <= ? and (a.end_date is null or a.end_date >= ?)"
    params: list = [end.isoformat(), start.isoformat()]
    if supervisor_id is not None:
        where += " and a.supervisor_id = ?"
        params.append(supervisor_id)
    sql = _ASSIGNMENT_SQL if titled else _ASSIGNMENT_SQL.replace(unit_display_sql("u"), "u.name")
    rows = db.execute(sql + where + " order by u.sort_key, a.id", params)
    return [
        Assignment(row_id, who, unit, cadence, _stored_date(start),
                   _stored_date(end) if end else None, name or "", unit_name or "")
        for row_id, who, unit, cadence, start, end, name, unit_name in rows
    ]  # fmt: skip


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


def due_list(
    db: Database,
    supervisor_id: int | None,
    as_of: date,
    rulebook=None,
    *,
    limit: int | None = None,
    offset: int = 0,
    counts: "DueCounts | None" = None,
) -> list[DueItem]:
    """Every assignment in force on `as_of` with its state, worst first (the dashboard), or
    `limit` of them from `offset`: one page read from the kept deadlines (`assignment_visits`,
    m014) in their order, never the whole province. `counts`: `due_counts` of the same call,
    when the caller has them (a table's count, then its pages)."""
    rulebook = rulebook or _rulebook(db)
    if not _kept_serves(db, as_of):
        whole = _worked_out(db, supervisor_id, as_of, rulebook)
        return whole[offset : None if limit is None else offset + limit]
    counts = counts or due_counts(db, supervisor_id, as_of, rulebook)
    items: list[DueItem] = []
    known: dict[tuple, tuple] = {}
    for part, (before, size) in zip(_PARTS, counts.parts(), strict=True):
        # This part's rows inside [offset, offset + limit), counted from its first.
        upto = size if limit is None else min(size, offset + limit - before)
        skip = max(offset - before, 0)
        if upto <= skip:
            continue
        params = _params(supervisor_id, as_of, rulebook.grace_days)
        rows = db.query(_part_sql(part, supervisor_id), params | {"n": upto - skip, "skip": skip})
        items += [_item(row, as_of, rulebook.grace_days, known) for row in rows]
    return items


@dataclass(frozen=True, slots=True)
class DueCounts:
    """How many assignments in force stand overdue, due and done (the dashboard's cards)."""

    overdue: int
    due: int
    done: int  # visited this period (with a deadline after it), or owing nothing more
    done_undated: int = 0  # of `done`, those owing nothing more (listed last)

    @property
    def assigned(self) -> int:
        return self.overdue + self.due + self.done

    def of(self, state: str) -> int:
        return {"overdue": self.overdue, "due": self.due, "done": self.done}[state]

    def parts(self) -> list[tuple[int, int]]:
        """(rows before, rows) of each part of the list, in `_PARTS` order."""
        sizes = [self.overdue, self.due, self.done - self.done_undated, self.done_undated]
        return [(sum(sizes[:i]), n) for i, n in enumerate(sizes)]


def due_counts(db: Database, supervisor_id: int | None, as_of: date, rulebook=None) -> DueCounts:
    """The due list's counts by state, counted in SQL over the kept deadlines."""
    rulebook = rulebook or _rulebook(db)
    if not _kept_serves(db, as_of):
        items = _worked_out(db, supervisor_id, as_of, rulebook)
        states = [i.state for i in items]
        undated = sum(1 for i in items if i.state == "done" and i.next_due is None)
        return DueCounts(states.count("overdue"), states.count("due"), states.count("done"),
                         undated)  # fmt: skip
    sql = f"""select count(*) filter (where k.next_due < {_OVERDUE_BEFORE}) as overdue,
                     count(*) filter (where k.next_due is not null
                                        and k.last_visit >= {_CURRENT}) as done,
                     count(*) filter (where k.next_due is null) as undated, count(*) as n
                from assignment_visits k indexed by idx_assignment_visits_{{index}}
               where {_in_force(supervisor_id)}"""  # noqa: S608 (constant fragments only)
    # Read from an index holding every column asked (the table's rows are wider).
    sql = sql.replace("{index}", "due" if supervisor_id is None else "supervisor")
    row = next(iter(db.query(sql, _params(supervisor_id, as_of, rulebook.grace_days))))
    done = row["done"] + row["undated"]
    return DueCounts(row["overdue"], row["n"] - row["overdue"] - done, done, row["undated"])


def due_index(
    db: Database,
    supervisor_id: int | None,
    as_of: date,
    assigned: tuple[int, int],
    rulebook=None,
) -> int | None:
    """Where the assignment of `assigned` (supervisor id, unit id) stands in `due_list`: the
    cursor kept on its row after a reload (None: not listed). Counted in SQL, part by part."""
    rulebook = rulebook or _rulebook(db)
    if not _kept_serves(db, as_of):
        whole = _worked_out(db, supervisor_id, as_of, rulebook)
        keys = [(i.assignment.supervisor_id, i.assignment.unit_id) for i in whole]
        return keys.index(assigned) if assigned in keys else None
    params = _params(supervisor_id, as_of, rulebook.grace_days)
    params |= {"who": assigned[0], "unit": assigned[1]}
    counts = due_counts(db, supervisor_id, as_of, rulebook)
    # The list's order as one row value (no nulls in it, so that `<` compares every part).
    order = "coalesce(k.next_due, ''), coalesce(k.unit_sort, ''), coalesce(k.supervisor_sort, '')"
    order += ", k.assignment_id"
    for part, (before, _size) in zip(_PARTS, counts.parts(), strict=True):
        where = f"{_PART_WHERE[part]} and {_in_force(supervisor_id)}"
        target = db.execute(
            f"select {order} from assignment_visits k where {where}"  # noqa: S608
            f" and k.supervisor_id = :who and k.unit_id = :unit order by {order} limit 1",
            params,
        ).fetchone()
        if target is not None:
            at = dict(zip(("k0", "k1", "k2", "k3"), target, strict=True))
            sql = f"""select count(*) from assignment_visits k
                       where {where} and ({order}) < (:k0, :k1, :k2, :k3)"""  # noqa: S608
            return before + db.execute(sql, params | at).fetchone()[0]
    return None


def _rulebook(db):
    from store.rules.rulebook import in_force as rulebook_in_force

    return rulebook_in_force(db)


def _kept_serves(db: Database, as_of: date) -> bool:
    """The kept last visits are the last ones up to `as_of` unless a visit is dated after it
    (a list as it stood on an earlier day): then the list is worked out from the visits."""
    row = db.execute("select max(date) from visits where status = 'done'").fetchone()
    return row[0] is None or row[0] <= as_of.isoformat()


# The list's parts in its order, each an index range of the kept deadlines (see the module
# docstring): overdue (deadline passed over the grace days, oldest first), due (deadline to
# come or within the grace days, soonest first), done with a deadline after this period, done
# owing nothing more. `:m`/`:q` are the month's and quarter's first day, `:bm`/`:bq` the
# deadlines before which an assignment of that cadence is overdue.
_CURRENT = "(case k.cadence when 'quarterly' then :q else :m end)"
_OVERDUE_BEFORE = "(case k.cadence when 'quarterly' then :bq else :bm end)"
_PART_WHERE = {
    "overdue": f"k.next_due < :bm and k.next_due < {_OVERDUE_BEFORE}",
    "due": f"""k.next_due >= :bq and k.next_due >= {_OVERDUE_BEFORE}
               and (k.last_visit is null or k.last_visit < {_CURRENT})""",
    "done": f"k.next_due > :day and k.last_visit >= {_CURRENT}",
    "undated": "k.next_due is null",
}
_PARTS = tuple(_PART_WHERE)
_PAGE = (
    _COLUMNS.replace(
        "a.id, a.supervisor_id, a.unit_id, a.cadence, a.start_date, a.end_date",
        "k.assignment_id as id, k.supervisor_id, k.unit_id, k.cadence, "
        "k.start_date, k.end_date, k.last_visit",
    )  # fmt: skip
    + """
from assignment_visits k
join supervisors s on s.id = k.supervisor_id
join units u on u.id = k.unit_id
"""
)


def _params(supervisor_id: int | None, as_of: date, grace_days: int) -> dict:
    """The named parameters of `due_counts`, `_PART_WHERE` and `_in_force` on `as_of`."""
    month = Period.containing(as_of, "month").start.isoformat()
    quarter = Period.containing(as_of, "quarter").start.isoformat()
    late = date.fromordinal(as_of.toordinal() - grace_days).isoformat()
    return {"m": month, "q": quarter, "bm": min(month, late), "bq": min(quarter, late),
            "day": as_of.isoformat(), "sid": supervisor_id}  # fmt: skip


def _in_force(supervisor_id: int | None) -> str:
    where = "k.start_date <= :day and (k.end_date is null or k.end_date >= :day)"
    return where if supervisor_id is None else where + " and k.supervisor_id = :sid"


def _part_sql(part: str, supervisor_id: int | None) -> str:
    return (
        _PAGE
        + f"where {_PART_WHERE[part]} and {_in_force(supervisor_id)}"
        + " order by k.next_due, k.unit_sort, k.supervisor_sort, k.assignment_id"
        + " limit :n offset :skip"
    )


def _item(row: dict, as_of: date, grace_days: int, known: dict) -> DueItem:
    """A listed row's standing, worked out from its dates (`_standing`, once per alike)."""
    assignment = Assignment.from_row(row)
    last = _stored_date(row["last_visit"]) if row["last_visit"] else None
    key = (assignment.cadence, assignment.start_date, assignment.end_date, last)
    if key not in known:
        known[key] = _standing(assignment, last, as_of, grace_days)
    return DueItem(assignment, last, *known[key])


def _worked_out(db: Database, supervisor_id: int | None, as_of: date, rulebook) -> list[DueItem]:
    """The whole due list worked out from the visits up to `as_of` (no kept figure read)."""
    day = as_of.isoformat()
    where = "where a.start_date <= ? and (a.end_date is null or a.end_date >= ?)"
    params: list = [day, day, day]
    if supervisor_id is not None:
        where += " and a.supervisor_id = ?"
        params.append(supervisor_id)
    # Units in their order (thôn 2 before thôn 10), one unit's supervisors in the people's,
    # which the stable sort by rank keeps among equals.
    order = " order by u.sort_key, s.sort_key, a.id"
    rows = db.query(_COLUMNS + _LAST_VISIT + _FROM + where + order, params)
    known: dict[tuple, tuple] = {}
    items = [_item(row, as_of, rulebook.grace_days, known) for row in rows]
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


def visit_compliance(
    db: Database, supervisor_id: int | None, period, *, titled: bool = True
) -> list[ComplianceLine]:
    """Visits required vs done in `period`, per assignment in force during it (`titled`: as
    `assignments`; a province's figures, which name no unit, go without)."""
    report = Period.parse(period)
    span_start = min(Period.containing(report.start, per).start for per in CADENCE_PER.values())
    found = assignments(db, supervisor_id, span_start, report.end, titled=titled)
    monthly = _visits_by_month(db, supervisor_id, span_start, report.end)
    tiles: dict[
        str, list
    ] = {  # per cadence: the cadence periods ending in the report, with their month codes
        per: [(p, [m.code for m in p.months()]) for p in report.split(per) if p.end <= report.end]
        for per in CADENCE_PER.values()
    }
    report_months = {m.code for m in report.months()}
    # Assignments of the same cadence and dates owe alike: a province's 5,000 share a few
    # hundred (a term's first day), worked out once each.
    owing: dict[tuple, tuple] = {}
    lines = []
    for a in found:
        key = (a.per, a.start_date, a.end_date)
        if key not in owing:
            owing[key] = tuple((p, codes) for p, codes in tiles[a.per] if a.owes(p))
        counts = monthly.get((a.supervisor_id, a.unit_id))
        if counts:  # {month: visits}, each with one at least
            owed = tuple((p, not counts.keys().isdisjoint(codes)) for p, codes in owing[key])
            in_report = sum(n for code, n in counts.items() if code in report_months)
        else:
            owed, in_report = tuple((p, False) for p, _codes in owing[key]), 0
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
    for who, unit, month, n in db.execute(sql + " group by supervisor_id, unit_id, month", params):
        out.setdefault((who, unit), {})[month] = n
    return out
