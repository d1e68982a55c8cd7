"""A unit's trend chart and regime table in its detail view (today 30/09/2026).

Chi bộ thôn Đào Xá (19 members owed) gets, on top of conftest's July–September meetings,
reported meetings in February and April and scored visits in February and April.
"""

import pytest
from textual.widgets import DataTable, Static

from store.core import db as store_db
from store.rules.periods import Period
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import record_visit
from store.visits.meetings import record_meeting
from store.visits.regime import TrendPoint
from tests.tui.conftest import TODAY
from tests.tui.test_app import plain
from tui.widgets.unit_trend import axis, bars

SIZE = (120, 40)


def _meeting(day: str, present: int) -> dict:
    return dict(
        date=day,
        kind="regular",
        members_full=20,
        members_probationary=2,
        members_exempt=3,
        present=present,
        absent_excused=19 - present,
        absent_unexcused=0,
        duration_minutes=120,
        minutes_kept=True,
        resolution_adopted=True,
    )


@pytest.fixture
def history(district):
    path, ids = district
    db = store_db.connect(path)
    criteria = rulebook_in_force(db).criteria
    record_meeting(db, ids["dao_xa"], **_meeting("2026-02-06", 15), today=TODAY)
    for day, short in (("2026-03-05", 15), ("2026-04-07", 5)):
        scores = {c.id: c.max for c in criteria}
        scores["content"] -= short
        record_visit(
            db,
            supervisor_id=ids["duc"],
            unit_id=ids["dao_xa"],
            meeting=_meeting(day, 18),
            scores=scores,
            today=TODAY,
        )
    db.close()
    return path, ids


def test_bars_scale_from_60_to_100_and_mark_months_without_data():
    text = bars([None, 60.0, 80.0, 100.0, 30.0], lambda v: "green" if v >= 85 else "yellow")
    assert str(text) == "· ▁ ▅ █ ▁ "
    assert [str(text.style), *(str(s.style) for s in text.spans)][1:] == [
        "dim",
        "yellow",
        "yellow",
        "green",
        "yellow",
    ]


def test_the_axis_names_the_first_month_then_january_and_july():
    points = [TrendPoint(Period(2025, 10, 1).shift(i), 0, None, 0, None) for i in range(12)]
    assert str(axis(points)) == "10/25 01/26       07/26"


async def test_the_detail_shows_the_trend_and_this_years_regime(app, history):
    _path, ids = history
    async with app.run_test(size=SIZE) as pilot:
        app.open_unit(ids["dao_xa"])
        await pilot.pause()
        chart = plain(app.screen.query_one("#trend-chart", Static).content)
        rate, score, months = chart.splitlines()[:3]
        assert rate.startswith("Tỷ lệ đảng viên dự sinh hoạt")
        assert rate.rstrip().endswith("100% (tháng 9/2026)")
        assert score.rstrip().endswith("95/100 điểm (tháng 4/2026)")
        assert "10/24" in months and "07/26" in months
        table = app.screen.query_one("#regime-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            ["Sinh hoạt chi bộ định kỳ", "1 lần/tháng", "12", "6", "✗ 3", "3"],
            ["Sinh hoạt chuyên đề", "1 lần/6 tháng", "2", "1", "✗ 1", "0"],
        ]
        summary = str(app.screen.query_one("#regime-attendance", Static).content)
        assert summary == "Tỷ lệ đảng viên dự sinh hoạt định kỳ năm 2026: 92% (yêu cầu 85%)"


async def test_a_unit_the_rulebook_asks_nothing_of_says_so(app, district):
    async with app.run_test(size=SIZE) as pilot:
        app.open_unit(district[1]["khu_dong"])  # a sub-committee: no rule of its own
        await pilot.pause()
        assert app.screen.query("#regime-empty")
        summary = str(app.screen.query_one("#regime-attendance", Static).content)
        assert summary == "Chưa ghi buổi sinh hoạt định kỳ nào trong năm 2026."
        chart = plain(app.screen.query_one("#trend-chart", Static).content)
        assert chart.count("chưa có số liệu") == 2


def test_snapshot_of_the_unit_detail_with_its_chart(app, history, snap_compare):
    async def open_dao_xa(pilot):
        pilot.app.open_unit(history[1]["dao_xa"])
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_dao_xa)
