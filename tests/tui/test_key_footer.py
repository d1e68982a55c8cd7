"""The footer: the current screen's keys on one line, following the screen and the focus, and
a click on a key presses it."""

from tui.widgets.key_footer import KeyFooter

SIZE = (120, 40)


def footer_text(app) -> str:
    return app.screen.query_one(KeyFooter).render().plain


async def test_the_footer_shows_the_screens_keys_and_follows_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        text = footer_text(app)
        assert "/ Tìm" in text and "f1 Trợ giúp" in text and "Màn hình" in text
        assert text.rstrip().endswith("^p Lệnh")
        await pilot.press("f6")
        await pilot.pause()
        assert "n Nêu vấn đề" in footer_text(app)


async def test_a_click_on_a_key_presses_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        footer.render()
        start = next(s for s, _e, key in footer._spans if key == "slash")
        await pilot.click(KeyFooter, offset=(start, 0))
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#units-search")


async def test_the_screen_keys_show_as_one_run_and_a_key_that_does_not_fit_is_left_out(app):
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        wide = footer_text(app).split("▏")[0].rstrip()
        assert "f2–f9 Màn hình" in wide
        await pilot.resize_terminal(60, 40)
        await pilot.pause()
        narrow = footer_text(app)
        keys, palette = narrow.split("▏")
        assert len(narrow) == 60 and palette == "^p Lệnh "
        assert keys.rstrip() and wide.startswith(keys.rstrip())
        # left off between two entries ("  "), not inside one
        assert wide[len(keys.rstrip()) :].startswith("  ")
