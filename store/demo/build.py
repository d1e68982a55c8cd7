"""A living demo district: a fictional committee with its grassroots organizations, cells,
supervisors, people and two years of meetings, visits, concerns and plans, built
deterministically from a seed (same seed and same `today`, same data).

>>> from store import db
>>> summary = build_demo(db.memory(), today=date(2026, 10, 15))
>>> summary.counts["supervisors"]
30

The rows are generated in memory (store.demo.tree, demo_people, demo_life, demo_plans,
demo_concerns) and written in bulk in one transaction, with one `changes` row saying the
demo was built. `scale="province"` is the same generator with a province's counts, and
`scale="4x"` four provinces' worth, whose big tables are streamed to the file in batches
during the generation (same transaction) to keep the build's memory bounded.
"""

import json
import random
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.db import quote_identifier

from store.core import db as store_db
from store.core import records, search_index, settings, summaries
from store.core.errors import ValidationError
from store.core.files import atomic_path
from store.core.paths import demo_db_path, ensure_private_dir
from store.demo import data as demo_data
from store.demo.base import SCALES, STREAMED, Ctx, Rows
from store.demo.concerns import build_concerns
from store.demo.life import build_annual_ratings, build_meetings, build_visits
from store.demo.office import fill_letterhead
from store.demo.people import build_posts
from store.demo.plans import build_notes_and_plans
from store.demo.tree import build_supervisors, build_tree
from store.lang.codes import ChangeAction
from store.lang.i18n import _
from store.rules.rulebook import in_force as rulebook_in_force

# Tables with this many rows to write get their indexes built after the rows, not during.
_REINDEX_ROWS = 20_000
# Tables in the order their rows are written (parents first).
TABLES = (
    "units",
    "supervisors",
    "assignments",
    "people",
    "posts",
    "meetings",
    "visits",
    "capability_notes",
    "capability_note_visits",
    "succession_plans",
    "plan_candidates",
    "plan_actions",
    "concerns",
    "concern_events",
    "annual_ratings",
)
_PARTS = (
    build_tree,
    build_supervisors,
    build_posts,
    build_meetings,
    build_visits,
    build_notes_and_plans,
    build_concerns,
    build_annual_ratings,
)


@dataclass(frozen=True)
class DemoSummary:
    scale: str
    seed: int
    today: str
    counts: dict[str, int]  # rows written per table
    seconds: float


def build_demo(
    db: Database, *, today: date, seed: int = 2026, scale: str = "district"
) -> DemoSummary:
    """Fill an empty database with the demo; returns what was written."""
    if scale not in SCALES:
        raise ValidationError(
            _("Unknown demo scale {scale}: choose {choices}.").format(
                scale=scale, choices=", ".join(SCALES)
            ),
            field="scale",
        )
    if any(db[table].count for table in ("units", "supervisors", "people", "meetings")):
        raise ValidationError(_("The demo can only be built into an empty database."))
    started = time.perf_counter()
    size = SCALES[scale]
    sink = _Sink(db) if size.batch else None
    rows = Rows(seed, today, sink, size.batch)
    ctx = Ctx(random.Random(seed), rows, today, size, rulebook_in_force(db))
    with db.atomic():
        if sink is not None:  # rows may reach the file before the rows they refer to
            db.execute("PRAGMA defer_foreign_keys = ON")
        for part in _PARTS:
            part(ctx)
        counts = {table: rows.count(table) for table in TABLES}
        _settings(db, ctx, scale)
        for table in TABLES:
            if sink is not None and table in STREAMED:
                rows.flush(table)
            else:
                _insert(db, table, rows.tables.get(table, []), rows.uids(table))
        if sink is not None:
            sink.finish(rows.fetched)
        summaries.rebuild(db)  # the triggers were dropped while the rows went in
        search_index.rebuild(db)
        _log(db, scale, seed, today, counts)
    return DemoSummary(scale, seed, today.isoformat(), counts, time.perf_counter() - started)


def _settings(db: Database, ctx: Ctx, scale: str) -> None:
    """The committee and its letterhead (store.demo.office)."""
    province = demo_data.PROVINCE.upper()
    committee = (
        (f"TỈNH ỦY {province}", "TU", demo_data.PROVINCE)
        if scale != "district"
        else (f"HUYỆN ỦY {demo_data.DISTRICT.upper()}", "HU", demo_data.DISTRICT)
    )
    values = {
        "committee.parent_body": f"ĐẢNG BỘ TỈNH {province}",
        "committee.name": committee[0],
        "committee.short": committee[1],
        "committee.place": committee[2],
        "committee.term_start": "2025-01-01",
    }
    for key, value in values.items():
        settings.put(db, key, value)
    fill_letterhead(db, ctx, province=scale != "district")


def _insert(
    db: Database, table: str, rows: list[dict], uids: list[str], *, reindex: bool = True
) -> None:
    """Write rows in bulk with one prepared statement (sqlite-utils' insert_all spends most
    of a province build's time in Python, checking every value); values are parameters."""
    if not rows:
        return
    big = reindex and len(rows) >= _REINDEX_ROWS
    indexes = _drop_indexes(db, table, ("index", "trigger") if big else ("trigger",))
    columns = list(rows[0])
    names = ", ".join(quote_identifier(c) for c in ["uid", *columns])
    marks = ", ".join("?" for _c in range(len(columns) + 1))
    sql = f"INSERT INTO {quote_identifier(table)} ({names}) VALUES ({marks})"  # noqa: S608
    db.conn.executemany(
        sql, (_values(row, uid, columns) for row, uid in zip(rows, uids, strict=True))
    )
    for index_sql in indexes:
        db.execute(index_sql)


