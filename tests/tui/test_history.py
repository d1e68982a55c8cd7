"""The history screen: every change newest first, what it changed, deletions alone, and a
deleted visit restored with the keyboard."""

from textual.widgets import Static

from store.core import db as store_db
from store.visits import count_visits, delete_visit
from tests import factories as make
from tests.tui.visit_helpers import cells
from tui.dialogs.confirm import ConfirmScreen
from tui.screens.history.history import HistoryScreen

SIZE = (120, 40)


def _delete_the_visit(path) -> str:
    db = store_db.connect(path)
    try:
        visit = next(iter(db["visits"].rows_where("status = 'done'", limit=1)))
        delete_visit(db, visit["id"])
        return visit["uid"]
    finally:
        db.close()


def _visits(path) -> int:
    db = store_db.connect(path)
    try:
        return count_visits(db)
    finally:
        db.close()


async def test_a_deleted_visit_is_one_entry_restored_whole(app, district):
    path, _ids = district
    before = _visits(path)
    _delete_the_visit(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        first = cells(app, "#history-table")[0]
        assert first[0].count("/") == 2  # dd/mm/yyyy hh:mm
        assert first[1] == (
            "Xóa lượt dự sinh hoạt: Lượt dự sinh hoạt — Chi bộ thôn Đào Xá — 05/09/2026, "
            "cùng buổi sinh hoạt đã ghi"
        )
        await pilot.press("d")
        await pilot.pause()
        assert len(cells(app, "#history-table")) == 1  # one action, one entry
        detail = str(app.screen.query_one("#history-fields", Static).render())
        assert "nhấn r để khôi phục" in detail
        assert "Trạng thái: Đã thực hiện" in detail and "05/09/2026" in detail
        assert "{" not in detail and "uid" not in detail
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Lượt dự sinh hoạt — Chi bộ thôn Đào Xá — 05/09/2026" in question
        assert "Sinh hoạt — Chi bộ thôn Đào Xá — Sinh hoạt chi bộ định kỳ — 05/09/2026" in question
        await pilot.press("y")
        await pilot.pause()
        assert _visits(path) == before
        await pilot.press("d")
        await pilot.pause()
        assert cells(app, "#history-table")[0][1].startswith("Khôi phục: Lượt dự sinh hoạt")
        await pilot.press("down", "r")  # the deletion, restored already: nothing to ask
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_personnel_changes_carry_the_confidential_mark(app, district):
    path, _ids = district
    db = store_db.connect(path)
    person = next(iter(db["people"].rows_where(limit=1)))["id"]
    make.note(db, person, overall="fair", narrative="Điều hành còn lúng túng")
    db.close()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert cells(app, "#history-table")[0][1].startswith("MẬT · Thêm: Nhận xét")
        assert "MẬT" in app.screen.query_one("#history-detail").border_title
        assert "Điều hành còn lúng túng" in str(
            app.screen.query_one("#history-fields", Static).render()
        )
        await pilot.press("down")
        assert "MẬT" not in cells(app, "#history-table")[1][1]
        assert "MẬT" not in app.screen.query_one("#history-detail").border_title
