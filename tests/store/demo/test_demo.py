"""The demo district: deterministic, shaped like a real district, consistent with the rules."""

import json
import stat
import unicodedata
from collections import Counter
from datetime import date

import pytest

from store.core import db as store_db
from store.core import settings
from store.core.errors import ValidationError
from store.demo import TABLES, build_demo, build_demo_file
from store.demo import build as demo
from store.demo import data as demo_data
from store.org.units import list_units
from store.personnel.people import list_people
from store.rules import cadence
from store.rules.rulebook import in_force, load
from store.visits import planning

TODAY = date(2026, 10, 15)


@pytest.fixture(scope="module")
def built():
    database = store_db.memory()
    summary = build_demo(database, today=TODAY)
    return database, summary


@pytest.fixture
def demo_db(built):
    return built[0]


def rows(db, sql, params=()):
    return list(db.query(sql, params))


def snapshot(db) -> dict:
    return {table: list(db[table].rows_where(order_by="id")) for table in TABLES}


def test_same_seed_and_day_give_the_same_rows(built):
    again = store_db.memory()
    build_demo(again, today=TODAY)
    assert snapshot(again) == snapshot(built[0])


def test_another_seed_gives_another_district(demo_db):
    other = store_db.memory()
    build_demo(other, today=TODAY, seed=7)
    names = {r["name"] for r in other["people"].rows}
    assert names != {r["name"] for r in demo_db["people"].rows}


def test_the_summary_counts_what_was_written(built):
    database, summary = built
    assert summary.counts == {table: database[table].count for table in TABLES}
    assert (summary.scale, summary.seed, summary.today) == ("district", 2026, "2026-10-15")


def test_one_audit_row_records_the_build(demo_db):
    changes = rows(demo_db, "select * from changes")
    assert len(changes) == 1
    assert (changes[0]["table_name"], changes[0]["action"]) == ("demo", "build")
    assert json.loads(changes[0]["after"])["counts"]["units"] == demo_db["units"].count


def test_committee_settings_are_set(demo_db):
    assert settings.get(demo_db, "committee.name") == "HUYỆN ỦY AN HÒA"
    assert settings.get(demo_db, "committee.parent_body").startswith("ĐẢNG BỘ TỈNH ")
    assert settings.get(demo_db, "committee.short") == "HU"
    assert settings.get(demo_db, "committee.term_start") == "2025-01-01"


def test_the_tree_has_every_kind_and_sector(demo_db):
    kinds = Counter(r["kind"] for r in demo_db["units"].rows)
    assert 18 <= kinds["grassroots_committee"] + kinds["grassroots_cell"] <= 24
    assert 130 <= kinds["cell"] + kinds["grassroots_cell"] <= 170
    assert kinds["sub_committee"] >= 2
    sectors = {r["sector"] for r in demo_db["units"].rows}
    # A rural district has no wards (a province's town-level blocks have them).
    assert sectors == {
        "commune",
        "town",
        "village",
        "admin_agency",
        "public_service",
        "enterprise",
        "armed_forces",
    }
    top = rows(demo_db, "select * from units where parent_id is null")
    assert {r["kind"] for r in top} == {"grassroots_committee", "grassroots_cell"}
    assert any(r["has_standing_committee"] for r in top)
    assert rows(demo_db, "select count(*) n from units where code is null")[0]["n"] == 0


def test_members_add_up_and_villages_have_exempted_elders(demo_db):
    for cell in rows(demo_db, "select * from units where kind in ('cell', 'grassroots_cell')"):
        assert cell["members_full"] > 0
        if cell["sector"] == "village":
            assert 15 <= cell["members_full"] <= 80 and cell["members_exempt"] >= 2
    for org in rows(
        demo_db, "select * from units where kind in ('grassroots_committee', 'sub_committee')"
    ):
        below = rows(
            demo_db, "select sum(members_full) s from units where parent_id = ?", [org["id"]]
        )
        assert org["members_full"] == below[0]["s"]


