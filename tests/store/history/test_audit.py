"""Reading the audit trail page by page, what each change changed, and restoring a deletion."""

import pytest

from store.core import records
from store.core.errors import NotFound
from store.history import audit
from store.lang.i18n import set_language
from store.visits import delete_visit, get_visit
from tests import factories as make
from tests.store.visits.test_meetings_visits import visit, world  # noqa: F401 -- the fixture


def test_changes_come_newest_first_page_by_page(db):
    ids = [make.unit(db, f"Chi bộ thôn {n}") for n in "ABC"]
    records.update(db, "units", ids[0], {"members_full": 12})
    assert audit.count_changes(db) == 4
    first, second = audit.list_changes(db, limit=2), audit.list_changes(db, limit=2, offset=2)
    assert [c.action for c in first + second] == ["update", "insert", "insert", "insert"]
    assert [c.title for c in first + second] == [
        "Chi bộ thôn A",
        "Chi bộ thôn C",
        "Chi bộ thôn B",
        "Chi bộ thôn A",
    ]
    assert first[0].fields() == [("members_full", 0, 12)]


def test_fields_leave_out_what_the_application_fills():
    set_language("vi")
    insert = audit.Change(1, "2026-10-15T08:30:00+00:00", "an", "units", "u1", "insert", None,
                          {"id": 1, "uid": "u1", "name": "Chi bộ thôn A", "name_folded": "chi bo",
                           "sort_key": "x", "members_full": 9})  # fmt: skip
    assert insert.fields() == [("name", None, "Chi bộ thôn A"), ("members_full", None, 9)]
    assert audit.field_label("units", "members_full") == "Đảng viên chính thức"
    assert audit.field_label("units", "no_such_column") == "no_such_column"


def test_deletions_alone_and_a_deleted_visit_comes_back_with_its_meeting(world):  # noqa: F811
    db = world["db"]
    result = visit(world)
    delete_visit(db, result.visit_id)
    deletions = audit.list_changes(db, deleted_only=True)
    assert [c.table for c in deletions] == ["meetings", "visits"]
    assert audit.count_changes(db, deleted_only=True) == 2
    gone = next(c for c in deletions if c.table == "visits")
    assert audit.is_deleted(db, gone)
    assert audit.restore_deleted(db, gone.uid) == result.visit_id
    assert get_visit(db, result.visit_id).meeting.id == result.meeting_id
    assert not audit.is_deleted(db, gone)
    assert audit.list_changes(db, limit=2)[0].action == "restore"


def test_restoring_what_was_not_deleted_is_refused(world):  # noqa: F811
    result = visit(world)
    uid = get_visit(world["db"], result.visit_id).uid
    with pytest.raises(NotFound):
        audit.restore_deleted(world["db"], uid)


def test_personnel_changes_are_confidential(db):
    change = audit.Change(1, "2026-10-15T08:30:00", None, "capability_notes", "u", "insert",
                          None, {"narrative": "x"})  # fmt: skip
    assert change.confidential
    assert not audit.Change(2, "", None, "units", "v", "insert", None, {}).confidential
