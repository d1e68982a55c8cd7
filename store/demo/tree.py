"""The demo's organization tree, supervisors and their assignments."""

from datetime import timedelta

from store.demo import data as data
from store.demo.base import Assignment, Ctx, UnitInfo, clamp, month_start
from store.lang.codes import Cadence, Sector, Sex, UnitKind
from store.lang.text import fold


def build_tree(ctx: Ctx) -> None:
    """Every block: communes with villages, a township, the district's agencies. In a
    province, every sixth block is a town-level one (thị xã), with wards, not communes."""
    taken: set[str] = set()
    for block in range(ctx.scale.blocks):
        district = data.DISTRICT if block == 0 else _place_name(ctx, taken)
        prefix = "" if ctx.scale.blocks == 1 else f"H{block + 1:02d}-"
        communes = _commune_names(ctx, block)
        wards = block % 6 == 5
        for index, place in enumerate(communes):
            _commune(ctx, prefix, place, sub_committee=index == 0 and not wards, ward=wards)
        _township(ctx, prefix, district)
        for spec in data.AGENCY_ORGS:
            _agency_org(ctx, prefix, district, *spec)


def _place_name(ctx: Ctx, taken: set[str]) -> str:
    while True:
        name = f"{ctx.rng.choice(data.SYLLABLES_A)} {ctx.rng.choice(data.SYLLABLES_B)}"
        if name not in taken and name.split()[0] != name.split()[1]:
            taken.add(name)
            return name


def _commune_names(ctx: Ctx, block: int) -> list[str]:
    if block == 0 and ctx.scale.communes <= len(data.COMMUNES):
        return list(data.COMMUNES[: ctx.scale.communes])
    taken: set[str] = set()
    return [_place_name(ctx, taken) for _i in range(ctx.scale.communes)]


def _initials(place: str) -> str:
    return "".join(word[0] for word in fold(place).upper().split())


def _unique_code(ctx: Ctx, code: str) -> str:
    candidate, n = code, 1
    while candidate in ctx.codes:
        n += 1
        candidate = f"{code}{n}"
    return candidate


def _add_unit(
    ctx: Ctx,
    *,
    code,
    name,
    kind,
    sector,
    parent: UnitInfo | None,
    place,
    members: tuple[int, int, int] = (0, 0, 0),
    standing=False,
) -> UnitInfo:
    rng = ctx.rng
    weak = rng.random() < 0.09
    quality = rng.uniform(0.3, 0.6) if weak else clamp(rng.gauss(0.86, 0.08), 0.55, 0.99)
    row = {
        "code": code,
        "name": name,
        "kind": kind,
        "sector": sector,
        "parent_id": parent.id if parent else None,
        "members_full": members[0],
        "members_probationary": members[1],
        "members_exempt": members[2],
        "has_standing_committee": int(standing),
        "active": 1,
        "place": place,
    }
    unit_id = ctx.rows.add("units", row, on=ctx.start)
    ctx.codes.add(code)
    org_id = parent.org_id if parent else unit_id
    unit = UnitInfo(
        unit_id,
        code,
        name,
        kind,
        sector,
        row["parent_id"],
        org_id,
        place,
        *members,
        standing,
        quality,
    )
    ctx.units.append(unit)
    return unit


