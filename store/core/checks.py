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
from store.lang.text import is_control, vn_date

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
        "code": _("Code"),
    }.get(field, field)


def field_label(field: str, table: str | None = None) -> str:
    """The form's name for `field` of `table` (a name says whose), in the current language."""
    names = {
        ("units", "name"): _("Unit name"),
        ("people", "name"): _("Full name"),
        ("supervisors", "name"): _("Supervisor's name"),
    }
    return names.get((table or "", field)) or _text_label(field)


def check_text(value: str, field: str, multiline: bool = False, label: str | None = None) -> str:
    """`value` if it is text and nothing else, else a ValidationError naming the field, the
    character and its position (from 1): no C0 or C1 control, DEL, lone surrogate or bidi
    override (an escape sequence typed, pasted or imported would act on the terminal of whoever
    reads it later). A `multiline` note may hold tabs and line breaks, CRLF made LF; a lone
    CR is refused (it rewrites the line it ends on)."""
    allowed = "\t\n" if multiline else ""
    for index, ch in enumerate(value):
        if ch in allowed or not is_control(ch):
            continue
        if ch == "\r" and multiline and value[index + 1 : index + 2] == "\n":
            continue
        raise ValidationError(
            _("{field} holds a control character ({code}) at position {position}.").format(
                field=label or field_label(field), code=f"U+{ord(ch):04X}", position=index + 1
            ),
            field=field,
        )
    return value.replace("\r\n", "\n") if multiline else value


# What a name may hold: what a brief can print in Times New Roman. Letters, marks, digits,
# spaces, punctuation and symbols (categories L, M, N, Zs, P, S) from the blocks the font
# covers: Latin (Vietnamese in Latin Extended Additional), Greek, Cyrillic, general
# punctuation (“ ” – …), currency (₫) and letterlike symbols (№). Not emoji, pictographs,
# other scripts or format characters: the font has no glyph for them.
_NAME_BLOCKS = ((0x20, 0x4FF), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF),
                (0x2100, 0x214F))  # fmt: skip


def printable_in_briefs(ch: str) -> bool:
    """Whether a brief (Times New Roman) can print `ch` in a name."""
    category = unicodedata.category(ch)
    if category[0] not in "LMNPS" and category != "Zs":
        return False
    return any(low <= ord(ch) <= high for low, high in _NAME_BLOCKS)


def check_name_text(text: str, field: str, label: str) -> str:
    """`text` if it is one line a brief can print (printable_in_briefs), else a
    ValidationError naming the field, the character and its position (from 1)."""
    check_text(text, field, label=label)
    for index, ch in enumerate(text):
        if not printable_in_briefs(ch):
            raise ValidationError(
                _(
                    "{field} holds “{char}” ({code}) at position {position}, which a brief "
                    "cannot print: a name takes letters, digits, spaces and punctuation."
                ).format(field=label, char=ch, code=f"U+{ord(ch):04X}", position=index + 1),
                field=field,
            )
    return text


def check_length(text: str | None, field: str) -> str | None:
    """`text` if it fits the limit of `field` (TEXT_LIMITS) and is text (check_text: a note
    may hold tabs and line breaks, CRLF made LF), else a ValidationError naming the field
    and what is wrong."""
    limit = TEXT_LIMITS[field]
    if text is not None:
        text = check_text(text, field, multiline=True)
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
    NAME_LIMIT characters, only what a brief can print; else a ValidationError naming `label`."""
    check_printable(text, field, label)
    check_name_text(text, field, label)
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
