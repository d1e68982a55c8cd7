from datetime import date

import pytest

from store import personnel
from store.core.checks import parse_date, year_before
from store.core.errors import ValidationError
from store.personnel import succession
from store.personnel.capability import get_note, record_note
from store.personnel.people import add_person, appoint, end_post, get_person
from tests import factories as make

AS_OF = "2025-10-01"


def _secretary(db, cell, name, *, since="2020-01-01", **post):
    person = add_person(db, name=name, birth_year=1970, today=date.today())
    appoint(db, person, cell, "secretary", since, today=date.today(), **post)
    return person


def _note(db, person, cell, day, flagged=False):
    return record_note(
        db,
        person_id=person,
        unit_id=cell,
        supervisor_id=None,
        date=day,
        ratings={"prestige": "weak" if flagged else "good"},
        overall="weak" if flagged else "good",
        flagged=flagged,
        today=date.today(),
    )


@pytest.fixture
def district(db):
    """A supervisor assigned to a đảng bộ xã (with four cells) and a chi bộ cơ sở; one more
    cell belongs to somebody else."""
    sup, other_sup = make.supervisor(db, "Trần Văn Bình"), make.supervisor(db, "Hoàng Văn Đức")
    xa = make.unit(db, "Đảng bộ xã An Bình", kind="grassroots_committee", sector="commune")
    dong, tay, nam, bac = (
        make.unit(db, f"Chi bộ thôn {n}", parent_id=xa) for n in ("Đông", "Tây", "Nam", "Bắc")
    )
    truong = make.unit(
        db, "Chi bộ Trường Tiểu học", kind="grassroots_cell", sector="public_service"
    )
    far = make.unit(db, "Chi bộ thôn Xa")
    make.unit(db, "Chi bộ đã giải thể", parent_id=xa, active=0)
    make.assign(db, sup, xa, start="2024-01-01")
    make.assign(db, sup, truong, start="2024-01-01")
    make.assign(db, other_sup, far, start="2024-01-01")
    p = {
        "xa": _secretary(db, xa, "Vũ Văn Hải", concurrent_role="agency_head"),
        "dong": _secretary(db, dong, "Nguyễn Văn Ấn"),
        "tay": _secretary(db, tay, "Lê Thị Hoa"),
        "truong": _secretary(db, truong, "Đào Thị Mai", acting=True, concurrent_role="agency_head"),
        "bac": _secretary(db, bac, "Phạm Văn Cường"),
    }
    _note(db, p["xa"], xa, "2025-03-01")
    _note(db, p["dong"], dong, "2025-02-01", flagged=True)  # flagged, no plan
    _note(db, p["tay"], tay, "2025-01-01", flagged=True)  # flagged, plan with a late action
    _note(db, p["truong"], truong, "2023-05-01")  # not assessed for two years
    _note(db, p["bac"], bac, "2024-10-01", flagged=True)  # flagged, then cleared
    _note(db, p["bac"], bac, "2025-04-01")
    plan = succession.start_plan(
        db, unit_id=tay, incumbent_id=p["tay"], reason="capability", target_date="2026-06-30"
    )
    succession.add_candidate(db, plan, p["bac"], readiness="1-2y", today=date.today())
    succession.add_action(
        db,
        plan,
        kind="training",
        description="Tập huấn",
        owner="Ban Tổ chức",
        due_date="2025-09-01",
        today=date.today(),
    )
    succession.activate_plan(db, plan, today=date.today())
    return {"sup": sup, "other": other_sup, "plan": plan, "nam": nam, "far": far, **p}


def _names(rows):
    return sorted(r.person_name for r in rows)


