"""The concern board, a concern's detail, the raising form and the step dialog, driven by keys
on the small district of conftest with four concerns (today 2026-09-30)."""

import pytest
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea

from store import concerns
from store.concerns.board import BoardCounts, board_counts
from store.core import db as store_db
from store.core import records, settings
from store.org import supervisors, units
from tests import factories as make
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import add_duties, fill_visit
from tui.app import PhutrachApp
from tui.forms.inputs import LimitedTextArea
from tui.screens.concerns.board import ConcernsScreen
from tui.screens.concerns.detail import ConcernDetailScreen
from tui.screens.concerns.form import ConcernForm
from tui.screens.concerns.step import StepDialog
from tui.screens.units.unit_detail import UnitDetailScreen
from tui.screens.visits.visit_form import VisitForm
from tui.widgets.lazy_select import LazySelect
from tui.widgets.overdue_concerns import OverdueConcerns
from tui.widgets.paged_table import PagedTable

SIZE = (120, 40)


def _raise(db, unit, description, category, route, raised, **kw):
    values = {"category": category, "route": route, "raised_date": raised, "today": TODAY}
    return concerns.raise_concern(db, unit_id=unit, description=description, **values, **kw)


def _step(db, concern_id, status, note, day, **kw):
    concerns.transition(db, concern_id, status, note=note, date=day, today=TODAY, **kw)


@pytest.fixture
def concerned(district):
    """Four concerns: one overdue and in progress (raised at Đức's visit to Đào Xá), two new,
    one resolved this month."""
    path, ids = district
    db = store_db.connect(path)
    ids["visit"] = next(db["visits"].rows)["id"]
    ids["road"] = _raise(
        db,
        ids["dao_xa"],
        "Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa",
        "socio_economic",
        "committee",
        "2026-08-01",
        visit_id=ids["visit"],
        owner="UBND xã An Bình",
    )
    _step(db, ids["road"], "in_progress", "Đã báo cáo Thường trực", "2026-08-05", actor="Đức")
    ids["hall"] = _raise(
        db, ids["kp1"], "Thiếu kinh phí sửa nhà văn hóa khu phố", "policy", "agency", "2026-09-20"
    )
    ids["land"] = _raise(
        db, ids["dong_hoa"], "Tranh chấp đất giữa hai hộ", "land_environment", "self", "2026-09-25"
    )
    ids["away"] = _raise(
        db, ids["song_da"], "Đảng viên đi làm ăn xa", "members", "self", "2026-07-01"
    )
    _step(db, ids["away"], "resolved", "Đã chuyển sinh hoạt tạm thời", "2026-09-10")
    db.close()
    return path, ids


@pytest.fixture
def app(concerned):
    return PhutrachApp(concerned[0], today=TODAY)


def figures(app) -> dict[str, str]:
    return {
        name: str(app.screen.query_one(f"#figure-{name}", Static).content)
        for name in ("open", "overdue", "ageing", "resolved")
    }


def listed(app) -> list[str]:
    table = app.screen.query_one("#concerns-table", PagedTable)
    return [table.row_at(i).description for i in range(table.row_count)]


def cells(app, index: int) -> list:
    table = app.screen.query_one("#concerns-table", PagedTable)
    return list(table.source.cells(table.row_at(index)))


async def open_board(pilot) -> None:
    await pilot.press("f6")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConcernsScreen)


async def choose(pilot, select_id: str, steps: int) -> None:
    """Open a Select with the keyboard and move `steps` options down (up if negative)."""
    pilot.app.screen.query_one(f"#{select_id}", Select).focus()
    key = "down" if steps > 0 else "up"
    await pilot.press("enter", *[key] * abs(steps), "enter")
    await pilot.pause()


# The board ---------------------------------------------------------------------------------


