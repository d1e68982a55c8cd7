"""`phutrach keys`: every binding id with its default keys, the keys in force and what it does."""

import json

from click.testing import CliRunner

from commands.cli import cli
from tui.keymap import catalog


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_keys_lists_every_binding_id_with_defaults_and_keys_in_force(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"app.help" = "f10"\n"nope.x" = "a"\n', encoding="utf-8")
    monkeypatch.setenv("PHUTRACH_CONFIG", str(config))
    result = run("keys", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert set(rows) == set(catalog()) and len(rows) > 100
    assert rows["app.help"] == {
        "id": "app.help",
        "default": "f1,question_mark",
        "in_force": "f10",
        "does": "Các phím của màn hình này và công dụng của phutrach",
    }
    assert rows["goto.units"]["default"] == rows["goto.units"]["in_force"] == "f2"
    assert "“nope.x” không phải mã phím tắt của phutrach" in result.stderr


def test_keys_prints_a_table_saying_where_the_keymap_is(tmp_path, monkeypatch):
    monkeypatch.setenv("PHUTRACH_CONFIG", str(tmp_path / "none.toml"))
    result = run("keys")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Chưa có tệp phím {tmp_path / 'none.toml'}: đang dùng phím mặc định"
    assert lines[1].startswith("Mã phím tắt") and "Phím đang dùng" in lines[1]
    search = next(line.split() for line in lines if line.startswith("units.search "))
    assert search[:3] == ["units.search", "slash,ctrl+f", "slash,ctrl+f"]
