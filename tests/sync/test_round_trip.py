"""The office enrols a laptop; changes go out and back, exactly once, as bundles."""

import shutil
from datetime import date

import pytest

from store.concerns import workflow
from store.core import db as store_db
from store.core import records
from store.core.errors import PhutrachError
from store.demo import build_demo
from store.history import audit
from store.sync import bundles, review, sites

TODAY = date(2026, 12, 2)
WORDS = "mật khẩu của đồng chí"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "office.db"
    build_demo(store_db.connect(path), today=TODAY)
    return path


@pytest.fixture
def pair(demo, tmp_path):
    """(office path, laptop path, the laptop's supervisor, its site number)."""
    office_path, laptop_path = tmp_path / "office" / "office.db", tmp_path / "laptop" / "mine.db"
    office_path.parent.mkdir()
    laptop_path.parent.mkdir()
    shutil.copy(demo, office_path)
    office = store_db.connect(office_path)
    sites.init_office(office, office_path)
    me = office.execute(
        "SELECT supervisor_id FROM concerns GROUP BY 1 ORDER BY count(*) DESC"
    ).fetchone()[0]
    enrolment = sites.enrol(office, office_path, me, WORDS)
    number = sites.join(enrolment, WORDS, laptop_path)
    return office_path, laptop_path, me, number


def _a_unit_of(db, supervisor):
    return db.execute(
        "SELECT unit_id FROM assignments WHERE supervisor_id = ?", [supervisor]
    ).fetchone()[0]


def test_a_laptops_work_reaches_the_office_once(pair):
    office_path, laptop_path, me, number = pair
    laptop = store_db.connect(laptop_path)
    unit = _a_unit_of(laptop, me)
    raised = workflow.raise_concern(
        laptop,
        unit_id=unit,
        category="socio_economic",
        description="Mái nhà văn hóa dột",
        route="committee",
        supervisor_id=me,
        today=TODAY,
    )
    assert raised >> 32 == number
    bundle, header = bundles.export(laptop, laptop_path)
    assert header["seq"] == 1 and "Mái nhà".encode() not in bundle
    office = store_db.connect(office_path)
    done = bundles.import_bundle(office, office_path, bundle)
    assert done.applied["concerns"] == 1 and done.queued == 0
    assert records.get(office, "concerns", raised)["description"] == "Mái nhà văn hóa dột"
    trail = office.execute("SELECT count(*) FROM changes WHERE id >> 32 = ?", [number]).fetchone()[
        0
    ]
    assert trail >= 2  # the laptop's audit rows came too: who, on which site
    again = bundles.import_bundle(office, office_path, bundle)
    assert again.already and office["concerns"].count_where("id = ?", [raised]) == 1


def test_the_office_sends_back_reference_data_and_the_receipt(pair):
    office_path, laptop_path, me, number = pair
    office = store_db.connect(office_path)
    unit = _a_unit_of(office, me)
    records.update(office, "units", unit, {"name": "Chi bộ thôn Mới"})
    bundle, header = bundles.export(office, office_path, to=number)
    laptop = store_db.connect(laptop_path)
    done = bundles.import_bundle(laptop, laptop_path, bundle)
    assert done.applied == {"units": 1}
    assert records.get(laptop, "units", unit)["name"] == "Chi bộ thôn Mới"
    # nothing the office sent comes back as the laptop's own change
    back, _header = bundles.export(laptop, laptop_path)
    assert bundles.import_bundle(office, office_path, back).applied == {}


def test_a_bundle_from_another_office_or_for_another_site_is_refused(pair, tmp_path):
    office_path, laptop_path, me, number = pair
    laptop = store_db.connect(laptop_path)
    bundle, _header = bundles.export(laptop, laptop_path)
    other_path = tmp_path / "other.db"
    shutil.copy(office_path, other_path)
    other = store_db.connect(other_path)
    other.execute("DELETE FROM settings WHERE key LIKE 'site.%'")
    other.conn.commit()
    sites.init_office(other, other_path)
    before = other.execute("SELECT count(*) FROM changes").fetchone()[0]
    with pytest.raises(PhutrachError, match="khác"):
        bundles.import_bundle(other, other_path, bundle)
    assert other.execute("SELECT count(*) FROM changes").fetchone()[0] == before


def _raise(db, supervisor, text):
    return workflow.raise_concern(
        db,
        unit_id=_a_unit_of(db, supervisor),
        category="socio_economic",
        description=text,
        route="committee",
        supervisor_id=supervisor,
        today=TODAY,
    )


def test_a_lost_bundle_costs_nothing_and_an_older_one_adds_nothing(pair):
    office_path, laptop_path, me, _number = pair
    laptop = store_db.connect(laptop_path)
    first = _raise(laptop, me, "Đường vào thôn hỏng")
    lost, _header = bundles.export(laptop, laptop_path)
    second = _raise(laptop, me, "Thiếu tài liệu sinh hoạt")
    later, header = bundles.export(laptop, laptop_path)
    assert header == {**header, "seq": 2, "base": 0}  # since the state the office confirmed
    office = store_db.connect(office_path)
    assert bundles.import_bundle(office, office_path, later).applied["concerns"] == 2
    assert {records.get(office, "concerns", i)["id"] for i in (first, second)} == {first, second}
    assert bundles.import_bundle(office, office_path, lost).already


