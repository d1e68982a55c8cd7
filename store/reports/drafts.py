"""The texts a user kept for a brief's drafted sections (the `brief_texts` table, m008).

A brief drafts its assessment (strengths, shortcomings, causes, tasks, proposals…) from the
records (briefs/kinds/drafting.py); the user may replace a section's draft with their own
paragraphs, or ask for it blank (the drafter's placeholder is printed). What they keep is
named by the brief's identity, as the brief log names it (kind, scope, period, confidential),
and the section's key: writing the brief again, alone or in a batch, prints the kept text.

    keep_section(db, key, "strengths", ["Đoạn 1.", "Đoạn 2."])
    kept_sections(db, key)  # {"strengths": KeptSection(...)}
    forget_section(db, key, "strengths")  # back to the draft
    save_sections(db, key, {"strengths": ["…"], "causes": None})  # several, one action

Every write is a user action of its own in the history (store.core.actions).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from store.core import records
from store.core.actions import action
from store.core.checks import check_length, check_printable
from store.core.errors import ValidationError
from store.lang.codes import BriefKind, BriefSection, HistoryAction
from store.lang.i18n import _

FIELD = "section_text"  # its limit in store.core.checks.TEXT_LIMITS


@dataclass(frozen=True, slots=True)
class BriefKey:
    """A brief as the log names it (briefs.kinds.wording.Identity carries the same)."""

    kind: str
    scope: str
    period: str
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class KeptSection:
    section: str
    paragraphs: tuple[str, ...]  # empty when blank
    blank: bool  # the user asked for the drafter's placeholder
    updated_at: str


def kept_sections(db: Database, key: BriefKey) -> dict[str, KeptSection]:
    """The sections the user kept for the brief `key`, by section key."""
    rows = db["brief_texts"].rows_where(
        "kind = ? and scope = ? and period = ? and confidential = ?", _values(key)
    )
    return {r["section"]: _kept(r) for r in rows}


def keep_section(db: Database, key: BriefKey, section: str, text: str | list[str]) -> KeptSection:
    """Keep `text` (paragraphs, as a list or separated by line breaks) as the brief's
    `section`; a ValidationError, nothing written, for an empty, too long or unprintable text."""
    paragraphs = paragraphs_of(text)
    return _write(db, key, section, {"paragraphs": json.dumps(paragraphs, ensure_ascii=False),
                                     "blank": 0})  # fmt: skip


def blank_section(db: Database, key: BriefKey, section: str) -> KeptSection:
    """Print the drafter's placeholder in `section`, on the user's asking."""
    return _write(db, key, section, {"paragraphs": "[]", "blank": 1})


def forget_section(db: Database, key: BriefKey, section: str) -> bool:
    """Go back to the draft: forget what was kept for `section`. True if there was something."""
    _check_key(key, section)
    row = _find(db, key, section)
    if row is None:
        return False
    with action(db, HistoryAction.BRIEF_TEXT):
        records.delete(db, "brief_texts", row["id"])
    return True


def save_sections(
    db: Database, key: BriefKey, texts: Mapping[str, list[str] | None]
) -> dict[str, KeptSection | None]:
    """Keep (paragraphs) or forget (None) several sections of one brief as one user action;
    every text is checked before anything is written."""
    checked = {s: None if t is None else paragraphs_of(t) for s, t in texts.items()}
    out: dict[str, KeptSection | None] = {}
    with action(db, HistoryAction.BRIEF_TEXT):
        for section, paragraphs in checked.items():
            if paragraphs is None:
                forget_section(db, key, section)
                out[section] = None
            else:
                out[section] = keep_section(db, key, section, paragraphs)
    return out


def paragraphs_of(text: str | list[str]) -> list[str]:
    """The paragraphs of a text: one a line (or list item), trimmed, empty ones dropped;
    checked against the section's limit and for control characters."""
    lines = text.splitlines() if isinstance(text, str) else [str(x) for x in text]
    paragraphs = [" ".join(line.split()) for line in lines]  # tabs and runs of spaces: one space
    paragraphs = [p for p in paragraphs if p]
    label = _("Text of the section")
    for p in paragraphs:
        check_printable(p, FIELD, label)
    if not paragraphs:
        raise ValidationError(
            _("The section is empty: type its text, reset it to the draft or mark it blank."),
            field=FIELD,
        )
    check_length("\n".join(paragraphs), FIELD)
    return paragraphs


def _write(db: Database, key: BriefKey, section: str, values: dict) -> KeptSection:
    _check_key(key, section)
    with action(db, HistoryAction.BRIEF_TEXT):
        row = _find(db, key, section)
        if row is None:
            ident = dict(
                zip(("kind", "scope", "period", "confidential"), _values(key), strict=True)
            )
            new_id = records.insert(db, "brief_texts", {**ident, "section": section, **values})
            after = records.get(db, "brief_texts", new_id)
        else:
            after = records.update(db, "brief_texts", row["id"], values)
    return _kept(after)


def _check_key(key: BriefKey, section: str) -> None:
    if key.kind not in set(BriefKind):
        raise ValidationError(_("Unknown brief kind: {kind}").format(kind=key.kind), "kind")
    if section not in set(BriefSection):
        raise ValidationError(_("Unknown section of a brief: {section}").format(section=section),
                              "section")  # fmt: skip


def _values(key: BriefKey) -> list:
    return [key.kind, key.scope or "", key.period or "", int(key.confidential)]


def _find(db: Database, key: BriefKey, section: str) -> dict | None:
    rows = db["brief_texts"].rows_where(
        "kind = ? and scope = ? and period = ? and confidential = ? and section = ?",
        [*_values(key), section],
        limit=1,
    )
    return next(iter(rows), None)


def _kept(row: dict) -> KeptSection:
    return KeptSection(
        row["section"], tuple(json.loads(row["paragraphs"] or "[]")), bool(row["blank"]),
        row["updated_at"],
    )  # fmt: skip
