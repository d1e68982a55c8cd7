from datetime import date

import pytest

from store.core import records
from store.core.errors import NotFound, ValidationError
from store.lang.i18n import set_language
from store.personnel import people
from tests import factories as make


@pytest.fixture
def cell(db):
    return make.unit(db, "Chi bộ thôn Đông")


def _person(db, name="Nguyễn Văn Ấn", **facts):
    return people.add_person(db, name=name, today=date.today(), **facts)


def test_add_person_keeps_facts_and_a_folded_name(db):
    pid = _person(
        db,
        birth_year=1970,
        sex="male",
        party_joined="1995-05-19",
        theory_level="Trung cấp",
        code=" NV01 ",
    )
    person = people.get_person(db, pid)
    assert (person.name, person.birth_year, person.sex, person.code) == (
        "Nguyễn Văn Ấn",
        1970,
        "male",
        "NV01",
    )
    assert person.party_joined == "1995-05-19" and person.theory_level == "Trung cấp"
    assert db["people"].get(pid)["name_folded"] == "nguyen van an"
    assert person.age("2026-01-01") == 56
    assert [c["action"] for c in make.changes(db, "people")] == ["insert"]


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"name": "  "}, "name"),
        ({"birth_year": 1929}, "birth_year"),
        ({"birth_year": date.today().year - 17}, "birth_year"),
        ({"birth_year": "abc"}, "birth_year"),
        ({"sex": "x"}, "sex"),
        ({"party_joined": "2020-02-30"}, "party_joined"),
        ({"party_joined": "20200201"}, "party_joined"),
        ({"party_joined": f"{date.today().year + 1}-01-01"}, "party_joined"),
        ({"birth_year": 1990, "party_joined": "2006-03-01"}, "party_joined"),
    ],
)
def test_add_person_refuses_implausible_facts(db, facts, field):
    with pytest.raises(ValidationError) as err:
        people.add_person(db, today=date.today(), **({"name": "Lê Thị Hoa"} | facts))
    assert err.value.field == field
    assert db["people"].count == 0


def test_errors_speak_vietnamese(db):
    with pytest.raises(ValidationError, match="Năm sinh phải trong khoảng từ 1930"):
        _person(db, birth_year=1900)
    set_language("en")
    with pytest.raises(ValidationError, match="The birth year must be a year from 1930"):
        _person(db, birth_year=1900)


def test_person_codes_are_unique(db):
    _person(db, code="A1")
    with pytest.raises(ValidationError, match="Nguyễn Văn Ấn") as err:
        _person(db, name="Lê Thị Hoa", code="A1")
    assert err.value.field == "code"


def test_update_person_revalidates_and_is_audited(db):
    pid = _person(db, birth_year=1970)
    assert (
        people.update_person(
            db, pid, sex="female", training="Lớp bí thư chi bộ", today=date.today()
        ).sex
        == "female"
    )
    with pytest.raises(ValidationError):
        people.update_person(db, pid, party_joined="1980-01-01", today=date.today())  # joined at 10
    with pytest.raises(ValidationError, match="'shoe_size'"):
        people.update_person(db, pid, shoe_size=42, today=date.today())
    assert people.get_person(db, pid).party_joined is None
    assert [c["action"] for c in make.changes(db, "people")] == ["insert", "update"]


def test_list_people_searches_without_diacritics_and_sorts_by_given_name(db):
    for name in ("Trần Thị Bình", "Nguyễn Văn Ấn", "Đào Duy An"):
        _person(db, name)
    assert [p.name for p in people.list_people(db)] == [
        "Đào Duy An",
        "Nguyễn Văn Ấn",
        "Trần Thị Bình",
    ]
    assert [p.name for p in people.list_people(db, "nguyen van an")] == ["Nguyễn Văn Ấn"]
    assert [p.name for p in people.list_people(db, "dao")] == ["Đào Duy An"]
    # two letters match a word's start (An, Ấn), not the inside of one (Trần)
    assert people.count_people(db, "an") == 2 and people.count_people(db, "binh") == 1
    assert people.count_people(db, "ran") == 1  # three match anywhere


def test_appointing_a_secretary_ends_the_previous_one(db, cell):
    old, new = _person(db), _person(db, "Lê Thị Hoa")
    first = people.appoint(
        db, old, cell, "secretary", "2020-10-01", concurrent_role="village_head", today=date.today()
    )
    people.appoint(db, new, cell, "secretary", "2025-03-01", reason="Nghỉ hưu", today=date.today())
    ended = people.get_post(db, first)
    assert (ended.end_date, ended.end_reason) == ("2025-03-01", "Nghỉ hưu")
    now = people.unit_people(db, cell, "2025-06-01")
    assert now.secretary.person_name == "Lê Thị Hoa" and not now.vacant
    assert [p.person_name for p in now.history] == ["Nguyễn Văn Ấn"]
    before = people.unit_people(db, cell, "2024-12-31")
    assert before.secretary.person_name == "Nguyễn Văn Ấn"
    assert before.secretary.concurrent_role == "village_head" and before.history == ()


