"""Visits: a supervisor attends a unit's meeting and scores it on the rulebook's score sheet.

`record_visit` saves the meeting and the visit in one transaction, after checking everything:
the meeting's figures (store.visits.meetings), the score sheet (each criterion's points a whole
number from 0 to its maximum, every criterion scored, no unknown one, none the meeting's facts
deny: store.rules.facts) and that the supervisor was assigned to the unit on the meeting's
date. Nothing is saved when a check fails. The unit's own score sheet (`unit_scores`) is not
held to the facts: it records what the cell claimed, which the supervisor copies, not judges.
Planning (store.visits.planning), the score sheet (store.rules.scoring) and the lists
(store.visits.visit_list)
are offered here too, so that one import serves a visit screen.
"""

import json
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from store.core import actions, records
from store.core.checks import check_fields, check_length
from store.core.errors import Duplicate, NotFound, ValidationError
from store.lang.codes import HistoryAction, VisitStatus
from store.lang.i18n import _
from store.lang.text import vn_date
from store.rules.cadence import Assignment, assignment_on
from store.rules.facts import check_ties
from store.rules.rulebook import in_force as rulebook_in_force
from store.rules.scoring import LiveRating, check_scores, live_rating
from store.visits.meetings import (
    Meeting,
    check_meeting,
    describe_meeting,
    get_meeting,
    same_meeting,
    validate_meeting,
)
from store.visits.planning import (
    AgendaItem,
    Suggestion,
    agenda,
    cancel_planned_visit,
    missed_visits,
    plan_visit,
    suggest_plan,
)
from store.visits.visit_list import VisitRow, count_visits, list_visits

__all__ = [
    "AgendaItem",
    "DeletedVisit",
    "LiveRating",
    "Suggestion",
    "Visit",
    "VisitResult",
    "VisitRow",
    "agenda",
    "cancel_planned_visit",
    "check_scores",
    "count_visits",
    "delete_visit",
    "get_visit",
    "list_visits",
    "live_rating",
    "missed_visits",
    "plan_visit",
    "record_visit",
    "restore_visit",
    "takes_meeting",
    "suggest_plan",
    "update_visit",
]

TEXTS = ("observations", "recommendations", "good_practice")


@dataclass(frozen=True, slots=True)
class VisitResult:
    visit_id: int
    meeting_id: int
    total: int
    rating: str
    rating_label: str
    missing_for_good: tuple[str, ...]


def _texts(values: dict) -> dict:
    return {k: check_length((values.get(k) or "").strip() or None, k) for k in TEXTS}


def _check_supervisor(db: Database, supervisor_id) -> None:
    if not db["supervisors"].count_where("id = ?", [supervisor_id]):
        raise ValidationError(
            _("No supervisor with id {id}.").format(id=supervisor_id), field="supervisor_id"
        )


def _assignment(db, supervisor_id, unit_id, day: str) -> Assignment:
    found = assignment_on(db, supervisor_id, unit_id, date.fromisoformat(day))
    if found is None:
        raise ValidationError(
            _("On {date} the supervisor was not assigned to this unit.").format(date=vn_date(day)),
            field="date",
        )
    return found


def _check_planned(db, planned_visit_id, supervisor_id, unit_id) -> None:
    rows = list(db["visits"].rows_where("id = ?", [planned_visit_id]))
    plan = rows[0] if rows else None
    if (
        not plan
        or plan["status"] != VisitStatus.PLANNED
        or (plan["supervisor_id"], plan["unit_id"]) != (supervisor_id, unit_id)
    ):
        raise ValidationError(
            _("This is not a planned visit of this supervisor to this unit."),
            field="planned_visit_id",
        )


def _check_reported(db, meeting_id, supervisor_id, unit_id) -> None:
    rows = list(db["meetings"].rows_where("id = ? and unit_id = ?", [meeting_id, unit_id]))
    if not rows or db["visits"].count_where(
        "meeting_id = ? and supervisor_id = ?", [meeting_id, supervisor_id]
    ):
        raise ValidationError(
            _("This is not a meeting of this unit that the supervisor has not yet recorded."),
            field="meeting_id",
        )


