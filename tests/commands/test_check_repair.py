"""`phutrach check` names a drift of the kept monthly meeting counts; `check --repair`
counts them again; an import of meetings keeps them exact."""

from store.core import db as store_db
from store.core import summaries
from tests.commands.loop_world import make_world, run
from tests.commands.test_import_meetings_cli import MEETING_HEAD, imported, write


def _drifted(path) -> None:
    db = store_db.connect(path, create=False)
    db.execute("update meeting_months set meetings = meetings + 1")
    db.conn.close()


def test_check_names_the_drift_and_repair_fixes_it(db_path):
    path, _ids = make_world(db_path)
    assert run("--db", path, "check").exit_code == 0
    _drifted(path)
    checked = run("--db", path, "check")
    assert checked.exit_code != 0
    assert "phutrach check --repair" in checked.stderr and "Traceback" not in checked.output
    repaired = run("--db", path, "check", "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert "Đã tính lại số liệu sinh hoạt theo tháng:" in repaired.stderr
    assert run("--db", path, "check").exit_code == 0


def test_an_import_of_meetings_keeps_the_counts_exact(db_path, tmp_path):
    path, _ids = make_world(db_path)
    file = write(
        tmp_path,
        "meetings.csv",
        MEETING_HEAD + "XA-DA-01,2026-08-03,regular,,20,18,2,0,100,1,1\n"
        "XA-DA-01,2026-08-17,regular,,20,10,10,0,100,1,1\n",
    )
    imported(path, "meetings", file)
    db = store_db.connect(path, create=False)
    assert summaries.drift(db) == []
    rows = db.execute(
        "select s.meetings, s.rate from meeting_months s join units u on u.id = s.unit_id"
        " where u.code = 'XA-DA-01' and s.month = '2026-08' and s.kind = 'regular'"
    ).fetchall()
    db.conn.close()
    assert rows[0][0] >= 2 and rows[0][1] is not None


def test_repair_rebuilds_a_search_index_a_tool_left_behind(db_path):
    """A unit renamed by a tool that dropped the index's triggers is found again after
    `check --repair`."""
    from store.org.units import count_units

    path, _ids = make_world(db_path)
    db = store_db.connect(path, create=False)
    triggers = db.execute(
        "select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'units'"
        " and name like '%fts%'"
    ).fetchall()
    assert triggers
    for name, _sql in triggers:
        db.execute(f"drop trigger {name}")
    db.execute("update units set name = 'Chi bộ Xóm Mới', name_folded = 'chi bo xom moi' "
               "where id = (select min(id) from units)")  # fmt: skip
    for _name, sql in triggers:
        db.execute(sql)
    db.conn.commit()
    assert count_units(db, "xom moi") == 0  # the index does not know the new name
    db.conn.close()
    repaired = run("--db", path, "check", "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert "Đã lập lại chỉ mục tìm kiếm" in repaired.stderr
    db = store_db.connect(path, create=False)
    assert count_units(db, "xom moi") == 1
    db.conn.close()