class _Sink:
    """Writes a streamed table's batches into the open transaction: its indexes dropped at
    the first batch and built again by `finish`, with the changes made to rows read back."""

    def __init__(self, db: Database):
        self.db = db
        self.indexes: dict[str, list[str]] = {}

    def write(self, table: str, rows: list[dict], uids: list[str]) -> None:
        if table not in self.indexes:
            self.indexes[table] = _drop_indexes(self.db, table)
        _insert(self.db, table, rows, uids, reindex=False)

    def read(self, table: str, row_id: int) -> dict:
        sql = f"SELECT * FROM {quote_identifier(table)} WHERE id = ?"  # noqa: S608
        cursor = self.db.execute(sql, [row_id])
        row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
        del row["uid"]
        return row

    def finish(self, fetched: dict[tuple[str, int], dict]) -> None:
        """Write back the rows read after they were written, then build the indexes."""
        for (table, row_id), row in fetched.items():
            columns = [c for c in row if c != "id"]
            sets = ", ".join(f"{quote_identifier(c)} = ?" for c in columns)
            sql = f"UPDATE {quote_identifier(table)} SET {sets} WHERE id = ?"  # noqa: S608
            self.db.execute(sql, [*(row[c] for c in columns), row_id])
        for statements in self.indexes.values():
            for index_sql in statements:
                self.db.execute(index_sql)


def _drop_indexes(
    db: Database, table: str, kinds: tuple[str, ...] = ("index", "trigger")
) -> list[str]:
    """Drop the table's indexes and triggers, returning the SQL that creates them again:
    SQLite builds an index from sorted keys much faster than it grows one row by row (a
    province's meetings load in half the time), and what the triggers keep (the summaries,
    the search indexes) is made once at the end. A small table keeps its indexes but loses
    its triggers too: an assignment's trigger looks its visits up, and while the visits
    stream in without their indexes each lookup read them all (4× took 20 minutes, not 3).
    Same transaction, same schema afterwards."""
    marks = ", ".join("?" for _kind in kinds)
    found = db.execute(
        f"select type, name, sql from sqlite_master where type in ({marks}) "  # noqa: S608
        "and tbl_name = ? and sql is not null",
        [*kinds, table],
    ).fetchall()
    for kind, name, _sql in found:
        db.execute(f"DROP {kind.upper()} {quote_identifier(name)}")
    return [sql for _kind, _name, sql in found]


def _values(row: dict, uid: str, columns: list[str]) -> tuple:
    if len(row) != len(columns):  # every row of a table has the same columns
        raise ValueError(f"demo row with other columns than {columns}: {row}")
    return (uid, *(row[c] for c in columns))


def _log(db: Database, scale: str, seed: int, today: date, counts: dict[str, int]) -> None:
    """One audit row for the whole demo, instead of one per record."""
    uid = str(uuid.UUID(int=random.Random(f"{seed}:demo").getrandbits(128), version=4))
    after = {"scale": scale, "seed": seed, "today": today.isoformat(), "counts": counts}
    db.table("changes").insert(
        {
            "at": records.now(),
            "actor": records.actor(),
            "table_name": "demo",
            "record_uid": uid,
            "action": ChangeAction.BUILD,
            "before": None,
            "after": json.dumps(after, ensure_ascii=False),
        }
    )


def demo_path(scale: str = "district") -> Path:
    """The demo's own file (one per scale), never the user's database."""
    path = demo_db_path()
    return path if scale == "district" else path.with_name(f"demo-{scale}.db")


def build_demo_file(
    path: Path, *, today: date, seed: int = 2026, scale: str = "district"
) -> DemoSummary:
    """Build the demo into a temporary file and rename it over `path`: an interrupted build
    leaves the old demo (or nothing), never half a demo."""
    path = Path(path)
    ensure_private_dir(path.parent)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # a killed build's leftovers
        _remove(stale)
    with atomic_path(path, private=True) as building:
        try:
            summary = _build_file(building, today=today, seed=seed, scale=scale)
        finally:
            _remove(building, only_sidecars=True)
        _remove(path, only_sidecars=True)  # the old demo's, before the new one takes its name
    return summary


def _build_file(building: Path, *, today: date, seed: int, scale: str) -> DemoSummary:
    database = store_db.connect(building)
    try:
        # A throw-away file until renamed: no WAL, no fsync, a large page cache, and no
        # foreign key look-ups (the generator keeps references right; tests check it).
        for pragma in (
            "journal_mode = MEMORY",
            "synchronous = OFF",
            "cache_size = -262144",
            "foreign_keys = OFF",
        ):
            database.execute(f"PRAGMA {pragma}")
        summary = build_demo(database, today=today, seed=seed, scale=scale)
        database.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        database.close()
    return summary


def _remove(path: Path, *, only_sidecars: bool = False) -> None:
    """Delete a database file and its WAL, shared-memory and journal files, if any (a
    journal left beside a file must not be replayed into another database)."""
    sidecars = ("-wal", "-shm", "-journal")
    names = sidecars if only_sidecars else ("", *sidecars)
    for suffix in names:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