def test_gaps_of_a_supervisor(db, district):
    gaps = personnel.personnel_gaps(db, district["sup"], as_of=AS_OF)
    assert gaps.secretaries == 5 and gaps.CONFIDENTIAL
    assert _names(gaps.flagged_without_plan) == ["Nguyễn Văn Ấn"]
    assert [p.id for p in gaps.overdue_plans] == [district["plan"]]
    assert [u.name for u in gaps.without_secretary] == ["Chi bộ thôn Nam"]
    assert _names(gaps.acting) == ["Đào Thị Mai"]
    assert _names(gaps.unassessed) == ["Đào Thị Mai"]
    assert _names(gaps.concurrent) == ["Vũ Văn Hải", "Đào Thị Mai"]
    assert gaps.concurrent_share == pytest.approx(0.4)


def test_gaps_of_the_whole_committee_and_of_another_supervisor(db, district):
    everyone = personnel.personnel_gaps(db, None, as_of=AS_OF)
    assert everyone.secretaries == 5
    assert [u.name for u in everyone.without_secretary] == ["Chi bộ thôn Nam", "Chi bộ thôn Xa"]
    other = personnel.personnel_gaps(db, district["other"], as_of=AS_OF)
    assert other.secretaries == 0 and other.concurrent_share is None
    assert [u.name for u in other.without_secretary] == ["Chi bộ thôn Xa"]
    assert other.overdue_plans == () and other.unassessed == ()


def test_gaps_move_with_the_date(db, district):
    # Six months later every note is more than a year old, and the late action is done.
    succession.set_action_status(
        db,
        succession.plan_detail(db, district["plan"], as_of=date.today()).actions[0].id,
        "done",
        date="2025-09-15",
        today=date.today(),
    )
    later = personnel.personnel_gaps(db, district["sup"], as_of="2026-04-02")
    assert len(later.unassessed) == 5 and later.overdue_plans == ()
    # At the end of 2024 only Bắc's first note, a flagged one, was written.
    earlier = personnel.personnel_gaps(db, district["sup"], as_of="2024-12-31")
    assert _names(earlier.flagged_without_plan) == ["Phạm Văn Cường"]
    assert earlier.overdue_plans == ()


def test_an_ended_assignment_leaves_the_scope(db, district):
    alone = make.supervisor(db, "Lý Thị Thu")
    make.assign(db, alone, district["far"], start="2023-01-01", end="2024-12-31")
    assert personnel.personnel_gaps(db, alone, as_of="2024-06-01").without_secretary
    assert personnel.personnel_gaps(db, alone, as_of=AS_OF).without_secretary == ()


def test_an_ended_post_opens_a_gap(db, district):
    post = next(r.post_id for r in personnel.secretaries(db, search="nguyễn văn ấn", as_of=AS_OF))
    end_post(db, post, "2025-09-01", "Chuyển công tác", today=date.today())
    gaps = personnel.personnel_gaps(db, district["sup"], as_of=AS_OF)
    assert [u.name for u in gaps.without_secretary] == ["Chi bộ thôn Đông", "Chi bộ thôn Nam"]
    assert gaps.flagged_without_plan == ()


def test_secretaries_list_and_filters(db, district):
    rows = personnel.secretaries(db, as_of=AS_OF)
    assert [r.unit_name for r in rows] == [
        "Chi bộ thôn Bắc",
        "Chi bộ thôn Đông",
        "Chi bộ thôn Tây",
        "Chi bộ Trường Tiểu học",
        "Đảng bộ xã An Bình",
    ]
    tay = rows[2]
    assert (tay.person_name, tay.flagged, tay.has_active_plan, tay.last_note_date) == (
        "Lê Thị Hoa",
        True,
        True,
        "2025-01-01",
    )
    assert _names(personnel.secretaries(db, flagged=True, as_of=AS_OF)) == [
        "Lê Thị Hoa",
        "Nguyễn Văn Ấn",
    ]
    assert len(personnel.secretaries(db, flagged=False, as_of=AS_OF)) == 3
    since = personnel.secretaries(db, unassessed_since="2025-02-15", as_of=AS_OF)
    assert _names(since) == ["Lê Thị Hoa", "Nguyễn Văn Ấn", "Đào Thị Mai"]
    assert _names(personnel.secretaries(db, search="truong mai", as_of=AS_OF)) == ["Đào Thị Mai"]
    assert _names(personnel.secretaries(db, search="dong an", as_of=AS_OF)) == ["Nguyễn Văn Ấn"]
    assert personnel.secretaries(db, search="100%", as_of=AS_OF) == []
    page = personnel.secretaries(db, as_of=AS_OF, limit=2, offset=2)
    assert [r.unit_name for r in page] == ["Chi bộ thôn Tây", "Chi bộ Trường Tiểu học"]
    assert personnel.count_secretaries(db, as_of=AS_OF) == 5
    assert personnel.count_secretaries(db, flagged=True, search="hoa", as_of=AS_OF) == 1
    assert personnel.count_secretaries(db, supervisor_id=district["other"], as_of=AS_OF) == 0


