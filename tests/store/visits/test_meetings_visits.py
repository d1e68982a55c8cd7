"""The meetings register, visits (one transaction, validation by field), planning."""

import json
from datetime import date

import pytest

from store.core import records, settings
from store.core.errors import ValidationError
from store.lang.i18n import set_language
from store.rules.rulebook import load
from store.rules.scoring import live_rating
from store.visits import (
    count_visits,
    delete_visit,
    get_visit,
    list_visits,
    record_visit,
    restore_visit,
    update_visit,
)
from store.visits.meetings import (
    delete_meeting,
    get_meeting,
    list_meetings,
    meeting_defaults,
    record_meeting,
    update_meeting,
)
from store.visits.planning import (
    agenda,
    cancel_planned_visit,
    missed_visits,
    plan_visit,
    suggest_plan,
)
from tests import factories as make
from tests.factories import FULL

TODAY = date(2026, 10, 20)


def meeting(**changes):
    """The meeting these tests record: 18 full and 2 probationary members, 2 exempted, 16 of
    the 18 owed present (88.9%, over the threshold), the 2 absent excused."""
    values = dict(members_full=18, members_probationary=2, members_exempt=2, present=16)
    values |= dict(absent_excused=2, absent_unexcused=0, topic=None)
    return make.meeting_values("2026-10-05", **values | changes)


@pytest.fixture
def world(db):
    unit = make.unit(db, members_full=18, members_probationary=2, members_exempt=2)
    other = make.unit(db, "Chi bộ thôn Tây")
    sup = make.supervisor(db)
    make.assign(db, sup, unit)
    make.assign(db, sup, other, cadence="quarterly", start="2026-05-10", end="2027-06-30")
    return {"db": db, "unit": unit, "other": other, "sup": sup}


def visit(world, **changes):
    args = dict(
        supervisor_id=world["sup"],
        unit_id=world["unit"],
        meeting=meeting(),
        scores=dict(FULL),
        today=TODAY,
    )
    return record_visit(world["db"], **{**args, **changes})


# --- the meetings register ------------------------------------------------------------------


def test_record_meeting_saves_a_clean_row_and_audits_it(world):
    db = world["db"]
    meeting_id = record_meeting(db, world["unit"], **meeting(), today=TODAY)
    saved = get_meeting(db, meeting_id)
    assert (saved.date, saved.kind, saved.present, saved.owed) == ("2026-10-05", "regular", 16, 18)
    assert saved.attendance_rate == pytest.approx(100 * 16 / 18)
    assert saved.minutes_kept is True and saved.source == "report"
    assert [c["action"] for c in records.history(db, saved.uid)] == ["insert"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"date": "2026-10-21"}, "date", "tương lai"),
        ({"date": "2026-02-30"}, "date", "ngày có thật"),
        ({"kind": "party"}, "kind", "party"),
        ({"kind": "thematic", "topic": "  "}, "topic", "chuyên đề"),
        ({"present": -1}, "present", "số nguyên"),
        ({"present": 2.5}, "present", "số nguyên"),
        ({"absent_excused": True}, "absent_excused", "số nguyên"),
        ({"members_exempt": 21}, "members_exempt", "miễn"),
        ({"present": 21, "absent_excused": 0, "absent_unexcused": 0}, "present", "21"),
        ({"present": 0, "absent_excused": 10, "absent_unexcused": 9}, "absent_excused", "19"),
        ({"present": 18, "absent_excused": 2, "absent_unexcused": 1}, "present", "21"),
        ({"present": 10, "absent_excused": 1, "absent_unexcused": 1}, "present", "6"),
        (
            {
                "members_full": 0,
                "members_probationary": 0,
                "members_exempt": 0,
                "present": 0,
                "absent_excused": 0,
                "absent_unexcused": 0,
            },
            "members_full",
            "ít nhất",
        ),
        ({"duration_minutes": 0}, "duration_minutes", "600"),
        ({"duration_minutes": 601}, "duration_minutes", "600"),
        ({"minutes_kept": "maybe"}, "minutes_kept", "có hoặc không"),
    ],
)
def test_bad_meetings_name_the_field_and_save_nothing(world, changes, field, words):
    db = world["db"]
    with pytest.raises(ValidationError) as caught:
        record_meeting(db, world["unit"], **meeting(**changes), today=TODAY)
    assert caught.value.field == field
    assert words in caught.value.message
    assert db["meetings"].count == 0 and db["changes"].count_where("table_name = 'meetings'") == 0


