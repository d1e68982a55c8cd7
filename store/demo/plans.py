"""The demo's capability notes on secretaries and the replacement-source plans for the weak
ones, at every stage: draft, active (some actions overdue), completed, cancelled, none yet."""

import json
from bisect import bisect_right
from datetime import date, timedelta

from store.demo import data as data
from store.demo.base import Ctx, UnitInfo
from store.demo.people import current, end_post, post

# The fate of each flagged secretary, in turn: every stage appears once there are six.
_STAGES = (
    "active",
    "draft",
    "completed",
    "none",
    "active",
    "cancelled",
    "active",
    "completed",
    "draft",
    "none",
    "active",
    "retained",
)
# How long ago (days) the flagging note was written, by stage.
_NOTE_AGE = {
    "completed": (330, 480),
    "retained": (330, 480),
    "cancelled": (150, 300),
    "active": (60, 240),
    "draft": (5, 45),
    "none": (5, 120),
}


def build_notes_and_plans(ctx: Ctx) -> None:
    """Notes on most secretaries; the weakest are flagged and given a plan at some stage."""
    supervisor_of = _supervisor_of(ctx)
    visits = _visits_by_unit(ctx)
    secretaries = [
        (u, s)
        for u in ctx.units
        if u.kind != "sub_committee"
        for s in current(ctx, u.id, "secretary")
        if u.id in supervisor_of
    ]
    count = max(len(_STAGES), round(len(secretaries) * 0.07))
    weakest = sorted(secretaries, key=lambda pair: pair[0].quality)[:count]
    # The longest stories (a plan completed) go to the secretaries longest in post.
    weakest.sort(key=lambda pair: (pair[1]["start_date"], pair[0].id))
    stages = sorted(
        (_STAGES[i % len(_STAGES)] for i in range(count)), key=lambda stage: -_NOTE_AGE[stage][1]
    )
    for (unit, secretary), stage in zip(weakest, stages, strict=True):
        sup = supervisor_of[unit.id]
        since = date.fromisoformat(secretary["start_date"]) + timedelta(days=30)
        day = max(since, ctx.today - timedelta(days=ctx.rng.randint(*_NOTE_AGE[stage])))
        note_id = _note(ctx, unit, secretary, sup, min(day, ctx.today), visits, flagged=True)
        if stage != "none":
            _plan(ctx, unit, secretary, sup, note_id, min(day, ctx.today), stage)
    flagged = {unit.id for unit, _s in weakest}
    for unit, secretary in secretaries:
        if unit.id not in flagged and ctx.rng.random() < ctx.scale.note_share:
            day = ctx.today - timedelta(days=ctx.rng.randint(5, 360))
            since = date.fromisoformat(secretary["start_date"])
            _note(
                ctx, unit, secretary, supervisor_of[unit.id], max(day, since), visits, flagged=False
            )


def _supervisor_of(ctx: Ctx) -> dict[int, int]:
    """The supervisor currently assigned to each unit (the first one, if several)."""
    out: dict[int, int] = {}
    for a in ctx.assignments:
        if a.end is None:
            out.setdefault(a.unit.id, a.supervisor_id)
    return out


def _visits_by_unit(ctx: Ctx) -> dict[tuple[int, int], list[tuple[date, int]]]:
    out: dict[tuple[int, int], list[tuple[date, int]]] = {}
    for v in ctx.visits:
        out.setdefault((v.supervisor_id, v.unit_id), []).append((v.day, v.id))
    for items in out.values():
        items.sort()
    return out


def _note(
    ctx: Ctx, unit: UnitInfo, secretary: dict, sup: int, day: date, visits, *, flagged: bool
) -> int:
    """A capability note; it cites the supervisor's last visit to the unit before it."""
    rng, rulebook = ctx.rng, ctx.rulebook
    scale = [s.id for s in rulebook.scale]
    if flagged:
        ratings = {d.id: rng.choice(scale[2:]) for d in rulebook.dimensions}
        if "prestige" in ratings:
            ratings["prestige"] = scale[-1]
        overall, narrative = scale[-1], rng.choice(data.NARRATIVES["flagged"])
    else:
        best = 0 if unit.quality > 0.85 else 1
        ratings = {
            d.id: scale[min(len(scale) - 1, best + (rng.random() < 0.3))]
            for d in rulebook.dimensions
        }
        overall = scale[best]
        narrative = rng.choice(data.NARRATIVES["good" if best == 0 else "fair"])
    row = {
        "person_id": secretary["person_id"],
        "unit_id": unit.id,
        "supervisor_id": sup,
        "date": day.isoformat(),
        "ratings": json.dumps(ratings),
        "overall": overall,
        "flagged": int(flagged),
        "narrative": narrative,
    }
    note_id = ctx.rows.add("capability_notes", row, on=day)
    seen = visits.get((sup, unit.id), [])
    before = bisect_right(seen, (day, float("inf")))
    if before:
        link = {"note_id": note_id, "visit_id": seen[before - 1][1]}
        ctx.rows.add("capability_note_visits", link, on=day)
    return note_id


