"""The yes/no filters of store.personnel.secretaries: acting, active plan, concurrent role."""

import pytest

from store import people, personnel, succession
from tests.store.personnel_helpers import unit

AS_OF = "2026-09-30"


@pytest.fixture
def cells(db):
    ids = {}
    for key, name, post in (
        ("an", "Nguyễn Văn Ấn", {"concurrent_role": "village_head"}),
        ("binh", "Trần Thị Bình", {"acting": True}),
        ("cuong", "Lê Văn Cường", {}),
    ):
        cell = unit(db, f"Chi bộ {name}")
        ids[key] = people.add_person(db, name=name)
        people.appoint(db, ids[key], cell, "secretary", "2025-01-01", **post)
        ids[f"{key}_cell"] = cell
    deputy = people.add_person(db, name="Phạm Văn Dũng")
    plan = succession.start_plan(
        db,
        unit_id=ids["cuong_cell"],
        incumbent_id=ids["cuong"],
        reason="age",
        target_date="2027-01-01",
    )
    succession.add_candidate(db, plan, deputy, readiness="now")
    succession.activate_plan(db, plan)
    return ids


def _names(rows):
    return [r.person_name for r in rows]


def test_each_filter_keeps_its_rows_and_counts_agree(db, cells):
    for flags, expected in (
        ({"acting": True}, ["Trần Thị Bình"]),
        ({"acting": False}, ["Lê Văn Cường", "Nguyễn Văn Ấn"]),
        ({"concurrent": True}, ["Nguyễn Văn Ấn"]),
        ({"active_plan": True}, ["Lê Văn Cường"]),
        ({"active_plan": False, "acting": False}, ["Nguyễn Văn Ấn"]),
    ):
        rows = personnel.secretaries(db, as_of=AS_OF, **flags)
        assert _names(rows) == expected, flags
        assert personnel.count_secretaries(db, as_of=AS_OF, **flags) == len(expected)


def test_an_unknown_filter_is_refused(db, cells):
    with pytest.raises(TypeError):
        personnel.secretaries(db, as_of=AS_OF, vacant=True)