async def test_the_board_lists_open_concerns_overdue_first_marked_in_colour(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert figures(app) == {"open": "3", "overdue": "⚠ 1", "ageing": "1", "resolved": "1"}
        assert listed(app) == [
            "Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa",
            "Tranh chấp đất giữa hai hộ",  # due 25/10
            "Thiếu kinh phí sửa nhà văn hóa khu phố",  # due 04/11
        ]
        late = cells(app, 0)
        assert [str(c) for c in late] == [
            "⚠ 30",
            "31/08/2026",
            "Chi bộ thôn Đào Xá",
            "Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa",
            "Kinh tế - xã hội",
            "Đang giải quyết",
            "60",
        ]
        assert all(c.style and "bold" in str(c.style) for c in late)  # the whole row stands out
        assert [str(c) for c in cells(app, 1)][:2] == ["", "25/10/2026"]
        assert not any(getattr(c, "style", "") for c in cells(app, 1))
        assert app.screen.query_one("#figure-overdue").has_class("-alert")
        assert str(app.screen.query_one("#concerns-count", Static).content) == "3 vấn đề vướng mắc"


async def test_filters_narrow_the_rows_and_the_figures_follow_all_but_the_status(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await choose(pilot, "filter-status", 3)  # open, overdue, ageing, closed
        assert listed(app) == ["Đảng viên đi làm ăn xa"]
        assert figures(app)["open"] == "3"
        await choose(
            pilot, "filter-status", 6
        )  # … new, in progress, escalated, resolved, answered, all
        assert len(listed(app)) == 4
        await choose(pilot, "filter-category", 4)  # blank, organization, members, ideology, socio
        assert listed(app) == ["Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa"]
        assert figures(app) == {"open": "1", "overdue": "⚠ 1", "ageing": "1", "resolved": "0"}
        await pilot.press("x")
        await pilot.pause()
        assert len(listed(app)) == 3
        await choose(pilot, "filter-supervisor", 1)  # Phạm Minh Đức: the Đào Xá concern
        assert listed(app) == ["Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa"]
        await choose(pilot, "filter-supervisor", -1)
        await choose(pilot, "filter-unit", 1)  # the first top-level unit: Sông Đà
        assert listed(app) == []
        assert app.screen.query_one("#figure-resolved", Static).content == "1"


async def test_the_board_opens_on_the_current_supervisor(concerned):
    path, ids = concerned
    db = store_db.connect(path)
    settings.put(db, "current_supervisor", records.get(db, "supervisors", ids["duc"])["uid"])
    db.close()
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert app.screen.query_one("#filter-supervisor", Select).value == ids["duc"]
        assert listed(app) == ["Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa"]


async def test_the_board_follows_a_supervisor_chosen_elsewhere(app, concerned):
    ids = concerned[1]
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert len(listed(app)) == 3
        await pilot.press("f2")  # away, the supervisor is chosen (as the dashboard does)
        settings.put(
            app.db, "current_supervisor", records.get(app.db, "supervisors", ids["duc"])["uid"]
        )
        await open_board(pilot)
        assert app.screen.query_one("#filter-supervisor", Select).value == ids["duc"]
        assert listed(app) == ["Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa"]


async def test_the_filters_read_their_choices_when_first_opened(app, monkeypatch):
    """The first show reads what it draws: a closed filter shows its prompt alone, its
    organizations or supervisors (1,200 and 800 a province) read once, when first opened."""
    reads: list[str] = []

    def counted(module, name: str) -> None:
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, **k: reads.append(name) or real(*a, **k))

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        counted(units, "children")
        counted(supervisors, "list_supervisors")
        await open_board(pilot)
        assert reads == []  # nobody chosen in settings: neither list read
        unit = app.screen.query_one("#filter-unit", LazySelect)
        assert not unit.loaded and unit.value == Select.NULL
        await choose(pilot, "filter-unit", 1)  # the first top-level unit: Sông Đà
        assert reads == ["children"] and unit.loaded
        assert listed(app) == []  # its one concern is resolved
        await choose(pilot, "filter-unit", -1)  # back to all organizations
        assert reads == ["children"] and len(listed(app)) == 3  # read once
        await choose(pilot, "filter-supervisor", 1)  # Phạm Minh Đức: the Đào Xá concern
        assert reads == ["children", "list_supervisors"]
        assert listed(app) == ["Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa"]


# Tried as a new user would ---------------------------------------------------------------


async def test_raise_find_resolve_and_see_the_counts_change(app, concerned):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConcernForm)
        await pilot.press(*"duong lieu", "enter")  # the unit, found without diacritics
        await pilot.pause()
        assert app.screen.unit_id == concerned[1]["duong_lieu"]
        assert app.screen.query_one("#cf-unit", Input).value == "Chi bộ thôn Dương Liễu"
        await pilot.press("enter", "down", "down", "down", "down", "down", "enter")  # land
        await pilot.press("tab", "tab", *"Nuoc sinh hoat bi o nhiem", "tab", *"UBND xa")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConcernsScreen)
        assert figures(app)["open"] == "4"

        await pilot.press("slash", *"nuoc sinh hoat")
        await pilot.pause()
        assert listed(app) == ["Nuoc sinh hoat bi o nhiem"]
        assert figures(app) == {"open": "1", "overdue": "0", "ageing": "0", "resolved": "0"}
        await pilot.press("enter", "enter")  # to the table, then open the row
        await pilot.pause()
        assert isinstance(app.screen, ConcernDetailScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, StepDialog)
        await pilot.press(*"Da lam be loc nuoc", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConcernDetailScreen)
        assert "Đã giải quyết" in str(app.screen.query_one("#concern-state", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert figures(app) == {"open": "0", "overdue": "0", "ageing": "0", "resolved": "1"}
        await pilot.press("x")
        await pilot.pause()
        assert figures(app) == {"open": "3", "overdue": "⚠ 1", "ageing": "1", "resolved": "2"}


async def test_the_raising_form_defaults_and_refusals(app, concerned):
    ids = concerned[1]
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#cf-raised", Input).value == "30/09/2026"
        assert form.query_one("#cf-due", Input).value == "30/10/2026"  # self: 30 days
        await choose(pilot, "cf-route", 2)  # agency: 45 days
        assert form.query_one("#cf-due", Input).value == "14/11/2026"

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "cf-unit") == "Hãy chọn tổ chức đảng."
        assert app.focused is form.query_one("#cf-unit")
        await pilot.press(*"khu pho 2", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "cf-unit") == ""
        assert error(form, "cf-category") == "Hãy chọn lĩnh vực của vấn đề vướng mắc."
        await choose(pilot, "cf-category", 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "cf-description") == "Hãy nêu nội dung vấn đề vướng mắc."
        assert app.focused is form.query_one("#cf-description")
        await pilot.press(*"Khu pho thieu den chieu sang")
        form.query_one("#cf-due", Input).value = "1/9/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "cf-due").startswith("Hạn giải quyết 01/09/2026 sớm hơn ngày phát sinh")
        form.query_one("#cf-due", Input).value = "31/9/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "cf-due") == "'31/9/2026' không phải ngày có thật."
        db = app.db
        assert db["concerns"].count == 4  # nothing written yet
        form.query_one("#cf-due", Input).value = "15/10/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert db["concerns"].count == 5
        row = list(db["concerns"].rows_where("unit_id = ?", [ids["kp2"]]))[0]
        assert (row["due_date"], row["route"], row["category"]) == (
            "2026-10-15",
            "agency",
            "organization",
        )


def error(screen, widget_id: str) -> str:
    widget = screen.query_one(f"#{widget_id}-error", Static)
    return str(widget.content) if widget.display else ""


async def test_raised_from_a_visit_the_form_takes_its_unit_date_and_supervisor(app, concerned):
    ids = concerned[1]
    async with app.run_test(size=SIZE) as pilot:
        chosen = []
        app.push_screen(ConcernForm(visit_id=ids["visit"]), chosen.append)
        await pilot.pause()
        form = app.screen
        assert form.query_one("#cf-unit", Input).value == "Chi bộ thôn Đào Xá"
        assert form.query_one("#cf-unit", Input).disabled
        assert form.query_one("#cf-raised", Input).value == "05/09/2026"
        assert form.query_one("#cf-due", Input).value == "05/10/2026"
        assert app.focused is form.query_one("#cf-category")
        await pilot.press("enter", "down", "enter", "tab", "tab", *"Thieu tai lieu", "ctrl+s")
        await pilot.pause()
        concern = concerns.get_concern(app.db, chosen[0])
        assert (concern.visit_id, concern.supervisor_id, concern.unit_id) == (
            ids["visit"],
            ids["duc"],
            ids["dao_xa"],
        )


# A concern ---------------------------------------------------------------------------------


def offered(app) -> set[str]:
    return {
        b.binding.action
        for b in app.screen.active_bindings.values()
        if b.binding.action.startswith(("step", "reopen"))
    }


async def test_only_the_legal_next_steps_are_offered(app, concerned):
    ids = concerned[1]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ConcernDetailScreen(ids["land"]))  # new
        await pilot.pause()
        assert offered(app) == {
            "step('in_progress')",
            "step('escalated')",
            "step('resolved')",
            "step('answered')",
        }
        app.push_screen(ConcernDetailScreen(ids["road"]))  # in progress
        await pilot.pause()
        assert "step('in_progress')" not in offered(app)
        app.push_screen(ConcernDetailScreen(ids["away"]))  # resolved
        await pilot.pause()
        assert offered(app) == {"reopen"}
        await pilot.press("r", "a", "p", "c")  # not offered: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, ConcernDetailScreen)
        assert concerns.get_concern(app.db, ids["away"]).status == "resolved"


