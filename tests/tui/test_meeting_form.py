"""Recording a meeting a unit reported, from its detail (key m), on the district of conftest.

Chi bộ thôn Đào Xá: 20 full members, 2 probationary, 3 exempted (19 owed); today 30/09/2026.
"""

import pytest
from textual.widgets import DataTable, Input, Static

from store.core import db as store_db
from tui.screens.regime.meeting_form import MeetingForm
from tui.screens.units.unit_detail import UnitDetailScreen

SIZE = (120, 40)


def meetings_of(path, unit_id) -> list[dict]:
    db = store_db.connect(path)
    try:
        return list(db["meetings"].rows_where("unit_id = ?", [unit_id], order_by="date"))
    finally:
        db.close()


def rows_of(app, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_form(app, pilot, unit_id) -> MeetingForm:
    app.open_unit(unit_id)
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, MeetingForm)
    return app.screen


def field(app, name: str) -> Input:
    return app.screen.query_one(f"#field-{name}", Input)


async def test_a_reported_meeting_typed_with_the_keyboard_is_saved(app, district):
    path, ids = district
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, ids["dao_xa"])
        assert [field(app, k).value for k in ("members_full", "members_probationary")] == [
            "20",
            "2",
        ]
        assert field(app, "members_exempt").value == "3"
        assert app.focused is field(app, "date")
        await pilot.press(*"15/06/2026", "tab", "tab", *"Hoc tap nghi quyet")
        await pilot.press("tab", "tab", "tab", "tab", *"18", "tab", "1", "tab", "0")
        await pilot.press("tab", *"95", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen)
        saved = [m for m in meetings_of(path, ids["dao_xa"]) if m["date"] == "2026-06-15"]
        assert len(saved) == 1
        meeting = saved[0]
        assert (meeting["kind"], meeting["source"], meeting["topic"]) == (
            "regular",
            "report",
            "Hoc tap nghi quyet",
        )
        assert (meeting["present"], meeting["absent_excused"], meeting["duration_minutes"]) == (
            18,
            1,
            95,
        )
        assert (meeting["minutes_kept"], meeting["resolution_adopted"]) == (1, 1)
        assert ["15/06/2026", "Sinh hoạt chi bộ định kỳ"] in [
            r[:2] for r in rows_of(app, "#detail-meetings")
        ]
        regular = rows_of(app, "#regime-table")[0]
        assert regular[:4] == ["Sinh hoạt chi bộ định kỳ", "1 lần/tháng", "12", "4"]


async def test_the_form_counts_members_owed_as_you_type(app, district):
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, district[1]["dao_xa"])
        owed = app.screen.query_one("#meeting-owed", Static)
        assert str(owed.content) == "Đảng viên phải dự sinh hoạt: 19 · có mặt và vắng: 0"
        field(app, "present").focus()
        await pilot.pause()
        await pilot.press(*"17", "tab", "2")
        await pilot.pause()
        assert str(owed.content) == "Đảng viên phải dự sinh hoạt: 19 · có mặt và vắng: 19"


VALID = {"date": "15/06/2026", "present": "18", "absent_excused": "1", "duration_minutes": "95"}


@pytest.mark.parametrize(
    ("changes", "at", "message"),
    [
        ({"present": "30"}, "present", "Số có mặt (30) nhiều hơn số đảng viên (22)."),
        ({"date": "01/10/2026"}, "date", "Ngày sinh hoạt không thể ở tương lai."),
        ({"date": "31/02/2026"}, "date", "'31/02/2026' không phải ngày có thật."),
        (
            {"date": "2026/02/01"},
            "date",
            "'2026/02/01' không phải là ngày: hãy viết theo dạng ngày/tháng/năm, ví dụ 30/09/2026.",
        ),
        ({"kind": "thematic"}, "topic", "Sinh hoạt chuyên đề phải có tên chuyên đề."),
        (
            {"duration_minutes": ""},
            "duration_minutes",
            "Thời gian sinh hoạt tính bằng phút: lớn hơn 0, tối đa 600.",
        ),
        ({"present": "10"}, "present", "Có mặt và vắng mặt cộng lại là 11: còn 8 trong số 19"),
    ],
)
async def test_invalid_values_show_the_message_at_the_field_and_save_nothing(
    app, district, changes, at, message
):
    path, ids = district
    before = meetings_of(path, ids["dao_xa"])
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, ids["dao_xa"])
        for name, value in {**VALID, **changes}.items():  # typed in the test above
            app.screen.query_one(f"#field-{name}").value = value
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        error = app.screen.query_one(f"#error-{at}", Static)
        assert error.display and str(error.content).startswith(message)
        shown = [e for e in app.screen.query(".field-error") if e.display]
        assert shown == [error]
        assert app.focused is app.screen.query_one(f"#field-{at}")
    assert meetings_of(path, ids["dao_xa"]) == before


async def test_escape_saves_nothing_even_after_an_error(app, district):
    path, ids = district
    before = meetings_of(path, ids["dao_xa"])
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, ids["dao_xa"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-present", Static)
        assert error.display
        field(app, "present").value = "19"
        field(app, "duration_minutes").value = "90"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen)
    assert meetings_of(path, ids["dao_xa"]) == before
