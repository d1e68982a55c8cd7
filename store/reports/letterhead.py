"""The committee's letterhead for Word briefs: who issues, who signs, who receives, the page.

Kept in `settings` (keys `committee.*` and `letterhead.*`, defaults in `store.core.settings`), so
that `briefs/` builds documents without touching SQL.

Two issuers (docs/RULES.md): the committee issues the unit brief, the annual report and the
plan (its number series, signed T/M … by the letterhead's signer); a member in charge issues
the visit and supervisor briefs, their own reports to the standing committee (no number,
"Kính gửi", signed in their own name). Each kind has its own "Kính gửi" and "Nơi nhận".
"""

from dataclasses import dataclass, fields, replace

from sqlite_utils import Database

from store.core import settings
from store.core.checks import parse_date
from store.core.errors import ValidationError
from store.lang.codes import BriefKind
from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import body_name, fold, nfc

# Letterhead field -> settings key.
_KEYS = {
    "parent_body": "committee.parent_body",
    "issuing_body": "committee.name",
    "short_code": "committee.short",
    "place": "committee.place",
    "signer_prefix": "letterhead.signer_prefix",
    "signer_title": "letterhead.signer_title",
    "signer_name": "letterhead.signer_name",
    "margin_top_mm": "letterhead.margin_top_mm",
    "margin_bottom_mm": "letterhead.margin_bottom_mm",
    "margin_left_mm": "letterhead.margin_left_mm",
    "margin_right_mm": "letterhead.margin_right_mm",
    "font_size": "letterhead.font_size",
}
_MARGINS = ("margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm")
MARGIN_RANGE_MM = (5.0, 60.0)
FONT_SIZE_RANGE = (12.0, 15.0)
MEMBER_REPORTS = frozenset({BriefKind.VISIT, BriefKind.SUPERVISOR})
SAME_AS_ABOVE = "Như trên"  # "as above": those under "Kính gửi"
_UNSET = object()


def member_report(kind: str) -> bool:
    """True for a member's own report (no committee number, signed by the member)."""
    return kind in MEMBER_REPORTS


def same_as_above(line: str) -> bool:
    """ "Như trên", "như trên (để báo cáo)": the line that stands for the addressees."""
    return fold(line).startswith(fold(SAME_AS_ABOVE))


@dataclass(frozen=True)
class Route:
    """Who receives one kind of brief: "Kính gửi" (`addressees`, none for most committee
    reports) and the "Nơi nhận" list (`recipients`, the last usually "Lưu …")."""

    addressees: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()

    @property
    def printed_recipients(self) -> tuple[str, ...]:
        """ "Nơi nhận" as printed: "Như trên" only where a "Kính gửi" is above it."""
        if self.addressees:
            return self.recipients
        return tuple(r for r in self.recipients if not same_as_above(r))


@dataclass(frozen=True)
class Letterhead:
    """Everything a Party document's frame needs besides its number, date and title.

    `signer_prefix` is the signature authority ("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", or empty
    when the signer signs in their own name). `routes` pairs each kind of brief with its
    `Route`; `route(kind)` reads it.
    """

    parent_body: str
    issuing_body: str
    short_code: str
    place: str
    signer_prefix: str = "T/M BAN THƯỜNG VỤ"
    signer_title: str = "PHÓ BÍ THƯ"
    signer_name: str = ""
    routes: tuple[tuple[str, Route], ...] = ()
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    font_size: float = 14

    def route(self, kind: str) -> Route:
        """The "Kính gửi" and "Nơi nhận" of `kind` (none when not set)."""
        return dict(self.routes).get(kind, Route())

    def with_route(self, kind: str, route: Route) -> "Letterhead":
        """This letterhead with `kind` routed by `route` (in its place, or added last)."""
        routes = tuple((k, route if k == kind else r) for k, r in self.routes)
        if kind not in dict(self.routes):
            routes += ((kind, route),)
        return replace(self, routes=routes)


def letterhead(db: Database) -> Letterhead:
    """The letterhead in force, from settings (official defaults where nothing is set)."""
    values = {name: settings.get(db, key) for name, key in _KEYS.items()}
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
    committee = body_name(values["issuing_body"])
    values["routes"] = tuple(
        (kind, Route(_lines(db, _route_key("addressees", kind), committee),
                     _lines(db, _route_key("recipients", kind), committee)))
        for kind in BriefKind
    )  # fmt: skip
    return Letterhead(**values)


def check_signed(lh: Letterhead, kind: str) -> None:
    """Refuse a committee's brief whose letterhead names no signer: asked before the brief
    takes a number, so that a refusal leaves no gap in the committee's series."""
    if member_report(kind) or lh.signer_name.strip():
        return
    raise ValidationError(
        _(
            "A committee's brief is signed by name and no signer is set: fill in "
            "“Signer's full name” (setting letterhead.signer_name) in the letterhead form, "
            "key l on the briefs screen (F8)."
        ),
        field="signer_name",
    )


def _route_key(part: str, kind: str) -> str:
    return f"letterhead.{part}.{kind}"


def _lines(db: Database, key: str, committee: str) -> tuple[str, ...]:
    """A stored list as it is; the default one with the committee's name put in."""
    stored = settings.get(db, key, _UNSET)
    if stored is _UNSET:
        defaults = settings.DEFAULTS.get(key)
        assert isinstance(defaults, tuple), key  # every kind has its default lists
        return tuple(str(line).replace("{committee}", committee) for line in defaults)
    return tuple(str(line) for line in stored or ())


def save_letterhead(db: Database, lh: Letterhead, *, term_start=None) -> Letterhead:
    """Validate and store `lh` in settings, with the committee's term start (YYYY-MM-DD,
    which restarts the document numbers) when given; returns `lh` normalised (NFC)."""
    clean = _normalised(lh)
    _validate(clean)
    start = parse_date(term_start, "term_start").isoformat() if term_start is not None else None
    with db.atomic():
        if start:
            settings.put(db, "committee.term_start", start)
        for name, key in _KEYS.items():
            settings.put(db, key, getattr(clean, name))
        for kind, route in clean.routes:
            settings.put(db, _route_key("addressees", kind), list(route.addressees))
            settings.put(db, _route_key("recipients", kind), list(route.recipients))
    return clean


def _normalised(lh: Letterhead) -> Letterhead:
    values = {}
    for field in fields(Letterhead):
        value = getattr(lh, field.name)
        if isinstance(value, str):
            value = nfc(value).strip()
        elif field.name == "routes":
            value = tuple(
                (kind, Route(_clean(route.addressees), _clean(route.recipients)))
                for kind, route in value
            )
        values[field.name] = value
    return Letterhead(**values)


def _clean(lines) -> tuple[str, ...]:
    return tuple(line for line in (nfc(str(x)).strip() for x in lines or ()) if line)


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
    for kind, route in lh.routes:
        _validate_route(kind, route)


def _validate_route(kind: str, route: Route) -> None:
    """A member's report has a "Kính gửi"; "Như trên" is only under one."""
    if member_report(kind) and not route.addressees:
        raise ValidationError(
            _("“{kind}” is a member's report to the standing committee: write its Kính gửi.")
            .format(kind=label("brief_kind", kind)),
            field=f"addressees.{kind}",
        )  # fmt: skip
    if not route.addressees and any(same_as_above(line) for line in route.recipients):
        raise ValidationError(
            _(
                "“Như trên” stands for those under “Kính gửi”, and “{kind}” has no Kính gửi: "
                "write one, or take “Như trên” out of its Nơi nhận."
            ).format(kind=label("brief_kind", kind)),
            field=f"recipients.{kind}",
        )
