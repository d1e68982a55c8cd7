"""Issue 13, points 2 and 3: one meeting of a kind a day per unit, one visit per supervisor and
meeting, the meeting kinds the rulebook lets a unit hold, committee meetings out of the
committee's size, and `phutrach check` naming stored records that break these rules."""

from datetime import date

import pytest
from sqlite_utils import Database

from store.core import db as store_db
from store.core import records, schema
from store.core.errors import Duplicate, ValidationError
from store.rules import health
from store.rules.rulebook import in_force, load
from store.visits import get_meeting, meeting_defaults, meeting_kinds, update_visit
from store.visits.meetings import update_meeting
from tests import factories as make

TODAY = date(2026, 10, 20)


@pytest.fixture
def db():
    return store_db.memory()


def committee(db, **fields):
    """Đảng bộ xã Tân Lập: a đảng ủy of 13, a standing committee of 5."""
    fields = dict(committee_size=13, standing_committee_size=5, has_standing_committee=1) | fields
    return make.unit(
        db,
        "Đảng bộ xã Tân Lập",
        kind="grassroots_committee",
        sector="commune",
        members_full=300,
        **fields,
    )


def committee_meeting(kind="committee", present=12, size=13):
    return dict(kind=kind, members_full=size, present=present, absent_excused=size - present)


# -- point 2: no duplicates ----------------------------------------------------------------------
def test_a_second_meeting_of_a_kind_on_a_day_is_refused_naming_the_first(db):
    cell = make.unit(db, members_full=20)
    first = make.meeting(db, cell, "2026-09-05")
    with pytest.raises(Duplicate) as caught:
        make.meeting(db, cell, "2026-09-05")
    assert (caught.value.table, caught.value.record_id, caught.value.field) == (
        "meetings",
        first,
        "date",
    )
    assert "Chi bộ thôn Đông" in caught.value.message and "05/09/2026" in caught.value.message
    assert db["meetings"].count == 1
    make.meeting(db, cell, "2026-09-05", kind="thematic", topic="Học tập")  # another kind
    make.meeting(db, cell, "2026-09-06")  # another day
    assert db["meetings"].count == 3


def test_moving_a_meeting_onto_another_of_its_kind_is_refused(db):
    cell = make.unit(db, members_full=20)
    make.meeting(db, cell, "2026-09-05")
    second = make.meeting(db, cell, "2026-09-12")
    with pytest.raises(Duplicate):
        update_meeting(db, second, date="2026-09-05", today=TODAY)
    assert get_meeting(db, second).date == "2026-09-12"
    update_meeting(db, second, note="đổi ghi chú", today=TODAY)  # itself is no duplicate


def test_a_second_visit_of_a_supervisor_to_a_meeting_is_refused_naming_it(db):
    cell = make.unit(db, members_full=20)
    sup = make.supervisor(db, "Nguyễn Văn Ấn")
    make.assign(db, sup, cell)
    first = make.visit(db, sup, cell, "2026-09-05")
    with pytest.raises(Duplicate) as caught:
        make.visit(db, sup, cell, "2026-09-05")
    assert (caught.value.table, caught.value.record_id) == ("visits", first.visit_id)
    message = caught.value.message
    for part in ("Nguyễn Văn Ấn", "Chi bộ thôn Đông", "05/09/2026"):
        assert part in message
    assert (db["visits"].count, db["meetings"].count) == (1, 1)


def test_a_visit_to_a_meeting_already_recorded_records_that_meeting(db):
    """The unit's report, or another supervisor's visit, is the same meeting: no second one."""
    cell = make.unit(db, members_full=20)
    an, binh = make.supervisor(db, "Nguyễn Văn Ấn"), make.supervisor(db, "Trần Thị Bình")
    make.assign(db, an, cell)
    make.assign(db, binh, cell)
    reported = make.meeting(db, cell, "2026-09-05")
    assert make.visit(db, an, cell, "2026-09-05").meeting_id == reported
    assert make.visit(db, binh, cell, "2026-09-05").meeting_id == reported
    assert db["meetings"].count == 1


def test_changing_a_visit_onto_another_meeting_of_its_kind_is_refused(db):
    cell = make.unit(db, members_full=20)
    sup = make.supervisor(db)
    make.assign(db, sup, cell)
    other = make.meeting(db, cell, "2026-09-05")
    result = make.visit(db, sup, cell, "2026-09-12")
    with pytest.raises(Duplicate) as caught:
        update_visit(db, result.visit_id, meeting={"date": "2026-09-05"}, today=TODAY)
    assert (caught.value.table, caught.value.record_id) == ("meetings", other)


def test_the_database_holds_one_meeting_of_a_kind_a_day(db):
    cell = make.unit(db, members_full=20)
    row = {"unit_id": cell, **make.meeting_values("2026-09-05")}
    records.insert(db, "meetings", row)
    with pytest.raises(Exception, match="UNIQUE"):
        records.insert(db, "meetings", row)


