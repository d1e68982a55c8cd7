"""Drafted sections: the parts of a brief a person would write (strengths, shortcomings,
causes, tasks, proposals, a visit's advice…), drafted from the records and replaced by what
the user kept (store.reports.drafts).

Each kind's `sections(data)` returns its `Section`s, drafted from its gathered data; its
render writes each with `write()`: the kept text if there is one, the drafter's placeholder
only where the user asked for a blank section, else the draft. A draft never invents: what
the records cannot say is left out, and a section the records say nothing about says so in
one short line (or, if optional, is left out of the brief until the user writes it).

Shares are judged against the rulebook's bars (`[assessment]`, store.rules.rulebook.Bars):
at or above its bar a share is a strength, under it a shortcoming, never both.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefs.frame.document import PartyDocument
from store.concerns.figures import ConcernFigures
from store.lang.codes import BriefSection
from store.reports.drafts import KeptSection
from store.rules.rulebook import Rulebook

# Section keys, the same in every kind (store.reports.drafts keys kept texts by them).
LEADERSHIP, STRENGTHS, SHORTCOMINGS, CAUSES, LESSONS = (
    BriefSection.LEADERSHIP, BriefSection.STRENGTHS, BriefSection.SHORTCOMINGS,
    BriefSection.CAUSES, BriefSection.LESSONS,
)  # fmt: skip
TASKS, PROPOSALS, ADVICE = BriefSection.TASKS, BriefSection.PROPOSALS, BriefSection.ADVICE
PREPARATION, REQUIREMENTS = BriefSection.PREPARATION, BriefSection.REQUIREMENTS
ORGANISATION = BriefSection.ORGANISATION

NO_CAUSE = "Số liệu theo dõi trong kỳ chưa đủ cơ sở để xác định nguyên nhân."


@dataclass(frozen=True)
class Section:
    """One drafted section: its key, its heading as the brief prints it, the draft."""

    key: str
    title: str
    draft: tuple[str, ...]
    bullets: bool = True  # each paragraph a "- …" line
    optional: bool = False  # with no draft and nothing kept, the brief leaves it out

    def shown(self, kept: Mapping[str, KeptSection]) -> tuple[str, ...] | None:
        """What the brief prints: the kept paragraphs, or the draft; None for the
        placeholder (the user asked for the section blank)."""
        mine = kept.get(self.key)
        if mine is None:
            return self.draft
        return None if mine.blank else mine.paragraphs

    def present(self, kept: Mapping[str, KeptSection]) -> bool:
        return bool(self.draft) or not self.optional or self.key in kept


def write(doc: PartyDocument, section: Section, kept: Mapping[str, KeptSection]) -> None:
    """The section's text (without its heading): kept, blank or drafted."""
    shown = section.shown(kept)
    if shown is None:
        doc.drafter_note()
        return
    for text in shown:
        if section.bullets:
            doc.bullet(text.lstrip("-+•– ").strip() or text)
        else:
            doc.paragraph(text)


def by_key(sections: Iterable[Section]) -> dict[str, Section]:
    return {s.key: s for s in sections}


def meets(part: int, whole: int, bar: float) -> bool:
    """The share part/whole reaches `bar` per cent (nothing to share reaches no bar)."""
    return bool(whole) and 100 * part >= bar * whole


def names(items: Iterable[str], most: int = 5) -> str:
    """ "A, B, C" or "A, B, C, D, E và 3 đơn vị khác": a list running text can hold."""
    items = list(items)
    if len(items) <= most:
        return ", ".join(items)
    return f"{', '.join(items[:most])} và {len(items) - most} đơn vị khác"


def open_categories(f: ConcernFigures) -> str:
    """ "Đất đai, môi trường (3), Chính sách (1)": the fields of the concerns still open,
    most first."""
    lines = sorted((x for x in f.by_category if x.still_open), key=lambda x: -x.still_open)
    return ", ".join(f"{x.label} ({x.still_open})" for x in lines)


def open_causes(f: ConcernFigures) -> list[str]:
    """The cause the open concerns point to, by field (none when every concern is settled)."""
    if not f.still_open:
        return []
    return [f"Các vấn đề vướng mắc chưa giải quyết xong thuộc lĩnh vực: {open_categories(f)}."]


def best_levels(rb: Rulebook) -> str:
    """ "Tốt, Khá": the two best rating levels."""
    return ", ".join(level.label for level in rb.ratings[:2])


def worse_levels(rb: Rulebook) -> str:
    return ", ".join(level.label for level in rb.ratings[2:])


def paragraphs(text: str | None) -> tuple[str, ...]:
    """A recorded free text as paragraphs (one a line)."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())
