"""The visit form: a full visit typed with the keyboard alone from the dashboard (the one
keyboard journey; the other tests set the fields directly), the live total, every refused value
shown at its field with nothing saved, Escape, edit and delete."""

import json

import pytest
from textual.widgets import Input, Static

from store.core import db as store_db
from store.visits import count_visits
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import cells, fill_visit, visit_keys
from tui.app import PhutrachApp
from tui.dialogs.confirm import ConfirmScreen
from tui.screens.dashboard.dashboard import DashboardScreen
from tui.screens.visits.visit_form import VisitForm
from tui.screens.visits.visit_list import VisitListScreen
from tui.textual_internals import notifications

SIZE = (120, 40)


@pytest.fixture
def app(duties):
    return PhutrachApp(duties[0], today=TODAY)


def visits_in(path) -> int:
    db = store_db.connect(path)
    try:
        return count_visits(db)
    finally:
        db.close()


def audit(path, table: str) -> list[str]:
    db = store_db.connect(path)
    try:
        return [r["action"] for r in db["changes"].rows_where("table_name = ?", [table])]
    finally:
        db.close()


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_form(app, pilot) -> VisitForm:
    await pilot.pause()
    await pilot.press("v")  # the first row: Dương Liễu, overdue
    await pilot.pause()
    assert isinstance(app.screen, VisitForm)
    return app.screen