def test_supervisors_and_their_assignments(demo_db):
    assert demo_db["supervisors"].count == 30
    titles = [r["title"] for r in demo_db["supervisors"].rows]
    assert "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Huyện ủy" in titles
    per = rows(demo_db, "select supervisor_id, count(*) n from assignments group by 1")
    assert len(per) == 30 and all(2 <= r["n"] <= 10 for r in per)
    assert {r["cadence"] for r in demo_db["assignments"].rows} == {"monthly", "quarterly"}
    assert rows(demo_db, "select count(*) n from assignments where end_date is not null")[0]["n"]
    orgs_without = rows(
        demo_db,
        """select count(*) n from units u where parent_id is null and
        not exists (select 1 from assignments a where a.unit_id = u.id)""",
    )
    assert orgs_without[0]["n"] == 0


def test_every_cell_has_a_secretary_but_the_planned_few(demo_db):
    vacant = rows(
        demo_db,
        """select u.id from units u where u.kind in ('cell', 'grassroots_cell')
        and not exists (select 1 from posts p where p.unit_id = u.id and p.role = 'secretary'
                        and p.end_date is null)""",
    )
    assert 1 <= len(vacant) <= 4
    current = rows(demo_db, "select * from posts where role = 'secretary' and end_date is null")
    assert {r["concurrent_role"] for r in current} == {None, "village_head", "agency_head"}
    assert 2 <= sum(r["acting"] for r in current) <= 8
    roles = {r["role"] for r in demo_db["posts"].rows}
    assert roles == {"secretary", "deputy", "committee_member", "standing_member"}
    ended = rows(demo_db, "select * from posts where end_date is not null")
    assert ended and all(r["end_reason"] and r["end_date"] > r["start_date"] for r in ended)


def test_people_have_real_looking_names_and_search_ignores_diacritics(demo_db):
    assert any(p.name == "Nguyễn Văn Ấn" for p in list_people(demo_db, "nguyen van an"))
    assert any("Đào" in p.name for p in list_people(demo_db, "dao"))
    assert any("Dương" in p.name for p in list_people(demo_db, "duong"))
    assert any("Đào" in u.name for u in list_units(demo_db, "dao"))
    surnames = Counter(r["name"].split()[0] for r in demo_db["people"].rows)
    assert surnames.most_common(1)[0][0] == "Nguyễn" and len(surnames) > 10


def test_meetings_span_twenty_four_months_with_gaps(demo_db):
    months = rows(demo_db, "select distinct substr(date, 1, 7) m from meetings order by m")
    assert len(months) == 24
    assert (months[0]["m"], months[-1]["m"]) == ("2024-11", "2026-10")
    assert rows(demo_db, "select max(date) d from meetings")[0]["d"] <= TODAY.isoformat()
    kinds = {r["kind"] for r in demo_db["meetings"].rows}
    assert kinds == {"regular", "thematic", "committee", "standing", "general"}
    regular = rows(
        demo_db,
        """select unit_id, count(*) n from meetings where kind = 'regular'
        group by unit_id""",
    )
    assert min(r["n"] for r in regular) < 22 <= max(r["n"] for r in regular)
    low = rows(
        demo_db,
        """select count(*) n from meetings where kind = 'regular'
        and present * 100 < 85 * (members_full + members_probationary - members_exempt)""",
    )
    assert low[0]["n"] > 0
    for m in rows(demo_db, "select * from meetings limit 500"):
        owed = m["members_full"] + m["members_probationary"] - m["members_exempt"]
        assert m["present"] + m["absent_excused"] + m["absent_unexcused"] == owed


def test_scores_stay_within_each_maximum_and_rate_as_the_rulebook_says(demo_db):
    rulebook = load()
    done = rows(demo_db, "select * from visits where status = 'done'")
    for visit in done:
        scores = json.loads(visit["scores"])
        assert set(scores) == {c.id for c in rulebook.criteria}
        assert all(0 <= scores[c.id] <= c.max for c in rulebook.criteria)
        rating = rulebook.rate(scores)
        assert (visit["total"], visit["rating"]) == (rating.total, rating.level)
        assert visit["meeting_id"] and visit["observations"]
    assert {v["rating"] for v in done} >= {"good", "fair", "average"}
    assert any(v["good_practice"] for v in done)


