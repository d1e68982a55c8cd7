"""The search index: one FTS5 trigram table per searched table, over its folded text with
each word marked at its start.

A search matches every typed word: one of three characters or more anywhere in the folded
text (trigrams keep the substring match: "uyen" finds "nguyen"), a shorter one at the start of
a word ("v" finds "van", not "nguyen"; "ng" finds "nguyen", not "trung"): a letter or two
typed is the start of a word, and anywhere it would keep nearly every row. Each word of the
text is indexed after two MARK characters (fold() makes control characters spaces, so no
text or search holds one), so that a short word is a trigram too ("\x1f\x1fv", "\x1fng"):
every search is one MATCH, whose rows come in id order one at a time (a LIMIT stops it).

External content (a view of the marked text; the index holds only trigrams), kept exact by
triggers rather than by the write functions: every writer (the store's functions, imports,
the restore of a deleted record, the demo builder, a user's own SQLite tool) goes through
them, in the same transaction. `case_sensitive 1`, as the text is folded (lower case) already.
"""

from sqlite_utils import Database

from store.lang.text import like_pattern

# table → (its FTS5 table, the folded column it indexes)
INDEXED = {
    "units": ("units_fts", "name_folded"),
    "people": ("people_fts", "name_folded"),
    "supervisors": ("supervisors_fts", "name_folded"),
    "concerns": ("concerns_fts", "description_folded"),
    "posts": ("posts_fts", "name_folded"),  # its person's and its unit's names (below)
    "open_concerns": ("open_concerns_fts", "description_folded"),  # as concerns, the open ones
}
# The open concerns' statuses (store.concerns.workflow.OPEN, which checks it is the same).
OPEN_STATUSES = "('new', 'in_progress', 'escalated')"
MARK = "\x1f"
SHORT = 3  # a word under SHORT characters matches at a word's start


def marked_sql(column: str) -> str:
    """The SQL of `column`'s folded text as the index holds it: MARK MARK before each word."""
    return f"(char(31, 31) || replace(coalesce({column}, ''), ' ', ' ' || char(31, 31)))"


_CREATE = """CREATE VIEW {fts}_text(id, words) AS SELECT id, {marked} FROM {table};
CREATE VIRTUAL TABLE {fts} USING fts5(
    words, content='{fts}_text', content_rowid='id', tokenize='trigram case_sensitive 1')"""
_TRIGGERS = (
    """CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO {fts}(rowid, words) VALUES (new.id, {new});
END""",
    """CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, words) VALUES ('delete', old.id, {old});
END""",
    """CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {col} ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, words) VALUES ('delete', old.id, {old});
    INSERT INTO {fts}(rowid, words) VALUES (new.id, {new});
END""",
)


# A concern is found by the words of its description and of its unit's name: its index holds
# both, so that a search is one MATCH (not two sets a word); a unit renamed re-indexes its
# concerns (the old name out, the new in), in the rename's transaction.
_CONCERN_TEXT = "{marked_description} || ' ' || {marked_name}"
_CONCERNS = (
    """CREATE VIEW concerns_fts_text(id, words) AS SELECT c.id, {text}
    FROM concerns c JOIN units u ON u.id = c.unit_id""",
    """CREATE VIRTUAL TABLE concerns_fts USING fts5(
    words, content='concerns_fts_text', content_rowid='id', tokenize='trigram case_sensitive 1')""",
    """CREATE TRIGGER concerns_fts_insert AFTER INSERT ON concerns BEGIN
    INSERT INTO concerns_fts(rowid, words)
    SELECT new.id, {new} FROM units u WHERE u.id = new.unit_id;
END""",
    """CREATE TRIGGER concerns_fts_delete AFTER DELETE ON concerns BEGIN
    INSERT INTO concerns_fts(concerns_fts, rowid, words)
    SELECT 'delete', old.id, {old} FROM units u WHERE u.id = old.unit_id;
END""",
    """CREATE TRIGGER concerns_fts_update AFTER UPDATE OF id, description_folded, unit_id
ON concerns BEGIN
    INSERT INTO concerns_fts(concerns_fts, rowid, words)
    SELECT 'delete', old.id, {old} FROM units u WHERE u.id = old.unit_id;
    INSERT INTO concerns_fts(rowid, words)
    SELECT new.id, {new} FROM units u WHERE u.id = new.unit_id;
END""",
    """CREATE TRIGGER concerns_fts_unit_update AFTER UPDATE OF name_folded ON units BEGIN
    INSERT INTO concerns_fts(concerns_fts, rowid, words)
    SELECT 'delete', c.id, {unit_old} FROM concerns c WHERE c.unit_id = old.id;
    INSERT INTO concerns_fts(rowid, words)
    SELECT c.id, {unit_new} FROM concerns c WHERE c.unit_id = new.id;
END""",
    """CREATE TRIGGER concerns_fts_unit_delete AFTER DELETE ON units BEGIN
    INSERT INTO concerns_fts(concerns_fts, rowid, words)
    SELECT 'delete', c.id, {unit_old} FROM concerns c WHERE c.unit_id = old.id;
END""",
)


