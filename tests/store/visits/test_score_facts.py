"""A visit's scores agree with its meeting's facts: the store refuses, at the criterion's field,
what the facts deny, when recorded and when changed, and writes nothing."""

from datetime import date

import pytest

from store.core.errors import ValidationError
from store.visits import get_visit, record_visit, update_visit
from tests import factories as make
from tests.factories import FULL

TODAY = date(2026, 10, 20)


@pytest.fixture
def world(db):
    unit = make.unit(db, members_full=20)
    sup = make.supervisor(db)
    make.assign(db, sup, unit)
    return db, sup, unit


def _counts(db) -> tuple[int, int, int]:
    return db["visits"].count, db["meetings"].count, db["changes"].count


@pytest.mark.parametrize(
    ("meeting", "field", "fragment"),
    [
        ({"present": 17, "absent_unexcused": 1}, "score.attendance", "vắng không lý do"),
        ({"present": 15}, "score.attendance", "chỉ đạt 75%"),
        ({"duration_minutes": 60}, "score.order_duration", "60 phút, dưới 90 phút"),
        ({"minutes_kept": False}, "score.minutes", "không ghi biên bản"),
        ({"resolution_adopted": False}, "score.resolution", "không ra nghị quyết"),
    ],
    ids=["unexcused", "under-threshold", "short", "no-minutes", "no-resolution"],
)
def test_record_visit_refuses_what_the_facts_deny_and_writes_nothing(
    world, meeting, field, fragment
):
    db, sup, unit = world
    before = _counts(db)
    with pytest.raises(ValidationError) as caught:
        make.visit(db, sup, unit, "2026-10-05", meeting=meeting, today=TODAY)
    assert caught.value.field == field and fragment in caught.value.message
    assert _counts(db) == before


def test_the_unit_s_own_sheet_is_recorded_as_the_cell_gave_it(world):
    db, sup, unit = world
    result = record_visit(
        db,
        supervisor_id=sup,
        unit_id=unit,
        meeting=make.meeting_values("2026-10-05", minutes_kept=False),
        scores={**FULL, "minutes": 0},
        unit_scores=dict(FULL),  # the cell claimed the minutes' points: its claim, copied
        today=TODAY,
    )
    assert get_visit(db, result.visit_id).unit_scores["minutes"] == 5


def test_update_visit_refuses_a_meeting_change_the_scores_contradict(world):
    db, sup, unit = world
    done = make.visit(db, sup, unit, "2026-10-05", today=TODAY)
    before = _counts(db)
    with pytest.raises(ValidationError) as caught:
        update_visit(db, done.visit_id, meeting={"minutes_kept": False}, today=TODAY)
    assert caught.value.field == "score.minutes"
    assert _counts(db) == before and get_visit(db, done.visit_id).meeting.minutes_kept
    changed = update_visit(
        db,
        done.visit_id,
        meeting={"minutes_kept": False},
        scores={**FULL, "minutes": 0},
        today=TODAY,
    )
    assert (changed.total, changed.rating) == (95, "fair")
