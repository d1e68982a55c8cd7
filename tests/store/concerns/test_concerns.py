"""Concerns: raising, the status workflow, editing, deleting, history and the board."""

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.concerns import (
    CLOSED,
    STATUSES,
    TRANSITIONS,
    delete_concern,
    edit_concern,
    get_concern,
    history,
    raise_concern,
    reopen,
    transition,
)
from store.concerns.board import board, count_board
from store.core import db as store_db
from store.core import records
from store.core.errors import NotFound, ValidationError
from tests import factories as make

TODAY = dt.date(2026, 6, 30)


def _world(db) -> dict:
    """Tân Lập (factories), and a visit of Bình to the school on 2026-05-12."""
    ids = make.tan_lap(db)
    ids["visit"] = make.visit(db, ids["binh"], ids["truong"], "2026-05-12", today=TODAY).visit_id
    return ids


@pytest.fixture
def world(db):
    return _world(db)


def _raise(db, unit, **kw):
    values = {
        "unit_id": unit,
        "category": "land_environment",
        "description": "Tranh chấp đất đai",
        "route": "committee",
        "raised_date": "2026-03-01",
        "today": TODAY,
    }
    return raise_concern(db, **{**values, **kw})


# Raising -------------------------------------------------------------------------------------


def test_raise_fills_defaults_and_first_event(db, world):
    concern = get_concern(db, _raise(db, world["dong"], owner="  UBND xã  "))
    assert concern.status == "new"
    assert concern.due_date == "2026-03-31"  # route "committee": 30 days
    assert concern.priority == "normal"
    assert concern.owner == "UBND xã"
    assert concern.supervisor_id is None  # no assignment names Thôn Đông itself
    assert [(e.date, e.from_status, e.to_status) for e in history(db, concern.id)] == [
        ("2026-03-01", None, "new")
    ]
    audited = {row["table_name"] for row in db["changes"].rows_where("action = 'insert'")}
    assert {"concerns", "concern_events"} <= audited


def test_due_date_defaults_per_route(db, world):
    agency = get_concern(db, _raise(db, world["dong"], route="agency"))
    assert agency.due_date == "2026-04-15"  # 45 days


def test_raise_from_a_visit_takes_its_date_and_supervisor(db, world):
    concern = get_concern(
        db, _raise(db, world["truong"], visit_id=world["visit"], raised_date=None)
    )
    assert (concern.raised_date, concern.supervisor_id) == ("2026-05-12", world["binh"])


def test_raise_takes_the_units_one_supervisor(db, world):
    assert get_concern(db, _raise(db, world["truong"])).supervisor_id == world["binh"]


def test_raise_defaults_to_today(db, world):
    assert get_concern(db, _raise(db, world["dong"], raised_date=None)).raised_date == "2026-06-30"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unit_id": 999}, "unit_id"),
        ({"category": "weather"}, "category"),
        ({"route": "court"}, "route"),
        ({"description": "   "}, "description"),
        ({"raised_date": "2026-02-30"}, "raised_date"),
        ({"raised_date": "1/3/26"}, "raised_date"),
        ({"raised_date": "2026-07-01"}, "raised_date"),
        ({"due_date": "2026-02-28"}, "due_date"),
        ({"due_date": "soon"}, "due_date"),
        ({"priority": "urgent"}, "priority"),
        ({"supervisor_id": 999}, "supervisor_id"),
        ({"visit_id": 999}, "visit_id"),
    ],
)
def test_raise_refuses_bad_input_and_writes_nothing(db, world, change, field):
    with pytest.raises(ValidationError) as info:
        _raise(db, world["dong"], **change)
    assert info.value.field == field
    assert db["concerns"].count == 0 and db["concern_events"].count == 0


def test_raise_refuses_a_visit_to_another_unit(db, world):
    with pytest.raises(ValidationError, match="tổ chức đảng khác"):
        _raise(db, world["dong"], visit_id=world["visit"])


def test_messages_are_vietnamese(db, world):
    with pytest.raises(ValidationError, match="không phải ngày có thật"):
        _raise(db, world["dong"], raised_date="2026-13-01")


# The workflow --------------------------------------------------------------------------------

