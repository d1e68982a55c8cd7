"""The app driven by keys, on the small district of conftest."""

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, Input, Static

import tui.app
from tests.tui.conftest import TODAY
from tui.app import PhutrachApp
from tui.dialogs.help import HelpScreen
from tui.screens.units.unit_detail import UnitDetailScreen
from tui.screens.units.units import UnitsScreen
from tui.textual_internals import notifications
from tui.widgets.paged_table import PagedTable
from tui.widgets.unit_tree import UnitTree

SIZE = (120, 40)


class OnUnits(PhutrachApp):
    CSS_PATH = [Path(tui.app.__file__).parent / path for path in PhutrachApp.CSS_PATH]
    DEFAULT_MODE = "units"


@pytest.fixture
def app(district):
    """The app opened on the units screen (the dashboard is the home screen)."""
    return OnUnits(district[0], today=TODAY)


def listed(app) -> list[str]:
    table = app.screen.query_one(PagedTable)
    return [table.row_at(i).name for i in range(table.row_count)]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def plain(renderable) -> str:
    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


def rows_of(app, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_opens_on_the_units_screen_listing_every_unit(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnitsScreen)
        assert len(listed(app)) == 10
        assert text_of(app, "#units-count") == "10 / 10 tổ chức đảng"


async def test_search_is_diacritic_insensitive(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"dao")
        await pilot.pause()
        assert listed(app) == ["Chi bộ thôn Đào Xá"]
        assert text_of(app, "#units-count") == "1 / 10 tổ chức đảng"
        search = app.screen.query_one("#units-search", Input)
        search.value = ""
        await pilot.press(*"DUONG")
        await pilot.pause()
        assert listed(app) == ["Chi bộ thôn Dương Liễu"]


async def test_down_from_the_search_goes_to_the_results_and_enter_opens_one(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"dao", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen)
        assert "Đào Xá" in app.screen.sub_title or "Đào Xá" in app.title


async def test_typing_q_in_the_search_box_types_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "q")
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#units-search", Input).value == "q"


async def test_enter_opens_the_cell_detail_and_escape_comes_back(app, district):
    _, ids = district
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"dao", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen)
        assert app.screen.unit_id == ids["dao_xa"]
        assert (
            text_of(app, "#detail-path")
            == "HUYỆN ỦY › Đảng bộ xã An Bình › Đảng bộ bộ phận Khu Đông › "
        )
        facts = plain(app.screen.query_one("#detail-facts", Static).content)
        for name, value in (
            ("Loại tổ chức", "Chi bộ trực thuộc"),
            ("Loại hình", "Thôn, khu dân cư"),
            ("Đảng viên chính thức", "20"),
            ("Đảng viên dự bị", "2"),
            ("Đảng viên miễn sinh hoạt", "3"),
            ("Đảng viên phải dự sinh hoạt", "19"),
        ):
            assert re.search(rf"{name}\s+{value}(\s|$)", facts, re.M), name
        assert "Tổ chức đảng trực thuộc" not in facts  # a cell has no units under it
        assert rows_of(app, "#detail-committee") == [
            ["Bí thư", "Nguyễn Văn Ấn", "Bí thư kiêm trưởng thôn", "01/03/2025"],
            ["Phó bí thư", "Trần Thị Bình", "", "01/03/2025"],
            ["Cấp ủy viên", "Lê Văn Cường", "", "01/03/2025"],
        ]
        assert rows_of(app, "#detail-supervisors") == [
            ["Phạm Minh Đức", "Ủy viên Ban Thường vụ Huyện ủy", "Định kỳ hằng tháng", "01/01/2026"]
        ]
        meetings = rows_of(app, "#detail-meetings")
        assert [m[0] for m in meetings] == ["05/09/2026", "20/08/2026", "05/08/2026", "05/07/2026"]
        assert meetings[0][1:] == [
            "Sinh hoạt chi bộ định kỳ",
            "Xây dựng nông thôn mới",
            "19/19",
            "✓",
        ]
        assert meetings[2][3:] == ["17/19", ""]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnitsScreen)
        assert app.screen.query_one("#units-search", Input).value == "dao"


async def test_u_opens_the_parent_and_a_unit_without_records_says_so(app, district):
    _, ids = district
    async with app.run_test(size=SIZE) as pilot:
        app.open_unit(ids["dao_xa"])
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.unit_id == ids["khu_dong"]
        facts = plain(app.screen.query_one("#detail-facts", Static).content)
        assert re.search(r"Tổ chức đảng trực thuộc\s+2(\s|$)", facts, re.M)
        assert app.screen.query("#detail-committee-empty")
        assert app.screen.query("#detail-meetings-empty")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnitsScreen)


