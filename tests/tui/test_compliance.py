"""The compliance grid on the district of conftest (today 30/09/2026).

Under Đảng bộ bộ phận Khu Đông: Chi bộ thôn Đào Xá held regular meetings in July, August (and
a thematic one) and September (visited); Chi bộ thôn Đông Hòa held none.
"""

from rich.text import Text

from store.visits.grid import GridCell
from tui.screens.regime.compliance import ComplianceScreen, cell_text
from tui.screens.regime.meeting_form import MeetingForm
from tui.screens.units.unit_detail import UnitDetailScreen
from tui.widgets.paged_table import PagedTable

SIZE = (120, 40)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def grid_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#compliance-grid", PagedTable)
    return [[str(c) for c in table.source.cells(table.row_at(i))] for i in range(table.row_count)]


def totals_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#compliance-totals", PagedTable)
    return [[str(c) for c in table.source.cells(table.row_at(i))] for i in range(table.row_count)]


async def open_grid(app, pilot) -> None:
    await app.action_goto("compliance")
    await settle(pilot)
    assert isinstance(app.screen, ComplianceScreen)


async def drill_to_khu_dong(pilot) -> None:
    await pilot.press("down", "down", "d")  # Đảng bộ xã An Bình
    await settle(pilot)
    await pilot.press("down", "down", "d")  # Đảng bộ bộ phận Khu Đông
    await settle(pilot)


def test_a_cell_shows_a_symbol_and_a_colour_for_each_state_and_flag():
    def cell(state, visited=False, thematic=False, low=False) -> Text:
        return cell_text(GridCell(8, state, 1, visited, thematic, low, None))

    assert [str(cell(s)) for s in ("held", "missed", "future", "none")] == ["●", "✗", "·", "·"]
    assert str(cell("held", visited=True, thematic=True, low=True)) == "◉C↓"
    styles = [span.style for span in cell("held", visited=True, thematic=True, low=True).spans]
    assert styles == ["magenta", "bold yellow"]
    assert cell("missed").style == "bold red" and cell("held").style == "green"


async def test_the_whole_committee_then_a_drill_down_to_the_cells(app, district):
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot)
        assert [row[0] for row in grid_rows(app)] == [
            "Chi bộ Công ty cổ phần Sông Đà",
            "Đảng bộ phường Hòa Lạc",
            "Đảng bộ xã An Bình",
        ]
        grid = app.screen.query_one("#compliance-grid", PagedTable)
        assert grid.border_title == "Sinh hoạt năm 2026: Toàn bộ tổ chức cơ sở đảng (HUYỆN ỦY)"
        assert app.screen.check_action("drill", ()) is False  # a grassroots cell: nothing under
        await drill_to_khu_dong(pilot)
        dao_xa, dong_hoa = grid_rows(app)
        assert dao_xa == [
            "Chi bộ thôn Đào Xá",
            *"✗✗✗✗✗✗●",
            "●C",
            "◉",
            *"···",
            "3",
            "6",
            "1",
            "1",
            "0",
        ]
        assert dong_hoa == ["Chi bộ thôn Đông Hòa", *"✗✗✗✗✗✗✗✗····", "0", "8", "0", "0", "0"]
        held, missed, visited, thematic, low = totals_rows(app)
        assert held[0] == "Σ ● có sinh hoạt" and held[7:10] == ["1", "1", "1"] and held[13] == "3"
        assert missed[1:9] == ["2"] * 6 + ["1", "1"] and missed[14] == "14"
        assert visited[9] == "1" and thematic[8] == "1" and low[1:13] == ["0"] * 12
        await pilot.press("backspace")
        await settle(pilot)
        assert grid.border_title == "Sinh hoạt năm 2026: Đảng bộ xã An Bình"


async def test_a_reported_meeting_turns_a_missed_month_into_a_held_one(app, district):
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot)
        await drill_to_khu_dong(pilot)
        assert grid_rows(app)[1][8] == "✗"  # Đông Hòa, August
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        await pilot.press(*"10/08/2026", *["tab"] * 6, *"21", "tab", "tab", "tab", *"90")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComplianceScreen)
        assert app.screen.query_one("#compliance-grid", PagedTable).cursor == 1  # stays on it
        dong_hoa = grid_rows(app)[1]
        assert dong_hoa[8] == "●"
        assert dong_hoa[13:] == ["1", "7", "0", "0", "0"]
        assert totals_rows(app)[0][8] == "2"


async def test_the_year_changes_with_brackets_within_five_years(app, district):
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot)
        assert app.screen.check_action("year", (1,)) is False
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.screen.year == 2025
        grid = app.screen.query_one("#compliance-grid", PagedTable)
        assert grid.border_title.startswith("Sinh hoạt năm 2025:")
        assert grid_rows(app)[0][1:13] == ["✗"] * 12


def test_snapshot_of_the_grid(app, district, snap_compare):
    async def khu_dong(pilot):
        await open_grid(pilot.app, pilot)
        await drill_to_khu_dong(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=khu_dong)


async def test_the_organizations_to_choose_come_once_the_first_page_shows(app, district):
    """The list of organizations is read after the grid's first page is drawn, and then
    offers every grassroots organization and sub-committee, the choice kept."""
    from textual.widgets import OptionList, Select

    _path, ids = district
    async with app.run_test(size=SIZE) as pilot:
        await open_grid(app, pilot)
        screen = app.screen
        assert screen.parents_read
        assert {0, ids["an_binh"], ids["khu_dong"], ids["hoa_lac"]} <= set(screen.parents)
        select = screen.query_one("#compliance-parent", Select)
        select.action_show_overlay()  # its list is made as it opens
        await pilot.pause()
        assert select.query_one(OptionList).option_count == len(screen.parents)
        assert select.value == 0