def test_exempted_members_who_attend_are_allowed(world):
    # 20 members, 2 exempted: 18 owed; all 20 came.
    meeting_id = record_meeting(
        world["db"],
        world["unit"],
        today=TODAY,
        **meeting(present=20, absent_excused=0, absent_unexcused=0),
    )
    assert get_meeting(world["db"], meeting_id).attendance_rate > 100


def test_form_strings_of_digits_are_accepted(world):
    meeting_id = record_meeting(
        world["db"], world["unit"], today=TODAY, **meeting(present="16", absent_excused="2")
    )
    assert get_meeting(world["db"], meeting_id).present == 16


def test_unknown_unit_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        record_meeting(world["db"], 999, **meeting(), today=TODAY)
    assert caught.value.field == "unit_id"


def test_update_revalidates_and_delete_is_restorable(world):
    db = world["db"]
    meeting_id = record_meeting(db, world["unit"], **meeting(), today=TODAY)
    assert update_meeting(db, meeting_id, present=15, absent_unexcused=2, today=TODAY).present == 15
    with pytest.raises(ValidationError) as caught:
        update_meeting(db, meeting_id, kind="thematic", today=TODAY)
    assert caught.value.field == "topic"
    gone = delete_meeting(db, meeting_id)
    assert db["meetings"].count == 0
    records.restore(db, gone.uid)
    assert get_meeting(db, meeting_id).present == 15


def test_list_meetings_by_period_and_defaults(world):
    db = world["db"]
    for day in ("2026-08-05", "2026-09-05", "2026-10-05"):
        record_meeting(db, world["unit"], **meeting(date=day), today=TODAY)
    assert [m.date for m in list_meetings(db, world["unit"], period="2026-Q3")] == [
        "2026-09-05",
        "2026-08-05",
    ]
    assert len(list_meetings(db, world["unit"], limit=1)) == 1
    assert meeting_defaults(db, world["unit"]) == {
        "members_full": 18,
        "members_probationary": 2,
        "members_exempt": 2,
    }


# --- visits -----------------------------------------------------------------------------------


def test_record_visit_saves_meeting_and_visit_with_the_rating(world):
    db = world["db"]
    result = visit(world)
    assert (result.total, result.rating, result.rating_label) == (100, "good", "Tốt")
    saved = get_visit(db, result.visit_id)
    assert saved.status == "done" and saved.date == "2026-10-05"
    assert saved.meeting.id == result.meeting_id and saved.meeting.source == "visit"
    assert saved.scores == FULL
    assert saved.rulebook == load().name
    assert saved.assignment_id is not None


def test_short_on_a_required_criterion_is_not_good(world):
    result = visit(world, scores={**FULL, "minutes": 4})
    assert (result.total, result.rating, result.missing_for_good) == (99, "fair", ("minutes",))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scores": {**FULL, "attendance": 16}}, "score.attendance"),
        ({"scores": {**FULL, "content": -1}}, "score.content"),
        ({"scores": {**FULL, "content": 1.5}}, "score.content"),
        ({"scores": {k: v for k, v in FULL.items() if k != "criticism"}}, "score.criticism"),
        ({"scores": {**FULL, "beauty": 3}}, "score.beauty"),
        ({"unit_scores": {**FULL, "minutes": 9}}, "unit_score.minutes"),
        ({"meeting": meeting(present=30)}, "present"),
        ({"meeting": meeting(date="2026-10-25")}, "date"),
        ({"meeting": meeting(date="2025-12-31")}, "date"),  # before the assignment
        ({"supervisor_id": 999}, "supervisor_id"),
        ({"unit_id": 999}, "unit_id"),
        ({"planned_visit_id": 999}, "planned_visit_id"),
    ],
)
def test_bad_visits_name_the_field_and_save_nothing(world, changes, field):
    db = world["db"]
    with pytest.raises(ValidationError) as caught:
        visit(world, **changes)
    assert caught.value.field == field
    assert db["meetings"].count == 0 and db["visits"].count == 0 and db["changes"].count == 5