# The open concerns alone, indexed as concerns_fts indexes them: the board's own list (the open
# ones, its default) searched in proportion to the open board (3,400 at the province), not to
# every concern ever raised (20,000, and more each year). A concern enters it when raised or
# reopened and leaves it when closed, in the same transaction.
_OPEN_CONCERNS = (
    """CREATE VIEW open_concerns_fts_text(id, words) AS SELECT c.id, {text}
    FROM concerns c JOIN units u ON u.id = c.unit_id WHERE c.status IN {open}""",
    """CREATE VIRTUAL TABLE open_concerns_fts USING fts5(words, content='open_concerns_fts_text',
    content_rowid='id', tokenize='trigram case_sensitive 1')""",
    """CREATE TRIGGER open_concerns_fts_insert AFTER INSERT ON concerns
WHEN new.status IN {open} BEGIN
    INSERT INTO open_concerns_fts(rowid, words)
    SELECT new.id, {new} FROM units u WHERE u.id = new.unit_id;
END""",
    """CREATE TRIGGER open_concerns_fts_delete AFTER DELETE ON concerns
WHEN old.status IN {open} BEGIN
    INSERT INTO open_concerns_fts(open_concerns_fts, rowid, words)
    SELECT 'delete', old.id, {old} FROM units u WHERE u.id = old.unit_id;
END""",
    """CREATE TRIGGER open_concerns_fts_update
AFTER UPDATE OF id, description_folded, unit_id, status ON concerns BEGIN
    INSERT INTO open_concerns_fts(open_concerns_fts, rowid, words)
    SELECT 'delete', old.id, {old} FROM units u
     WHERE u.id = old.unit_id AND old.status IN {open};
    INSERT INTO open_concerns_fts(rowid, words)
    SELECT new.id, {new} FROM units u WHERE u.id = new.unit_id AND new.status IN {open};
END""",
    """CREATE TRIGGER open_concerns_fts_unit_update AFTER UPDATE OF name_folded ON units BEGIN
    INSERT INTO open_concerns_fts(open_concerns_fts, rowid, words)
    SELECT 'delete', c.id, {unit_old} FROM concerns c
     WHERE c.unit_id = old.id AND c.status IN {open};
    INSERT INTO open_concerns_fts(rowid, words)
    SELECT c.id, {unit_new} FROM concerns c WHERE c.unit_id = new.id AND c.status IN {open};
END""",
    """CREATE TRIGGER open_concerns_fts_unit_delete AFTER DELETE ON units BEGIN
    INSERT INTO open_concerns_fts(open_concerns_fts, rowid, words)
    SELECT 'delete', c.id, {unit_old} FROM concerns c
     WHERE c.unit_id = old.id AND c.status IN {open};
END""",
)


def _concern_text(description: str, name: str) -> str:
    return _CONCERN_TEXT.format(
        marked_description=marked_sql(description), marked_name=marked_sql(name)
    )


def _concern_names() -> dict[str, str]:
    return {
        "text": _concern_text("c.description_folded", "u.name_folded"),
        "new": _concern_text("new.description_folded", "u.name_folded"),
        "old": _concern_text("old.description_folded", "u.name_folded"),
        "unit_new": _concern_text("c.description_folded", "new.name_folded"),
        "unit_old": _concern_text("c.description_folded", "old.name_folded"),
        "open": OPEN_STATUSES,
    }


