"""Reporting periods: a month `2026-10`, a quarter `2026-Q3`, a half-year `2026-H2`, a year `2026`.
`Period.parse` also reads them as officials write them: `quý III/2026`, `Q3/2026`, `tháng 10/2026`,
`10/2026`, `6 tháng cuối năm 2026`, `năm 2026`.

>>> p = Period.parse("quy iii nam 2026")
>>> p.start, p.end
(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
>>> p.label
'quý III/2026'
>>> Period.containing(date(2026, 10, 15), "half").code
'2026-H2'
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from store.core.checks import parse_date
from store.core.errors import ValidationError
from store.lang.codes import Cadence, PeriodKind
from store.lang.i18n import _
from store.lang.text import fold

PERS = tuple(PeriodKind)
# Months in one period.
LENGTH: dict[str, int] = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF: 6,
    PeriodKind.YEAR: 12,
}
CADENCE_PER: dict[str, PeriodKind] = {
    Cadence.MONTHLY: PeriodKind.MONTH,
    Cadence.QUARTERLY: PeriodKind.QUARTER,
}
_ROMAN = ("I", "II", "III", "IV")
_SHAPE = re.compile(r"(\d{4})(?:-(?:(\d{1,2})|[Qq](\d+)|[Hh](\d+)))?")
# The written forms, folded (no case, no diacritics) and with "/", "-", "." or "năm" between
# the period and its year made one "/": `quy iv/2026`, `q4/2026`, `thang 10/2026`, `10/2026`,
# `6 thang dau/2026`, `2026`; the English titles of the screens (`quarter iv/2026`) too.
_SEPARATOR = re.compile(r"\s*(?:[/.-]|\bnam\b|\byear\b|\bof\b)\s*")
_WRITTEN = re.compile(
    r"(?:(?:thang|month|t) ?(?P<month_word>\d{1,2})|(?P<month>\d{1,2}))[/ ](?P<m_year>\d{4})"
    r"|(?:quy|quarter|q) ?(?P<quarter>\d+|[ivx]+)[/ ](?P<q_year>\d{4})"
    r"|(?:6 thang (?P<vi_half>dau|cuoi)|(?P<en_half>first|second) half|h ?(?P<half>\d+))"
    r"[/ ](?P<h_year>\d{4})"
    r"|(?P<year>\d{4})"
)
_ROMAN_VALUE = {numeral.lower(): i for i, numeral in enumerate(_ROMAN, start=1)}


class cached_property:  # noqa: N801 -- used as functools.cached_property is
    """functools.cached_property without its per-instance lock (Python 3.11 takes one on
    every first read, and a province's report reads a Period's dates a hundred thousand
    times): computed on first read, then a plain attribute of the instance."""

    def __init__(self, function):
        self.function = function
        self.__doc__ = function.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass(frozen=True, order=True)
class Period:
    """`length` months from month `first` of `year`, aligned on its own kind (Q3 starts in July)."""

    year: int
    first: int
    length: int

    def __post_init__(self):
        if self.length not in LENGTH.values() or (self.first - 1) % self.length:
            raise ValueError(f"not a calendar period: {self.first}+{self.length}")

    @classmethod
    def of(cls, year: int, per: str, index: int = 1) -> "Period":
        """The `index`-th period of kind `per` in `year` (1-based)."""
        length = LENGTH[per]
        return cls(year, (index - 1) * length + 1, length)

    @classmethod
    def parse(cls, text: "str | Period") -> "Period":
        """A period as the codes (`2026-Q3`) or officials (`quý III/2026`, `Q3/2026`, `10/2026`,
        `6 tháng đầu năm 2026`, `năm 2026`) write it, in any case, with or without diacritics;
        ValidationError(field="period") with the accepted forms otherwise."""
        if isinstance(text, Period):
            return text
        raw = " ".join(str(text or "").split())
        match = _SHAPE.fullmatch(raw)
        if match:
            year, month, quarter, half = match.groups()
            return cls._checked(raw, int(year), month, quarter, half)
        written = _WRITTEN.fullmatch(_SEPARATOR.sub("/", fold(raw)).strip("/"))
        if not written:
            raise ValidationError(
                _(
                    "{text!r} is not a period. Write a quarter as quý IV/2026, Q4/2026 or "
                    "2026-Q4; a month as tháng 10/2026, 10/2026 or 2026-10; a half-year as "
                    "6 tháng đầu năm 2026 or 2026-H1; a year as năm 2026 or 2026."
                ).format(text=raw),
                field="period",
            )
        g = written.groupdict()
        half_word = g["vi_half"] or g["en_half"]
        return cls._checked(
            raw,
            int(g["m_year"] or g["q_year"] or g["h_year"] or g["year"]),
            g["month_word"] or g["month"],
            g["quarter"] and str(_ROMAN_VALUE.get(g["quarter"], g["quarter"])),
            "1" if half_word in ("dau", "first") else "2" if half_word else g["half"],
        )

    @classmethod
    def _checked(cls, raw: str, year: int, month, quarter, half) -> "Period":
        """The period of the parts found in `raw` (one of month, quarter, half; none: the year),
        a message naming the range when a part is outside it."""
        for value, per, limit, message in (
            (month, PeriodKind.MONTH, 12, _("{text!r}: a month runs from 01 to 12.")),
            (quarter, PeriodKind.QUARTER, 4, _("{text!r}: a quarter runs from Q1 to Q4.")),
            (half, PeriodKind.HALF, 2, _("{text!r}: a half-year is H1 or H2.")),
        ):
            if value is not None:
                if not value.isdigit() or not 1 <= int(value) <= limit:
                    raise ValidationError(message.format(text=raw), field="period")
                return cls.of(year, per, int(value))
        return cls.of(year, PeriodKind.YEAR)

    @classmethod
    def containing(cls, day: date | str, per: str) -> "Period":
        """The period of kind `per` (month, quarter, half, year) that holds `day`."""
        day = parse_date(day)
        length = LENGTH[per]
        return _interned(day.year, (day.month - 1) // length * length + 1, length)

    @cached_property
    def per(self) -> str:
        return next(p for p, n in LENGTH.items() if n == self.length)

    @property
    def index(self) -> int:
        return (self.first - 1) // self.length + 1

    @cached_property
    def start(self) -> date:
        return date(self.year, self.first, 1)

    @cached_property
    def end(self) -> date:
        last = self.first + self.length - 1
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    @cached_property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @cached_property
    def code(self) -> str:
        return {
            PeriodKind.MONTH: f"{self.year}-{self.first:02d}",
            PeriodKind.QUARTER: f"{self.year}-Q{self.index}",
            PeriodKind.HALF: f"{self.year}-H{self.index}",
            PeriodKind.YEAR: f"{self.year}",
        }[self.per]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """The Vietnamese name, as the briefs write it (briefs are always Vietnamese)."""
        if self.per == PeriodKind.MONTH:
            return f"tháng {self.first}/{self.year}"
        if self.per == PeriodKind.QUARTER:
            return f"quý {_ROMAN[self.index - 1]}/{self.year}"
        if self.per == PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    def title(self) -> str:
        """The period's name in the language of the screens."""
        if self.per == PeriodKind.MONTH:
            return _("month {month}/{year}").format(month=self.first, year=self.year)
        if self.per == PeriodKind.QUARTER:
            return _("quarter {quarter}/{year}").format(
                quarter=_ROMAN[self.index - 1], year=self.year
            )
        if self.per == PeriodKind.HALF:
            first = _("first half of {year}") if self.index == 1 else _("second half of {year}")
            return first.format(year=self.year)
        return _("year {year}").format(year=self.year)

    def contains(self, day: date | str) -> bool:
        return self.start <= parse_date(day) <= self.end

    def months(self) -> tuple["Period", ...]:
        """The month periods inside, in order."""
        return tuple(Period(self.year, m, 1) for m in range(self.first, self.first + self.length))

    def split(self, per: str) -> tuple["Period", ...]:
        """The periods of kind `per` overlapping this one: the tiles of a finer kind,
        or the single period of a coarser kind that holds this one."""
        length = LENGTH[per]
        if length > self.length:
            return (Period.containing(self.start, per),)
        return tuple(
            Period(self.year, m, length)
            for m in range(self.first, self.first + self.length, length)
        )

    def shift(self, steps: int) -> "Period":
        """The period `steps` periods of the same kind later (earlier if negative)."""
        months = self.year * 12 + self.first - 1 + steps * self.length
        return _interned(months // 12, months % 12 + 1, self.length)

    def next(self) -> "Period":
        return self.shift(1)

    def previous(self) -> "Period":
        return self.shift(-1)

    def overlap_days(self, start: date | None, end: date | None) -> int:
        """Days of this period inside [start, end] (None: open-ended)."""
        first = max(self.start, start or self.start)
        last = min(self.end, end or self.end)
        return max(0, (last - first).days + 1)


@lru_cache(maxsize=8192)
def _interned(year: int, first: int, length: int) -> Period:
    """One instance per period, so its dates are worked out once: the due list of a province
    asks for the same few periods of 5,000 assignments."""
    return Period(year, first, length)


def periods_between(first: "Period", last: "Period") -> list[Period]:
    """`first`, its successors of the same kind, up to and including the one holding `last.end`."""
    out, current = [], first
    while current.start <= last.end:
        out.append(current)
        current = current.next()
    return out


def add_months(day: date, months: int) -> date:
    """The same day `months` months later, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