def test_visit_outside_the_assignment_names_the_date(world):
    # The quarterly assignment to the other unit starts on 2026-05-10.
    with pytest.raises(ValidationError) as caught:
        visit(world, unit_id=world["other"], meeting=meeting(date="2026-05-09"))
    assert caught.value.field == "date" and "09/05/2026" in caught.value.message
    assert visit(world, unit_id=world["other"], meeting=meeting(date="2026-05-10")).visit_id


def test_a_failure_inside_the_transaction_leaves_nothing(world, monkeypatch):
    db = world["db"]
    real_insert = records.insert

    def failing(db_, table, row, **kw):
        if table == "visits":
            raise RuntimeError("disk full")
        return real_insert(db_, table, row, **kw)

    monkeypatch.setattr(records, "insert", failing)
    with pytest.raises(RuntimeError):
        visit(world)
    assert db["meetings"].count == 0 and db["changes"].count == 5


def test_update_visit_rescores_and_checks_again(world):
    db = world["db"]
    result = visit(world, observations="Chuẩn bị tốt")
    updated = update_visit(
        db,
        result.visit_id,
        scores={**FULL, "content": 10},
        meeting={"present": 17, "absent_excused": 1},
        today=TODAY,
    )
    assert (updated.total, updated.rating) == (90, "good")
    saved = get_visit(db, result.visit_id)
    assert saved.meeting.present == 17 and saved.observations == "Chuẩn bị tốt"
    with pytest.raises(ValidationError) as caught:
        update_visit(db, result.visit_id, meeting={"date": "2025-06-01"}, today=TODAY)
    assert caught.value.field == "date"
    assert get_visit(db, result.visit_id).date == "2026-10-05"


def test_delete_visit_removes_both_and_can_be_restored(world):
    db = world["db"]
    result = visit(world)
    deleted = delete_visit(db, result.visit_id)
    assert db["visits"].count == 0 and db["meetings"].count == 0
    assert restore_visit(db, deleted) == result.visit_id
    assert get_visit(db, result.visit_id).meeting.id == result.meeting_id


def test_a_visited_meeting_changes_only_through_its_visit(world):
    result = visit(world)
    for change in (delete_meeting, lambda db, i: update_meeting(db, i, present=15, today=TODAY)):
        with pytest.raises(ValidationError) as caught:
            change(world["db"], result.meeting_id)
        assert caught.value.field == "meeting_id"
    assert get_visit(world["db"], result.visit_id).meeting.present == 16


def test_live_rating_follows_partial_sheets():
    rulebook = load()
    partial = live_rating(rulebook, {"attendance": "15", "content": 20, "minutes": 7})
    assert partial.total == 35 and partial.rating == "poor"
    assert "minutes" in partial.unscored and "preparation" in partial.unscored
    assert live_rating(rulebook, FULL).rating_label == "Tốt"
    assert live_rating(rulebook, FULL).unscored == ()


def test_list_visits_with_names_filters_and_paging(world):
    db = world["db"]
    visit(world, meeting=meeting(date="2026-09-05"))
    visit(world, meeting=meeting(date="2026-10-05"))
    visit(world, unit_id=world["other"], meeting=meeting(date="2026-07-15"))
    rows = list_visits(db, period="2026-Q4")
    assert [(r.date, r.unit_name, r.supervisor_name, r.owed) for r in rows] == [
        ("2026-10-05", "Chi bộ thôn Đông", "Đào Văn Ấn", 18)
    ]
    assert [r.date for r in list_visits(db, unit_id=world["unit"])] == ["2026-10-05", "2026-09-05"]
    assert [r.date for r in list_visits(db, limit=1, offset=1)] == ["2026-09-05"]
    assert count_visits(db, supervisor_id=world["sup"]) == 3


def test_the_rulebook_in_force_scores_the_visit(world, tmp_path):
    db = world["db"]
    text = load().path.read_text(encoding="utf-8").replace("min = 90", "min = 101", 1)
    custom = tmp_path / "strict.toml"
    custom.write_text(text, encoding="utf-8")
    settings.put(db, "rulebook", str(custom))
    assert visit(world).rating == "fair"


# --- planning ---------------------------------------------------------------------------------


