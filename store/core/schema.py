"""The schema, as sqlite-utils migrations. Never edit a shipped migration: add a new one.

Every record table has an integer `id`, a stable `uid` (UUID text), `created_at` and
`updated_at`. Dates are ISO text. `*_folded` and `sort_key` columns are filled by the
application (store.lang.text), never by SQL functions.
"""

import json
from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from store.core import search_index
from store.lang.text import fold, person_sort_key, sort_key

MIGRATION_SET = "phutrach"
migrations = Migrations(MIGRATION_SET)

_BASE = {"id": int, "uid": str, "created_at": str, "updated_at": str}


def _table(db: Database, name: str, columns: dict, *, fks=(), not_null=(), defaults=None):
    db.table(name).create(
        {**_BASE, **columns},
        pk="id",
        foreign_keys=list(fks),
        not_null={"uid", "created_at", "updated_at", *not_null},
        defaults=defaults or {},
    )
    db.table(name).create_index(["uid"], unique=True)


@migrations()
def m001_initial(db: Database) -> None:
    """The whole data model (docs/ARCHITECTURE.md, "The data")."""
    _table(
        db,
        "units",
        {
            "code": str,
            "name": str,
            "name_folded": str,
            "sort_key": str,
            "kind": str,
            "sector": str,
            "parent_id": int,
            "members_full": int,
            "members_probationary": int,
            "members_exempt": int,
            "has_standing_committee": int,
            "active": int,
            "place": str,
            "note": str,
        },
        fks=[("parent_id", "units", "id")],
        not_null={"name", "name_folded", "sort_key", "kind"},
        defaults={
            "members_full": 0,
            "members_probationary": 0,
            "members_exempt": 0,
            "has_standing_committee": 0,
            "active": 1,
        },
    )
    db.table("units").create_index(["code"], unique=True)
    db.table("units").create_index(["parent_id", "sort_key"])
    db.table("units").create_index(["sort_key"])

    _table(
        db,
        "supervisors",
        {
            "code": str,
            "name": str,
            "name_folded": str,
            "sort_key": str,
            "title": str,
            "phone": str,
            "email": str,
            "active": int,
        },
        not_null={"name", "name_folded", "sort_key"},
        defaults={"active": 1},
    )
    db.table("supervisors").create_index(["code"], unique=True)
    db.table("supervisors").create_index(["sort_key"])

    _table(
        db,
        "assignments",
        {
            "supervisor_id": int,
            "unit_id": int,
            "cadence": str,
            "start_date": str,
            "end_date": str,
            "note": str,
        },
        fks=[("supervisor_id", "supervisors", "id"), ("unit_id", "units", "id")],
        not_null={"supervisor_id", "unit_id", "cadence", "start_date"},
    )
    db.table("assignments").create_index(["supervisor_id", "unit_id", "start_date"], unique=True)
    db.table("assignments").create_index(["unit_id"])

    _table(
        db,
        "meetings",
        {
            "unit_id": int,
            "date": str,
            "kind": str,
            "topic": str,
            "members_full": int,
            "members_probationary": int,
            "members_exempt": int,
            "present": int,
            "absent_excused": int,
            "absent_unexcused": int,
            "duration_minutes": int,
            "minutes_kept": int,
            "resolution_adopted": int,
            "source": str,
            "note": str,
        },
        fks=[("unit_id", "units", "id")],
        not_null={"unit_id", "date", "kind"},
    )
    # Covering index for the regime and report queries: by unit and date, with the figures.
    db.table("meetings").create_index(
        [
            "unit_id",
            "date",
            "kind",
            "present",
            "members_full",
            "members_probationary",
            "members_exempt",
        ],
        index_name="idx_meetings_unit_date",
    )
    db.table("meetings").create_index(["date", "unit_id", "kind"], index_name="idx_meetings_date")

    _table(
        db,
        "visits",
        {
            "supervisor_id": int,
            "unit_id": int,
            "assignment_id": int,
            "meeting_id": int,
            "date": str,
            "planned_date": str,
            "status": str,
            "scores": str,
            "unit_scores": str,
            "total": int,
            "rating": str,
            "rulebook": str,
            "observations": str,
            "recommendations": str,
            "good_practice": str,
        },
        fks=[
            ("supervisor_id", "supervisors", "id"),
            ("unit_id", "units", "id"),
            ("assignment_id", "assignments", "id"),
            ("meeting_id", "meetings", "id"),
        ],
        not_null={"supervisor_id", "unit_id", "status"},
    )
    db.table("visits").create_index(["supervisor_id", "date"])
    db.table("visits").create_index(["unit_id", "date"])
    db.table("visits").create_index(["supervisor_id", "planned_date"])
    db.table("visits").create_index(["meeting_id"])
    # Everyone's visits (the committee office): the latest done, the planned by date.
    db.table("visits").create_index(["status", "date"])
    db.table("visits").create_index(["status", "planned_date"])

    _table(
        db,
        "people",
        {
            "name": str,
            "name_folded": str,
            "sort_key": str,
            "birth_year": int,
            "sex": str,
            "party_joined": str,
            "theory_level": str,
            "education": str,
            "training": str,
            "phone": str,
            "note": str,
            "code": str,
        },
        not_null={"name", "name_folded", "sort_key"},
    )
    db.table("people").create_index(["sort_key"])
    db.table("people").create_index(["code"], unique=True)

    _table(
        db,
        "posts",
        {
            "person_id": int,
            "unit_id": int,
            "role": str,
            "start_date": str,
            "end_date": str,
            "end_reason": str,
            "concurrent_role": str,
            "acting": int,
        },
        fks=[("person_id", "people", "id"), ("unit_id", "units", "id")],
        not_null={"person_id", "unit_id", "role"},
        defaults={"acting": 0},
    )
    # Covers "who holds this role in this unit on a date" (personnel gaps at province scale).
    db.table("posts").create_index(["unit_id", "role", "end_date", "start_date"])
    db.table("posts").create_index(["person_id"])

    _table(
        db,
        "capability_notes",
        {
            "person_id": int,
            "unit_id": int,
            "supervisor_id": int,
            "date": str,
            "ratings": str,
            "overall": str,
            "flagged": int,
            "narrative": str,
        },
        fks=[
            ("person_id", "people", "id"),
            ("unit_id", "units", "id"),
            ("supervisor_id", "supervisors", "id"),
        ],
        not_null={"person_id", "date"},
        defaults={"flagged": 0},
    )
    db.table("capability_notes").create_index(["person_id", "date"])
    db.table("capability_notes").create_index(["unit_id", "date"])
    # A record table, not a bare link, so that store.core.records audits every link it writes.
    _table(
        db,
        "capability_note_visits",
        {"note_id": int, "visit_id": int},
        fks=[("note_id", "capability_notes", "id"), ("visit_id", "visits", "id")],
        not_null={"note_id", "visit_id"},
    )
    db.table("capability_note_visits").create_index(["note_id", "visit_id"], unique=True)
    db.table("capability_note_visits").create_index(["visit_id"])

    _table(
        db,
        "succession_plans",
        {
            "unit_id": int,
            "incumbent_id": int,
            "note_id": int,
            "reason": str,
            "target_date": str,
            "status": str,
            "outcome": str,
            "outcome_date": str,
            "successor_id": int,
            "supervisor_id": int,
        },
        fks=[
            ("unit_id", "units", "id"),
            ("incumbent_id", "people", "id"),
            ("note_id", "capability_notes", "id"),
            ("successor_id", "people", "id"),
            ("supervisor_id", "supervisors", "id"),
        ],
        not_null={"unit_id", "reason", "status"},
    )
    db.table("succession_plans").create_index(["unit_id", "status"])
    _table(
        db,
        "plan_candidates",
        {"plan_id": int, "person_id": int, "current_post": str, "readiness": str, "note": str},
        fks=[("plan_id", "succession_plans", "id"), ("person_id", "people", "id")],
        not_null={"plan_id", "person_id", "readiness"},
    )
    db.table("plan_candidates").create_index(["plan_id"])
    _table(
        db,
        "plan_actions",
        {
            "plan_id": int,
            "candidate_id": int,
            "kind": str,
            "description": str,
            "owner": str,
            "due_date": str,
            "status": str,
            "done_date": str,
        },
        fks=[("plan_id", "succession_plans", "id"), ("candidate_id", "plan_candidates", "id")],
        not_null={"plan_id", "kind", "status"},
    )
    db.table("plan_actions").create_index(["plan_id", "due_date"])

    _table(
        db,
        "concerns",
        {
            "unit_id": int,
            "visit_id": int,
            "supervisor_id": int,
            "raised_date": str,
            "category": str,
            "description": str,
            "description_folded": str,
            "route": str,
            "owner": str,
            "due_date": str,
            "priority": str,
            "status": str,
            "resolved_date": str,
            "resolution": str,
        },
        fks=[
            ("unit_id", "units", "id"),
            ("visit_id", "visits", "id"),
            ("supervisor_id", "supervisors", "id"),
        ],
        not_null={"unit_id", "raised_date", "category", "description", "route", "status"},
    )
    db.table("concerns").create_index(["status", "due_date"])
    db.table("concerns").create_index(["unit_id", "raised_date"])
    db.table("concerns").create_index(["supervisor_id", "status"])
    db.table("concerns").create_index(["raised_date"])
    db.table("concerns").create_index(["resolved_date"])  # resolved this month, at a glance
    _table(
        db,
        "concern_events",
        {
            "concern_id": int,
            "date": str,
            "from_status": str,
            "to_status": str,
            "note": str,
            "actor": str,
        },
        fks=[("concern_id", "concerns", "id")],
        not_null={"concern_id", "date", "to_status"},
    )
    db.table("concern_events").create_index(["concern_id", "date"])

    _table(
        db,
        "annual_ratings",
        {"unit_id": int, "year": int, "level": str, "points": float},
        fks=[("unit_id", "units", "id")],
        not_null={"unit_id", "year", "level"},
    )
    db.table("annual_ratings").create_index(["unit_id", "year"], unique=True)

    _table(
        db,
        "briefs",
        {
            "kind": str,
            "scope": str,
            "period": str,
            "number": int,
            "doc_code": str,
            "term": str,
            "path": str,
            "sha256": str,
            "rulebook": str,
            "confidential": int,
        },
        not_null={"kind"},
        defaults={"confidential": 0},
    )
    # One row per brief: a regenerated brief keeps its row and number; `path` stays NULL while
    # a number is reserved and no file is written yet. Numbers are unique per type and term.
    db.table("briefs").create_index(["kind", "scope", "period", "confidential"], unique=True)
    db.table("briefs").create_index(["doc_code", "term", "number"], unique=True)

    db.table("settings").create({"key": str, "value": str, "updated_at": str}, pk="key")

    db.table("changes").create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "table_name": str,
            "record_uid": str,
            "action": str,
            "before": str,
            "after": str,
        },
        pk="id",
        not_null={"at", "table_name", "record_uid", "action"},
    )
    db.table("changes").create_index(["record_uid", "id"])
    db.table("changes").create_index(["table_name", "id"])


