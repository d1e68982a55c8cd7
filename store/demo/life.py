"""The demo's meetings, visits and annual ratings, with the gaps real districts have: cells
that skip months, low attendance, few thematic meetings, visits missed or still due."""

import json
from datetime import date, timedelta

from store.demo import data as data
from store.demo.base import Assignment, Ctx, UnitInfo, Visit, clamp, month_start, period_of
from store.lang.codes import MeetingKind, UnitKind, VisitStatus
from store.rules.facts import meeting_facts

_VISITED_KINDS: dict[str, tuple[MeetingKind, ...]] = {
    UnitKind.CELL: (MeetingKind.REGULAR, MeetingKind.THEMATIC),
    UnitKind.GRASSROOTS_CELL: (MeetingKind.REGULAR, MeetingKind.THEMATIC),
    UnitKind.GRASSROOTS_COMMITTEE: (
        MeetingKind.COMMITTEE,
        MeetingKind.GENERAL,
        MeetingKind.THEMATIC,
    ),
    UnitKind.SUB_COMMITTEE: (MeetingKind.COMMITTEE,),
}


def build_meetings(ctx: Ctx) -> None:
    months = [month_start(ctx.start, i) for i in range(ctx.scale.months)]
    for unit in ctx.units:
        ctx.meetings[unit.id] = []
        if unit.is_cell:
            _cell_meetings(ctx, unit, months)
        else:
            _committee_meetings(ctx, unit, months)
        ctx.meetings[unit.id].sort()


def _meeting(
    ctx: Ctx,
    unit: UnitInfo,
    day: date,
    kind: str,
    topic: str,
    members: tuple[int, int, int],
    rate: float,
) -> None:
    """One meeting, its attendance drawn around `rate`; skipped if `day` is after today."""
    if day > ctx.today:
        return
    rng, quality = ctx.rng, unit.quality
    owed = members[0] + members[1] - members[2]
    present = min(owed, max(1, round(owed * clamp(rng.gauss(rate, 0.04), 0.3, 1.0))))
    absent = owed - present
    chance = 0.4 if quality < 0.7 else 0.1
    unexcused = sum(rng.random() < chance for _i in range(absent)) if absent else 0
    row = {
        "unit_id": unit.id,
        "date": day.isoformat(),
        "kind": kind,
        "topic": topic,
        "members_full": members[0],
        "members_probationary": members[1],
        "members_exempt": members[2],
        "present": present,
        "absent_excused": absent - unexcused,
        "absent_unexcused": unexcused,
        "duration_minutes": int(clamp(round(rng.gauss(60 + 60 * quality, 15) / 5) * 5, 40, 180)),
        "minutes_kept": int(rng.random() < 0.55 + 0.45 * quality),
        "resolution_adopted": int(rng.random() < 0.45 + 0.55 * quality),
        "source": "import" if day < ctx.imported_before else "report",
        "note": None,
    }
    meeting_id = ctx.rows.add("meetings", row, on=day)
    ctx.meetings[unit.id].append((day, meeting_id, kind))


def _cell_meetings(ctx: Ctx, unit: UnitInfo, months: list[date]) -> None:
    rng, quality = ctx.rng, unit.quality
    skip = clamp(0.3 - 0.32 * quality, 0.0, 0.25) + (0.15 if rng.random() < 0.05 else 0.0)
    every = 12 if quality < 0.65 else rng.choice((3, 6, 6, 6, 12))
    offset = rng.randrange(every)
    day = rng.randint(2, 10)
    attendance = 0.55 + 0.45 * quality
    members = (unit.full, unit.prob, unit.exempt)
    kind = "agency" if unit.sector != "village" else "village"
    for index, first in enumerate(months):
        if rng.random() >= skip:
            topic = (
                f"Sinh hoạt định kỳ tháng {first.month}/{first.year}: "
                f"{rng.choice(data.REGULAR_TOPICS[kind])}"
            )
            when = first + timedelta(days=clamp(day + rng.randint(-2, 3), 1, 27) - 1)
            _meeting(ctx, unit, when, MeetingKind.REGULAR, topic, members, attendance)
            if unit.kind == UnitKind.GRASSROOTS_CELL and unit.committee > 1:  # chi ủy meets first
                label = f"{first.month}/{first.year}"
                _meeting(
                    ctx,
                    unit,
                    max(first, when - timedelta(days=3)),
                    MeetingKind.COMMITTEE,
                    f"Họp chi ủy tháng {label}: chuẩn bị nội dung sinh hoạt chi bộ",
                    (unit.committee, 0, 0),
                    0.95,
                )
        if (index + offset) % every == 0 and rng.random() < 0.9:
            when = first + timedelta(days=day + rng.randint(8, 15))
            _meeting(
                ctx,
                unit,
                when,
                MeetingKind.THEMATIC,
                rng.choice(data.THEMATIC_TOPICS),
                members,
                attendance - 0.03,
            )


