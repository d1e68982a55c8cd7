from datetime import date

import pytest

from store.core.errors import NotFound, ValidationError
from store.lang.i18n import set_language
from store.personnel import people, succession
from store.personnel.capability import record_note
from tests import factories as make

AS_OF = "2025-10-01"


@pytest.fixture
def s(db):
    """A cell with a flagged secretary, a deputy and a committee member."""
    cell = make.unit(db, "Chi bộ thôn Đông")
    sec = people.add_person(db, name="Nguyễn Văn Ấn", birth_year=1962, today=date.today())
    dep = people.add_person(db, name="Lê Thị Hoa", birth_year=1985, today=date.today())
    mem = people.add_person(db, name="Phạm Văn Cường", birth_year=1990, today=date.today())
    sec_post = people.appoint(db, sec, cell, "secretary", "2020-10-01", today=date.today())
    people.appoint(db, dep, cell, "deputy", "2020-10-01", today=date.today())
    people.appoint(db, mem, cell, "committee_member", "2020-10-01", today=date.today())
    sup = make.supervisor(db, "Trần Văn Bình")
    note = record_note(
        db,
        person_id=sec,
        unit_id=cell,
        supervisor_id=sup,
        date="2025-01-10",
        ratings={"prestige": "weak"},
        overall="weak",
        flagged=True,
        today=date.today(),
    )
    return {
        "cell": cell,
        "sec": sec,
        "dep": dep,
        "mem": mem,
        "sup": sup,
        "note": note,
        "sec_post": sec_post,
    }


def _plan(db, s, **kwargs):
    args = {
        "unit_id": s["cell"],
        "incumbent_id": s["sec"],
        "reason": "capability",
        "target_date": "2026-06-30",
        "note_id": s["note"],
        "supervisor_id": s["sup"],
    }
    return succession.start_plan(db, **(args | kwargs))


def _active(db, s):
    plan = _plan(db, s)
    succession.add_candidate(db, plan, s["dep"], readiness="now", today=date.today())
    succession.activate_plan(db, plan, today=date.today())
    return plan


def test_a_plan_from_draft_to_replacement(db, s):
    plan_id = _plan(db, s)
    assert succession.get_plan(db, plan_id, as_of=date.today()).status == "draft"
    cand = succession.add_candidate(db, plan_id, s["dep"], readiness="1-2y", today=date.today())
    succession.add_candidate(
        db, plan_id, s["mem"], readiness="now", note="Trẻ, nhiệt tình", today=date.today()
    )
    succession.add_action(
        db,
        plan_id,
        kind="theory_class",
        description="Lớp trung cấp lý luận",
        owner="Trung tâm chính trị",
        due_date="2025-12-31",
        candidate_id=cand,
        today=date.today(),
    )
    assert succession.activate_plan(db, plan_id, today=date.today()).status == "active"
    detail = succession.plan_detail(db, plan_id, AS_OF)
    assert [c.person_name for c in detail.candidates] == ["Phạm Văn Cường", "Lê Thị Hoa"]
    assert detail.candidates[1].current_post == "Phó bí thư, Chi bộ thôn Đông"
    assert detail.actions[0].candidate_name == "Lê Thị Hoa"
    assert detail.note.flagged and detail.CONFIDENTIAL and detail.plan.CONFIDENTIAL

    done = succession.complete_plan(
        db,
        plan_id,
        outcome="replaced",
        date="2025-09-01",
        successor_id=s["dep"],
        today=date.today(),
    )
    assert (done.status, done.outcome, done.successor_name) == (
        "completed",
        "replaced",
        "Lê Thị Hoa",
    )
    view = people.unit_people(db, s["cell"], AS_OF)
    assert view.secretary.person_name == "Lê Thị Hoa"
    old = people.get_post(db, s["sec_post"])
    assert old.end_date == "2025-09-01"
    assert old.end_reason == "Thay thế theo kế hoạch tạo nguồn thay thế."
    assert "deputy" not in [p.role for p in view.current]


def test_replacement_is_one_transaction(db, s):
    plan_id = _active(db, s)
    with pytest.raises(ValidationError, match="trước ngày nhận chức vụ"):
        succession.complete_plan(
            db,
            plan_id,
            outcome="replaced",
            date="2019-01-01",
            successor_id=s["dep"],
            today=date.today(),
        )
    assert succession.get_plan(db, plan_id, as_of=date.today()).status == "active"
    assert people.unit_people(db, s["cell"], AS_OF).secretary.person_id == s["sec"]
    assert make.changes(db, "succession_plans")[-1]["after"].count('"active"') == 1


