"""A search filters its list while the keystroke is handled, in the frame that shows the typed
letter. An `Input.Changed` handler runs after that frame is drawn: the rows came a frame
(17 ms at 60 a second) later, half the budget of a keystroke in a province."""

# ruff: noqa: F811 (the fixtures imported below are the tests' arguments)

import pytest
from textual.widgets import Input

from tests.tui.personnel_fixture import SIZE, papp, staffed  # noqa: F401 (fixtures)
from tui.dialogs.picker import PickerScreen
from tui.screens.personnel.personnel import matches
from tui.widgets.paged_table import Column, PagedTable


def _typed(screen, search: str, text: str) -> tuple[int, int]:
    """The row count of the screen's list before and right after `text` is typed in `search`,
    with nothing awaited between: no message is handled, no frame drawn."""
    table = screen.query_one(PagedTable)
    before = table.row_count
    screen.query_one(search, Input).value = text
    return before, table.row_count


@pytest.mark.parametrize(
    ("mode", "search", "text"),
    [("units", "#units-search", "dao xa"), ("personnel", "#personnel-search", "dao xa")],
)
async def test_a_list_follows_its_search_before_the_next_frame(papp, mode, search, text):
    async with papp.run_test(size=SIZE) as pilot:
        await papp.switch_mode(mode)
        await pilot.pause()
        before, after = _typed(papp.screen, search, text)
        assert (before > 1, after) == (True, 1)


class _Words(PickerScreen):
    WORDS = ("An Bình", "Đào Xá", "Dương Liễu")

    def heading(self) -> str:
        return "Words"

    def columns(self) -> list[Column]:
        return [Column("Word")]

    def rows(self, search: str) -> list[str]:
        return [w for w in self.WORDS if matches(search, w)]

    def cells(self, row: str) -> tuple[str]:
        return (row,)


async def test_a_picker_follows_its_search_before_the_next_frame(papp):
    async with papp.run_test(size=SIZE) as pilot:
        await papp.push_screen(_Words())
        await pilot.pause()
        assert _typed(papp.screen, "#picker-search", "dao") == (3, 1)
