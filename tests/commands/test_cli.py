"""The CLI foundation: init, units, rules, help languages and clean failures."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from commands.cli import cli
from store.core import db as store_db
from store.core import settings
from store.lang.i18n import set_language
from tests import factories as make

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_one_line_error(result, *fragments):
    """Exit 1, one translated line on stderr, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi: ") or lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def _district(db) -> None:
    top = make.unit(db, "Đảng bộ xã Đào Xá", code="XA-DA", kind="grassroots_committee",
                    sector="commune")  # fmt: skip
    make.unit(db, "Chi bộ thôn Ấp Đông", code="XA-DA-01", parent_id=top, members_full=40,
              members_probationary=2, members_exempt=5)  # fmt: skip
    make.unit(db, "Chi bộ Văn phòng", code="CQ-01", kind="grassroots_cell",
              sector="admin_agency", members_full=9)  # fmt: skip


@pytest.fixture
def district(db_path):
    make.on_disk(db_path, _district)
    return db_path


def test_init_creates_a_database_and_says_where(db_path):
    result = run("--db", db_path, "init")
    assert result.exit_code == 0
    assert str(db_path) in result.stdout and "Đã tạo" in result.stdout
    assert "units" in store_db.connect(db_path, create=False).table_names()


def test_init_leaves_an_existing_database_alone(district):
    before = district.read_bytes()
    result = run("--db", district, "init")
    assert result.exit_code == 0
    assert "Đã có cơ sở dữ liệu" in result.stdout and str(district) in result.stdout
    assert district.read_bytes() == before


@pytest.mark.parametrize("command", [["init"], ["units"], ["export", "units"], ["rules"]])
def test_a_file_that_is_not_a_database_fails_in_one_line(tmp_path, command):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 50)
    result = run("--db", bogus, *command)
    assert_one_line_error(result, str(bogus))
    assert bogus.read_text().startswith("these are my notes")


def test_units_table_has_vietnamese_headers(district):
    result = run("--db", district, "units")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0]
    for title in ("Mã", "Tên tổ chức", "Loại", "Loại hình", "Trực thuộc", "Đảng viên"):
        assert title in header
    assert "Chi bộ trực thuộc" in result.stdout and "XA-DA-01" in result.stdout


def test_units_search_without_diacritics_and_formats(district):
    result = run("--db", district, "units", "--search", "ap dong", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("code,name,kind,sector,parent")
    assert lines[1:] == ["XA-DA-01,Chi bộ thôn Ấp Đông,cell,village,XA-DA,42,5,1"]
    result = run("--db", district, "units", "-s", "DAO XA", "-f", "json")
    assert [u["code"] for u in __import__("json").loads(result.stdout)] == ["XA-DA"]


def test_units_without_a_database_says_so(db_path):
    result = run("--db", db_path, "units")
    assert_one_line_error(result, str(db_path))
    assert not db_path.exists()


def test_english_messages_after_set_language(db_path):
    set_language("en")
    result = run("--db", db_path, "init")
    assert "Created an empty database" in result.stdout


def test_rules_prints_every_table_of_the_rulebook_in_force(district):
    result = run("--db", district, "rules")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in (
        "Chế độ sinh hoạt",
        "Phiếu chấm điểm chất lượng sinh hoạt (tối đa 100 điểm)",
        "Xếp loại chất lượng sinh hoạt",
        "Nhóm vấn đề vướng mắc",
        "Hướng giải quyết",
        "Tiêu chí đánh giá năng lực",
        "Thang đánh giá năng lực",
        "Mức xếp loại chất lượng hằng năm",
        "Ngưỡng tỷ lệ đảng viên dự sinh hoạt",
    ):
        assert title in out
    assert "Hoàn thành xuất sắc nhiệm vụ" in out and "Tham mưu cho cấp ủy giải quyết" in out
    assert "2 lần / tháng" in out and "chỉ nơi có ban thường vụ" in out
    attendance = next(line for line in out.splitlines() if line.startswith("attendance"))
    assert "15" in attendance and "có" in attendance  # must be full for Tốt
    content = next(line for line in out.splitlines() if line.startswith("content"))
    assert "20" in content and not content.rstrip().endswith("có")


def test_rules_follows_the_database_setting(district):
    db = store_db.connect(district)
    settings.put(db, "rulebook", "hd12")
    db.conn.close()
    result = run("--db", district, "rules")
    assert result.exit_code == 0
    assert "hd12.toml" in result.stdout.splitlines()[0]


def test_rules_with_a_rulebook_needs_no_database(db_path):
    result = run("--db", db_path, "rules", "--rulebook", "hd12")
    assert result.exit_code == 0
    assert "Chế độ sinh hoạt" in result.stdout
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "file not found"),
        ("name = [unclosed", "not valid TOML"),
        ('name = "X"\ncode = "X"\n', "key meetings: missing"),
    ],
)
def test_a_broken_rulebook_fails_in_one_line_naming_file_and_key(tmp_path, content, fragment):
    set_language("en")
    path = tmp_path / "district.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("rules", "--rulebook", path)
    assert_one_line_error(result, str(path), fragment)


