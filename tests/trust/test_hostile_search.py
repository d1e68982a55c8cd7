"""Search strings a user (or a paste) may type: quotes, LIKE wildcards, backslashes, brackets,
SQL operators and comments, control characters, NUL. No exception, no table touched, and the
results are exactly those a Python-side filter on the folded names finds."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.concerns import board as concern_board
from store.core import db as store_db
from store.core.search_index import holds
from store.lang.text import fold
from store.org.units import count_units, list_units
from store.personnel.people import count_people, list_people
from tests.trust.world import TODAY, build

HOSTILE = (
    "'",
    '"',
    "%",
    "_",
    "\\",
    "\\%",
    "[",
    "]",
    "[Khu A]",
    "100%",
    "tổ_dân",
    "O'Neil",
    "' OR 1=1 --",
    "OR 1=1",
    "'; DROP TABLE units; --",
    "back\\slash",
    "\x00",
    "dao\x00xa",
    "\x1b[31m",
    "*",
    "?",
    "ĐÀO",
    "nguyen van an",
)
# Letters of the names, the characters that matter to SQL and LIKE, and control characters.
ALPHABET = st.sampled_from(list("aáàđĐeêiouơưnhxtc 0123456789'\"%_\\[]();-=*?|&\t\r\n\x00\x01\x1b"))
SEARCHES = st.sampled_from(HOSTILE) | st.text(ALPHABET, max_size=16) | st.text(max_size=8)
SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def world():
    db = store_db.memory()
    build(db)
    return db


def expected(names: list[str], search: str) -> list[str]:
    words = fold(search).split()
    return sorted(n for n in names if holds(fold(n), words))


def schema(db) -> list[tuple]:
    return db.execute("select type, name, sql from sqlite_master order by name").fetchall()


@SETTINGS
@given(search=SEARCHES)
def test_unit_search_finds_what_a_python_filter_finds(world, search):
    before = schema(world), world["units"].count
    found = list_units(world, search, limit=None)
    names = [r["name"] for r in world["units"].rows]
    assert sorted(u.name for u in found) == expected(names, search)
    assert count_units(world, search) == len(found)
    assert (schema(world), world["units"].count) == before


@SETTINGS
@given(search=SEARCHES)
def test_people_search_finds_what_a_python_filter_finds(world, search):
    before = schema(world), world["people"].count
    found = list_people(world, search, limit=None)
    names = [r["name"] for r in world["people"].rows]
    assert sorted(p.name for p in found) == expected(names, search)
    assert count_people(world, search) == len(found)
    assert (schema(world), world["people"].count) == before


@SETTINGS
@given(search=SEARCHES)
def test_concern_board_search_finds_what_a_python_filter_finds(world, search):
    before = schema(world), world["concerns"].count
    found = concern_board.board(world, search=search, as_of=TODAY, limit=None)
    haystacks = {
        r["id"]: f"{r['description']} {r['unit_name']}"
        for r in world.query(
            "select c.id, c.description, u.name as unit_name "
            "from concerns c join units u on u.id = c.unit_id"
        )
    }
    words = fold(search).split()
    wanted = sorted(i for i, text in haystacks.items() if holds(fold(text), words))
    assert sorted(r.id for r in found) == wanted
    assert concern_board.count_board(world, search=search, as_of=TODAY) == len(found)
    assert (schema(world), world["concerns"].count) == before


@pytest.mark.parametrize("search", HOSTILE)
def test_every_hostile_string_leaves_every_table_whole(world, search):
    counts = {t: world[t].count for t in world.table_names()}
    list_units(world, search)
    list_people(world, search)
    concern_board.board(world, search=search, as_of=TODAY)
    assert {t: world[t].count for t in world.table_names()} == counts