def _check_second_visit(db, supervisor_id, meeting_id, visit_id=None) -> None:
    """One visit per supervisor and meeting: a second is refused, naming the first."""
    row = db.execute(
        "select id from visits where meeting_id = ? and supervisor_id = ? and id != ?",
        [meeting_id, supervisor_id, visit_id or 0],
    ).fetchone()
    if row:
        name = db["supervisors"].get(supervisor_id)["name"]
        raise Duplicate(
            _("This visit is already recorded: {supervisor} at {meeting}.").format(
                supervisor=name, meeting=describe_meeting(db, meeting_id)
            ),
            field="date",
            table="visits",
            record_id=row[0],
        )


def record_visit(
    db: Database,
    *,
    supervisor_id: int,
    unit_id: int,
    meeting: dict,
    scores: dict,
    observations=None,
    recommendations=None,
    good_practice=None,
    unit_scores=None,
    planned_visit_id=None,
    meeting_id=None,
    today: date,
) -> VisitResult:
    """Save the meeting the supervisor attended and the visit, in one transaction.
    `meeting_id`: a meeting of the unit already registered (its own report, or another
    supervisor's visit), which the visit records, its figures replaced by `meeting`'s; without
    it, the unit's meeting of that kind and day if one is stored (a meeting is held once).
    A second visit of the supervisor to one meeting raises `Duplicate`, naming the first."""
    rulebook = rulebook_in_force(db)
    _check_supervisor(db, supervisor_id)
    meeting_row = validate_meeting({**meeting, "source": "visit"}, today=today)
    if meeting_id is None:
        meeting_id = same_meeting(db, unit_id, meeting_row["kind"], meeting_row["date"])
    if meeting_id is not None:
        _check_second_visit(db, supervisor_id, meeting_id)
    meeting_row = check_meeting(
        db, unit_id, {**meeting, "source": "visit"}, today=today, meeting_id=meeting_id
    )
    clean = check_scores(rulebook, scores)
    check_ties(rulebook, clean, meeting_row)
    own = check_scores(rulebook, unit_scores, "unit_score") if unit_scores else None
    assignment = _assignment(db, supervisor_id, unit_id, meeting_row["date"])
    if planned_visit_id is not None:
        _check_planned(db, planned_visit_id, supervisor_id, unit_id)
    if meeting_id is not None:
        _check_reported(db, meeting_id, supervisor_id, unit_id)
    rating = rulebook.rate(clean)
    visit = {
        "supervisor_id": supervisor_id,
        "unit_id": unit_id,
        "assignment_id": assignment.id,
        "date": meeting_row["date"],
        "status": VisitStatus.DONE,
        "scores": json.dumps(clean),
        "unit_scores": json.dumps(own) if own else None,
        "total": rating.total,
        "rating": rating.level,
        "rulebook": rulebook.name,
        **_texts(
            {
                "observations": observations,
                "recommendations": recommendations,
                "good_practice": good_practice,
            }
        ),
    }
    with db.atomic():
        if meeting_id is None:
            meeting_id = records.insert(db, "meetings", {"unit_id": unit_id, **meeting_row})
        else:
            records.update(db, "meetings", meeting_id, meeting_row)
        visit["meeting_id"] = meeting_id
        if planned_visit_id is not None:
            records.update(db, "visits", planned_visit_id, visit)
            visit_id = planned_visit_id
        else:
            visit_id = records.insert(db, "visits", visit)
    return VisitResult(
        visit_id, meeting_id, rating.total, rating.level, rating.label, rating.missing_for_good
    )


