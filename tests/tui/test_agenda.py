"""The agenda, driven by keys on the small district of conftest (today: 30/09/2026, a Wednesday).

Phạm Minh Đức oversees Chi bộ thôn Đào Xá monthly and visited it on 05/09/2026, so the
cadence suggests 05/10/2026 and 05/11/2026.
"""

from datetime import date

import pytest
from textual.widgets import Input, Static

from store.core import db as store_db
from store.core import settings
from store.org import supervisors
from store.visits.planning import plan_visit
from tests.tui.test_app import plain
from tui.screens.regime.agenda import AgendaScreen
from tui.screens.regime.agenda_dialogs import CancelVisitQuestion, MoveVisitForm
from tui.screens.visits.visit_form import VisitForm
from tui.widgets.lazy_select import LazySelect
from tui.widgets.paged_table import PagedTable

SIZE = (120, 40)
DAO_XA = "Chi bộ thôn Đào Xá"


def cells(app, name: str) -> list[list[str]]:
    table = app.screen.query_one(f"#agenda-{name}", PagedTable)
    return [[str(c) for c in table.source.cells(table.row_at(i))] for i in range(table.row_count)]


def planned_visits(path) -> list[tuple[str, str]]:
    db = store_db.connect(path)
    try:
        return [
            (r["planned_date"], r["status"])
            for r in db["visits"].rows_where("planned_date is not null", order_by="id")
        ]
    finally:
        db.close()


@pytest.fixture
def as_duc(district):
    """The district with Phạm Minh Đức chosen as the current supervisor."""
    path, ids = district
    db = store_db.connect(path)
    uid = db["supervisors"].get(ids["duc"])["uid"]
    settings.put(db, "current_supervisor", uid)
    db.close()
    return path, ids


async def open_agenda(app, pilot) -> None:
    await app.action_goto("agenda")
    await pilot.pause()
    assert isinstance(app.screen, AgendaScreen)


async def test_plan_a_suggested_visit_and_see_it_in_the_week_view(app, as_duc):
    path, _ids = as_duc
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(app, pilot)
        assert cells(app, "suggested") == [
            ["T2 05/10/2026", DAO_XA, "tháng 10/2026"],
            ["T5 05/11/2026", DAO_XA, "tháng 11/2026"],
        ]
        planned = app.screen.query_one("#agenda-planned", PagedTable)
        assert planned.border_title == "Lịch dự sinh hoạt tuần 28/09/2026 – 04/10/2026"
        assert cells(app, "planned") == []
        await pilot.press("a")
        await pilot.pause()
        assert planned_visits(path) == [("2026-10-05", "planned")]
        assert cells(app, "suggested") == [["T5 05/11/2026", DAO_XA, "tháng 11/2026"]]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert planned.border_title == "Lịch dự sinh hoạt tuần 05/10/2026 – 11/10/2026"
        assert cells(app, "planned") == [["", "T2 05/10/2026", DAO_XA, "Phạm Minh Đức"]]
        await pilot.press("t")
        await pilot.pause()
        assert cells(app, "planned") == []


async def test_plan_all_then_see_the_month(app, as_duc):
    path, _ids = as_duc
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(app, pilot)
        await pilot.press("A")
        await pilot.pause()
        assert planned_visits(path) == [("2026-10-05", "planned"), ("2026-11-05", "planned")]
        assert cells(app, "suggested") == []
        assert app.screen.query_one("#agenda-suggested", PagedTable).empty_text == (
            "Không còn buổi nào cần lên lịch trong 3 tháng tới."
        )
        await pilot.press("w", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        planned = app.screen.query_one("#agenda-planned", PagedTable)
        assert planned.border_title == "Lịch dự sinh hoạt tháng 11/2026"
        assert [row[1] for row in cells(app, "planned")] == ["T5 05/11/2026"]


async def test_move_a_planned_visit_checking_the_date_at_the_field(app, as_duc):
    path, ids = as_duc
    db = store_db.connect(path)
    plan_visit(db, ids["duc"], ids["dao_xa"], "2026-10-02", today=date(2026, 9, 30))
    db.close()
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(app, pilot)
        assert [row[1] for row in cells(app, "planned")] == ["T6 02/10/2026"]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MoveVisitForm)
        field = app.screen.query_one("#move-date", Input)
        assert field.value == "02/10/2026"
        field.value = ""
        await pilot.press(*"29/09/2026", "enter")
        await pilot.pause()
        error = app.screen.query_one("#error-planned_date", Static)
        assert error.display and str(error.content) == "Lịch dự sinh hoạt phải từ hôm nay trở đi."
        assert planned_visits(path) == [("2026-10-02", "planned")]
        field.value = ""
        await pilot.press(*"3/10/2026", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert planned_visits(path) == [("2026-10-03", "planned")]
        assert [row[1] for row in cells(app, "planned")] == ["T7 03/10/2026"]


async def test_cancel_a_planned_visit_after_confirming(app, as_duc):
    path, ids = as_duc
    db = store_db.connect(path)
    plan_visit(db, ids["duc"], ids["dao_xa"], "2026-10-02", today=date(2026, 9, 30))
    db.close()
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CancelVisitQuestion)
        await pilot.press("n")
        await pilot.pause()
        assert planned_visits(path) == [("2026-10-02", "planned")]
        await pilot.press("x", "y")
        await pilot.pause()
        assert planned_visits(path) == [("2026-10-02", "cancelled")]
        assert cells(app, "planned") == []


