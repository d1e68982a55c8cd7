"""Replacement-source plans (kế hoạch tạo nguồn thay thế) for a unit's secretary: candidates,
development actions, and an outcome. Personnel assessments: confidential.

A plan moves draft -> active -> completed, or to cancelled from draft or active. Completing
it with the outcome "replaced" appoints the successor (one of its candidates) as secretary,
ending the incumbent's post, in the same transaction.
"""

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from sqlite_utils import Database

from store.core import records
from store.core.checks import (
    SCOPE_CTE,
    check_choice,
    check_fields,
    fetch,
    iso,
    parse_date,
    require,
    text_or_none,
)
from store.core.errors import NotFound, ValidationError
from store.core.schema import unit_display_sql
from store.lang.codes import (
    ActionKind,
    ActionStatus,
    PlanOutcome,
    PlanReason,
    PlanStatus,
    Readiness,
    Role,
)
from store.lang.i18n import _
from store.lang.labels import label
from store.personnel.capability import CapabilityNote, get_note
from store.personnel.people import appoint, describe_post, person_profile

PLAN_STATUSES = tuple(PlanStatus)
OPEN_STATUSES = (PlanStatus.DRAFT, PlanStatus.ACTIVE)
PLAN_REASONS = tuple(PlanReason)
OUTCOMES = tuple(PlanOutcome)
READINESS = tuple(Readiness)
ACTION_KINDS = tuple(ActionKind)
ACTION_STATUSES = tuple(ActionStatus)
OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
_PLAN_MOVES = {
    PlanStatus.DRAFT: (PlanStatus.ACTIVE, PlanStatus.CANCELLED),
    PlanStatus.ACTIVE: (PlanStatus.COMPLETED, PlanStatus.CANCELLED),
}
_ACTION_MOVES: dict[str, tuple[ActionStatus, ...]] = {
    ActionStatus.PLANNED: (ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED),
    ActionStatus.IN_PROGRESS: (ActionStatus.PLANNED, ActionStatus.DONE, ActionStatus.CANCELLED),
    ActionStatus.DONE: (ActionStatus.IN_PROGRESS,),
    ActionStatus.CANCELLED: (ActionStatus.PLANNED,),
}


@dataclass(frozen=True, slots=True)
class Plan:
    CONFIDENTIAL: ClassVar[bool] = True
    id: int
    uid: str
    unit_id: int
    unit_name: str
    incumbent_id: int | None
    incumbent_name: str | None
    note_id: int | None
    reason: str
    target_date: str | None
    status: str
    outcome: str | None
    outcome_date: str | None
    successor_id: int | None
    successor_name: str | None
    supervisor_id: int | None
    supervisor_name: str | None
    candidates: int
    open_actions: int
    overdue_actions: int  # open actions whose due date passed (as of the query's date)
    next_due: str | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class Candidate:
    CONFIDENTIAL: ClassVar[bool] = True
    id: int
    uid: str
    plan_id: int
    person_id: int
    person_name: str
    birth_year: int | None
    current_post: str | None
    readiness: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Action:
    CONFIDENTIAL: ClassVar[bool] = True
    id: int
    uid: str
    plan_id: int
    candidate_id: int | None
    candidate_name: str | None
    kind: str
    description: str | None
    owner: str | None
    due_date: str | None
    status: str
    done_date: str | None

    def overdue(self, as_of: str) -> bool:
        due = self.due_date
        return self.status in OPEN_ACTION_STATUSES and due is not None and due < as_of


@dataclass(frozen=True, slots=True)
class PlanDetail:
    CONFIDENTIAL: ClassVar[bool] = True
    plan: Plan
    as_of: str
    candidates: tuple[Candidate, ...]
    actions: tuple[Action, ...]
    note: CapabilityNote | None  # the assessment the plan answers, if any

    @property
    def overdue(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.overdue(self.as_of))


