"""Every current secretary a page at a time (the personnel list's first show) is the list of
`secretary_posts` read whole, page by page, and the units without one are those with no
post current that day; checked on the demo district on days around its posts' changes."""

import datetime as dt

import pytest

from store import personnel
from store.core import db as store_db
from store.core.checks import SCOPE_CTE
from store.demo import build_demo

TODAY = dt.date(2026, 10, 15)


@pytest.fixture(scope="module")
def db():
    database = store_db.memory()
    build_demo(database, today=TODAY)
    # a dissolved unit whose secretary's post was never closed: neither listed nor counted
    database.execute(
        "update units set active = 0 where id = (select unit_id from posts"
        " where role = 'secretary' and end_date is null order by id limit 1)"
    )
    return database


def _days(db) -> list[str]:
    """Today, and the days secretary posts start and end (and the days after)."""
    rows = db.execute(
        "select start_date, end_date from posts where role = 'secretary' and end_date is not null"
    ).fetchall()
    assert rows  # some posts ended: the days below tell current from past
    changes = sorted({d for row in rows for d in row if d})[:6]
    after = [(dt.date.fromisoformat(d) + dt.timedelta(days=1)).isoformat() for d in changes]
    return [TODAY.isoformat(), *changes, *after]


def test_every_secretary_page_by_page_is_the_list_in_order(db):
    for day in _days(db):
        posts = personnel.secretary_posts(db, as_of=day)
        assert personnel.count_all_secretaries(db, as_of=day) == len(posts)
        assert personnel.count_all_secretaries(db, as_of=day, cap=9) == min(len(posts), 10)
        pages = [personnel.all_secretaries(db, as_of=day, limit=7, offset=o) for o in (0, 7, 14)]
        assert [s.post_id for page in pages for s in page] == posts[:21]
        page = personnel.all_secretaries(db, as_of=day, limit=5, offset=len(posts) - 3)
        assert [s.post_id for s in page] == posts[-3:]
        assert page == personnel.secretaries_of(db, posts[-3:], day)


def test_units_without_secretary_are_those_with_no_current_post(db):
    for day in _days(db):
        current = {
            unit
            for unit, start, end in db.execute(
                "select unit_id, start_date, end_date from posts where role = 'secretary'"
            )
            if (start is None or start <= day) and (end is None or end > day)
        }
        expected = [
            unit
            for unit, active in db.execute("select id, active from units order by sort_key, id")
            if active and unit not in current
        ]
        got = personnel.units_without_secretary(db, None, as_of=day)
        assert [u.id for u in got] == expected
        for (supervisor,) in db.execute("select id from supervisors"):  # their units only
            mine = personnel.units_without_secretary(db, supervisor, as_of=day)
            sql = "WITH RECURSIVE" + SCOPE_CTE + " SELECT unit_id FROM scope"
            scope = {r[0] for r in db.execute(sql, {"supervisor_id": supervisor, "as_of": day})}
            assert [u.id for u in mine] == [u for u in expected if u in scope]


def _by_hand(db, words, day):
    """The current secretaries whose name or unit's name holds every word, by Python alone."""
    from store.core.search_index import holds

    return [
        post
        for post in personnel.secretary_posts(db, as_of=day)
        for name, unit in db.execute(
            "select p.name_folded, u.name_folded from posts s join people p on p.id = s.person_id"
            " join units u on u.id = s.unit_id where s.id = ?",
            [post],
        )
        if holds(f"{name} {unit}", words)
    ]


@pytest.mark.parametrize("search", ["n", "ng", "nguyen", "nguyen v", "thon", "dao xa", "zzz"])
def test_a_search_page_by_page_is_every_match_in_order(db, search, monkeypatch):
    from store.personnel import roster

    # Rare words looked up and sorted; common ones read in unit order, over every unit or
    # over the first few, then looked up and sorted when those do not fill the page.
    for common, walked in ((roster.COMMON, roster.WALKED), (5, 10_000), (5, 3), (5, 0)):
        monkeypatch.setattr(roster, "COMMON", common)
        monkeypatch.setattr(roster, "WALKED", walked)
        found = _by_hand(db, search.split(), TODAY.isoformat())
        assert personnel.secretary_posts(db, as_of=TODAY, search=search) == found
        pages = [
            personnel.found_secretaries(db, search, as_of=TODAY, limit=4, offset=o)
            for o in (0, 4, 8)
        ]
        assert [s.post_id for page in pages for s in page] == found[:12]
        assert personnel.count_found_secretaries(db, search, as_of=TODAY) == len(found)
        assert personnel.count_found_secretaries(db, search, as_of=TODAY, cap=2) == min(
            len(found), 3
        )


def test_the_posts_index_follows_a_person_or_a_unit_renamed(db):
    from store.core import records

    post = personnel.secretary_posts(db, as_of=TODAY)[0]
    person, unit = db.execute(
        "select person_id, unit_id from posts where id = ?", [post]
    ).fetchone()
    with db.atomic():
        records.update(db, "people", person, {"name": "Quách Thị Xuyến"})
        records.update(db, "units", unit, {"name": "Chi bộ Khu phố Yên Lạc"})
    for search in ("quach xuyen", "yen lac", "xuyen yen"):
        found = personnel.found_secretaries(db, search, as_of=TODAY)
        assert post in [s.post_id for s in found], search
    assert (
        db.execute(
            "INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)"
        ).fetchall()
        == []
    )


def test_the_report_counts_in_one_pass_are_the_counts_one_by_one(db):
    supervisor = db.execute("select supervisor_id from assignments limit 1").fetchone()[0]
    for day in _days(db):
        for scope in (None, supervisor):
            counts = personnel.secretary_counts(db, as_of=day, supervisor_id=scope)

            def count(scope=scope, day=day, **flags) -> int:
                return personnel.count_secretaries(db, as_of=day, supervisor_id=scope, **flags)

            assert counts == personnel.SecretaryCounts(
                secretaries=count(),
                flagged=count(flagged=True),
                flagged_with_plan=count(flagged=True, active_plan=True),
                concurrent=count(concurrent=True),
                acting=count(acting=True),
            )
    every = personnel.secretary_counts(db, as_of=TODAY)
    assert every.flagged and every.flagged_with_plan and every.concurrent  # figures to test
