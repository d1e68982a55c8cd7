"""The personnel screen, a person and the capability note form, driven by keys."""

# ruff: noqa: F811 (the fixtures imported below are the tests' arguments)

from textual.widgets import Static

from store import personnel
from store.core import db as store_db
from store.personnel import capability
from tests.tui.personnel_fixture import (  # noqa: F401 (fixtures used below)
    MARK,
    SIZE,
    open_personnel,
    papp,
    plain,
    rows,
    staffed,
)
from tui.screens.personnel.note_form import NoteForm
from tui.screens.personnel.person import PersonScreen
from tui.screens.personnel.personnel import PersonnelScreen
from tui.textual_internals import notifications
from tui.widgets.paged_table import PagedTable
from tui.widgets.personnel_gaps import GapFigure, PersonnelGaps


async def test_the_gap_figures_count_and_filter_the_list(papp):
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        screen = papp.screen
        assert isinstance(screen, PersonnelScreen)
        figures = {f.kind: f.value for f in screen.query(GapFigure)}
        assert figures == {
            "flagged_without_plan": "1",
            "overdue_plans": "1",
            "without_secretary": "6",
            "acting": "1",
            "unassessed": "2",
            "concurrent": "50%",
        }
        assert MARK in screen.query_one(PersonnelGaps).border_title
        everyone = rows(papp)
        assert [r[0] for r in everyone[:6]] == ["⚠"] * 6  # units without a secretary first
        assert everyone[0][2] == "Khuyết bí thư"
        assert [r[2] for r in everyone[6:]] == [
            "Đỗ Thị Lan",
            "Phạm Thị Hoa (tạm thời phụ trách)",
            "Vũ Văn Minh",
            "Nguyễn Văn Ấn",
        ]
        assert everyone[7][0] == "◐" and everyone[9][0] == "⚑"
        await pilot.press("1")
        assert [r[1:3] for r in rows(papp)] == [["Chi bộ thôn Đào Xá", "Nguyễn Văn Ấn"]]
        assert screen.query_one(PersonnelGaps).selected == "flagged_without_plan"
        assert MARK in screen.query_one(PagedTable).border_title
        await pilot.press("2")
        assert [r[1:3] for r in rows(papp)] == [["Chi bộ khu phố 2", "Vũ Văn Minh"]]
        await pilot.press("3")
        assert len(rows(papp)) == 6 and {r[0] for r in rows(papp)} == {"⚠"}
        await pilot.press("4")
        assert [r[2] for r in rows(papp)] == ["Phạm Thị Hoa (tạm thời phụ trách)"]
        await pilot.press("5")
        assert [r[2] for r in rows(papp)] == ["Đỗ Thị Lan", "Phạm Thị Hoa (tạm thời phụ trách)"]
        await pilot.press("6")
        assert [r[4] for r in rows(papp)] == ["Thủ trưởng cơ quan", "Trưởng thôn"]
        await pilot.press("0")
        assert len(rows(papp)) == 10
        assert str(screen.query_one("#personnel-count", Static).content) == "10 dòng"


async def test_a_figure_is_chosen_with_enter_and_search_ignores_diacritics(papp):
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        papp.screen.query_one("#gap-acting", GapFigure).focus()
        await pilot.press("enter")
        assert papp.screen.filter == "acting"
        assert papp.focused is papp.screen.query_one(PagedTable)
        await pilot.press("0", "slash", *"dao xa")
        assert [r[2] for r in rows(papp)] == ["Nguyễn Văn Ấn"]
        await pilot.press("3")  # the search holds across filters: no vacant unit named so
        assert rows(papp) == []
        papp.screen.query_one("#personnel-search").value = "DUONG LIEU"
        await pilot.pause()
        assert [r[1] for r in rows(papp)] == ["Chi bộ thôn Dương Liễu"]


async def test_a_person_shows_facts_posts_and_the_notes_timeline(papp, staffed):
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        screen = papp.screen
        assert isinstance(screen, PersonScreen)
        assert screen.person_id == staffed[1]["an"]
        assert rows(papp, "#person-posts") == [
            ["Bí thư", "Chi bộ thôn Đào Xá", "Bí thư kiêm trưởng thôn", "01/03/2025", "nay", ""]
        ]
        notes = screen.query_one("#person-notes")
        assert MARK in notes.border_title
        assert MARK in screen.query_one("#person-plans").border_title
        timeline = plain(screen.query_one("#person-timeline", Static).content)
        assert "● 06/09/2026  Xếp loại chung: Yếu  · Phạm Minh Đức" in timeline
        assert "⚑ Hạn chế về năng lực, uy tín thấp" in timeline
        assert "Uy tín" in timeline and "Căn cứ các lần dự sinh hoạt: 05/09/2026" in timeline


