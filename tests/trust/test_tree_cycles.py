"""A cycle in the unit tree, written by raw SQL (phutrach never makes one): `check` names each
unit that is its own ancestor, and every tree query and screen returns instead of looping."""

import asyncio
import contextlib
import time
from datetime import date

import pytest
from click.testing import CliRunner

from commands.cli import cli
from store.concerns.board import board
from store.concerns.figures import concern_figures
from store.core import db as store_db
from store.org import units
from store.personnel import roster
from store.rules import health
from tests import factories as make

TODAY = date(2026, 10, 20)
DEADLINE_S = 5.0


@contextlib.contextmanager
def deadline(db, seconds: float = DEADLINE_S):
    """Interrupt any query of `db` still running after `seconds`: a looping walk fails the
    test ("interrupted") instead of hanging it."""
    end = time.monotonic() + seconds
    db.conn.set_progress_handler(lambda: time.monotonic() > end, 10_000)
    try:
        yield
    finally:
        db.conn.set_progress_handler(None, 0)


def _cycled(db) -> dict:
    """A committee, its sub-committee and a cell, the committee made the cell's child; and a
    cell that is its own parent. Each of the three has a concern; a supervisor oversees the
    committee."""
    ids = {"top": make.unit(db, "Đảng bộ xã Vòng", code="V", kind="grassroots_committee")}
    ids["mid"] = make.unit(db, "Đảng bộ bộ phận Giữa", code="V-G", kind="sub_committee",
                           parent_id=ids["top"])  # fmt: skip
    ids["low"] = make.unit(db, "Chi bộ thôn Cuối", code="V-G-C", parent_id=ids["mid"])
    ids["self"] = make.unit(db, "Chi bộ Tự Thân", code="T")
    ids["sup"] = make.supervisor(db, "Đào Văn Ấn", code="S1")
    make.assign(db, ids["sup"], ids["top"])
    for key in ("top", "mid", "low"):
        make.concern(db, ids[key], f"Vấn đề của {key}", raised_date="2026-09-01", today=TODAY)
    db.execute("update units set parent_id = ? where id = ?", [ids["low"], ids["top"]])
    db.execute("update units set parent_id = id where id = ?", [ids["self"]])
    return ids


@pytest.fixture
def cycled(db_path):
    ids = make.on_disk(db_path, _cycled)
    db = store_db.connect(db_path)
    yield db, ids
    db.close()


def test_check_names_every_unit_that_is_its_own_ancestor(cycled, db_path):
    db, _ids = cycled
    with deadline(db):
        problems = health.check(db).problems
    cycles = [p for p in problems if "là cấp trên của chính nó" in p]
    assert len(cycles) == 4
    for name in ("Đảng bộ xã Vòng (V)", "Đảng bộ bộ phận Giữa", "Chi bộ thôn Cuối", "Tự Thân"):
        assert any(name in line for line in cycles), cycles
    result = CliRunner().invoke(cli, ["--db", str(db_path), "check"])
    assert result.exit_code == 1
    assert "- Chi bộ Tự Thân (T) là cấp trên của chính nó" in result.stderr


def test_a_sound_tree_has_no_cycle(db):
    top = make.unit(db, "Đảng bộ xã", kind="grassroots_committee")
    make.unit(db, "Chi bộ thôn", parent_id=top)
    assert health.tree_cycles(db) == []


def test_tree_queries_return_on_a_cycle(cycled):
    db, ids = cycled
    below = {ids["top"], ids["mid"], ids["low"]}
    with deadline(db):
        assert {row.unit_id for row in board(db, as_of=TODAY, unit_id=ids["top"])} == below
        assert len(board(db, as_of=TODAY, supervisor_id=ids["sup"])) == 3
        figures = concern_figures(db, ("2026-01-01", "2026-12-31"), parent_id=ids["top"],
                                  as_of=TODAY)  # fmt: skip
        assert figures.raised == 3
        gaps = roster.units_without_secretary(db, ids["sup"], as_of=TODAY)
        assert {u.id for u in gaps} == below
        chain = units.ancestors(db, units.get_unit(db, ids["top"]))
        assert len(chain) <= 10
        assert [u.id for u in units.children(db, ids["self"])] == [ids["self"]]


async def test_the_unit_screens_open_on_a_cycle(cycled, db_path, monkeypatch):
    from tui.app import PhutrachApp
    from tui.screens.units.unit_detail import UnitDetailScreen

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    _db, ids = cycled
    app = PhutrachApp(db_path, today=TODAY)

    async def browse() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.action_goto("units")
            await pilot.pause()
            app.open_unit(ids["top"])
            await pilot.pause()
            assert isinstance(app.screen, UnitDetailScreen)
            await pilot.press("escape")
            app.open_unit(ids["self"])
            await pilot.pause()
            assert isinstance(app.screen, UnitDetailScreen)

    await asyncio.wait_for(browse(), timeout=20)