def test_the_successor_must_be_a_candidate(db, s):
    plan_id = _active(db, s)
    with pytest.raises(ValidationError) as err:
        succession.complete_plan(
            db,
            plan_id,
            outcome="replaced",
            date="2025-09-01",
            successor_id=s["mem"],
            today=date.today(),
        )
    assert err.value.field == "successor_id"
    with pytest.raises(ValidationError):
        succession.complete_plan(
            db,
            plan_id,
            outcome="retained",
            date="2025-09-01",
            successor_id=s["dep"],
            today=date.today(),
        )
    retained = succession.complete_plan(
        db, plan_id, outcome="retained", date="2025-09-01", today=date.today()
    )
    assert (retained.status, retained.successor_id) == ("completed", None)
    assert people.unit_people(db, s["cell"], AS_OF).secretary.person_id == s["sec"]


def test_illegal_transitions_are_refused_with_a_clear_message(db, s):
    plan_id = _plan(db, s)
    with pytest.raises(ValidationError, match="«dự thảo» không thể chuyển sang «đã hoàn thành»"):
        succession.complete_plan(
            db, plan_id, outcome="retained", date="2025-09-01", today=date.today()
        )
    with pytest.raises(ValidationError, match="ít nhất một nguồn"):
        succession.activate_plan(db, plan_id, today=date.today())
    assert (
        succession.cancel_plan(db, plan_id, date="2025-05-01", today=date.today()).status
        == "cancelled"
    )
    set_language("en")
    with pytest.raises(ValidationError, match="A plan that is cancelled cannot become active"):
        succession.activate_plan(db, plan_id, today=date.today())
    with pytest.raises(ValidationError, match="can no longer be changed"):
        succession.add_candidate(db, plan_id, s["dep"], readiness="now", today=date.today())
    with pytest.raises(NotFound):
        succession.activate_plan(db, 999, today=date.today())


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"reason": "boredom"}, "reason"),
        ({"target_date": "2026-02-30"}, "target_date"),
        ({"incumbent_id": "dep"}, "incumbent_id"),
        ({"note_id": "other_note"}, "note_id"),
        ({"supervisor_id": 999}, "supervisor_id"),
    ],
)
def test_start_plan_validates(db, s, kwargs, field):
    other = people.add_person(db, name="Vũ Thị Lan", today=date.today())
    s["other_note"] = record_note(
        db,
        person_id=other,
        unit_id=s["cell"],
        supervisor_id=None,
        date="2025-01-01",
        ratings={"prestige": "good"},
        overall="good",
        today=date.today(),
    )
    kwargs = {k: s.get(v, v) if isinstance(v, str) else v for k, v in kwargs.items()}
    with pytest.raises(ValidationError) as err:
        _plan(db, s, **kwargs)
    assert err.value.field == field
    assert db["succession_plans"].count == 0


def test_one_open_plan_per_unit_and_vacant_posts(db, s):
    plan_id = _plan(db, s)
    with pytest.raises(ValidationError, match="đã có một kế hoạch"):
        _plan(db, s, reason="age", note_id=None)
    succession.cancel_plan(db, plan_id, today=date.today())
    people.end_post(db, s["sec_post"], "2025-02-01", "Nghỉ hưu", today=date.today())
    vacant = _plan(db, s, incumbent_id=None, note_id=None, reason="other")
    assert succession.get_plan(db, vacant, as_of=date.today()).incumbent_name is None
    assert (
        succession.update_plan(db, vacant, target_date="2027-01-01", today=date.today()).target_date
        == "2027-01-01"
    )


