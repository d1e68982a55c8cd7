"""The visit list, the compliance grid and a unit's regime tell two units of one name apart
by their parents' and keep the units' own order (Chi bộ thôn 1 before Chi bộ thôn 10)."""

from datetime import date

from store.org import get_unit
from store.visits.grid import compliance_grid
from store.visits.regime import unit_regime
from store.visits.visit_list import list_visits
from tests import factories as make

TODAY = date(2026, 10, 20)


def test_visit_list_names_shared_units_with_their_parents(db):
    dao_xa, an_binh = make.twins(db)
    sup = make.supervisor(db, code="S1")
    make.assign(db, sup, dao_xa)
    make.assign(db, sup, an_binh)
    make.visit(db, sup, dao_xa, "2026-09-05")
    make.visit(db, sup, an_binh, "2026-09-06")
    assert [v.unit_name for v in list_visits(db)] == [make.TWINS[1], make.TWINS[0]]


def test_grid_and_regime_name_shared_units_with_their_parents(db):
    dao_xa, _an_binh = make.twins(db)
    parent = get_unit(db, dao_xa).parent_id
    make.unit(db, "Chi bộ thôn 10", parent_id=parent, members_full=8)
    grid = compliance_grid(db, parent_id=parent, year=2026, as_of=TODAY)
    assert [row.unit.title for row in grid.rows] == [make.TWINS[0], "Chi bộ thôn 10"]
    regime = unit_regime(db, dao_xa, "2026-Q3", as_of=TODAY)
    assert regime.unit.title == make.TWINS[0]