def test_the_migration_keeps_duplicates_it_finds_and_check_names_them(tmp_path):
    """Data from before the rule: the migration does not fail, the index stays not unique,
    and `phutrach check` lists the records that break it."""
    path = tmp_path / "old.db"
    old = Database(path)
    names = [m.name for m in schema.migrations._migrations]
    schema.migrations.apply(old, stop_before=names[names.index("m005_committees_and_uniqueness")])
    cell = old["units"].insert(
        {"uid": "u1", "created_at": "x", "updated_at": "x", "name": "Chi bộ thôn Đông",
         "name_folded": "chi bo thon dong", "sort_key": "a", "kind": "cell", "members_full": 20}
    ).last_pk  # fmt: skip
    for uid in ("m1", "m2"):
        old["meetings"].insert(
            {"uid": uid, "created_at": "x", "updated_at": "x", "unit_id": cell,
             "date": "2026-09-05", "kind": "regular"}
        )  # fmt: skip
    old["meetings"].insert(
        {"uid": "m3", "created_at": "x", "updated_at": "x", "unit_id": cell,
         "date": "2026-09-06", "kind": "general"}
    )  # fmt: skip
    schema.migrations.apply(old)
    unique = {r[1]: r[2] for r in old.execute("PRAGMA index_list(meetings)").fetchall()}
    assert unique["idx_meetings_unique"] == 0
    problems = health.check(old).problems
    assert any("Chi bộ thôn Đông" in p and "05/09/2026" in p for p in problems)
    assert any("06/09/2026" in p and "05/09/2026" not in p for p in problems)


# -- point 3: meeting kinds follow the unit ------------------------------------------------
@pytest.mark.parametrize("name", ["resolution", "hd12"])
def test_each_unit_kind_is_offered_what_the_rulebook_requires_or_allows(name):
    book = load(name)
    assert book.kinds_for("cell", committee_size=3) == ("regular", "thematic", "committee")
    assert book.kinds_for("cell", committee_size=1) == ("regular", "thematic")
    assert book.kinds_for("grassroots_cell") == ("regular", "thematic", "committee")
    assert book.kinds_for("grassroots_cell", committee_size=1) == ("regular", "thematic")
    assert book.kinds_for("grassroots_committee") == ("thematic", "committee", "general")
    assert book.kinds_for("grassroots_committee", True) == (
        "thematic",
        "committee",
        "standing",
        "general",
    )
    assert book.kinds_for("sub_committee") == ("committee", "general")


def test_a_chi_uy_owes_its_monthly_meeting_only_where_it_is_more_than_a_secretary():
    book = load()
    owed = {r.meeting_kind for r in book.rules_for("grassroots_cell", committee_size=3)}
    assert owed == {"regular", "thematic", "committee"}
    assert {r.meeting_kind for r in book.rules_for("grassroots_cell", committee_size=1)} == {
        "regular",
        "thematic",
    }
    assert not book.rules_for("sub_committee")


def test_the_store_refuses_a_kind_the_unit_may_not_hold(db):
    cell = make.unit(db, members_full=20)
    with pytest.raises(ValidationError) as caught:
        make.meeting(db, cell, kind="general")
    assert caught.value.field == "kind"
    assert "Chi bộ thôn Đông" in caught.value.message
    xa = committee(db, has_standing_committee=0)
    with pytest.raises(ValidationError) as caught:
        make.meeting(db, xa, **committee_meeting("standing", 4, 5))
    assert caught.value.field == "kind"
    with pytest.raises(ValidationError):
        make.meeting(db, xa, kind="regular", members_full=300, present=280)
    assert db["meetings"].count == 0
    assert meeting_kinds(db, cell) == ("regular", "thematic", "committee")


def test_a_committee_meeting_counts_the_committee_not_the_membership(db):
    xa = committee(db)
    assert meeting_defaults(db, xa, "committee")["members_full"] == 13
    assert meeting_defaults(db, xa, "standing")["members_full"] == 5
    assert meeting_defaults(db, xa)["members_full"] == 300
    with pytest.raises(ValidationError) as caught:
        make.meeting(db, xa, kind="committee", members_full=300, present=280)
    assert caught.value.field == "members_full" and "13" in caught.value.message
    meeting_id = make.meeting(db, xa, **committee_meeting(present=12))
    assert get_meeting(db, meeting_id).attendance_rate == pytest.approx(100 * 12 / 13)
    make.meeting(db, xa, **committee_meeting("standing", 5, 5))


def test_check_reports_meetings_of_a_kind_the_unit_may_no_longer_hold(db):
    cell = make.unit(db, "Chi bộ thôn Đoài", members_full=20, committee_size=3)
    make.meeting(db, cell, **committee_meeting(present=3, size=3))
    assert health.meeting_problems(db, in_force(db)) == []
    db["units"].update(cell, {"committee_size": 1})  # the chi ủy was not re-elected
    (problem,) = health.meeting_problems(db, in_force(db))
    assert "Chi bộ thôn Đoài" in problem and "05/09/2026" in problem


def test_a_deleted_meeting_does_not_come_back_over_its_replacement(db):
    from store.history.audit import restore_deleted
    from store.visits.meetings import delete_meeting

    cell = make.unit(db, members_full=20)
    gone = delete_meeting(db, make.meeting(db, cell, "2026-09-05"))
    make.meeting(db, cell, "2026-09-05")
    with pytest.raises(ValidationError) as caught:
        restore_deleted(db, gone.uid)
    assert "Traceback" not in caught.value.message and caught.value.message
    assert db["meetings"].count == 1
