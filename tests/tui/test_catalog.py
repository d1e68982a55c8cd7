"""Every message the TUI shows has its Vietnamese translation, and bindings follow the language."""

import ast
from pathlib import Path

import pytest

import tui
from store.lang.i18n import catalog, set_language
from tests.tui.conftest import TODAY
from tui.app import PhutrachApp
from tui.format import vn_date, vn_number
from tui.widgets.key_footer import KeyFooter

TUI = Path(tui.__file__).parent


def _constants(nodes) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _msgids(tree: ast.AST):
    """Literal msgids: _("…"), Binding descriptions and tooltips, registry entries, HELP."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            keywords = [k.value for k in node.keywords if k.arg in ("description", "tooltip")]
            if name == "_":
                yield from _constants(node.args[:1])
            elif name == "Binding":
                yield from _constants(node.args[2:3] + keywords)
            elif name == "Entry":
                yield from _constants(node.args[3:5])
        elif isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) in ("HELP", "ABOUT") for t in node.targets
        ):
            yield from _constants([node.value])


def test_every_tui_message_is_translated():
    found = {m for path in TUI.rglob("*.py") for m in _msgids(ast.parse(path.read_text())) if m}
    assert len(found) > 50  # the scan sees the messages at all
    vietnamese = catalog("vi")
    missing = sorted(m for m in found if vietnamese.gettext(m) == m)
    assert missing == []


@pytest.mark.parametrize(("language", "expected"), [("vi", "Trợ giúp"), ("en", "Help")])
async def test_bindings_are_shown_in_the_language_chosen(district, language, expected):
    set_language(language)  # chosen before the app is made, as commands.main does
    app = PhutrachApp(district[0], today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter).render().plain
        assert f"f1 {expected}" in footer
        await pilot.press("f1")
        await pilot.pause()
        assert ("f1, ?", expected) in [row[:2] for row in app.screen.key_rows()]


def test_dates_and_numbers_are_written_the_vietnamese_way():
    assert vn_date("2026-09-05") == "05/09/2026"
    assert vn_date(None) == "" and vn_date("2026") == "2026"
    assert vn_number(12000) == "12.000" and vn_number(None) == ""