async def test_a_visit_typed_with_the_keyboard_moves_the_unit_from_overdue_to_done(app, duties):
    path, ids = duties
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cells(app, "#dash-due")[0][:2] == ["⚠ Quá hạn 92 ngày", "Chi bộ thôn Dương Liễu"]
        form = await open_form(app, pilot)
        assert form.query_one("#date", Input).value == "30/09/2026"
        assert form.query_one("#members_full", Input).value == "31"  # from the unit
        await pilot.press(*visit_keys())
        assert "Tổng: 95/100 — Tốt" in text(app, "#visit-total")
        assert text(app, "#rate") == "Tỷ lệ dự sinh hoạt: 93,3%"
        before = visits_in(path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert visits_in(path) == before + 1
        rows = cells(app, "#dash-due")
        done = next(r for r in rows if r[1] == "Chi bộ thôn Dương Liễu")
        assert done[0] == "✓ Đã dự" and done[4] == "30/09/2026"
        assert text(app, "#count-overdue").startswith("0")
        assert cells(app, "#dash-missed") == []  # the visit planned in September, completed
        assert [n.message for n in notifications(app)][-1] == (
            "Đã lưu kết quả dự sinh hoạt tại Chi bộ thôn Dương Liễu: 95 điểm, xếp loại Tốt."
        )
    db = store_db.connect(path)
    visit = db.execute(
        "select scores, total, rating, observations from visits where unit_id = ? and date = ?",
        [ids["duong_lieu"], "2026-09-30"],
    ).fetchone()
    meeting = db.execute(
        "select present, absent_excused, duration_minutes, minutes_kept, source from meetings "
        "where unit_id = ? and date = ?",
        [ids["duong_lieu"], "2026-09-30"],
    ).fetchone()
    db.close()
    assert json.loads(visit[0])["content"] == 18
    assert visit[1:] == (95, "good", "Chuan bi tot")
    assert meeting == (28, 2, 120, 1, "visit")


async def test_the_total_and_rating_follow_the_points_as_typed(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot)
        assert "còn 9 tiêu chí chưa chấm" in text(app, "#visit-total")
        short_minutes = ("15", "15", "10", "15", "7", "10", "5", "7", "3")
        await fill_visit(pilot, app.screen, scores=short_minutes)
        assert text(app, "#visit-total") == (
            "Tổng: 87/100 — Khá (chưa đạt 90 điểm của loại Tốt)"  # the total decides
        )
        assert isinstance(app.screen, VisitForm)


@pytest.mark.parametrize(
    ("typed", "field", "row", "message"),
    [
        (
            {"present": "40", "excused": "0"},
            "present",
            "attendance",
            "Số có mặt (40) nhiều hơn số đảng viên (32).",
        ),
        ({"date": "01/10/2026"}, "date", "when", "Ngày sinh hoạt không thể ở tương lai."),
        (
            {"scores": ("20", *("5",) * 8)},
            "score-attendance",
            "score-attendance",
            "Hãy cho điểm bằng số nguyên, từ 0 đến 15.",
        ),
        (
            {"date": "15/05/2026"},
            "date",
            "when",
            "Ngày 15/05/2026 cấp ủy viên chưa được phân công phụ trách tổ chức đảng này.",
        ),
        ({"thematic": True}, "topic", "topic", "Sinh hoạt chuyên đề phải có tên chuyên đề."),
        ({"date": "31/02/2026"}, "date", "when", "'31/02/2026' không phải ngày có thật."),
        ({"duration": ""}, "duration_minutes", "conduct", "Thời gian sinh hoạt tính bằng phút"),
    ],
    ids=[
        "present-above-members",
        "future-date",
        "points-above-max",
        "outside-assignment",
        "thematic-without-topic",
        "no-such-day",
        "no-duration",
    ],
)
async def test_a_refused_value_is_explained_at_its_field_and_nothing_is_saved(
    app, duties, typed, field, row, message
):
    path, _ = duties
    before = visits_in(path), audit(path, "meetings")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        await fill_visit(pilot, form, **typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open, with what was typed
        error = form.query_one(f"#error-{row}", Static)
        assert error.has_class("-shown")
        assert str(error.render()).startswith(message)
        assert app.focused is form.query_one(f"#{field}")
        assert len(form.query(".field-error.-shown")) == 1
    assert (visits_in(path), audit(path, "meetings")) == before


async def test_correcting_the_value_clears_the_message_and_saves(app, duties):
    path, _ = duties
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        await fill_visit(pilot, form, present="40", excused="0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is form.query_one("#present")
        await pilot.press("2", "8", "tab", "2", "ctrl+s")  # the focused box is selected
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert visits_in(path) == 2


async def test_escape_closes_a_clean_form_and_asks_before_losing_typing(app, duties):
    path, _ = duties
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        form = await open_form(app, pilot)
        await pilot.press("tab", "tab", "tab", "tab", "tab", "2", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#present", Input).value == "2"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert visits_in(path) == 1


async def test_a_visit_is_edited_and_deleted_from_the_unit_list_with_audit(app, duties):
    path, _ = duties
    async with app.run_test(size=SIZE) as pilot:
        await fill_visit(pilot, await open_form(app, pilot))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("l")  # the cursor is on the unit just visited
        await pilot.pause()
        assert isinstance(app.screen, VisitListScreen)
        assert cells(app, "#visits-table") == [
            [
                "30/09/2026",
                "Chi bộ thôn Dương Liễu",
                "Phạm Minh Đức",
                "Sinh hoạt chi bộ định kỳ",
                "28/30",
                "95",
                "Tốt",
            ]
        ]
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, VisitForm) and form.query_one("#present", Input).value == "28"
        assert form.query_one("#score-content", Input).value == "18"
        await pilot.press("tab", "tab", "tab", "tab", "tab", "2", "6", "tab", "4", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, VisitListScreen)
        assert cells(app, "#visits-table")[0][4] == "26/30"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert cells(app, "#visits-table") == []
        await pilot.press("escape")
        await pilot.pause()
        assert cells(app, "#dash-due")[0][1] == "Chi bộ thôn Dương Liễu"  # overdue again
    assert visits_in(path) == 1
    # the visit completed the missed plan (update), was edited (update), then deleted
    assert audit(path, "visits")[-3:] == ["update", "update", "delete"]
    assert audit(path, "meetings")[-3:] == ["insert", "update", "delete"]


async def test_a_missed_planned_visit_is_completed_on_its_planned_date(app, duties):
    path, ids = duties
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cells(app, "#dash-missed") == [["⚠ 20/09/26", "Chi bộ thôn Dương Liễu"]]
        await pilot.press("tab", "tab", "enter")  # due list, agenda, missed
        await pilot.pause()
        form = app.screen
        assert isinstance(form, VisitForm) and form.planned_visit_id == ids["plan_missed"]
        assert form.query_one("#date", Input).value == "20/09/2026"
        await fill_visit(pilot, form)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert cells(app, "#dash-missed") == []
    db = store_db.connect(path)
    status = db["visits"].get(ids["plan_missed"])["status"]
    db.close()
    assert status == "done"


def test_snapshot_of_the_filled_form(app, snap_compare):
    async def fill(pilot):
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press(*visit_keys(thematic=True, topic="Hoc tap Bac"))
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # back to the last criterion
        for box in app.screen.query("Input, TextArea"):
            box.cursor_blink = False
        app.screen.query_one("#visit-fields").scroll_home(animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=fill)
