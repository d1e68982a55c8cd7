"""The forms a brief's sentences must not use (docs/BRIEF-STYLE.md), as data: each rule is a
pattern and the reason a Party office would send the page back. tests/briefs/test_style.py
scans every brief of the demo with them; drafted sections follow the same rules."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    reason: str
    tables: bool = False  # also checked in table cells (a 0 in a table column is fine)


def _rule(name: str, pattern: str, reason: str, *, tables: bool = False) -> Rule:
    return Rule(name, re.compile(pattern), reason, tables)


# Nouns a count stands before in the briefs' sentences.
_NOUNS = (
    "đồng chí|đảng viên|tổ chức đảng|tổ chức|chi bộ|đảng bộ|vấn đề|kiến nghị|buổi|lượt|"
    "kế hoạch|biện pháp|nguồn|bí thư|cấp ủy viên|ngày"
)

RULES: tuple[Rule, ...] = (
    _rule(
        "zero-count",
        rf"(?<![\d.,/])0 (?:{_NOUNS})\b",
        'Officials write "không có …" (or leave the clause out), never a count of zero.',
    ),
    _rule(
        "zero-after-colon",
        r":\s0(?![\d,.%/])",
        'A label followed by 0 ("không lý do: 0"): say "không có" or leave it out.',
    ),
    _rule("zero-share", r"\(0%\)", 'A share of 0%: say "không có … nào".'),
    _rule(
        "hang-thang",
        r"\b[Hh]àng (?:tháng|quý|năm|tuần|ngày)\b",
        '"hằng tháng, hằng quý, hằng năm" (the normative spelling), used consistently.',
        tables=True,
    ),
    _rule(
        "statistics-jargon",
        r"(?i)\b(?:trung vị|phân phối|độ lệch|phương sai|bách phân vị|trung bình cộng)\b",
        "Statistics jargon: say what it means in plain words.",
        tables=True,
    ),
    _rule(
        "decimal-point",
        r"(?<![\d.])\d+\.\d{1,2}(?:%| ngày| điểm)",
        "A decimal point: Vietnamese writes a decimal comma (94,7%).",
        tables=True,
    ),
    _rule(
        "trailing-zero",
        r"\d,\d*0(?:%| ngày| điểm)",
        "A trailing zero after the comma (90,0%): one style, at most one decimal, none if whole.",
        tables=True,
    ),
    _rule("double-word", r"\b(ngày|của|và|các|đã|có) \1\b", "A word written twice.", tables=True),
    _rule(
        "code-leak",
        r"\b(?:None|null|nan|True|False)\b|\{[a-z_]+\}",
        "A value or placeholder the code forgot to fill.",
        tables=True,
    ),
    _rule("english", r"\b(?:TODO|N/A)\b", "Words no Vietnamese official writes.", tables=True),
)


def violations(text: str, *, table: bool = False) -> list[tuple[Rule, str]]:
    """The rules `text` breaks and the text each matched (tables check only table rules)."""
    return [
        (rule, found.group(0))
        for rule in RULES
        if rule.tables or not table
        for found in [rule.pattern.search(text)]
        if found
    ]
