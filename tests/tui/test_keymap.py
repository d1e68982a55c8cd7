"""The user's own keys: config.toml's [keymap] remaps a binding, the footer and F1 show the
keys in force, and what cannot be used is said once while the defaults stay."""

import re
from pathlib import Path

import pytest

import tui
from tests.tui.conftest import TODAY
from tui import keymap
from tui.app import PhutrachApp
from tui.dialogs.help import HelpScreen
from tui.textual_internals import notifications
from tui.widgets.key_footer import KeyFooter

SIZE = (120, 40)


@pytest.fixture
def config(tmp_path, monkeypatch):
    """Write config.toml's text; PHUTRACH_CONFIG points at it."""
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("PHUTRACH_CONFIG", str(path))

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        return path

    return write


def footer_text(app) -> str:
    return app.screen.query_one(KeyFooter).render().plain


def warnings(app) -> list[str]:
    return [str(n.message) for n in notifications(app) if n.severity == "warning"]


async def test_a_remapped_key_runs_its_action_and_the_old_key_no_longer_does(district, config):
    config('[keymap]\n"app.help" = "f10"\n"units.tree" = "ctrl+t"\n')
    app = PhutrachApp(district[0], today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f2", "t")
        await pilot.pause()
        assert app.screen.focused is not app.screen.query_one("#units-tree")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#units-tree")
        assert warnings(app) == []


async def test_the_footer_and_the_help_show_the_keys_in_force(district, config):
    config('[keymap]\n"app.help" = "f10"\n"units.search" = "ctrl+k"\n')
    app = PhutrachApp(district[0], today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        text = footer_text(app)
        assert "f10 Trợ giúp" in text and "^k Tìm" in text
        assert "f1 " not in text and "/ Tìm" not in text
        await pilot.press("f10")
        await pilot.pause()
        rows = {description: keys for keys, description, _tooltip in app.screen.key_rows()}
        assert rows["Trợ giúp"] == "f10" and rows["Tìm"] == "^k"


async def test_the_help_lists_every_default_key_of_an_action(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "f1")
        await pilot.pause()
        rows = {description: keys for keys, description, _tooltip in app.screen.key_rows()}
        assert rows["Trợ giúp"] == "f1, ?" and rows["Tìm"] == "/, ^f"


async def test_bad_entries_are_said_once_and_their_defaults_stay(district, config):
    path = config(
        '[keymap]\n"app.hepl" = "f10"\n"units.search" = "Ctrl+F"\n"app.quit" = 5\n'
        '"goto.units" = "f12"\n'
    )
    app = PhutrachApp(district[0], today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        (message,) = warnings(app)
        assert str(path) in message
        assert "“app.hepl” không phải mã phím tắt của phutrach" in message
        assert "“Ctrl+F” không phải là phím, ở “units.search”" in message
        assert "“5” không phải là phím, ở “app.quit”" in message
        assert "goto.units" not in message
        await pilot.press("f12", "slash")  # the good entry holds, the bad one's default too
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#units-search")
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize(
    "text", ["[keymap\n", '[keymap]\n"app.help" = \n', 'keymap = "f10"\n', "\xff\xfe"]
)
async def test_a_file_that_cannot_be_read_is_said_and_every_default_stays(district, config, text):
    path = config(text)
    app = PhutrachApp(district[0], today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        (message,) = warnings(app)
        assert str(path) in message and "giữ phím mặc định" in message


async def test_no_config_file_no_message(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert warnings(app) == []
    assert app.user_keys.keys == {} and not app.user_keys.path.exists()


def test_dotted_ids_may_be_written_unquoted(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\napp.help = "f10"\n"units.search" = "ctrl+k"\n', encoding="utf-8")
    assert keymap.load(path).keys == {"app.help": "f10", "units.search": "ctrl+k"}


def test_the_config_file_is_in_the_user_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert keymap.config_path() == tmp_path / "xdg" / "phutrach" / "config.toml"
    monkeypatch.setenv("PHUTRACH_CONFIG", str(tmp_path / "mine.toml"))
    assert keymap.config_path() == tmp_path / "mine.toml"


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("f10", True),
        ("ctrl+s", True),
        ("ctrl+shift+f5", True),
        ("a", True),
        ("A", True),
        ("?", True),
        ("question_mark", True),
        ("left_square_bracket", True),
        ("enter", True),
        ("pageup", True),
        ("F10", False),
        ("Ctrl+s", False),
        ("ctrl+", False),
        ("", False),
        (" ", False),
        ("f 10", False),
        ("control+s", False),
        ("nosuchkey", False),
    ],
)
def test_what_is_a_key(key, ok):
    assert keymap.is_key(key) is ok


def test_the_catalog_has_every_binding_id_once_with_what_it_does():
    catalog = keymap.catalog()
    assert catalog["app.help"].keys == "f1,question_mark"
    assert catalog["goto.units"].keys == "f2" and catalog["table.select"].keys == "enter"
    assert {"units.search", "concern.reopen", "visit.save", "help.close"} <= set(catalog)
    assert all(b.what for b in catalog.values() if b.description)


def test_the_readme_lists_every_binding_id_with_its_default_keys():
    readme = (Path(tui.__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([a-z_.0-9]+)` \| `([^`]+)` \|", readme, re.MULTILINE))
    assert listed == {b.id: b.keys for b in keymap.catalog().values()}
