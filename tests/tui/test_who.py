"""The first start asks who uses the installation; the supervisor chooser asks whether the
one choosing is that supervisor; the delete dialog says what goes and what comes back."""

from textual.widgets import Input, Static

from store.core import db as store_db
from store.core import settings
from tests.tui.conftest import TODAY
from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.who import WhoScreen

SIZE = (120, 40)


def _user(path):
    db = store_db.connect(path)
    try:
        return settings.user(db)
    finally:
        db.close()


async def test_the_first_start_asks_who_and_the_history_names_them(district, monkeypatch):
    from tui.app import PhutrachApp

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", True)
    path, _ids = district
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WhoScreen)
        text = str(app.screen.query_one("#who-question", Static).render())
        assert "cán bộ văn phòng" in text
        app.screen.query_one(Input).value = "S1"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WhoScreen)
    assert _user(path) == settings.User(settings.SUPERVISOR, "Phạm Minh Đức", _user(path).uid)
    again = PhutrachApp(path, today=TODAY)  # someone is named: no question
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, WhoScreen)


async def test_a_clerk_names_herself_and_escape_puts_it_off(district, monkeypatch):
    from tui.app import PhutrachApp

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", True)
    path, _ids = district
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WhoScreen)
    assert _user(path) is None
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WhoScreen)  # asked again, as nobody answered
        app.screen.query_one(Input).value = "Lê Thị Hoa"
        await pilot.press("enter")
        await pilot.pause()
    assert _user(path) == settings.User(settings.CLERK, "Lê Thị Hoa")


async def test_choosing_a_supervisor_asks_whether_it_is_the_user(district, monkeypatch):
    from tui.app import PhutrachApp
    from tui.dialogs.supervisor_picker import SupervisorChoice, ask_who

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", True)
    path, ids = district
    db = store_db.connect(path)
    settings.set_user(db, settings.User(settings.CLERK, "Lê Thị Hoa"))
    uid = db["supervisors"].get(ids["duc"])["uid"]
    db.close()
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ask_who(app, SupervisorChoice(ids["duc"], uid, "Phạm Minh Đức"))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert question == "Đồng chí là Phạm Minh Đức? Lịch sử sẽ ghi tên đồng chí."
        await pilot.press("n")  # a clerk following a supervisor stays the user
        await pilot.pause()
        assert _user(path).kind == settings.CLERK
        ask_who(app, SupervisorChoice(ids["duc"], uid, "Phạm Minh Đức"))
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert _user(path) == settings.User(settings.SUPERVISOR, "Phạm Minh Đức", uid)


async def test_the_delete_dialog_says_the_meeting_goes_and_comes_back(app, district):
    from tui.screens.visits.visit_list import VisitListScreen

    path, ids = district
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(VisitListScreen(unit_id=ids["dao_xa"]))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert question == (
            "Xóa lượt dự sinh hoạt tại Chi bộ thôn Đào Xá ngày 05/09/2026 cùng buổi sinh hoạt "
            "đã ghi? Cả hai vẫn lưu trong lịch sử: khôi phục một lần tại đó (F9, r) là trở "
            "lại nguyên vẹn."
        )
        await pilot.press("y")
        await pilot.pause()
    db = store_db.connect(path)
    try:
        assert db["visits"].count == 0 and db["meetings"].count == 3
    finally:
        db.close()
