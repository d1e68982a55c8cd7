"""Number fields say why a letter is not taken, and free texts count against their limit as
the user types (tui.forms.inputs), on the meeting form, the visit form and a concern's step."""

import pytest
from textual.widgets import Input, Static, TextArea

from store.core.checks import TEXT_LIMITS
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import add_duties, fill_visit
from tui.app import PhutrachApp
from tui.screens.regime.meeting_form import MeetingForm
from tui.screens.visits.visit_form import VisitForm

SIZE = (120, 40)
NUMBERS_ONLY = "Chỉ nhập số: gõ các chữ số từ 0 đến 9."


def shown(screen, selector: str) -> str:
    line = screen.query_one(selector, Static)
    return str(line.render()) if line.display and line.region.height else ""


async def test_a_letter_in_a_meeting_count_is_told_then_the_message_goes(app, district):
    _path, ids = district
    async with app.run_test(size=SIZE) as pilot:
        app.open_unit(ids["dao_xa"])
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        present = form.query_one("#field-present", Input)
        present.value = ""
        present.focus()
        await pilot.press("x")
        await pilot.pause()
        assert present.value == ""  # the letter is still not taken
        assert shown(form, "#error-present") == NUMBERS_ONLY
        await pilot.press("1", "8")
        await pilot.pause()
        assert present.value == "18"
        assert shown(form, "#error-present") == ""


@pytest.fixture
def visit_app(district):
    path, _ids = district
    add_duties(path)
    return PhutrachApp(path, today=TODAY)


async def open_visit_form(app, pilot) -> VisitForm:
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(app.screen, VisitForm)
    return app.screen


async def test_a_letter_in_a_score_is_told_at_its_row(visit_app):
    app = visit_app
    async with app.run_test(size=SIZE) as pilot:
        form = await open_visit_form(app, pilot)
        score = form.query_one("#score-attendance", Input)
        score.focus()
        await pilot.press("a")
        await pilot.pause()
        assert score.value == ""
        assert shown(form, "#error-score-attendance") == NUMBERS_ONLY
        await pilot.press("9")
        await pilot.pause()
        assert score.value == "9" and shown(form, "#error-score-attendance") == ""
        await pilot.press(*"9999")
        await pilot.pause()
        assert score.value == "9999"
        assert shown(form, "#error-score-attendance") == "Ô này nhập tối đa 4 chữ số."


async def test_the_observations_count_as_typed_and_too_long_is_refused_by_name(visit_app):
    app = visit_app
    limit = TEXT_LIMITS["observations"]
    async with app.run_test(size=SIZE) as pilot:
        form = await open_visit_form(app, pilot)
        await fill_visit(pilot, form, observations="")
        area = form.query_one("#observations", TextArea)
        counter = area.counter
        assert str(counter.render()) == f"0/{limit}"
        area.focus()
        await pilot.press(*"Tốt")
        await pilot.pause()
        assert str(counter.render()) == f"3/{limit}" and not counter.has_class("-over")
        area.text = "x" * (limit + 5)
        await pilot.pause()
        assert str(counter.render()) == f"{limit + 5}/{limit}" and counter.has_class("-over")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # not saved
        assert shown(form, "#error-unit") == "Nhận xét quá dài: 2005 ký tự, tối đa 2000 ký tự."
