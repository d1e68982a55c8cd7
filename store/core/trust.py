"""Only phutrach's own schema is trusted: a database's tables, columns, indexes, references,
triggers and views are compared with those its recorded migrations make in this version.

A restored backup or a file someone edited could carry a trigger that copies capability notes
into an ordinary table, or a view that exports them: such a file is refused before phutrach
writes a row to it. The schema expected is what the migrations make when run into an
in-memory database (packaged for this version's whole list: `PACKAGED`), once per list in a
process; a schema already found sound (the text of its sqlite_master) is not compared again,
so that verifying an open costs a few milliseconds. Only this version's migrations, in its
order, are trusted: a file from an older version is compared with what its own migrations
make, before it is migrated; one recording a migration this version does not know is a newer
version's.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from store.core import schema
from store.core.errors import DatabaseProblem
from store.lang.i18n import _

MIGRATIONS_TABLE = "_sqlite_migrations"
# The columns sqlite-utils gives its migrations table (older releases made it otherwise:
# its shape is checked by these names only).
_MIGRATION_COLUMNS = {"id", "migration_set", "name", "applied_at"}
# Indexes m005 makes unique only where the data stored before allowed it.
_MAYBE_UNIQUE = frozenset(name for _t, _c, name, _d in schema.UNIQUE)

_COLUMNS = """select m.name, c.name, upper(c.type), c."notnull", c.dflt_value, c.pk, c.hidden
  from sqlite_master m, pragma_table_xinfo(m.name) c
 where m.type = 'table' and m.name not like 'sqlite!_%' escape '!'"""
_INDEXES = """select m.name, i.name, i."unique", i.partial,
       (select group_concat(coalesce(x.name, x.cid) || ' ' || x."desc" || ' ' || x.coll, ',')
          from pragma_index_xinfo(i.name) x where x.key)
  from sqlite_master m, pragma_index_list(m.name) i
 where m.type = 'table' and m.name not like 'sqlite!_%' escape '!'"""
_REFERENCES = """select m.name, f."from", f."table", coalesce(f."to", ''), f.on_update, f.on_delete
  from sqlite_master m, pragma_foreign_key_list(m.name) f where m.type = 'table'"""
_OTHERS = "select type, name, tbl_name, sql from sqlite_master where type in ('trigger', 'view')"


class SchemaMismatch(DatabaseProblem):
    """The file's schema is not the one phutrach makes: `differences` says how, one line
    each. `check` can still open such a file, to list them."""

    def __init__(self, message: str, differences: tuple[str, ...]):
        super().__init__(message)
        self.differences = differences


@dataclass(frozen=True)
class Shape:
    """What a schema is made of, in comparable form."""

    columns: dict[str, dict[str, tuple]]  # table → column → (type, notnull, default, pk, hidden)
    indexes: dict[str, tuple]  # index → (table, unique, partial, key columns)
    references: dict[str, frozenset]  # table → its foreign keys
    others: dict[str, tuple[str, str, str]]  # trigger or view → (type, table, its statement)


def shape(conn: sqlite3.Connection) -> Shape:
    """The shape of the schema of `conn`: four queries, whatever the number of tables."""
    columns: dict[str, dict[str, tuple]] = {}
    for table, column, *rest in conn.execute(_COLUMNS):
        columns.setdefault(table, {})[column] = tuple(rest)
    indexes = {name: (table, unique, partial, keys) for table, name, unique, partial, keys
               in conn.execute(_INDEXES)}  # fmt: skip
    references: dict[str, set] = {}
    for table, *key in conn.execute(_REFERENCES):
        references.setdefault(table, set()).add(tuple(key))
    others = {
        name: (kind, table, statement(sql)) for kind, name, table, sql in conn.execute(_OTHERS)
    }
    frozen = {table: frozenset(keys) for table, keys in references.items()}
    return Shape(columns, indexes, frozen, others)


def statement(sql: str | None) -> str:
    """A trigger's or a view's statement as compared: its words, whatever the spacing."""
    return " ".join((sql or "").split())


@cache
def expected(names: tuple[str, ...]) -> Shape:
    """The shape the migrations `names` (this version's, in its order) make: read from
    `PACKAGED` for the whole list (a few ms saved on every open), else made in memory."""
    return _packaged(names) or built(names)


def built(names: tuple[str, ...]) -> Shape:
    """The shape the migrations `names` make, run into an in-memory database (20 ms)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    db = Database(conn)
    try:
        schema.migrations.ensure_migrations_table(db)
        for migration in schema.migrations._migrations:
            if migration.name in names:
                with db.atomic():
                    migration.fn(db)
        return shape(conn)
    finally:
        conn.close()


# The shape of this version's whole list of migrations, written by `python -c "from
# store.core import trust; trust.write_packaged()"`; tests/trust/test_schema_trust.py fails
# while it is not what they make.
PACKAGED = Path(__file__).with_name("schema_shape.json")


def _packaged(names: tuple[str, ...]) -> Shape | None:
    try:
        data = json.loads(PACKAGED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("migrations") != list(names):
        return None
    return Shape(
        {t: {c: tuple(v) for c, v in cols.items()} for t, cols in data["columns"].items()},
        {name: tuple(v) for name, v in data["indexes"].items()},
        {t: frozenset(tuple(k) for k in keys) for t, keys in data["references"].items()},
        {name: tuple(v) for name, v in data["others"].items()},
    )


def write_packaged() -> Path:
    """Write `PACKAGED` for this version's migrations (after adding one)."""
    names = tuple(m.name for m in schema.migrations._migrations)
    made = built(names)
    data = {
        "migrations": list(names),
        "columns": made.columns,
        "indexes": made.indexes,
        "references": {t: sorted(keys) for t, keys in made.references.items()},
        "others": made.others,
    }
    PACKAGED.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return PACKAGED


def in_order(names: tuple[str, ...]) -> bool:
    """`names` are this version's migrations, each once, in the order it applies them (a
    file from an older version has the first of them; tests leave one out)."""
    known = [m.name for m in schema.migrations._migrations]
    return list(names) == [name for name in known if name in names]


def recorded(conn: sqlite3.Connection) -> tuple[str, ...] | None:
    """The phutrach migrations the file says were applied, in order; None without the table."""
    try:
        rows = conn.execute(
            f"select name from {MIGRATIONS_TABLE} where migration_set = ? order by rowid",  # noqa: S608
            [schema.MIGRATION_SET],
        ).fetchall()
    except sqlite3.OperationalError:
        return None
    return tuple(r[0] for r in rows)


def newer(names: tuple[str, ...]) -> bool:
    """The file records a migration this version does not know: a newer phutrach wrote it."""
    return bool(set(names) - schema.known_migrations())


_sound: set[bytes] = set()


def differences(conn: sqlite3.Connection) -> list[str]:
    """How the schema of `conn` differs from phutrach's, one translated line each; none if
    it is phutrach's own. A file recording a migration out of order has one difference."""
    names = recorded(conn) or ()
    if not in_order(names):
        return [_("the migrations recorded are not those of phutrach, in its order")]
    digest = _digest(conn, names)
    if digest in _sound:
        return []
    try:
        have = shape(conn)
    except sqlite3.OperationalError as exc:  # a virtual table of a module SQLite lacks here
        return [_("a table phutrach cannot read ({error})").format(error=exc)]
    found = list(compare(have, expected(names)))
    if not found:
        _sound.add(digest)
    return found


def verify(conn: sqlite3.Connection, path: Path | str) -> None:
    """Raise DatabaseProblem unless the schema of `conn` is one phutrach makes: a newer
    version's file, or a SchemaMismatch naming the first difference."""
    names = recorded(conn) or ()
    if newer(names):
        raise DatabaseProblem(
            _(
                "{path} was written by a newer version of phutrach; update phutrach to open it."
            ).format(path=path)
        )
    found = differences(conn)
    if found:
        raise SchemaMismatch(refusal(path, found), tuple(found))


def refusal(path: Path | str, found: list[str]) -> str:
    """The one line that refuses a file whose schema differs as `found` says."""
    more = len(found) - 1
    detail = found[0] + (_(" (and {count} more)").format(count=more) if more else "")
    return _("{path} is refused: its schema is not phutrach's: {detail}.").format(
        path=path, detail=detail
    )


def _digest(conn: sqlite3.Connection, names: tuple[str, ...]) -> bytes:
    rows = conn.execute("select type, name, tbl_name, sql from sqlite_master order by 1, 2")
    return hashlib.sha256(repr((names, rows.fetchall())).encode()).digest()


def compare(found: Shape, wanted: Shape) -> Iterator[str]:
    """Each difference of `found` from `wanted`, in words."""
    for name, (kind, table, sql) in sorted(found.others.items()):
        # a trigger or a view of phutrach's name that does something else is not phutrach's
        if wanted.others.get(name) != (kind, table, sql):
            if kind == "trigger":
                yield _("trigger `{name}` on table `{table}` is not phutrach's").format(
                    name=name, table=table
                )
            else:
                yield _("view `{name}` is not phutrach's").format(name=name)
    yield from _tables(found, wanted)
    yield from _indexes(found.indexes, wanted.indexes)


def _tables(found: Shape, wanted: Shape) -> Iterator[str]:
    for table in sorted(found.columns.keys() - wanted.columns.keys()):
        yield _("table `{table}` is not phutrach's").format(table=table)
    for table in sorted(wanted.columns.keys() - found.columns.keys()):
        yield _("table `{table}` is missing").format(table=table)
    for table in sorted(found.columns.keys() & wanted.columns.keys()):
        have, want = found.columns[table], wanted.columns[table]
        if table == MIGRATIONS_TABLE:
            if set(have) - _MIGRATION_COLUMNS:
                yield _("table `{table}` is not phutrach's").format(table=table)
            continue
        for column in sorted(have.keys() - want.keys()):
            yield _("column `{column}` of table `{table}` is not phutrach's").format(
                column=column, table=table
            )
        for column in sorted(want.keys() - have.keys()):
            yield _("column `{column}` of table `{table}` is missing").format(
                column=column, table=table
            )
        for column in sorted(c for c in have.keys() & want.keys() if have[c] != want[c]):
            yield _(
                "column `{column}` of table `{table}` is not as phutrach makes it "
                "(its type, default, NOT NULL or key)"
            ).format(column=column, table=table)
        if found.references.get(table, frozenset()) != wanted.references.get(table, frozenset()):
            yield _("the references of table `{table}` are not phutrach's").format(table=table)


def _indexes(found: dict[str, tuple], wanted: dict[str, tuple]) -> Iterator[str]:
    for name in sorted(found.keys() - wanted.keys()):
        if found[name][0] != MIGRATIONS_TABLE:
            yield _("index `{name}` on table `{table}` is not phutrach's").format(
                name=name, table=found[name][0]
            )
    for name in sorted(wanted.keys() - found.keys()):
        if wanted[name][0] != MIGRATIONS_TABLE:
            yield _("index `{name}` on table `{table}` is missing").format(
                name=name, table=wanted[name][0]
            )
    for name in sorted(found.keys() & wanted.keys()):
        have, want = found[name], wanted[name]
        if name in _MAYBE_UNIQUE:
            have, want = (have[0], *have[2:]), (want[0], *want[2:])
        if have != want and found[name][0] != MIGRATIONS_TABLE:
            yield _("index `{name}` on table `{table}` is not as phutrach makes it").format(
                name=name, table=found[name][0]
            )
