"""Reading one spreadsheet cell: parsers from text to a typed value, raising ValueError with a
translated message. Choice parsers accept codes and the users' Vietnamese words alike,
compared without case or diacritics (`store.text.fold`).

>>> choice("unit_kind")("Chi bộ trực thuộc")
'cell'
>>> iso_date("05/01/2026")
'2026-01-05'
"""

import re
from collections.abc import Callable
from datetime import date
from functools import cache

from store.core.checks import check_name_text, check_text
from store.core.errors import ValidationError
from store.lang import labels
from store.lang.codes import CODES
from store.lang.i18n import _, current_language
from store.lang.text import fold, nfc

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_INT = re.compile(r"[+-]?\d{1,9}(?:\.0+)?")
_PHONE = re.compile(r"[0-9 +().-]{3,20}")

# The users' words for codes, beyond the code itself and its label in the current language.
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "unit_kind": {
        "grassroots_committee": ("Đảng bộ cơ sở", "Đảng bộ", "ĐBCS"),
        "sub_committee": ("Đảng bộ bộ phận", "ĐBBP"),
        "grassroots_cell": ("Chi bộ cơ sở", "CBCS"),
        "cell": ("Chi bộ trực thuộc", "Chi bộ", "CBTT"),
    },
    "sector": {
        "commune": ("Xã",),
        "ward": ("Phường",),
        "town": ("Thị trấn",),
        "village": ("Thôn, khu dân cư", "Thôn", "Khu dân cư", "Tổ dân phố", "Bản", "Ấp"),
        "admin_agency": ("Cơ quan hành chính", "Cơ quan"),
        "public_service": ("Đơn vị sự nghiệp", "Sự nghiệp"),
        "enterprise": ("Doanh nghiệp",),
        "armed_forces": ("Lực lượng vũ trang", "Công an", "Quân sự", "Quân đội"),
    },
    "cadence": {
        "monthly": (
            "Hằng tháng",
            "Định kỳ hằng tháng",
            "Hàng tháng",
            "Định kỳ hàng tháng",
            "Tháng",
        ),
        "quarterly": ("Hằng quý", "Định kỳ hằng quý", "Hàng quý", "Định kỳ hàng quý", "Quý"),
    },
    "role": {
        "secretary": ("Bí thư",),
        "deputy": ("Phó bí thư",),
        "committee_member": ("Chi ủy viên", "Đảng ủy viên", "Cấp ủy viên", "Ủy viên"),
        "standing_member": ("Ủy viên ban thường vụ", "Thường vụ", "Ủy viên thường vụ"),
    },
    "concurrent_role": {
        "village_head": ("Trưởng thôn", "Bí thư kiêm trưởng thôn", "Kiêm trưởng thôn"),
        "agency_head": (
            "Thủ trưởng",
            "Người đứng đầu",
            "Thủ trưởng cơ quan",
            "Người đứng đầu cơ quan",
        ),
    },
    "sex": {"male": ("Nam",), "female": ("Nữ",)},
}
_TRUE = {"1", "x", "true", "yes", "y", "co", "dung", "c"}
_FALSE = {"0", "false", "no", "n", "khong", "sai", "k"}


def word(text: str) -> str:
    """The comparable form of a header or a word: folded, `_` as a space, single spaces."""
    return " ".join(fold(text).replace("_", " ").split())


def text(value: str) -> str:
    """The cell as text (NFC): a control character (an escape sequence) refused, naming its
    position; tab and line breaks kept, as a note in a cell may hold them."""
    try:
        return check_text(nfc(value), "cell", multiline=True, label=_("this cell"))
    except ValidationError as exc:
        raise ValueError(exc.detail) from None


def name(value: str) -> str:
    """A name (a unit's, a person's) as one line a brief can print (check_name_text)."""
    try:
        return check_name_text(nfc(value), "cell", _("this cell"))
    except ValidationError as exc:
        raise ValueError(exc.detail) from None


def integer(value: str) -> int:
    if not _INT.fullmatch(value.strip()):
        raise ValueError(_("{value!r} is not a whole number.").format(value=value))
    return int(value.strip().split(".")[0])


def count(value: str) -> int:
    """A non-negative whole number (members, people)."""
    number = integer(value)
    if number < 0:
        raise ValueError(_("{value!r} must not be negative.").format(value=value))
    return number


def year(value: str, today: date) -> int:
    """A year from 1900 to the year of `today`."""
    number = integer(value)
    if not 1900 <= number <= today.year:
        raise ValueError(_("{value!r} is not a plausible year.").format(value=value))
    return number


def iso_date(value: str) -> str:
    """A real date written `YYYY-MM-DD` or `DD/MM/YYYY`, returned as ISO text."""
    value = value.strip()
    ymd, dmy = _YMD.fullmatch(value), _DMY.fullmatch(value)
    try:
        if ymd:
            return date(int(ymd[1]), int(ymd[2]), int(ymd[3])).isoformat()
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1])).isoformat()
    except ValueError:
        raise ValueError(_("{value!r} is not a real date.").format(value=value)) from None
    raise ValueError(
        _("{value!r} is not a date; write YYYY-MM-DD or DD/MM/YYYY.").format(value=value)
    )


def boolean(value: str) -> int:
    folded = word(value)
    if folded in _TRUE:
        return 1
    if folded in _FALSE:
        return 0
    raise ValueError(_("{value!r} is not yes or no (1/0, có/không).").format(value=value))


def phone(value: str) -> str:
    if not _PHONE.fullmatch(value.strip()):
        raise ValueError(_("{value!r} is not a phone number.").format(value=value))
    return nfc(value)


def email(value: str) -> str:
    value = nfc(value)
    if value.count("@") != 1 or " " in value or value.startswith("@") or value.endswith("@"):
        raise ValueError(_("{value!r} is not an email address.").format(value=value))
    return value


def choice(table: str) -> Callable[[str], str]:
    """A parser for the codes of `table` in store.lang.labels, accepting the users' words too."""

    def parse(value: str) -> str:
        accepted = _accepted(table, current_language())
        code = accepted.get(word(value))
        if code is None:
            known = ", ".join(labels.label(table, c) for c in CODES[table])
            raise ValueError(
                _("{value!r} is not one of: {known}.").format(value=value, known=known)
            )
        return code

    return parse


@cache
def _accepted(table: str, language: str) -> dict[str, str]:
    """Folded word -> code; `language` keys the cache, labels follow the current one."""
    accepted: dict[str, str] = {}
    for code in CODES[table]:
        for name in (code, labels.label(table, code), *WORDS.get(table, {}).get(code, ())):
            accepted.setdefault(word(name), code)
    return accepted