async def test_a_flagged_note_recorded_with_the_keyboard(papp, staffed):
    ids = staffed[1]
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        await pilot.press("slash", *"do thi lan", "enter", "enter")
        await pilot.pause()
        assert papp.screen.person_id == ids["lan"]
        await pilot.press("n")
        await pilot.pause()
        form = papp.screen
        assert isinstance(form, NoteForm)
        assert MARK in form.query_one(".form-box").border_title
        # date (today), assessed by: none assigned to this unit, then the five dimensions
        await pilot.press("tab", "tab")
        for steps in (1, 1, 3, 3, 2):  # Tốt, Tốt, Trung bình, Trung bình, Khá
            await pilot.press("enter", *["down"] * steps, "enter", "tab")
        await pilot.press("enter", "down", "down", "down", "enter", "tab")  # overall: Trung bình
        await pilot.press("space", "tab")  # the flag
        await pilot.press(*"Chua sat co so", "tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(papp.screen, PersonScreen)
        note = capability.latest_note(papp.db, ids["lan"])
        assert note.flagged and note.overall == "average" and note.date == "2026-09-30"
        assert note.ratings == {
            "political_ethics": "good",
            "prestige": "good",
            "directives": "average",
            "chairing": "average",
            "organizing": "fair",
        }
        assert note.narrative == "Chua sat co so"
        timeline = plain(papp.screen.query_one("#person-timeline", Static).content)
        assert "● 30/09/2026  Xếp loại chung: Trung bình" in timeline
        await pilot.press("escape")
        await papp.workers.wait_for_complete()
        await pilot.pause()
        gap = papp.screen.query_one("#gap-flagged_without_plan", GapFigure)
        assert gap.value == "2"


async def test_an_invalid_note_shows_the_message_at_the_field_and_saves_nothing(papp, staffed):
    ids = staffed[1]
    before = len(capability.timeline(papp.db, ids["an"]))
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = papp.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#error-ratings", Static).content) == (
            "Hãy đánh giá ít nhất một tiêu chí."
        )
        date = form.query_one("#f-date")
        date.value = ""
        date.focus()
        await pilot.press(*"31/02/2026")
        await pilot.press("tab", "tab", "enter", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#error-date", Static).content) == (
            "'31/02/2026' không phải ngày có thật."
        )
        assert papp.focused is date
        assert str(form.query_one("#error-ratings", Static).content) == ""
        date.value = "05/09/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Mức đánh giá chung" in str(form.query_one("#error-overall", Static).content)
        assert papp.screen is form
        await pilot.press("escape")
        assert isinstance(papp.screen, PersonScreen)
    assert len(capability.timeline(store_db.connect(staffed[0]), ids["an"])) == before


async def test_p_on_a_unit_opens_its_secretary(papp, staffed):
    ids = staffed[1]
    async with papp.run_test(size=SIZE) as pilot:
        papp.open_unit(ids["dao_xa"])
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(papp.screen, PersonScreen) and papp.screen.person_id == ids["an"]
        await pilot.press("escape")
        papp.open_unit(ids["khu_dong"])
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(papp.screen, PersonScreen)
        assert "Tổ chức đảng này đang khuyết bí thư." in [n.message for n in notifications(papp)]


async def test_ending_a_post_leaves_the_unit_without_a_secretary(papp, staffed):
    ids = staffed[1]
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        await pilot.press("4", "enter")
        await pilot.pause()
        assert papp.screen.person_id == ids["hoa"]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(papp.screen.query_one("#error-reason", Static).content) == (
            "Hãy ghi lý do thôi giữ chức vụ."
        )
        assert papp.focused is papp.screen.query_one("#f-reason")
        await pilot.press(*"Chuyen cong tac", "ctrl+s")
        await pilot.pause()
        assert rows(papp, "#person-posts")[0][4:] == ["30/09/2026", "Chuyen cong tac"]
    db = store_db.connect(staffed[0])
    vacant = personnel.units_without_secretary(db, as_of="2026-09-30")
    assert ids["kp1"] in {u.id for u in vacant}


def test_snapshot_of_the_personnel_screen(papp, snap_compare):
    async def opened(pilot):
        await open_personnel(pilot.app, pilot)

    assert snap_compare(papp, terminal_size=SIZE, run_before=opened)


def test_snapshot_of_a_person(papp, snap_compare):
    async def opened(pilot):
        await open_personnel(pilot.app, pilot)
        await pilot.press("1", "enter")
        await pilot.pause()

    assert snap_compare(papp, terminal_size=SIZE, run_before=opened)
