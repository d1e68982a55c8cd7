"""Moving a planned visit: checked as a new plan is, audited, and only while it is planned."""

from datetime import date

import pytest

from store.core import records
from store.core.errors import ValidationError
from store.visits.planning import cancel_planned_visit, move_planned_visit, plan_visit
from tests import factories as make

TODAY = date(2026, 10, 20)


@pytest.fixture
def world(db):
    unit, sup = make.unit(db), make.supervisor(db)
    make.assign(db, sup, unit, end="2026-12-31")
    return db, sup, unit


def test_a_planned_visit_moves_and_the_audit_trail_keeps_the_old_date(world):
    db, sup, unit = world
    visit = plan_visit(db, sup, unit, "2026-10-28", today=TODAY)
    move_planned_visit(db, visit, "2026-11-03", today=TODAY)
    row = records.get(db, "visits", visit)
    assert (row["planned_date"], row["status"]) == ("2026-11-03", "planned")
    last = records.history(db, row["uid"])[-1]
    assert (last["before"]["planned_date"], last["after"]["planned_date"]) == (
        "2026-10-28",
        "2026-11-03",
    )


def test_moving_onto_its_own_date_is_allowed_onto_another_plan_is_not(world):
    db, sup, unit = world
    first = plan_visit(db, sup, unit, "2026-10-28", today=TODAY)
    plan_visit(db, sup, unit, "2026-11-03", today=TODAY)
    move_planned_visit(db, first, "2026-10-28", today=TODAY)
    with pytest.raises(ValidationError) as caught:
        move_planned_visit(db, first, "2026-11-03", today=TODAY)
    assert caught.value.field == "planned_date"
    assert records.get(db, "visits", first)["planned_date"] == "2026-10-28"


@pytest.mark.parametrize("day", ["2026-10-19", "2027-01-05", "31/11/2026"])
def test_bad_dates_are_refused_at_the_field(world, day):
    db, sup, unit = world
    visit = plan_visit(db, sup, unit, "2026-10-28", today=TODAY)
    with pytest.raises(ValidationError) as caught:
        move_planned_visit(db, visit, day, today=TODAY)
    assert caught.value.field == "planned_date"
    assert records.get(db, "visits", visit)["planned_date"] == "2026-10-28"


def test_a_cancelled_visit_cannot_be_moved(world):
    db, sup, unit = world
    visit = plan_visit(db, sup, unit, "2026-10-28", today=TODAY)
    cancel_planned_visit(db, visit)
    with pytest.raises(ValidationError) as caught:
        move_planned_visit(db, visit, "2026-11-03", today=TODAY)
    assert caught.value.field == "status"
