"""Capability notes: a supervisor's dated assessment of a secretary on the rulebook's
dimensions and scale, with an overall level, the flag "hạn chế về năng lực, uy tín thấp",
a narrative and the visits that support it. Personnel assessments: confidential.
"""

import json
from dataclasses import dataclass
from datetime import date as Date
from typing import ClassVar

from sqlite_utils import Database

from store.core import records
from store.core.checks import (
    check_choice,
    check_fields,
    check_length,
    parse_date,
    require,
    text_or_none,
)
from store.core.errors import NotFound, ValidationError
from store.core.schema import unit_display_sql
from store.lang.codes import VisitStatus
from store.lang.i18n import _
from store.personnel.people import get_person
from store.rules.rulebook import Rulebook
from store.rules.rulebook import in_force as rulebook_in_force

NOTE_FIELDS = (
    "unit_id",
    "supervisor_id",
    "date",
    "ratings",
    "overall",
    "flagged",
    "narrative",
    "visit_ids",
)


@dataclass(frozen=True, slots=True)
class CapabilityNote:
    CONFIDENTIAL: ClassVar[bool] = True
    id: int
    uid: str
    person_id: int
    person_name: str
    unit_id: int | None
    unit_name: str | None
    supervisor_id: int | None
    supervisor_name: str | None
    date: str
    ratings: dict[str, str]  # dimension id -> scale id
    overall: str | None
    flagged: bool
    narrative: str | None
    visit_ids: tuple[int, ...]

    def rated(self, rulebook: Rulebook) -> list[tuple[str, str]]:
        """(dimension label, scale label) in the rulebook's order; unrated dimensions ''."""
        return [
            (d.label, rulebook.label("scale", self.ratings.get(d.id))) for d in rulebook.dimensions
        ]


_NOTES = f"""
SELECT capability_notes.*, people.name AS person_name, {unit_display_sql("units")} AS unit_name,
       supervisors.name AS supervisor_name
FROM capability_notes
JOIN people ON people.id = capability_notes.person_id
LEFT JOIN units ON units.id = capability_notes.unit_id
LEFT JOIN supervisors ON supervisors.id = capability_notes.supervisor_id
"""  # noqa: S608 (a fixed expression)
_LINKS = """
SELECT note_id, visit_id FROM capability_note_visits
WHERE note_id IN (SELECT id FROM capability_notes WHERE person_id = :person_id)
ORDER BY visit_id
"""


def record_note(
    db: Database,
    *,
    person_id: int,
    unit_id: int | None,
    supervisor_id: int | None,
    date,
    ratings: dict,
    overall: str,
    flagged: bool = False,
    narrative: str | None = None,
    visit_ids=(),
    today: Date,
) -> int:
    """Record a capability note, validated against the rulebook in force (its date not after
    `today`); returns its id."""
    require(db, "people", person_id, "person_id", _("Choose an existing person."))
    fields = {
        "unit_id": unit_id,
        "supervisor_id": supervisor_id,
        "date": date,
        "ratings": ratings,
        "overall": overall,
        "flagged": flagged,
        "narrative": narrative,
        "visit_ids": visit_ids,
    }
    row, visits = _checked(db, fields, today)
    with db.atomic():
        note_id = records.insert(db, "capability_notes", {"person_id": person_id, **row})
        for visit_id in visits:
            records.insert(db, "capability_note_visits", {"note_id": note_id, "visit_id": visit_id})
    return note_id


def update_note(db: Database, note_id: int, *, today: Date, **changes) -> CapabilityNote:
    """Change some fields of a note (`visit_ids` replaces the set of supporting visits)."""
    check_fields(changes, NOTE_FIELDS)
    before = get_note(db, note_id)
    row, visits = _checked(db, {k: getattr(before, k) for k in NOTE_FIELDS} | changes, today)
    with db.atomic():
        records.update(db, "capability_notes", note_id, row)
        _sync_links(db, note_id, set(before.visit_ids), visits)
    return get_note(db, note_id)


def delete_note(db: Database, note_id: int) -> None:
    """Delete a note and its visit links (all kept in the audit trail, restorable)."""
    get_note(db, note_id)
    plans = db["succession_plans"].count_where("note_id = ?", [note_id])
    if plans:
        raise ValidationError(
            _("This note is the ground of a replacement-source plan; it cannot be deleted."),
            field="note_id",
        )
    with db.atomic():
        _sync_links(db, note_id, set(_visit_ids(db, note_id)), ())
        records.delete(db, "capability_notes", note_id)


def _sync_links(db: Database, note_id: int, old: set[int], new) -> None:
    for visit_id in old - set(new):
        link = db["capability_note_visits"].rows_where(
            "note_id = ? AND visit_id = ?", [note_id, visit_id]
        )
        records.delete(db, "capability_note_visits", next(link)["id"])
    for visit_id in new:
        if visit_id not in old:
            records.insert(db, "capability_note_visits", {"note_id": note_id, "visit_id": visit_id})


