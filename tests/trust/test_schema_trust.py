"""Only phutrach's own schema is trusted: a backup carrying a trigger, a view, a column or an
index of someone else's is refused by `restore` before anything is replaced, by every open,
and named by `check`; a backup from a newer version is refused before replacing; a file from
an older version still opens and is migrated."""

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from commands.cli import cli
from store.core import backup as store_backup
from store.core import db as store_db
from store.core import schema, trust
from store.rules import health
from tests import factories as make
from tests.trust.helpers import count, district

# Copies every capability note written from now on into the settings, which exports and the
# history show: what a hostile backup would carry.
EVIL_TRIGGER = """create trigger copy_notes after insert on capability_notes begin
    insert into settings (key, value, updated_at) values ('x.' || new.id, new.narrative, '');
end"""

TAMPERINGS = {
    "trigger": ("create trigger spy after update on units begin select 1; end",
                "trigger `spy` trên bảng `units`"),
    "view": ("create view notes_out as select narrative from capability_notes",
             "view `notes_out`"),
    "column": ("alter table people add column leak text", "cột `leak` của bảng `people`"),
    "index": ("create index idx_spy on capability_notes(narrative)",
              "chỉ mục `idx_spy` trên bảng `capability_notes`"),
    "dropped index": ("drop index idx_changes_action",
                      "thiếu chỉ mục `idx_changes_action` trên bảng `changes`"),
    "table": ("create table spy (narrative text)", "bảng `spy` không phải của phutrach"),
}  # fmt: skip


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def tamper(path: Path, *statements: str) -> bytes:
    """Run `statements` on the file as another program would; its bytes afterwards."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path.read_bytes()


def _with_a_note(db_path: Path) -> None:
    world = district(db_path)
    db = store_db.connect(db_path)
    person = make.person(db, "Nguyễn Văn Ấn")
    make.note(db, person, unit_id=world["units"][0], narrative="Nhận xét mật")
    db.close()


def _backup_of(db_path: Path, tmp_path: Path) -> Path:
    db = store_db.connect(db_path)
    try:
        return store_backup.backup(db, tmp_path / "usb" / "backup.db")
    finally:
        db.close()


def _one_line(result, *fragments) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("Lỗi: ")
    for fragment in fragments:
        assert fragment in line, line
    return line


def test_a_backup_with_a_trigger_copying_notes_is_refused_and_nothing_replaced(db_path, tmp_path):
    _with_a_note(db_path)
    evil = _backup_of(db_path, tmp_path)
    tamper(evil, EVIL_TRIGGER)
    before = db_path.read_bytes()
    result = run("--db", db_path, "restore", evil)
    assert len(result.stderr.strip().splitlines()) == 1
    _one_line(result, str(evil), "trigger `copy_notes` trên bảng `capability_notes`")
    assert db_path.read_bytes() == before
    assert not list(store_backup.backup_dir(db_path).glob("*before-restore*"))
    db = store_db.connect(db_path)  # the current database still opens, and is sound
    assert health.check(db).ok
    assert "copy_notes" not in {t.name for t in db.triggers}
    db.close()


def test_a_sound_backup_is_still_restored(db_path, tmp_path):
    _with_a_note(db_path)
    kept = _backup_of(db_path, tmp_path)
    db = store_db.connect(db_path)
    make.unit(db, "Chi bộ thôn Mới")
    db.close()
    result = run("--db", db_path, "restore", kept)
    assert result.exit_code == 0, result.output
    assert count(db_path, "units") == 2


@pytest.mark.parametrize("kind", list(TAMPERINGS))
def test_check_and_every_open_name_what_was_tampered(db_path, kind):
    district(db_path)
    statement, named = TAMPERINGS[kind]
    before = tamper(db_path, statement)
    result = run("--db", db_path, "check")
    assert result.exit_code == 1
    assert f"- Cấu trúc dữ liệu không phải của phutrach: {named}" in result.stderr
    for command in (("units",), ("export", "units"), ("backup",)):
        _one_line(run("--db", db_path, *command), str(db_path), named)
    assert db_path.read_bytes() == before
    with pytest.raises(trust.SchemaMismatch, match=named.replace("`", ".")):
        store_db.connect(db_path)


def test_a_backup_from_a_newer_version_is_refused_before_replacing(db_path, tmp_path):
    _with_a_note(db_path)
    newer = _backup_of(db_path, tmp_path)
    tamper(newer, "insert into _sqlite_migrations (migration_set, name, applied_at) "
                  "values ('phutrach', 'm999_future', '2030-01-01')")  # fmt: skip
    before = db_path.read_bytes()
    _one_line(run("--db", db_path, "restore", newer), "phiên bản phutrach mới hơn")
    assert db_path.read_bytes() == before
    assert not list(store_backup.backup_dir(db_path).glob("*before-restore*"))
    assert run("--db", db_path, "check").exit_code == 0


def test_migrations_recorded_out_of_order_are_refused(db_path):
    district(db_path)
    tamper(db_path, "update _sqlite_migrations set rowid = 1000 where name = 'm001_initial'")
    _one_line(run("--db", db_path, "units"), "các bước nâng cấp ghi trong tệp")


def _older_file(path: Path, *, last: str = "m004_actions") -> None:
    """A database as phutrach made it before m005 (its migrations only, up to `last`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    names = [m.name for m in schema.migrations._migrations]
    schema.migrations.apply(db, stop_before=names[names.index(last) + 1])
    db.execute(
        "insert into units (uid, created_at, updated_at, name, name_folded, sort_key, kind)"
        " values ('u-1', '2025-01-01', '2025-01-01', 'Chi bộ thôn 1', 'chi bo thon 1', 'x',"
        " 'cell')"
    )
    db.conn.commit()
    db.close()


def test_an_older_file_opens_and_is_migrated(db_path):
    _older_file(db_path)
    db = store_db.connect(db_path)
    assert not schema.migrations.pending(db)
    assert "committee_size" in db["units"].columns_dict
    assert health.check(db).ok
    db.close()
    assert list(store_backup.backup_dir(db_path).glob("*before-migration*"))


def test_an_older_file_is_compared_with_what_its_own_migrations_made(db_path, tmp_path):
    _older_file(db_path)
    tamper(db_path, "create view spy as select 1")
    _one_line(run("--db", db_path, "units"), "view `spy`")
    assert count(db_path, "_sqlite_migrations") == 4  # refused before migrating
    older = tmp_path / "older.db"
    _older_file(older)
    current = tmp_path / "current" / "phutrach.db"
    district(current)
    assert run("--db", current, "restore", older).exit_code == 0
    assert count(current, "units") == 1


# Property-based: any small tampering of the schema, in any table, is found and named.
_TEMPLATE = store_db.memory()
# FTS5 tables (the search index) take no trigger, column or index: SQLite refuses them all.
_VIRTUAL = {
    r[0]
    for r in _TEMPLATE.execute("select name from sqlite_master where sql like 'create virtual%'")
}
_TABLES = sorted(
    t for t in _TEMPLATE.table_names() if t != trust.MIGRATIONS_TABLE and t not in _VIRTUAL
)
_INDEXES = sorted(
    r[0] for r in _TEMPLATE.execute(
        "select name from sqlite_master where type = 'index' and sql is not null"
        " and tbl_name <> '_sqlite_migrations'"
    )
)  # fmt: skip
_NAMES = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8).map(lambda s: f"x{s}")
_TAMPERING = st.one_of(
    st.tuples(st.just("trigger"), _NAMES, st.sampled_from(_TABLES),
              st.sampled_from(["insert", "update", "delete"])),
    st.tuples(st.just("view"), _NAMES, st.sampled_from(_TABLES)),
    st.tuples(st.just("column"), _NAMES, st.sampled_from(_TABLES),
              st.sampled_from(["text", "integer", "integer not null default 0"])),
    st.tuples(st.just("index"), _NAMES, st.sampled_from(_TABLES)),
    st.tuples(st.just("drop"), st.sampled_from(_INDEXES)),
)  # fmt: skip


