"""Numbers, dates and periods written the Vietnamese way, as Party documents print them.

>>> vn_number(1234.5)
'1.234,5'
>>> vn_share(142, 150)
'142/150 (94,7%)'
>>> vn_date(date(2026, 11, 26))
'ngày 26 tháng 11 năm 2026'
>>> vn_period("2026-Q3")
'quý III năm 2026'
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from store.lang.codes import PeriodKind
from store.rules.periods import Period

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def vn_number(value: float | int | Decimal, decimals: int = 1) -> str:
    """Dots between thousands, a decimal comma, at most `decimals` decimals (no trailing 0)."""
    if type(value) is int:  # most figures of a brief: no rounding, Decimal's cost spared
        return f"{value:,}".replace(",", ".")
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if exact < 0 else ""
    whole, _dot, fraction = f"{abs(exact):f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def vn_percent(value: float, decimals: int = 1) -> str:
    """`94.66` → "94,7%"."""
    return f"{vn_number(value, decimals)}%"


def vn_share(part: int, whole: int, decimals: int = 1) -> str:
    """ "142/150 (94,7%)"; a share of nothing is just "0/0"."""
    fraction = f"{vn_number(part)}/{vn_number(whole)}"
    if not whole:
        return fraction
    return f"{fraction} ({vn_percent(100 * part / whole, decimals)})"


def vn_date(day: date | str) -> str:
    """ "ngày 05 tháng 02 năm 2026": a 0 before days under 10 and before months 1 and 2, as
    Party documents write them (tháng 01, 02 cannot be mistaken for 10, 11, 12)."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date(place: str, day: date | str) -> str:
    """ "Tiên Du, ngày 26 tháng 11 năm 2026" (capitalised "Ngày…" when there is no place)."""
    text = vn_date(day)
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def roman(number: int) -> str:
    """Roman numerals for part headings: 4 → "IV"."""
    if not 0 < number < 4000:
        raise ValueError(f"no Roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def vn_quarter(quarter: int) -> str:
    """3 → "quý III"."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"no quarter {quarter}")
    return f"quý {roman(quarter)}"


def vn_period(period: str) -> str:
    """A period code as words: "2026-10" → "tháng 10 năm 2026", "2026-Q3" → "quý III năm
    2026", "2026-H1" → "6 tháng đầu năm 2026", "2026-H2" → "6 tháng cuối năm 2026",
    "2026" → "năm 2026". A bad code raises store's ValidationError(field="period")."""
    p = Period.parse(period)
    if p.per == PeriodKind.MONTH:
        return f"tháng {p.first} năm {p.year}"
    if p.per == PeriodKind.QUARTER:
        return f"{vn_quarter(p.index)} năm {p.year}"
    if p.per == PeriodKind.HALF:
        return f"6 tháng {'đầu' if p.index == 1 else 'cuối'} năm {p.year}"
    return f"năm {p.year}"


def document_number(number: int | None, doc_code: str, short_code: str) -> str:
    """ "Số 12-BC/HU": no colon, a hyphen before the type code, numbers from 01. Without a
    number (a draft), room is left for the office to write it in."""
    shown = f"{number:02d}" if number else "\u00a0" * 6
    return f"Số {shown}-{doc_code}/{short_code}"
