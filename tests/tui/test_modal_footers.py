"""Every modal shows its own keys in its footer, in Vietnamese: the dialogs and forms, the
command palette, a Select's open menu (which once showed Textual's "esc Dismiss menu")."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import textual
import textual.widgets
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Select

from store.lang.i18n import _
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import add_duties
from tui import bindings
from tui.app import Palette, PhutrachApp
from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.help import HelpScreen
from tui.dialogs.supervisor_picker import SupervisorPicker
from tui.widgets.key_footer import KeyFooter

TUI = Path(__file__).resolve().parents[2] / "tui"


def _footer(app) -> tuple[str, list[str]]:
    """The modal's own footer's text, and the English descriptions it shows."""
    text = str(app.screen.query_one(KeyFooter).render())
    shown = [b for _n, b, _on, _t in app.screen.active_bindings.values() if b.show]
    english = [
        b.description
        for b in shown
        if b.description and b.description in text and _(b.description) != b.description
    ]
    return text, english


async def _check(pilot, kind) -> str:
    await pilot.pause()
    assert isinstance(pilot.app.screen, kind)
    text, english = _footer(pilot.app)
    assert not english, f"{kind.__name__}: {english} in {text!r}"
    return text


async def test_each_modal_shows_its_own_keys_in_vietnamese(district):
    path, _ids = district
    add_duties(path)
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        assert "Đóng" in await _check(pilot, HelpScreen)
        await pilot.press("escape", "ctrl+p")
        assert "Đóng bảng lệnh" in await _check(pilot, Palette)
        await pilot.press("escape", "s")
        assert "Hủy" in await _check(pilot, SupervisorPicker)
        await pilot.press("escape")
        app.push_screen(ConfirmScreen("?"))
        assert "Không" in await _check(pilot, ConfirmScreen)
        await pilot.press("escape", "f4")
        await pilot.pause()
        app.screen.query_one("#agenda-supervisor", Select).focus()
        await pilot.press("enter")  # the Select's menu opens
        await pilot.pause()
        text = str(app.screen.query_one(KeyFooter).render())
        assert "Đóng danh sách" in text and "Dismiss menu" not in text


def test_every_modal_screen_composes_a_footer():
    """Each module defining a ModalScreen yields a KeyFooter (or derives from one that does)."""
    missing = []
    for path in sorted(TUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modal = [
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            and any("ModalScreen" in ast.unparse(base) for base in node.bases)
        ]
        if modal and "KeyFooter()" not in path.read_text(encoding="utf-8"):
            missing.append(f"{path.name}: {modal}")
    assert not missing


def test_textual_s_own_shown_keys_are_all_translated():
    """A Textual upgrade that shows a new key of its own fails here until it is translated."""
    names = ["textual.command", "textual.screen", "textual.app", "textual.widget"] + [
        f"textual.widgets.{m.name}"
        for m in pkgutil.iter_modules(textual.widgets.__path__)
        if m.name.startswith("_")
    ]
    shown = set()
    for name in names:
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, DOMNode) and cls.__module__ == name:
                for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                    if b.show and b.description:
                        shown.add(b.description)
    assert shown <= set(bindings.TEXTUAL_KEYS), shown - set(bindings.TEXTUAL_KEYS)
    assert all(_(key) != key for key in bindings.TEXTUAL_KEYS)
    assert issubclass(Palette, ModalScreen)
