"""What the personnel modules share: date checks, existence checks and a supervisor's scope."""

import re
from datetime import date, datetime
from typing import Literal, overload

from sqlite_utils import Database

from store.core.errors import ValidationError
from store.lang.i18n import _

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")

# The units a supervisor oversees on :as_of: those of their active assignments and every
# unit below them (the cells of an assigned đảng bộ cơ sở). Prefix of a WITH RECURSIVE query.
SCOPE_CTE = """
scope(unit_id) AS (
    SELECT unit_id FROM assignments
    WHERE supervisor_id = :supervisor_id AND start_date <= :as_of
      AND (end_date IS NULL OR end_date >= :as_of)
    UNION
    SELECT units.id FROM units JOIN scope ON units.parent_id = scope.unit_id
)"""


def today() -> str:
    return date.today().isoformat()


@overload
def parse_date(
    value, field: str, *, required: Literal[True] = True, future: bool = False
) -> str: ...
@overload
def parse_date(value, field: str, *, required: bool, future: bool = False) -> str | None: ...
def parse_date(value, field: str, *, required: bool = True, future: bool = False) -> str | None:
    """`value` (date or ISO text) as ISO text, refused if not a real date or, unless
    `future`, if after today."""
    if value is None or value == "":
        if required:
            raise ValidationError(_("A date is required."), field=field)
        return None
    if isinstance(value, datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    try:
        if not _ISO.fullmatch(text):
            raise ValueError(text)
        date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("{value} is not a real date (YYYY-MM-DD).").format(value=value), field=field
        ) from None
    if not future and text > today():
        raise ValidationError(_("{date} is in the future.").format(date=text), field=field)
    return text


def as_of_date(value) -> str:
    """The reference date of a query: today when not given."""
    return parse_date(value, "as_of", required=False, future=True) or today()


def year_before(iso: str) -> str:
    """The same day one year earlier (29 February falls back to the 28th)."""
    day = date.fromisoformat(iso)
    try:
        return day.replace(year=day.year - 1).isoformat()
    except ValueError:
        return day.replace(day=28, year=day.year - 1).isoformat()


def fetch(db: Database, table: str, record_id) -> dict | None:
    if record_id is None:
        return None
    rows = list(db[table].rows_where("id = ?", [record_id], limit=1))
    return rows[0] if rows else None


def require(db: Database, table: str, record_id, field: str, message: str) -> dict:
    """The record `record_id` of `table`, or a ValidationError on `field` with `message`."""
    row = fetch(db, table, record_id)
    if row is None:
        raise ValidationError(message, field=field)
    return row


def check_choice(value, allowed, field: str, message: str) -> None:
    if value not in allowed:
        raise ValidationError(message, field=field)


def text_or_none(value) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
