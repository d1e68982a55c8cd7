"""Exports of personnel assessments: capability notes, replacement-source plans, their
candidates and their actions. Confidential: they are not import kinds (`store.exchange.importer`
never lists them), they are exported only when the caller asks for personnel content, and
every row carries a `confidential` column set to true.

>>> columns, rows = export_rows(db, "plans", include_personnel=True)   # doctest: +SKIP
>>> columns[:3], rows[0]["confidential"]                               # doctest: +SKIP
(['confidential', 'id', 'uid'], True)
"""

from dataclasses import fields
from datetime import date

from sqlite_utils import Database

from store.core.errors import ValidationError
from store.lang.i18n import _
from store.personnel import export_row
from store.personnel.capability import CapabilityNote, list_notes
from store.personnel.succession import Action, Candidate, Plan, list_plans, plan_detail
from store.rules.rulebook import in_force as rulebook_in_force

MARKER = "confidential"
KINDS = ("capability-notes", "plans", "plan-candidates", "plan-actions")


def is_personnel_kind(kind: str) -> bool:
    return kind in KINDS


def export_rows(
    db: Database, kind: str, *, include_personnel: bool = False, as_of: date
) -> tuple[list[str], list[dict]]:
    """The columns and rows of a personnel kind, plans as on `as_of` (their overdue
    actions); refused unless `include_personnel`."""
    if kind not in KINDS:
        raise ValidationError(
            _("Unknown personnel kind {kind!r}; choose one of: {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            ),
            field="kind",
        )
    if not include_personnel:
        raise ValidationError(
            _("Personnel assessments are confidential: exported only on explicit request."),
            field="include_personnel",
        )
    if kind == "capability-notes":
        return _notes(db)
    typed, cls = _plan_rows(db, kind, as_of)
    columns = [MARKER, *(f.name for f in fields(cls))]
    return columns, [_marked(export_row(row, include_personnel=True)) for row in typed]


def _marked(values: dict) -> dict:
    return {MARKER: True, **values}


def _plan_rows(db: Database, kind: str, as_of: date) -> tuple[list, type]:
    plans = list_plans(db, limit=None, as_of=as_of)
    if kind == "plans":
        return plans, Plan
    details = [plan_detail(db, plan.id, as_of) for plan in plans]
    if kind == "plan-candidates":
        return [c for d in details for c in d.candidates], Candidate
    return [a for d in details for a in d.actions], Action


def _notes(db: Database) -> tuple[list[str], list[dict]]:
    """Notes with one `rating.<dimension>` column per dimension of the rulebook (and any
    other dimension a note was rated on), and the supporting visits as `1;4;7`."""
    notes = list_notes(db)
    dimensions = [d.id for d in rulebook_in_force(db).dimensions]
    for note in notes:
        dimensions += [d for d in note.ratings if d not in dimensions]
    plain = [f.name for f in fields(CapabilityNote) if f.name not in ("ratings", "visit_ids")]
    columns = [MARKER, *plain, *(f"rating.{d}" for d in dimensions), "visit_ids"]
    rows = []
    for note in notes:
        values = export_row(note, include_personnel=True)
        ratings = values.pop("ratings")
        values["visit_ids"] = ";".join(str(v) for v in values["visit_ids"])
        values |= {f"rating.{d}": ratings.get(d) for d in dimensions}
        rows.append(_marked(values))
    return columns, rows