@migrations()
def m002_last_visit_index(db: Database) -> None:
    """The last visit of each assignment (the due list) read from one index: without it SQLite
    ranges over every done visit for each assignment, 27 s for a province's office."""
    db.table("visits").create_index(
        ["unit_id", "supervisor_id", "status", "date"], index_name="idx_visits_assignment"
    )


@migrations()
def m003_deletions_index(db: Database) -> None:
    """The history screen lists deletions alone, newest first, without reading every change."""
    db.table("changes").create_index(["action", "id"], index_name="idx_changes_action")


@migrations()
def m004_actions(db: Database) -> None:
    """One user action, one history entry (store.core.actions): an `actions` row names the
    person and the login, and every change points to its action. The changes written before
    are grouped as they were made, by the same login: deletions within a second (a visit
    deleted with its meeting), changes to one table within a second (an import), briefs
    written one after another within a minute (a batch)."""
    db.table("actions").create(
        {
            "id": int,
            "at": str,
            "label": str,
            "person": str,
            "person_kind": str,
            "person_uid": str,
            "login": str,
        },
        pk="id",
        not_null={"at"},
    )
    db.execute("alter table changes add column action_id integer references actions(id)")
    db.table("changes").create_index(["action_id", "action"], index_name="idx_changes_by_action")
    _group_old_changes(db)


