"""The visit form and the meeting's facts: a score the facts deny is explained at its criterion's
box, the total says the real reason of the rating, and yes/no boxes look plainly different on
and off (a tick, or an empty box: not the same mark in another colour)."""

import pytest
from textual.widgets import Static

from store.core import db as store_db
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import fill_visit
from tui.app import PhutrachApp
from tui.screens.visits.visit_form import VisitForm
from tui.widgets.yes_no import YesNo

SIZE = (120, 40)


@pytest.fixture
def app(duties):
    return PhutrachApp(duties[0], today=TODAY)


def _visits(path) -> int:
    db = store_db.connect(path)
    try:
        return db["visits"].count_where("status = 'done'")
    finally:
        db.close()


async def _form(app, pilot) -> VisitForm:
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(app.screen, VisitForm)
    return app.screen


@pytest.mark.parametrize(
    ("typed", "criterion", "message"),
    [
        (
            {"excused": "1", "unexcused": "1"},
            "attendance",
            "Tiêu chí «Số lượng đảng viên dự sinh hoạt» không được chấm tối đa 15 điểm khi còn 1 "
            "đảng viên vắng không lý do: hãy cho nhiều nhất 14 điểm.",
        ),
        (
            {"duration": "60"},
            "order_duration",
            "Tiêu chí «Trình tự sinh hoạt» không được chấm tối đa 10 điểm khi buổi sinh hoạt chỉ "
            "kéo dài 60 phút, dưới 90 phút theo quy định: hãy cho nhiều nhất 9 điểm.",
        ),
    ],
    ids=["unexcused-absence", "short-meeting"],
)
async def test_a_score_the_facts_deny_is_explained_beside_its_box(
    app, duties, typed, criterion, message
):
    path, _ = duties
    before = _visits(path)
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await fill_visit(pilot, form, **typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one(f"#error-score-{criterion}", Static)
        assert error.has_class("-shown") and str(error.render()) == message
        assert app.focused is form.query_one(f"#score-{criterion}")
        assert len(form.query(".field-error.-shown")) == 1
    assert _visits(path) == before


async def test_no_minutes_kept_refuses_the_minutes_points_at_their_box(app, duties):
    path, _ = duties
    before = _visits(path)
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await fill_visit(pilot, form)
        form.query_one("#minutes_kept", YesNo).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-score-minutes", Static)
        assert str(error.render()) == (
            "Tiêu chí «Ghi biên bản đầy đủ» không được chấm điểm khi không ghi biên bản: hãy cho "
            "0 điểm."
        )
        form.query_one("#score-minutes").value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, VisitForm)
    assert _visits(path) == before + 1


async def test_every_score_the_facts_deny_is_shown_at_once(app, duties):
    """A short meeting without minutes: both boxes say why at the first save, the focus on
    the first of them."""
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await fill_visit(pilot, form, duration="60")
        form.query_one("#minutes_kept", YesNo).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = {line.id for line in form.query(".field-error.-shown")}
        assert shown == {"error-score-order_duration", "error-score-minutes"}
        assert app.focused is form.query_one("#score-order_duration")


async def test_the_total_names_the_criteria_only_when_they_decide(app):
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        total = form.query_one("#visit-total", Static)
        held = ("15", "15", "10", "20", "10", "10", "5", "10", "3")  # 98, minutes short
        await fill_visit(pilot, form, scores=held)
        assert str(total.render()) == (
            "Tổng: 98/100 — Khá (loại Tốt cần điểm tối đa ở: Ghi biên bản đầy đủ)"
        )
        low = ("15", "15", "10", "10", "5", "10", "5", "5", "3")  # 78: the total decides
        await fill_visit(pilot, form, scores=low)
        assert str(total.render()) == "Tổng: 78/100 — Khá (chưa đạt 90 điểm của loại Tốt)"


async def test_yes_and_no_look_plainly_different(app):
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        minutes = form.query_one("#minutes_kept", YesNo)
        assert minutes.value is False
        off = minutes.render().plain
        minutes.focus()
        await pilot.press("space")
        await pilot.pause()
        assert minutes.value is True
        on = minutes.render().plain
        assert (on[1], off[1]) == ("✓", " ")  # the box holds a tick, or nothing
        assert on.replace("✓", " ") == off  # the label stays: only the mark changes
        await pilot.press("space")
        await pilot.pause()
        assert minutes.render().plain == off


async def test_a_key_typed_just_before_saving_does_not_wipe_the_message(app):
    """tmux showed it: "5" and ctrl+s in one burst, the box's Changed came after the save."""
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await fill_visit(pilot, form)
        form.query_one("#resolution_adopted", YesNo).value = False
        await pilot.pause()
        form.query_one("#score-resolution").value = "5"  # its Changed is still queued
        form.action_save()
        await pilot.pause()
        error = form.query_one("#error-score-resolution", Static)
        assert error.has_class("-shown")
        assert str(error.render()).startswith("Tiêu chí «Ra nghị quyết, kết luận» không được")
        form.query_one("#score-resolution").value = "0"
        await pilot.pause()
        assert not error.has_class("-shown")  # a new value clears it