# A post is found by its person's name and its unit's: the secretaries list's search, one
# MATCH where a word was two sets (the person's, the unit's) and a union. A person or a unit
# renamed re-indexes their posts, in the rename's transaction.
_POST_TEXT = "{person} || ' ' || {unit}"
_POST_JOIN = "FROM people p, units u WHERE p.id = {r}.person_id AND u.id = {r}.unit_id"
_POSTS = (
    """CREATE VIEW posts_fts_text(id, words) AS SELECT s.id, {text}
    FROM posts s JOIN people p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id""",
    """CREATE VIRTUAL TABLE posts_fts USING fts5(
    words, content='posts_fts_text', content_rowid='id', tokenize='trigram case_sensitive 1')""",
    """CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts(rowid, words) SELECT new.id, {text} {new_join};
END""",
    """CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, words) SELECT 'delete', old.id, {text} {old_join};
END""",
    """CREATE TRIGGER posts_fts_update AFTER UPDATE OF id, person_id, unit_id ON posts BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, words) SELECT 'delete', old.id, {text} {old_join};
    INSERT INTO posts_fts(rowid, words) SELECT new.id, {text} {new_join};
END""",
    """CREATE TRIGGER posts_fts_person_update AFTER UPDATE OF name_folded ON people BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, words) SELECT 'delete', s.id, {person_old}
    FROM posts s JOIN units u ON u.id = s.unit_id WHERE s.person_id = old.id;
    INSERT INTO posts_fts(rowid, words) SELECT s.id, {person_new}
    FROM posts s JOIN units u ON u.id = s.unit_id WHERE s.person_id = new.id;
END""",
    """CREATE TRIGGER posts_fts_unit_update AFTER UPDATE OF name_folded ON units BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, words) SELECT 'delete', s.id, {unit_old}
    FROM posts s JOIN people p ON p.id = s.person_id WHERE s.unit_id = old.id;
    INSERT INTO posts_fts(rowid, words) SELECT s.id, {unit_new}
    FROM posts s JOIN people p ON p.id = s.person_id WHERE s.unit_id = new.id;
END""",
)


def _post_text(person: str, unit: str) -> str:
    return _POST_TEXT.format(person=marked_sql(person), unit=marked_sql(unit))


def _post_names() -> dict[str, str]:
    return {
        "text": _post_text("p.name_folded", "u.name_folded"),
        "new_join": _POST_JOIN.format(r="new"),
        "old_join": _POST_JOIN.format(r="old"),
        "person_old": _post_text("old.name_folded", "u.name_folded"),
        "person_new": _post_text("new.name_folded", "u.name_folded"),
        "unit_old": _post_text("p.name_folded", "old.name_folded"),
        "unit_new": _post_text("p.name_folded", "new.name_folded"),
    }


# The indexes over a join: their statements and the SQL fragments those are made of.
_JOINED = {
    "concerns": (_CONCERNS, _concern_names),
    "posts": (_POSTS, _post_names),
    "open_concerns": (_OPEN_CONCERNS, _concern_names),
}
_SUFFIXES = ("insert", "delete", "update", "unit_update", "unit_delete", "person_update")


def create(db: Database, tables: tuple[str, ...] = tuple(INDEXED)) -> None:
    """Make the index of each of `tables` (all by default), its view and its triggers (any
    older form dropped first), and fill it from the rows already there."""
    for table in tables:
        fts, col = INDEXED[table]
        for suffix in _SUFFIXES:
            db.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        db.execute(f"DROP TABLE IF EXISTS {fts}")
        db.execute(f"DROP VIEW IF EXISTS {fts}_text")
        if table in _JOINED:
            statements, fragments = _JOINED[table]
            for statement in statements:
                db.execute(statement.format(**fragments()))
            rebuild(db, table)
            continue
        names = {"fts": fts, "table": table, "col": col, "marked": marked_sql(col)}
        names |= {"new": marked_sql(f"new.{col}"), "old": marked_sql(f"old.{col}")}
        for statement in _CREATE.format(**names).split(";\n"):
            db.execute(statement)
        for trigger in _TRIGGERS:
            db.execute(trigger.format(**names))
        rebuild(db, table)