def test_export_rows_leave_assessments_out_unless_asked(db, district):
    row = personnel.secretaries(db, search="hoa", as_of=AS_OF)[0]
    public = personnel.export_row(row)
    assert public["person_name"] == "Lê Thị Hoa" and "flagged" not in public
    assert personnel.export_row(row, include_personnel=True)["flagged"] is True
    plan = succession.get_plan(db, district["plan"], as_of=date.today())
    assert personnel.export_row(plan) is None
    assert personnel.export_row(plan, include_personnel=True)["status"] == "active"
    note = get_note(db, 1)
    assert personnel.export_row(note) is None
    person = get_person(db, district["dong"])
    assert personnel.export_row(person)["name"] == "Nguyễn Văn Ấn"


def test_personnel_tables_are_the_assessment_tables(db):
    assert set(personnel.PERSONNEL_TABLES) <= set(db.table_names())
    assert {"capability_notes", "succession_plans"} <= set(personnel.PERSONNEL_TABLES)
    assert "people" not in personnel.PERSONNEL_TABLES


def test_latest_note_lookups_use_the_index(db):
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT date FROM capability_notes WHERE person_id = ? AND date <= ?"
        " ORDER BY date DESC, id DESC LIMIT 1",
        [1, AS_OF],
    ).fetchall()
    assert any("USING" in row[-1] and "INDEX" in row[-1] for row in plan)


def test_bad_filters_are_refused(db):
    with pytest.raises(ValidationError) as err:
        personnel.secretaries(db, unassessed_since="2025-13-01", as_of=date.today())
    assert err.value.field == "unassessed_since"
    with pytest.raises(ValidationError, match="Trạng thái kế hoạch không hợp lệ"):
        succession.list_plans(db, status="open", as_of=date.today())


@pytest.mark.parametrize(
    ("day", "before"),
    [("2025-10-01", "2024-10-01"), ("2024-02-29", "2023-02-28"), (date(2025, 3, 1), "2024-03-01")],
)
def test_the_twelve_months_window(day, before):
    assert year_before(parse_date(day, "as_of")) == before


def test_gap_counts_are_the_sizes_of_the_gaps_without_reading_them():
    """The panels count in SQL; the figures equal the rows `personnel_gaps` lists, for the
    whole committee and for each supervisor of the demo district."""
    from store.core import db as store_db
    from store.demo import build_demo
    from store.org.supervisors import list_supervisors

    db = store_db.memory()
    build_demo(db, today=date(2026, 10, 15))
    names = ("flagged_without_plan", "overdue_plans", "without_secretary", "acting")
    names += ("unassessed", "concurrent")
    for sid in [None, *(s.id for s in list_supervisors(db))]:
        gaps, counts = (f(db, sid, as_of="2026-10-15") for f in (personnel.personnel_gaps,
                                                            personnel.gap_counts))  # fmt: skip
        assert counts.secretaries == gaps.secretaries
        assert {n: getattr(counts, n) for n in names} == {n: len(getattr(gaps, n)) for n in names}
    assert counts.concurrent_share == gaps.concurrent_share
    whole = personnel.gap_counts(db, None, as_of="2026-10-15")
    assert whole.flagged_without_plan and whole.acting and whole.unassessed and whole.concurrent
