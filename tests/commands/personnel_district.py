"""A small district for the personnel and concern commands, built through the store's own
write paths, with fixed dates (pass --as-of AS_OF) and secrets that must never leak."""

from store import concerns
from store.core import db as store_db
from store.core import records
from store.personnel import people, succession
from store.personnel.capability import record_note

AS_OF = "2025-10-01"
# Assessment content: must appear only where personnel content is asked for.
NARRATIVE = "Uy tín thấp, điều hành sinh hoạt còn lúng túng"
CANDIDATE_NOTE = "Trẻ, nhiệt tình, cần bồi dưỡng thêm"
ACTION_TEXT = "Lớp trung cấp lý luận chính trị khóa 12"
SECRETS = (NARRATIVE, CANDIDATE_NOTE, ACTION_TEXT)


def _unit(db, code, name, kind, parent_id=None, sector="village") -> int:
    row = {"code": code, "name": name, "kind": kind, "sector": sector, "parent_id": parent_id}
    return records.insert(db, "units", row)


def build(path) -> dict:
    """Write the district to the database file `path`; returns the ids tests refer to."""
    db = store_db.connect(path)
    top = _unit(db, "XA-DA", "Đảng bộ xã Đào Xá", "grassroots_committee", sector="commune")
    east = _unit(db, "XA-DA-01", "Chi bộ thôn Ấp Đông", "cell", top)
    west = _unit(db, "XA-DA-02", "Chi bộ thôn Tây", "cell", top)
    agency = _unit(db, "CQ-TC", "Chi bộ Phòng Tài chính", "grassroots_cell", sector="admin_agency")
    an = records.insert(db, "supervisors", {"code": "S1", "name": "Nguyễn Văn Ấn"})
    binh = records.insert(db, "supervisors", {"code": "S2", "name": "Trần Thị Bình"})
    for sup, unit in ((an, top), (binh, agency)):
        row = {"supervisor_id": sup, "unit_id": unit, "cadence": "monthly"}
        records.insert(db, "assignments", row | {"start_date": "2024-01-01"})

    dao = people.add_person(db, name="Đào Văn Cường", birth_year=1965, code="P1")
    le = people.add_person(db, name="Lê Thị Mai", birth_year=1986, code="P2")
    pham = people.add_person(db, name="Phạm Văn Dũng", birth_year=1975, code="P3")
    hoa = people.add_person(db, name="Hoàng Thị Hoa", birth_year=1980, code="P4")
    people.appoint(db, dao, east, "secretary", "2020-10-01", concurrent_role="village_head")
    people.appoint(db, le, east, "deputy", "2020-10-01")
    people.appoint(db, pham, west, "secretary", "2021-01-01", acting=True)
    people.appoint(db, hoa, agency, "secretary", "2022-05-01", concurrent_role="agency_head")
    note = record_note(
        db,
        person_id=dao,
        unit_id=east,
        supervisor_id=an,
        date="2025-03-10",
        ratings={"prestige": "weak", "chairing": "average"},
        overall="weak",
        flagged=True,
        narrative=NARRATIVE,
    )
    record_note(
        db,
        person_id=hoa,
        unit_id=agency,
        supervisor_id=binh,
        date="2023-06-01",
        ratings={"prestige": "good"},
        overall="good",
    )
    plan = succession.start_plan(
        db,
        unit_id=east,
        incumbent_id=dao,
        reason="capability",
        target_date="2026-06-30",
        note_id=note,
        supervisor_id=an,
    )
    candidate = succession.add_candidate(db, plan, le, readiness="now", note=CANDIDATE_NOTE)
    succession.activate_plan(db, plan)
    succession.add_action(
        db,
        plan,
        kind="theory_class",
        description=ACTION_TEXT,
        owner="Trung tâm chính trị huyện",
        due_date="2025-09-15",
        candidate_id=candidate,
    )
    draft = succession.start_plan(
        db, unit_id=agency, incumbent_id=hoa, reason="age", target_date="2027-01-31"
    )

    road = concerns.raise_concern(
        db,
        unit_id=east,
        category="land_environment",
        description="Đường liên thôn xuống cấp, nhân dân kiến nghị sửa chữa",
        route="committee",
        raised_date="2025-07-05",
        due_date="2025-08-05",
        supervisor_id=an,
    )
    concerns.transition(db, road, "in_progress", note="Đã báo cáo UBND xã", date="2025-07-10")
    members = concerns.raise_concern(
        db,
        unit_id=west,
        category="members",
        description="Đảng viên cao tuổi xin miễn sinh hoạt",
        route="self",
        raised_date="2025-08-20",
    )
    concerns.transition(db, members, "resolved", note="Đã xét miễn sinh hoạt", date="2025-09-01")
    fees = concerns.raise_concern(
        db,
        unit_id=agency,
        category="policy",
        description="Chậm chi trả phụ cấp cấp ủy",
        route="agency",
        raised_date="2025-09-10",
    )
    db.conn.close()
    return {"plan": plan, "draft": draft, "road": road, "members": members, "fees": fees}
