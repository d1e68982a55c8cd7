"""The validation kit every domain uses: one date parser, one choice check, one way to find a
record by id, one guard for the fields a partial update may change.

Nothing here reads the clock: a check against "today" takes the day from its caller."""

import re
import unicodedata
from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import Literal, overload

from sqlite_utils import Database

from store.core.errors import ValidationError
from store.lang.i18n import _
from store.lang.text import vn_date

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# dd/mm/yyyy as Vietnamese write it (also d/m/yyyy, and with dots or dashes).
_VN = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")

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


@overload
def parse_date(
    value, field: str = ..., *, required: Literal[True] = ..., not_after: date | None = ...
) -> date: ...
@overload
def parse_date(
    value, field: str = ..., *, required: bool, not_after: date | None = ...
) -> date | None: ...
def parse_date(value, field="date", *, required=True, not_after=None):
    """`value` (a date, text dd/mm/yyyy or d/m/yyyy as users write it, or ISO yyyy-mm-dd as the
    database keeps it) as a date; ValidationError on `field` if not a real date, if empty and
    `required` (None when not), or if after `not_after`."""
    if type(value) is not date:  # a date passes at once: the due list asks 100,000 times
        value = _to_date(value, field, required)
    if not_after is not None and value is not None and value > not_after:
        raise ValidationError(
            _("{date} is in the future.").format(date=vn_date(value)), field=field
        )
    return value


def _to_date(value, field: str, required: bool) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise ValidationError(_("A date is required."), field=field)
        return None
    vn = _VN.fullmatch(text)
    if vn or _ISO.fullmatch(text):
        try:
            if vn:
                return date(int(vn[3]), int(vn[2]), int(vn[1]))
            return date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                _("{value!r} is not a real date.").format(value=text), field=field
            ) from None
    raise ValidationError(
        _("{value!r} is not a date: write it dd/mm/yyyy, e.g. 30/09/2026.").format(value=text),
        field=field,
    )


def iso(value: date | None) -> str | None:
    """A date as the ISO text the database keeps; None stays None."""
    return value.isoformat() if value is not None else None


def year_before(day: date | str) -> str:
    """The same day one year earlier, as ISO text (29 February falls back to the 28th)."""
    day = parse_date(day)
    try:
        return day.replace(year=day.year - 1).isoformat()
    except ValueError:
        return day.replace(day=28, year=day.year - 1).isoformat()


def fetch(db: Database, table: str, record_id) -> dict | None:
    """The row `record_id` of `table`, or None (also for no id)."""
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


def check_choice(value, allowed: Collection, field: str, message: str):
    """`value` if it is one of `allowed`, else a ValidationError on `field` with `message`."""
    if value not in allowed:
        raise ValidationError(message, field=field)
    return value


def check_fields(changes: Iterable[str], allowed: Collection[str]) -> None:
    """Refuse a partial update that names a field the record does not let change: the first
    unknown one, named, so that a typo in a caller is not silently dropped or written."""
    for name in changes:
        if name not in allowed:
            raise ValidationError(
                _("Unknown field {field!r}.").format(field=name),
                field=name,
            )


# The longest free text each field takes, in characters: about a page, what a brief quotes
# and a supervisor writes. The store refuses more, naming the field; the forms count against it.
TEXT_LIMITS: dict[str, int] = {
    "observations": 2000,
    "recommendations": 2000,
    "good_practice": 2000,
    "description": 2000,
    "note": 2000,
    "reason": 2000,
    "narrative": 2000,
    "section_text": 4000,  # one drafted section of a brief, as the user kept it
}


def _text_label(field: str) -> str:
    """The form's name for a free-text field, in the current language."""
    return {
        "observations": _("Observations"),
        "recommendations": _("Recommendations"),
        "good_practice": _("Good practice worth spreading"),
        "description": _("Content of the concern"),
        "note": _("What was done"),
        "reason": _("Reason for reopening"),
        "narrative": _("Narrative"),
        "section_text": _("Text of the section"),
    }.get(field, field)


def check_length(text: str | None, field: str) -> str | None:
    """`text` if it fits the limit of `field` (TEXT_LIMITS), else a ValidationError naming the
    field, its length and the limit."""
    limit = TEXT_LIMITS[field]
    if text is not None and len(text) > limit:
        raise ValidationError(
            _("{field} is too long: {count} characters, at most {limit}.").format(
                field=_text_label(field), count=len(text), limit=limit
            ),
            field=field,
        )
    return text


NAME_LIMIT = 120  # a person's name and title, as a letterhead or a history line shows it


def check_name(text: str, field: str, label: str) -> str:
    """`text` as one line fit to show and record: no control characters (a terminal escape
    sequence typed or pasted would rewrite the screen of whoever reads the history), at most
    NAME_LIMIT characters; else a ValidationError naming `label`."""
    check_printable(text, field, label)
    if len(text) > NAME_LIMIT:
        raise ValidationError(
            _("{field} is too long: {count} characters, at most {limit}.").format(
                field=label, count=len(text), limit=NAME_LIMIT
            ),
            field=field,
        )
    return text


def check_printable(text: str, field: str, label: str) -> str:
    """`text` if it holds no control characters (a terminal escape sequence typed or pasted,
    which a screen or a Word file would carry on), else a ValidationError naming `label`."""
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise ValidationError(
            _("{field} holds control characters; type it again as plain text.").format(field=label),
            field=field,
        )
    return text


def text_or_none(value) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