async def test_the_tree_loads_branches_on_demand_and_opens_a_cell(app, district):
    _, ids = district
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        tree = app.screen.query_one(UnitTree)
        assert [str(n.label) for n in tree.root.children] == [
            "Chi bộ Công ty cổ phần Sông Đà",
            "Đảng bộ phường Hòa Lạc",
            "Đảng bộ xã An Bình",
        ]
        an_binh = tree.root.children[2]
        assert not an_binh.children  # not read before it is opened
        await pilot.press("down", "down", "space")
        await pilot.pause()
        assert [str(n.label) for n in an_binh.children] == [
            "Chi bộ thôn Dương Liễu",
            "Chi bộ Trường Tiểu học An Bình",
            "Đảng bộ bộ phận Khu Đông",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen)
        assert app.screen.unit_id == ids["duong_lieu"]


async def test_a_province_sized_top_level_is_grouped_by_sector(app, district, monkeypatch):
    """Past GROUP_OVER grassroots organizations, the tree's top level is one branch per
    sector with its count, each filled when opened."""
    import tui.widgets.unit_tree as unit_tree

    monkeypatch.setattr(unit_tree, "GROUP_OVER", 2)  # the district's three make a "province"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        tree = app.screen.query_one(UnitTree)
        labels = [str(n.label) for n in tree.root.children]
        assert labels == ["Doanh nghiệp (1)", "Phường (1)", "Xã (1)"]
        communes = tree.root.children[2]
        assert not communes.children
        await pilot.press("down", "down", "space")
        await pilot.pause()
        assert [str(n.label) for n in communes.children] == ["Đảng bộ xã An Bình"]
        assert communes.children[0].allow_expand  # and it opens in turn


async def test_a_grouped_top_level_reads_counts_then_a_sector_when_opened(app, monkeypatch):
    """The first show reads what it draws: the sectors' counts, not every organization at
    the top; a sector's organizations are read when it is opened, once."""
    import tui.widgets.unit_tree as unit_tree
    from store.org import units

    monkeypatch.setattr(unit_tree, "GROUP_OVER", 2)
    read: list = []
    real = units.children, units.top_of_sector
    monkeypatch.setattr(units, "children", lambda *a, **k: read.append(k) or real[0](*a, **k))
    monkeypatch.setattr(units, "top_of_sector", lambda db, s: read.append(s) or real[1](db, s))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert read == [{"limit": 3}]  # enough to tell it is more than GROUP_OVER
        await pilot.press("down", "down", "space")
        await pilot.pause()
        await pilot.press("space", "space")
        await pilot.pause()
        assert read == [{"limit": 3}, "commune"]
        communes = app.screen.query_one(UnitTree).root.children[2]
        assert [str(n.label) for n in communes.children] == ["Đảng bộ xã An Bình"]


async def test_f1_shows_help_for_the_current_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = plain(app.screen.query_one("#help-keys", Static).content)
        assert re.search(r"^/, \^f\s+Tìm\s+Tìm tổ chức đảng theo tên", keys, re.M)
        assert re.search(r"^\^q, q\s+Thoát", keys, re.M)
        assert "Focus Next" not in keys  # Textual's own English keys are left out
        await pilot.press("escape")
        assert isinstance(app.screen, UnitsScreen)


async def test_the_palette_lists_the_app_commands_and_finds_units(app, district):
    _, ids = district
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        prompts = _prompts(app)
        assert prompts[0] == "Chuyển đến: Bảng theo dõi"  # the home screen first
        assert {"Chuyển đến: Tổ chức đảng", "Tìm tổ chức đảng", "Trợ giúp", "Thoát"} <= set(prompts)
        await pilot.press(*"dao")
        await pilot.pause(0.5)
        hit = _prompts(app).index("Mở: Chi bộ thôn Đào Xá")  # after screens matching "dao"
        await pilot.press(*["down"] * hit, "enter")  # the first is highlighted
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen)
        assert app.screen.unit_id == ids["dao_xa"]


async def test_search_units_from_the_palette_on_a_detail_focuses_the_search(app, district):
    async with app.run_test(size=SIZE) as pilot:
        app.open_unit(district[1]["an_binh"])
        await pilot.pause()
        await pilot.press("ctrl+p", *"tim to chuc")
        await pilot.pause(0.5)
        assert _prompts(app)[0] == "Tìm tổ chức đảng"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnitsScreen)
        assert app.focused is app.screen.query_one("#units-search", Input)


async def test_a_unit_deleted_meanwhile_is_reported_not_opened(app):
    async with app.run_test(size=SIZE) as pilot:
        app.open_unit(9999)
        await pilot.pause()
        assert isinstance(app.screen, UnitsScreen)
        assert [n.message for n in notifications(app)] == ["Không có tổ chức đảng số 9999."]


async def test_f2_from_a_detail_returns_to_the_units_list(app, district):
    async with app.run_test(size=SIZE) as pilot:
        app.open_unit(district[1]["an_binh"])
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, UnitsScreen)


async def test_q_quits(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


def _prompts(app) -> list[str]:
    options = app.screen.query_one(CommandList).options
    return [str(option.prompt).split("\n")[0] for option in options]
