"""One brief's drafted sections, for the user to review before it is written: what the
records draft (each kind's `sections_of`), beside what the user kept (store.reports.drafts).

    drafts = review(db, "supervisor", 5, "2026-Q4", on=today)
    drafts.sections  # Section(key, title, draft…), in the brief's order
    drafts.kept  # {"strengths": KeptSection(...)}

The brief is gathered as it would be written on `on`, with the same confidentiality, so the
drafts shown are those that would print.
"""

from dataclasses import dataclass
from datetime import date

from briefs.kinds import annual, plan, supervisor, unit, visit
from briefs.kinds.drafting import Section
from store.reports.drafts import BriefKey, KeptSection
from store.reports.letterhead import letterhead
from store.reports.scopes import is_confidential

KINDS = {m.KIND: m for m in (visit, supervisor, unit, annual, plan)}


@dataclass(frozen=True)
class Review:
    key: BriefKey  # what the kept texts are kept by
    title: str  # what the brief is about
    sections: tuple[Section, ...]
    kept: dict[str, KeptSection]


def review(db, kind: str, scope_id, period, *, confidential=False, on: date | None = None):
    """The drafted sections of one brief, and what the user kept of them."""
    module = KINDS[kind]
    secret = is_confidential(kind, confidential)
    data = module.gather(db, scope_id, period, confidential=secret, on=on or date.today())
    ident = data.identity
    return Review(ident.key, ident.title, module.sections_of(data, letterhead(db)), data.kept)
