"""Changesets by diff against a base, applied with conflicts decided by the caller."""

import shutil

import apsw

from store.sync import changes

SCHEMA = """CREATE TABLE notes(id INTEGER PRIMARY KEY, site TEXT NOT NULL, text TEXT);
CREATE TABLE notes_count(n INTEGER);
INSERT INTO notes_count VALUES (0);
CREATE TRIGGER counted AFTER INSERT ON notes BEGIN UPDATE notes_count SET n = n + 1; END;
INSERT INTO notes(id, site, text) VALUES (1, 'office', 'a'), (2, 'site-1', 'b');"""


def _pair(tmp_path):
    live, base = tmp_path / "live.db", tmp_path / "base.db"
    conn = changes.connect(live)
    conn.execute(SCHEMA)
    conn.close()
    shutil.copy(live, base)
    return live, base


def _rows(conn):
    return list(conn.execute("SELECT id, site, text FROM notes ORDER BY id"))


def test_the_diff_holds_exactly_what_changed_since_the_base(tmp_path):
    live, base = _pair(tmp_path)
    conn = changes.connect(live)
    conn.execute("UPDATE notes SET text = 'B' WHERE id = 2; DELETE FROM notes WHERE id = 1;")
    conn.execute("INSERT INTO notes VALUES (3, 'site-1', 'c')")
    found = changes.diff(conn, base, ["notes"])
    ops = sorted((c.op, c.old and c.old[0], c.new and c.new[0]) for c in apsw.Changeset.iter(found))
    assert ops == [("DELETE", 1, None), ("INSERT", None, 3), ("UPDATE", 2, apsw.no_change)]
    assert changes.diff(conn, live, ["notes"]) == b""  # a file against itself: nothing


def test_applying_the_diff_to_the_base_makes_it_the_live_state_and_fires_its_triggers(tmp_path):
    live, base = _pair(tmp_path)
    conn = changes.connect(live)
    conn.execute(
        "INSERT INTO notes VALUES (3, 'site-1', 'c'); UPDATE notes SET text='A' WHERE id=1;"
    )
    found = changes.diff(conn, base, ["notes"])
    other = changes.connect(base)
    with other:
        done = changes.apply(other, found, lambda reason, change: changes.ABORT)
    assert _rows(other) == _rows(conn)
    assert done.changes == {"notes": 2} and done.conflicts == []
    assert other.execute("SELECT n FROM notes_count").get == 3  # 2 made, 1 applied: kept


def test_a_conflict_goes_to_the_caller_and_its_answer_is_kept(tmp_path):
    live, base = _pair(tmp_path)
    conn = changes.connect(live)
    conn.execute("UPDATE notes SET text = 'from the site' WHERE id = 2")
    found = changes.diff(conn, base, ["notes"])
    office = changes.connect(base)
    office.execute("UPDATE notes SET text = 'from the office' WHERE id = 2")
    with office:
        done = changes.apply(office, found, lambda reason, change: changes.OMIT)
    assert _rows(office)[1] == (2, "site-1", "from the office")
    [(reason, table, here, theirs, answer)] = done.conflicts
    assert (reason, table, answer) == (changes.DATA, "notes", changes.OMIT)
    assert here[2] == "from the office" and theirs[2] == "from the site"
    with office:
        changes.apply(office, found, lambda reason, change: changes.REPLACE)
    assert _rows(office)[1] == (2, "site-1", "from the site")


def test_an_aborted_apply_leaves_nothing(tmp_path):
    live, base = _pair(tmp_path)
    conn = changes.connect(live)
    conn.execute(
        "INSERT INTO notes VALUES (3, 'site-1', 'c'); UPDATE notes SET text='x' WHERE id=2"
    )
    found = changes.diff(conn, base, ["notes"])
    office = changes.connect(base)
    office.execute("UPDATE notes SET text = 'y' WHERE id = 2")
    before = _rows(office)
    try:
        with office:
            changes.apply(office, found, lambda reason, change: changes.ABORT)
    except apsw.AbortError:
        pass
    assert _rows(office) == before


def test_keep_filters_a_changeset_by_row(tmp_path):
    live, base = _pair(tmp_path)
    conn = changes.connect(live)
    conn.execute("INSERT INTO notes VALUES (3, 'site-1', 'c'), (4, 'office', 'd')")
    found = changes.diff(conn, base, ["notes"])
    mine = changes.keep(found, lambda change: change.new[1] == "site-1")
    assert [c.new[0] for c in apsw.Changeset.iter(mine)] == [3]
