"""Worker threads read through a connection of their own, never the app's."""

import sqlite3
import threading

import pytest

from store.core import db as store_db
from store.core.errors import DatabaseProblem
from tests.tui.test_compliance import grid_rows, open_grid
from tui.widgets.personnel_gaps import PersonnelGaps

SIZE = (120, 40)


def threads_on(connection: sqlite3.Connection) -> list[str]:
    """Start recording the thread of every statement run on `connection`."""
    seen: list[str] = []
    connection.set_trace_callback(lambda _sql: seen.append(threading.current_thread().name))
    return seen


async def test_the_workers_queries_do_not_run_on_the_apps_connection(app):
    seen = threads_on(app.db.conn)  # from the start: the gaps' worker runs as the app opens
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(PersonnelGaps).gaps is not None  # the gaps' worker ran
        await open_grid(app, pilot)
        assert len(grid_rows(app)) == 3  # the grid's worker ran
        assert seen and set(seen) == {threading.current_thread().name}


def test_a_reading_connection_reads_and_cannot_write(district):
    path, ids = district
    with store_db.reading(path) as db:
        assert db["units"].get(ids["dao_xa"])["code"] == "AB-KD-01"
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            db.execute("DELETE FROM units")
        assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")  # closed after use


def test_a_reading_connection_to_no_database_says_so(tmp_path):
    with pytest.raises(DatabaseProblem), store_db.reading(tmp_path / "none.db"):
        pass
