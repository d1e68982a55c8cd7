"""Free texts have a stated limit (TEXT_LIMITS): the store refuses a longer one with a message
naming the field, its length and the limit, and writes nothing; the limit itself is taken."""

import pytest

from store import concerns
from store.core.checks import TEXT_LIMITS, check_length
from store.core.errors import ValidationError
from store.personnel import capability
from store.visits import update_visit
from tests import factories as make

TODAY = make.TODAY


def too_long(field: str) -> str:
    return "x" * (TEXT_LIMITS[field] + 1)


def test_check_length_takes_the_limit_and_refuses_one_more():
    exact = "ă" * TEXT_LIMITS["observations"]
    assert check_length(exact, "observations") == exact
    assert check_length(None, "observations") is None
    with pytest.raises(ValidationError) as caught:
        check_length(exact + "x", "observations")
    assert caught.value.field == "observations"
    assert caught.value.message == "Nhận xét quá dài: 2001 ký tự, tối đa 2000 ký tự."


@pytest.mark.parametrize("field", ["observations", "recommendations", "good_practice"])
def test_a_visit_text_over_the_limit_is_refused_and_nothing_written(db, field):
    cell, sup = make.unit(db), make.supervisor(db)
    make.assign(db, sup, cell)
    with pytest.raises(ValidationError, match="tối đa 2000 ký tự") as caught:
        make.visit(db, sup, cell, **{field: too_long(field)})
    assert caught.value.field == field
    assert db["visits"].count == 0 and db["meetings"].count == 0
    done = make.visit(db, sup, cell, **{field: "Tốt"})
    with pytest.raises(ValidationError, match="2001 ký tự"):
        update_visit(db, done.visit_id, today=TODAY, **{field: too_long(field)})
    assert db["visits"].get(done.visit_id)[field] == "Tốt"


def test_a_concern_description_step_note_and_reopening_reason_have_limits(db):
    cell = make.unit(db)
    with pytest.raises(ValidationError, match="Nội dung vấn đề vướng mắc, kiến nghị quá dài"):
        make.concern(db, cell, too_long("description"))
    assert db["concerns"].count == 0
    concern = make.concern(db, cell)
    with pytest.raises(ValidationError) as caught:
        concerns.edit_concern(db, concern, description=too_long("description"))
    assert caught.value.field == "description"
    with pytest.raises(ValidationError, match="Nội dung đã làm, kết quả quá dài") as caught:
        concerns.transition(db, concern, "resolved", note=too_long("note"), today=TODAY)
    assert caught.value.field == "note"
    concerns.transition(db, concern, "resolved", note="x" * TEXT_LIMITS["note"], today=TODAY)
    with pytest.raises(ValidationError, match="Lý do mở lại quá dài") as caught:
        concerns.reopen(db, concern, too_long("reason"), today=TODAY)
    assert caught.value.field == "reason"
    assert concerns.get_concern(db, concern).status == "resolved"


def test_a_capability_narrative_has_a_limit(db):
    cell, person = make.unit(db), make.person(db)
    with pytest.raises(ValidationError, match="Nhận xét cụ thể quá dài") as caught:
        make.note(db, person, unit_id=cell, narrative=too_long("narrative"), today=TODAY)
    assert caught.value.field == "narrative" and db["capability_notes"].count == 0
    note = make.note(db, person, unit_id=cell, narrative="Có uy tín", today=TODAY)
    with pytest.raises(ValidationError, match="2001 ký tự"):
        capability.update_note(db, note, today=TODAY, narrative=too_long("narrative"))
    assert capability.get_note(db, note).narrative == "Có uy tín"
