from datetime import date

import pytest

from store.core import records, settings
from store.core.errors import NotFound, ValidationError
from store.personnel import capability
from store.personnel.people import add_person, appoint
from store.personnel.succession import start_plan
from store.rules.rulebook import SHIPPED, load
from store.rules.rulebook import in_force as rulebook_in_force
from tests import factories as make

GOOD = {"political_ethics": "good", "prestige": "fair", "chairing": "average"}


@pytest.fixture
def setup(db):
    cell, sup = make.unit(db), make.supervisor(db, "Trần Văn Bình")
    make.assign(db, sup, cell, start="2024-01-01")
    person = add_person(db, name="Nguyễn Văn Ấn", birth_year=1970, today=date.today())
    appoint(db, person, cell, "secretary", "2020-10-01", today=date.today())
    return {"cell": cell, "person": person, "sup": sup}


def visit(db, s, day, place=None) -> int:
    """A visit of the setup's supervisor to `place` (default: the setup's cell) on `day`."""
    return make.visit(db, s["sup"], place or s["cell"], day, today=make.TODAY).visit_id


def _note(db, s, **kwargs):
    args = {
        "person_id": s["person"],
        "unit_id": s["cell"],
        "supervisor_id": s["sup"],
        "date": "2025-06-01",
        "ratings": GOOD,
        "overall": "fair",
    } | kwargs
    return capability.record_note(db, today=date.today(), **args)


def test_record_note_keeps_ratings_in_rulebook_order(db, setup):
    v1 = visit(db, setup, "2025-05-10")
    v2 = visit(db, setup, "2025-03-10")
    note_id = _note(
        db, setup, flagged=True, narrative=" Điều hành còn lúng túng. ", visit_ids=[v1, v2, v1]
    )
    note = capability.get_note(db, note_id)
    assert list(note.ratings) == ["political_ethics", "prestige", "chairing"]
    assert (note.overall, note.flagged, note.narrative) == (
        "fair",
        True,
        "Điều hành còn lúng túng.",
    )
    assert note.visit_ids == (v1, v2) and note.CONFIDENTIAL
    assert (note.person_name, note.unit_name, note.supervisor_name) == (
        "Nguyễn Văn Ấn",
        "Chi bộ thôn Đông",
        "Trần Văn Bình",
    )
    rated = note.rated(rulebook_in_force(db))
    assert rated[0] == ("Phẩm chất chính trị, đạo đức, lối sống", "Tốt")
    assert rated[2] == ("Nắm bắt, vận dụng chủ trương, nghị quyết, chỉ thị", "")
    assert len(make.changes(db, "capability_note_visits")) == 2


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"ratings": {"charisma": "good"}}, "ratings", "không phải là tiêu chí"),
        ({"ratings": {"prestige": "excellent"}}, "ratings", "Uy tín: excellent"),
        ({"ratings": {}}, "ratings", "ít nhất một tiêu chí"),
        ({"overall": "great"}, "overall", "Tốt, Khá, Trung bình, Yếu"),
        ({"date": "2099-01-01"}, "date", "tương lai"),
        ({"date": "2025-02-29"}, "date", "không phải ngày có thật"),
        ({"unit_id": 999}, "unit_id", "tổ chức đảng"),
        ({"supervisor_id": 999}, "supervisor_id", "cấp ủy viên"),
    ],
)
def test_record_note_refuses_what_the_rulebook_does_not_know(db, setup, kwargs, field, message):
    with pytest.raises(ValidationError, match=message) as err:
        _note(db, setup, **kwargs)
    assert err.value.field == field
    assert db["capability_notes"].count == 0


def test_record_note_follows_the_rulebook_in_force(db, setup, tmp_path):
    text = SHIPPED["resolution"].read_text(encoding="utf-8")
    text = text.replace(
        '{ id = "weak", label = "Yếu" },',
        '{ id = "weak", label = "Yếu" },\n  { id = "poor", label = "Kém" },',
    )
    custom = tmp_path / "district.toml"
    custom.write_text(text, encoding="utf-8")
    assert "poor" in [s.id for s in load(custom).scale]
    with pytest.raises(ValidationError):
        _note(db, setup, overall="poor")
    settings.put(db, "rulebook", str(custom))
    assert capability.get_note(db, _note(db, setup, overall="poor")).overall == "poor"


