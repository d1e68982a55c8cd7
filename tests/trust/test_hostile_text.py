"""Text is text (issue 15 point 3): a control character (C0, C1, DEL, NUL, bidi override, an
escape sequence) is refused where text comes in, naming the field and where; text already
stored (by an older version, a raw write) reaches a terminal only as visible stand-ins and a
brief with its escape sequences removed whole."""

import io
import sqlite3
import unicodedata
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from textual.strip import Strip

from commands.cli import cli
from store.core import db as store_db
from store.core.checks import check_text
from store.core.errors import ValidationError
from store.lang.text import BIDI, is_control, plain, shown
from store.personnel import people
from tests import factories as make
from tests.briefs import district
from tui.textual_internals import guard_terminal, terminal_output

RETITLE = "\x1b]0;pwned\x07"  # OSC 0: sets the terminal's title
CLEAR = "\x1b[2J"  # CSI 2 J: clears the screen
HOSTILE_NAME = f"Chi bộ {RETITLE}thôn{CLEAR} Đông"
CONTROLS = st.sampled_from(
    [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))] + sorted(BIDI) + ["\ud800"]
)
ACTING = ("\x1b", "\x07", "\x9b", "\x00", "\r", "\u202e")


def acts(text: str) -> bool:
    """Whether `text` holds a character that acts on a terminal (tab and newline aside)."""
    return any(ch not in "\t\n" and is_control(ch) for ch in text)


@settings(max_examples=300, deadline=None)
@given(st.text(), CONTROLS, st.text(), st.booleans())
def test_a_control_character_anywhere_is_refused_with_its_position(before, control, after, lines):
    value = before + control + after
    allowed = {"\t", "\n"} if lines else set()
    first = next(
        (i for i, ch in enumerate(value)
         if is_control(ch) and ch not in allowed
         and not (lines and ch == "\r" and value[i + 1 : i + 2] == "\n")),
        None,
    )  # fmt: skip
    if first is None:  # only a tab or a line break in a note, which allows them
        assert check_text(value, "note", multiline=True) == value.replace("\r\n", "\n")
        return
    with pytest.raises(ValidationError) as refused:
        check_text(value, "note", multiline=lines)
    message = str(refused.value)
    assert f"U+{ord(value[first]):04X}" in message
    assert f"{first + 1}" in message


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs"))))
def test_printable_text_passes_unchanged(value):
    value = "".join(ch for ch in value if ch not in BIDI)
    assert check_text(value, "name") == value
    assert shown(value) == value


@settings(max_examples=500, deadline=None)
@given(st.text(), st.booleans())
def test_shown_never_lets_a_control_through_and_keeps_everything_else(value, lines):
    out = shown(value, lines=lines)
    assert not acts(out)
    if not lines:
        assert "\n" not in out and "\t" not in out
    rest = iter(out)  # every other character kept, in order (stand-ins between them)
    assert all(ch in rest for ch in value if not is_control(ch))


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_plain_leaves_no_control_and_removes_whole_sequences(value):
    out = plain(value)
    assert not acts(out)
    assert plain("X" + CLEAR + value) == "X" + out
    assert plain(RETITLE + "Y") == "Y"


def test_shown_makes_escape_sequences_visible():
    assert shown(CLEAR) == "␛[2J"
    assert "\x1b" not in shown(HOSTILE_NAME) and "Đông" in shown(HOSTILE_NAME)
    assert shown(None) == ""


