"""Concerns raised at the grassroots ("vấn đề vướng mắc, kiến nghị"): raising, the status
workflow with a dated note at every step, editing, deleting and the readable history.

The workflow, as `TRANSITIONS` holds it:

    new          -> in_progress | escalated | resolved | answered
    in_progress  -> escalated | resolved | answered
    escalated    -> in_progress | resolved | answered
    resolved     -> in_progress   only through reopen(), with a reason
    answered     -> in_progress   only through reopen(), with a reason

Every step appends a `concern_events` row (the first, "new", is written when the concern is
raised) and updates the concern, audited, in one transaction. Closing (resolved, answered)
sets `resolved_date` and `resolution` (the step's note); reopening clears them.
"""

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from store.concerns import checks as checks
from store.core import records
from store.core.checks import check_choice, fetch, parse_date
from store.core.errors import ValidationError
from store.lang.codes import ConcernStatus, Priority
from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import vn_date
from store.rules.rulebook import in_force as rulebook_in_force

STATUSES = tuple(ConcernStatus)
CLOSED = (ConcernStatus.RESOLVED, ConcernStatus.ANSWERED)
OPEN = tuple(s for s in STATUSES if s not in CLOSED)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ConcernStatus.NEW: (
        ConcernStatus.IN_PROGRESS,
        ConcernStatus.ESCALATED,
        ConcernStatus.RESOLVED,
        ConcernStatus.ANSWERED,
    ),
    ConcernStatus.IN_PROGRESS: (
        ConcernStatus.ESCALATED,
        ConcernStatus.RESOLVED,
        ConcernStatus.ANSWERED,
    ),
    ConcernStatus.ESCALATED: (
        ConcernStatus.IN_PROGRESS,
        ConcernStatus.RESOLVED,
        ConcernStatus.ANSWERED,
    ),
    ConcernStatus.RESOLVED: (),
    ConcernStatus.ANSWERED: (),
}
REOPEN_TO = ConcernStatus.IN_PROGRESS
_KEEP = object()  # "leave this field as it is" in edit_concern


@dataclass(frozen=True, slots=True)
class Concern:
    id: int
    uid: str
    unit_id: int
    visit_id: int | None
    supervisor_id: int | None
    raised_date: str
    category: str
    description: str
    route: str
    owner: str | None
    due_date: str | None
    priority: str | None
    status: str
    resolved_date: str | None
    resolution: str | None

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


@dataclass(frozen=True, slots=True)
class ConcernEvent:
    id: int
    concern_id: int
    date: str
    from_status: str | None
    to_status: str
    note: str | None
    actor: str | None


def raise_concern(
    db: Database,
    *,
    unit_id: int,
    category: str,
    description: str,
    route: str,
    owner: str | None = None,
    due_date=None,
    priority: str = Priority.NORMAL,
    supervisor_id: int | None = None,
    visit_id: int | None = None,
    raised_date=None,
    today: dt.date,
) -> int:
    """Record a new concern and its first event; returns its id.

    Raised from a visit, the visit's date and supervisor are the defaults; otherwise today and
    the unit's one assigned supervisor. The due date defaults to the route's `due_days`.
    """
    if fetch(db, "units", unit_id) is None:
        raise ValidationError(_("No unit with id {id}.").format(id=unit_id), field="unit_id")
    visit = checks.check_visit(db, visit_id, unit_id)
    checks.check_category(db, category)
    routes = {r.id: r for r in rulebook_in_force(db).routes}
    check_choice(route, routes, "route", checks.unknown(route, tuple(routes), _("concern route")))
    text = checks.require_text(description, "description", _("Describe the concern."))
    checks.check_priority(priority)
    if raised_date is None:
        raised_date = (visit or {}).get("date") or today
    raised = parse_date(raised_date, "raised_date")
    if raised > today:
        raise ValidationError(
            _("The date raised, {date}, is in the future.").format(date=vn_date(raised)),
            field="raised_date",
        )
    days = routes[route].due_days or 0
    due = parse_date(due_date, "due_date") if due_date else raised + dt.timedelta(days=days)
    checks.check_due(due, raised)
    if supervisor_id is None:
        supervisor_id = (visit or {}).get("supervisor_id") or checks.default_supervisor(
            db, unit_id, raised
        )
    elif fetch(db, "supervisors", supervisor_id) is None:
        raise ValidationError(
            _("No supervisor with id {id}.").format(id=supervisor_id), field="supervisor_id"
        )
    row = {
        "unit_id": unit_id,
        "visit_id": visit_id,
        "supervisor_id": supervisor_id,
        "raised_date": raised.isoformat(),
        "category": category,
        "description": text,
        "route": route,
        "owner": (owner or "").strip() or None,
        "due_date": due.isoformat(),
        "priority": priority,
        "status": ConcernStatus.NEW,
    }
    with db.atomic():
        concern_id = records.insert(db, "concerns", row)
        _event(db, concern_id, raised, None, ConcernStatus.NEW, None, None)
    return concern_id


