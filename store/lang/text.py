"""Vietnamese text: NFC normalisation, diacritic folding for search, and sort keys.

>>> fold("Nguyễn Văn Ấn")
'nguyen van an'
>>> fold("ĐÀO")
'dao'
"""

import re
import sys
import unicodedata
from datetime import date
from typing import overload

# The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
# Letters outside it (f, j, w, z, digits) sort by code point after their neighbours.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Tone marks, in the order Vietnamese dictionaries use: none, grave, hook, tilde, acute, dot.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


@overload
def nfc(text: str) -> str: ...
@overload
def nfc(text: None) -> None: ...
@overload
def nfc(text: str | None) -> str | None: ...
def nfc(text: str | None) -> str | None:
    """NFC-normalise and strip surrounding white space; None stays None."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", str(text)).strip()


def fold(text: str | None) -> str:
    """Lower case, no diacritics, đ→d, single spaces: the shadow used for search. Control
    characters (NUL, escapes) separate words: SQLite would cut a LIKE pattern at a NUL."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).lower()).replace("đ", "d")
    bare = "".join(
        " " if unicodedata.category(ch) == "Cc" else ch
        for ch in decomposed
        if not unicodedata.combining(ch)
    )
    return " ".join(bare.split())


def _split_letters(word: str) -> tuple[list[str], list[int]]:
    """Split a word into its Vietnamese letters (ă, ơ… kept whole) and its tone per letter."""
    letters: list[str] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _LETTER_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
        elif ch in _TONES and letters:
            tones[-1] = _TONES[ch]
        elif unicodedata.combining(ch):
            continue
        else:
            letters.append(ch)
            tones.append(0)
    return letters, tones


def sort_key(text: str | None) -> str:
    """A key whose plain binary order is Vietnamese dictionary order, numbers by value.

    Letters compare first (ă after a, đ after d, ư after u), tones break ties; a number
    inside a name sorts as a number (thôn 2, thôn 10), as officials read a list.
    """
    letters, tones = _split_letters(text or "")
    primary: list[str] = []
    digits = ""
    for letter in [*letters, ""]:
        if letter.isascii() and letter.isdigit():
            digits += letter
            continue
        if digits:
            primary.append(_number(digits))
            digits = ""
        rank = _RANK.get(letter)
        if rank is not None:
            primary.append(chr(0x100 + rank))
        else:  # outside the alphabet: by code point, after it (a letter may be 2 code points)
            primary.extend(ch if ch < "a" else _after_alphabet(ch) for ch in letter)
    return "".join(primary) + "\x01" + "".join(str(t) for t in tones)


def _number(digits: str) -> str:
    """A run of digits as a key that sorts by value ("Khu phố 2" before "Khu phố 10"): its
    length first (leading zeros aside), then the digits; before the letters, as digits were."""
    value = digits.lstrip("0") or "0"
    return chr(0x80 + min(len(value), 0x7F)) + value


def _after_alphabet(ch: str) -> str:
    """`ch` moved past the alphabet's ranks, order kept (the last 512 code points, private
    use, share the highest one: found by hypothesis)."""
    return chr(min(0x200 + ord(ch), sys.maxunicode))


def person_sort_key(full_name: str | None) -> str:
    """The one order of people's names (people and supervisors, every list, picker and
    export): by given name (tên, the last word), then family and middle names (họ đệm).

    >>> sorted(["Trần Văn Anh", "Đặng Văn Ân", "Lê Anh"], key=person_sort_key)
    ['Lê Anh', 'Trần Văn Anh', 'Đặng Văn Ân']
    """
    words = (full_name or "").split()
    given = words[-1] if words else ""
    return sort_key(given) + "\x02" + sort_key(full_name)


def like_pattern(term: str) -> str:
    """A LIKE pattern (escape `\\`) matching `term` anywhere, wildcards in it taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def vn_date(day: date | str | None) -> str:
    """A date as every message and screen writes it, dd/mm/yyyy (`2026-09-05` → `05/09/2026`);
    None is "", text that is not an ISO date is shown as is.

    >>> vn_date(date(2026, 9, 5)), vn_date("2026-09-05"), vn_date(None)
    ('05/09/2026', '05/09/2026', '')
    """
    if isinstance(day, date):
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    text = str(day or "")
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        return text
    return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"


def printable(text: str) -> str:
    """`text` without control characters, for showing what a file or an older version
    stored: an escape sequence must not reach the reader's terminal."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


# Characters that act instead of showing: C0 and C1 controls, DEL, lone surrogates (no text at
# all) and the bidi overrides and isolates, which silently reorder what follows them.
BIDI = frozenset(chr(cp) for cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_ACTING = ("Cc", "Cs")


def is_control(ch: str) -> bool:
    """Whether `ch` is one the store refuses in any text (tab and newline aside, by field)."""
    return ch in BIDI or unicodedata.category(ch) in _ACTING


def _picture(cp: int) -> str:
    """The visible stand-in for a control: its Control Picture (ESC → ␛) for C0 and DEL,
    its code point for the others (C1, bidi, surrogates), which have no picture."""
    if cp < 0x20:
        return chr(0x2400 + cp)
    return "\u2421" if cp == 0x7F else f"<U+{cp:04X}>"


# Every code point `is_control` is true of, for str.translate tables here and in the outputs.
CONTROLS = (*range(0x20), *range(0x7F, 0xA0), *map(ord, BIDI), *range(0xD800, 0xE000))
_SHOWN = {cp: _picture(cp) for cp in CONTROLS if cp not in (0x09, 0x0A)}
_SHOWN_ONE_LINE = {cp: _picture(cp) for cp in CONTROLS}


def shown(text: object, *, lines: bool = True) -> str:
    """`text` (as stored, maybe by an older version or a raw write) safe for a terminal: each
    control character becomes a visible harmless stand-in, so an escape sequence loses its
    power ("\\x1b[2J" → "␛[2J"). Tab and newline stay when `lines`. None is ""."""
    if text is None:
        return ""
    text = str(text)
    if text.isprintable():  # the common case, at C speed
        return text
    return text.translate(_SHOWN if lines else _SHOWN_ONE_LINE)


# A whole terminal escape sequence (ECMA-48): CSI with its parameters and final byte; OSC,
# DCS, SOS, PM and APC up to their terminator (BEL or ST; an unterminated one to the end);
# any other ESC with its intermediates and final byte. In 7-bit and 8-bit (C1) forms.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)


def plain(text: str) -> str:
    """`text` with every escape sequence removed whole ("X\\x1b[2J" → "X", not "X[2J") and
    every other control character dropped, tab and newline kept: for a document, which must
    print the text, not stand-ins."""
    if text.isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    return "".join(ch for ch in text if ch in "\t\n" or not is_control(ch))


# Words of a body's name that stay in lower case in running text ("Huyện ủy An Hòa").
_COMMON = {
    "ủy", "bộ", "xã", "huyện", "tỉnh", "thị", "thành", "phố", "quận", "phường", "trấn",
    "khối", "các", "cơ", "quan", "doanh", "nghiệp", "đảng", "trực", "thuộc", "và", "sở",
    "chi", "ban", "thường", "vụ",
}  # fmt: skip
# Place words: what follows them is a proper name ("xã Đào Xá"), unless it is "ủy" ("Huyện ủy").
_PLACES = {"xã", "huyện", "tỉnh", "quận", "phường", "trấn", "phố", "thị", "thành"}


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
