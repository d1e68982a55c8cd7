"""The demo's people and posts: secretaries, deputies and committee members of every unit,
with the post history a term leaves (re-elected, replaced, acting, vacant)."""

from datetime import date, timedelta

from store.demo import data as data
from store.demo.base import Ctx, UnitInfo
from store.lang.codes import ConcurrentRole, Role, Sector, UnitKind

_AGENCY_SECTORS = (
    Sector.ADMIN_AGENCY,
    Sector.PUBLIC_SERVICE,
    Sector.ENTERPRISE,
    Sector.ARMED_FORCES,
)


def build_posts(ctx: Ctx) -> None:
    """Every unit's committee today, plus the holders the 2025 congresses replaced."""
    cells = [u for u in ctx.units if u.kind == UnitKind.CELL and u.sector == Sector.VILLAGE]
    few = max(2, len(cells) // 400)
    chosen = ctx.rng.sample(cells, 3 * few)
    ctx.vacant = {u.id for u in chosen[:few]}
    acting = {u.id for u in chosen[few:]}  # the deputy in charge after the secretary left
    for unit in ctx.units:
        _committee(
            ctx, unit, detailed=ctx.rng.random() < ctx.scale.detail, acting=unit.id in acting
        )


def _congress(ctx: Ctx, unit: UnitInfo, year: int) -> date:
    """The day the unit's congress of `year` elected its committee."""
    months = (6, 8) if unit.kind == UnitKind.GRASSROOTS_COMMITTEE else (3, 5)
    return date(year, ctx.rng.randint(*months), ctx.rng.randint(1, 28))


def _committee(ctx: Ctx, unit: UnitInfo, *, detailed: bool, acting: bool) -> None:
    rng = ctx.rng
    this_term, last_term = _congress(ctx, unit, 2025), _congress(ctx, unit, 2020)
    if this_term > ctx.today:
        this_term = last_term
    _secretary(ctx, unit, this_term, last_term, detailed=detailed, acting=acting)
    if unit.kind == UnitKind.GRASSROOTS_COMMITTEE:
        size = (
            rng.randint(9, 15)
            if unit.sector in (Sector.COMMUNE, Sector.TOWN)
            else rng.randint(5, 9)
        )
        deputies = 2 if size >= 11 else 1
        standing = rng.randint(1, 3) if unit.standing else 0
    elif unit.kind == UnitKind.SUB_COMMITTEE:
        size, deputies, standing = rng.randint(3, 5), 1, 0
    else:
        size = 1 if unit.full < 9 else (5 if unit.full >= 30 else 3)
        deputies, standing = (1 if size > 1 else 0), 0
    unit.committee = size
    unit.standing_size = 1 + deputies + standing if unit.standing else 0
    ctx.rows.get("units", unit.id).update(
        committee_size=size, standing_committee_size=unit.standing_size or None
    )
    if not detailed:
        if unit.kind != UnitKind.CELL and deputies:
            post(ctx, unit, ctx.person(), Role.DEPUTY, this_term)
        return
    for _i in range(deputies):
        post(ctx, unit, ctx.person(), Role.DEPUTY, rng.choice((this_term, last_term)))
    for _i in range(standing):
        post(ctx, unit, ctx.person(), Role.STANDING_MEMBER, this_term)
    for _i in range(max(0, size - 1 - deputies - standing)):
        post(
            ctx,
            unit,
            ctx.person(born=(1965, 1998)),
            Role.COMMITTEE_MEMBER,
            rng.choice((this_term, last_term)),
        )


def _secretary(
    ctx: Ctx, unit: UnitInfo, this_term: date, last_term: date, *, detailed, acting: bool
) -> None:
    """The secretary in post, and for some units the one before."""
    rng = ctx.rng
    village = unit.sector == Sector.VILLAGE
    born = (1955, 1982) if village else (1965, 1990)
    concurrent = _concurrent_role(ctx, unit)
    if not detailed or this_term == last_term or rng.random() < 0.6:
        start = last_term
    else:
        start = this_term
        before = post(ctx, unit, ctx.person(born=born), Role.SECRETARY, last_term, current=False)
        end_post(ctx, before, this_term, rng.choice(("term", "retired")))
    holder = post(ctx, unit, ctx.person(born=born), Role.SECRETARY, start, concurrent=concurrent)
    if unit.id in ctx.vacant:
        _leave(ctx, unit, holder, months_ago=rng.randint(1, 3), reason="moved", successor=None)
    elif acting or (detailed and unit.is_cell and rng.random() < 0.04):
        _leave(
            ctx,
            unit,
            holder,
            months_ago=rng.randint(2, 14),
            reason=rng.choice(("moved", "retired", "health")),
            successor=acting,
        )


def _concurrent_role(ctx: Ctx, unit: UnitInfo) -> str | None:
    if unit.kind == UnitKind.CELL and unit.sector == Sector.VILLAGE:
        return ConcurrentRole.VILLAGE_HEAD if ctx.rng.random() < 0.55 else None
    if unit.sector in _AGENCY_SECTORS and unit.kind != UnitKind.SUB_COMMITTEE:
        return ConcurrentRole.AGENCY_HEAD if ctx.rng.random() < 0.5 else None
    return None


def _leave(ctx: Ctx, unit: UnitInfo, post_id: int, *, months_ago, reason, successor) -> None:
    """The secretary leaves mid-term; a successor takes over (`successor` says if acting),
    or nobody (None)."""
    day = ctx.today - timedelta(days=30 * months_ago + ctx.rng.randint(0, 20))
    if day <= date.fromisoformat(ctx.rows.get("posts", post_id)["start_date"]):
        return
    end_post(ctx, post_id, day, reason)
    if successor is not None:
        post(ctx, unit, ctx.person(), Role.SECRETARY, day, acting=successor)


def post(
    ctx: Ctx,
    unit: UnitInfo,
    person_id: int,
    role: str,
    start: date,
    *,
    concurrent: str | None = None,
    acting: bool = False,
    current: bool = True,
) -> int:
    """Record a post; current ones are indexed by unit and role for later parts."""
    row = {
        "person_id": person_id,
        "unit_id": unit.id,
        "role": role,
        "start_date": start.isoformat(),
        "end_date": None,
        "end_reason": None,
        "concurrent_role": concurrent,
        "acting": int(acting),
    }
    post_id = ctx.rows.add("posts", row, on=start)
    if current:
        ctx.posts.setdefault(unit.id, {}).setdefault(role, []).append(post_id)
    return post_id


def end_post(ctx: Ctx, post_id: int, day: date, reason: str) -> None:
    """End a post on `day` for one of data.END_REASONS."""
    row = ctx.rows.get("posts", post_id)
    row.update(end_date=day.isoformat(), end_reason=data.END_REASONS[reason])
    roles = ctx.posts.get(row["unit_id"], {}).get(row["role"], [])
    if post_id in roles:
        roles.remove(post_id)


def current(ctx: Ctx, unit_id: int, role: str) -> list[dict]:
    """The current posts of `role` in a unit, as rows."""
    return [ctx.rows.get("posts", p) for p in ctx.posts.get(unit_id, {}).get(role, [])]
