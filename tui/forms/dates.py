"""Dates typed in forms and shown in lists, the Vietnamese way (dd/mm/yyyy, weekday first).

>>> parse_vn_date("5/9/2026")
'2026-09-05'
>>> week_of(date(2026, 9, 30))
(datetime.date(2026, 9, 28), datetime.date(2026, 10, 4))
"""

import re
from datetime import date, timedelta

from store.core.errors import ValidationError
from store.lang.i18n import _

_VN = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_vn_date(text: str | None, field: str = "date", *, required: bool = True) -> str:
    """`30/09/2026` (or ISO `2026-09-30`) as ISO text; ValidationError(field) otherwise.
    Not `required`: a blank is "", for the store to judge."""
    raw = (text or "").strip()
    if not raw and not required:
        return ""
    if _ISO.fullmatch(raw):
        return raw  # the store checks that it is a real day
    match = _VN.fullmatch(raw)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            message = _("{value} is not a real date.").format(value=raw)
            raise ValidationError(message, field=field) from None
    raise ValidationError(
        _("Write the date as dd/mm/yyyy, e.g. {example}.").format(example="30/09/2026"),
        field=field,
    )


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def weekday(day: date) -> str:
    """The short weekday name: T2 … T7, CN."""
    names = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
    return names[day.weekday()]
