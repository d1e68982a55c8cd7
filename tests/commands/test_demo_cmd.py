"""`phutrach demo`: its own file, owner-only, built once, never the user's database."""

import stat
import sys
import types

from click.testing import CliRunner

from commands.cli import cli
from store.core import db as store_db
from store.core import settings
from store.core.paths import default_db_path, demo_db_path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_no_tui_builds_the_demo_and_prints_its_path():
    result = run("demo", "--no-tui")
    assert result.exit_code == 0, result.output
    path = demo_db_path()
    assert result.stdout.strip() == str(path)
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not default_db_path().exists()
    assert store_db.connect(path, create=False)["supervisors"].count == 30


def test_db_option_is_ignored(tmp_path):
    user_db = tmp_path / "mine.db"
    result = run("--db", user_db, "demo", "--no-tui")
    assert result.exit_code == 0, result.output
    assert not user_db.exists()
    assert demo_db_path().is_file()


def test_the_demo_is_reused_unless_rebuilt(tmp_path):
    path = tmp_path / "demo.db"
    assert run("demo", "--no-tui", "--path", path).exit_code == 0
    settings.put(store_db.connect(path), "marker", "1")
    reused = run("demo", "--no-tui", "--path", path)
    assert reused.exit_code == 0 and reused.stdout.strip() == str(path)
    assert store_db.connect(path)["settings"].count_where("key = 'marker'") == 1
    assert run("demo", "--no-tui", "--rebuild", "--path", path).exit_code == 0
    assert store_db.connect(path)["settings"].count_where("key = 'marker'") == 0


def test_without_no_tui_the_app_opens_on_the_demo(tmp_path, monkeypatch):
    opened = []
    fake = types.ModuleType("tui.app")
    fake.run = opened.append
    monkeypatch.setitem(sys.modules, "tui.app", fake)
    path = tmp_path / "demo.db"
    result = run("demo", "--path", path)
    assert result.exit_code == 0, result.output
    assert opened == [path]