# Constants only, no input: the scope CTE is shared with store.personnel.
_PLANS = (
    "WITH RECURSIVE"  # noqa: S608
    + SCOPE_CTE
    + """
SELECT * FROM (
    SELECT sp.*, """
    + unit_display_sql("units")
    + """ AS unit_name, units.sort_key AS unit_sort,
        incumbent.name AS incumbent_name, successor.name AS successor_name,
        supervisors.name AS supervisor_name,
        (SELECT count(*) FROM plan_candidates c WHERE c.plan_id = sp.id) AS candidates,
        (SELECT count(*) FROM plan_actions a WHERE a.plan_id = sp.id
            AND a.status IN ('planned', 'in_progress')) AS open_actions,
        (SELECT count(*) FROM plan_actions a WHERE a.plan_id = sp.id
            AND a.status IN ('planned', 'in_progress') AND a.due_date < :as_of)
            AS overdue_actions,
        (SELECT min(a.due_date) FROM plan_actions a WHERE a.plan_id = sp.id
            AND a.status IN ('planned', 'in_progress')) AS next_due
    FROM succession_plans sp
    JOIN units ON units.id = sp.unit_id
    LEFT JOIN people incumbent ON incumbent.id = sp.incumbent_id
    LEFT JOIN people successor ON successor.id = sp.successor_id
    LEFT JOIN supervisors ON supervisors.id = sp.supervisor_id
    WHERE (:supervisor_id IS NULL OR sp.unit_id IN (SELECT unit_id FROM scope))
      AND (:status IS NULL OR sp.status = :status)
      AND (:unit_id IS NULL OR sp.unit_id = :unit_id)
      AND (:plan_id IS NULL OR sp.id = :plan_id)
)
WHERE (:overdue = 0 OR (status IN ('draft', 'active') AND overdue_actions > 0))
ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END,
    target_date, unit_sort, id
LIMIT :limit OFFSET :offset
"""
)
_CANDIDATE = """
SELECT c.*, people.name AS person_name, people.birth_year
FROM plan_candidates c JOIN people ON people.id = c.person_id
"""
_CANDIDATES = (
    _CANDIDATE
    + "WHERE c.plan_id = ? ORDER BY"
    + " CASE c.readiness WHEN 'now' THEN 0 WHEN '1-2y' THEN 1 ELSE 2 END, people.sort_key"
)
_ACTION = """
SELECT a.*, people.name AS candidate_name
FROM plan_actions a
LEFT JOIN plan_candidates c ON c.id = a.candidate_id
LEFT JOIN people ON people.id = c.person_id
"""
_ACTIONS = _ACTION + "WHERE a.plan_id = ? ORDER BY a.due_date, a.id"


# ---- queries ------------------------------------------------------------------------------


def list_plans(
    db: Database,
    *,
    overdue: bool = False,
    status: str | None = None,
    supervisor_id: int | None = None,
    unit_id: int | None = None,
    as_of: dt.date | str,
    limit: int | None = None,
    offset: int = 0,
) -> list[Plan]:
    """Plans, active first then by target date; `overdue` keeps open plans with an action
    past due on `as_of`; `supervisor_id` keeps the units that supervisor oversees."""
    if status is not None:
        check_choice(
            status,
            PLAN_STATUSES,
            "status",
            _("Unknown plan status: {status}.").format(status=status),
        )
    return _plans(
        db,
        as_of,
        overdue=overdue,
        status=status,
        supervisor_id=supervisor_id,
        unit_id=unit_id,
        limit=limit,
        offset=offset,
    )


def get_plan(db: Database, plan_id: int, as_of: dt.date | str) -> Plan:
    rows = _plans(db, as_of, plan_id=plan_id, limit=1)
    if not rows:
        raise NotFound(_("No replacement-source plan with id {id}.").format(id=plan_id))
    return rows[0]


def _plans(
    db,
    as_of,
    *,
    plan_id=None,
    unit_id=None,
    supervisor_id=None,
    status=None,
    overdue=False,
    limit=None,
    offset=0,
) -> list[Plan]:
    params = {
        "as_of": parse_date(as_of, "as_of").isoformat(),
        "plan_id": plan_id,
        "unit_id": unit_id,
        "supervisor_id": supervisor_id,
        "status": status,
        "overdue": int(bool(overdue)),
        "limit": -1 if limit is None else limit,
        "offset": offset,
    }
    return [records.record(Plan, r) for r in db.query(_PLANS, params)]


def plan_detail(db: Database, plan_id: int, as_of: dt.date | str) -> PlanDetail:
    """A plan with its candidates (readiest first), actions (by due date) and ground note."""
    plan = get_plan(db, plan_id, as_of)
    candidates = tuple(records.record(Candidate, r) for r in db.query(_CANDIDATES, [plan_id]))
    actions = tuple(records.record(Action, r) for r in db.query(_ACTIONS, [plan_id]))
    note = get_note(db, plan.note_id) if plan.note_id else None
    return PlanDetail(plan, parse_date(as_of, "as_of").isoformat(), candidates, actions, note)


# ---- plans --------------------------------------------------------------------------------


