"""The 4× province: its counts are four provinces', and a build that streams its big tables
to the file in batches writes the same rows as one that holds them all to the end (checked on
a district doubled, in batches small enough to split every streamed table)."""

from datetime import date

import pytest

from store.core import db as store_db
from store.demo import build_demo
from store.demo.base import SCALES, STREAMED, times

TODAY = date(2026, 10, 15)
# Columns compared: all but the uid, which a streamed build draws batch by batch.
_SKIP = {"uid"}


def test_4x_is_four_provinces_streamed():
    province, big = SCALES["province"], SCALES["4x"]
    assert (big.blocks, big.supervisors) == (4 * province.blocks, 4 * province.supervisors)
    assert big.batch > 0 and province.batch == 0 == SCALES["district"].batch
    assert big.months == province.months and big.villages == province.villages


@pytest.fixture(scope="module")
def builds(request):
    """The same doubled district, held to the end and streamed in batches of 97 rows."""
    made = {}
    for name, batch in (("held", 0), ("streamed", 97)):
        SCALES[f"test-{name}"] = times(SCALES["district"], 2, batch)
        db = store_db.memory()
        made[name] = (db, build_demo(db, today=TODAY, scale=f"test-{name}"))
    request.addfinalizer(lambda: [SCALES.pop(f"test-{n}") for n in ("held", "streamed")])
    return made


def _rows(db, table: str) -> list[tuple]:
    columns = [c.name for c in db[table].columns if c.name not in _SKIP]
    return db.execute(f"select {', '.join(columns)} from {table} order by id").fetchall()


def test_doubling_doubles_the_supervisors_and_blocks(builds):
    db, summary = builds["streamed"]
    assert summary.counts["supervisors"] == 2 * SCALES["district"].supervisors == 60
    assert db.execute("select count(*) from units where code like 'H02-%'").fetchone()[0] > 0
    assert all(summary.counts[t] == db[t].count for t in summary.counts)
    assert summary.counts["meetings"] > 97 * 10  # the batches split the table many times


def test_streaming_writes_the_same_rows(builds):
    held, streamed = builds["held"][0], builds["streamed"][0]
    for table in builds["held"][1].counts:
        assert _rows(streamed, table) == _rows(held, table), table


def test_streamed_file_is_whole(builds):
    db = builds["streamed"][0]
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    indexes = "select name, sql from sqlite_master where type = 'index' order by name"
    assert db.execute(indexes).fetchall() == store_db.memory().execute(indexes).fetchall()
    for table in STREAMED:
        uids = db.execute(f"select count(distinct uid), count(*) from {table}").fetchone()
        assert uids[0] == uids[1]
    # visits mark their meeting after it was written: the change reached the file
    visited = "select count(*) from visits v join meetings m on m.id = v.meeting_id"
    marked = visited + " where m.source = 'visit'"
    assert db.execute(marked).fetchone()[0] == db.execute(visited).fetchone()[0] > 0


def test_demo_cli_builds_the_4x_file_streamed(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from commands.cli import cli
    from store.core import settings
    from store.demo import demo_path

    monkeypatch.setitem(SCALES, "4x", times(SCALES["district"], 2, 97))  # 4x, made tiny
    path = tmp_path / "big.db"
    result = CliRunner().invoke(cli, ["demo", "--no-tui", "--scale", "4x", "--path", str(path)])
    assert result.exit_code == 0, result.output
    db = store_db.connect(path, create=False)
    assert db["supervisors"].count == 60
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert settings.get(db, "committee.name").startswith("TỈNH ỦY")
    assert demo_path("4x").name == "demo-4x.db"


def test_an_unknown_scale_names_the_choices():
    from store.core.errors import ValidationError

    with pytest.raises(ValidationError) as raised:
        build_demo(store_db.memory(), today=TODAY, scale="galaxy")
    assert "galaxy" in raised.value.message and "4x" in raised.value.message
