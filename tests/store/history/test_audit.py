"""Reading the audit trail page by page, what each change changed, and restoring a deletion."""

import pytest

from store.core import actions, records, settings
from store.core.errors import NotFound
from store.history import audit, words
from store.lang.codes import HistoryAction
from store.lang.i18n import set_language
from store.lang.text import vn_date
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


def test_a_visit_deleted_with_its_meeting_is_one_entry_restored_whole(world):  # noqa: F811
    db = world["db"]
    result = visit(world)
    delete_visit(db, result.visit_id)
    entries = audit.list_entries(db, deleted_only=True)
    assert len(entries) == 1 and audit.count_entries(db, deleted_only=True) == 1
    entry = entries[0]
    assert entry.label == HistoryAction.VISIT_DELETE
    assert [c.table for c in entry.deletions] == ["visits", "meetings"]
    assert len(audit.restorable(db, entry)) == 2
    audit.restore_entry(db, entry.id)
    assert get_visit(db, result.visit_id).meeting.id == result.meeting_id
    assert audit.restorable(db, entry) == []
    newest = audit.list_entries(db, limit=1)[0]
    assert newest.label == HistoryAction.RESTORE
    assert [c.table for c in newest.changes] == ["meetings", "visits"]  # meeting first
    with pytest.raises(NotFound):
        audit.restore_entry(db, entry.id)


def test_restoring_by_a_record_brings_back_its_whole_action(world):  # noqa: F811
    db = world["db"]
    result = visit(world)
    uid = get_visit(db, result.visit_id).uid
    delete_visit(db, result.visit_id)
    assert audit.restore_deleted(db, uid) == result.visit_id
    assert get_visit(db, result.visit_id).meeting.id == result.meeting_id


def test_a_restore_that_fails_midway_brings_back_nothing(world, monkeypatch):  # noqa: F811
    db = world["db"]
    result = visit(world)
    delete_visit(db, result.visit_id)
    entry = audit.list_entries(db, limit=1)[0]
    real = records.restore
    calls = []

    def second_fails(db, uid, **kw):
        calls.append(uid)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(db, uid, **kw)

    monkeypatch.setattr(records, "restore", second_fails)
    with pytest.raises(RuntimeError):
        audit.restore_entry(db, entry.id)
    assert db["meetings"].count_where("id = ?", [result.meeting_id]) == 0
    assert audit.count_entries(db) == len(audit.list_entries(db, limit=1000))
    assert audit.list_entries(db, limit=1)[0].id == entry.id  # no half restore entry


def test_the_history_speaks_the_users_words(world):  # noqa: F811
    set_language("vi")
    db = world["db"]
    result = visit(world)
    settings.set_user(db, settings.User(settings.CLERK, "Lê Thị Hoa"))
    records.update(db, "visits", result.visit_id, {"status": "cancelled"})
    entry = audit.list_entries(db, limit=1)[0]
    assert entry.person == "Lê Thị Hoa" and entry.login == records.actor()
    assert words.person_text(entry) == f"Lê Thị Hoa (Văn phòng) (tài khoản máy: {entry.login})"
    unit = world["db"]["units"].get(get_visit(db, result.visit_id).unit_id)["name"]
    day = vn_date(get_visit(db, result.visit_id).date)
    assert words.headline(db, entry) == f"Sửa: Lượt dự sinh hoạt — {unit} — {day}"
    assert words.change_lines(db, entry.changes[0]) == ["Trạng thái: Đã thực hiện → Đã hủy"]
    inserted = audit.list_entries(db, limit=1, offset=1)[0]
    lines = " ".join(words.change_lines(db, inserted.changes[-1]))
    assert "uid" not in lines and "{" not in lines and "_id" not in lines
    assert words.value_text(db, "meetings", "minutes_kept", 1) == "có"
    assert words.value_text(db, "units", "kind", "cell") == "Chi bộ trực thuộc"


def test_every_change_of_a_supervisor_names_them(world):  # noqa: F811
    db = world["db"]
    sup = db["supervisors"].get(world["sup"])
    settings.set_user(db, settings.User(settings.SUPERVISOR, "ignored", sup["uid"]))
    make.unit(db, "Chi bộ thôn Mới")
    entry = audit.list_entries(db, limit=1)[0]
    assert (entry.person, entry.person_kind) == (sup["name"], settings.SUPERVISOR)


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


def test_a_big_action_is_read_in_part_and_counted_whole(db, monkeypatch):
    set_language("vi")
    monkeypatch.setattr(audit, "SHOWN", 2)
    with actions.action(db, HistoryAction.IMPORT):
        for n in range(5):
            make.unit(db, f"Chi bộ thôn {n}")
    entry = audit.list_entries(db)[0]
    assert (len(entry.changes), entry.change_count, entry.record_count) == (2, 5, 5)
    assert words.headline(db, entry) == "Nhập 5 bản ghi: Tổ chức đảng"


def test_a_recorded_name_holding_control_characters_is_shown_without_them():
    """A name recorded before names were checked (or written into a tampered database) must
    not send its escape sequence to the terminal of whoever reads the history."""
    from types import SimpleNamespace

    entry = SimpleNamespace(person="\x1b]0;x\x07Lê Văn Hòa", person_kind="clerk", login="root")
    shown = words.person_text(entry)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.startswith("]0;xLê Văn Hòa")
