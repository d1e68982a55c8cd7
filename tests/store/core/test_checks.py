"""The validation kit (store.core.checks), the one row-to-record helper, the reference day
passed in (no clock read in the store) and the refusal of an unknown field in an update."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from store.core import records
from store.core.checks import check_choice, check_fields, fetch, parse_date, require, year_before
from store.core.errors import ValidationError
from store.personnel import capability, people, succession
from store.visits import meetings, record

DAY = date(2026, 10, 15)
STORE = Path(__file__).resolve().parents[3] / "store"


def test_parse_date_gives_a_date_from_a_date_or_strict_iso_text():
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date(" 2026-10-15 ") == DAY
    assert parse_date(DAY) is DAY
    assert parse_date(datetime(2026, 10, 15, 9, 30)) == DAY


@pytest.mark.parametrize("text", ["15/10/2026", " 15/10/2026 ", "15.10.2026", "15-10-2026"])
def test_parse_date_reads_the_vietnamese_dd_mm_yyyy(text):
    assert parse_date(text) == DAY
    assert parse_date("5/9/2026") == parse_date("05/09/2026") == date(2026, 9, 5)
    assert parse_date("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize("bad", ["20261001", "2026-1-5", "hôm qua", "10/2026", "15/10/26"])
def test_parse_date_refuses_what_is_not_a_date_and_shows_the_form(bad):
    with pytest.raises(ValidationError) as caught:
        parse_date(bad, "start_date")
    assert caught.value.field == "start_date"
    assert repr(bad.strip()) in caught.value.message
    assert "ngày/tháng/năm" in caught.value.message and "30/09/2026" in caught.value.message


@pytest.mark.parametrize("bad", ["2026-02-29", "29/02/2026", "31/04/2026", "0/1/2026"])
def test_parse_date_refuses_a_day_that_does_not_exist(bad):
    with pytest.raises(ValidationError, match="không phải ngày có thật") as caught:
        parse_date(bad, "start_date")
    assert caught.value.field == "start_date" and bad in caught.value.message


def test_parse_date_empty_is_refused_unless_not_required():
    for empty in (None, "", "  "):
        with pytest.raises(ValidationError, match="Chưa nhập ngày") as caught:
            parse_date(empty, "date")
        assert caught.value.field == "date"
        assert parse_date(empty, "date", required=False) is None


def test_parse_date_refuses_a_day_after_not_after_only():
    assert parse_date("2026-10-15", not_after=DAY) == DAY
    assert parse_date("2099-01-01") == date(2099, 1, 1)
    with pytest.raises(ValidationError, match="16/10/2026") as caught:
        parse_date("2026-10-16", "end_date", not_after=DAY)
    assert caught.value.field == "end_date"


def test_year_before_falls_back_from_29_february():
    assert year_before("2024-02-29") == "2023-02-28"
    assert year_before(DAY) == "2025-10-15"


def test_check_choice_returns_the_value_or_refuses_with_the_message():
    assert check_choice("male", ("male", "female"), "sex", "no") == "male"
    with pytest.raises(ValidationError, match="^Sai$") as caught:
        check_choice("x", ("male", "female"), "sex", "Sai")
    assert caught.value.field == "sex"


def test_fetch_and_require(db):
    unit_id = records.insert(db, "units", {"name": "Chi bộ 1", "kind": "cell"})
    assert fetch(db, "units", unit_id)["name"] == "Chi bộ 1"
    assert fetch(db, "units", unit_id + 1) is None
    assert fetch(db, "units", None) is None
    assert require(db, "units", unit_id, "unit_id", "no")["id"] == unit_id
    with pytest.raises(ValidationError, match="^Chọn$") as caught:
        require(db, "units", None, "unit_id", "Chọn")
    assert caught.value.field == "unit_id"


def test_check_fields_names_the_first_unknown_field():
    check_fields({"name": 1}, ("name", "code"))
    with pytest.raises(ValidationError, match="'nam'") as caught:
        check_fields({"name": 1, "nam": 2}, ("name", "code"))
    assert caught.value.field == "nam"


@dataclass(frozen=True, slots=True)
class _Thing:
    id: int
    name: str | None
    active: bool
    tags: tuple


def test_record_picks_fields_makes_bools_and_takes_worked_out_values():
    row = {"id": 3, "active": 1, "other": "ignored", "tags": "a;b"}
    thing = records.record(_Thing, row, tags=("a", "b"))
    assert thing == _Thing(3, None, True, ("a", "b"))
    assert records.record(_Thing, {"id": 4, "active": 0}).active is False


# The only clock readings the store may make: the instant of a write in the audit trail and
# the time stamp of a backup file. A reference day ("today") is always passed in.
_CLOCK = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.today|time\.localtime)\(")
_ALLOWED = {"core/records.py": 1, "core/backup.py": 2}


def test_the_store_reads_no_reference_day_from_the_clock():
    found = {}
    for path in sorted(STORE.rglob("*.py")):
        hits = len(_CLOCK.findall(path.read_text(encoding="utf-8")))
        if hits:
            found[path.relative_to(STORE).as_posix()] = hits
    assert found == _ALLOWED


UPDATES = [
    lambda db: people.update_person(db, 1, today=DAY, nickname="x"),
    lambda db: capability.update_note(db, 1, today=DAY, nickname="x"),
    lambda db: succession.update_plan(db, 1, today=DAY, nickname="x"),
    lambda db: succession.update_candidate(db, 1, nickname="x"),
    lambda db: succession.update_action(db, 1, nickname="x"),
    lambda db: meetings.update_meeting(db, 1, today=DAY, nickname="x"),
    lambda db: record.update_visit(db, 1, today=DAY, nickname="x"),
]


@pytest.mark.parametrize("update", UPDATES)
def test_an_update_refuses_an_unknown_field_by_name(db, update):
    with pytest.raises(ValidationError) as caught:
        update(db)
    assert caught.value.field == "nickname"
    assert "'nickname'" in caught.value.message
