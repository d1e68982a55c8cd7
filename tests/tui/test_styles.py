"""Each stylesheet styles its own screen only: Textual loads a screen's CSS for the whole app
once the screen is first shown, so a loose rule in one file reshapes the others. Opening
every screen first must leave the forms laid out exactly as in a fresh app."""

import pytest

from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import add_duties
from tui import registry
from tui.app import PhutrachApp
from tui.screens.concerns.form import ConcernForm
from tui.screens.visits.visit_form import VisitForm

SIZE = (120, 40)


def layout(screen) -> list[tuple]:
    return [(type(w).__name__, w.id, tuple(w.region)) for w in screen.query("*") if w.display]


async def opened(path, show_everything_first: bool, open_form) -> list[tuple]:
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        if show_everything_first:
            for entry in registry.SCREENS:
                await pilot.press(entry.key)
                await pilot.pause()
            await pilot.press(registry.SCREENS[0].key)
            await pilot.pause()
        await open_form(app, pilot)
        await pilot.pause()
        return layout(app.screen)


async def visit_form(app, pilot):
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(app.screen, VisitForm)


async def concern_form(app, pilot):
    await pilot.press("f6", "n")
    await pilot.pause()
    assert isinstance(app.screen, ConcernForm)


async def briefs_screen(app, pilot):
    await pilot.press("f8")


@pytest.mark.parametrize("open_form", [visit_form, concern_form, briefs_screen])
async def test_opening_every_screen_first_changes_no_layout(district, open_form):
    path, _ids = district
    add_duties(path)
    fresh = await opened(path, False, open_form)
    after = await opened(path, True, open_form)
    assert after == fresh


async def test_a_screen_whose_stylesheet_is_loaded_shows_without_reparsing_the_css(
    district, monkeypatch
):
    """The agenda and the compliance grid share regime.tcss: once the agenda has shown, the
    grid's first show re-parses nothing (each re-parse of all the CSS costs 100 ms and more)."""
    from textual.css.stylesheet import Stylesheet

    path, _ids = district
    app = PhutrachApp(path, today=TODAY)
    reparses = []
    real = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: reparses.append(1) or real(self))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        before = len(reparses)
        await pilot.press("f5")
        await pilot.pause()
        assert type(app.screen).__name__ == "ComplianceScreen"
        assert len(reparses) == before