async def test_missed_planned_visits_are_listed_apart_and_marked(app, as_duc):
    path, ids = as_duc
    db = store_db.connect(path)
    plan_visit(db, ids["duc"], ids["dao_xa"], "2026-09-20", today=date(2026, 9, 1))
    plan_visit(db, ids["duc"], ids["dao_xa"], "2026-09-29", today=date(2026, 9, 1))
    db.close()
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(app, pilot)
        assert cells(app, "missed") == [
            ["⚠", "CN 20/09/2026", DAO_XA, "Phạm Minh Đức", "10 ngày"],
            ["⚠", "T3 29/09/2026", DAO_XA, "Phạm Minh Đức", "1 ngày"],
        ]
        # the one inside this week shows in the week too, marked
        assert cells(app, "planned") == [["⚠", "T3 29/09/2026", DAO_XA, "Phạm Minh Đức"]]
        missed = app.screen.query_one("#agenda-missed", PagedTable)
        assert "red" in str(missed.source.cells(missed.source.fetch(1, 0)[0])[0].style)


async def test_all_supervisors_get_no_suggestions_but_can_choose_one(app, district, monkeypatch):
    _path, ids = district
    supervisors_read: list[int] = []
    real = supervisors.list_supervisors

    def counted(*args, **kwargs):
        supervisors_read.append(1)
        return real(*args, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(supervisors, "list_supervisors", counted)
        await open_agenda(app, pilot)
        assert cells(app, "suggested") == []
        assert app.screen.check_action("accept", ()) is False
        chooser = app.screen.query_one("#agenda-supervisor", LazySelect)
        assert supervisors_read == [] and not chooser.loaded  # read when the list opens
        chooser.choose(ids["duc"])
        await pilot.pause()
        assert supervisors_read and chooser.loaded
        assert len(cells(app, "suggested")) == 2
        assert app.screen.check_action("accept", ()) is True


async def test_enter_opens_the_unit_of_a_suggestion(app, as_duc):
    _path, ids = as_duc
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(app, pilot)
        app.screen.query_one("#agenda-suggested", PagedTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.unit_id == ids["dao_xa"]


async def test_v_opens_the_visit_form_for_a_planned_visit(app, as_duc):
    path, ids = as_duc
    db = store_db.connect(path)
    planned = plan_visit(db, ids["duc"], ids["dao_xa"], "2026-09-29", today=date(2026, 9, 1))
    db.close()
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(app, pilot)
        app.screen.query_one("#agenda-missed", PagedTable).focus()
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VisitForm)
        assert app.screen.planned_visit_id == planned
        assert app.screen.target.unit_id == ids["dao_xa"]


async def test_f1_explains_the_agenda_and_its_keys(app, district):
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        keys = plain(app.screen.query_one("#help-keys", Static).content)
        assert "Tuần / tháng" in keys and "Đưa vào lịch" not in keys  # no suggestion to plan
        texts = [plain(s.content) for s in app.screen.query(".help-text")]
        assert any("Lịch dự sinh hoạt của cấp ủy viên phụ trách" in t for t in texts)
