"""The dashboard's list: the supervisors of one unit, alike in state, read by given name."""

from store.rules.cadence import due_list
from tests import factories as make
from tests.store.personnel.test_person_order import NAMES, ORDER, TODAY


def test_one_units_supervisors_read_by_given_name(db):
    cell = make.unit(db, "Chi bộ thôn Đông")
    for n, name in enumerate(NAMES, start=1):
        make.assign(db, make.supervisor(db, name, code=f"UV{n}"), cell)
    assert [d.assignment.supervisor_name for d in due_list(db, None, TODAY)] == ORDER
