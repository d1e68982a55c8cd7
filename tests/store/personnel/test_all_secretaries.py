"""Every current secretary a page at a time (the personnel list's first show) is the list of
`secretary_posts` read whole, page by page, and the units without one are those with no
post current that day; checked on the demo district on days around its posts' changes."""

import datetime as dt

import pytest

from store import personnel
from store.core import db as store_db
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
