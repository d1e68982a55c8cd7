"""Validation shared by the concern write paths: dates, codes, linked records."""

import datetime as dt
import re

from sqlite_utils import Database

from store.core.errors import ValidationError
from store.lang.codes import Priority
from store.lang.i18n import _
from store.rules.rulebook import in_force as rulebook_in_force

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value, field: str) -> dt.date:
    """A real calendar date from a `date` or an ISO `YYYY-MM-DD` text, else ValidationError."""
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValidationError(
        _("{value!r} is not a real date (YYYY-MM-DD).").format(value=text), field=field
    )


def require_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(message, field=field)
    return text


def exists(db: Database, table: str, record_id: int | None) -> dict | None:
    rows = list(db[table].rows_where("id = ?", [record_id], limit=1))
    return rows[0] if rows else None


def check_choice(value, allowed: tuple[str, ...], field: str, what: str) -> str:
    if value not in allowed:
        raise ValidationError(
            _("{value!r} is not a known {what}; use one of: {allowed}.").format(
                value=value, what=what, allowed=", ".join(allowed)
            ),
            field=field,
        )
    return value


def check_category(db: Database, category: str) -> str:
    ids = tuple(c.id for c in rulebook_in_force(db).categories)
    return check_choice(category, ids, "category", _("concern category"))


def check_priority(priority: str) -> str:
    return check_choice(priority, tuple(Priority), "priority", _("priority"))


def check_due(due: dt.date, raised: dt.date) -> None:
    if due < raised:
        raise ValidationError(
            _("The due date {due} is before the date the concern was raised, {raised}.").format(
                due=due.isoformat(), raised=raised.isoformat()
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
    visit = exists(db, "visits", visit_id)
    if visit is None:
        raise ValidationError(_("No visit with id {id}.").format(id=visit_id), field="visit_id")
    if visit["unit_id"] != unit_id:
        raise ValidationError(_("That visit was to another unit."), field="visit_id")
    return visit
