"""A thematic rule-period still running on the report's date is not yet due: the annual
figures give it apart (owed and held so far), never as owed or missed."""

from datetime import date

from store.reports.figures import meeting_figures
from store.rules.rulebook import load
from tests import factories as make


def test_the_running_half_year_is_not_due(db):
    today = date(2026, 12, 2)
    cells = [make.unit(db, f"Chi bộ thôn {n}", code=f"T{n}") for n in (1, 2, 3)]
    for cell in cells:
        make.meeting(db, cell, "2026-03-10", kind="thematic", topic="Chuyên đề", today=today)
    make.meeting(db, cells[0], "2026-10-10", kind="thematic", topic="Chuyên đề", today=today)
    t = meeting_figures(db, "2026", rulebook=load(), as_of=today).thematic
    assert (t.owed, t.kept, t.not_due, t.not_due_kept, t.held) == (3, 3, 3, 1, 4)
    after = meeting_figures(db, "2026", rulebook=load(), as_of=date(2027, 1, 5)).thematic
    assert (after.owed, after.kept, after.not_due) == (6, 4, 0)