def _raw_name(path, unit_id: int, name: str) -> None:
    """`name` written as an older version or a raw edit would: past every check."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("update units set name = ? where id = ?", (name, unit_id))
    conn.close()


@pytest.fixture
def hostile_unit(db_path):
    db = store_db.connect(db_path)
    ids = district.build(db)
    db.close()
    _raw_name(db_path, ids["a"], HOSTILE_NAME)
    return db_path, ids


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_output_of_a_stored_escape_sequence_is_inert(hostile_unit, fmt):
    path, _ids = hostile_unit
    result = run("--db", path, "units", "-f", fmt)
    assert result.exit_code == 0, result.output
    assert not any(ch in result.output.replace("\r\n", "\n") for ch in ACTING)
    assert "thôn" in result.output and "Đông" in result.output


def test_cli_error_quoting_a_hostile_value_is_inert(hostile_unit):
    path, _ids = hostile_unit
    result = run("--db", path, "brief", "unit", f"không có {CLEAR}{RETITLE}", "-p", "2026-Q3")
    assert result.exit_code != 0
    assert not any(ch in result.output + result.stderr for ch in ACTING)


@pytest.mark.parametrize("field", ["name", "note", "phone"])
def test_a_form_refuses_a_pasted_escape_naming_the_field(db_path, field):
    db = store_db.connect(db_path)
    person_id = make.person(db, "Đào Thị Hoa")
    before = people.get_person(db, person_id)
    changes = db["changes"].count
    with pytest.raises(ValidationError) as refused:
        people.update_person(db, person_id, today=district.TODAY, **{field: f"Hoa {CLEAR}"})
    assert "U+001B" in str(refused.value) and "5" in str(refused.value)
    assert refused.value.field == field
    assert people.get_person(db, person_id) == before and db["changes"].count == changes
    db.close()


def test_an_import_cell_with_an_osc_is_refused_naming_row_and_column(db_path, tmp_path):
    db = store_db.connect(db_path)
    district.build(db)
    db.close()
    out = tmp_path / "people.csv"
    assert run("--db", db_path, "export", "people", "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = ["" for _ in header]
    cells[header.index(_column(header, "name"))] = "Nguyễn Văn Mới"
    cells[-1] = f"ghi chú {RETITLE}"
    out.write_text("\n".join([*lines, ",".join(cells)]) + "\n", encoding="utf-8")
    before = store_db.connect(db_path, create=False)
    count = before["people"].count
    before.close()
    result = run("--db", db_path, "import", "people", out)
    assert result.exit_code != 0
    message = result.output + result.stderr
    assert "U+001B" in message and str(len(lines) + 1) in message and header[-1] in message
    assert not any(ch in message for ch in ACTING)
    after = store_db.connect(db_path, create=False)
    assert after["people"].count == count
    after.close()


def _column(header: list[str], field: str) -> str:
    """The header of the name column, whatever the language: the second one, after the code."""
    assert field == "name"
    return header[1]


def test_a_brief_prints_the_name_without_the_sequences(hostile_unit, tmp_path):
    path, _ids = hostile_unit
    out = tmp_path / "briefs"
    result = run("--db", path, "brief", "unit", "XA-01", "-p", "2026-Q3", "-o", out,
                 "--date", "10/10/2026")  # fmt: skip
    assert result.exit_code == 0, result.output + result.stderr
    (docx,) = out.glob("*.docx")
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "thôn Đông" in unicodedata.normalize("NFC", xml) or "thôn" in xml
    assert "[2J" not in xml and "pwned" not in xml and "\x1b" not in xml


def test_the_terminal_floor_drops_controls_a_widget_passed_on():
    guard_terminal()
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor")
    strip = Strip([Segment("Chi bộ "), Segment(f"{RETITLE}thôn{CLEAR}", None)], 20)
    rendered = strip.render(console)
    assert "thôn" in rendered
    assert not any(ch in rendered for ch in ACTING)


async def test_the_tui_shows_a_stored_escape_as_text(hostile_unit, monkeypatch):
    from tests.briefs.district import TODAY
    from tui.app import PhutrachApp

    path, ids = hostile_unit
    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        sent = terminal_output(app)
        assert "thôn" in sent
        assert "\x07" not in sent and "\x1b]" not in sent and "\x1b[2J" not in sent
        assert "␛[2J" in sent or "␛]0;" in sent


async def test_a_pasted_escape_in_a_tui_form_is_refused_at_its_field(db_path, monkeypatch):
    from textual import events

    from tests.tui.conftest import TODAY, build_district
    from tests.tui.test_meeting_form import VALID, meetings_of, open_form
    from tui.app import PhutrachApp

    db = store_db.connect(db_path)
    ids = build_district(db)
    db.close()
    before = meetings_of(db_path, ids["dao_xa"])
    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    app = PhutrachApp(db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(app, pilot, ids["dao_xa"])
        for name, value in VALID.items():
            form.query_one(f"#field-{name}").value = value
        topic = form.query_one("#field-topic")
        topic.focus()
        topic.post_message(events.Paste(f"Học tập {CLEAR}{RETITLE}"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#error-topic").content)
        assert "U+001B" in error and "9" in error
        assert not any(ch in terminal_output(app) for ch in ("\x07", "\x1b[2J", "\x1b]"))
    assert meetings_of(db_path, ids["dao_xa"]) == before


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_an_export_of_a_stored_escape_is_written_and_inert(hostile_unit, tmp_path, fmt):
    """A workbook may not hold controls (openpyxl refuses them): stand-ins; JSON escapes them.
    A CSV file keeps the data exactly as stored (a file, not a terminal)."""
    from openpyxl import load_workbook

    path, _ids = hostile_unit
    out = tmp_path / f"units.{fmt}"
    result = run("--db", path, "export", "units", "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    if fmt == "xlsx":
        book = load_workbook(out, read_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        text = "".join(str(cell) for row in rows for cell in row)
        book.close()
    else:
        text = out.read_text(encoding="utf-8")
    assert "thôn" in text and "Đông" in text
    assert "\x1b" not in text and "\x07" not in text
