"""A screen's first show styles it once, as its widgets mount: neither of the two resumes
Textual sends then restyles it again, and what it shows is what a full restyle gives. A
screen shown again after another is restyled (and reads its data again) as before."""

from textual.screen import Screen

from tui.screens.concerns.board import ConcernsScreen

SIZE = (120, 40)


def _styles(screen: Screen) -> dict[int, str]:
    """Every node's computed styles, as CSS text."""
    return {id(node): node.styles.css for node in screen.walk_children(with_self=True)}


async def test_the_first_show_is_styled_once_and_right(app, monkeypatch):
    resumes: list[tuple[str, bool]] = []
    real = Screen._on_screen_resume

    def seen(screen, event):
        resumes.append((type(screen).__name__, event.refresh_styles))
        return real(screen, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", seen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ConcernsScreen)
        first = [styled for name, styled in resumes if name == "ConcernsScreen"]
        assert first and not any(first)  # resumed, never restyled
        shown = _styles(app.screen)
        app.screen.update_node_styles(animate=False)  # what the skipped restyle would give
        await pilot.pause()
        assert _styles(app.screen) == shown
        resumes.clear()
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        again = [styled for name, styled in resumes if name == "ConcernsScreen"]
        assert again == [True]  # back after another screen: restyled as Textual does
        await pilot.press("f2")  # a screen styled once that does not come back (StyledOnce)
        await pilot.pause()
        units = [styled for name, styled in resumes if name == "UnitsScreen"]
        assert units and not any(units)
        shown = _styles(app.screen)
        app.screen.update_node_styles(animate=False)
        await pilot.pause()
        assert _styles(app.screen) == shown
