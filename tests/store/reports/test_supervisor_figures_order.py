"""The annual brief's table of supervisors reads in the people's order, by given name."""

from store.reports.figures import visit_figures
from tests import factories as make
from tests.store.personnel.test_person_order import NAMES, ORDER


def test_visits_by_supervisor_read_by_given_name(db):
    for n, name in enumerate(NAMES, start=1):
        cell = make.unit(db, f"Chi bộ thôn {n}", code=f"T{n}")
        make.assign(db, make.supervisor(db, name, code=f"UV{n}"), cell)
    figures = visit_figures(db, "2026", "2026-12-31")
    assert [s.name for s in figures.by_supervisor] == ORDER