def _committee_meetings(ctx: Ctx, unit: UnitInfo, months: list[date]) -> None:
    """Đảng ủy and ban thường vụ meetings every month, the đảng bộ's twice a year."""
    rng = ctx.rng
    committee = (unit.committee, 0, 0)
    standing = (unit.standing_size, 0, 0)
    top = unit.kind == UnitKind.GRASSROOTS_COMMITTEE
    for first in months:
        label = f"{first.month}/{first.year}"
        if rng.random() < 0.97:
            _meeting(
                ctx,
                unit,
                first + timedelta(days=rng.randint(0, 5)),
                MeetingKind.COMMITTEE,
                f"Hội nghị cấp ủy tháng {label}",
                committee,
                0.93,
            )
        if top and unit.standing:
            for day in (rng.randint(3, 8), rng.randint(17, 22)):
                _meeting(
                    ctx,
                    unit,
                    first + timedelta(days=day),
                    MeetingKind.STANDING,
                    f"Họp Ban Thường vụ tháng {label}",
                    standing,
                    0.95,
                )
        if top and first.month in (1, 7):
            topic = (
                f"Hội nghị đảng bộ tổng kết năm {first.year - 1}"
                if first.month == 1
                else f"Hội nghị đảng bộ sơ kết 6 tháng đầu năm {first.year}"
            )
            _meeting(
                ctx,
                unit,
                first + timedelta(days=rng.randint(9, 20)),
                MeetingKind.GENERAL,
                topic,
                (unit.full, unit.prob, unit.exempt),
                0.88,
            )
        if top and first.month in (4, 10) and rng.random() < 0.85:
            _meeting(
                ctx,
                unit,
                first + timedelta(days=rng.randint(10, 25)),
                MeetingKind.THEMATIC,
                rng.choice(data.THEMATIC_TOPICS),
                committee,
                0.92,
            )


def build_visits(ctx: Ctx) -> None:
    """Done visits on a share of each assignment's periods, and the agenda ahead."""
    diligence = {s: ctx.rng.uniform(0.75, 1.12) for s in ctx.supervisors}
    for assignment in ctx.assignments:
        last_end = min(assignment.end or ctx.today, ctx.today)
        first = max(assignment.start, ctx.start)
        while first <= last_end:
            start, end = period_of(first, assignment.cadence)
            _period(
                ctx,
                assignment,
                max(start, first),
                min(end, last_end),
                end,
                diligence[assignment.supervisor_id],
            )
            first = end + timedelta(days=1)


def _period(
    ctx: Ctx, assignment: Assignment, start: date, end: date, period_end: date, diligence: float
) -> None:
    rng = ctx.rng
    kinds = _VISITED_KINDS[assignment.unit.kind]
    meetings = [
        m for m in ctx.meetings[assignment.unit.id] if start <= m[0] <= end and m[2] in kinds
    ]
    ongoing = period_end >= ctx.today
    share = ctx.scale.visit_share * diligence
    if ongoing:
        share *= (ctx.today - start).days / max(1, (period_end - start).days)
    if meetings and rng.random() < share:
        _visit(ctx, assignment, *rng.choice(meetings)[:2])
    elif ongoing and assignment.end is None:
        if rng.random() < 0.6:
            _planned(ctx, assignment, ctx.today + timedelta(days=rng.randint(1, 28)))
    elif assignment.end is None and end >= month_start(ctx.today, -4):
        roll = rng.random()
        if roll < 0.12:
            _planned(ctx, assignment, start + timedelta(days=rng.randint(0, (end - start).days)))
        elif roll < 0.18:
            _planned(
                ctx,
                assignment,
                start + timedelta(days=rng.randint(0, (end - start).days)),
                status=VisitStatus.CANCELLED,
                note=rng.choice(data.CANCEL_NOTES),
            )


