"""The dashboard, the app's home: units worst first with their state in colour and symbol,
the counts at a glance, this week's and month's plans, missed plans, the current supervisor."""

import pytest
from textual.widgets import Static

from store.core import db as store_db
from store.core import settings
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import cells
from tui.app import PhutrachApp
from tui.dialogs.supervisor_picker import SupervisorPicker
from tui.screens.dashboard.dashboard import DashboardScreen
from tui.screens.personnel.personnel import PersonnelScreen
from tui.screens.units.unit_detail import UnitDetailScreen
from tui.screens.visits.visit_list import VisitListScreen
from tui.widgets.paged_table import PagedTable
from tui.widgets.personnel_gaps import PersonnelGaps

SIZE = (120, 40)


@pytest.fixture
def app(duties):
    return PhutrachApp(duties[0], today=TODAY)


def card(app, key: str) -> str:
    return str(app.screen.query_one(f"#count-{key}", Static).render())


async def test_the_app_opens_on_the_dashboard_of_all_supervisors_worst_first(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.sub_title == "Bảng theo dõi — Tất cả (văn phòng cấp ủy)"
        assert cells(app, "#dash-due") == [
            [
                "⚠ Quá hạn 92 ngày",
                "Chi bộ thôn Dương Liễu",
                "Phạm Minh Đức",
                "Tháng",
                "—",
                "30/06/2026",
            ],
            ["● Đến hạn", "Chi bộ khu phố 1", "Lê Thị Hoa", "Quý", "—", "30/09/2026"],
            ["✓ Đã dự", "Chi bộ thôn Đào Xá", "Phạm Minh Đức", "Tháng", "05/09/2026", "31/10/2026"],
        ]
        counts = {
            key: card(app, key).split("\n")
            for key in ("assigned", "done", "due", "overdue", "week", "month", "missed")
        }
        assert counts == {
            "assigned": ["3", "Được phân công"],
            "done": ["1", "Đã dự kỳ này"],
            "due": ["1", "Đến hạn"],
            "overdue": ["⚠ 1", "Quá hạn"],
            "week": ["1", "Lịch tuần này"],
            "month": ["0", "Lịch tháng này"],
            "missed": ["1", "Lịch bị lỡ"],
        }
        assert cells(app, "#dash-agenda") == [["T6 02/10", "Chi bộ thôn Dương Liễu"]]
        assert cells(app, "#dash-missed") == [["⚠ 20/09/26", "Chi bộ thôn Dương Liễu"]]


async def test_overdue_rows_stand_out_in_colour_and_symbol(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#dash-due", PagedTable)
        styles = [str(table.source.cells(table.row_at(i))[0].style) for i in range(3)]
        assert styles == ["bold red", "yellow", "green"]
        assert app.screen.query_one("#count-overdue").has_class("-overdue")


async def test_choosing_a_supervisor_narrows_the_dashboard_and_is_remembered(app, duties):
    path, ids = duties
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SupervisorPicker)
        await pilot.press(*"duc", "enter")  # one match: chosen at once
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.sub_title == "Bảng theo dõi — Phạm Minh Đức"
        assert [row[1] for row in cells(app, "#dash-due")] == [
            "Chi bộ thôn Dương Liễu",
            "Chi bộ thôn Đào Xá",
        ]
        assert len(cells(app, "#dash-due")[0]) == 5  # no supervisor column for one supervisor
        assert card(app, "assigned").startswith("2")
    db = store_db.connect(path)
    chosen = settings.get(db, "current_supervisor")
    uid = db["supervisors"].get(ids["duc"])["uid"]
    db.close()
    assert chosen == uid
    again = PhutrachApp(path, today=TODAY)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.sub_title == "Bảng theo dõi — Phạm Minh Đức"
        await pilot.press("s", "down", "enter")  # the first row: all
        await pilot.pause()
        assert again.screen.sub_title == "Bảng theo dõi — Tất cả (văn phòng cấp ủy)"


async def test_the_other_supervisors_units_are_not_listed_for_one(app, duties):
    path, ids = duties
    db = store_db.connect(path)
    settings.put(db, "current_supervisor", db["supervisors"].get(ids["hoa"])["uid"])
    db.close()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [row[1] for row in cells(app, "#dash-due")] == ["Chi bộ khu phố 1"]
        assert cells(app, "#dash-agenda") == [] and cells(app, "#dash-missed") == []


async def test_keys_open_the_unit_and_the_visit_lists(app, duties):
    _, ids = duties
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "o")
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen) and app.screen.unit_id == ids["dao_xa"]
        await pilot.press("escape", "l")
        await pilot.pause()
        assert isinstance(app.screen, VisitListScreen)
        assert [row[0] for row in cells(app, "#visits-table")] == ["05/09/2026"]
        assert app.screen.query_one("#visits-count", Static).render().plain == (
            "1 lần dự sinh hoạt"
        )
        await pilot.press("escape", "a")
        await pilot.pause()
        assert isinstance(app.screen, VisitListScreen) and app.screen.supervisor_id is None


async def test_a_personnel_gap_chosen_lists_its_secretaries(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        gaps = app.screen.query_one(PersonnelGaps)
        assert gaps.gaps is not None and "MẬT" in str(gaps.border_title)
        await pilot.press(*["tab"] * 6, "enter")  # past the three lists and the concerns
        await pilot.pause()
        assert isinstance(app.screen, PersonnelScreen)
        assert app.screen.filter == "without_secretary"


async def test_f3_comes_back_to_the_dashboard(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, DashboardScreen)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


def test_snapshot_of_the_dashboard(app, snap_compare):
    async def loaded(pilot):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=loaded)


async def test_an_80_by_24_terminal_shows_the_units_by_name_and_a_visit_form_that_fits(app):
    """The classic terminal size: the list keeps rows and its names (the columns after the
    name give way), and the visit form is no wider than the screen, its scores in view."""
    from textual.widgets import Input

    from tui.screens.visits.visit_form import VisitForm

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#dash-due", PagedTable)
        lines = [due.render_line(y).text for y in range(due.size.height)]
        assert len(lines) >= 4 and "Tên tổ chức đảng" in lines[0]
        assert "Chi bộ thôn Dương Liễu" in "\n".join(lines)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VisitForm)
        assert app.screen.query_one("#visit-box").region.right <= 80
        inputs = list(app.screen.query(Input))
        assert len(inputs) > 9 and all(i.region.right <= 80 for i in inputs if i.region)
