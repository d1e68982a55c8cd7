"""Every screen follows the supervisor chosen, wherever it is chosen: the screens opened
before the choice too (the F7 list once kept the previous supervisor's units)."""

from textual.widgets import Select

from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import add_duties, cells
from tui.app import PhutrachApp
from tui.widgets.lazy_select import LazySelect
from tui.widgets.personnel_gaps import PersonnelGaps

SIZE = (120, 40)


def _units_listed(app, selector: str) -> set[str]:
    return {cell for row in cells(app, selector) for cell in row if cell.startswith("Chi bộ")}


async def _choose(pilot, typed: str) -> None:
    """Choose on the dashboard's supervisor picker, as a user would."""
    await pilot.press("f3", "s", *typed, "enter")
    await pilot.pause()


async def test_each_f_key_screen_follows_a_supervisor_chosen_on_the_dashboard(district):
    path, _ids = district
    add_duties(path)
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("f7", "f4", "f6", "f8"):  # each opened before the choice
            await pilot.press(key)
            await pilot.pause()
        await _choose(pilot, "hoa")
        assert app.supervisor_id is not None
        await pilot.press("f7")
        await pilot.pause()
        listed = _units_listed(app, "#personnel-table")
        assert listed and "Chi bộ thôn Đào Xá" not in listed  # Đức's, not Hoa's
        gaps = app.screen.query_one(PersonnelGaps).gaps
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.query_one("#agenda-supervisor", Select).value == app.supervisor_id
        assert cells(app, "#agenda-planned") == []  # the plans are Đức's
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.query_one("#filter-supervisor", Select).value == app.supervisor_id
        await pilot.press("f8")
        await pilot.pause()
        assert "Lê Thị Hoa" in str(app.screen.query_one("#scope-name").render())
        await _choose(pilot, "duc")
        await pilot.press("f7")
        await pilot.pause()
        assert "Chi bộ thôn Đào Xá" in _units_listed(app, "#personnel-table")
        assert app.screen.query_one(PersonnelGaps).gaps != gaps or gaps is None


async def test_a_supervisor_chosen_on_the_agenda_is_followed_on_the_dashboard(district):
    path, ids = district
    add_duties(path)
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#agenda-supervisor", LazySelect).choose(ids["duc"])  # as opened
        await pilot.pause()
        assert app.supervisor_id == ids["duc"]
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.sub_title.endswith("Phạm Minh Đức")
        assert [row[1] for row in cells(app, "#dash-due")] == [
            "Chi bộ thôn Dương Liễu",
            "Chi bộ thôn Đào Xá",
        ]
