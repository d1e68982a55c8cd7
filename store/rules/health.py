"""A database's health: SQLite's own integrity and foreign-key checks, the migrations,
whether the rulebook in force still loads, and whether every recorded score agrees with its
meeting's facts (store.rules.facts). It lives with the rules because the rulebook is the
highest thing it checks; the core knows nothing of rulebooks."""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core import schema, settings
from store.lang.i18n import _
from store.rules import facts, rulebook


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    problems: tuple[str, ...]


def check(db: Database, rulebook_source=None) -> CheckResult:
    """Integrity, foreign keys, migrations, the rulebook and the score-fact ties: a list of
    problems, or none."""
    problems: list[str] = []
    integrity = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        problems.append(
            _("Integrity check failed: {detail}").format(detail="; ".join(integrity[:5]))
        )
    for table, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        problems.append(
            _("Table {table}, row {rowid}: refers to a missing {parent} record.").format(
                table=table, rowid=rowid, parent=parent
            )
        )
    if schema.migrations.pending(db):
        problems.append(_("The database schema is not up to date."))
    try:
        book = rulebook.load(rulebook_source or settings.get(db, "rulebook"))
    except rulebook.RulebookError as exc:
        problems.append(exc.message)
    else:
        problems += facts.broken_ties(db, book)
    return CheckResult(not problems, tuple(problems))