PATH_TO = {status: [] if status == "new" else [status] for status in STATUSES}
LABELS = {
    "new": "Mới",
    "in_progress": "Đang giải quyết",
    "escalated": "Đã báo cáo cấp trên",
    "resolved": "Đã giải quyết",
    "answered": "Đã trả lời",
}
LEGAL = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}


def _at(db, world, status: str) -> int:
    concern_id = _raise(db, world["dong"])
    for step in PATH_TO[status]:
        transition(db, concern_id, step, note="bước trước", date="2026-03-02", today=TODAY)
    return concern_id


def test_the_table_is_the_documented_workflow():
    documented = {
        ("new", "in_progress"),
        ("new", "escalated"),
        ("new", "resolved"),
        ("new", "answered"),
        ("in_progress", "escalated"),
        ("in_progress", "resolved"),
        ("in_progress", "answered"),
        ("escalated", "in_progress"),
        ("escalated", "resolved"),
        ("escalated", "answered"),
    }
    assert documented == LEGAL


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL))
def test_legal_transition(db, world, current, target):
    concern_id = _at(db, world, current)
    after = transition(db, concern_id, target, note="Đã làm việc", date="2026-03-05", today=TODAY)
    assert after.status == target
    last = history(db, concern_id)[-1]
    assert (last.from_status, last.to_status, last.note, last.date) == (
        current,
        target,
        "Đã làm việc",
        "2026-03-05",
    )
    if target in CLOSED:
        assert (after.resolved_date, after.resolution) == ("2026-03-05", "Đã làm việc")
    else:
        assert after.resolved_date is None and after.resolution is None


ILLEGAL = sorted(set(itertools.product(STATUSES, STATUSES)) - LEGAL)


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_illegal_transition_is_refused_naming_both_statuses(db, world, current, target):
    concern_id = _at(db, world, current)
    steps = len(history(db, concern_id))
    with pytest.raises(ValidationError) as info:
        transition(db, concern_id, target, note="thử", date="2026-03-05", today=TODAY)
    message = str(info.value)
    assert f"“{LABELS[current]}”" in message and f"“{LABELS[target]}”" in message
    if current in CLOSED:
        assert "mở lại" in message
    assert get_concern(db, concern_id).status == current
    assert len(history(db, concern_id)) == steps


def test_unknown_status_is_refused(db, world):
    with pytest.raises(ValidationError) as info:
        transition(db, _at(db, world, "new"), "closed", note="x", today=TODAY)
    assert info.value.field == "status"


@pytest.mark.parametrize("note", ["", "   ", None])
def test_every_step_needs_a_note(db, world, note):
    with pytest.raises(ValidationError) as info:
        transition(db, _at(db, world, "new"), "resolved", note=note, today=TODAY)
    assert info.value.field == "note"


def test_step_date_not_before_the_last_step_nor_in_the_future(db, world):
    concern_id = _at(db, world, "in_progress")  # last step 2026-03-02
    with pytest.raises(ValidationError, match="02/03/2026") as info:
        transition(db, concern_id, "resolved", note="x", date="2026-03-01", today=TODAY)
    assert info.value.field == "date"
    with pytest.raises(ValidationError, match="chưa đến"):
        transition(db, concern_id, "resolved", note="x", date="2026-07-01", today=TODAY)
    same_day = transition(db, concern_id, "resolved", note="x", date="2026-03-02", today=TODAY)
    assert same_day.status == "resolved"


def test_step_date_defaults_to_today(db, world):
    concern = transition(db, _at(db, world, "new"), "answered", note="Đã trả lời", today=TODAY)
    assert concern.resolved_date == "2026-06-30"


def test_reopen_needs_a_reason_and_clears_the_resolution(db, world):
    concern_id = _at(db, world, "answered")
    with pytest.raises(ValidationError) as info:
        reopen(db, concern_id, "  ", "2026-03-10", today=TODAY)
    assert info.value.field == "reason"
    after = reopen(db, concern_id, "Dân tiếp tục phản ánh", "2026-03-10", actor="An", today=TODAY)
    assert (after.status, after.resolved_date, after.resolution) == ("in_progress", None, None)
    last = history(db, concern_id)[-1]
    assert (last.from_status, last.to_status, last.note, last.actor) == (
        "answered",
        "in_progress",
        "Dân tiếp tục phản ánh",
        "An",
    )


