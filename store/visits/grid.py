"""The compliance grid: units × the 12 months of a year, one cell state per month.

A cell's `state`: `future` (the month has not started, or is running and not yet kept),
`held` (every monthly rule of the rulebook for the unit's kind kept), `missed` (a monthly rule
not kept in a month that is over), or `none` (the unit owes no monthly meeting and held none).
Flags on top: `visited` (a supervisor visit), `thematic` (a thematic meeting held),
`low_attendance` (regular-meeting attendance under the rulebook's threshold).
Totals count each state and each flag, per row, per column and overall.
The meetings are read from their kept monthly counts (`meeting_months`, store.core.summaries)
and the visits unit by unit, so that a first page costs the page, not the province.
"""

import json
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from store.core.checks import parse_date
from store.lang.codes import MeetingKind, PeriodKind
from store.org.units import Unit, children
from store.rules.periods import Period

KEYS = ("held", "missed", "future", "none", "visited", "thematic", "low_attendance")


@dataclass(frozen=True, slots=True)
class GridCell:
    month: int
    state: str  # held | missed | future | none
    meetings: int
    visited: bool
    thematic: bool
    low_attendance: bool
    attendance_rate: float | None

    @property
    def mark(self) -> str:
        """The one state to show when a cell has room for one: the most telling."""
        if self.state in ("future", "missed", "none"):
            return self.state
        for flag in ("low_attendance", "visited", "thematic"):
            if getattr(self, flag):
                return flag
        return self.state


@dataclass(frozen=True)
class GridRow:
    unit: Unit
    cells: tuple[GridCell, ...]
    totals: dict[str, int]


@dataclass(frozen=True)
class ComplianceGrid:
    year: int
    parent_id: int | None
    rows: tuple[GridRow, ...]
    column_totals: tuple[dict[str, int], ...]  # one per month
    totals: dict[str, int]


def _totals(cells) -> dict[str, int]:
    """Each state and each flag counted (a province's year: 30,000 cells, twice)."""
    counted = dict.fromkeys(KEYS, 0)
    for cell in cells:
        counted[cell.state] += 1
        counted["visited"] += cell.visited
        counted["thematic"] += cell.thematic
        counted["low_attendance"] += cell.low_attendance
    return counted


def compliance_grid(
    db: Database,
    *,
    parent_id: int | None,
    year: int,
    as_of,
    rulebook=None,
    first: int | None = None,
) -> ComplianceGrid:
    """The active units under `parent_id` (None: the grassroots organizations) × 12 months;
    `first`: only the first units, in the grid's order, totals over them (a screen's first
    page, shown while the whole grid is worked out)."""
    from store.rules.rulebook import in_force as rulebook_in_force

    rulebook = rulebook or rulebook_in_force(db)
    today = parse_date(as_of, "as_of")
    units = children(db, parent_id, active=True, limit=first)
    only = [u.id for u in units] if first is not None else None
    meetings, visits = _aggregates(db, parent_id, Period.of(year, PeriodKind.YEAR), only)
    months = Period.of(year, PeriodKind.YEAR).months()
    rules: dict[tuple, list] = {}  # the monthly rules of each kind of unit, read once
    rows = []
    for unit in units:
        key = (unit.kind, unit.has_standing_committee, unit.committee_size)
        if key not in rules:
            rules[key] = [r for r in rulebook.rules_for(*key) if r.per == PeriodKind.MONTH]
        cells = tuple(
            _cell(
                month,
                rules[key],
                meetings.get((unit.id, month.first), {}),
                visits.get((unit.id, month.first), 0),
                rulebook.attendance_threshold,
                today,
            )
            for month in months
        )
        rows.append(GridRow(unit, cells, _totals(cells)))
    columns = tuple(_totals([row.cells[m] for row in rows]) for m in range(12))
    overall = {k: sum(column[k] for column in columns) for k in KEYS}
    return ComplianceGrid(year, parent_id, tuple(rows), columns, overall)


def _cell(month: Period, rules, kinds: dict, visits: int, threshold: float, today: date):
    held = {kind: n for kind, (n, _rate) in kinds.items()}
    rate = kinds.get(MeetingKind.REGULAR, (0, None))[1]
    kept = all(held.get(r.meeting_kind, 0) >= r.count for r in rules)
    if month.start > today or (month.end >= today and not (kept and rules)):
        state = "future"
    elif not rules:
        state = "held" if held else "none"
    else:
        state = "held" if kept else "missed"
    return GridCell(
        month.first,
        state,
        sum(held.values()),
        visits > 0,
        held.get(MeetingKind.THEMATIC, 0) > 0,
        rate is not None and rate < threshold,
        rate,
    )


def _aggregates(db, parent_id: int | None, year: Period, only=None) -> tuple[dict, dict]:
    """{(unit_id, month): {kind: (meetings, attendance rate)}} and {(unit_id, month): visits},
    of the units under `parent_id` (`only` those ids, when given)."""
    under = "u.parent_id = ?" if parent_id is not None else "u.parent_id is null"
    params: list[int | str] = [parent_id] if parent_id is not None else []
    if only is not None:
        under += " and u.id in (select value from json_each(?))"
        params.append(json.dumps(only))
    params += [year.start.isoformat(), year.end.isoformat()]
    meetings: dict = {}
    # The kept monthly counts (store.core.summaries), plain tuples: a province year is 70,000.
    for unit_id, month, kind, n, rate in db.execute(
        f"""select s.unit_id, cast(substr(s.month, 6, 2) as integer), s.kind, s.meetings, s.rate
            from units u join meeting_months s on s.unit_id = u.id
            where {under} and u.active = 1 and s.month between ? and ?""",  # noqa: S608
        [*params[:-2], year.start.isoformat()[:7], year.end.isoformat()[:7]],
    ):
        meetings.setdefault((unit_id, month), {})[kind] = (n, rate)
    # CROSS JOIN: from the units, one index range each (idx_visits_unit_id_date), never the
    # province's done visits of the year (idx_visits_status_date: `+` keeps it unused).
    visits = {
        (r["unit_id"], r["month"]): r["n"]
        for r in db.query(
            f"""select v.unit_id, cast(substr(v.date, 6, 2) as integer) as month, count(*) as n
                from units u cross join visits v on v.unit_id = u.id
                where {under} and u.active = 1 and +v.status = 'done' and v.date between ? and ?
                group by v.unit_id, month""",  # noqa: S608 (constant fragments only)
            params,
        )
    }
    return meetings, visits
