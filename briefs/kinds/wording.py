"""Vietnamese wording shared by the briefs: labels of codes, names in running text, short
dates, shares, and the identity every brief gives itself (log key and file name).

Briefs are always Vietnamese, whatever the language of the screens: labels are looked up in
the Vietnamese catalog even when the user chose English.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache

from briefs.frame.vn import vn_number, vn_share
from briefs.frame.write import brief_filename
from store.lang.i18n import catalog
from store.lang.labels import label
from store.lang.text import body_name  # noqa: F401 (re-exported: the kinds name bodies)
from store.reports.drafts import BriefKey


@cache
def vi(table: str, code: str | None) -> str:
    """The Vietnamese label of a code (store.lang.labels), whatever the current language; no
    code, no text (gettext("") would give the catalog's header)."""
    text = label(table, code)
    return catalog("vi").gettext(text) if text else ""


def month_year(day: date | str) -> str:
    """ "10/2026", "02/2026": the month of a date as a title writes it."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day.month:02d}/{day.year}"


def share(part: int, whole: int) -> str:
    """ "142/150 (94,7%)", as docs/BRIEFS.md writes figures."""
    return vn_share(part, whole)


def counted(part: int, whole: int, noun: str) -> str:
    """ "142/150 chi bộ (94,7%)": the noun between the fraction and its share."""
    if not whole:
        return f"{vn_number(part)}/{vn_number(whole)} {noun}"
    return f"{vn_number(part)}/{vn_number(whole)} {noun} ({vn_number(100 * part / whole)}%)"


def some(n: int, noun: str, rest: str) -> str:
    """ "2 đồng chí giữ quyền bí thư", or "không có đồng chí nào giữ quyền bí thư": officials
    say there is none rather than count a zero (docs/BRIEF-STYLE.md)."""
    return f"{vn_number(n)} {noun} {rest}" if n else f"không có {noun} nào {rest}"


def some_of(part: int, whole: int, noun: str, rest: str) -> str:
    """ "3/5 chi bộ (60%) sinh hoạt đủ", or "không có chi bộ nào sinh hoạt đủ" (of a whole
    that is not empty); `counted` with none said as such."""
    return f"{counted(part, whole, noun)} {rest}" if part else f"không có {noun} nào {rest}"


def clause(text: str) -> str:
    """A recorded sentence set inside another: without its closing stop ("… liên xã (hạn …).",
    not "… liên xã. (hạn …).")."""
    return text.strip().rstrip(".;, ")


def sentence(text: str) -> str:
    """The text with its first letter in upper case, as a sentence starts."""
    return text[:1].upper() + text[1:]


def percent(value: float | None) -> str:
    """ "94,7%", or "-" when there is nothing to measure."""
    return "-" if value is None else f"{vn_number(value)}%"


@dataclass(frozen=True)
class Identity:
    """Who a brief is: its key in the brief log, its number's type code, its file name."""

    kind: str  # brief log kind: visit, supervisor, unit, annual, plan
    doc_code: str  # BC, KH
    scope: str  # brief log scope: a uid or a code ("" for the whole committee)
    period: str  # brief log period: a period code
    confidential: bool
    file_label: str  # "BC dự sinh hoạt": the file name's readable kind
    file_scope: str  # the file name's scope words (a unit, a supervisor)
    file_period: str  # the file name's period (a period code, or a date)
    title: str  # what the summary table calls it

    @property
    def key(self) -> BriefKey:
        """The brief as the log names it: what the texts the user kept for it are kept by."""
        return BriefKey(self.kind, self.scope, self.period, self.confidential)

    @property
    def filename(self) -> str:
        return brief_filename(self.file_label, self.file_scope, self.file_period, self.confidential)
