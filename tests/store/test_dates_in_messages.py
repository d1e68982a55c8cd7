"""Every message a user sees writes its dates dd/mm/yyyy, never as the database keeps them:
each common failure that names a date is provoked and its message scanned for ISO dates."""

import re
from datetime import date

import pytest

from store import concerns
from store.core.checks import parse_date
from store.core.errors import ValidationError
from store.personnel import people
from store.visits import plan_visit
from tests import factories as make

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
TODAY = make.TODAY


def _world(db):
    cell = make.unit(db)
    sup = make.supervisor(db)
    make.assign(db, sup, cell, start="2026-03-01")
    return cell, sup


def _future_date(db):
    parse_date("2026-10-21", "date", not_after=TODAY)


def _visit_before_assignment(db):
    cell, sup = _world(db)
    make.visit(db, sup, cell, "2026-02-10")


def _plan_before_assignment(db):
    cell, _sup = _world(db)
    other = make.supervisor(db, "Lê Thị Bình")
    make.assign(db, other, cell, start="2026-12-01")
    plan_visit(db, other, cell, "2026-11-02", today=TODAY)


def _concern_raised_in_future(db):
    cell, _sup = _world(db)
    make.concern(db, cell, raised_date="2026-10-25")


def _concern_due_before_raised(db):
    cell, _sup = _world(db)
    make.concern(db, cell, raised_date="2026-10-01", due_date="2026-09-01")


def _step_in_future(db):
    cell, _sup = _world(db)
    concern = make.concern(db, cell)
    concerns.transition(
        db, concern, "in_progress", note="Đã chuyển", date="2026-10-30", today=TODAY
    )


def _step_before_last(db):
    cell, _sup = _world(db)
    concern = make.concern(db, cell, raised_date="2026-10-10")
    concerns.transition(
        db, concern, "in_progress", note="Đã chuyển", date="2026-09-01", today=TODAY
    )


def _post_ends_before_it_started(db):
    cell, _sup = _world(db)
    post = make.post(db, make.person(db), cell, start="2025-03-01")
    people.end_post(db, post, "2025-01-01", "moved", today=TODAY)


def _post_ended_twice(db):
    cell, _sup = _world(db)
    post = make.post(db, make.person(db), cell, start="2025-03-01")
    people.end_post(db, post, "2026-01-15", "moved", today=TODAY)
    people.end_post(db, post, "2026-02-15", "moved", today=TODAY)


def _appointed_before_the_current_holder(db):
    cell, _sup = _world(db)
    make.post(db, make.person(db), cell, start="2025-03-01")
    make.post(db, make.person(db, "Trần Văn Cường"), cell, start="2025-01-01")


@pytest.mark.parametrize(
    ("provoke", "shown"),
    [
        (_future_date, "21/10/2026"),
        (_visit_before_assignment, "10/02/2026"),
        (_plan_before_assignment, "02/11/2026"),
        (_concern_raised_in_future, "25/10/2026"),
        (_concern_due_before_raised, "01/09/2026"),
        (_step_in_future, "30/10/2026"),
        (_step_before_last, "10/10/2026"),
        (_post_ends_before_it_started, "01/03/2025"),
        (_post_ended_twice, "15/01/2026"),
        (_appointed_before_the_current_holder, "01/03/2025"),
    ],
)
def test_a_failure_names_its_dates_dd_mm_yyyy(db, provoke, shown):
    with pytest.raises(ValidationError) as caught:
        provoke(db)
    assert shown in caught.value.message
    assert not ISO.search(caught.value.message), caught.value.message


def test_a_bad_date_names_the_form_to_write(db):
    with pytest.raises(ValidationError) as caught:
        parse_date("mai", "date")
    assert "30/09/2026" in caught.value.message and not ISO.search(caught.value.message)
    assert parse_date("1/2/2026") == date(2026, 2, 1)
