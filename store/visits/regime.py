"""The meeting regime, computed from the rulebook (never hard-coded): what a unit owes, what it
held and a unit's trend; it also offers the visit duties of store.rules.cadence and the compliance
grid of store.grid. Aggregates run in SQL over the covering index
`idx_meetings_unit_date`; Python only folds a few rows per unit and month.

How a rule "count per rule-period" is judged in a report period (see `RegimeLine`):
- each rule-period that *ends* inside the report period is due in it: its `count` meetings are
  required, counting the meetings held anywhere in that rule-period (a December report judges
  the second half-year's thematic meeting, wherever in the half it was held);
- a rule-period still running at `as_of` is `pending`, not missed, until it ends;
- a rule-period ending after the report period (the half-year rule in a month report) is shown
  as `due_later`, with its end date in `due_by`, and is not part of `required`; what it has
  already held is `kept_later`. A table shows `owed` = `done` + `missed` + `not_due`, so that
  every meeting a rule asks for is held, missed or not yet due (never none of them).
Attendance rate = present ÷ (members − exempted), averaged over the regular meetings held.
"""

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from store.core.checks import parse_date
from store.lang.codes import PeriodKind
from store.org.units import Unit, get_unit
from store.rules.cadence import (
    DueCounts,
    DueItem,
    assignment_state,
    due_counts,
    due_index,
    due_list,
    visit_compliance,
)
from store.rules.periods import Period
from store.visits.grid import ComplianceGrid, compliance_grid
from store.visits.meetings import rate_sql

# The visit duties (store.rules.cadence) and the grid (store.visits.grid) are part of the regime
# too.
__all__ = [
    "ComplianceGrid",
    "DueCounts",
    "DueItem",
    "RegimeLine",
    "TrendPoint",
    "UnitRegime",
    "assignment_state",
    "compliance_grid",
    "due_counts",
    "due_index",
    "due_list",
    "unit_regime",
    "unit_trend",
    "visit_compliance",
]


@dataclass(frozen=True, slots=True)
class RegimeLine:
    meeting_kind: str
    count: int  # meetings required per rule-period
    per: str  # month | quarter | half | year
    required: int  # meetings due inside the report period
    held: int  # meetings of this kind dated inside the report period
    kept: int  # required meetings held
    missed: int  # required meetings not held in rule-periods that are over
    pending: int  # required meetings still possible: their rule-period is running
    due_later: int  # owed by a rule-period ending after the report period
    due_by: date | None  # the end of that rule-period
    kept_later: int = 0  # meetings already held towards that rule-period

    @property
    def owed(self) -> int:
        """Meetings the rule asks for in the rule-periods touching the report period."""
        return self.required + self.kept_later + self.due_later

    @property
    def done(self) -> int:
        """Of those, the ones held (a unit's extra meetings do not count twice)."""
        return self.kept + self.kept_later

    @property
    def not_due(self) -> int:
        """Of those, the ones whose rule-period is not over: neither held nor missed."""
        return self.pending + self.due_later

    @property
    def status(self) -> str:
        if self.missed:
            return "missed"
        return "pending" if self.pending or self.due_later else "kept"


@dataclass(frozen=True)
class UnitRegime:
    unit: Unit
    period: Period
    rulebook: str
    lines: tuple[RegimeLine, ...]
    regular_meetings: int
    attendance_rate: float | None  # per cent
    attendance_threshold: float

    @property
    def attendance_ok(self) -> bool | None:
        rate = self.attendance_rate
        return None if rate is None else rate >= self.attendance_threshold

    @property
    def missed(self) -> int:
        return sum(line.missed for line in self.lines)