def _group_old_changes(db: Database) -> None:
    groups: list[tuple[dict, list[int]]] = []
    for row in db.execute("select id, at, actor, table_name, action from changes order by id"):
        change = {"id": row[0], "at": row[1], "actor": row[2], "table": row[3], "action": row[4]}
        if groups and _same_action(groups[-1][0], change):
            groups[-1][1].append(change["id"])
        else:
            groups.append((change, [change["id"]]))
        groups[-1] = (change, groups[-1][1])
    for last, ids in groups:
        first_at = db.execute("select at from changes where id = ?", [ids[0]]).fetchone()[0]
        cursor = db.execute(
            "insert into actions (at, login) values (?, ?)", [first_at, last["actor"]]
        )
        db.conn.executemany(
            "update changes set action_id = ? where id = ?", [(cursor.lastrowid, i) for i in ids]
        )


def _same_action(previous: dict, change: dict) -> bool:
    """The change continues the action of the `previous` one (see m004_actions)."""
    if previous["actor"] != change["actor"]:
        return False
    gap = _seconds(change["at"]) - _seconds(previous["at"])
    if previous["table"] == change["table"] == "briefs":
        return 0 <= gap <= 60
    deletions = previous["action"] == change["action"] == "delete"
    return 0 <= gap <= 1 and (previous["table"] == change["table"] or deletions)


def _seconds(at: str) -> float:
    try:
        return datetime.fromisoformat(at).timestamp()
    except ValueError:
        return float("-inf")


@migrations()
def m005_committees_and_uniqueness(db: Database) -> None:
    """A unit's committee sizes (a committee meeting counts its members out of them), and one
    meeting per unit, kind and day, one visit per supervisor and meeting. Data stored before
    may break the rule: then the index is not made unique and `phutrach check` names them."""
    db.table("units").add_column("committee_size", int)
    db.table("units").add_column("standing_committee_size", int)
    for table, columns, name, duplicates in UNIQUE:
        unique = not db.execute(duplicates).fetchone()
        db.table(table).create_index(columns, index_name=name, unique=unique)