@pytest.mark.parametrize("status", ["new", "in_progress", "escalated"])
def test_only_closed_concerns_reopen(db, world, status):
    with pytest.raises(ValidationError, match=f"“{LABELS[status]}”"):
        reopen(db, _at(db, world, status), "lý do", "2026-03-10", today=TODAY)


def test_steps_are_audited(db, world):
    concern_id = _at(db, world, "resolved")
    uid = get_concern(db, concern_id).uid
    updates = [c for c in records.history(db, uid) if c["action"] == "update"]
    assert updates[-1]["before"]["status"] == "new"
    assert updates[-1]["after"]["status"] == "resolved"


def test_history_is_oldest_first_and_missing_concern_is_not_found(db, world):
    concern_id = _at(db, world, "escalated")
    transition(
        db, concern_id, "in_progress", note="Cấp trên chỉ đạo", date="2026-04-01", today=TODAY
    )
    transition(db, concern_id, "resolved", note="Xong", date="2026-04-20", today=TODAY)
    assert [e.to_status for e in history(db, concern_id)] == [
        "new",
        "escalated",
        "in_progress",
        "resolved",
    ]
    with pytest.raises(NotFound):
        transition(db, 999, "resolved", note="x", today=TODAY)


ATTEMPTS = st.lists(
    st.tuples(st.sampled_from([*STATUSES, "reopen"]), st.sampled_from(["ghi chú", ""])),
    max_size=15,
)


def _legal(status: str, target: str, note: str) -> bool:
    allowed = status in CLOSED if target == "reopen" else target in TRANSITIONS[status]
    return allowed and bool(note)


def _attempt(db, concern_id: int, target: str, note: str):
    if target == "reopen":
        return reopen(db, concern_id, note, "2026-03-05", today=TODAY)
    return transition(db, concern_id, target, note=note, date="2026-03-05", today=TODAY)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ATTEMPTS)
def test_random_attempts_never_reach_an_illegal_state(attempts):
    db = store_db.memory()
    concern_id = _raise(db, _world(db)["dong"])
    status, successes = "new", 0
    for target, note in attempts:
        if _legal(status, target, note):
            status = _attempt(db, concern_id, target, note).status
            successes += 1
        else:
            with pytest.raises(ValidationError):
                _attempt(db, concern_id, target, note)
        concern = get_concern(db, concern_id)
        assert concern.status == status
        assert (concern.resolved_date is not None) == (status in CLOSED)
    steps = history(db, concern_id)
    assert len(steps) == successes + 1
    assert steps[-1].to_status == status
    for before, after in itertools.pairwise(steps):
        assert after.from_status == before.to_status
        assert (before.to_status, after.to_status) in LEGAL or (
            before.to_status in CLOSED and after.to_status == "in_progress"
        )


# Editing and deleting ------------------------------------------------------------------------


def test_edit_changes_only_what_is_given(db, world):
    concern_id = _raise(db, world["dong"], owner="UBND xã")
    after = edit_concern(
        db,
        concern_id,
        description="Lấn chiếm đất công",
        due_date="2026-05-01",
        priority="high",
        category="security",
    )
    assert (after.description, after.due_date, after.priority, after.category, after.owner) == (
        "Lấn chiếm đất công",
        "2026-05-01",
        "high",
        "security",
        "UBND xã",
    )
    assert edit_concern(db, concern_id, owner=None).owner is None
    assert db["concerns"].get(concern_id)["description_folded"] == "lan chiem dat cong"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": ""}, "description"),
        ({"due_date": "2026-02-01"}, "due_date"),
        ({"due_date": None}, "due_date"),
        ({"priority": "top"}, "priority"),
        ({"category": "weather"}, "category"),
    ],
)
def test_edit_refuses_bad_input(db, world, change, field):
    concern_id = _raise(db, world["dong"])
    with pytest.raises(ValidationError) as info:
        edit_concern(db, concern_id, **change)
    assert info.value.field == field
    assert get_concern(db, concern_id).description == "Tranh chấp đất đai"