@pytest.mark.parametrize(
    ("where", "day", "status"),
    [
        ("other", "2025-05-01", "done"),
        ("same", "2025-05-01", "planned"),
        ("same", "2025-07-01", "done"),
    ],
)
def test_supporting_visits_must_have_taken_place_in_the_unit(db, setup, where, day, status):
    place = setup["cell"]
    if where == "other":
        place = make.unit(db, "Chi bộ thôn Tây")
        make.assign(db, setup["sup"], place, start="2024-01-01")
    if status == "planned":
        bad = make.planned_visit(db, setup["sup"], place, day)
    else:
        bad = visit(db, setup, day, place)
    with pytest.raises(ValidationError) as err:
        _note(db, setup, visit_ids=[bad])
    assert err.value.field == "visit_ids"
    assert db["capability_notes"].count == 0


def test_timeline_reads_newest_first_with_each_notes_visits(db, setup):
    v = visit(db, setup, "2024-05-10")
    _note(db, setup, date="2025-06-01")
    _note(db, setup, date="2024-06-01", visit_ids=[v], flagged=True)
    other = add_person(db, name="Lê Thị Hoa", today=date.today())
    _note(db, setup, person_id=other, date="2024-01-01")
    notes = capability.timeline(db, setup["person"])
    assert [(n.date, n.flagged, n.visit_ids) for n in notes] == [
        ("2025-06-01", False, ()),
        ("2024-06-01", True, (v,)),
    ]
    assert capability.latest_note(db, setup["person"]).date == "2025-06-01"
    assert capability.latest_note(db, setup["person"], "2025-01-01").date == "2024-06-01"
    assert capability.latest_note(db, setup["person"], "2024-01-01") is None
    with pytest.raises(NotFound):
        capability.timeline(db, 999)


def test_update_note_revalidates_and_replaces_visit_links(db, setup):
    v1, v2 = (visit(db, setup, d) for d in ("2025-04-01", "2025-05-01"))
    note_id = _note(db, setup, visit_ids=[v1])
    note = capability.update_note(
        db, note_id, flagged=True, visit_ids=[v2], overall="weak", today=date.today()
    )
    assert (note.flagged, note.overall, note.visit_ids) == (True, "weak", (v2,))
    assert note.ratings == GOOD
    with pytest.raises(ValidationError):
        capability.update_note(db, note_id, ratings={"prestige": "bad"}, today=date.today())
    with pytest.raises(ValidationError, match="'person_id'"):
        capability.update_note(db, note_id, person_id=2, today=date.today())
    assert capability.get_note(db, note_id).ratings == GOOD
    actions = [c["action"] for c in make.changes(db, "capability_note_visits")]
    assert actions == ["insert", "delete", "insert"]


def test_delete_note_is_audited_and_restorable(db, setup):
    v = visit(db, setup, "2025-05-01")
    note_id = _note(db, setup, visit_ids=[v])
    uid = capability.get_note(db, note_id).uid
    link_uid = next(db["capability_note_visits"].rows)["uid"]
    capability.delete_note(db, note_id)
    assert db["capability_notes"].count == 0 and db["capability_note_visits"].count == 0
    records.restore(db, uid)
    records.restore(db, link_uid)
    assert capability.get_note(db, note_id).visit_ids == (v,)


def test_a_note_behind_a_plan_cannot_be_deleted(db, setup):
    note_id = _note(db, setup, flagged=True)
    start_plan(
        db,
        unit_id=setup["cell"],
        incumbent_id=setup["person"],
        reason="capability",
        target_date="2026-12-31",
        note_id=note_id,
    )
    with pytest.raises(ValidationError, match="căn cứ của một kế hoạch"):
        capability.delete_note(db, note_id)
    assert db["capability_notes"].count == 1
