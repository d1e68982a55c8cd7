"""Each private attribute of Textual that tui/textual_internals.py relies on: still there and
still meaning what it meant. A failure here after a Textual upgrade says which one changed."""

import re
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.cache import LRUCache
from textual.notifications import Notification, Notifications
from textual.screen import Screen
from textual.widgets import Static

import tui
from tests.tui.conftest import TODAY
from tui.app import PhutrachApp
from tui.textual_internals import (
    TEXTUAL_RULESET_HASH,
    KeptParses,
    guard_terminal,
    hash_rules_natively,
    mark_styled,
    notifications,
    terminal_output,
)

ROOT = Path(tui.__file__).parents[1]
PRIVATE = re.compile(
    r"\.(_css_update_count|_notifications|_bindings|_keymap|_merged_bindings|_compositor"
    r"|_segments|_render_cache|_parse_cache|_variables)\b"
)


async def test_css_update_count_is_what_switching_mode_compares(district):
    app = PhutrachApp(district[0], today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app._css_update_count, int)
        assert isinstance(Screen()._css_update_count, int)
        assert mark_styled(Screen())._css_update_count == app._css_update_count
        restyled = []
        app.refresh_css = lambda *args, **kwargs: restyled.append(True)
        app.add_mode("marked", lambda: mark_styled(Screen()))
        app.add_mode("plain", Screen)
        await app.switch_mode("marked")
        await pilot.pause()
        assert restyled == []  # a marked screen is not restyled: the point of marking it
        await app.switch_mode("plain")
        await pilot.pause()
        assert restyled  # and Textual still restyles one that is not


async def test_notifications_reads_what_the_app_shows():
    app = App()
    async with app.run_test() as pilot:
        assert isinstance(app._notifications, Notifications)
        app.notify("một", severity="warning")
        await pilot.pause()
        (shown,) = notifications(app)
        assert isinstance(shown, Notification)
        assert (shown.message, shown.severity) == ("một", "warning")


def test_no_other_module_touches_textuals_private_attributes():
    """tui/ and tests/ go through tui/textual_internals.py, which this file checks."""
    allowed = {ROOT / "tui" / "textual_internals.py", Path(__file__)}
    touching = [
        str(path.relative_to(ROOT))
        for folder in ("tui", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if path not in allowed and PRIVATE.search(path.read_text())
    ]
    assert touching == []


def test_strip_render_is_where_text_becomes_what_the_terminal_reads():
    """guard_terminal wraps `Strip.render` and reads `Strip._segments` and `_render_cache`."""
    from rich.segment import Segment
    from textual.strip import Strip

    strip = Strip([Segment("a\x1b[2Jb")], 3)
    assert strip._render_cache is None and strip._segments[0].text == "a\x1b[2Jb"
    guard_terminal()
    guard_terminal()  # twice wraps once
    assert strip.render(Console(force_terminal=True)) == "a[2Jb"
    assert strip._render_cache == "a[2Jb"


async def test_terminal_output_is_the_screen_the_terminal_would_read():
    class Hello(App):
        def compose(self):
            yield Static("xin chào")

    app = Hello()
    async with app.run_test(size=(30, 5)) as pilot:
        await pilot.pause()
        sent = terminal_output(app)
        assert "xin chào" in sent and "\x1b[" in sent  # text, colours and cursor moves


async def test_the_app_parses_each_stylesheet_once_and_a_new_theme_anew(district, monkeypatch):
    """KeptParses reads `Stylesheet._parse_cache` and `_variables`: at start each source is
    parsed once (Textual alone parsed them three times); a theme of other colours still
    re-parses, and its colours show."""
    import textual.css.stylesheet as stylesheet

    parsed = []
    real = stylesheet.parse
    monkeypatch.setattr(
        stylesheet,
        "parse",
        lambda scope, css, read_from, **kw: (
            parsed.append(read_from) or real(scope, css, read_from, **kw)
        ),
    )
    app = PhutrachApp(district[0], today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.stylesheet, KeptParses)
        assert isinstance(app.stylesheet._parse_cache, LRUCache)
        assert app.stylesheet._variables == app.get_css_variables()
        app_tcss = [p for p in parsed if p[0].endswith("app.tcss")]
        assert len(app_tcss) == 1, parsed
        background = app.screen.styles.background
        app.theme = "textual-light"
        await pilot.pause()
        assert len([p for p in parsed if p[0].endswith("app.tcss")]) == 2
        assert app.screen.styles.background != background


def test_css_rules_hash_by_identity_as_textual_hashes_them():
    """hash_rules_natively swaps Textual's `RuleSet.__hash__` (an identity hash written in
    Python) for object's: the same rules are the same set members, and no others."""
    from textual.css.model import RuleSet

    one, twin = RuleSet(), RuleSet()
    assert one == twin  # equal as dataclasses: only identity tells them apart in a set
    assert TEXTUAL_RULESET_HASH(one) == id(one)  # Textual's meaning, still
    hash_rules_natively()
    assert RuleSet.__hash__ is object.__hash__
    assert len({one, twin, one}) == 2 and one in {one} and twin not in {one}


async def test_a_select_makes_its_list_when_it_opens_and_chooses_as_textuals_does():
    """OverlayOnOpen overrides Select's private `_setup_options_renderables`, `_watch_value`,
    `_watch_prompt` and `_watch_expanded`, and reads `_options`, `_value`, `_allow_blank` and
    `_type_to_search`: closed it shows its value without a list, opened it offers every
    option, the value highlighted, and a choice is a Changed message as with Textual's."""
    from textual.widgets import OptionList, Select
    from textual.widgets._select import SelectCurrent

    from tui.textual_internals import OverlayOnOpen

    for name in ("_setup_options_renderables", "_watch_value", "_watch_prompt", "_watch_expanded"):
        assert callable(getattr(Select, name))
    changed = []

    def shown(select: Select) -> str:
        return str(select.query_one(SelectCurrent).query_one("#label", Static).render())

    class Form(App):
        def compose(self):
            yield OverlayOnOpen(
                [("một", 1), ("hai", 2), ("ba", 3)], value=2, allow_blank=False, id="plain"
            )
            yield OverlayOnOpen([("bốn", 4)], prompt="Tất cả", id="blank")

        def on_select_changed(self, event: Select.Changed) -> None:
            changed.append((event.select.id, event.value))

    app = Form()
    async with app.run_test() as pilot:
        plain = app.query_one("#plain", OverlayOnOpen)
        assert plain._options[1] == ("hai", 2) and not plain._allow_blank
        assert plain._type_to_search and plain._value == 2
        assert not plain.query(OptionList)  # closed: no list made
        assert shown(plain) == "hai"
        blank = app.query_one("#blank", OverlayOnOpen)
        blank.prompt = "Mọi thứ"
        await pilot.pause()
        assert shown(blank) == "Mọi thứ"
        changed.clear()
        plain.focus()
        await pilot.press("enter")  # opens it: the list made, the value highlighted
        await pilot.pause()
        options = plain.query_one(OptionList)
        assert plain.expanded and options.option_count == 3 and options.highlighted == 1
        await pilot.press("down", "enter")
        await pilot.pause()
        assert plain.value == 3 and not plain.expanded
        assert changed == [("plain", 3)]
        plain.value = 1  # set with its list there: as Textual's
        await pilot.pause()
        assert options.highlighted == 0 and changed[-1] == ("plain", 1)
        blank.focus()
        await pilot.press("enter")  # a blank one opened by a key: the first option highlighted
        await pilot.pause()
        assert blank.query_one(OptionList).highlighted == 0