def start_plan(
    db: Database,
    *,
    unit_id: int,
    incumbent_id: int | None,
    reason: str,
    target_date,
    note_id: int | None = None,
    supervisor_id: int | None = None,
) -> int:
    """Open a draft plan for the unit's secretary `incumbent_id` (None: a vacant post)."""
    unit = require(db, "units", unit_id, "unit_id", _("Choose an existing unit."))
    if db["succession_plans"].count_where(
        "unit_id = ? AND status IN ('draft', 'active')", [unit_id]
    ):
        raise ValidationError(
            _("{unit} already has an open replacement-source plan.").format(unit=unit["name"]),
            field="unit_id",
        )
    if incumbent_id is not None:
        _check_incumbent(db, unit, incumbent_id)
    row = {"unit_id": unit_id, "incumbent_id": incumbent_id, "status": PlanStatus.DRAFT}
    row |= _checked_plan_fields(
        db,
        row,
        reason=reason,
        target_date=target_date,
        note_id=note_id,
        supervisor_id=supervisor_id,
    )
    return records.insert(db, "succession_plans", row)


def update_plan(db: Database, plan_id: int, *, today: dt.date, **changes) -> Plan:
    """Change the reason, target date, ground note or supervisor of an open plan."""
    allowed = ("reason", "target_date", "note_id", "supervisor_id")
    check_fields(changes, allowed)
    plan = _open_plan(db, plan_id)
    merged = {k: plan[k] for k in allowed} | changes
    records.update(db, "succession_plans", plan_id, _checked_plan_fields(db, plan, **merged))
    return get_plan(db, plan_id, today)


def _checked_plan_fields(db, plan, *, reason, target_date, note_id, supervisor_id) -> dict:
    check_choice(
        reason,
        PLAN_REASONS,
        "reason",
        _("Unknown reason for a plan: {reason}.").format(reason=reason),
    )
    target = parse_date(target_date, "target_date").isoformat()
    if note_id is not None:
        note = require(db, "capability_notes", note_id, "note_id", _("Choose an existing note."))
        if note["person_id"] != plan["incumbent_id"]:
            raise ValidationError(
                _("The note must be about the incumbent secretary."), field="note_id"
            )
    if supervisor_id is not None:
        require(
            db, "supervisors", supervisor_id, "supervisor_id", _("Choose an existing supervisor.")
        )
    return {
        "reason": reason,
        "target_date": target,
        "note_id": note_id,
        "supervisor_id": supervisor_id,
    }


def _check_incumbent(db: Database, unit: dict, person_id: int) -> None:
    require(db, "people", person_id, "incumbent_id", _("Choose an existing person."))
    held = db["posts"].count_where(
        "unit_id = ? AND person_id = ? AND role = 'secretary' AND end_date IS NULL",
        [unit["id"], person_id],
    )
    if not held:
        raise ValidationError(
            _("This person is not the secretary of {unit}.").format(unit=unit["name"]),
            field="incumbent_id",
        )


def activate_plan(db: Database, plan_id: int, *, today: dt.date) -> Plan:
    """Put a draft plan into effect; it needs at least one candidate."""
    plan = _moving(db, plan_id, PlanStatus.ACTIVE)
    if not db["plan_candidates"].count_where("plan_id = ?", [plan_id]):
        raise ValidationError(
            _("Add at least one candidate before activating the plan."), field="candidates"
        )
    records.update(db, "succession_plans", plan["id"], {"status": PlanStatus.ACTIVE})
    return get_plan(db, plan_id, today)


def cancel_plan(db: Database, plan_id: int, *, date=None, today: dt.date) -> Plan:
    """Cancel a draft or active plan on `date` (default `today`, never after it)."""
    _moving(db, plan_id, PlanStatus.CANCELLED)
    day = parse_date(date or today, "date", not_after=today).isoformat()
    records.update(
        db, "succession_plans", plan_id, {"status": PlanStatus.CANCELLED, "outcome_date": day}
    )
    return get_plan(db, plan_id, today)


