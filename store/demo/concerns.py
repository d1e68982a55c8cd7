"""The demo's concerns: raised at visits, routed by the rulebook, in every status, some
overdue, each with its history of events (reopened ones included)."""

from datetime import date, timedelta
from typing import Any

from store.demo import data as data
from store.demo.base import Ctx, Visit
from store.lang.codes import ConcernStatus, Priority

_STATUSES = tuple(ConcernStatus)
# Status weights by how far a concern is into its time (age ÷ due days).
_WEIGHTS = (
    (0.3, (60, 30, 0, 0, 10)),
    (1.0, (15, 50, 0, 20, 15)),
    (2.5, (5, 25, 15, 35, 20)),
    (float("inf"), (2, 6, 7, 55, 30)),
)
_VILLAGE_CATEGORIES = {"land_environment": 3, "socio_economic": 3, "security": 2}
_AGENCY_CATEGORIES = {"organization": 3, "members": 3, "policy": 2}


def build_concerns(ctx: Ctx) -> None:
    """Concerns raised at a share of visits, more at the weak ones; the latest ones are
    given every status in turn so that each appears."""
    rng = ctx.rng
    raised = [
        v
        for v in ctx.visits
        if rng.random() < ctx.scale.concern_rate * (2.5 if v.level in ("average", "poor") else 1)
    ]
    raised.sort(key=lambda v: (v.day, v.id), reverse=True)
    names = {row["id"]: row["name"] for row in ctx.rows.tables["supervisors"]}
    for index, visit in enumerate(raised):
        forced = _STATUSES[index] if index < len(_STATUSES) else None
        _concern(ctx, visit, names[visit.supervisor_id], forced)


def _concern(ctx: Ctx, visit: Visit, supervisor: str, status: str | None) -> None:
    rng = ctx.rng
    unit = ctx.unit(visit.unit_id)
    category = _category(ctx, unit.sector)
    route = rng.choices(ctx.rulebook.routes, (40, 35, 25)[: len(ctx.rulebook.routes)])[0]
    due = visit.day + timedelta(days=route.due_days or 30)
    age = (ctx.today - visit.day).days
    if status is None:
        ratio = age / (route.due_days or 30)
        weights = next(w for limit, w in _WEIGHTS if ratio < limit)
        status = rng.choices(_STATUSES, weights)[0]
    owner = rng.choice(data.CONCERN_OWNERS.get(route.id, data.CONCERN_OWNERS["committee"]))
    texts = data.CONCERNS.get(category, data.CONCERNS["other"])
    row: dict[str, Any] = {
        "unit_id": unit.id,
        "visit_id": visit.id,
        "supervisor_id": visit.supervisor_id,
        "raised_date": visit.day.isoformat(),
        "category": category,
        "description": rng.choice(texts),
        "route": route.id,
        "owner": owner,
        "due_date": due.isoformat(),
        "priority": rng.choices((Priority.HIGH, Priority.NORMAL, Priority.LOW), (20, 65, 15))[0],
        "status": status,
        "resolved_date": None,
        "resolution": None,
    }
    concern_id = ctx.rows.add("concerns", row, on=visit.day)
    row = ctx.rows.get("concerns", concern_id)
    if status in (ConcernStatus.RESOLVED, ConcernStatus.ANSWERED):
        row["resolution"] = rng.choice(data.RESOLUTIONS[status])
    closed = _events(
        ctx, concern_id, (visit.day, due), status, (supervisor, owner), row["resolution"]
    )
    if row["resolution"]:
        row["resolved_date"] = closed.isoformat()


def _category(ctx: Ctx, sector: str) -> str:
    favoured = _VILLAGE_CATEGORIES if sector == "village" else _AGENCY_CATEGORIES
    ids = [c.id for c in ctx.rulebook.categories]
    return ctx.rng.choices(ids, [favoured.get(i, 1) for i in ids])[0]


def _events(
    ctx: Ctx,
    concern_id: int,
    dates: tuple[date, date],
    status: str,
    actors: tuple[str, str],
    resolution: str | None,
) -> date:
    """The concern's history up to `status`; returns the day of the last event."""
    rng, today = ctx.rng, ctx.today
    (raised, due), (supervisor, owner) = dates, actors
    day = raised

    def step(
        after: date, days: tuple[int, int], before: str | None, to: str, note: str | None, who
    ):
        nonlocal day
        day = min(today, max(day, after + timedelta(days=rng.randint(*days))))
        row = {
            "concern_id": concern_id,
            "date": day.isoformat(),
            "from_status": before,
            "to_status": to,
            "note": note,
            "actor": who,
        }
        ctx.rows.add("concern_events", row, on=day)

    step(raised, (0, 0), None, ConcernStatus.NEW, data.CONCERN_STEPS[ConcernStatus.NEW], supervisor)
    if status == ConcernStatus.NEW:
        return day
    step(
        raised,
        (1, 10),
        ConcernStatus.NEW,
        ConcernStatus.IN_PROGRESS,
        data.CONCERN_STEPS[ConcernStatus.IN_PROGRESS].format(owner=owner),
        supervisor,
    )
    previous = ConcernStatus.IN_PROGRESS
    if status == ConcernStatus.ESCALATED or (
        status in (ConcernStatus.RESOLVED, ConcernStatus.ANSWERED)
        and rng.random() < 0.2
        and due < today
    ):
        step(
            due,
            (1, 15),
            previous,
            ConcernStatus.ESCALATED,
            data.CONCERN_STEPS[ConcernStatus.ESCALATED],
            "Thường trực Huyện ủy",
        )
        previous = ConcernStatus.ESCALATED
    if status in (ConcernStatus.RESOLVED, ConcernStatus.ANSWERED):
        step(raised, (5, 45), previous, status, resolution, owner)
    elif status == ConcernStatus.IN_PROGRESS and (today - raised).days > 40 and rng.random() < 0.25:
        step(
            raised,
            (15, 30),
            previous,
            ConcernStatus.RESOLVED,
            rng.choice(data.RESOLUTIONS[ConcernStatus.RESOLVED]),
            owner,
        )
        step(
            day,
            (5, 20),
            ConcernStatus.RESOLVED,
            ConcernStatus.IN_PROGRESS,
            data.CONCERN_STEPS["reopened"],
            supervisor,
        )
    return day
