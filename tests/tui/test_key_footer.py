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


def shown_keys(app) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    footer.render()
    return [key for _s, _e, key in footer._spans]


async def test_the_screen_keys_show_as_one_run_and_a_key_that_does_not_fit_is_left_out(app):
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        wide, wide_keys = footer_text(app).split("▏")[0], shown_keys(app)
        assert "f2–f10 Màn hình" in wide
        await pilot.resize_terminal(60, 40)
        await pilot.pause()
        narrow, narrow_keys = footer_text(app), shown_keys(app)
        keys, palette = narrow.split("▏")
        assert len(narrow) == 60 and palette == "^p Lệnh "
        assert narrow_keys[-1] == "ctrl+p" and 0 < len(narrow_keys) - 1 < len(wide_keys) - 1
        assert narrow_keys[:-1] == wide_keys[: len(narrow_keys) - 1]
        # the entries shown are whole, one space apart; what did not fit is left out whole
        shown, whole = " ".join(keys.split()), " ".join(wide.split())
        assert whole.startswith(shown + " ")


async def test_the_dashboard_keys_fit_at_120_columns_one_space_apart(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = footer_text(app)
        assert "⏎ Ghi dự sinh hoạt s Cấp ủy viên phụ trách" in text  # Enter logs a visit here
        assert "f1 Trợ giúp f2–f10 Màn hình" in text


async def test_a_click_on_the_screen_keys_opens_the_palette_of_screens(app):
    from textual.command import CommandPalette

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        text = footer_text(app)
        await pilot.click(KeyFooter, offset=(text.index("f2–f10") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_question_mark_opens_the_help_too_but_types_in_a_search(app):
    """For terminals and laptops that take F1; in a text field it is a character."""
    from tui.dialogs.help import HelpScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "slash", "question_mark")
        await pilot.pause()
        assert app.screen.query_one("#units-search").value == "?"
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
