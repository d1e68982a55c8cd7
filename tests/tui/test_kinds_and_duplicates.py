"""Issue 13.2 and 13.3 in the forms: the meeting form and the visit form offer only the kinds
the unit may hold, and a meeting or visit already recorded is named with an offer to open it.
On the district of conftest: Chi bộ thôn Đào Xá reported a regular meeting on 05/08/2026, and
đồng chí Đức's visit recorded its meeting of 05/09/2026."""

from textual.widgets import Input, Label, Select, Static

from store.core import db as store_db
from tests.tui.test_meeting_form import SIZE, field, open_form
from tui.dialogs.confirm import ConfirmScreen
from tui.screens.regime.meeting_form import MeetingForm
from tui.screens.visits.visit_form import Target, VisitForm


def label_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).content)


def offered(app, selector: str) -> list[str]:
    select = app.screen.query_one(selector, Select)
    return [str(value) for _label, value in select._options if value != Select.BLANK]


async def test_the_meeting_form_offers_only_the_kinds_of_the_unit(app, district):
    _path, ids = district
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, ids["dao_xa"])
        assert offered(app, "#field-kind") == ["regular", "thematic", "committee"]
        await pilot.press("escape")
        await pilot.pause()
        await open_form(app, pilot, ids["khu_dong"])
        assert offered(app, "#field-kind") == ["committee", "general"]
        await pilot.press("escape")
        await pilot.pause()
        await open_form(app, pilot, ids["an_binh"])  # no standing committee
        assert offered(app, "#field-kind") == ["thematic", "committee", "general"]


async def test_a_committee_meeting_is_prefilled_with_the_committee(app, district):
    path, ids = district
    db = store_db.connect(path)
    db["units"].update(ids["an_binh"], {"committee_size": 13})
    db.close()
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, ids["an_binh"])
        assert field(app, "members_full").value == "180"  # thematic: the whole đảng bộ
        assert label_of(app, "#label-members_full") == "Đảng viên chính thức"
        app.screen.query_one("#field-kind", Select).value = "committee"
        await pilot.pause()
        assert [field(app, k).value for k in ("members_full", "members_exempt")] == ["13", "0"]
        assert label_of(app, "#label-members_full") == "Cấp ủy viên"


async def test_the_visit_form_asks_for_the_committee_at_a_committee_meeting(app, district):
    _path, ids = district
    target = Target(ids["duc"], ids["an_binh"], "Đức", "Đảng bộ xã An Bình")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(VisitForm(target))
        await pilot.pause()
        assert label_of(app, "#members-label") == "Đảng viên chính thức"
        app.screen.query_one("#kind", Select).value = "committee"
        await pilot.pause()
        assert label_of(app, "#members-label") == "Cấp ủy viên"


async def test_a_meeting_already_recorded_is_named_and_opened(app, district):
    path, ids = district
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, ids["dao_xa"])
        field(app, "date").value = "05/08/2026"
        for name, value in (("present", "18"), ("absent_excused", "1"), ("duration_minutes", "90")):
            field(app, name).value = value
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mở bản ghi đã có?" in str(app.screen.query_one("#confirm-question", Static).content)
        form = app.screen_stack[-2]
        error = str(form.query_one("#error-date", Static).content)
        assert "Chi bộ thôn Đào Xá" in error and "05/08/2026" in error
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        assert app.screen.meeting_id is not None and app.screen is not form
        assert field(app, "date").value == "05/08/2026"
    db = store_db.connect(path)
    assert db["meetings"].count_where("unit_id = ? and date = '2026-08-05'", [ids["dao_xa"]]) == 1
    db.close()


async def test_the_visit_form_offers_the_units_kinds_and_the_visit_already_recorded(app, district):
    path, ids = district
    target = Target(ids["duc"], ids["an_binh"], "Đức", "Đảng bộ xã An Bình")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(VisitForm(target))
        await pilot.pause()
        assert offered(app, "#kind") == ["thematic", "committee", "general"]
        app.pop_screen()
        await pilot.pause()
        target = Target(ids["duc"], ids["dao_xa"], "Đức", "Chi bộ thôn Đào Xá")
        app.push_screen(VisitForm(target))
        await pilot.pause()
        assert offered(app, "#kind") == ["regular", "thematic", "committee"]
        form = app.screen
        form.query_one("#date", Input).value = "05/09/2026"
        for name, value in (("present", "19"), ("duration_minutes", "90")):
            form.query_one(f"#{name}", Input).value = value
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        error = " ".join(str(s.content) for s in form.query(".field-error"))
        assert "05/09/2026" in error and "Chi bộ thôn Đào Xá" in error
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, VisitForm) and app.screen.visit_id is not None
    db = store_db.connect(path)
    assert db["visits"].count_where("supervisor_id = ?", [ids["duc"]]) == 1
    db.close()
