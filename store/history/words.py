"""The history in the users' words: a record named as they know it ("Lượt dự sinh hoạt — Chi
bộ thôn 1 — 05/11/2026"), fields by their labels, coded values as words, dates dd/mm/yyyy,
other records by their names: never an internal id, a uid or JSON.

    describe(db, change)            # what the change was made to
    value_text(db, "visits", "status", "done")   # 'Đã dự'
"""

import json
from functools import cache
from pathlib import PurePath

from sqlite_utils import Database

from store.core.errors import PhutrachError
from store.core.settings import CLERK
from store.lang.codes import HistoryAction
from store.lang.i18n import _, current_language
from store.lang.labels import label
from store.lang.text import printable, vn_date
from store.personnel import PERSONNEL_TABLES
from store.rules.periods import Period
from store.rules.rulebook import in_force

# Fields the application fills, or whose value is an internal reference: never shown.
HIDDEN = frozenset(
    ("id", "uid", "created_at", "updated_at", "name_folded", "sort_key", "description_folded")
    + ("scope", "sha256", "term", "rulebook", "source")
)

# (table, field) or field → the label table of its coded values (store.lang.labels).
_CODED = {
    ("units", "kind"): "unit_kind",
    ("meetings", "kind"): "meeting_kind",
    ("briefs", "kind"): "brief_kind",
    ("brief_texts", "kind"): "brief_kind",
    ("brief_texts", "section"): "brief_section",
    ("plan_actions", "kind"): "action_kind",
    ("visits", "status"): "visit_status",
    ("concerns", "status"): "concern_status",
    ("succession_plans", "status"): "plan_status",
    ("plan_actions", "status"): "action_status",
    "from_status": "concern_status",
    "to_status": "concern_status",
    "sector": "sector",
    "role": "role",
    "concurrent_role": "concurrent_role",
    "priority": "priority",
    "readiness": "readiness",
    "reason": "plan_reason",
    "outcome": "plan_outcome",
    "sex": "sex",
}
_YES_NO = frozenset(
    ("active", "has_standing_committee", "confidential", "flagged", "exempt")
    + ("minutes_kept", "resolution_adopted", "blank")
)

# A reference to another record → (its table, the column that names it).
_REFERENCES = {
    "unit_id": "units",
    "parent_id": "units",
    "supervisor_id": "supervisors",
    "person_id": "people",
    "incumbent_id": "people",
    "successor_id": "people",
    "meeting_id": "meetings",
    "visit_id": "visits",
    "assignment_id": "assignments",
    "concern_id": "concerns",
    "plan_id": "succession_plans",
    "note_id": "capability_notes",
}


def describe(db: Database, table: str, row: dict | None) -> str:
    """The record as users name it: its kind, then what tells it apart."""
    return " — ".join([label("record_table", table), *_parts(db, table, row or {})])


def title(db: Database, table: str, row: dict) -> str:
    """What tells the record apart, without its kind."""
    return " — ".join(_parts(db, table, row)) or label("record_table", table)


def _parts(db: Database, table: str, row: dict) -> list[str]:
    if table in ("briefs", "brief_texts"):
        kind = label("brief_kind", row.get("kind"))
        name = PurePath(row["path"]).name if row.get("path") else ""
        return [p for p in (kind, _period(row.get("period")), name) if p]
    owners = _OWNERS + ((("supervisor_id", "supervisors"),) if table == "assignments" else ())
    parts = [_name(db, ref, row[key]) for key, ref in owners if row.get(key)]
    if row.get("kind") and table == "meetings":
        parts.append(label("meeting_kind", row["kind"]))
    for key in ("name", "description"):
        if row.get(key) and (key == "name" or table not in PERSONNEL_TABLES):
            parts.append(_short(str(row[key])))
            break
    for key in ("date", "planned_date", "start_date", "raised_date", "target_date", "due_date"):
        if row.get(key):
            parts.append(vn_date(row[key]))
            break
    if row.get("year"):
        parts.append(str(row["year"]))
    return parts


# Whose record it is, named first (a visit: its unit; a post: the member and the unit).
_OWNERS = (("person_id", "people"), ("unit_id", "units"))


def _name(db: Database, table: str, record_id: object) -> str:
    """The name of the record `record_id` of `table`, even deleted since (from the trail)."""
    row = _row(db, table, record_id)
    if row is None:
        return _("(unknown)")
    return title(db, table, row) if table not in ("units", "supervisors", "people") else row["name"]


def _row(db: Database, table: str, record_id: object) -> dict | None:
    # `table` is one of _REFERENCES' or _OWNERS' names. Not db[table]: sqlite-utils reads the
    # schema's view names to make it, a query more for each name of a history page.
    rows = list(db.query(f"select * from [{table}] where id = ? limit 1", [record_id]))  # noqa: S608
    if rows:
        return rows[0]
    found = db.execute(
        """select before from changes where table_name = ? and action = 'delete'
           and json_extract(before, '$.id') = ? order by id desc limit 1""",
        [table, record_id],
    ).fetchone()
    return json.loads(found[0]) if found else None


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _period(code: str | None) -> str:
    if not code:
        return ""
    try:
        return Period.parse(code).label
    except PhutrachError:
        return code


