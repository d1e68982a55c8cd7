"""How the screens write dates and counts: the Vietnamese way (dates by the store's helper).

>>> vn_date("2026-09-05")
'05/09/2026'
"""

from store.lang.text import vn_date

__all__ = ["vn_date", "vn_number"]


def vn_number(value: int | None) -> str:
    """Thousands grouped with a dot, as Vietnamese documents write them: 12.000."""
    return "" if value is None else f"{value:,}".replace(",", ".")