def test_candidates_are_checked(db, s):
    plan_id = _plan(db, s)
    with pytest.raises(ValidationError, match="đương nhiệm"):
        succession.add_candidate(db, plan_id, s["sec"], readiness="now", today=date.today())
    cand = succession.add_candidate(
        db, plan_id, s["dep"], readiness="later", current_post="X", today=date.today()
    )
    with pytest.raises(ValidationError, match="đã là nguồn"):
        succession.add_candidate(db, plan_id, s["dep"], readiness="now", today=date.today())
    with pytest.raises(ValidationError) as err:
        succession.add_candidate(db, plan_id, s["mem"], readiness="soon", today=date.today())
    assert err.value.field == "readiness"
    assert succession.update_candidate(db, cand, readiness="now").readiness == "now"
    succession.add_action(
        db,
        plan_id,
        kind="contest",
        description="Hội thi bí thư chi bộ giỏi",
        owner="Ban Tổ chức",
        due_date="2025-11-01",
        candidate_id=cand,
        today=date.today(),
    )
    with pytest.raises(ValidationError):
        succession.remove_candidate(db, cand)


def test_actions_move_through_their_statuses(db, s):
    plan_id = _active(db, s)
    action = succession.add_action(
        db,
        plan_id,
        kind="training",
        description="Tập huấn nghiệp vụ",
        owner="Ban Tổ chức",
        due_date="2025-08-01",
        today=date.today(),
    )
    assert succession.get_plan(db, plan_id, AS_OF).overdue_actions == 1
    assert (
        succession.set_action_status(db, action, "in_progress", today=date.today()).status
        == "in_progress"
    )
    done = succession.set_action_status(db, action, "done", date="2025-07-20", today=date.today())
    assert (done.status, done.done_date) == ("done", "2025-07-20")
    assert not done.overdue(AS_OF)
    with pytest.raises(ValidationError, match="«đã thực hiện» không thể chuyển sang «đã hủy»"):
        succession.set_action_status(db, action, "cancelled", today=date.today())
    assert (
        succession.set_action_status(db, action, "in_progress", today=date.today()).done_date
        is None
    )
    plan = succession.get_plan(db, plan_id, AS_OF)
    assert (plan.open_actions, plan.overdue_actions, plan.next_due) == (1, 1, "2025-08-01")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "party"}, "kind"),
        ({"description": ""}, "description"),
        ({"owner": None}, "owner"),
        ({"due_date": None}, "due_date"),
        ({"status": "someday"}, "status"),
        ({"candidate_id": 999}, "candidate_id"),
    ],
)
def test_add_action_validates(db, s, kwargs, field):
    plan_id = _plan(db, s)
    args = {
        "kind": "training",
        "description": "Tập huấn",
        "owner": "Ban Tổ chức",
        "due_date": "2025-12-01",
    } | kwargs
    with pytest.raises(ValidationError) as err:
        succession.add_action(db, plan_id, today=date.today(), **args)
    assert err.value.field == field


def test_list_plans_filters_by_status_overdue_and_scope(db, s):
    committee = make.unit(db, "Đảng bộ xã An Bình", kind="grassroots_committee")
    inside = make.unit(db, "Chi bộ thôn Nam", parent_id=committee)
    far = make.unit(db, "Chi bộ thôn Bắc")
    make.assign(db, s["sup"], committee, start="2024-01-01")
    for cell in (inside, far):
        person = people.add_person(db, name=f"Bí thư {cell}", today=date.today())
        people.appoint(db, person, cell, "secretary", "2020-01-01", today=date.today())
        succession.start_plan(
            db, unit_id=cell, incumbent_id=person, reason="age", target_date="2027-01-01"
        )
    late = _active(db, s)
    succession.add_action(
        db,
        late,
        kind="other",
        description="Giao việc",
        owner="Chi ủy",
        due_date="2025-09-01",
        today=date.today(),
    )
    names = [p.unit_name for p in succession.list_plans(db, as_of=AS_OF)]
    assert names[0] == "Chi bộ thôn Đông" and len(names) == 3
    assert [p.id for p in succession.list_plans(db, overdue=True, as_of=AS_OF)] == [late]
    assert succession.list_plans(db, overdue=True, as_of="2025-08-01") == []
    scoped = succession.list_plans(db, supervisor_id=s["sup"], as_of=AS_OF)
    assert [p.unit_name for p in scoped] == ["Chi bộ thôn Nam"]
    assert len(succession.list_plans(db, status="draft", as_of=AS_OF)) == 2
    assert len(succession.list_plans(db, status="draft", limit=1, offset=1, as_of=AS_OF)) == 1


def test_plan_writes_are_audited(db, s):
    _active(db, s)
    assert [c["action"] for c in make.changes(db, "succession_plans")] == ["insert", "update"]
    assert len(make.changes(db, "plan_candidates")) == 1
