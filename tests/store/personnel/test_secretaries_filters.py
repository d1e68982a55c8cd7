"""The yes/no filters of store.roster.secretaries: acting, active plan, concurrent role."""

from datetime import date

import pytest

from store.personnel import people, roster, succession
from tests import factories as make

AS_OF = "2026-09-30"


@pytest.fixture
def cells(db):
    ids = {}
    for key, name, post in (
        ("an", "Nguyễn Văn Ấn", {"concurrent_role": "village_head"}),
        ("binh", "Trần Thị Bình", {"acting": True}),
        ("cuong", "Lê Văn Cường", {}),
    ):
        cell = make.unit(db, f"Chi bộ {name}")
        ids[key] = people.add_person(db, name=name, today=date.today())
        people.appoint(db, ids[key], cell, "secretary", "2025-01-01", today=date.today(), **post)
        ids[f"{key}_cell"] = cell
    deputy = people.add_person(db, name="Phạm Văn Dũng", today=date.today())
    plan = succession.start_plan(
        db,
        unit_id=ids["cuong_cell"],
        incumbent_id=ids["cuong"],
        reason="age",
        target_date="2027-01-01",
    )
    succession.add_candidate(db, plan, deputy, readiness="now", today=date.today())
    succession.activate_plan(db, plan, today=date.today())
    return ids


def _names(rows):
    return [r.person_name for r in rows]


def test_each_filter_keeps_its_rows_and_counts_agree(db, cells):
    for flags, expected in (
        ({"acting": True}, ["Trần Thị Bình"]),
        ({"acting": False}, ["Lê Văn Cường", "Nguyễn Văn Ấn"]),
        ({"concurrent": True}, ["Nguyễn Văn Ấn"]),
        ({"active_plan": True}, ["Lê Văn Cường"]),
        ({"active_plan": False, "acting": False}, ["Nguyễn Văn Ấn"]),
    ):
        rows = roster.secretaries(db, as_of=AS_OF, **flags)
        assert _names(rows) == expected, flags
        assert roster.count_secretaries(db, as_of=AS_OF, **flags) == len(expected)


def test_an_unknown_filter_is_refused(db, cells):
    with pytest.raises(TypeError):
        roster.secretaries(db, as_of=AS_OF, vacant=True)


def test_a_list_pages_through_the_posts_it_found_once(db, cells):
    """secretary_posts finds the rows' order once a search; secretaries_of reads any page of
    it, in that order, with the same rows as secretaries."""
    posts = roster.secretary_posts(db, as_of=AS_OF)
    assert len(posts) == roster.count_secretaries(db, as_of=AS_OF) == 3
    whole = roster.secretaries(db, as_of=AS_OF, limit=None)
    assert roster.secretaries_of(db, posts[1:], AS_OF) == whole[1:]
    assert _names(roster.secretaries_of(db, posts[::-1], AS_OF)) == _names(whole)[::-1]
    assert roster.secretaries_of(db, [], AS_OF) == []


def _plan(db, **filters) -> str:
    sql, params = roster._query(as_of=AS_OF, **filters)
    return " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_the_notes_are_read_only_for_a_filter_on_them(db, cells):
    """A search reads the posts, people and units: 12,000 note lookups a keystroke in a
    province when the notes were joined whatever the filter."""
    assert "capability_notes" not in _plan(db, search="nguyen van")
    assert "succession_plans" not in _plan(db, search="nguyen", acting=True)
    assert "capability_notes" in _plan(db, flagged=True)
    assert "succession_plans" in _plan(db, active_plan=False)