def _checked(db: Database, fields: dict, today: Date) -> tuple[dict, tuple[int, ...]]:
    """The note's columns and its visit ids, or a ValidationError on the first bad field."""
    rulebook = rulebook_in_force(db)
    if fields["unit_id"] is not None:
        require(db, "units", fields["unit_id"], "unit_id", _("Choose an existing unit."))
    if fields["supervisor_id"] is not None:
        require(
            db,
            "supervisors",
            fields["supervisor_id"],
            "supervisor_id",
            _("Choose an existing supervisor."),
        )
    day = parse_date(fields["date"], "date", not_after=today).isoformat()
    ratings = _checked_ratings(rulebook, fields["ratings"])
    scale = [s.id for s in rulebook.scale]
    check_choice(
        fields["overall"],
        scale,
        "overall",
        _("The overall level must be one of: {levels}.").format(
            levels=", ".join(s.label for s in rulebook.scale)
        ),
    )
    visits = _checked_visits(db, fields["visit_ids"], fields["unit_id"], day)
    row = {
        "unit_id": fields["unit_id"],
        "supervisor_id": fields["supervisor_id"],
        "date": day,
        "ratings": json.dumps(ratings, ensure_ascii=False),
        "overall": fields["overall"],
        "flagged": int(bool(fields["flagged"])),
        "narrative": check_length(text_or_none(fields["narrative"]), "narrative"),
    }
    return row, visits


def _checked_ratings(rulebook: Rulebook, ratings) -> dict[str, str]:
    """Ratings keyed by dimension id, in the rulebook's order; at least one."""
    ratings = dict(ratings or {})
    dimensions = {d.id: d for d in rulebook.dimensions}
    scale = {s.id for s in rulebook.scale}
    for key, value in ratings.items():
        if key not in dimensions:
            raise ValidationError(
                _("{dimension} is not a capability dimension of the rulebook.").format(
                    dimension=key
                ),
                field="ratings",
            )
        if value not in scale:
            raise ValidationError(
                _("{dimension}: {value} is not a level of the rulebook's scale.").format(
                    dimension=dimensions[key].label, value=value
                ),
                field="ratings",
            )
    if not ratings:
        raise ValidationError(_("Rate at least one dimension."), field="ratings")
    return {d: ratings[d] for d in dimensions if d in ratings}


def _checked_visits(db: Database, visit_ids, unit_id, day: str) -> tuple[int, ...]:
    """Distinct visits that took place in the note's unit, on or before the note's date."""
    out: list[int] = []
    for visit_id in visit_ids or ():
        visit = require(db, "visits", visit_id, "visit_ids", _("Choose existing visits."))
        if visit["unit_id"] != unit_id:
            raise ValidationError(
                _("A supporting visit must be to the same unit."), field="visit_ids"
            )
        if visit["status"] != VisitStatus.DONE or (visit["date"] or "") > day:
            raise ValidationError(
                _("A supporting visit must have taken place by the date of the note."),
                field="visit_ids",
            )
        if visit_id not in out:
            out.append(visit_id)
    return tuple(out)


def _visit_ids(db: Database, note_id: int) -> list[int]:
    rows = db["capability_note_visits"].rows_where("note_id = ?", [note_id], order_by="visit_id")
    return [r["visit_id"] for r in rows]


def _note(row: dict, visit_ids) -> CapabilityNote:
    ratings = json.loads(row["ratings"] or "{}")
    return records.record(CapabilityNote, row, ratings=ratings, visit_ids=tuple(visit_ids))


def get_note(db: Database, note_id: int) -> CapabilityNote:
    rows = list(db.query(_NOTES + "WHERE capability_notes.id = ?", [note_id]))
    if not rows:
        raise NotFound(_("No capability note with id {id}.").format(id=note_id))
    return _note(rows[0], _visit_ids(db, note_id))


def timeline(db: Database, person_id: int) -> list[CapabilityNote]:
    """A person's notes, newest first (as a file of notes is read), each with its visits."""
    get_person(db, person_id)
    links: dict[int, list[int]] = {}
    for link in db.query(_LINKS, {"person_id": person_id}):
        links.setdefault(link["note_id"], []).append(link["visit_id"])
    sql = (
        _NOTES + "WHERE capability_notes.person_id = ? ORDER BY date DESC, capability_notes.id DESC"
    )
    return [_note(r, links.get(r["id"], ())) for r in db.query(sql, [person_id])]


def list_notes(db: Database) -> list[CapabilityNote]:
    """Every note, oldest first, each with its supporting visits (the personnel export)."""
    links: dict[int, list[int]] = {}
    for link in db["capability_note_visits"].rows_where(order_by="note_id, visit_id"):
        links.setdefault(link["note_id"], []).append(link["visit_id"])
    sql = _NOTES + "ORDER BY date, capability_notes.id"
    return [_note(r, links.get(r["id"], ())) for r in db.query(sql)]


def latest_note(db: Database, person_id: int, as_of=None) -> CapabilityNote | None:
    """The person's most recent note on or before `as_of` (all notes when None)."""
    notes = [n for n in timeline(db, person_id) if as_of is None or n.date <= str(as_of)]
    return notes[0] if notes else None
