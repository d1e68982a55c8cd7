"""A small district for the brief tests, built with the store's own write functions: a đảng bộ
with two cells, a grassroots cell, one supervisor, meetings, a visit with a concern, a flagged
secretary and an active replacement-source plan."""

from datetime import date

from store.core import settings
from store.personnel.succession import activate_plan, add_action, add_candidate
from tests import factories as make

TODAY = date(2026, 10, 10)
NARRATIVE = "Ít nắm bắt chủ trương mới, điều hành sinh hoạt lúng túng"
ACTION = "Cử dự lớp bồi dưỡng nghiệp vụ bí thư chi bộ khóa đặc biệt"
FLAGGED = "Trần Đình Lực"
SIGNER = "Lê Văn Thịnh"  # signs the committee's briefs (T/M Ban Thường vụ, Phó Bí thư)
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


def _meeting(db, unit_id, day, kind="regular", present=18, topic=None):
    return make.meeting(
        db, unit_id, day, kind=kind, topic=topic or f"Sinh hoạt {day}", members_probationary=2,
        members_exempt=2, present=present, duration_minutes=95, today=TODAY,
    )  # fmt: skip


def _cell(db, code, name, parent=None, **fields):
    members = dict(members_full=20, members_probationary=2, members_exempt=2) | fields
    return make.unit(db, name, code=code, parent_id=parent, **members)


def build(db) -> dict[str, int]:
    settings.put(db, "committee.name", "HUYỆN ỦY TIÊN DU")
    settings.put(db, "committee.parent_body", "ĐẢNG BỘ TỈNH BẮC NINH")
    settings.put(db, "committee.place", "Tiên Du")
    settings.put(db, "letterhead.signer_name", SIGNER)
    xa = dict(kind="grassroots_committee", sector="commune", members_full=120)
    ids = {
        "xa": _cell(db, "XA", "Đảng bộ xã Đào Xá", **xa, members_probationary=4, members_exempt=10)
    }
    ids["a"] = _cell(db, "XA-01", "Chi bộ thôn Ấp Đông", ids["xa"])
    ids["b"] = _cell(db, "XA-02", "Chi bộ thôn Yên Trung", ids["xa"])
    ids["cty"] = _cell(db, "CTY", "Chi bộ Công ty Sông Đà", kind="grassroots_cell",
                       sector="enterprise")  # fmt: skip
    ids["sup"] = make.supervisor(db, "Phạm Minh Đức", code="PT01", title="Huyện ủy viên")
    for unit, cadence in (("a", "monthly"), ("b", "monthly"), ("cty", "quarterly")):
        make.assign(db, ids["sup"], ids[unit], cadence=cadence)
    for month in ("07", "08", "09"):
        _meeting(db, ids["a"], f"2026-{month}-03")
        _meeting(db, ids["cty"], f"2026-{month}-04", present=16)
    _meeting(db, ids["b"], "2026-07-06", present=14)  # Yên Trung misses August and September
    _meeting(db, ids["a"], "2026-08-20", kind="thematic", topic="Học tập tư tưởng Hồ Chí Minh")
    visit = make.visit(
        db, ids["sup"], ids["a"], "2026-09-15", scores=SCORES, today=TODAY,
        meeting=dict(topic="Xây dựng nông thôn mới", members_probationary=2, members_exempt=2,
                     present=19, duration_minutes=100),
        observations="Chi bộ chuẩn bị chu đáo.", recommendations="Tăng cường sinh hoạt chuyên đề.",
    )  # fmt: skip
    ids["visit"] = visit.visit_id
    ids["concern"] = make.concern(
        db, ids["a"], "Chậm cấp giấy chứng nhận quyền sử dụng đất", category="land_environment",
        visit_id=visit.visit_id, today=TODAY,
    )  # fmt: skip
    _people(db, ids)
    return ids


def _people(db, ids) -> None:
    ids["luc"] = make.person(db, FLAGGED, birth_year=1968, sex="male")
    ids["hung"] = make.person(db, CANDIDATE, birth_year=1985, sex="male")
    make.post(db, ids["luc"], ids["a"], "secretary", concurrent_role="village_head")
    make.post(db, ids["hung"], ids["a"], "deputy")
    ratings = {
        "political_ethics": "fair",
        "prestige": "weak",
        "directives": "weak",
        "chairing": "average",
        "organizing": "average",
    }
    note = make.note(
        db, ids["luc"], unit_id=ids["a"], supervisor_id=ids["sup"], day="2026-09-16",
        ratings=ratings, overall="weak", flagged=True, narrative=NARRATIVE,
    )  # fmt: skip
    ids["plan"] = make.plan(
        db, ids["a"], ids["luc"], target="2027-03-31", note_id=note, supervisor_id=ids["sup"]
    )
    candidate = add_candidate(db, ids["plan"], ids["hung"], readiness="now", today=date.today())
    add_action(
        db,
        ids["plan"],
        kind="training",
        description=ACTION,
        owner="Ban Tổ chức",
        due_date="2026-12-15",
        candidate_id=candidate,
        today=date.today(),
    )
    activate_plan(db, ids["plan"], today=date.today())