def test_appointment_is_one_transaction(db, cell, monkeypatch):
    old, new = _person(db), _person(db, "Lê Thị Hoa")
    post = people.appoint(db, old, cell, "secretary", "2020-10-01", today=date.today())

    def broken_insert(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(records, "insert", broken_insert)
    with pytest.raises(RuntimeError):
        people.appoint(db, new, cell, "secretary", "2025-03-01", today=date.today())
    assert people.get_post(db, post).end_date is None


def test_a_deputy_promoted_leaves_the_deputy_post(db, cell):
    sec, dep = _person(db), _person(db, "Lê Thị Hoa")
    people.appoint(db, sec, cell, "secretary", "2020-10-01", today=date.today())
    deputy_post = people.appoint(db, dep, cell, "deputy", "2020-10-01", today=date.today())
    people.appoint(db, dep, cell, "secretary", "2025-01-15", today=date.today())
    current = people.unit_people(db, cell, "2025-02-01").current
    assert [(p.person_name, p.role) for p in current] == [("Lê Thị Hoa", "secretary")]
    assert people.get_post(db, deputy_post).end_date == "2025-01-15"


def test_committee_members_are_many(db, cell):
    for name in ("Lê Thị Hoa", "Phạm Văn Cường"):
        people.appoint(
            db, _person(db, name), cell, "committee_member", "2024-01-01", today=date.today()
        )
    people.appoint(
        db, _person(db), cell, "secretary", "2024-01-01", acting=True, today=date.today()
    )
    view = people.unit_people(db, cell, "2024-06-01")
    assert [p.role for p in view.current] == ["secretary", "committee_member", "committee_member"]
    assert view.acting


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"role": "deputy", "concurrent_role": "village_head"}, "concurrent_role"),
        ({"role": "secretary", "concurrent_role": "mayor"}, "concurrent_role"),
        ({"role": "chairman"}, "role"),
        ({"role": "secretary", "start_date": "2019-01-01"}, "start_date"),
        ({"role": "secretary", "start_date": "2021-13-01"}, "start_date"),
        ({"role": "secretary", "person_id": 999}, "person_id"),
    ],
)
def test_appoint_refuses_bad_appointments(db, cell, kwargs, field):
    people.appoint(db, _person(db), cell, "secretary", "2020-10-01", today=date.today())
    args = {
        "person_id": _person(db, "Lê Thị Hoa"),
        "unit_id": cell,
        "start_date": "2025-01-01",
    } | kwargs
    with pytest.raises(ValidationError) as err:
        people.appoint(db, today=date.today(), **args)
    assert err.value.field == field
    assert db["posts"].count == 1 and people.unit_people(db, cell, as_of=date.today()).secretary


def test_appoint_refuses_the_same_post_twice_and_inactive_units(db, cell):
    pid = _person(db)
    people.appoint(db, pid, cell, "secretary", "2020-10-01", today=date.today())
    with pytest.raises(ValidationError, match="đang giữ chức vụ này"):
        people.appoint(db, pid, cell, "secretary", "2024-01-01", today=date.today())
    closed = make.unit(db, "Chi bộ đã giải thể", active=0)
    with pytest.raises(ValidationError, match="không còn hoạt động"):
        people.appoint(db, pid, closed, "secretary", "2024-01-01", today=date.today())


def test_end_post_leaves_the_unit_without_secretary(db, cell):
    post = people.appoint(db, _person(db), cell, "secretary", "2020-10-01", today=date.today())
    with pytest.raises(ValidationError) as err:
        people.end_post(db, post, "2024-01-01", " ", today=date.today())
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        people.end_post(db, post, "2019-01-01", "Chuyển công tác", today=date.today())
    assert err.value.field == "end_date"
    ended = people.end_post(db, post, "2024-01-01", "Chuyển công tác", today=date.today())
    assert ended.end_reason == "Chuyển công tác"
    assert people.unit_people(db, cell, "2024-01-01").vacant
    assert not people.unit_people(db, cell, "2023-12-31").vacant
    with pytest.raises(ValidationError, match="đã thôi"):
        people.end_post(db, post, "2024-02-01", "Lần nữa", today=date.today())


def test_update_post_confirms_an_acting_secretary(db, cell):
    post = people.appoint(
        db, _person(db), cell, "secretary", "2024-01-01", acting=True, today=date.today()
    )
    updated = people.update_post(db, post, acting=False, concurrent_role="village_head")
    assert (updated.acting, updated.concurrent_role) == (False, "village_head")
    assert people.update_post(db, post, concurrent_role=None).concurrent_role is None
    deputy = people.appoint(
        db, _person(db, "Lê Thị Hoa"), cell, "deputy", "2024-01-01", today=date.today()
    )
    with pytest.raises(ValidationError):
        people.update_post(db, deputy, concurrent_role="agency_head")


def test_person_profile_lists_current_and_past_posts(db, cell):
    other = make.unit(db, "Chi bộ thôn Tây")
    pid = _person(db)
    people.appoint(db, pid, cell, "deputy", "2015-01-01", today=date.today())
    people.appoint(db, pid, cell, "secretary", "2020-01-01", today=date.today())
    people.appoint(db, pid, other, "committee_member", "2021-01-01", today=date.today())
    profile = people.person_profile(db, pid, "2022-01-01")
    assert {(p.role, p.unit_name) for p in profile.current} == {
        ("secretary", "Chi bộ thôn Đông"),
        ("committee_member", "Chi bộ thôn Tây"),
    }
    assert [(p.role, p.end_date) for p in profile.history] == [("deputy", "2020-01-01")]
    assert people.describe_post(profile.history[0]) == "Phó bí thư, Chi bộ thôn Đông"
    with pytest.raises(NotFound):
        people.person_profile(db, 999, as_of=date.today())


def test_people_and_posts_are_not_confidential(db, cell):
    post = people.get_post(
        db, people.appoint(db, _person(db), cell, "secretary", "2024-01-01", today=date.today())
    )
    assert post.CONFIDENTIAL is False and people.Person.CONFIDENTIAL is False
