"""A small district for the brief tests, built with the store's own write functions: a đảng bộ
with two cells, a grassroots cell, one supervisor, meetings, a visit with a concern, a flagged
secretary and an active replacement-source plan."""

from datetime import date

from store.concerns import raise_concern
from store.core import records, settings
from store.personnel.capability import record_note
from store.personnel.people import add_person, appoint
from store.personnel.succession import activate_plan, add_action, add_candidate, start_plan
from store.visits import record_visit
from store.visits.meetings import record_meeting

TODAY = date(2026, 10, 10)
NARRATIVE = "Ít nắm bắt chủ trương mới, điều hành sinh hoạt lúng túng"
ACTION = "Cử dự lớp bồi dưỡng nghiệp vụ bí thư chi bộ khóa đặc biệt"
FLAGGED = "Trần Đình Lực"
CANDIDATE = "Nguyễn Trọng Hưng"
SCORES = {
    "attendance": 15,
    "preparation": 12,
    "order_duration": 10,
    "content": 18,
    "criticism": 8,
    "participation": 10,
    "principles": 5,
    "resolution": 8,
    "minutes": 5,
}


def _unit(db, code, name, kind, sector, parent=None, full=20, probationary=2, exempt=2):
    row = {
        "code": code,
        "name": name,
        "kind": kind,
        "sector": sector,
        "parent_id": parent,
        "members_full": full,
        "members_probationary": probationary,
        "members_exempt": exempt,
    }
    return records.insert(db, "units", row)


def _meeting(db, unit_id, day, kind="regular", present=18, topic=None):
    return record_meeting(
        db,
        unit_id,
        date=day,
        kind=kind,
        topic=topic or f"Sinh hoạt {day}",
        members_full=20,
        members_probationary=2,
        members_exempt=2,
        present=present,
        absent_excused=20 - present,
        absent_unexcused=0,
        duration_minutes=95,
        minutes_kept=True,
        resolution_adopted=True,
        today=TODAY,
    )


def build(db) -> dict[str, int]:
    settings.put(db, "committee.name", "HUYỆN ỦY TIÊN DU")
    settings.put(db, "committee.parent_body", "ĐẢNG BỘ TỈNH BẮC NINH")
    settings.put(db, "committee.place", "Tiên Du")
    ids = {
        "xa": _unit(
            db, "XA", "Đảng bộ xã Đào Xá", "grassroots_committee", "commune", None, 120, 4, 10
        )
    }
    ids["a"] = _unit(db, "XA-01", "Chi bộ thôn Ấp Đông", "cell", "village", ids["xa"])
    ids["b"] = _unit(db, "XA-02", "Chi bộ thôn Yên Trung", "cell", "village", ids["xa"])
    ids["cty"] = _unit(db, "CTY", "Chi bộ Công ty Sông Đà", "grassroots_cell", "enterprise")
    ids["sup"] = records.insert(
        db, "supervisors", {"code": "PT01", "name": "Phạm Minh Đức", "title": "Huyện ủy viên"}
    )
    for unit, cadence in (("a", "monthly"), ("b", "monthly"), ("cty", "quarterly")):
        records.insert(
            db,
            "assignments",
            {
                "supervisor_id": ids["sup"],
                "unit_id": ids[unit],
                "cadence": cadence,
                "start_date": "2026-01-01",
            },
        )
    for month in ("07", "08", "09"):
        _meeting(db, ids["a"], f"2026-{month}-03")
        _meeting(db, ids["cty"], f"2026-{month}-04", present=16)
    _meeting(db, ids["b"], "2026-07-06", present=14)  # Yên Trung misses August and September
    _meeting(db, ids["a"], "2026-08-20", kind="thematic", topic="Học tập tư tưởng Hồ Chí Minh")
    visit = record_visit(
        db,
        supervisor_id=ids["sup"],
        unit_id=ids["a"],
        scores=SCORES,
        today=TODAY,
        meeting={
            "date": "2026-09-15",
            "kind": "regular",
            "topic": "Xây dựng nông thôn mới",
            "members_full": 20,
            "members_probationary": 2,
            "members_exempt": 2,
            "present": 19,
            "absent_excused": 1,
            "absent_unexcused": 0,
            "duration_minutes": 100,
            "minutes_kept": True,
            "resolution_adopted": True,
        },
        observations="Chi bộ chuẩn bị chu đáo.",
        recommendations="Tăng cường sinh hoạt chuyên đề.",
    )
    ids["visit"] = visit.visit_id
    ids["concern"] = raise_concern(
        db,
        unit_id=ids["a"],
        category="land_environment",
        route="committee",
        description="Chậm cấp giấy chứng nhận quyền sử dụng đất",
        visit_id=visit.visit_id,
        today=TODAY,
    )
    _people(db, ids)
    return ids


def _people(db, ids) -> None:
    ids["luc"] = add_person(db, name=FLAGGED, birth_year=1968, sex="male")
    ids["hung"] = add_person(db, name=CANDIDATE, birth_year=1985, sex="male")
    appoint(db, ids["luc"], ids["a"], "secretary", "2025-03-01", concurrent_role="village_head")
    appoint(db, ids["hung"], ids["a"], "deputy", "2025-03-01")
    ratings = {
        "political_ethics": "fair",
        "prestige": "weak",
        "directives": "weak",
        "chairing": "average",
        "organizing": "average",
    }
    note = record_note(
        db,
        person_id=ids["luc"],
        unit_id=ids["a"],
        supervisor_id=ids["sup"],
        date="2026-09-16",
        ratings=ratings,
        overall="weak",
        flagged=True,
        narrative=NARRATIVE,
    )
    ids["plan"] = start_plan(
        db,
        unit_id=ids["a"],
        incumbent_id=ids["luc"],
        reason="capability",
        target_date="2027-03-31",
        note_id=note,
        supervisor_id=ids["sup"],
    )
    candidate = add_candidate(db, ids["plan"], ids["hung"], readiness="now")
    add_action(
        db,
        ids["plan"],
        kind="training",
        description=ACTION,
        owner="Ban Tổ chức",
        due_date="2026-12-15",
        candidate_id=candidate,
    )
    activate_plan(db, ids["plan"])
