"""The concern checks on top of the core kit: category, priority, due date, linked visit."""

import datetime as dt

from sqlite_utils import Database

from store.core.checks import check_choice, check_length, fetch
from store.core.errors import ValidationError
from store.lang.codes import Priority
from store.lang.i18n import _
from store.lang.text import vn_date
from store.rules.rulebook import in_force as rulebook_in_force


def require_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(message, field=field)
    return check_length(text, field) or text


def unknown(value, allowed: tuple[str, ...], what: str) -> str:
    """The message for a code that is not one of `allowed`: it lists the ones that are."""
    return _("{value!r} is not a known {what}; use one of: {allowed}.").format(
        value=value, what=what, allowed=", ".join(allowed)
    )


def check_category(db: Database, category: str) -> str:
    ids = tuple(c.id for c in rulebook_in_force(db).categories)
    return check_choice(category, ids, "category", unknown(category, ids, _("concern category")))


def check_priority(priority: str) -> str:
    allowed = tuple(Priority)
    return check_choice(priority, allowed, "priority", unknown(priority, allowed, _("priority")))


def check_due(due: dt.date, raised: dt.date) -> None:
    if due < raised:
        raise ValidationError(
            _("The due date {due} is before the date the concern was raised, {raised}.").format(
                due=vn_date(due), raised=vn_date(raised)
            ),
            field="due_date",
        )


def default_supervisor(db: Database, unit_id: int, on: dt.date) -> int | None:
    """The unit's supervisor on `on` when exactly one is assigned."""
    rows = list(
        db.query(
            """select distinct supervisor_id from assignments where unit_id = ?
               and start_date <= ? and (end_date is null or end_date >= ?)""",
            [unit_id, on.isoformat(), on.isoformat()],
        )
    )
    return rows[0]["supervisor_id"] if len(rows) == 1 else None


def check_visit(db: Database, visit_id: int | None, unit_id: int) -> dict | None:
    if visit_id is None:
        return None
    visit = fetch(db, "visits", visit_id)
    if visit is None:
        raise ValidationError(_("No visit with id {id}.").format(id=visit_id), field="visit_id")
    if visit["unit_id"] != unit_id:
        raise ValidationError(_("That visit was to another unit."), field="visit_id")
    return visit