def unit_regime(db: Database, unit_id: int, period, rulebook=None, *, as_of) -> UnitRegime:
    """What the unit owed and held in `period` under `rulebook` (default: the one in force)."""
    from store.rules.rulebook import in_force as rulebook_in_force

    rulebook = rulebook or rulebook_in_force(db)
    unit = get_unit(db, unit_id)
    period = Period.parse(period)
    today = parse_date(as_of, "as_of")
    rules = rulebook.rules_for(unit.kind, unit.has_standing_committee, unit.committee_size)
    spans = [p for rule in rules for p in period.split(rule.per)] + [period]
    counts = _month_counts(
        db, unit_id, min(p.start for p in spans), min(max(p.end for p in spans), today)
    )
    lines = tuple(_judge(rule, period, counts.get(rule.meeting_kind, {}), today) for rule in rules)
    row = next(
        iter(
            db.query(
                f"""select count(*) as n, {rate_sql()} as rate from meetings
            where unit_id = ? and date between ? and ? and kind = 'regular'""",  # noqa: S608
                [unit_id, period.start.isoformat(), period.end.isoformat()],
            )
        )
    )
    return UnitRegime(
        unit, period, rulebook.name, lines, row["n"], row["rate"], rulebook.attendance_threshold
    )


def _month_counts(db, unit_id: int, start: date, end: date) -> dict[str, dict[str, int]]:
    """{kind: {"2026-10": meetings}} for the unit between two dates."""
    out: dict[str, dict[str, int]] = {}
    for r in db.query(
        """select kind, substr(date, 1, 7) as month, count(*) as n from meetings
           where unit_id = ? and date between ? and ? group by kind, month""",
        [unit_id, start.isoformat(), end.isoformat()],
    ):
        out.setdefault(r["kind"], {})[r["month"]] = r["n"]
    return out


def _judge(rule, period: Period, counts: dict[str, int], today: date) -> RegimeLine:
    required = kept = missed = pending = later = kept_later = 0
    due_by = None
    for part in period.split(rule.per):
        held = sum(counts.get(m.code, 0) for m in part.months())
        short = max(0, rule.count - held)
        if part.end > period.end:
            later, due_by = later + short, part.end
            kept_later += rule.count - short
            continue
        required += rule.count
        kept += rule.count - short
        if part.end < today:
            missed += short
        else:
            pending += short
    held = sum(counts.get(m.code, 0) for m in period.months())
    return RegimeLine(
        rule.meeting_kind,
        rule.count,
        rule.per,
        required,
        held,
        kept,
        missed,
        pending,
        later,
        due_by,
        kept_later,
    )


@dataclass(frozen=True, slots=True)
class TrendPoint:
    period: Period  # a month
    meetings: int
    attendance_rate: float | None
    visits: int
    visit_score: float | None  # average total of the visits' score sheets


def unit_trend(db: Database, unit_id: int, months: int = 24, *, as_of) -> list[TrendPoint]:
    """Month by month, the last `months` months up to `as_of`: attendance and visit scores."""
    last = Period.containing(parse_date(as_of, "as_of"), PeriodKind.MONTH)
    first = last.shift(1 - months)
    bounds = [unit_id, first.start.isoformat(), last.end.isoformat()]
    meetings = {
        r["month"]: r
        for r in db.query(
            f"""select substr(date, 1, 7) as month, count(*) as n, {rate_sql()} as rate
            from meetings where unit_id = ? and date between ? and ? group by month""",  # noqa: S608
            bounds,
        )
    }
    visits = {
        r["month"]: r
        for r in db.query(
            """select substr(date, 1, 7) as month, count(*) as n, avg(total) as score from visits
           where unit_id = ? and date between ? and ? and status = 'done' group by month""",
            bounds,
        )
    }
    empty = {"n": 0, "rate": None, "score": None}
    return [
        TrendPoint(
            m,
            meetings.get(m.code, empty)["n"],
            meetings.get(m.code, empty)["rate"],
            visits.get(m.code, empty)["n"],
            visits.get(m.code, empty)["score"],
        )
        for m in (first.shift(i) for i in range(months))
    ]