def complete_plan(
    db: Database,
    plan_id: int,
    *,
    outcome: str,
    date,
    successor_id: int | None = None,
    today: dt.date,
) -> Plan:
    """Close an active plan. "replaced": in one transaction, the successor (a candidate)
    becomes secretary and the incumbent's secretary post ends on `date`."""
    plan = _moving(db, plan_id, PlanStatus.COMPLETED)
    check_choice(
        outcome, OUTCOMES, "outcome", _("Unknown outcome: {outcome}.").format(outcome=outcome)
    )
    day = parse_date(date, "date", not_after=today).isoformat()
    if outcome == PlanOutcome.REPLACED:
        if not db["plan_candidates"].count_where(
            "plan_id = ? AND person_id = ?", [plan_id, successor_id]
        ):
            raise ValidationError(
                _("The successor must be one of the plan's candidates."), field="successor_id"
            )
    elif successor_id is not None:
        raise ValidationError(_("Only a replacement has a successor."), field="successor_id")
    changes = {
        "status": PlanStatus.COMPLETED,
        "outcome": outcome,
        "outcome_date": day,
        "successor_id": successor_id,
    }
    with db.atomic():
        if successor_id is not None:  # checked above: only a replacement has one
            appoint(
                db,
                successor_id,
                plan["unit_id"],
                Role.SECRETARY,
                day,
                reason=_("Replaced under a replacement-source plan."),
                today=today,
            )
        records.update(db, "succession_plans", plan_id, changes)
    return get_plan(db, plan_id, today)


def _plan_row(db: Database, plan_id: int) -> dict:
    plan = fetch(db, "succession_plans", plan_id)
    if plan is None:
        raise NotFound(_("No replacement-source plan with id {id}.").format(id=plan_id))
    return plan


def _moving(db: Database, plan_id: int, new: str) -> dict:
    """The plan, if it may move to status `new`; else a ValidationError naming both."""
    plan = _plan_row(db, plan_id)
    if new not in _PLAN_MOVES.get(plan["status"], ()):
        raise ValidationError(
            _("A plan that is {status} cannot become {new}.").format(
                status=label("plan_status", plan["status"]).lower(),
                new=label("plan_status", new).lower(),
            ),
            field="status",
        )
    return plan


def _open_plan(db: Database, plan_id: int) -> dict:
    plan = _plan_row(db, plan_id)
    if plan["status"] not in OPEN_STATUSES:
        raise ValidationError(
            _("The plan is {status}: it can no longer be changed.").format(
                status=label("plan_status", plan["status"]).lower()
            ),
            field="status",
        )
    return plan


# ---- candidates ---------------------------------------------------------------------------


def add_candidate(
    db: Database,
    plan_id: int,
    person_id: int,
    *,
    readiness: str,
    current_post: str | None = None,
    note: str | None = None,
    today: dt.date,
) -> int:
    """Add a candidate; `current_post` defaults to the person's post(s) on `today`."""
    plan = _open_plan(db, plan_id)
    require(db, "people", person_id, "person_id", _("Choose an existing person."))
    if person_id == plan["incumbent_id"]:
        raise ValidationError(_("The incumbent cannot be a candidate."), field="person_id")
    if db["plan_candidates"].count_where("plan_id = ? AND person_id = ?", [plan_id, person_id]):
        raise ValidationError(_("This person is already a candidate."), field="person_id")
    _check_readiness(readiness)
    if not text_or_none(current_post):
        posts = person_profile(db, person_id, today).current
        current_post = "; ".join(describe_post(p) for p in posts) or None
    row = {
        "plan_id": plan_id,
        "person_id": person_id,
        "readiness": readiness,
        "current_post": text_or_none(current_post),
        "note": text_or_none(note),
    }
    return records.insert(db, "plan_candidates", row)


def update_candidate(db: Database, candidate_id: int, **changes) -> Candidate:
    """Change a candidate's readiness, current post or note."""
    check_fields(changes, ("readiness", "current_post", "note"))
    candidate = _candidate_row(db, candidate_id)
    _open_plan(db, candidate["plan_id"])
    if "readiness" in changes:
        _check_readiness(changes["readiness"])
    values = {k: v if k == "readiness" else text_or_none(v) for k, v in changes.items()}
    records.update(db, "plan_candidates", candidate_id, values)
    rows = db.query(_CANDIDATE + "WHERE c.id = ?", [candidate_id])
    return records.record(Candidate, next(rows))


def remove_candidate(db: Database, candidate_id: int) -> None:
    candidate = _candidate_row(db, candidate_id)
    _open_plan(db, candidate["plan_id"])
    if db["plan_actions"].count_where("candidate_id = ?", [candidate_id]):
        raise ValidationError(
            _("Remove or reassign this candidate's actions first."), field="candidate_id"
        )
    records.delete(db, "plan_candidates", candidate_id)


