"""Each private attribute of Textual that tui/textual_internals.py relies on: still there and
still meaning what it meant. A failure here after a Textual upgrade says which one changed."""

import re
from pathlib import Path

from textual.app import App
from textual.notifications import Notification, Notifications
from textual.screen import Screen

import tui
from tests.tui.conftest import TODAY
from tui.app import PhutrachApp
from tui.textual_internals import mark_styled, notifications

ROOT = Path(tui.__file__).parents[1]
PRIVATE = re.compile(r"\.(_css_update_count|_notifications|_bindings|_keymap|_merged_bindings)\b")


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