def rebuild(db: Database, table: str | None = None) -> None:
    """Make the index of `table` (every table if None) again from its rows: for a file some
    tool wrote with the triggers left out (`phutrach check --repair`)."""
    for name, (fts, _col) in INDEXED.items():
        if table in (None, name):
            db.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608 (our names)


def holds(text: str, words: list[str]) -> bool:
    """The same meaning in Python, for rows filtered in memory: `text` (folded) holds every
    one of `words`, a short one at a word's start."""
    spaced = " " + text
    return all(w in text if len(w) >= SHORT else " " + w in spaced for w in words)


def match_text(words: list[str]) -> str:
    """The MATCH string of rows holding every one of `words` (folded): each an FTS5 string
    (so `"`, `*`, NEAR, AND or `col:` are text), a short one after its word-start marks."""
    return " ".join(quoted(MARK * max(SHORT - len(w), 0) + w) for w in words)


def match_clause(
    words: list[str], table: str, *, id_column: str = "id", column: str | None = None
) -> tuple[str, list[str]]:
    """A WHERE fragment keeping the rows of `table` (their id in `id_column`) whose folded
    text holds every one of `words` (folded), through the index. `column` is unused: every
    word goes through the index now; kept for the callers."""
    if not words:
        return "1", []
    fts = INDEXED[table][0]
    return f"{id_column} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)", [match_text(words)]  # noqa: S608


def like_clause(words: list[str], column: str) -> tuple[str, list[str]]:
    """What `match_clause` keeps, tested on each row read: every word LIKE in `column`. For a
    page read in sort order when the words are common (`dense`): the page's rows, each tested,
    cost less than the lookup of every match and a sort."""
    spaced = f"(' ' || {column})"  # a short word after a space: at a word's start
    parts = [f"{column if len(w) >= SHORT else spaced} LIKE ? ESCAPE '\\'" for w in words]
    return " AND ".join(parts) or "1", [word_pattern(w) for w in words]


def word_pattern(word: str) -> str:
    """The LIKE pattern of `word` as the index matches it: anywhere, or a word's start."""
    return like_pattern(word) if len(word) >= SHORT else "% " + like_pattern(word)[1:]


def matching(words: list[str], table: str, alias: str) -> tuple[str, str, list[str]]:
    """FROM, WHERE and parameters of the rows of `table` (named `alias`) holding every word:
    driven by the MATCH, whose rows come one at a time in id order, so that a LIMIT (a
    capped count, `dense`) stops it after that many, where `id IN (…)` reads every match."""
    if not words:
        return f"{table} AS {alias}", "1", []
    fts = INDEXED[table][0]
    source = f"{fts} JOIN {table} AS {alias} ON {alias}.id = {fts}.rowid"
    return source, f"{fts} MATCH ?", [match_text(words)]


def capped_count(db: Database, sql: str, params: list | dict, cap: int | None) -> int:
    """The rows of `sql` counted, up to `cap` + 1 when `cap` is given (a list then says "more
    than `cap`": a count that stops, whatever the size of the province)."""
    limit = "" if cap is None else f" LIMIT {int(cap) + 1}"
    count = f"SELECT count(*) FROM ({sql}{limit})"  # noqa: S608 (our fragments, values bound)
    return db.execute(count, params).fetchone()[0]


def dense(db: Database, words: list[str], table: str, over: int | None = None) -> bool:
    """More than `over` (CAP by default) rows of `table` hold every word (a capped count): a
    page in sort order then reads fewer rows in that order (its index, each row tested,
    stopping at the page's end) than the lookup of every match and a sort."""
    if not words:
        return False
    limit = CAP if over is None else over
    return capped_count(db, *index_only(words, table), limit) > limit


def index_only(words: list[str], table: str) -> tuple[str, list[str]]:
    """The query of a row a match of every word in the index of `table`, and its parameter:
    read from the index alone, not a row of the table."""
    fts = INDEXED[table][0]
    return f"SELECT 1 FROM {fts} WHERE {fts} MATCH ?", [match_text(words)]  # noqa: S608


CAP = 1000  # a count stops past it; a list shows "more than 1,000"


def quoted(word: str) -> str:
    """`word` as an FTS5 string: in double quotes, each of its own doubled."""
    return '"' + word.replace('"', '""') + '"'
