"""Vietnamese wording shared by the briefs: labels of codes, names in running text, short
dates, shares, and the identity every brief gives itself (log key and file name).

Briefs are always Vietnamese, whatever the language of the screens: labels are looked up in
the Vietnamese catalog even when the user chose English.
"""

from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from briefs.frame.vn import vn_number, vn_share
from briefs.frame.write import brief_filename
from store.lang.i18n import catalog
from store.lang.labels import label
from store.reports.drafts import BriefKey
from store.reports.letterhead import Letterhead

# Words of a body's name that stay in lower case in running text ("Huyện ủy An Hòa").
_COMMON = {
    "ủy", "bộ", "xã", "huyện", "tỉnh", "thị", "thành", "phố", "quận", "phường", "trấn",
    "khối", "các", "cơ", "quan", "doanh", "nghiệp", "đảng", "trực", "thuộc", "và", "sở",
    "chi", "ban", "thường", "vụ",
}  # fmt: skip
# Place words: what follows them is a proper name ("xã Đào Xá"), unless it is "ủy" ("Huyện ủy").
_PLACES = {"xã", "huyện", "tỉnh", "quận", "phường", "trấn", "phố", "thị", "thành"}


@cache
def vi(table: str, code: str | None) -> str:
    """The Vietnamese label of a code (store.lang.labels), whatever the current language; no
    code, no text (gettext("") would give the catalog's header)."""
    text = label(table, code)
    return catalog("vi").gettext(text) if text else ""


def body_name(name: str) -> str:
    """A body's name as running text writes it: "HUYỆN ỦY AN HÒA" → "Huyện ủy An Hòa".
    Names already in mixed case are kept as they are."""
    if not name or name != name.upper():
        return name
    words = name.lower().split()
    out, proper = [], False
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if index == 0 or proper or word not in _COMMON:
            out.append(word.capitalize())
            proper = proper or index > 0
        else:
            out.append(word)
        if word in _PLACES and following != "ủy":
            proper = True
    return " ".join(out)


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


def percent(value: float | None) -> str:
    """ "94,7%", or "-" when there is nothing to measure."""
    return "-" if value is None else f"{vn_number(value)}%"


def signed_by(lh: Letterhead, name: str, title: str = "NGƯỜI BÁO CÁO") -> Letterhead:
    """The letterhead of a brief a committee member signs in their own name."""
    return replace(lh, signer_prefix="", signer_title=title, signer_name=name)


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
