"""Concern figures for the briefs: per period and scope, by category and by route.

The period runs from `start` to `end`, both included; figures stop at `as_of` when the period
is not over. A concern's status at that point comes from its history, so a concern closed in
the period and reopened later still counts as resolved in the period:

- raised: raised within the period;
- resolved: resolved or answered at the period's end, closed within the period;
- still_open: raised by the period's end and not closed then;
- overdue: still open with a due date before the period's end;
- median_days: median days from raising to closing, over those resolved in the period.
"""

import datetime as dt
import json
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from store.concerns.board import subtree_clause, supervisor_clause
from store.concerns.workflow import CLOSED
from store.core.checks import parse_date
from store.rules.rulebook import in_force as rulebook_in_force

_CLOSED_SQL = "(" + ", ".join(f"'{status}'" for status in CLOSED) + ")"


@dataclass(frozen=True, slots=True)
class FigureLine:
    """The figures of one category or route (or of all concerns)."""

    id: str
    label: str
    raised: int = 0
    resolved: int = 0
    still_open: int = 0
    overdue: int = 0
    median_days: float | None = None


@dataclass(frozen=True)
class ConcernFigures:
    start: str
    end: str  # the point the figures stop at: the period's end, or as_of if earlier
    total: FigureLine
    by_category: tuple[FigureLine, ...]
    by_route: tuple[FigureLine, ...]

    @property
    def raised(self) -> int:
        return self.total.raised

    @property
    def resolved(self) -> int:
        return self.total.resolved

    @property
    def still_open(self) -> int:
        return self.total.still_open

    @property
    def overdue(self) -> int:
        return self.total.overdue

    @property
    def median_days(self) -> float | None:
        return self.total.median_days


def _bounds(period, as_of) -> tuple[str, str]:
    start, end = (period.start, period.end) if hasattr(period, "start") else period
    stop = min(parse_date(end, "end"), parse_date(as_of, "as_of"))
    return parse_date(start, "start").isoformat(), stop.isoformat()


def _scope(unit_ids, supervisor_id, parent_id, start, end) -> tuple[str, list]:
    parts, params = ["1"], []
    if unit_ids is not None:
        ids = list(unit_ids)
        parts.append(f"c.unit_id in ({', '.join('?' for _i in ids)})" if ids else "0")
        params.extend(ids)
    if parent_id is not None:
        clause, values = subtree_clause(parent_id)
        parts.append(clause)
        params.extend(values)
    if supervisor_id is not None:
        clause, values = supervisor_clause(supervisor_id, start, end)
        parts.append(clause)
        params.extend(values)
    return " and ".join(parts), params


def _states(scope: str) -> str:
    """Each concern in scope with its status and that status's date at the point `?`."""
    return f"""
        select c.category, c.route, c.raised_date, c.due_date, e.to_status as status,
               e.date as since
          from concerns c
          join concern_events e on e.id = (
               select e2.id from concern_events e2
                where e2.concern_id = c.id and e2.date <= ?
                order by e2.date desc, e2.id desc limit 1)
         where c.raised_date <= ? and (c.resolved_date is null or c.resolved_date >= ?)
           and {scope}"""  # noqa: S608 -- fixed fragments, every value a parameter


def concern_figures(
    db: Database,
    period,
    *,
    unit_ids: Iterable[int] | None = None,
    supervisor_id: int | None = None,
    parent_id: int | None = None,
    as_of: dt.date | str,
) -> ConcernFigures:
    """Figures of the concerns in scope for `period`: a (start, end) pair of dates or ISO
    texts, or anything with `.start` and `.end`.

    Scope: `unit_ids` (those units), `parent_id` (a unit and all under it), `supervisor_id`
    (raised by the supervisor or in units assigned to them in the period); none: everything.
    """
    start, end = _bounds(period, as_of)
    scope, scope_params = _scope(unit_ids, supervisor_id, parent_id, start, end)
    params = [end, end, start, *scope_params]
    counts = list(
        db.query(
            f"""select category, route, sum(raised_date >= ?) as raised,
                   sum(status in {_CLOSED_SQL} and since >= ?) as resolved,
                   sum(status not in {_CLOSED_SQL}) as still_open,
                   sum(status not in {_CLOSED_SQL} and due_date < ?) as overdue,
                   json_group_array(cast(julianday(since) - julianday(raised_date) as integer))
                       filter (where status in {_CLOSED_SQL} and since >= ?) as days
              from ({_states(scope)}) group by category, route""",  # noqa: S608
            [start, start, end, start, *params],
        )
    )
    # Each concern's state is worked out once (its latest event): the days to close ride
    # along with the counts, where a second query worked every state out again.
    days = [
        {"category": row["category"], "route": row["route"], "days": n}
        for row in counts
        for n in json.loads(row.pop("days"))
    ]
    return _assemble(db, start, end, counts, days)


def _line(key: str, label: str, counts: list[dict], days: list[dict], field: str | None):
    def mine(row: dict) -> bool:
        return field is None or row[field] == key

    mine_days = [row["days"] for row in days if mine(row)]
    totals = {
        name: sum(row[name] or 0 for row in counts if mine(row))
        for name in ("raised", "resolved", "still_open", "overdue")
    }
    median = statistics.median(mine_days) if mine_days else None
    return FigureLine(key, label, **totals, median_days=median)


def _assemble(db, start: str, end: str, counts: list[dict], days: list[dict]):
    rulebook = rulebook_in_force(db)

    def breakdown(field: str, choices) -> tuple[FigureLine, ...]:
        known = [(c.id, c.label) for c in choices]
        ids = {c for c, _label in known}
        extra = sorted({row[field] for row in counts} - ids)  # ids the rulebook no longer has
        pairs = known + [(e, e) for e in extra]
        return tuple(_line(key, label, counts, days, field) for key, label in pairs)

    return ConcernFigures(
        start=start,
        end=end,
        total=_line("all", "", counts, days, None),
        by_category=breakdown("category", rulebook.categories),
        by_route=breakdown("route", rulebook.routes),
    )