UNIQUE = (
    (
        "meetings",
        ["unit_id", "kind", "date"],
        "idx_meetings_unique",
        "select 1 from meetings group by unit_id, kind, date having count(*) > 1 limit 1",
    ),
    (
        "visits",
        ["meeting_id", "supervisor_id"],
        "idx_visits_unique",
        "select 1 from visits where meeting_id is not null"
        " group by meeting_id, supervisor_id having count(*) > 1 limit 1",
    ),
)


@migrations()
def m006_natural_sort_keys(db: Database) -> None:
    """Sort keys read numbers in names by value (Khu phố 2 before Khu phố 10): computed
    again for every named row, in Python (SQLite has no such order)."""
    for table, key in (("units", sort_key), ("supervisors", sort_key), ("people", person_sort_key)):
        if table in db.table_names():
            rows = db.execute(f"select id, name from {table}").fetchall()  # noqa: S608
            db.conn.executemany(
                f"update {table} set sort_key = ? where id = ?",  # noqa: S608 (our names)
                [(key(name), row_id) for row_id, name in rows],
            )
    db.table("units").create_index(["name_folded"], if_not_exists=True)  # display names


@migrations()
def m007_person_sort_keys(db: Database) -> None:
    """Supervisors are people: they sort as every list of people does, by given name then
    family and middle names (store.lang.text.person_sort_key), no longer by full name."""
    if "supervisors" in db.table_names():
        rows = db.execute("select id, name from supervisors").fetchall()
        db.conn.executemany(
            "update supervisors set sort_key = ? where id = ?",
            [(person_sort_key(name), row_id) for row_id, name in rows],
        )


@migrations()
def m008_letterhead_routes(db: Database) -> None:
    """One "Nơi nhận" for every brief became each kind's own (`letterhead.recipients.KIND`,
    store.reports.letterhead): a list the office had set goes to the committee's kinds,
    without "Như trên", which they have no "Kính gửi" for; the members' reports keep their
    defaults, addressed to the standing committee."""
    if "settings" not in db.table_names():
        return
    old = "select value, updated_at from settings where key = 'letterhead.recipients'"
    row = db.execute(old).fetchone()
    if row is None:
        return
    kept = [line for line in json.loads(row[0]) or () if not fold(line).startswith("nhu tren")]
    stamp = row[1]  # when the office set them
    for kind in ("unit", "annual", "plan"):
        db.execute(
            "insert or ignore into settings (key, value, updated_at) values (?, ?, ?)",
            [f"letterhead.recipients.{kind}", json.dumps(kept, ensure_ascii=False), stamp],
        )
    db.execute("delete from settings where key = 'letterhead.recipients'")


@migrations()
def m009_brief_texts(db: Database) -> None:
    """The assessment texts a user kept for a brief (store.reports.drafts): one row per brief
    identity (as the brief log names it: kind, scope, period, confidential) and section;
    `paragraphs` a JSON list, or `blank` when the user asked for the drafter's placeholder."""
    _table(
        db,
        "brief_texts",
        {
            "kind": str,
            "scope": str,
            "period": str,
            "confidential": int,
            "section": str,
            "paragraphs": str,
            "blank": int,
        },
        not_null={"kind", "scope", "period", "section"},
        defaults={"confidential": 0, "blank": 0, "scope": "", "period": ""},
    )
    db.table("brief_texts").create_index(
        ["kind", "scope", "period", "confidential", "section"], unique=True
    )


# A meeting's members owed, and the average attendance rate of a group's regular meetings:
# the same SQL as store.visits.meetings.rate_sql, written out so that m010 never changes.
_OWED = (
    "(coalesce(members_full, 0) + coalesce(members_probationary, 0) - coalesce(members_exempt, 0))"
)
_RATE = f"avg(case when kind = 'regular' and {_OWED} > 0 then 100.0 * present / {_OWED} end)"
# Every meeting counted by unit, month ('YYYY-MM') and kind, as store.core.summaries reads it.
MEETING_MONTHS_GROUPED = f"""select unit_id, substr(date, 1, 7) as month, kind,
       count(*) as meetings, {_RATE} as rate
  from meetings group by unit_id, month, kind"""  # noqa: S608 (constant fragments only)
