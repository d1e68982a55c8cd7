"""The concerns board and a concern's own row tell two units of one name apart by their parents'."""

import datetime as dt

from store.concerns.board import board, board_row
from tests import factories as make

TODAY = dt.date(2026, 10, 20)


def test_board_names_shared_units_with_their_parents(db):
    dao_xa, an_binh = make.twins(db)
    first = make.concern(db, dao_xa, raised_date="2026-09-01")
    make.concern(db, an_binh, raised_date="2026-09-02")
    shown = {row.unit_name for row in board(db, as_of=TODAY)}
    assert shown == set(make.TWINS)
    assert board_row(db, first, as_of=TODAY).unit_name == make.TWINS[0]
    lone = make.unit(db, "Chi bộ Trường Tiểu học", members_full=9)
    assert board_row(db, make.concern(db, lone), as_of=TODAY).unit_name == "Chi bộ Trường Tiểu học"
