"""Dates typed in forms and shown in lists, the Vietnamese way (dd/mm/yyyy, weekday first).

>>> parse_vn_date("5/9/2026")
'2026-09-05'
>>> week_of(date(2026, 9, 30))
(datetime.date(2026, 9, 28), datetime.date(2026, 10, 4))
"""

from datetime import date, timedelta

from store.core.checks import iso, parse_date
from store.lang.i18n import _


def parse_vn_date(text: str | None, field: str = "date", *, required: bool = True) -> str:
    """`30/09/2026` (or `5/9/2026`, or ISO `2026-09-30`) as ISO text, read by the store's one
    date parser; ValidationError(field) otherwise. Not `required`: a blank is ""."""
    return iso(parse_date(text, field, required=required)) or ""


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def weekday(day: date) -> str:
    """The short weekday name: T2 … T7, CN."""
    names = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
    return names[day.weekday()]