def _sql(change: tuple) -> str:
    match change:
        case ("trigger", name, table, event):
            return f"create trigger {name} after {event} on {table} begin select 1; end"
        case ("view", name, table):
            return f"create view {name} as select * from {table}"
        case ("column", name, table, kind):
            return f"alter table {table} add column {name} {kind}"
        case ("index", name, table):
            first = next(iter(_TEMPLATE[table].columns_dict))
            return f"create index {name} on {table}({first})"
        case ("drop", name):
            return f"drop index {name}"
    raise AssertionError(change)


def _copy() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _TEMPLATE.conn.backup(conn)
    return conn


def test_the_schema_phutrach_makes_has_no_differences():
    assert trust.differences(_copy()) == []
    assert trust.differences(_TEMPLATE.conn) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TAMPERING, min_size=1, max_size=3, unique_by=lambda c: c[1]))
def test_any_small_tampering_is_refused_naming_each_change(changes):
    conn = _copy()
    for change in changes:
        conn.execute(_sql(change))
    found = trust.differences(conn)
    for change in changes:
        assert any(f"`{change[1]}`" in line for line in found), (change, found)
    with pytest.raises(trust.SchemaMismatch) as caught:
        trust.verify(conn, "backup.db")
    assert found[0] in caught.value.message
    assert caught.value.differences == tuple(found)


def test_the_packaged_shape_is_what_the_migrations_make():
    """Failing after a migration was added? Run
    python -c "from store.core import trust; trust.write_packaged()"."""
    names = tuple(m.name for m in schema.migrations._migrations)
    assert trust._packaged(names) == trust.built(names)
    assert trust._packaged(names[:-1]) is None  # an older list: made in memory
    assert trust.expected(names[:4]) == trust.built(names[:4])


def test_an_index_m005_could_not_make_unique_is_still_phutrachs():
    """m005 leaves idx_meetings_unique plain where older data had duplicates: not tampering."""
    conn = _copy()
    conn.execute("drop index idx_meetings_unique")
    conn.execute("create index idx_meetings_unique on meetings (unit_id, kind, date)")
    assert trust.differences(conn) == []
    conn.execute("drop index idx_meetings_unique")
    conn.execute("create index idx_meetings_unique on meetings (unit_id, date)")
    assert trust.differences(conn) == [
        "chỉ mục `idx_meetings_unique` trên bảng `meetings` khác với chỉ mục phutrach tạo"
    ]