def test_visit_states_all_appear(demo_db):
    statuses = {r["status"] for r in demo_db["visits"].rows}
    assert statuses == {"done", "planned", "cancelled"}
    assert planning.agenda(demo_db, None, TODAY, date(2026, 11, 30))
    assert planning.missed_visits(demo_db, None, TODAY)
    states = {item.state for item in cadence.due_list(demo_db, None, TODAY)}
    assert states == {"done", "due", "overdue"}


def test_visits_are_by_the_assigned_supervisor(demo_db):
    outside = rows(
        demo_db,
        """select count(*) n from visits v join assignments a
        on a.id = v.assignment_id where v.status = 'done' and (a.supervisor_id != v.supervisor_id
        or a.unit_id != v.unit_id or v.date < a.start_date
        or (a.end_date is not null and v.date > a.end_date))""",
    )
    assert outside[0]["n"] == 0


def test_concerns_in_every_status_with_their_history(demo_db):
    concerns = list(demo_db["concerns"].rows)
    assert {c["status"] for c in concerns} == {
        "new",
        "in_progress",
        "escalated",
        "resolved",
        "answered",
    }
    rulebook = load()
    assert {c["route"] for c in concerns} <= {r.id for r in rulebook.routes}
    assert {c["category"] for c in concerns} <= {c.id for c in rulebook.categories}
    overdue = [
        c
        for c in concerns
        if c["status"] in ("new", "in_progress", "escalated") and c["due_date"] < TODAY.isoformat()
    ]
    assert overdue
    for concern in concerns:
        events = rows(
            demo_db,
            "select * from concern_events where concern_id = ? order by date, id",
            [concern["id"]],
        )
        assert events[0]["to_status"] == "new" and events[0]["from_status"] is None
        assert events[-1]["to_status"] == concern["status"]
        assert all(e["date"] <= TODAY.isoformat() for e in events)
        closed = concern["status"] in ("resolved", "answered")
        assert bool(concern["resolved_date"]) == closed == bool(concern["resolution"])


def test_capability_notes_rate_the_rulebook_dimensions(demo_db):
    rulebook = load()
    dimensions = {d.id for d in rulebook.dimensions}
    scale = {s.id for s in rulebook.scale}
    notes = list(demo_db["capability_notes"].rows)
    for note in notes:
        ratings = json.loads(note["ratings"])
        assert set(ratings) == dimensions and set(ratings.values()) <= scale
        assert note["overall"] in scale
    assert sum(n["flagged"] for n in notes) >= 8
    assert demo_db["capability_note_visits"].count > 0


def test_plans_at_every_stage_and_flagged_secretaries_without_one(demo_db):
    plans = list(demo_db["succession_plans"].rows)
    stages = {(p["status"], p["outcome"]) for p in plans}
    assert stages >= {
        ("draft", None),
        ("active", None),
        ("completed", "replaced"),
        ("cancelled", None),
    }
    replaced = next(p for p in plans if p["outcome"] == "replaced")
    now = rows(
        demo_db,
        "select person_id from posts where unit_id = ? and role = 'secretary' and end_date is null",
        [replaced["unit_id"]],
    )
    assert now == [{"person_id": replaced["successor_id"]}]
    before = rows(
        demo_db,
        "select end_date from posts where unit_id = ? and person_id = ? and role = 'secretary'",
        [replaced["unit_id"], replaced["incumbent_id"]],
    )
    assert before == [{"end_date": replaced["outcome_date"]}]
    overdue = rows(
        demo_db,
        """select count(*) n from plan_actions a join succession_plans p
        on p.id = a.plan_id where p.status = 'active' and a.status in ('planned', 'in_progress')
        and a.due_date < ?""",
        [TODAY.isoformat()],
    )
    assert overdue[0]["n"] > 0
    without_plan = rows(
        demo_db,
        """select count(*) n from capability_notes n
        where n.flagged = 1 and not exists
        (select 1 from succession_plans p where p.note_id = n.id)""",
    )
    assert without_plan[0]["n"] > 0