async def test_a_step_note_counts_as_typed_and_too_long_is_refused_at_it(app, concerned):
    ids = concerned[1]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ConcernDetailScreen(ids["road"]))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StepDialog)
        note = dialog.query_one("#step-note", LimitedTextArea)
        assert str(note.counter.render()) == "0/2000"
        await pilot.press(*"Da lam")
        await pilot.pause()
        assert str(note.counter.render()) == "6/2000"
        note.text = "x" * 2001
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert note.counter.has_class("-over")
        assert error(dialog, "step-note") == (
            "Nội dung đã làm, kết quả quá dài: 2001 ký tự, tối đa 2000 ký tự."
        )
        assert [e.to_status for e in concerns.history(app.db, ids["road"])] == [
            "new",
            "in_progress",
        ]


async def test_a_step_without_a_note_is_refused_at_the_note(app, concerned):
    ids = concerned[1]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ConcernDetailScreen(ids["road"]))
        await pilot.pause()
        await pilot.press("c", "ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StepDialog)
        assert error(dialog, "step-note") == "Hãy ghi nội dung cho bước xử lý này."
        assert app.focused is dialog.query_one("#step-note", TextArea)
        dialog.query_one("#step-date", Input).value = "01/10/2026"
        await pilot.press(*"Da bao cao Huyen uy", "ctrl+s")
        await pilot.pause()
        assert error(dialog, "step-note") == ""
        assert error(dialog, "step-date") == "Ngày 01/10/2026 chưa đến."
        assert [e.to_status for e in concerns.history(app.db, ids["road"])] == [
            "new",
            "in_progress",
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConcernDetailScreen)


async def test_reopen_with_a_reason_and_the_timeline_keeps_every_step(app, concerned):
    ids = concerned[1]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ConcernDetailScreen(ids["away"]))
        await pilot.pause()
        assert "Đã chuyển sinh hoạt tạm thời" in str(
            app.screen.query_one("#concern-resolution", Static).content
        )
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.query_one("#step-box").border_title == "Mở lại vấn đề vướng mắc"
        await pilot.press(*"Dang vien chua nop giay gioi thieu", "ctrl+s")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, ConcernDetailScreen)
        assert "Đang giải quyết" in str(detail.query_one("#concern-state", Static).content)
        assert not detail.query("#concern-resolution")
        assert offered(app) == {"step('escalated')", "step('resolved')", "step('answered')"}
        steps = [(e.date, e.to_status, e.note) for e in concerns.history(app.db, ids["away"])]
        assert steps[-1] == ("2026-09-30", "in_progress", "Dang vien chua nop giay gioi thieu")
        assert len(steps) == 3


