"""The dashboard's list: the supervisors of one unit, alike in state, read by given name."""

from store.rules.cadence import due_list
from tests import factories as make
from tests.store.personnel.test_person_order import NAMES, ORDER, TODAY


def test_one_units_supervisors_read_by_given_name(db):
    cell = make.unit(db, "Chi bộ thôn Đông")
    for n, name in enumerate(NAMES, start=1):
        make.assign(db, make.supervisor(db, name, code=f"UV{n}"), cell)
    assert [d.assignment.supervisor_name for d in due_list(db, None, TODAY)] == ORDER


def test_units_alike_in_state_read_in_their_order_numbers_by_value(db):
    """Not by the text of their names: Khu phố 2 before Khu phố 10, and the shared
    name's parent (the display name) does not reorder them."""
    supervisor = make.supervisor(db, "Trần Văn Anh", code="UV1")
    for n in (10, 2, 1):
        make.assign(db, supervisor, make.unit(db, f"Chi bộ Khu phố {n}"))
    names = [d.assignment.unit_name for d in due_list(db, None, TODAY)]
    assert names == ["Chi bộ Khu phố 1", "Chi bộ Khu phố 2", "Chi bộ Khu phố 10"]
