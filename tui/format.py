"""How the screens write dates and counts: the Vietnamese way (dates by the store's helper).

>>> vn_date("2026-09-05")
'05/09/2026'
"""

from store.lang.codes import MeetingKind
from store.lang.i18n import _
from store.lang.text import vn_date

__all__ = ["members_label", "vn_date", "vn_number"]


def vn_number(value: int | None) -> str:
    """Thousands grouped with a dot, as Vietnamese documents write them: 12.000."""
    return "" if value is None else f"{value:,}".replace(",", ".")


def members_label(kind: object) -> str:
    """The label of the first membership figure: a committee meeting counts the committee's
    members, so the form must not ask for the cell's full members there."""
    if kind == MeetingKind.COMMITTEE:
        return _("Committee members")
    if kind == MeetingKind.STANDING:
        return _("Standing committee members")
    return _("Full members")