def _plan(
    ctx: Ctx, unit: UnitInfo, secretary: dict, sup: int, note_id: int, noted: date, stage: str
) -> None:
    rng, today = ctx.rng, ctx.today
    created = min(today, noted + timedelta(days=rng.randint(7, 30)))
    closing = min(today - timedelta(days=20), created + timedelta(days=rng.randint(150, 270)))
    if closing <= created:  # too recent a story to have ended: still running
        stage = "active" if stage in ("completed", "retained", "cancelled") else stage
    status = {"retained": "completed"}.get(stage, stage)
    row = {
        "unit_id": unit.id,
        "incumbent_id": secretary["person_id"],
        "note_id": note_id,
        "reason": "capability",
        "target_date": (created + timedelta(days=rng.randint(240, 420))).isoformat(),
        "status": status,
        "outcome": None,
        "outcome_date": None,
        "successor_id": None,
        "supervisor_id": sup,
    }
    plan_id = ctx.rows.add("succession_plans", row, on=created)
    row = ctx.rows.get("succession_plans", plan_id)
    candidates = _candidates(ctx, unit, plan_id, created, 1 if stage == "draft" else 3)
    if stage != "draft":
        for index, candidate_id in enumerate(candidates):
            _actions(ctx, plan_id, candidate_id, (created, closing), stage, late=index == 0)
    if stage not in ("active", "draft"):
        row["outcome_date"] = closing.isoformat()
    if stage == "completed":
        row.update(
            outcome="replaced", successor_id=_replace(ctx, unit, secretary, candidates[0], closing)
        )
    elif stage == "retained":  # the incumbent improved: a later note lifts the flag
        row["outcome"] = "retained"
        _note(ctx, unit, secretary, sup, closing, {}, flagged=False)


def _candidates(ctx: Ctx, unit: UnitInfo, plan_id: int, created: date, count: int) -> list[int]:
    """Sources: the deputy, a committee member, a young member; first is the most ready."""
    people = [
        (p["person_id"], data.CANDIDATE_POSTS["deputy"], "now")
        for p in current(ctx, unit.id, "deputy")[:1]
    ]
    people += [
        (p["person_id"], data.CANDIDATE_POSTS["committee_member"], "1-2y")
        for p in current(ctx, unit.id, "committee_member")[:1]
    ]
    while len(people) < count:
        people.append(
            (
                ctx.person(born=(1990, 2000)),
                ctx.rng.choice(data.CANDIDATE_POSTS["young"]),
                "later" if people else "1-2y",
            )
        )
    ids = []
    for person_id, current_post, readiness in people[:count]:
        row = {
            "plan_id": plan_id,
            "person_id": person_id,
            "current_post": current_post,
            "readiness": readiness,
            "note": None,
        }
        ids.append(ctx.rows.add("plan_candidates", row, on=created))
    return ids


def _actions(
    ctx: Ctx, plan_id: int, candidate_id: int, span: tuple[date, date], stage: str, *, late: bool
) -> None:
    """Training and tests for a candidate; in an active plan, the first is `late` (overdue
    when the plan is old enough) and others may be."""
    rng, today = ctx.rng, ctx.today
    created, closing = span
    for index, (kind, description, owner) in enumerate(
        rng.sample(data.PLAN_ACTIONS, rng.randint(1, 2))
    ):
        due = created + timedelta(days=rng.randint(30, 240))
        if stage == "active" and late and index == 0:
            due = max(created + timedelta(days=10), today - timedelta(days=rng.randint(5, 45)))
            status = "in_progress"
        elif stage == "active":
            status = (
                rng.choice(("done", "in_progress", "planned"))
                if due < today
                else (rng.choice(("planned", "in_progress")))
            )
        else:
            status, due = ("cancelled" if stage == "cancelled" else "done"), min(due, closing)
        done = None
        if status == "done":
            done = max(created, min(today, due - timedelta(days=rng.randint(0, 20))))
        row = {
            "plan_id": plan_id,
            "candidate_id": candidate_id,
            "kind": kind,
            "description": description.format(year=due.year),
            "owner": owner,
            "due_date": due.isoformat(),
            "status": status,
            "done_date": done.isoformat() if done else None,
        }
        ctx.rows.add("plan_actions", row, on=created)


def _replace(ctx: Ctx, unit: UnitInfo, secretary: dict, candidate_id: int, day: date) -> int:
    """The plan's outcome in the posts: the incumbent leaves, the first candidate takes over."""
    successor = ctx.rows.get("plan_candidates", candidate_id)["person_id"]
    end_post(ctx, secretary["id"], day, "replaced")
    for deputy in current(ctx, unit.id, "deputy"):
        if deputy["person_id"] == successor:
            end_post(ctx, deputy["id"], day, "promoted")
    post(ctx, unit, successor, "secretary", day, concurrent=secretary["concurrent_role"])
    return successor