def _candidate_row(db: Database, candidate_id: int) -> dict:
    row = fetch(db, "plan_candidates", candidate_id)
    if row is None:
        raise NotFound(_("No candidate with id {id}.").format(id=candidate_id))
    return row


def _check_readiness(readiness) -> None:
    check_choice(
        readiness,
        READINESS,
        "readiness",
        _("Readiness must be: ready now, within 1–2 years, or longer."),
    )


# ---- actions ------------------------------------------------------------------------------


def add_action(
    db: Database,
    plan_id: int,
    *,
    kind: str,
    description: str,
    owner: str,
    due_date,
    status: str = ActionStatus.PLANNED,
    candidate_id: int | None = None,
    done_date=None,
    today: dt.date,
) -> int:
    """Add a development action (training, theory class, acting as deputy, contest…)."""
    _open_plan(db, plan_id)
    row = _checked_action(
        db,
        plan_id,
        kind=kind,
        description=description,
        owner=owner,
        due_date=due_date,
        candidate_id=candidate_id,
    )
    check_choice(
        status,
        ACTION_STATUSES,
        "status",
        _("Unknown action status: {status}.").format(status=status),
    )
    done = (
        parse_date(done_date or today, "done_date", not_after=today)
        if status == ActionStatus.DONE
        else None
    )
    return records.insert(
        db, "plan_actions", {"plan_id": plan_id, **row, "status": status, "done_date": iso(done)}
    )


def update_action(db: Database, action_id: int, **changes) -> Action:
    """Change an action's kind, description, owner, due date or candidate."""
    fields = ("kind", "description", "owner", "due_date", "candidate_id")
    check_fields(changes, fields)
    action = _action_row(db, action_id)
    _open_plan(db, action["plan_id"])
    merged = {k: action[k] for k in fields} | changes
    row = _checked_action(db, action["plan_id"], **merged)
    records.update(db, "plan_actions", action_id, row)
    return get_action(db, action_id)


def set_action_status(
    db: Database, action_id: int, status: str, *, date=None, today: dt.date
) -> Action:
    """Move an action on (planned, in progress, done, cancelled); `date` is when it was done."""
    action = _action_row(db, action_id)
    _open_plan(db, action["plan_id"])
    check_choice(
        status,
        ACTION_STATUSES,
        "status",
        _("Unknown action status: {status}.").format(status=status),
    )
    if status not in _ACTION_MOVES[action["status"]]:
        raise ValidationError(
            _("An action that is {status} cannot become {new}.").format(
                status=label("action_status", action["status"]).lower(),
                new=label("action_status", status).lower(),
            ),
            field="status",
        )
    done = (
        parse_date(date or today, "date", not_after=today) if status == ActionStatus.DONE else None
    )
    records.update(db, "plan_actions", action_id, {"status": status, "done_date": iso(done)})
    return get_action(db, action_id)


def action_moves(status: str) -> tuple[str, ...]:
    """The statuses an action that is `status` may move to (a form offers these only)."""
    return _ACTION_MOVES.get(status, ())


def remove_action(db: Database, action_id: int) -> None:
    action = _action_row(db, action_id)
    _open_plan(db, action["plan_id"])
    records.delete(db, "plan_actions", action_id)


def get_action(db: Database, action_id: int) -> Action:
    rows = list(db.query(_ACTION + "WHERE a.id = ?", [action_id]))
    if not rows:
        raise NotFound(_("No plan action with id {id}.").format(id=action_id))
    return records.record(Action, rows[0])


def _action_row(db: Database, action_id: int) -> dict:
    row = fetch(db, "plan_actions", action_id)
    if row is None:
        raise NotFound(_("No plan action with id {id}.").format(id=action_id))
    return row


def _checked_action(db, plan_id, *, kind, description, owner, due_date, candidate_id) -> dict:
    check_choice(kind, ACTION_KINDS, "kind", _("Unknown action kind: {kind}.").format(kind=kind))
    if not text_or_none(description):
        raise ValidationError(_("Describe the action."), field="description")
    if not text_or_none(owner):
        raise ValidationError(_("Name who is responsible for the action."), field="owner")
    due = parse_date(due_date, "due_date").isoformat()
    if candidate_id is not None:
        candidate = fetch(db, "plan_candidates", candidate_id)
        if candidate is None or candidate["plan_id"] != plan_id:
            raise ValidationError(_("Choose one of the plan's candidates."), field="candidate_id")
    return {
        "kind": kind,
        "description": text_or_none(description),
        "owner": text_or_none(owner),
        "due_date": due,
        "candidate_id": candidate_id,
    }
