"""The search index: one FTS5 trigram table per searched table, over its folded text.

External content (the text stays in its own table, the index holds only trigrams), kept
exact by triggers rather than by the write functions: every writer (the store's functions,
imports, the restore of a deleted record, the demo builder, a user's own SQLite tool) goes
through them, in the same transaction. Trigrams keep the searches' meaning, "every typed word
anywhere in the folded text"; `case_sensitive 1`, as the text is folded (lower case) already.
"""

from sqlite_utils import Database

from store.lang.text import like_pattern

# table → (its FTS5 table, the folded column it indexes)
INDEXED = {
    "units": ("units_fts", "name_folded"),
    "people": ("people_fts", "name_folded"),
    "supervisors": ("supervisors_fts", "name_folded"),
    "concerns": ("concerns_fts", "description_folded"),
}

_CREATE = """CREATE VIRTUAL TABLE {fts} USING fts5(
    {col}, content='{table}', content_rowid='id', tokenize='trigram case_sensitive 1')"""
_TRIGGERS = (
    """CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO {fts}(rowid, {col}) VALUES (new.id, new.{col});
END""",
    """CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, {col}) VALUES ('delete', old.id, old.{col});
END""",
    """CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {col} ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, {col}) VALUES ('delete', old.id, old.{col});
    INSERT INTO {fts}(rowid, {col}) VALUES (new.id, new.{col});
END""",
)


def create(db: Database) -> None:
    """Make every index and its triggers, and fill it from the rows already there."""
    for table, (fts, col) in INDEXED.items():
        names = {"fts": fts, "table": table, "col": col}
        db.execute(_CREATE.format(**names))
        for trigger in _TRIGGERS:
            db.execute(trigger.format(**names))
        rebuild(db, table)


def rebuild(db: Database, table: str | None = None) -> None:
    """Make the index of `table` (every table if None) again from its rows: for a file some
    tool wrote with the triggers left out (`phutrach check --repair`)."""
    for name, (fts, _col) in INDEXED.items():
        if table in (None, name):
            db.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608 (our names)


def match_clause(
    words: list[str], table: str, *, id_column: str = "id", column: str | None = None
) -> tuple[str, list[str]]:
    """A WHERE fragment keeping the rows of `table` (their id in `id_column`) whose folded
    text holds every one of `words` (folded): the words of three characters or more through
    the index, each quoted as an FTS5 string (so `"`, `*`, NEAR, AND or `col:` are text), the
    shorter ones, which trigrams cannot find, by LIKE on `column` (the indexed one if None)."""
    fts, indexed = INDEXED[table]
    long = [w for w in words if len(w) >= 3]
    parts, params = [], []
    if long:
        parts.append(f"{id_column} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)")  # noqa: S608 (our names)
        params.append(" ".join(quoted(w) for w in long))
    for word in words:
        if len(word) < 3:
            parts.append(f"{column or indexed} LIKE ? ESCAPE '\\'")
            params.append(like_pattern(word))
    return " AND ".join(parts) or "1", params


def common(db: Database, words: list[str], table: str) -> bool:
    """The indexed words match one row of `table` in DENSE or more: a page in sort order then
    costs fewer rows read in that order (its index, stopping at the page's end) than the
    lookup of every match and a sort; counting the matches reads the index alone."""
    long = [w for w in words if len(w) >= 3]
    if not long:
        return False
    fts = INDEXED[table][0]
    sql = f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ?"  # noqa: S608 (our names)
    found = db.execute(sql, [" ".join(quoted(w) for w in long)]).fetchone()[0]
    rows = db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0  # noqa: S608
    return found * DENSE >= rows


DENSE = 20


def quoted(word: str) -> str:
    """`word` as an FTS5 string: in double quotes, each of its own doubled."""
    return '"' + word.replace('"', '""') + '"'
