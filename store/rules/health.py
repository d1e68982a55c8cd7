"""A database's health: SQLite's own integrity and foreign-key checks, the migrations,
whether the rulebook in force still loads, and whether every recorded score agrees with its
meeting's facts (store.rules.facts). It lives with the rules because the rulebook is the
highest thing it checks; the core knows nothing of rulebooks."""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core import schema, settings
from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import vn_date
from store.rules import facts, rulebook

SHOWN = 20  # problems of one kind listed by name; the rest counted


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
        if not schema.migrations.pending(db):
            problems += meeting_problems(db, book)
    return CheckResult(not problems, tuple(problems))


_DUPLICATE_MEETINGS = """
select u.name, m.kind, m.date, count(*) from meetings m join units u on u.id = m.unit_id
 group by m.unit_id, m.kind, m.date having count(*) > 1 order by u.sort_key, m.date"""
_DUPLICATE_VISITS = """
select s.name, u.name, m.kind, m.date, count(*) from visits v
  join meetings m on m.id = v.meeting_id join units u on u.id = m.unit_id
  join supervisors s on s.id = v.supervisor_id
 group by v.meeting_id, v.supervisor_id having count(*) > 1 order by u.sort_key, m.date"""
_KINDS_HELD = """
select u.name, u.kind, u.has_standing_committee, u.committee_size, m.kind, count(*), max(m.date)
  from meetings m join units u on u.id = m.unit_id
 group by m.unit_id, m.kind order by u.sort_key"""


def meeting_problems(db, book) -> list[str]:
    """Stored records that break the meeting rules (data imported or kept from before them):
    two meetings of a kind on a day, two visits of a supervisor to a meeting, and meetings
    of a kind the rulebook does not let the unit hold."""
    found = [
        _("{unit}: {count} meetings of kind {kind} on {date}.").format(
            unit=unit, count=n, kind=label("meeting_kind", kind), date=vn_date(day)
        )
        for unit, kind, day, n in db.execute(_DUPLICATE_MEETINGS)
    ]
    found += [
        _("{supervisor}: {count} visits to the meeting of {unit}, {kind}, {date}.").format(
            supervisor=who, count=n, unit=unit, kind=label("meeting_kind", kind), date=vn_date(day)
        )
        for who, unit, kind, day, n in db.execute(_DUPLICATE_VISITS)
    ]
    for unit, unit_kind, standing, size, kind, n, last in db.execute(_KINDS_HELD):
        if kind not in book.kinds_for(unit_kind, bool(standing), size):
            found.append(
                _(
                    "{unit} ({unit_kind}): {count} meetings of kind {kind}, which the rulebook "
                    "does not let it hold (the last on {date})."
                ).format(
                    unit=unit,
                    unit_kind=label("unit_kind", unit_kind),
                    count=n,
                    kind=label("meeting_kind", kind),
                    date=vn_date(last),
                )
            )
    if len(found) > SHOWN:
        more = len(found) - SHOWN
        found = [*found[:SHOWN], _("… and {count} more such records.").format(count=more)]
    return found
