"""The one way tests build their worlds: each maker writes through the store's own write
function (record_visit, raise_concern, appoint…, and for the org tables that have no use case
of their own, the audited `records.insert` the importer and the demo use), so a test's rows
pass the same checks and leave the same audit trail as a user's. Sensible defaults, keyword
overrides; every maker returns the new row's id (`visit`: the VisitResult).

>>> cell = unit(db, "Chi bộ thôn Đông", members_full=20)               # doctest: +SKIP
>>> sup = supervisor(db); assign(db, sup, cell)                        # doctest: +SKIP
>>> visit(db, sup, cell, "2026-09-05", scores={**FULL, "content": 10})  # doctest: +SKIP
"""

from datetime import date

from store import concerns
from store.core import db as store_db
from store.core import records
from store.personnel import capability, people, succession
from store.visits import plan_visit, record_visit
from store.visits.meetings import record_meeting

# The reference day makers pass to the store when a test gives none: after every default date.
TODAY = date(2026, 10, 20)
# Every criterion of the resolution rulebook at its maximum: 100 points, rated Tốt.
FULL = {
    "attendance": 15,
    "preparation": 15,
    "order_duration": 10,
    "content": 20,
    "criticism": 10,
    "participation": 10,
    "principles": 5,
    "resolution": 10,
    "minutes": 5,
}


def unit(
    db, name: str = "Chi bộ thôn Đông", *, kind: str = "cell", sector="village", **fields
) -> int:
    """A party unit (`code`, `parent_id`, `members_full`… as keywords)."""
    return records.insert(db, "units", {"name": name, "kind": kind, "sector": sector, **fields})


def supervisor(db, name: str = "Đào Văn Ấn", **fields) -> int:
    """A committee member who oversees units (`code`, `title`, `active`…)."""
    return records.insert(db, "supervisors", {"name": name, **fields})


def assign(
    db, supervisor_id: int, unit_id: int, *, cadence="monthly", start="2026-01-01", end=None
) -> int:
    """`supervisor_id` oversees `unit_id` from `start` (to `end`, open when None)."""
    row = {"supervisor_id": supervisor_id, "unit_id": unit_id, "cadence": cadence}
    return records.insert(db, "assignments", row | {"start_date": start, "end_date": end})


def meeting_values(day: str = "2026-09-05", **changes) -> dict:
    """The fields of a regular meeting of 20 members, 18 present; the excused absences
    default to whatever accounts for every member owed."""
    values = (
        dict(
            date=day,
            kind="regular",
            members_full=20,
            members_probationary=0,
            members_exempt=0,
            present=18,
            absent_unexcused=0,
            duration_minutes=120,
            minutes_kept=True,
            resolution_adopted=True,
        )
        | changes
    )
    if "absent_excused" not in values:
        owed = values["members_full"] + values["members_probationary"] - values["members_exempt"]
        values["absent_excused"] = owed - values["present"] - values["absent_unexcused"]
    return values


def meeting(db, unit_id: int, day: str = "2026-09-05", *, today=TODAY, **changes) -> int:
    """A meeting the unit reported (record_meeting); `changes` as in `meeting_values`."""
    return record_meeting(db, unit_id, **meeting_values(day, **changes), today=today)


def visit(
    db, supervisor_id: int, unit_id: int, day="2026-09-05", *, meeting=None, scores=None,
    today=TODAY, **fields,
):  # fmt: skip
    """A visit recorded with its meeting (record_visit): `meeting` holds changes to
    `meeting_values`, `scores` default to FULL; `fields`: observations, planned_visit_id…"""
    return record_visit(
        db,
        supervisor_id=supervisor_id,
        unit_id=unit_id,
        meeting=meeting_values(day, **(meeting or {})),
        scores=dict(FULL if scores is None else scores),
        today=today,
        **fields,
    )


def planned_visit(db, supervisor_id: int, unit_id: int, day: str, *, today=None) -> int:
    """A visit on the agenda (plan_visit), judged as on `today` (default: `day` itself)."""
    return plan_visit(db, supervisor_id, unit_id, day, today=today or date.fromisoformat(day))


def person(db, name: str = "Nguyễn Văn Ấn", *, today=None, **facts) -> int:
    """A person (add_person; `birth_year`, `sex`, `code`…), judged as on `today` (the clock's)."""
    return people.add_person(db, name=name, today=today or date.today(), **facts)


