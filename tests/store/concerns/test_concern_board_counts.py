"""The board's ageing filter and head counts, and the supervisor choices."""

import pytest

from store.concerns import reopen, transition
from store.concerns.board import (
    AGEING_DAYS,
    BoardCounts,
    board,
    board_counts,
    board_row,
    count_board,
)
from store.core import records, settings
from store.core.errors import NotFound
from store.org.supervisors import current_supervisor_id, list_supervisors
from tests import factories as make
from tests.store.concerns.test_concerns import AS_OF, TODAY, _ids, _raise, _world


@pytest.fixture
def boarded(db):
    """As of 2026-04-10: open ones raised 03-01 (40 days), 03-06 (35) and 03-20 (21), of which
    03-01 and 03-06 overdue; one resolved 04-02 and one resolved in February."""
    ids = _world(db)
    ids["old"] = _raise(db, ids["dong"], description="Đường làng xuống cấp")
    ids["mid"] = _raise(db, ids["doai"], route="self", raised_date="2026-03-06")
    ids["young"] = _raise(db, ids["truong"], route="agency", raised_date="2026-03-20")
    ids["april"] = _raise(db, ids["dong"], raised_date="2026-03-25", category="security")
    transition(db, ids["april"], "answered", note="Đã trả lời", date="2026-04-02", today=TODAY)
    ids["february"] = _raise(db, ids["dong"], raised_date="2026-02-01")
    transition(db, ids["february"], "resolved", note="Xong", date="2026-02-20", today=TODAY)
    return ids


def test_ageing_means_open_and_raised_more_than_30_days_ago(db, boarded):
    assert AGEING_DAYS == 30
    assert _ids(board(db, ageing=True, as_of=AS_OF)) == [boarded["old"], boarded["mid"]]
    assert count_board(db, ageing=True, as_of=AS_OF) == 2
    # 2026-03-06 is 30 days before 2026-04-05: not yet ageing that day, ageing the next.
    assert _ids(board(db, ageing=True, as_of="2026-04-05")) == [boarded["old"]]
    assert count_board(db, ageing=True, as_of="2026-04-06") == 2


def test_counts_open_overdue_ageing_and_resolved_this_month(db, boarded):
    assert board_counts(db, as_of=AS_OF) == BoardCounts(
        open=3, overdue=2, ageing=2, resolved_this_month=1
    )
    assert board_counts(db, as_of="2026-02-28").resolved_this_month == 1  # the February one
    assert board_counts(db, unit_id=boarded["truong"], as_of=AS_OF) == BoardCounts(1, 0, 0, 0)
    assert board_counts(db, search="duong lang", as_of=AS_OF) == BoardCounts(1, 1, 1, 0)


def test_counts_follow_the_workflow(db, boarded):
    transition(db, boarded["old"], "resolved", note="Đã sửa đường", date=AS_OF, today=TODAY)
    assert board_counts(db, as_of=AS_OF) == BoardCounts(2, 1, 1, 2)
    reopen(db, boarded["old"], "Đường lại hỏng", date=AS_OF, today=TODAY)
    assert board_counts(db, as_of=AS_OF) == BoardCounts(3, 2, 2, 1)


def test_counts_of_an_empty_board_are_zeros(db):
    assert board_counts(db, as_of=AS_OF) == BoardCounts(0, 0, 0, 0)


def test_supervisors_in_name_order_and_the_current_one(db):
    ids = _world(db)
    make.supervisor(db, "Đỗ Văn Cũ", active=0)
    assert [s.name for s in list_supervisors(db)] == ["Nguyễn Văn Ấn", "Trần Thị Bình"]
    assert len(list_supervisors(db, include_inactive=True)) == 3
    assert current_supervisor_id(db) is None
    binh = records.get(db, "supervisors", ids["binh"])
    settings.put(db, "current_supervisor", binh["uid"])
    assert current_supervisor_id(db) == ids["binh"]
    settings.put(db, "current_supervisor", "a-uid-that-is-gone")
    assert current_supervisor_id(db) is None


def test_one_row_of_the_board_by_id(db, boarded):
    row = board_row(db, boarded["old"], as_of=AS_OF)
    assert (row.unit_name, row.age_days, row.days_overdue) == ("Chi bộ Thôn Đông", 40, 10)
    assert board_row(db, boarded["april"], as_of=AS_OF).days_overdue == 0
    with pytest.raises(NotFound, match="999"):
        board_row(db, 999, as_of=AS_OF)