def _members(ctx: Ctx, sector: str, size: tuple[int, int]) -> tuple[int, int, int]:
    """(full, probationary, exempt): villages have elderly members exempted from meetings."""
    rng = ctx.rng
    full = rng.randint(*size)
    probationary = rng.choice((0, 0, 1, 1, 2, 3)) if full > 10 else rng.choice((0, 0, 1))
    exempt = rng.randint(2, max(3, full // 6)) if sector == Sector.VILLAGE else 0
    return full, probationary, exempt


def _cell(ctx, parent: UnitInfo, code: str, name: str, sector: str, size) -> UnitInfo:
    return _add_unit(
        ctx,
        code=code,
        name=name,
        kind=UnitKind.CELL,
        sector=sector,
        parent=parent,
        place=parent.place,
        members=_members(ctx, sector, size),
    )


def _commune(ctx: Ctx, prefix: str, place: str, *, sub_committee: bool, ward: bool) -> None:
    level, sector, village_word = (
        ("phường", Sector.WARD, "Tổ dân phố") if ward else ("xã", Sector.COMMUNE, "thôn")
    )
    code = _unique_code(ctx, f"{prefix}{'PH' if ward else 'XA'}-{_initials(place)}")
    org = _add_unit(
        ctx,
        code=code,
        name=f"Đảng bộ {level} {place}",
        kind=UnitKind.GRASSROOTS_COMMITTEE,
        sector=sector,
        parent=None,
        place=place,
    )
    count = ctx.rng.randint(*ctx.scale.villages)
    numbered = ward or ctx.rng.random() < 0.3
    villages = (
        [str(n) for n in range(1, count + 1)]
        if numbered
        else ctx.rng.sample(data.VILLAGES, min(count, len(data.VILLAGES)))
    )
    for n, village in enumerate(villages, start=1):
        cell_code = f"{code}-{n:02d}"
        if sub_committee and n == 1:
            _village_sub_committee(ctx, org, cell_code, village)
        else:
            _cell(ctx, org, cell_code, f"Chi bộ {village_word} {village}", Sector.VILLAGE, (20, 80))
    for suffix, name, agency_sector in ctx.rng.sample(data.COMMUNE_AGENCIES, ctx.rng.randint(3, 5)):
        name = name.replace(" xã ", f" {level} ").format(place=place)
        _cell(ctx, org, f"{code}-{suffix}", name, agency_sector, (5, 15))
    _close_org(ctx, org, standing=None)


def _village_sub_committee(ctx: Ctx, org: UnitInfo, code: str, village: str) -> None:
    """A large village organised as a đảng bộ bộ phận with a cell per hamlet."""
    sub = _add_unit(
        ctx,
        code=code,
        name=f"Đảng bộ bộ phận thôn {village}",
        kind=UnitKind.SUB_COMMITTEE,
        sector=Sector.VILLAGE,
        parent=org,
        place=org.place,
    )
    for n, hamlet in enumerate(data.SUB_VILLAGES[:3], start=1):
        _cell(ctx, sub, f"{code}-{n}", f"Chi bộ {hamlet} thôn {village}", Sector.VILLAGE, (15, 35))
    _close_org(ctx, sub)


def _township(ctx: Ctx, prefix: str, district: str) -> None:
    code = _unique_code(ctx, f"{prefix}TT-{_initials(district)}")
    org = _add_unit(
        ctx,
        code=code,
        name=f"Đảng bộ thị trấn {district}",
        kind=UnitKind.GRASSROOTS_COMMITTEE,
        sector=Sector.TOWN,
        parent=None,
        place=district,
    )
    for n in range(1, ctx.rng.randint(*ctx.scale.villages) + 3):
        _cell(ctx, org, f"{code}-{n:02d}", f"Chi bộ Khu phố {n}", Sector.VILLAGE, (20, 70))
    for suffix, name, sector in data.COMMUNE_AGENCIES[1:5]:
        town_name = name.replace(" xã {place}", " thị trấn {place}").format(place=district)
        _cell(ctx, org, f"{code}-{suffix}", town_name, sector, (5, 20))
    _close_org(ctx, org, standing=True)


def _agency_org(ctx, prefix, district, code, name, kind, sector, standing, cells, subs) -> None:
    code = f"{prefix}{code}"
    size = (8, 30) if kind == UnitKind.GRASSROOTS_CELL else (0, 0)
    org = _add_unit(
        ctx,
        code=code,
        name=name.format(d=district),
        kind=kind,
        sector=sector,
        parent=None,
        place=district,
        members=_members(ctx, sector, size),
    )
    for n, cell in enumerate(cells, start=1):
        _cell(ctx, org, f"{code}-{n:02d}", f"Chi bộ {cell}", sector, (5, 25))
    for sub_code, sub_name, sub_cells in subs:
        sub = _add_unit(
            ctx,
            code=f"{code}-{sub_code}",
            name=sub_name,
            kind=UnitKind.SUB_COMMITTEE,
            sector=sector,
            parent=org,
            place=district,
        )
        for n, cell in enumerate(sub_cells, start=1):
            _cell(ctx, sub, f"{sub.code}-{n:02d}", f"Chi bộ {cell}", sector, (8, 25))
        _close_org(ctx, sub)
    if kind == UnitKind.GRASSROOTS_COMMITTEE:
        _close_org(ctx, org, standing=standing)


def _close_org(ctx: Ctx, org: UnitInfo, *, standing: bool | None = False) -> None:
    """An organization's members are the sum of its cells'. `standing=None`: it has a
    standing committee if it is large."""
    below = [u for u in ctx.units[org.id :] if u.parent_id == org.id]
    org.full, org.prob, org.exempt = (
        sum(getattr(u, f) for u in below) for f in ("full", "prob", "exempt")
    )
    org.standing = org.full > 380 if standing is None else standing
    ctx.rows.get("units", org.id).update(
        members_full=org.full,
        members_probationary=org.prob,
        members_exempt=org.exempt,
        has_standing_committee=int(org.standing),
    )


def build_supervisors(ctx: Ctx) -> None:
    """Committee members, each assigned to 3–8 units; a few assignments change mid-way."""
    per_block = max(1, ctx.scale.supervisors // ctx.scale.blocks)
    blocks = _blocks(ctx)
    for block, orgs in enumerate(blocks):
        count = (
            per_block
            if block < len(blocks) - 1
            else (ctx.scale.supervisors - per_block * (len(blocks) - 1))
        )
        sups = [_supervisor(ctx, len(ctx.supervisors) + 1, i) for i in range(count)]
        _assign_block(ctx, sups, orgs)
    _reassign_some(ctx)


def _blocks(ctx: Ctx) -> list[list[UnitInfo]]:
    """The grassroots organizations of each block, in tree order."""
    blocks: list[list[UnitInfo]] = []
    first_code = None
    for unit in ctx.units:
        if unit.parent_id is not None:
            continue
        key = unit.code.split("-")[0] if ctx.scale.blocks > 1 else ""
        if key != first_code:
            blocks.append([])
            first_code = key
        blocks[-1].append(unit)
    return blocks


def _supervisor(ctx: Ctx, number: int, index: int) -> int:
    title = data.TITLES[index % len(data.TITLES)]
    name = ctx.full_name(Sex.FEMALE if ctx.rng.random() < 0.2 else Sex.MALE)
    row = {"code": f"PT{number:03d}", "name": name, "title": title, "active": 1}
    sup_id = ctx.rows.add("supervisors", row, on=ctx.start)
    ctx.supervisors.append(sup_id)
    return sup_id


def _assign_block(ctx: Ctx, sups: list[int], orgs: list[UnitInfo]) -> None:
    rng = ctx.rng
    own: dict[int, list[UnitInfo]] = {s: [] for s in sups}
    for j, org in enumerate(orgs):
        own[sups[j % len(sups)]].append(org)
    for i, sup in enumerate(sups):
        if not own[sup]:
            own[sup].append(orgs[i % len(orgs)])
    org_ids = {o.id for o in orgs}
    free = [u for u in ctx.units if u.is_cell and u.kind == UnitKind.CELL and u.org_id in org_ids]
    rng.shuffle(free)
    taken: set[int] = set()
    for sup in sups:
        units = list(own[sup])
        wanted = rng.randint(*ctx.scale.units_per_supervisor)
        own_ids = {o.id for o in units}
        mine = [u for u in free if u.org_id in own_ids and u.id not in taken]
        others = [u for u in free if u.id not in taken and u not in mine]
        for unit in (mine + others)[: max(0, wanted - len(units))]:
            units.append(unit)
            taken.add(unit.id)
        for unit in units:
            _assignment(ctx, sup, unit, _cadence(ctx, unit), ctx.start, None)


def _cadence(ctx: Ctx, unit: UnitInfo) -> str:
    monthly = 0.7 if unit.kind != UnitKind.CELL else (0.6 if unit.quality < 0.65 else 0.3)
    return Cadence.MONTHLY if ctx.rng.random() < monthly else Cadence.QUARTERLY


def _assignment(ctx: Ctx, sup: int, unit: UnitInfo, cadence, start, end) -> Assignment:
    row = {
        "supervisor_id": sup,
        "unit_id": unit.id,
        "cadence": cadence,
        "start_date": start.isoformat(),
        "end_date": end.isoformat() if end else None,
    }
    assignment = Assignment(
        ctx.rows.add("assignments", row, on=start), sup, unit, cadence, start, end
    )
    ctx.assignments.append(assignment)
    return assignment


def _reassign_some(ctx: Ctx) -> None:
    """A few assignments end mid-way and pass to another member working in the same
    organization; a few start mid-way."""
    rng, months = ctx.rng, ctx.scale.months
    members: dict[int, list[int]] = {}  # organization -> its supervisors
    for a in ctx.assignments:
        if a.supervisor_id not in members.setdefault(a.unit.org_id, []):
            members[a.unit.org_id].append(a.supervisor_id)
    for assignment in list(ctx.assignments):
        roll = rng.random()
        if roll < 0.05:
            end = month_start(ctx.start, rng.randint(months // 3, months - 4)) - timedelta(days=1)
            assignment.end = end
            ctx.rows.get("assignments", assignment.id)["end_date"] = end.isoformat()
            assigned = {a.supervisor_id for a in ctx.assignments if a.unit is assignment.unit}
            others = [s for s in members[assignment.unit.org_id] if s not in assigned]
            successor = rng.choice(others or [s for s in ctx.supervisors if s not in assigned])
            _assignment(
                ctx, successor, assignment.unit, assignment.cadence, end + timedelta(days=1), None
            )
        elif roll < 0.12:
            start = month_start(ctx.start, rng.randint(3, months - 3)) + timedelta(days=14)
            assignment.start = start
            ctx.rows.get("assignments", assignment.id)["start_date"] = start.isoformat()