# One group counted again from its meetings (one index range, idx_meetings_unit_date).
_REGROUP = """
  delete from meeting_months
   where unit_id = {r}.unit_id and month = substr({r}.date, 1, 7) and kind = {r}.kind;
  insert into meeting_months (unit_id, month, kind, meetings, rate)
  select unit_id, substr(date, 1, 7), kind, count(*), {rate} from meetings
   where unit_id = {r}.unit_id and kind = {r}.kind
     and date >= substr({r}.date, 1, 7) and date < substr({r}.date, 1, 7) || '~'
     and substr(date, 1, 7) = substr({r}.date, 1, 7)
   group by unit_id, kind;"""
_GROUPED_BY = "unit_id, date, kind, present, members_full, members_probationary, members_exempt"
MEETING_MONTHS_TRIGGERS = {
    "meeting_months_insert": "after insert on meetings begin"
    + _REGROUP.format(r="new", rate=_RATE)
    + "\nend",
    "meeting_months_delete": "after delete on meetings begin"
    + _REGROUP.format(r="old", rate=_RATE)
    + "\nend",
    "meeting_months_update": f"after update of {_GROUPED_BY} on meetings begin"
    + _REGROUP.format(r="old", rate=_RATE)
    + _REGROUP.format(r="new", rate=_RATE)
    + "\nend",
}


@migrations()
def m010_meeting_months(db: Database) -> None:
    """Meetings counted by unit, month and kind, with the month's regular attendance rate,
    so that the compliance grid reads a page's counts, not a province's meetings. Triggers
    count a written meeting's group again from its meetings, in the write's transaction:
    exact for every writer (the forms, visits, imports, a restore from the history, a tool
    of the user's own), with no float sums to drift. `phutrach check` compares the table
    with the meetings; `check --repair` counts it again (store.core.summaries)."""
    db.execute(
        """create table meeting_months (
             unit_id integer not null,
             month text not null,
             kind text not null,
             meetings integer not null,
             rate real,
             primary key (unit_id, month, kind)
           ) without rowid"""
    )
    db.execute(
        "insert into meeting_months (unit_id, month, kind, meetings, rate) "
        + MEETING_MONTHS_GROUPED
    )
    for name, body in MEETING_MONTHS_TRIGGERS.items():
        db.execute(f"create trigger {name} {body}")