def test_a_record_dropped_while_its_bundle_is_in_flight_is_dropped_there_too(pair):
    """The office raises a concern for the laptop's unit, sends it, deletes it: the next
    bundle, diffed from the state the laptop confirmed (without the concern either), still
    tells the laptop that holds the first to delete it."""
    office_path, laptop_path, me, number = pair
    office = store_db.connect(office_path)
    raised = _raise(office, me, "Nhà văn hóa thôn xuống cấp")
    first, _header = bundles.export(office, office_path, to=number)
    workflow.delete_concern(office, raised)
    second, header = bundles.export(office, office_path, to=number)
    assert header["base"] == 0
    laptop = store_db.connect(laptop_path)
    assert bundles.import_bundle(laptop, laptop_path, first).applied["concerns"] == 1
    assert records.get(laptop, "concerns", raised)
    done = bundles.import_bundle(laptop, laptop_path, second)
    assert done.applied["concerns"] == 1 and done.queued == 0
    assert laptop["concerns"].count_where("id = ?", [raised]) == 0


def test_a_bundle_whose_base_was_never_imported_names_the_missing_one(pair):
    office_path, laptop_path, me, number = pair
    laptop = store_db.connect(laptop_path)
    _raise(laptop, me, "Đường vào thôn hỏng")
    first, _header = bundles.export(laptop, laptop_path)
    office = store_db.connect(office_path)
    bundles.import_bundle(office, office_path, first)
    receipt, _header = bundles.export(office, office_path, to=number)
    bundles.import_bundle(laptop, laptop_path, receipt)  # the laptop now knows 1 arrived
    _raise(laptop, me, "Thiếu tài liệu sinh hoạt")
    second, header = bundles.export(laptop, laptop_path)
    assert header["base"] == 1
    office.execute("UPDATE sites SET received = 0 WHERE number = ?", [number])  # as if restored
    office.conn.commit()
    with pytest.raises(PhutrachError, match="gói số 1"):
        bundles.import_bundle(office, office_path, second)


def test_the_same_record_changed_on_both_sides_waits_for_a_person(pair):
    office_path, laptop_path, me, number = pair
    office = store_db.connect(office_path)
    theirs = office.execute("SELECT id FROM concerns WHERE supervisor_id = ?", [me]).fetchone()[0]
    laptop = store_db.connect(laptop_path)
    records.update(laptop, "concerns", theirs, {"owner": "UBND xã"})
    bundle, _header = bundles.export(laptop, laptop_path)
    records.update(office, "concerns", theirs, {"owner": "Ban Dân vận"})
    done = bundles.import_bundle(office, office_path, bundle)
    assert done.queued == 1
    assert records.get(office, "concerns", theirs)["owner"] == "Ban Dân vận"  # until decided
    [(table, here, there)] = office.execute(
        "SELECT table_name, here, theirs FROM sync_conflicts"
    ).fetchall()
    assert table == "concerns" and "Ban Dân vận" in here and "UBND xã" in there
    [words] = [review.shown(office, c) for c in bundles.open_conflicts(office)]
    site = office.execute("SELECT name FROM sites WHERE number = ?", [number]).fetchone()[0]
    assert words.site == site and words.record.startswith("Vấn đề")
    assert words.differences == ["Người thực hiện: Ban Dân vận ≠ UBND xã"]  # here ≠ theirs


def test_a_person_keeps_one_side_and_the_decision_is_audited(pair):
    office_path, laptop_path, me, _number = pair
    office = store_db.connect(office_path)
    theirs = office.execute("SELECT id FROM concerns WHERE supervisor_id = ?", [me]).fetchone()[0]
    laptop = store_db.connect(laptop_path)
    records.update(laptop, "concerns", theirs, {"owner": "UBND xã"})
    bundle, _header = bundles.export(laptop, laptop_path)
    records.update(office, "concerns", theirs, {"owner": "Ban Dân vận"})
    bundles.import_bundle(office, office_path, bundle)
    [waiting] = bundles.open_conflicts(office)
    bundles.decide(office, waiting.id, bundles.THEIRS)
    assert records.get(office, "concerns", theirs)["owner"] == "UBND xã"
    assert bundles.open_conflicts(office) == []
    kept = office.execute("SELECT kept, decided_at FROM sync_conflicts").fetchone()
    assert kept[0] == "theirs" and kept[1]
    label = office.execute(
        "SELECT a.label FROM changes c JOIN actions a ON a.id = c.action_id "
        "WHERE c.table_name = 'concerns' AND c.id >> 32 = 0 ORDER BY c.id DESC LIMIT 1"
    ).fetchone()[0]
    assert label == "sync.decide"
    with pytest.raises(PhutrachError):
        bundles.decide(office, waiting.id, bundles.HERE)


