"""The personnel lists (secretaries, a person's posts, notes, plans, units without a
secretary) tell two units of one name apart by their parents'."""

from datetime import date

from store.personnel import capability, people, roster, succession
from tests import factories as make

TODAY = date(2026, 10, 20)


def test_personnel_lists_name_shared_units_with_their_parents(db):
    dao_xa, an_binh = make.twins(db)
    first = make.person(db, "Nguyễn Văn An", today=TODAY)
    make.post(db, first, dao_xa, today=TODAY)
    second = make.person(db, "Trần Văn Bình", today=TODAY)
    make.post(db, second, an_binh, "deputy", today=TODAY)
    assert [s.unit_name for s in roster.secretaries(db, as_of=TODAY)] == [make.TWINS[0]]
    without = [u.title for u in roster.units_without_secretary(db, as_of=TODAY)]
    assert make.TWINS[1] in without and make.TWINS[0] not in without
    profile = people.person_profile(db, second, TODAY)
    assert [p.unit_name for p in profile.current] == [make.TWINS[1]]
    make.note(db, first, unit_id=dao_xa, today=TODAY)
    assert [n.unit_name for n in capability.timeline(db, first)] == [make.TWINS[0]]
    make.plan(db, an_binh, None)
    assert [p.unit_name for p in succession.list_plans(db, as_of=TODAY)] == [make.TWINS[1]]