def test_delete_keeps_everything_restorable(db, world):
    concern_id = _at(db, world, "resolved")
    uid = get_concern(db, concern_id).uid
    event_uids = [r["uid"] for r in db["concern_events"].rows_where("concern_id = ?", [concern_id])]
    delete_concern(db, concern_id)
    assert db["concerns"].count == 0 and db["concern_events"].count == 0
    records.restore(db, uid)
    for event_uid in event_uids:
        records.restore(db, event_uid)
    assert [e.to_status for e in history(db, concern_id)] == ["new", "resolved"]


# The board -----------------------------------------------------------------------------------


@pytest.fixture
def boarded(db, world):
    """As of 2026-04-10: two overdue (due 03-31 and 04-05), one open on time, one resolved."""
    ids = dict(world)
    ids["late"] = _raise(db, world["dong"], description="Đường làng xuống cấp")  # due 03-31
    ids["later"] = _raise(
        db,
        world["doai"],
        description="Ô nhiễm chuồng trại",
        category="socio_economic",
        route="self",
        raised_date="2026-03-06",
        supervisor_id=world["an"],
    )  # due 04-05
    ids["fine"] = _raise(
        db,
        world["truong"],
        description="Thiếu phòng học",
        category="policy",
        route="agency",
        raised_date="2026-03-20",
    )  # due 05-04, supervisor Bình
    ids["done"] = _raise(
        db, world["dong"], description="Mất trật tự", category="security", raised_date="2026-02-01"
    )
    transition(db, ids["done"], "resolved", note="Đã xử lý", date="2026-02-20", today=TODAY)
    return ids


AS_OF = "2026-04-10"


def _ids(rows):
    return [r.id for r in rows]


def test_board_lists_overdue_first_then_by_due_date(db, boarded):
    rows = board(db, as_of=AS_OF)
    assert _ids(rows) == [boarded["late"], boarded["later"], boarded["done"], boarded["fine"]]
    late = rows[0]
    assert (late.unit_name, late.days_overdue, late.is_overdue, late.age_days) == (
        "Chi bộ Thôn Đông",
        10,
        True,
        40,
    )
    done = rows[2]
    assert (done.is_open, done.is_overdue, done.age_days) == (False, False, 19)
    assert rows[1].supervisor_name == "Nguyễn Văn Ấn"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "open"}, ["late", "later", "fine"]),
        ({"status": "closed"}, ["done"]),
        ({"status": "resolved"}, ["done"]),
        ({"status": "new"}, ["late", "later", "fine"]),
        ({"overdue": True}, ["late", "later"]),
        ({"unit_id": "xa"}, ["late", "later", "done"]),
        ({"unit_id": "doai"}, ["later"]),
        ({"category": "policy"}, ["fine"]),
        ({"route": "committee"}, ["late", "done"]),
        ({"supervisor_id": "an"}, ["late", "later", "done"]),
        ({"supervisor_id": "binh"}, ["fine"]),
        ({"search": "duong lang"}, ["late"]),
        ({"search": "O NHIEM"}, ["later"]),
        ({"search": "thon dong"}, ["late", "done"]),
        ({"search": "thon trat tu"}, ["done"]),
        ({"search": "100%"}, []),
        ({"status": "open", "overdue": True, "unit_id": "doai"}, ["later"]),
    ],
)
def test_board_filters(db, boarded, filters, expected):
    for key in ("unit_id", "supervisor_id"):
        if key in filters:
            filters = {**filters, key: boarded[filters[key]]}
    rows = board(db, as_of=AS_OF, **filters)
    assert _ids(rows) == [boarded[k] for k in expected]
    assert count_board(db, as_of=AS_OF, **filters) == len(expected)


def test_board_pages(db, boarded):
    first = board(db, as_of=AS_OF, limit=2)
    rest = board(db, as_of=AS_OF, limit=2, offset=2)
    assert _ids(first + rest) == _ids(board(db, as_of=AS_OF, limit=None))


def test_board_refuses_unknown_status(db, boarded):
    with pytest.raises(ValidationError, match="'late'"):
        board(db, status="late", as_of=AS_OF)


def test_nothing_is_overdue_before_its_due_date(db, boarded):
    assert _ids(board(db, overdue=True, as_of="2026-03-31")) == []
    assert _ids(board(db, overdue=True, as_of="2026-04-01")) == [boarded["late"]]
