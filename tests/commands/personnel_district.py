"""A small district for the personnel and concern commands, built through the store's own
write paths, with fixed dates (pass --as-of AS_OF) and secrets that must never leak."""

from datetime import date

from store import concerns
from store.personnel import succession
from tests import factories as make

AS_OF = "2025-10-01"
# Assessment content: must appear only where personnel content is asked for.
NARRATIVE = "Uy tín thấp, điều hành sinh hoạt còn lúng túng"
CANDIDATE_NOTE = "Trẻ, nhiệt tình, cần bồi dưỡng thêm"
ACTION_TEXT = "Lớp trung cấp lý luận chính trị khóa 12"
SECRETS = (NARRATIVE, CANDIDATE_NOTE, ACTION_TEXT)


def build(path) -> dict:
    """Write the district to the database file `path`; returns the ids tests refer to."""
    return make.on_disk(path, _build)


def _build(db) -> dict:
    top = make.unit(db, "Đảng bộ xã Đào Xá", code="XA-DA", kind="grassroots_committee",
                    sector="commune")  # fmt: skip
    east = make.unit(db, "Chi bộ thôn Ấp Đông", code="XA-DA-01", parent_id=top)
    west = make.unit(db, "Chi bộ thôn Tây", code="XA-DA-02", parent_id=top)
    agency = make.unit(db, "Chi bộ Phòng Tài chính", code="CQ-TC", kind="grassroots_cell",
                       sector="admin_agency")  # fmt: skip
    an = make.supervisor(db, "Nguyễn Văn Ấn", code="S1")
    binh = make.supervisor(db, "Trần Thị Bình", code="S2")
    make.assign(db, an, top, start="2024-01-01")
    make.assign(db, binh, agency, start="2024-01-01")

    dao = make.person(db, "Đào Văn Cường", birth_year=1965, code="P1")
    le = make.person(db, "Lê Thị Mai", birth_year=1986, code="P2")
    pham = make.person(db, "Phạm Văn Dũng", birth_year=1975, code="P3")
    hoa = make.person(db, "Hoàng Thị Hoa", birth_year=1980, code="P4")
    make.post(db, dao, east, "secretary", "2020-10-01", concurrent_role="village_head")
    make.post(db, le, east, "deputy", "2020-10-01")
    make.post(db, pham, west, "secretary", "2021-01-01", acting=True)
    make.post(db, hoa, agency, "secretary", "2022-05-01", concurrent_role="agency_head")
    note = make.note(
        db, dao, unit_id=east, supervisor_id=an, day="2025-03-10", overall="weak",
        ratings={"prestige": "weak", "chairing": "average"}, flagged=True, narrative=NARRATIVE,
    )  # fmt: skip
    make.note(db, hoa, unit_id=agency, supervisor_id=binh, day="2023-06-01", overall="good")
    plan = make.plan(db, east, dao, target="2026-06-30", note_id=note, supervisor_id=an)
    candidate = succession.add_candidate(
        db, plan, le, readiness="now", note=CANDIDATE_NOTE, today=date.today()
    )
    succession.activate_plan(db, plan, today=date.today())
    succession.add_action(
        db,
        plan,
        kind="theory_class",
        description=ACTION_TEXT,
        owner="Trung tâm chính trị huyện",
        due_date="2025-09-15",
        candidate_id=candidate,
        today=date.today(),
    )
    draft = make.plan(db, agency, hoa, reason="age", target="2027-01-31")
    return {"plan": plan, "draft": draft, **_concerns(db, east, west, agency, an)}


def _concerns(db, east: int, west: int, agency: int, an: int) -> dict:
    road = make.concern(
        db, east, "Đường liên thôn xuống cấp, nhân dân kiến nghị sửa chữa",
        category="land_environment", raised_date="2025-07-05", due_date="2025-08-05",
        supervisor_id=an,
    )  # fmt: skip
    concerns.transition(
        db, road, "in_progress", note="Đã báo cáo UBND xã", date="2025-07-10", today=date.today()
    )
    members = make.concern(
        db, west, "Đảng viên cao tuổi xin miễn sinh hoạt", category="members", route="self",
        raised_date="2025-08-20",
    )  # fmt: skip
    concerns.transition(
        db, members, "resolved", note="Đã xét miễn sinh hoạt", date="2025-09-01", today=date.today()
    )
    fees = make.concern(
        db, agency, "Chậm chi trả phụ cấp cấp ủy", category="policy", route="agency",
        raised_date="2025-09-10",
    )  # fmt: skip
    return {"road": road, "members": members, "fees": fees}