def test_plan_complete_and_cancel(world):
    db = world["db"]
    planned = plan_visit(db, world["sup"], world["unit"], "2026-10-28", today=TODAY)
    assert [a.visit_id for a in agenda(db, world["sup"], "2026-10-01", "2026-10-31")] == [planned]
    with pytest.raises(ValidationError) as caught:
        plan_visit(db, world["sup"], world["unit"], "2026-10-28", today=TODAY)
    assert caught.value.field == "planned_date"
    result = visit(
        world,
        planned_visit_id=planned,
        today=date(2026, 10, 28),
        meeting=meeting(date="2026-10-28"),
    )
    assert result.visit_id == planned
    saved = get_visit(db, planned)
    assert (saved.status, saved.planned_date, saved.date) == ("done", "2026-10-28", "2026-10-28")
    assert agenda(db, None, "2026-10-01", "2026-10-31") == []
    with pytest.raises(ValidationError):
        cancel_planned_visit(db, planned)
    other = plan_visit(db, world["sup"], world["unit"], "2026-11-20", today=TODAY)
    cancel_planned_visit(db, other)
    assert get_visit(db, other).status == "cancelled"


@pytest.mark.parametrize(
    ("day", "field"),
    [
        ("2026-10-19", "planned_date"),
        ("2027-07-01", "planned_date"),
        ("2026-13-01", "planned_date"),
    ],
)
def test_bad_plans_are_refused(world, day, field):
    with pytest.raises(ValidationError) as caught:
        plan_visit(world["db"], world["sup"], world["other"], day, today=TODAY)
    assert caught.value.field == field


def test_missed_visits_are_planned_ones_whose_date_passed(world):
    db = world["db"]
    early = plan_visit(db, world["sup"], world["unit"], "2026-10-21", today=TODAY)
    later = plan_visit(db, world["sup"], world["unit"], "2026-10-30", today=TODAY)
    assert [m.visit_id for m in missed_visits(db, world["sup"], "2026-10-25")] == [early]
    assert [m.visit_id for m in missed_visits(db, None, "2026-11-02")] == [early, later]
    assert missed_visits(db, world["sup"], "2026-10-21") == []


def test_suggest_plan_follows_cadence_and_skips_covered_periods(world):
    db = world["db"]
    visit(world, meeting=meeting(date="2026-09-10"))
    visit(world, unit_id=world["other"], meeting=meeting(date="2026-08-03"))
    plan_visit(db, world["sup"], world["unit"], "2026-11-12", today=TODAY)
    found = suggest_plan(db, world["sup"], start="2026-10-20", months=3)
    monthly = [(s.period.code, s.date) for s in found if s.assignment.unit_id == world["unit"]]
    # October: a month after the September visit would be 10/10, before the start; November is
    # planned; December follows the November plan.
    assert monthly == [("2026-10", date(2026, 10, 20)), ("2026-12", date(2026, 12, 12))]
    quarterly = [(s.period.code, s.date) for s in found if s.assignment.unit_id == world["other"]]
    assert quarterly == [("2026-Q4", date(2026, 11, 3))]
    assert [s.date for s in found] == sorted(s.date for s in found)
    assert db["visits"].count_where("status = 'planned'") == 1  # nothing saved


def test_planning_messages_in_english(world):
    set_language("en")
    with pytest.raises(ValidationError) as caught:
        plan_visit(world["db"], world["sup"], world["unit"], "2026-10-01", today=TODAY)
    assert caught.value.message == "A visit is planned for today or later."


def test_scores_are_stored_as_json(world):
    result = visit(world)
    row = records.get(world["db"], "visits", result.visit_id)
    assert json.loads(row["scores"]) == FULL and row["unit_scores"] is None


def test_deleting_one_of_two_visits_to_a_meeting_keeps_the_meeting(world):
    """Two supervisors attended the same meeting: deleting one visit leaves the meeting and
    the other visit (the demo has such; the delete failed on the foreign key before)."""
    db = world["db"]
    first = visit(world)
    other = make.supervisor(db, "Lê Thị Hoa")
    make.assign(db, other, world["unit"])
    second = visit(world, supervisor_id=other, meeting_id=first.meeting_id)
    deleted = delete_visit(db, first.visit_id)
    assert deleted.meeting_uid is None
    assert (
        db["meetings"].count == 1 and get_visit(db, second.visit_id).meeting.id == first.meeting_id
    )
    assert restore_visit(db, deleted) == first.visit_id
    assert db["visits"].count == 2