def value_text(db: Database, table: str, field: str, value: object) -> str:
    """A field's value as words: codes by their labels, references by names, dates
    dd/mm/yyyy, yes or no, a score sheet criterion by criterion."""
    if value is None or value == "":
        return "—"
    coded = _CODED.get((table, field)) or _CODED.get(field)
    if coded:
        return label(coded, str(value))
    if field in _REFERENCES:
        return _name(db, _REFERENCES[field], value)
    if field in _YES_NO:
        return _("yes") if value else _("no")
    if field in ("rating", "level"):
        return in_force(db).rating_label(str(value)) or str(value)
    if field == "path":
        return PurePath(str(value)).name
    if field == "period":
        return _period(str(value))
    if isinstance(value, str) and value[:1] in "{[":
        value = _json(value)
    if isinstance(value, dict):
        return _sheet(db, value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return vn_date(value) if isinstance(value, str) else str(value)


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _sheet(db: Database, values: dict) -> str:
    """Scores by criterion: "Chuẩn bị nội dung: 2; Tỷ lệ dự: 3"."""
    criteria = {c.id: c.label for c in in_force(db).criteria}
    return "; ".join(f"{criteria.get(k, k)}: {v}" for k, v in values.items())


def headline(db: Database, entry) -> str:
    """What the user did, in a line: "Xóa lượt dự sinh hoạt: Lượt dự sinh hoạt — Chi bộ thôn
    1 — 05/11/2026, cùng buổi sinh hoạt"; a batch of briefs by their number."""
    changes = entry.changes
    if not changes:
        return label("history_action", entry.label)
    count = entry.record_count
    if entry.label == HistoryAction.BRIEFS and count > 1:
        return _("Wrote {count} briefs").format(count=count)
    if entry.label == HistoryAction.IMPORT and count > 1:
        tables = sorted(label("record_table", t) for t in entry.tables)
        return _("Imported {count} records: {tables}").format(count=count, tables=", ".join(tables))
    main = next((c for c in changes if c.table == "visits"), changes[0])
    what = label("history_action", entry.label) or label("change_action", main.action)
    text = f"{what}: {describe(db, main.table, main.after or main.before)}"
    others = count - 1
    if main.table == "visits" and "meetings" in entry.tables:
        text += _(", with its meeting")
        others -= len({c.uid for c in changes if c.table == "meetings"})
    if others > 0:
        text += " " + _("(and {count} more records)").format(count=others)
    return text


def person_text(entry) -> str:
    """Who acted, as settings named them then; the operating-system login beside it."""
    if entry.person:
        person = printable(entry.person)  # recorded before names were checked, or tampered
        who = person if entry.person_kind != CLERK else _("{name} (office)").format(name=person)
    else:
        who = _("not recorded")
    return _("{person} (login {login})").format(person=who, login=entry.login or "?")


def when_text(at: str) -> str:
    """`2026-10-15T08:30:00+00:00` → `15/10/2026 08:30` (UTC, as stored)."""
    return f"{vn_date(at)} {at[11:16]}" if len(at) >= 16 else vn_date(at)


def change_lines(db: Database, change, *, values: bool = True) -> list[str]:
    """ "Field: before → after" for every field a change touched; the field names alone
    when `values` is off (a personnel record, unless asked)."""
    lines = []
    for name, before, after in change.fields():
        field = field_label(change.table, name)
        if not values:
            lines.append(field)
        elif change.before is None or change.after is None:
            shown = after if change.after is not None else before
            lines.append(f"{field}: {value_text(db, change.table, name, shown)}")
        else:
            old, new = (value_text(db, change.table, name, v) for v in (before, after))
            lines.append(f"{field}: {old} → {new}")
    return lines


@cache
def _field_labels() -> dict[tuple[str, str], str]:
    from store.exchange import importer

    labels: dict[tuple[str, str], str] = {}
    for kind in importer.kinds(personnel=True):
        spec = importer.spec(kind)
        for column in spec.columns:
            if column.headers:
                labels.setdefault((spec.table, column.name), column.headers[0])
    return labels


def field_label(table: str, name: str) -> str:
    """The Vietnamese column header the import and export use for `name`, else the field's
    label in the history, else the name."""
    if current_language() == "en":
        return name
    found = _field_labels().get((table, name))
    return found or _names().get(name, name)


def _names() -> dict[str, str]:
    """The fields no import column names, as the history shows them."""
    return {
        "unit_id": _("Party organization"),
        "parent_id": _("Parent organization"),
        "supervisor_id": _("Committee member in charge"),
        "person_id": _("Party member"),
        "incumbent_id": _("Incumbent"),
        "successor_id": _("Successor"),
        "meeting_id": _("Meeting"),
        "visit_id": _("Visit"),
        "assignment_id": _("Assignment"),
        "concern_id": _("Concern"),
        "plan_id": _("Replacement-source plan"),
        "candidate_id": _("Candidate"),
        "note_id": _("Capability note"),
        "year": _("Year"),
        "level": _("Rating"),
        "points": _("Points"),
        "kind": _("Kind"),
        "period": _("Period"),
        "number": _("Number"),
        "doc_code": _("Document type"),
        "path": _("File"),
        "confidential": _("Confidential"),
        "section": _("Section of the brief"),
        "paragraphs": _("Text kept"),
        "blank": _("Left blank for the drafter"),
        "date": _("Date"),
        "ratings": _("Ratings"),
        "overall": _("Overall assessment"),
        "flagged": _("Flagged"),
        "narrative": _("Assessment"),
        "from_status": _("Status before"),
        "to_status": _("Status after"),
        "note": _("Remark"),
        "actor": _("By"),
        "resolved_date": _("Resolved on"),
        "resolution": _("Resolution"),
        "source": _("Source"),
        "description": _("Description"),
        "owner": _("Responsible"),
        "due_date": _("Complete by"),
        "status": _("Status"),
        "done_date": _("Done on"),
        "current_post": _("Current post"),
        "readiness": _("Readiness"),
        "reason": _("Reason"),
        "target_date": _("Target date"),
        "outcome": _("Outcome"),
        "outcome_date": _("Outcome date"),
        "planned_date": _("Planned date"),
        "scores": _("Scores"),
        "unit_scores": _("The organization's own scores"),
        "total": _("Total points"),
        "rating": _("Rating"),
    }