async def test_edit_changes_what_the_concern_says(app, concerned):
    ids = concerned[1]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ConcernDetailScreen(ids["hall"]))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#cf-route", Select).disabled
        assert form.query_one("#cf-unit", Input).value == "Chi bộ khu phố 1"
        assert app.focused is form.query_one("#cf-description")
        await pilot.press("end", *" (mai nha)", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConcernDetailScreen)
        assert concerns.get_concern(app.db, ids["hall"]).description.endswith("(mai nha)")
        assert "(mai nha)" in str(app.screen.query_one("#concern-description", Static).content)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, UnitDetailScreen)
        assert app.screen.unit_id == ids["kp1"]


# The dashboard's panel ---------------------------------------------------------------------


class PanelScreen(Screen):
    def compose(self):
        yield OverdueConcerns()


async def test_the_overdue_panel_lists_the_current_supervisors_overdue_concerns(app):
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PanelScreen())
        await pilot.pause()
        table = app.screen.query_one(OverdueConcerns).query_one(PagedTable)
        assert table.row_count == 1
        assert table.border_title == "⚠ Vấn đề vướng mắc quá hạn: 1"
        assert [str(c) for c in table.source.cells(table.current)] == [
            "⚠ 30",
            "Chi bộ thôn Đào Xá",
            "Đường làng xuống cấp, đề nghị hỗ trợ sửa chữa",
        ]
        table.focus()
        await pilot.press("enter", "r", *"Da sua xong", "ctrl+s", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        assert table.row_count == 0
        assert table.border_title == "Vấn đề vướng mắc quá hạn: 0"
        assert board_counts(app.db, as_of=TODAY) == BoardCounts(2, 0, 0, 2)


async def test_the_panel_follows_the_supervisor_chosen(concerned):
    path, ids = concerned
    db = store_db.connect(path)
    other = make.supervisor(db, "Vũ Thị Hà")
    settings.put(db, "current_supervisor", records.get(db, "supervisors", other)["uid"])
    db.close()
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PanelScreen())
        await pilot.pause()
        assert app.screen.query_one(OverdueConcerns).query_one(PagedTable).row_count == 0


