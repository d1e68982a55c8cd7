"""The docs in docs/ stay true to the code: what the code cites exists, the files and
functions the docs name exist, the glossary knows every code, and the rules page gives the
shipped rulebook's own figures."""

import re
from functools import cache
from pathlib import Path

import pytest

from store.lang import labels
from store.rules import rulebook
from store.rules.facts import FACTS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CODE = ("store", "briefs", "tui", "commands", "tests", "bench")
TOP = {*CODE, "docs", ".ci"}  # where a path named in a doc starts
PERIOD_WORDS = {"month": "month", "quarter": "quarter", "half": "half-year", "year": "year"}

_CITED = re.compile(r"(?<![\w/.-])((?:docs/)?[A-Z][A-Z_]*\.md)\b")
_SPAN = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
_PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)*/?")
_CALL = re.compile(r"(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\(\)")


def _sources() -> list[Path]:
    """The code and the README (not this file: it opens the docs by name)."""
    files = [p for top in CODE for p in (ROOT / top).rglob("*.py") if p != Path(__file__)]
    return [*files, ROOT / "README.md"]


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


@cache
def _defined() -> set[str]:
    """Every function and class name defined in the code."""
    found = re.compile(r"^\s*(?:async\s+)?(?:def|class)\s+(\w+)", re.M)
    return {name for path in _sources() for name in found.findall(path.read_text("utf-8"))}


def _section(text: str, heading: str) -> str:
    """The part of `text` under the `## heading` that starts with `heading`."""
    (part,) = [p for p in text.split("\n## ") if p.startswith(heading)]
    return part


def _rows(text: str) -> list[list[str]]:
    """The cells of every markdown table row of `text`."""
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]


def test_every_doc_the_code_cites_is_in_docs():
    wrong = []
    for path in _sources():
        for cited in _CITED.findall(path.read_text(encoding="utf-8")):
            target = ROOT / cited
            if not target.is_file() or (target.parent != DOCS and target.parent != ROOT):
                wrong.append(f"{path.relative_to(ROOT)}: {cited}")
    assert wrong == []


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.md")))
def test_paths_and_links_named_in_a_doc_exist(name):
    text = _doc(name)
    paths = [s for s in _SPAN.findall(text) if _PATH.fullmatch(s) and s.split("/")[0] in TOP]
    missing = [p for p in paths if "/" in p and not (ROOT / p).exists()]
    missing += [link for link in _LINK.findall(text) if not (DOCS / link).resolve().exists()]
    assert missing == []


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.md")))
def test_functions_named_in_a_doc_are_defined(name):
    calls = [m.group(1) for s in _SPAN.findall(_doc(name)) if (m := _CALL.fullmatch(s))]
    assert [c for c in calls if c not in _defined()] == []


def test_the_glossary_knows_every_code_the_labels_know():
    text = _doc("GLOSSARY.md")
    tables = labels._tables()  # in the current language: the keys are the codes
    missing = [f"{t}: {c}" for t, codes in tables.items() for c in codes if f"`{c}`" not in text]
    assert missing == []


def test_the_rules_page_gives_the_default_rulebooks_figures():
    book, text = rulebook.load("resolution"), _doc("RULES.md")

    def rows(heading: str) -> dict[str, list[str]]:
        return {row[0]: row[1:] for row in _rows(_section(text, heading))}

    sheet = rows("The score sheet")
    for c in book.criteria:
        assert sheet[f"`{c.id}`"] == [c.label, str(c.max), "yes" if c.required_for_good else ""]
    for heading, levels in (("Meeting ratings", book.ratings), ("Annual", book.annual_levels)):
        table = rows(heading)
        assert [table[f"`{lv.level}`"] for lv in levels] == [
            [lv.label, f"{lv.min:g}"] for lv in levels
        ]
    routes = rows("Concerns")
    for route in book.routes:
        assert routes[f"`{route.id}`"] == [route.label, str(route.due_days)]
    flowing = " ".join(text.split())  # the prose, line breaks aside
    for choice in (*book.categories, *book.dimensions, *book.scale):
        assert f"`{choice.id}` {choice.label}" in flowing
    assert f"`grace_days = {book.grace_days}`" in text
    assert f"`threshold = {book.attendance_threshold:g}`" in text
    assert f"`[duration] minimum = {book.minimum_duration}`" in text
    ties = rows("Scores and facts")
    for c in book.criteria:
        needs = [", ".join(f"`{f}`" for f in facts) for facts in (c.needs_full, c.needs_any)]
        assert ties.get(f"`{c.id}`", ["", ""]) == needs, c.id
    for fact in FACTS:
        assert f"`{fact}`" in ties


def test_the_rules_page_gives_every_meeting_rule():
    book, text = rulebook.load("resolution"), _doc("RULES.md")
    table = {
        (row[1], frozenset(re.findall(r"`(\w+)`", row[0]))): row[2]
        for row in _rows(text)
        if len(row) == 4
    }
    for rule in book.meetings:
        at_least = table[(f"`{rule.meeting_kind}`", frozenset(rule.unit_kinds))]
        assert at_least.startswith(f"{rule.count} a {PERIOD_WORDS[rule.per]}")


def test_the_rules_page_gives_every_allowed_meeting_kind():
    book, text = rulebook.load("resolution"), _doc("RULES.md")
    table = {
        frozenset(re.findall(r"`(\w+)`", row[0])): set(re.findall(r"`(\w+)`", row[1]))
        for row in _rows(_section(text, "The kinds a unit may hold"))[1:]  # the header aside
    }
    allowed: dict[frozenset, set] = {}
    for rule in book.allowed_meetings:
        allowed.setdefault(frozenset(rule.unit_kinds), set()).add(rule.meeting_kind)
    assert table == allowed
