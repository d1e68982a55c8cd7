"""Every list of people reads in one order: by given name (tên), then family and middle
names, Vietnamese letters (ă after a, â after ă) before tones (store.lang.text.person_sort_key)."""

from datetime import date

from store.personnel import people, succession
from tests import factories as make

# Shuffled; by full name they would read Đặng, Lê, Nguyễn, Phạm, Trần (Đ sorts after D).
NAMES = ("Trần Văn Anh", "Nguyễn Thị Bình", "Lê Anh", "Đặng Văn Ân", "Phạm Ánh")
# Anh (Lê before Trần), then Ánh (a tone after the same letters), Ân (â after a), Bình.
ORDER = ["Lê Anh", "Trần Văn Anh", "Phạm Ánh", "Đặng Văn Ân", "Nguyễn Thị Bình"]
TODAY = date(2026, 9, 30)


def _people(db) -> list[int]:
    return [make.person(db, name, today=TODAY) for name in NAMES]


def test_the_personnel_list_and_its_search_read_by_given_name(db):
    _people(db)
    assert [p.name for p in people.list_people(db)] == ORDER
    assert [p.name for p in people.list_people(db, "anh")] == ["Lê Anh", "Trần Văn Anh", "Phạm Ánh"]


def test_a_units_post_holders_of_one_role_read_by_given_name(db):
    cell = make.unit(db, "Chi bộ thôn Đông")
    for person in _people(db):
        make.post(db, person, cell, "committee_member", today=TODAY)
    current = people.unit_people(db, cell, TODAY).current
    assert [p.person_name for p in current] == ORDER


def test_candidates_of_one_readiness_read_by_given_name(db):
    cell = make.unit(db, "Chi bộ thôn Đông")
    incumbent = make.person(db, "Hoàng Văn Cường", today=TODAY)
    make.post(db, incumbent, cell, today=TODAY)
    plan = succession.start_plan(
        db, unit_id=cell, incumbent_id=incumbent, reason="age", target_date="2027-06-30"
    )
    for person in _people(db):
        succession.add_candidate(db, plan, person, readiness="1-2y", today=TODAY)
    detail = succession.plan_detail(db, plan, TODAY)
    assert [c.person_name for c in detail.candidates] == ORDER
