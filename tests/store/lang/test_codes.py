"""The codes as StrEnums: equal to the strings the data stores, each with a label."""

import json
from datetime import date
from enum import StrEnum

import pytest

from store.core import db as store_db
from store.demo import build_demo
from store.lang import codes, labels
from store.lang.codes import CODES
from store.lang.i18n import set_language
from store.rules.rulebook import UNIT_KINDS

# The column that stores each kind of code.
COLUMNS = {
    "unit_kind": ("units", "kind"),
    "sector": ("units", "sector"),
    "meeting_kind": ("meetings", "kind"),
    "cadence": ("assignments", "cadence"),
    "role": ("posts", "role"),
    "concurrent_role": ("posts", "concurrent_role"),
    "visit_status": ("visits", "status"),
    "concern_status": ("concerns", "status"),
    "priority": ("concerns", "priority"),
    "plan_status": ("succession_plans", "status"),
    "plan_reason": ("succession_plans", "reason"),
    "plan_outcome": ("succession_plans", "outcome"),
    "readiness": ("plan_candidates", "readiness"),
    "action_kind": ("plan_actions", "kind"),
    "action_status": ("plan_actions", "status"),
    "sex": ("people", "sex"),
    "change_action": ("changes", "action"),
}


@pytest.fixture(scope="module")
def demo():
    database = store_db.memory()
    build_demo(database, today=date(2026, 10, 15))
    return database


def test_every_enum_of_the_module_has_a_label_table():
    enums = {v for v in vars(codes).values() if isinstance(v, type) and issubclass(v, StrEnum)}
    assert enums - {StrEnum} == set(CODES.values())


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("table", sorted(CODES))
def test_labels_cover_every_member_and_nothing_else(table, language):
    set_language(language)
    assert [code for _text, code in labels.choices(table)] == list(CODES[table])
    if language == "vi":  # a Vietnamese word for every code (English may spell it alike)
        assert all(labels.label(table, code) != code for code in CODES[table])


def test_members_are_their_stored_strings():
    assert codes.UnitKind.GRASSROOTS_COMMITTEE == "grassroots_committee"
    assert codes.Readiness.WITHIN_TWO_YEARS == "1-2y"
    assert f"{codes.MeetingKind.REGULAR}" == "regular" and str(codes.Cadence.MONTHLY) == "monthly"
    assert json.dumps({"kind": codes.UnitKind.CELL}) == '{"kind": "cell"}'
    assert {"cell": 1}[codes.UnitKind.CELL] == 1  # a member finds a plain string's key


def test_the_rulebook_knows_the_same_unit_kinds():
    assert set(UNIT_KINDS) == set(codes.UnitKind)


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_the_demo_stores_only_known_codes_and_reads_back_plain_strings(demo, table):
    name, column = COLUMNS[table]
    stored = [r[column] for r in demo.query(f"select distinct [{column}] from [{name}]")]
    assert {s for s in stored if s is not None} <= set(CODES[table])
    assert all(type(s) is str for s in stored if s is not None)


def test_a_member_written_is_stored_as_its_text(db):
    from store.core import records

    uid = records.insert(db, "units", {"name": "Chi bộ A", "kind": codes.UnitKind.CELL})
    row = db.execute("select kind, typeof(kind) from units where id = ?", [uid]).fetchone()
    assert row == ("cell", "text")


def test_committee_roles_rank_as_a_committee_list_reads(tmp_path):
    import sqlite3

    from store.lang.codes import ROLE_RANK, role_rank_sql

    db = sqlite3.connect(":memory:")
    db.execute("create table posts (role text)")
    roles = ["committee_member", "odd", "standing_member", "deputy", "secretary"]
    db.executemany("insert into posts values (?)", [(r,) for r in roles])
    ranked = [r for (r,) in db.execute(f"select role from posts order by {role_rank_sql('role')}")]
    assert ranked == [*ROLE_RANK, "odd"]
    assert ranked[:4] == ["secretary", "deputy", "standing_member", "committee_member"]