def _planned(ctx: Ctx, assignment: Assignment, day: date, *, status=VisitStatus.PLANNED, note=None):
    """A visit on the agenda: ahead of today, or passed without a meeting (missed)."""
    row = {
        "supervisor_id": assignment.supervisor_id,
        "unit_id": assignment.unit.id,
        "assignment_id": assignment.id,
        "meeting_id": None,
        "date": None,
        "planned_date": day.isoformat(),
        "status": status,
        "scores": None,
        "unit_scores": None,
        "total": None,
        "rating": None,
        "rulebook": None,
        "observations": note,
        "recommendations": None,
        "good_practice": None,
    }
    ctx.rows.add("visits", row, on=min(day, ctx.today) - timedelta(days=7))


def _visit(ctx: Ctx, assignment: Assignment, day: date, meeting_id: int) -> None:
    rng, rulebook = ctx.rng, ctx.rulebook
    meeting = ctx.rows.get("meetings", meeting_id)
    meeting["source"] = "visit"
    scores = score_sheet(ctx, assignment.unit, meeting)
    rating = rulebook.rate(scores)
    own = {k: min(rulebook.criterion(k).max, v + rng.randint(0, 2)) for k, v in scores.items()}
    level = rating.level
    row = {
        "supervisor_id": assignment.supervisor_id,
        "unit_id": assignment.unit.id,
        "assignment_id": assignment.id,
        "meeting_id": meeting_id,
        "date": day.isoformat(),
        "planned_date": day.isoformat() if rng.random() < 0.5 else None,
        "status": VisitStatus.DONE,
        "scores": json.dumps(scores),
        "unit_scores": json.dumps(own) if rng.random() < 0.5 else None,
        "total": rating.total,
        "rating": level,
        "rulebook": rulebook.name,
        "observations": observations(ctx, level, meeting),
        "recommendations": _true_choice(ctx, data.RECOMMENDATIONS[level], meeting),
        "good_practice": rng.choice(data.GOOD_PRACTICES)
        if level == "good" and rng.random() < 0.25
        else None,
    }
    visit_id = ctx.rows.add("visits", row, on=day)
    ctx.visits.append(Visit(visit_id, day, assignment.unit.id, assignment.supervisor_id, level))


def score_sheet(ctx: Ctx, unit: UnitInfo, meeting: dict) -> dict[str, int]:
    """Points per criterion around the unit's quality, as the meeting's facts allow them (the
    rulebook's ties): none where an `any` fact is false, two thirds at most where a `full`
    one is."""
    rng, facts = ctx.rng, meeting_facts(ctx.rulebook, meeting)
    full = unit.quality**1.2
    scores = {}
    for criterion in ctx.rulebook.criteria:
        share = 1.0 if rng.random() < full else clamp(rng.gauss(unit.quality, 0.08), 0.2, 0.95)
        points = round(criterion.max * share)
        if any(facts[f] is False for f in criterion.needs_full):
            points = min(points, criterion.max * 2 // 3)
        if any(facts[f] is False for f in criterion.needs_any):
            points = 0
        scores[criterion.id] = points
    return scores


def _true_choice(ctx: Ctx, remarks, meeting: dict) -> str:
    """One of `remarks` (text, the facts it states) that is true of the meeting."""
    facts = meeting_facts(ctx.rulebook, meeting)
    true = [text for text, states in remarks if all(facts[f] is v for f, v in states.items())]
    return ctx.rng.choice(true)


def observations(ctx: Ctx, level: str, meeting: dict) -> str:
    """A remark of the rating true of the meeting, then what its false facts say."""
    facts = meeting_facts(ctx.rulebook, meeting)
    owed = meeting["members_full"] + meeting["members_probationary"] - meeting["members_exempt"]
    figures = {
        "rate": f"{100 * meeting['present'] / owed:.1f}".removesuffix(".0").replace(".", ","),
        "unexcused": meeting["absent_unexcused"],
        "minutes": meeting["duration_minutes"],
    }
    remarks = [data.FACT_REMARKS[f].format(**figures) for f, v in facts.items() if v is False]
    return " ".join([_true_choice(ctx, data.OBSERVATIONS[level], meeting), *remarks])


def build_annual_ratings(ctx: Ctx) -> None:
    """Every unit's annual quality rating for the past two years."""
    for year in (ctx.today.year - 2, ctx.today.year - 1):
        for unit in ctx.units:
            points = round(clamp(ctx.rng.gauss(38 + 52 * unit.quality, 6), 25, 99.5), 1)
            level = ctx.rulebook.annual_level(points).level
            ctx.rows.add(
                "annual_ratings",
                {"unit_id": unit.id, "year": year, "level": level, "points": points},
                on=date(year + 1, 1, 15),
            )
