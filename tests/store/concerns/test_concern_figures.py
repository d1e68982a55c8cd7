"""Concern figures against a hand-counted fixture.

Units: Đảng bộ xã Tân Lập (supervisor An) with cells Thôn Đông and Thôn Đoài; Chi bộ Trường
THCS (supervisor Bình), on its own. Route due days: self 30, committee 30, agency 45.

key unit    raised      category          route      due          steps
A   dong    2025-12-10  land_environment  committee  2026-01-09   resolved 2026-01-20 (41 days)
B   dong    2026-01-05  land_environment  agency     2026-02-19   answered 2026-02-04 (30 days)
C   doai    2026-01-10  policy            self       2026-02-09   in_progress 2026-01-15
D   doai    2026-02-01  policy            committee  2026-04-30   (none)
E   dong    2026-03-01  security          self       2026-03-31   resolved 2026-03-11 (10 days),
                                                                  reopened 2026-04-05,
                                                                  answered 2026-04-25 (55 days)
F   doai    2026-03-20  security          committee  2026-04-19   resolved 2026-04-10 (21 days)
G   dong    2025-11-01  other             self       2025-12-01   resolved 2025-12-15
H   dong    2026-04-02  other             self       2026-05-02   (none)
I   truong  2026-02-10  other             self       2026-03-12   escalated 2026-02-15

Q1 2026 (01-01 to 03-31), everything:
  raised      B C D E F I        = 6
  resolved    A B E              = 3, days 41 30 10, median 30
  still open  C D F I            = 4   (F is resolved only in April)
  overdue     C (02-09) I (03-12) = 2
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from store.concerns import raise_concern, reopen, transition
from store.concerns.figures import FigureLine, concern_figures
from tests import factories as make

TODAY = dt.date(2026, 6, 30)
Q1 = ("2026-01-01", "2026-03-31")

FIXTURE = [
    ("A", "dong", "2025-12-10", "land_environment", "committee", None,
     [("2026-01-20", "resolved")]),
    ("B", "dong", "2026-01-05", "land_environment", "agency", None,
     [("2026-02-04", "answered")]),
    ("C", "doai", "2026-01-10", "policy", "self", None, [("2026-01-15", "in_progress")]),
    ("D", "doai", "2026-02-01", "policy", "committee", "2026-04-30", []),
    ("E", "dong", "2026-03-01", "security", "self", None,
     [("2026-03-11", "resolved"), ("2026-04-05", "reopen"), ("2026-04-25", "answered")]),
    ("F", "doai", "2026-03-20", "security", "committee", None, [("2026-04-10", "resolved")]),
    ("G", "dong", "2025-11-01", "other", "self", None, [("2025-12-15", "resolved")]),
    ("H", "dong", "2026-04-02", "other", "self", None, []),
    ("I", "truong", "2026-02-10", "other", "self", None, [("2026-02-15", "escalated")]),
]  # fmt: skip


@pytest.fixture
def world(db):
    ids = make.tan_lap(db, since="2025-01-01")
    for key, unit, raised, category, route, due, steps in FIXTURE:
        ids[key] = raise_concern(
            db,
            unit_id=ids[unit],
            category=category,
            route=route,
            description=f"Vấn đề {key}",
            raised_date=raised,
            due_date=due,
            today=TODAY,
        )
        for day, step in steps:
            if step == "reopen":
                reopen(db, ids[key], "Chưa dứt điểm", day, today=TODAY)
            else:
                transition(db, ids[key], step, note="Ghi chú", date=day, today=TODAY)
    return ids


def _counts(line: FigureLine) -> tuple:
    return (line.raised, line.resolved, line.still_open, line.overdue, line.median_days)


def test_fixture_due_dates_are_the_ones_in_the_table(db, world):
    due = {key: db["concerns"].get(world[key])["due_date"] for key in "ABCEFGHI"}
    assert due == {
        "A": "2026-01-09",
        "B": "2026-02-19",
        "C": "2026-02-09",
        "E": "2026-03-31",
        "F": "2026-04-19",
        "G": "2025-12-01",
        "H": "2026-05-02",
        "I": "2026-03-12",
    }


def test_q1_totals(db, world):
    figures = concern_figures(db, Q1, as_of=TODAY)
    assert (figures.start, figures.end) == Q1
    assert (figures.raised, figures.resolved, figures.still_open, figures.overdue) == (6, 3, 4, 2)
    assert figures.median_days == 30


def test_q1_by_category(db, world):
    lines = {line.id: line for line in concern_figures(db, Q1, as_of=TODAY).by_category}
    assert [line.id for line in lines.values()][:2] == ["organization", "members"]  # rulebook order
    assert lines["land_environment"].label == "Đất đai, môi trường"
    assert _counts(lines["land_environment"]) == (1, 2, 0, 0, 35.5)  # B raised; A, B resolved
    assert _counts(lines["policy"]) == (2, 0, 2, 1, None)  # C, D; C overdue
    assert _counts(lines["security"]) == (2, 1, 1, 0, 10)  # E, F; E resolved; F open
    assert _counts(lines["other"]) == (1, 0, 1, 1, None)  # I (G closed in 2025, H in April)
    assert _counts(lines["organization"]) == (0, 0, 0, 0, None)


def test_q1_by_route(db, world):
    lines = {line.id: line for line in concern_figures(db, Q1, as_of=TODAY).by_route}
    assert lines["committee"].label == "Tham mưu cho cấp ủy giải quyết"
    assert _counts(lines["committee"]) == (2, 1, 2, 0, 41)  # D, F raised; A resolved
    assert _counts(lines["agency"]) == (1, 1, 0, 0, 30)  # B
    assert _counts(lines["self"]) == (3, 1, 2, 2, 10)  # C, E, I raised; E resolved; C, I late


def test_q2_takes_a_period_object(db, world):
    q2 = SimpleNamespace(start=dt.date(2026, 4, 1), end=dt.date(2026, 6, 30))
    figures = concern_figures(db, q2, as_of=TODAY)
    # raised H; resolved E (answered 04-25, 55 days) and F (21 days); open C D H I, all late.
    assert _counts(figures.total) == (1, 2, 4, 4, 38)


def test_a_period_not_over_stops_at_as_of(db, world):
    figures = concern_figures(db, Q1, as_of="2026-02-15")
    assert figures.end == "2026-02-15"
    # raised B C D I; resolved A B; open C D I; overdue C (due 02-09).
    assert _counts(figures.total) == (4, 2, 3, 1, 35.5)


def test_closed_then_reopened_within_the_period_is_open(db, world):
    figures = concern_figures(db, ("2026-04-01", "2026-04-20"), as_of=TODAY)
    # E reopened 04-05 (answered only 04-25): open, and overdue (due 03-31); F resolved 04-10.
    security = next(line for line in figures.by_category if line.id == "security")
    assert _counts(security) == (0, 1, 1, 1, 21)


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({"parent_id": "xa"}, (5, 3, 3, 1, 30)),  # all but I
        ({"unit_ids": ["doai"]}, (3, 0, 3, 1, None)),  # C, D, F
        ({"unit_ids": []}, (0, 0, 0, 0, None)),
        ({"supervisor_id": "binh"}, (1, 0, 1, 1, None)),  # I
        ({"supervisor_id": "an"}, (5, 3, 3, 1, 30)),  # the đảng bộ and its cells
        ({"supervisor_id": "an", "unit_ids": ["dong"]}, (2, 3, 0, 0, 30)),  # B, E; A B E
    ],
)
def test_scopes(db, world, scope, expected):
    resolved = {
        key: [world[v] for v in value] if isinstance(value, list) else world[value]
        for key, value in scope.items()
    }
    assert _counts(concern_figures(db, Q1, as_of=TODAY, **resolved).total) == expected


def test_an_empty_database_has_zero_figures(db):
    figures = concern_figures(db, Q1, as_of=TODAY)
    assert _counts(figures.total) == (0, 0, 0, 0, None)
    assert len(figures.by_category) == 8 and len(figures.by_route) == 3


def test_period_bounds_are_both_included(db):
    unit = make.unit(db, "Chi bộ Khu 3", kind="grassroots_cell")
    today = dt.date(2026, 12, 31)
    for raised, closed in (
        ("2026-08-01", "2026-08-31"),
        ("2026-07-31", "2026-08-01"),
        ("2026-08-31", "2026-09-01"),
        ("2026-09-01", None),
    ):
        concern_id = raise_concern(
            db,
            unit_id=unit,
            category="other",
            route="self",
            description="Bến đò",
            raised_date=raised,
            today=today,
        )
        if closed:
            transition(db, concern_id, "resolved", note="Xong", date=closed, today=today)
    figures = concern_figures(db, ("2026-08-01", "2026-08-31"), as_of=today)
    # raised 08-01 and 08-31; resolved 08-31 (30 days) and 08-01 (1 day); open: the 08-31 one.
    assert _counts(figures.total) == (2, 2, 1, 0, 15.5)