def post(db, person_id: int, unit_id: int, role="secretary", start="2025-03-01", **kw) -> int:
    """`person_id` holds `role` in `unit_id` from `start` (appoint; `acting`, `concurrent_role`)."""
    kw.setdefault("today", date.today())
    return people.appoint(db, person_id, unit_id, role, start, **kw)


def concern(
    db, unit_id: int, description: str = "Đường liên thôn xuống cấp", *,
    category="socio_economic", route="committee", today=TODAY, **fields,
) -> int:  # fmt: skip
    """A concern raised for `unit_id` (raise_concern; `raised_date`, `visit_id`, `owner`…)."""
    return concerns.raise_concern(
        db, unit_id=unit_id, category=category, description=description, route=route,
        today=today, **fields,
    )  # fmt: skip


def note(
    db, person_id: int, *, unit_id=None, supervisor_id=None, day="2026-09-01",
    ratings=None, overall="fair", **fields,
) -> int:  # fmt: skip
    """A capability note on `person_id` (record_note; `flagged`, `narrative`, `visit_ids`)."""
    return capability.record_note(
        db, person_id=person_id, unit_id=unit_id, supervisor_id=supervisor_id, date=day,
        ratings={"prestige": overall} if ratings is None else ratings, overall=overall,
        today=fields.pop("today", None) or date.today(), **fields,
    )  # fmt: skip


def plan(
    db, unit_id: int, incumbent_id: int | None, *, reason="capability",
    target="2027-06-30", **fields,
) -> int:  # fmt: skip
    """A draft replacement-source plan (start_plan; `note_id`, `supervisor_id`)."""
    return succession.start_plan(
        db, unit_id=unit_id, incumbent_id=incumbent_id, reason=reason, target_date=target,
        **fields,
    )  # fmt: skip


def on_disk(path, build, *args, **kwargs):
    """Run `build(db, *args, **kwargs)` on the database file `path` and close it again;
    returns what `build` returned (the world's ids)."""
    db = store_db.connect(path)
    try:
        return build(db, *args, **kwargs)
    finally:
        db.conn.close()


def changes(db, table: str) -> list[dict]:
    """The audit trail of `table`, oldest first: what the makers and the code under test wrote."""
    return list(db["changes"].rows_where("table_name = ?", [table], order_by="id"))


def tan_lap(db, *, since: str = "2026-01-01") -> dict[str, int]:
    """The concern tests' commune: Đảng bộ xã Tân Lập (supervisor An, assigned since `since`)
    with cells Thôn Đông and Thôn Đoài, and Chi bộ Trường THCS on its own (supervisor Bình)."""
    ids = {"xa": unit(db, "Đảng bộ xã Tân Lập", kind="grassroots_committee", sector="commune")}
    ids["dong"] = unit(db, "Chi bộ Thôn Đông", parent_id=ids["xa"])
    ids["doai"] = unit(db, "Chi bộ Thôn Đoài", parent_id=ids["xa"])
    ids["truong"] = unit(db, "Chi bộ Trường THCS", kind="grassroots_cell", sector="public_service")
    ids["an"], ids["binh"] = supervisor(db, "Nguyễn Văn Ấn"), supervisor(db, "Trần Thị Bình")
    assign(db, ids["an"], ids["xa"], start=since)
    assign(db, ids["binh"], ids["truong"], start=since)
    return ids


TWINS = ("Chi bộ thôn 1 — Đảng bộ xã Đào Xá", "Chi bộ thôn 1 — Đảng bộ xã An Bình")


def twins(db) -> tuple[int, int]:
    """Two "Chi bộ thôn 1", under Đảng bộ xã Đào Xá then An Bình (shown as TWINS): the
    worlds of the tests that lists tell two units of one name apart."""
    cells = []
    for code, commune in (("DX", "Đào Xá"), ("AB", "An Bình")):
        top = unit(db, f"Đảng bộ xã {commune}", code=code, kind="grassroots_committee",
                   sector="commune", members_full=0)  # fmt: skip
        cells.append(unit(db, "Chi bộ thôn 1", code=f"{code}1", parent_id=top, members_full=20))
    return cells[0], cells[1]
