"""The committee's letterhead for Word briefs: who issues, who signs, who receives, the page.

Kept in `settings` (keys `committee.*` and `letterhead.*`, defaults in `store.core.settings`), so
that
`briefs/` builds documents without touching SQL.
"""

from dataclasses import dataclass, fields

from sqlite_utils import Database

from store.core import settings
from store.core.checks import parse_date
from store.core.errors import ValidationError
from store.lang.i18n import _
from store.lang.text import nfc

# Letterhead field -> settings key.
_KEYS = {
    "parent_body": "committee.parent_body",
    "issuing_body": "committee.name",
    "short_code": "committee.short",
    "place": "committee.place",
    "signer_prefix": "letterhead.signer_prefix",
    "signer_title": "letterhead.signer_title",
    "signer_name": "letterhead.signer_name",
    "recipients": "letterhead.recipients",
    "margin_top_mm": "letterhead.margin_top_mm",
    "margin_bottom_mm": "letterhead.margin_bottom_mm",
    "margin_left_mm": "letterhead.margin_left_mm",
    "margin_right_mm": "letterhead.margin_right_mm",
    "font_size": "letterhead.font_size",
}
_MARGINS = ("margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm")
MARGIN_RANGE_MM = (5.0, 60.0)
FONT_SIZE_RANGE = (12.0, 15.0)


@dataclass(frozen=True)
class Letterhead:
    """Everything a Party document's frame needs besides its number, date and title.

    `signer_prefix` is the signature authority ("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", or empty
    when the signer signs in their own name).
    """

    parent_body: str
    issuing_body: str
    short_code: str
    place: str
    signer_prefix: str = "T/M BAN THƯỜNG VỤ"
    signer_title: str = "PHÓ BÍ THƯ"
    signer_name: str = ""
    recipients: tuple[str, ...] = ("Như trên", "Lưu VP")
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    font_size: float = 14


def letterhead(db: Database) -> Letterhead:
    """The letterhead in force, from settings (official defaults where nothing is set)."""
    values = {name: settings.get(db, key) for name, key in _KEYS.items()}
    values["recipients"] = tuple(values["recipients"] or ())
    for name in (*_MARGINS, "font_size"):
        values[name] = float(values[name])
    for name in (
        "parent_body",
        "issuing_body",
        "short_code",
        "place",
        "signer_prefix",
        "signer_title",
        "signer_name",
    ):
        values[name] = values[name] or ""
    return Letterhead(**values)


def save_letterhead(db: Database, lh: Letterhead, *, term_start=None) -> Letterhead:
    """Validate and store `lh` in settings, with the committee's term start (YYYY-MM-DD,
    which restarts the document numbers) when given; returns `lh` normalised (NFC)."""
    clean = _normalised(lh)
    _validate(clean)
    start = parse_date(term_start, "term_start").isoformat() if term_start is not None else None
    with db.atomic():
        if start:
            settings.put(db, "committee.term_start", start)
        for field in fields(Letterhead):
            value = getattr(clean, field.name)
            settings.put(db, _KEYS[field.name], list(value) if isinstance(value, tuple) else value)
    return clean


def _normalised(lh: Letterhead) -> Letterhead:
    values = {}
    for field in fields(Letterhead):
        value = getattr(lh, field.name)
        if isinstance(value, str):
            value = nfc(value)
        elif field.name == "recipients":
            value = tuple(r for r in (nfc(str(x)) for x in value or ()) if r)
        values[field.name] = value
    return Letterhead(**values)


def _validate(lh: Letterhead) -> None:
    if not lh.issuing_body:
        raise ValidationError(_("The issuing body cannot be empty."), field="issuing_body")
    if not lh.short_code.isalnum():
        raise ValidationError(
            _("The number code must be letters or digits, such as HU or ĐU."), field="short_code"
        )
    if not lh.signer_title:
        raise ValidationError(_("The signer's title cannot be empty."), field="signer_title")
    low, high = MARGIN_RANGE_MM
    for name in _MARGINS:
        value = getattr(lh, name)
        if not isinstance(value, int | float) or not low <= value <= high:
            raise ValidationError(
                _("Margins must be between {low:g} and {high:g} mm.").format(low=low, high=high),
                field=name,
            )
    low, high = FONT_SIZE_RANGE
    if not isinstance(lh.font_size, int | float) or not low <= lh.font_size <= high:
        raise ValidationError(
            _("The body font size must be between {low:g} and {high:g} pt.").format(
                low=low, high=high
            ),
            field="font_size",
        )