def test_annual_ratings_for_the_past_two_years(demo_db):
    years = rows(demo_db, "select year, count(*) n from annual_ratings group by year")
    units = demo_db["units"].count
    assert years == [{"year": 2024, "n": units}, {"year": 2025, "n": units}]
    levels = {r["level"] for r in demo_db["annual_ratings"].rows}
    assert {"excellent", "good", "complete"} <= levels


def test_the_demo_is_built_only_into_an_empty_database(demo_db):
    with pytest.raises(ValidationError):
        build_demo(demo_db, today=TODAY)
    with pytest.raises(ValidationError):
        build_demo(store_db.memory(), today=TODAY, scale="galaxy")


def test_demo_texts_are_nfc():
    for name in dir(demo_data):
        for text in _strings(getattr(demo_data, name)):
            assert unicodedata.is_normalized("NFC", text), text


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def test_the_file_build_is_owner_only_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "demo.db"
    summary = build_demo_file(path, today=TODAY)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]
    reopened = store_db.connect(path, create=False)
    assert reopened["units"].count == summary.counts["units"]
    assert not list(reopened.query("PRAGMA foreign_key_check"))  # built with the checks off


def test_an_interrupted_build_keeps_the_old_demo(tmp_path, monkeypatch):
    path = tmp_path / "demo.db"
    path.write_bytes(b"the old demo")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(demo, "build_demo", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_demo_file(path, today=TODAY)
    assert path.read_bytes() == b"the old demo"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


@pytest.mark.parametrize(
    "kind",
    ["units", "supervisors", "assignments", "people", "posts", "meetings", "visits", "concerns"],
)
def test_every_kind_of_the_demo_exports_and_imports_back_unchanged(tmp_path, kind):
    from store.exchange import importer, tabular

    db = store_db.memory()
    build_demo(db, today=TODAY)
    columns, exported = importer.export_rows(db, kind)
    path = tabular.write_table(tmp_path / f"{kind}.csv", "csv", columns, exported)
    summary = importer.import_file(db, kind, path, today=date.today())
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, len(exported))


def test_the_demo_s_scores_and_remarks_agree_with_its_meetings(demo_db):
    """What a supervisor wrote, scored and counted say the same thing (issue 13, point 10)."""
    from store.demo.data import FACT_REMARKS
    from store.rules import facts, health

    rulebook = load()
    done = rows(
        demo_db,
        """select v.scores, v.observations, m.* from visits v join meetings m
        on m.id = v.meeting_id where v.status = 'done'""",
    )
    stated = Counter()
    for visit in done:
        assert facts.denials(rulebook, json.loads(visit["scores"]), visit) == []
        for fact, value in facts.meeting_facts(rulebook, visit).items():
            remark = FACT_REMARKS[fact].split("{")[0]
            assert (remark in visit["observations"]) is (value is False), (fact, visit)
            stated[fact] += value is False
        if not visit["absent_unexcused"]:
            assert "vắng không lý do" not in visit["observations"]
    assert all(stated[fact] for fact in FACT_REMARKS)  # every kind of shortfall appears
    assert health.check(demo_db).ok


def test_the_demo_holds_no_duplicate_and_only_the_kinds_each_unit_may_hold(demo_db):
    """`phutrach check`'s meeting rules pass on the demo: one meeting of a kind a day, one visit
    per supervisor and meeting, only allowed kinds, committee meetings out of the committee."""
    from store.rules import health

    assert health.meeting_problems(demo_db, in_force(demo_db)) == []
    assert health.check(demo_db).ok
    index = {r[1]: r[2] for r in demo_db.execute("PRAGMA index_list(meetings)").fetchall()}
    assert index["idx_meetings_unique"] == 1
    wrong_base = demo_db.execute(
        """select count(*) from meetings m join units u on u.id = m.unit_id
           where (m.kind = 'committee' and m.members_full != u.committee_size)
              or (m.kind = 'standing' and m.members_full != u.standing_committee_size)"""
    ).fetchone()[0]
    assert wrong_base == 0
    chi_uy = demo_db.execute(
        """select count(*) from meetings m join units u on u.id = m.unit_id
           where u.kind = 'grassroots_cell' and m.kind = 'committee'"""
    ).fetchone()[0]
    assert chi_uy > 0
