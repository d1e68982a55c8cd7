"""A database's health: SQLite's own integrity and foreign-key checks, the migrations and
the schema (store.core.trust), a unit tree without cycles, whether the rulebook in force
still loads, and whether every recorded score agrees with its meeting's facts
(store.rules.facts), and whether the kept counts agree with the meetings
(store.core.summaries). It lives with the rules because the rulebook is the highest thing it
checks; the core knows nothing of rulebooks."""

from dataclasses import dataclass

from sqlite_utils import Database

from store.core import schema, settings, summaries, trust
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
    untrusted = schema_problems(db)
    problems += untrusted
    problems += tree_cycles(db)
    if untrusted:  # the rules' queries are for phutrach's own schema
        return CheckResult(False, tuple(problems))
    try:
        book = rulebook.load(rulebook_source or settings.get(db, "rulebook"))
    except rulebook.RulebookError as exc:
        problems.append(exc.message)
    else:
        problems += facts.broken_ties(db, book)
        if not schema.migrations.pending(db):
            problems += meeting_problems(db, book)
            problems += summary_problems(db)
    return CheckResult(not problems, tuple(problems))


def schema_problems(db: Database) -> list[str]:
    """Each way the schema differs from the one phutrach makes, the first `SHOWN`."""
    found = trust.differences(db.conn)
    shown = [_("The schema is not phutrach's: {difference}.").format(difference=d)
             for d in found[:SHOWN]]  # fmt: skip
    if len(found) > SHOWN:
        shown.append(_("… and {count} more such records.").format(count=len(found) - SHOWN))
    return shown


# Each unit that is its own ancestor: the pairs (unit, ancestor) are finite, so UNION ends
# the walk even on a cycle.
_CYCLES = """with recursive up(start, id) as (
    select id, parent_id from units where parent_id is not null
    union select up.start, u.parent_id from up join units u on u.id = up.id
     where u.parent_id is not null and up.id <> up.start
) select u.name, u.code from up join units u on u.id = up.start
   where up.id = up.start order by u.sort_key, u.id"""


def tree_cycles(db: Database) -> list[str]:
    """The units that are their own ancestor (a file edited by hand, an import of parents
    naming each other), which no tree can show."""
    found = [
        _("{unit} is its own ancestor in the unit tree (a cycle of parents).").format(
            unit=f"{name} ({code})" if code else name
        )
        for name, code in db.execute(_CYCLES)
    ]
    if len(found) > SHOWN:
        more = len(found) - SHOWN
        found = [*found[:SHOWN], _("… and {count} more such records.").format(count=more)]
    return found


def summary_problems(db: Database) -> list[str]:
    """The kept counts (store.core.summaries) that disagree with the records they count."""
    return [_summary_text(found.table).format(count=found.groups) for found in summaries.drift(db)]


def _summary_text(table: str) -> str:
    if table == "meeting_years":
        return _(
            "The yearly meeting counts kept for the annual report disagree with the meetings "
            "in {count} unit-year-kind group(s): run `phutrach check --repair`."
        )
    if table == "assignment_visits":
        return _(
            "The last visits and deadlines kept for the due list disagree with the visits "
            "in {count} assignment(s): run `phutrach check --repair`."
        )
    return _(
        "The monthly meeting counts kept for the compliance grid disagree with the "
        "meetings in {count} unit-month-kind group(s): run `phutrach check --repair`."
    )


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
