"""Importing visits holds the scores to the meeting's facts as the form does; a row that changes
nothing of an old visit breaking a tie is left alone (check reports it)."""

from datetime import date

import pytest

from store.core import records
from store.core.errors import ValidationError
from store.exchange import importer, tabular
from store.rules import facts, rulebook
from tests import factories as make

TODAY = date(2026, 10, 20)


@pytest.fixture
def old_visit(db):
    unit = make.unit(db, "Chi bộ thôn Đào Xá", code="DX-01", members_full=20)
    sup = make.supervisor(db, code="S1")
    make.assign(db, sup, unit)
    done = make.visit(db, sup, unit, "2026-09-05")
    records.update(db, "meetings", done.meeting_id, {"minutes_kept": 0})  # before the rule
    return done


def _export(db, tmp_path, change=None):
    columns, rows = importer.export_rows(db, "visits")
    for row in rows:
        row.update(change or {})
    return tabular.write_table(tmp_path / "visits.csv", "csv", columns, rows)


def test_an_unchanged_row_of_an_old_visit_is_left_alone(db, tmp_path, old_visit):
    summary = importer.import_file(db, "visits", _export(db, tmp_path), today=TODAY)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 1)
    assert len(facts.broken_ties(db, rulebook.load())) == 1  # still there for check to show


def test_a_row_that_changes_an_old_visit_is_held_to_the_facts(db, tmp_path, old_visit):
    before = db["changes"].count
    path = _export(db, tmp_path, {"observations": "Bổ sung nhận xét"})
    with pytest.raises(ValidationError) as caught:
        importer.import_file(db, "visits", path, today=TODAY)
    assert caught.value.field == "score.minutes"
    assert "dòng 2, cột score.minutes" in caught.value.message
    assert db["changes"].count == before
    fixed = _export(db, tmp_path, {"observations": "Bổ sung nhận xét", "score.minutes": 0})
    summary = importer.import_file(db, "visits", fixed, today=TODAY)
    assert summary.updated == 1 and facts.broken_ties(db, rulebook.load()) == []