def _event(db, concern_id, on: dt.date, from_status, to_status, note, actor) -> int:
    row = {
        "concern_id": concern_id,
        "date": on.isoformat(),
        "from_status": from_status,
        "to_status": to_status,
        "note": note,
        "actor": actor,
    }
    return records.insert(db, "concern_events", row)


def get_concern(db: Database, concern_id: int) -> Concern:
    return records.record(Concern, records.get(db, "concerns", concern_id))


def history(db: Database, concern_id: int) -> list[ConcernEvent]:
    """The concern's steps, oldest first."""
    rows = db["concern_events"].rows_where("concern_id = ?", [concern_id], order_by="date, id")
    return [records.record(ConcernEvent, r) for r in rows]


def _illegal(current: str, target: str) -> ValidationError:
    names = {"current": label("concern_status", current), "target": label("concern_status", target)}
    if current in CLOSED:
        message = _(
            "Cannot move the concern from “{current}” to “{target}”: a closed concern can only "
            "be reopened, with a reason."
        )
    else:
        allowed = ", ".join(label("concern_status", s) for s in TRANSITIONS[current])
        message = _(
            "Cannot move the concern from “{current}” to “{target}”; from “{current}” it can go "
            "to: {allowed}."
        )
        names["allowed"] = allowed
    return ValidationError(message.format(**names), field="status")


def _step_date(db: Database, concern_id: int, on, today: dt.date) -> dt.date:
    """The date of a new step: real, not in the future, not before the last step."""
    day = parse_date(on or today, "date")
    if day > today:
        raise ValidationError(
            _("The date {date} is in the future.").format(date=vn_date(day)), field="date"
        )
    last = db.execute(
        "select max(date) from concern_events where concern_id = ?", [concern_id]
    ).fetchone()[0]
    if last and day.isoformat() < last:
        raise ValidationError(
            _("The date {date} is before the concern's last step, {last}.").format(
                date=vn_date(day), last=vn_date(last)
            ),
            field="date",
        )
    return day


def transition(
    db: Database,
    concern_id: int,
    to_status: str,
    *,
    note: str,
    date=None,
    actor: str | None = None,
    today: dt.date,
) -> Concern:
    """Move a concern one step along the workflow, with a dated note; returns it after."""
    concern = get_concern(db, concern_id)
    check_choice(
        to_status, STATUSES, "status", checks.unknown(to_status, STATUSES, _("concern status"))
    )
    if to_status not in TRANSITIONS[concern.status]:
        raise _illegal(concern.status, to_status)
    text = checks.require_text(note, "note", _("Write a note for this step."))
    return _step(db, concern, to_status, text, _step_date(db, concern_id, date, today), actor)


def reopen(
    db: Database,
    concern_id: int,
    reason: str,
    date=None,
    *,
    actor: str | None = None,
    today: dt.date,
) -> Concern:
    """Take a resolved or answered concern back to "in progress", saying why."""
    concern = get_concern(db, concern_id)
    if concern.status not in CLOSED:
        raise ValidationError(
            _(
                "Only a resolved or answered concern can be reopened; this one is “{status}”."
            ).format(status=label("concern_status", concern.status)),
            field="status",
        )
    text = checks.require_text(reason, "reason", _("Give the reason for reopening the concern."))
    return _step(db, concern, REOPEN_TO, text, _step_date(db, concern_id, date, today), actor)


def _step(db, concern: Concern, to_status: str, note: str, on: dt.date, actor) -> Concern:
    changes: dict = {"status": to_status}
    if to_status in CLOSED:
        changes.update(resolved_date=on.isoformat(), resolution=note)
    elif concern.status in CLOSED:
        changes.update(resolved_date=None, resolution=None)
    with db.atomic():
        _event(db, concern.id, on, concern.status, to_status, note, actor)
        records.update(db, "concerns", concern.id, changes)
    return get_concern(db, concern.id)


def edit_concern(
    db: Database,
    concern_id: int,
    *,
    description=_KEEP,
    owner=_KEEP,
    due_date=_KEEP,
    priority=_KEEP,
    category=_KEEP,
) -> Concern:
    """Change what a concern says (not its status); only the fields given are touched."""
    concern = get_concern(db, concern_id)
    changes: dict = {}
    if description is not _KEEP:
        changes["description"] = checks.require_text(
            description, "description", _("Describe the concern.")
        )
    if owner is not _KEEP:
        changes["owner"] = (owner or "").strip() or None
    if due_date is not _KEEP:
        due = parse_date(due_date, "due_date")
        checks.check_due(due, parse_date(concern.raised_date, "raised_date"))
        changes["due_date"] = due.isoformat()
    if priority is not _KEEP:
        changes["priority"] = checks.check_priority(priority)
    if category is not _KEEP:
        changes["category"] = checks.check_category(db, category)
    if changes:
        records.update(db, "concerns", concern_id, changes)
    return get_concern(db, concern_id)


def delete_concern(db: Database, concern_id: int) -> None:
    """Delete a concern and its history; both stay in the audit trail and can be restored."""
    get_concern(db, concern_id)
    with db.atomic():
        for event in history(db, concern_id):
            records.delete(db, "concern_events", event.id)
        records.delete(db, "concerns", concern_id)