# Snapshots ---------------------------------------------------------------------------------


def test_snapshot_of_the_board(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["f6"])


def test_snapshot_of_a_concern(app, concerned, snap_compare):
    async def open_road(pilot):
        app.push_screen(ConcernDetailScreen(concerned[1]["road"]))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_road)


def test_snapshot_of_the_raising_form(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["f6", "n", *"thon d"])


# Raised while logging a visit -------------------------------------------------------------


async def test_a_concern_raised_while_logging_a_visit_lands_on_the_board(concerned):
    path, ids = concerned
    ids |= add_duties(path)
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")  # the dashboard's first row: Dương Liễu, overdue
        await pilot.pause()
        assert isinstance(app.screen, VisitForm)
        await fill_visit(pilot, app.screen)  # typed in test_visit_form
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConcernForm)
        assert form.query_one("#cf-unit", Input).value == "Chi bộ thôn Dương Liễu"
        assert form.query_one("#cf-raised", Input).value == "30/09/2026"
        await pilot.press("enter", "down", "down", "down", "down", "down", "enter")
        await pilot.press("tab", "tab", *"Ao lang bi lan chiem", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConcernForm)
        raised = list(app.db["concerns"].rows_where("unit_id = ?", [ids["duong_lieu"]]))
        assert len(raised) == 1
        visit = app.db["visits"].get(raised[0]["visit_id"])
        assert (visit["unit_id"], visit["date"], raised[0]["supervisor_id"]) == (
            ids["duong_lieu"],
            "2026-09-30",
            ids["duc"],
        )
        await open_board(pilot)
        assert "Ao lang bi lan chiem" in listed(app)


async def test_the_dashboard_shows_the_overdue_concerns_and_enter_opens_one(app, concerned):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(OverdueConcerns).query_one(PagedTable)
        assert panel.row_count == 1
        panel.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConcernDetailScreen)
        assert app.screen.concern_id == concerned[1]["road"]


async def test_down_from_the_search_goes_into_the_board_and_enter_opens_the_row(app, concerned):
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("slash")
        assert app.screen.focused is app.screen.query_one("#concerns-search")
        await pilot.press("down")
        assert app.screen.focused is app.screen.query_one("#concerns-table")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConcernDetailScreen)


async def test_the_board_follows_its_search_before_the_next_frame(app, concerned):
    """No message handled between the typed text and the rows: see tests/tui/test_search_frame."""
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        table = app.screen.query_one("#concerns-table", PagedTable)
        before = table.row_count
        app.screen.query_one("#concerns-search", Input).value = "nha van hoa"
        assert (before, listed(app)) == (3, ["Thiếu kinh phí sửa nhà văn hóa khu phố"])