_FTS_V1_TABLES = (
    ("units", "name_folded"),
    ("people", "name_folded"),
    ("supervisors", "name_folded"),
    ("concerns", "description_folded"),
)
# m011's index as it was, statement for statement (the trusted shape compares the SQL).
_FTS_V1 = (
    """CREATE VIRTUAL TABLE {fts} USING fts5(
    {col}, content='{table}', content_rowid='id', tokenize='trigram case_sensitive 1')""",
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


@migrations()
def m011_search_index(db: Database) -> None:
    """Searches go through an index on the folded text (store.core.search_index): FTS5
    trigram tables over the folded names and descriptions, kept by triggers, filled here.
    Their first form, kept as it was (m016 makes them again): a file stopped here is
    trusted by the shape these statements make."""
    for table, col in _FTS_V1_TABLES:
        fts = f"{table}_fts"
        for statement in _FTS_V1:
            db.execute(statement.format(fts=fts, table=table, col=col))
        db.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608 (our names)


# The concern board's order for a list of open (or of closed) concerns alone: due first, no
# due date last (store.concerns.board). The statuses are written as the board writes them:
# SQLite uses a partial index only for a query whose WHERE has its WHERE's very terms.
BOARD_ORDER_INDEXES = {
    "idx_concerns_open_order": "('new', 'in_progress', 'escalated')",
    "idx_concerns_closed_order": "('resolved', 'answered')",
}
# m013: the month's rated regular meetings (members owed > 0) beside its rate, so that a year's
# attendance is the months' rates weighted by them (store.reports.figures), read from the kept
# months and not from the meetings.
_RATED = f"coalesce(sum(kind = 'regular' and {_OWED} > 0), 0)"
MEETING_MONTHS_RATED_GROUPED = f"""select unit_id, substr(date, 1, 7) as month, kind,
       count(*) as meetings, {_RATE} as rate, {_RATED} as rated
  from meetings group by unit_id, month, kind"""  # noqa: S608 (constant fragments only)
_REGROUP_RATED = """
  delete from meeting_months
   where unit_id = {r}.unit_id and month = substr({r}.date, 1, 7) and kind = {r}.kind;
  insert into meeting_months (unit_id, month, kind, meetings, rate, rated)
  select unit_id, substr(date, 1, 7), kind, count(*), {rate}, {rated} from meetings
   where unit_id = {r}.unit_id and kind = {r}.kind
     and date >= substr({r}.date, 1, 7) and date < substr({r}.date, 1, 7) || '~'
     and substr(date, 1, 7) = substr({r}.date, 1, 7)
   group by unit_id, kind;"""
_RATED_NEW = _REGROUP_RATED.format(r="new", rate=_RATE, rated=_RATED)
_RATED_OLD = _REGROUP_RATED.format(r="old", rate=_RATE, rated=_RATED)
MEETING_MONTHS_RATED_TRIGGERS = {
    "meeting_months_insert": "after insert on meetings begin" + _RATED_NEW + "\nend",
    "meeting_months_delete": "after delete on meetings begin" + _RATED_OLD + "\nend",
    "meeting_months_update": f"after update of {_GROUPED_BY} on meetings begin"
    + _RATED_OLD
    + _RATED_NEW
    + "\nend",
}


@migrations()
def m012_concern_board_order(db: Database) -> None:
    """The concern board's first page reads a page: its open (or closed) concerns in the
    board's order from an index, where all of them were read and sorted (20,000 concerns a
    province, 11 -> 0.5 ms)."""
    for name, statuses in BOARD_ORDER_INDEXES.items():
        db.execute(
            f"create index {name} on concerns (due_date is null, due_date, raised_date) "
            f"where status in {statuses}"
        )


@migrations()
def m013_meeting_months_rated(db: Database) -> None:
    """The kept months say how many regular meetings their rate averages (`rated`: members
    owed > 0), so that a year's attendance per unit is the months' rates weighted by them:
    the annual report reads a province's months, not its meetings. The triggers of m010 are
    replaced by ones that count `rated` too; the months are counted again. The thematic
    months get an index of their own (the annual report's thematic meetings)."""
    db.execute("alter table meeting_months add column rated integer not null default 0")
    for name in MEETING_MONTHS_TRIGGERS:
        db.execute(f"drop trigger {name}")
    db.execute("delete from meeting_months")
    db.execute(
        "insert into meeting_months (unit_id, month, kind, meetings, rate, rated) "
        + MEETING_MONTHS_RATED_GROUPED
    )
    for name, body in MEETING_MONTHS_RATED_TRIGGERS.items():
        db.execute(f"create trigger {name} {body}")
    # A year's thematic meetings by month, without the regular ones around them (a partial
    # index: a few in a hundred of the months).
    db.execute(
        "create index idx_meeting_months_thematic on meeting_months (month, unit_id, meetings)"
        " where kind = 'thematic'"
    )


# m014: each assignment's last visit done and the deadline that follows from it, as
# store.rules.cadence works them out (its module docstring): the cadence period after the last
# visit's (or the assignment's first), unless the assignment is in force for under half of its
# days, then the one after; none once the assignment has ended. {where} chooses assignments.
_MONTHS = "(case cadence when 'quarterly' then 3 else 1 end)"
_PERIOD_START = (
    "date({d}, 'start of month', '-' || ((cast(strftime('%m', {d}) as integer) - 1) % "
    + _MONTHS
    + ") || ' months')"
)
_OWES = (
    "2 * (julianday(min({e}, coalesce(end_date, {e}))) - julianday(max({s}, start_date)) + 1)"
    " >= julianday({n}) - julianday({s})"
)
_A_MONTHS = _MONTHS.replace("cadence", "a.cadence")
ASSIGNMENT_VISITS_SELECT = f"""select assignment_id, supervisor_id, unit_id, cadence, start_date,
       end_date, last_visit,
       case when end_date is not null and c0 > end_date then null
            when {_OWES.format(s="c0", e="e0", n="n0")} then e0
            when end_date is not null and n0 > end_date then null
            when {_OWES.format(s="n0", e="e1", n="n1")} then e1
       end as next_due, unit_sort, supervisor_sort
  from (select *, date(c0, step) as n0, date(c0, step, '-1 day') as e0,
               date(c0, step, step) as n1, date(c0, step, step, '-1 day') as e1
          from (select *, case when last_visit is null then {_PERIOD_START.format(d="start_date")}
                               else max({_PERIOD_START.format(d="start_date")},
                                        date({_PERIOD_START.format(d="last_visit")}, step))
                          end as c0
                  from (select a.id as assignment_id, a.supervisor_id, a.unit_id, a.cadence,
                               a.start_date, a.end_date, u.sort_key as unit_sort,
                               s.sort_key as supervisor_sort,
                               '+' || {_A_MONTHS} || ' months' as step,
                               (select max(v.date) from visits v where v.unit_id = a.unit_id
                                   and v.supervisor_id = a.supervisor_id and v.status = 'done'
                               ) as last_visit
                          from assignments a
                          join units u on u.id = a.unit_id
                          join supervisors s on s.id = a.supervisor_id
                         {{where}})))"""  # noqa: S608 (constant fragments only)
_KEEP_PAIR = (
    "\n  replace into assignment_visits "
    + ASSIGNMENT_VISITS_SELECT.format(
        where="where a.supervisor_id = {r}.supervisor_id and a.unit_id = {r}.unit_id"
    )
    + ";"
)
_KEEP_ONE = (
    "\n  replace into assignment_visits "
    + ASSIGNMENT_VISITS_SELECT.format(where="where a.id = new.id")
    + ";"
)
_FORGET_ONE = "\n  delete from assignment_visits where assignment_id = old.id;"
_SORTED = """
  update assignment_visits set {column} = new.sort_key
   where assignment_id in (select id from assignments where {key} = new.id);"""
ASSIGNMENT_VISITS_TRIGGERS = {
    "assignment_visits_visit_insert": "after insert on visits begin"
    + _KEEP_PAIR.format(r="new")
    + "\nend",
    "assignment_visits_visit_delete": "after delete on visits begin"
    + _KEEP_PAIR.format(r="old")
    + "\nend",
    "assignment_visits_visit_update": "after update of supervisor_id, unit_id, status, date"
    " on visits begin" + _KEEP_PAIR.format(r="old") + _KEEP_PAIR.format(r="new") + "\nend",
    "assignment_visits_insert": "after insert on assignments begin" + _KEEP_ONE + "\nend",
    "assignment_visits_update": "after update on assignments begin"
    + _FORGET_ONE
    + _KEEP_ONE
    + "\nend",
    "assignment_visits_delete": "after delete on assignments begin" + _FORGET_ONE + "\nend",
    "assignment_visits_unit_sort": "after update of sort_key on units begin"
    + _SORTED.format(column="unit_sort", key="unit_id")
    + "\nend",
    "assignment_visits_supervisor_sort": "after update of sort_key on supervisors begin"
    + _SORTED.format(column="supervisor_sort", key="supervisor_id")
    + "\nend",
}


@migrations()
def m014_assignment_visits(db: Database) -> None:
    """Each assignment's last visit done and its next deadline, kept by triggers in the
    transaction of every visit, assignment, unit or supervisor written, so that the due list
    is an index range in its order (deadline, unit, supervisor) and its counts are counted in
    SQL: the office's dashboard reads a page, not a province's assignments. The unit's and the
    supervisor's sort keys are kept beside them for that order. `phutrach check` compares the
    table with the visits; `check --repair` works it out again (store.core.summaries)."""
    db.execute(
        """create table assignment_visits (
             assignment_id integer primary key,
             supervisor_id integer not null,
             unit_id integer not null,
             cadence text not null,
             start_date text not null,
             end_date text,
             last_visit text,
             next_due text,
             unit_sort text,
             supervisor_sort text
           )"""
    )
    columns = "next_due, unit_sort, supervisor_sort, assignment_id, cadence, start_date, end_date"
    columns += ", last_visit"
    db.execute(f"create index idx_assignment_visits_due on assignment_visits ({columns})")
    db.execute(
        "create index idx_assignment_visits_supervisor on assignment_visits "
        f"(supervisor_id, {columns})"
    )
    db.execute("insert into assignment_visits " + ASSIGNMENT_VISITS_SELECT.format(where=""))
    # The visits done in a report period by supervisor, unit and month (store.rules.cadence
    # visit_compliance), and by rating, read from the index alone, not the visits' wide rows.
    db.table("visits").create_index(
        ["status", "date", "supervisor_id", "unit_id", "rating"], index_name="idx_visits_done_by"
    )
    for name, body in ASSIGNMENT_VISITS_TRIGGERS.items():
        db.execute(f"create trigger {name} {body}")


# m015: the meetings of each unit, year and kind, with the months they were held in and the
# year's regular attendance rate, as the annual report reads a year (store.reports.figures).
MEETING_YEARS_GROUPED = f"""select unit_id, cast(substr(date, 1, 4) as integer) as year, kind,
       count(*) as meetings, count(distinct substr(date, 1, 7)) as months, {_RATE} as rate,
       {_RATED} as rated
  from meetings group by unit_id, year, kind"""  # noqa: S608 (constant fragments only)
# One group counted again from its meetings (one index range, idx_meetings_unique).
_REGROUP_YEAR = """
  delete from meeting_years
   where unit_id = {r}.unit_id and year = cast(substr({r}.date, 1, 4) as integer)
     and kind = {r}.kind;
  insert into meeting_years (unit_id, year, kind, meetings, months, rate, rated)
  select unit_id, cast(substr(date, 1, 4) as integer), kind, count(*),
         count(distinct substr(date, 1, 7)), {rate}, {rated} from meetings
   where unit_id = {r}.unit_id and kind = {r}.kind
     and date >= substr({r}.date, 1, 4) and date < substr({r}.date, 1, 4) || '~'
   group by unit_id, kind;"""
_YEAR_NEW = _REGROUP_YEAR.format(r="new", rate=_RATE, rated=_RATED)
_YEAR_OLD = _REGROUP_YEAR.format(r="old", rate=_RATE, rated=_RATED)
MEETING_YEARS_TRIGGERS = {
    "meeting_years_insert": "after insert on meetings begin" + _YEAR_NEW + "\nend",
    "meeting_years_delete": "after delete on meetings begin" + _YEAR_OLD + "\nend",
    "meeting_years_update": f"after update of {_GROUPED_BY} on meetings begin"
    + _YEAR_OLD
    + _YEAR_NEW
    + "\nend",
}


@migrations()
def m015_meeting_years(db: Database) -> None:
    """Meetings counted by unit, year and kind, with the months held and the year's regular
    attendance rate, so that the annual report reads a row per unit, not twelve: kept by
    triggers as the months are (m010), checked and counted again by store.core.summaries."""
    db.execute(
        """create table meeting_years (
             unit_id integer not null,
             year integer not null,
             kind text not null,
             meetings integer not null,
             months integer not null,
             rate real,
             rated integer not null,
             primary key (unit_id, year, kind)
           ) without rowid"""
    )
    db.execute(
        "insert into meeting_years (unit_id, year, kind, meetings, months, rate, rated) "
        + MEETING_YEARS_GROUPED
    )
    for name, body in MEETING_YEARS_TRIGGERS.items():
        db.execute(f"create trigger {name} {body}")


@migrations()
def m016_search_word_starts(db: Database) -> None:
    """The search index again, each word marked at its start (store.core.search_index): a
    word of one or two letters matches a word's start through the index, where a LIKE read
    the whole table at each of the first keystrokes; every search is one MATCH that a LIMIT
    stops (capped counts). The old index, view-less, is dropped first. A page of common
    words reads the names in sort order from an index holding them (no row read for a row
    that does not match: 1.4 -> 0.5 ms a keystroke)."""
    search_index.create(db, ("units", "people", "supervisors", "concerns"))  # as in m016's day
    for table in ("units", "people"):
        db.execute(
            f"CREATE INDEX idx_{table}_sort_key_id_name_folded "
            f"ON {table} (sort_key, id, name_folded)"
        )


@migrations()
def m017_sites(db: Database) -> None:
    """The sites this database exchanges with (store.sync, docs/EXCHANGE.md): at the office
    every enrolled laptop, at a laptop the office; each with its public keys and where the
    exchange stands each way. And the conflicts no rule decides, until a person does."""
    db.execute(
        """create table sites (
             number integer primary key,
             uid text not null unique,
             name text not null,
             supervisor_id integer references supervisors(id),
             verify_key text not null,
             box_key text not null,
             enrolled_at text not null,
             received integer not null default 0,
             received_at text,
             sent integer not null default 0,
             sent_at text,
             confirmed integer not null default 0
           )"""
    )
    db.execute(
        """create table sync_conflicts (
             id integer primary key,
             site integer not null references sites(number),
             seq integer not null,
             at text not null,
             table_name text not null,
             reason text not null,
             here text,
             theirs text,
             decided_at text,
             kept text,
             person text
           )"""
    )
    # The history newest first by time: at the office, actions and changes from several
    # sites interleave in time, and their ids (each site's range) do not.
    # (A file whose m004 is still to come has no actions yet: m004 runs after, and lists by id.)
    if "actions" in db.table_names():
        db.execute("create index idx_actions_at on actions (at, id)")
    db.execute("create index idx_changes_at on changes (at, id)")


@migrations()
def m018_posts_search(db: Database) -> None:
    """The posts' search index (store.core.search_index): each post by its person's name and
    its unit's, in one index, so that the secretaries list's search is one MATCH, where each
    word was looked up in two indexes and the two sets joined (15 to 30 ms a keystroke at
    the province, the budget 5)."""
    search_index.create(db, ("posts",))


@migrations()
def m019_open_concerns_search(db: Database) -> None:
    """The open concerns' own search index (store.core.search_index): the board's search is
    of its open concerns, found among them, where every concern ever raised was matched and
    the open ones picked out (35 ms a first letter at the province, the budget 5)."""
    search_index.create(db, ("open_concerns",))


# A unit's name as lists, pickers and briefs show it: with its parent's after a dash where
# another unit has the same name ("Chi bộ thôn 1 — Đảng bộ xã Đào Xá"), so that two never
# look the same. One index lookup a row (units.name_folded, m006).
_DISPLAY_NAME = """CASE WHEN EXISTS (SELECT 1 FROM units same
WHERE same.name_folded = {t}.name_folded AND same.id <> {t}.id)
THEN {t}.name || coalesce(' — ' || (SELECT up.name FROM units up WHERE up.id = {t}.parent_id), '')
ELSE {t}.name END"""


def unit_display_sql(alias: str = "units") -> str:
    """The SQL of the display name of the unit row `alias` (store.org.display_names)."""
    return "(" + _DISPLAY_NAME.format(t=alias) + ")"


def known_migrations() -> set[str]:
    return {m.name for m in migrations._migrations}