def test_a_rulebook_with_a_bad_value_names_the_key(tmp_path):
    shipped = (ROOT / "store" / "rules" / "rulebooks" / "resolution.toml").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "district.toml"
    path.write_text(shipped.replace("grace_days = 7", "grace_days = -7"), encoding="utf-8")
    result = run("rules", "--rulebook", path)
    assert_one_line_error(result, str(path), "visits.grace_days")


def test_an_unexpected_error_is_one_line_not_a_traceback(district, monkeypatch):
    import commands.units

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(commands.units, "list_units", broken)
    result = run("--db", district, "units")
    assert_one_line_error(result, "RuntimeError", "disk on fire", "Sự cố ngoài dự kiến")


def _help(*args, env_lang=None):
    env = {k: v for k, v in os.environ.items() if k != "PHUTRACH_LANG"}
    if env_lang:
        env["PHUTRACH_LANG"] = env_lang
    env["PYTHONPATH"] = str(ROOT)
    code = "import sys; from commands.main import main; main(sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_is_vietnamese_by_default():
    out = _help("--help")
    for text in (
        "Cách dùng:",
        "Tùy chọn",
        "Lệnh",
        "Xem hướng dẫn này rồi thoát.",
        "Tạo cơ sở dữ liệu trống",
        "Nhập LOẠI",
    ):
        assert text in out
    assert "Usage:" not in out and "Show this message" not in out


@pytest.mark.parametrize(
    ("args", "env_lang"), [(("--lang", "en", "--help"), None), (("--help",), "en")]
)
def test_help_in_english_on_request(args, env_lang):
    out = _help(*args, env_lang=env_lang)
    for text in ("Usage:", "Options", "Commands", "Create an empty database", "Import KIND"):
        assert text in out
    assert "Cách dùng" not in out


def test_subcommand_help_is_translated():
    out = _help("import", "--help")
    assert "Cách dùng: phutrach import [TÙY CHỌN] LOẠI TỆP" in out
    assert "Tùy chọn:" in out and "[OPTIONS]" not in out


@pytest.mark.parametrize(
    ("args", "expected", "english"),
    [
        (("units", "--format", "xml"), "'xml' không thuộc các giá trị", "is not one of"),
        (("nosuch",), "Lỗi: Không có lệnh 'nosuch'.", "No such command"),
        (("brief", "visit", "1", "2"), "Lỗi: Thừa tham số", "unexpected extra argument"),
    ],
)
def test_usage_errors_are_vietnamese_and_exit_2(args, expected, english):
    result = run(*args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "--help' để biết cách dùng." in result.stderr
    assert english not in result.stderr and "Try '" not in result.stderr


def test_defaults_in_help_read_in_vietnamese():
    out = run("brief", "visit", "--help").output
    assert "[mặc định: table]" in out and "default:" not in out


def test_no_command_help_shows_click_s_english_type_names():
    """Every option a user fills in names what it takes in Vietnamese (KỲ, NGÀY, TỪ KHÓA…),
    not click's defaults for its type (TEXT, INTEGER RANGE…)."""
    english = re.compile(r"\b(TEXT|INTEGER|FLOAT|PATH|FILENAME|DIRECTORY|BOOLEAN|RANGE|UUID)\b")
    for name in cli.load_all():
        out = CliRunner().invoke(cli, [name, "--help"]).output
        assert "Cách dùng" in out, name
        assert not english.findall(out), (name, english.findall(out))


def test_every_command_is_named_in_the_lazy_map_and_listed_in_help():
    """`COMMANDS` names each command's module, loaded when the command is first used: it
    must name exactly what the modules register, and the root help list every command."""
    from commands.cli import COMMANDS

    registered = cli.load_all()
    assert set(registered) == set(COMMANDS)
    for name, command in registered.items():
        assert command.callback.__module__ == f"commands.{COMMANDS[name]}", name
    listed = run("--help").output.split("Lệnh:")[1]
    for name in COMMANDS:
        assert re.search(rf"^  {name}\b", listed, re.M), name


def test_the_root_group_loads_a_command_module_only_when_asked():
    script = (
        "import sys; from commands.cli import cli; "
        "before = sorted(m for m in sys.modules if m.startswith('commands.')); "
        "cli.main(['due', '--help'], standalone_mode=False); "
        "print(before, 'commands.due' in sys.modules, 'commands.brief' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    last = done.stdout.strip().splitlines()[-1]
    assert last == "['commands.cli', 'commands.common', 'commands.targets'] True False"