def update_visit(db: Database, visit_id: int, *, today: date, **changes) -> VisitResult:
    """Change a recorded visit: `meeting` (some meeting fields), `scores`, `unit_scores`,
    `observations`, `recommendations`, `good_practice`; everything is checked again."""
    check_fields(changes, {"meeting", "scores", "unit_scores", *TEXTS})
    current = get_visit(db, visit_id)
    if current.status != VisitStatus.DONE or current.meeting is None:
        raise ValidationError(_("Only a recorded visit can be changed."), field="status")
    rulebook = rulebook_in_force(db)
    old_meeting = {k: getattr(current.meeting, k) for k in Meeting.__slots__}
    meeting_row = check_meeting(
        db,
        current.unit_id,
        {**old_meeting, **(changes.get("meeting") or {}), "source": "visit"},
        today=today,
        meeting_id=current.meeting.id,
    )
    clean = check_scores(rulebook, changes.get("scores", current.scores))
    check_ties(rulebook, clean, meeting_row)
    unit_scores = changes.get("unit_scores", current.unit_scores)
    own = check_scores(rulebook, unit_scores, "unit_score") if unit_scores else None
    assignment = _assignment(db, current.supervisor_id, current.unit_id, meeting_row["date"])
    rating = rulebook.rate(clean)
    texts = _texts({k: changes.get(k, getattr(current, k)) for k in TEXTS})
    with db.atomic():
        records.update(db, "meetings", current.meeting.id, meeting_row)
        records.update(
            db,
            "visits",
            visit_id,
            {
                "assignment_id": assignment.id,
                "date": meeting_row["date"],
                "scores": json.dumps(clean),
                "unit_scores": json.dumps(own) if own else None,
                "total": rating.total,
                "rating": rating.level,
                "rulebook": rulebook.name,
                **texts,
            },
        )
    return VisitResult(
        visit_id,
        current.meeting.id,
        rating.total,
        rating.level,
        rating.label,
        rating.missing_for_good,
    )


@dataclass(frozen=True, slots=True)
class DeletedVisit:
    """What `delete_visit` removed, to undo it with `restore_visit`."""

    visit_uid: str
    meeting_uid: str | None


def delete_visit(db: Database, visit_id: int) -> DeletedVisit:
    """Delete a visit and the meeting it recorded, unless another supervisor's visit records
    that meeting too; what is deleted stays in the audit trail."""
    visit = records.get(db, "visits", visit_id)
    linked = db["concerns"].count_where("visit_id = ?", [visit_id]) + db[
        "capability_note_visits"
    ].count_where("visit_id = ?", [visit_id])
    if linked:
        raise ValidationError(
            _("Concerns or capability notes refer to this visit; change them first."),
            field="visit_id",
        )
    shared = not takes_meeting(db, visit_id)
    with actions.action(db, HistoryAction.VISIT_DELETE):  # one entry, one restore
        records.delete(db, "visits", visit_id)
        meeting = (
            records.delete(db, "meetings", visit["meeting_id"])
            if visit["meeting_id"] and not shared
            else None
        )
    return DeletedVisit(visit["uid"], meeting["uid"] if meeting else None)


def takes_meeting(db: Database, visit_id: int) -> bool:
    """Whether deleting the visit takes its meeting too (no other visit records it): what
    the delete dialog says will go, and come back with one restore."""
    visit = records.get(db, "visits", visit_id)
    return bool(visit["meeting_id"]) and not db["visits"].count_where(
        "meeting_id = ? and id != ?", [visit["meeting_id"], visit_id]
    )


def restore_visit(db: Database, deleted: DeletedVisit) -> int:
    """Bring back a deleted visit and its meeting; returns the visit's id."""
    with actions.action(db, HistoryAction.RESTORE):
        if deleted.meeting_uid:
            records.restore(db, deleted.meeting_uid)
        return records.restore(db, deleted.visit_uid)


@dataclass(frozen=True, slots=True)
class Visit:
    id: int
    uid: str
    supervisor_id: int
    unit_id: int
    assignment_id: int | None
    date: str | None
    planned_date: str | None
    status: str
    scores: dict
    unit_scores: dict | None
    total: int | None
    rating: str | None
    rulebook: str | None
    observations: str | None
    recommendations: str | None
    good_practice: str | None
    meeting: Meeting | None


def get_visit(db: Database, visit_id: int) -> Visit:
    rows = list(db["visits"].rows_where("id = ?", [visit_id]))
    if not rows:
        raise NotFound(_("No visit with id {id}.").format(id=visit_id))
    row = rows[0]
    return records.record(
        Visit,
        row,
        scores=json.loads(row["scores"]) if row["scores"] else {},
        unit_scores=json.loads(row["unit_scores"]) if row["unit_scores"] else None,
        meeting=get_meeting(db, row["meeting_id"]) if row["meeting_id"] else None,
    )