def test_the_office_history_lists_every_sites_actions_by_time(pair):
    office_path, laptop_path, me, number = pair
    laptop = store_db.connect(laptop_path)
    _raise(laptop, me, "Đường vào thôn hỏng")
    laptop.execute("UPDATE actions SET at = '2001-01-01T00:00:00+00:00'")  # long ago
    laptop.conn.commit()
    bundle, _header = bundles.export(laptop, laptop_path)
    office = store_db.connect(office_path)
    bundles.import_bundle(office, office_path, bundle)
    records.update(office, "units", _a_unit_of(office, me), {"name": "Chi bộ thôn Sau"})
    entries = audit.list_entries(office, limit=100)
    assert entries[0].id >> 32 == 0  # the office's change of today comes first
    assert {e.id >> 32 for e in entries if e.at.startswith("2001")} == {number}
    assert entries[-1].at.startswith("2001")  # and the laptop's, of long ago, last


def test_a_courier_s_bundles_go_in_together_in_their_order_whatever_order_given(pair, tmp_path):
    office_path, laptop_path, me, number = pair
    laptop = store_db.connect(laptop_path)
    office = store_db.connect(office_path)
    made = []
    for text in ("Đường vào thôn hỏng", "Thiếu tài liệu sinh hoạt"):
        _raise(laptop, me, text)
        made.append(bundles.export(laptop, laptop_path)[0])
    bundles.import_bundle(office, office_path, made[0])
    receipt, _header = bundles.export(office, office_path, to=number)
    bundles.import_bundle(laptop, laptop_path, receipt)  # 2 now builds on 1: 3 needs 2
    _raise(laptop, me, "Nhà văn hóa dột")
    third = bundles.export(laptop, laptop_path)[0]
    office.execute("UPDATE sites SET received = 0 WHERE number = ?", [number])  # as restored
    office.conn.commit()
    torn = third[: len(third) // 2]
    done = bundles.import_bundles(office, office_path, [third, torn, made[1], made[0], made[0]])
    assert [getattr(d, "seq", None) for d in done] == [3, None, 2, 1, 1]
    assert isinstance(done[1], PhutrachError)
    assert [d.already for d in (done[3], done[4])] == [False, True]  # given twice: once
    texts = [
        r[0]
        for r in office.execute("SELECT description FROM concerns WHERE id >> 32 = ?", [number])
    ]
    assert sorted(texts) == sorted(
        ["Đường vào thôn hỏng", "Thiếu tài liệu sinh hoạt", "Nhà văn hóa dột"]
    )
    assert (
        office.execute("SELECT received FROM sites WHERE number = ?", [number]).fetchone()[0] == 3
    )


def test_a_meeting_recorded_on_two_sites_is_held_once_and_its_figures_decided(pair):
    from tests import factories as make

    office_path, laptop_path, me, number = pair
    office, laptop = store_db.connect(office_path), store_db.connect(laptop_path)
    unit = _a_unit_of(laptop, me)
    kind = laptop.execute(
        "SELECT kind FROM meetings WHERE unit_id = ? ORDER BY date DESC", [unit]
    ).fetchone()[0]
    day = {"kind": kind, "topic": "Học tập Nghị quyết"}
    held = make.meeting(office, unit, "2026-11-20", today=TODAY, **day)  # the unit's report
    visit = make.visit(laptop, me, unit, "2026-11-20", today=TODAY, meeting={**day, "present": 17})
    bundle, _header = bundles.export(laptop, laptop_path)
    done = bundles.import_bundle(office, office_path, bundle)
    assert done.applied["visits"] == 1 and done.queued == 1
    assert records.get(office, "visits", visit.visit_id)["meeting_id"] == held  # held once
    assert office.execute("SELECT count(*) FROM meetings WHERE unit_id = ? AND date = ?",
                          [unit, "2026-11-20"]).fetchone()[0] == 1  # fmt: skip
    [conflict] = bundles.open_conflicts(office)
    assert review.shown(office, conflict).differences[0].endswith("18 ≠ 17")
    bundles.decide(office, conflict.id, bundles.THEIRS)
    assert records.get(office, "meetings", held)["present"] == 17


def test_a_conflict_row_spoilt_by_another_tool_is_said_and_can_only_be_kept_here(pair):
    office_path, _laptop_path, _me, number = pair
    office = store_db.connect(office_path)
    for table, stored in (("concerns", "not json"), ("no_such_table", "[1]"), ("visits", "[1]")):
        office.execute(
            "INSERT INTO sync_conflicts (site, seq, at, table_name, reason, here, theirs)"
            " VALUES (?, 1, '2026-12-02', ?, '1', ?, ?)",
            [number, table, stored, stored],
        )
    office.conn.commit()
    listed = [review.shown(office, c) for c in bundles.open_conflicts(office)]
    assert [len(s.differences) for s in listed] == [1, 1, 1]
    assert all("không đọc được" in s.differences[0].lower() for s in listed)
    with pytest.raises(PhutrachError, match="giữ bản ở đây"):
        bundles.decide(office, listed[0].id, bundles.THEIRS)
    bundles.decide(office, listed[0].id, bundles.HERE)
    assert len(bundles.open_conflicts(office)) == 2
