"""A small, fixed district in a temp database file, and the app opened on it."""

from datetime import date

import pytest

from store.core import db as store_db
from store.core.records import insert
from store.personnel import people
from tests import factories as make

TODAY = date(2026, 9, 30)


def _unit(db, code, name, kind, sector, parent=None, full=0, probationary=0, exempt=0):
    return make.unit(
        db, name, code=code, kind=kind, sector=sector, parent_id=parent, members_full=full,
        members_probationary=probationary, members_exempt=exempt,
    )  # fmt: skip


def build_district(db) -> dict[str, int]:
    """Two grassroots committees with a sub-committee and cells, and one grassroots cell."""
    ids = {}
    ids["an_binh"] = _unit(
        db,
        "AB",
        "Đảng bộ xã An Bình",
        "grassroots_committee",
        "commune",
        full=180,
        probationary=6,
        exempt=12,
    )
    ids["khu_dong"] = _unit(
        db,
        "AB-KD",
        "Đảng bộ bộ phận Khu Đông",
        "sub_committee",
        "commune",
        ids["an_binh"],
        60,
        2,
        5,
    )
    ids["dao_xa"] = _unit(
        db, "AB-KD-01", "Chi bộ thôn Đào Xá", "cell", "village", ids["khu_dong"], 20, 2, 3
    )
    ids["dong_hoa"] = _unit(
        db, "AB-KD-02", "Chi bộ thôn Đông Hòa", "cell", "village", ids["khu_dong"], 25, 0, 4
    )
    ids["duong_lieu"] = _unit(
        db, "AB-03", "Chi bộ thôn Dương Liễu", "cell", "village", ids["an_binh"], 31, 1, 2
    )
    ids["truong"] = _unit(
        db, "AB-04", "Chi bộ Trường Tiểu học An Bình", "cell", "public_service", ids["an_binh"], 14
    )
    ids["hoa_lac"] = _unit(
        db,
        "HL",
        "Đảng bộ phường Hòa Lạc",
        "grassroots_committee",
        "ward",
        full=95,
        probationary=3,
        exempt=8,
    )
    ids["kp1"] = _unit(db, "HL-01", "Chi bộ khu phố 1", "cell", "village", ids["hoa_lac"], 40)
    ids["kp2"] = _unit(db, "HL-02", "Chi bộ khu phố 2", "cell", "village", ids["hoa_lac"], 38)
    ids["song_da"] = _unit(
        db,
        "SD",
        "Chi bộ Công ty cổ phần Sông Đà",
        "grassroots_cell",
        "enterprise",
        full=22,
        probationary=1,
    )
    _people(db, ids)
    _meetings(db, ids)
    return ids


def _people(db, ids) -> None:
    posts = (
        ("Nguyễn Văn Ấn", "secretary", "village_head"),
        ("Trần Thị Bình", "deputy", None),
        ("Lê Văn Cường", "committee_member", None),
    )
    staff = [make.person(db, name, sex="male") for name, _role, _concurrent in posts]
    former = make.person(db, "Hoàng Văn Cũ")
    old_post = make.post(db, former, ids["dao_xa"], "secretary", "2020-01-01")
    people.end_post(db, old_post, "2025-02-28", "Nghỉ hưu", today=date.today())
    for person, (_name, role, concurrent) in zip(staff, posts, strict=True):
        make.post(db, person, ids["dao_xa"], role, "2025-03-01", concurrent_role=concurrent)
    ids["duc"] = make.supervisor(
        db, "Phạm Minh Đức", code="S1", title="Ủy viên Ban Thường vụ Huyện ủy"
    )
    ids["assignment"] = make.assign(db, ids["duc"], ids["dao_xa"])


def _meetings(db, ids) -> None:
    """Meetings reported with their attendance only and a visit without a score sheet: rows
    record_meeting and record_visit would refuse (they want every count, and the scores),
    written straight in, as the screens must show such rows and the snapshots are drawn on
    them."""
    for day, kind, topic, present in (
        ("2026-07-05", "regular", "Sơ kết 6 tháng đầu năm", 18),
        ("2026-08-05", "regular", "Phòng chống bão lũ", 17),
        ("2026-08-20", "thematic", "Học tập và làm theo tư tưởng Hồ Chí Minh", 19),
        ("2026-09-05", "regular", "Xây dựng nông thôn mới", 19),
    ):
        meeting = insert(
            db,
            "meetings",
            {
                "unit_id": ids["dao_xa"],
                "date": day,
                "kind": kind,
                "topic": topic,
                "members_full": 20,
                "members_probationary": 2,
                "members_exempt": 3,
                "present": present,
                "source": "report",
            },
        )
        if day == "2026-09-05":
            insert(
                db,
                "visits",
                {
                    "supervisor_id": ids["duc"],
                    "unit_id": ids["dao_xa"],
                    "assignment_id": ids["assignment"],
                    "meeting_id": meeting,
                    "date": day,
                    "status": "done",
                },
            )


@pytest.fixture(autouse=True)
def nobody_asked(monkeypatch):
    """The worlds the tests build name no user: the question of who uses the installation
    is asked only by the tests of that question (tests/tui/test_who.py)."""
    from tui.app import PhutrachApp

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)


@pytest.fixture(autouse=True)
def default_keys(monkeypatch):
    """No test reads the user's own keymap (config.toml)."""
    monkeypatch.delenv("PHUTRACH_CONFIG", raising=False)


@pytest.fixture
def district(tmp_path):
    """(path of the district's database file, ids of its records by short name)."""
    path = tmp_path / "district.db"
    db = store_db.connect(path)
    ids = build_district(db)
    db.close()
    return path, ids


@pytest.fixture
def duties(district):
    """The district with its supervisors' duties (assignments) added: (path, ids)."""
    from tests.tui.visit_helpers import add_duties

    path, ids = district
    return path, {**ids, **add_duties(path)}


@pytest.fixture
def app(district):
    from tui.app import PhutrachApp

    return PhutrachApp(district[0], today=TODAY)
