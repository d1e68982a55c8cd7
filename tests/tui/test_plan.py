"""Replacement-source plans driven by keys: the path a new user takes, from a flagged
secretary with no plan to the unit's new secretary; overdue actions; invalid input."""

# ruff: noqa: F811 (the fixtures imported below are the tests' arguments)
import re
from datetime import date

from textual.widgets import Static

from store.core import db as store_db
from store.lang.labels import choices
from store.personnel import people, succession
from tests.tui.personnel_fixture import (  # noqa: F401 (fixtures used below)
    MARK,
    SIZE,
    open_personnel,
    papp,
    plain,
    rows,
    staffed,
)
from tests.tui.visit_helpers import fill
from tui.screens.personnel.person import PersonScreen
from tui.screens.personnel.personnel import PersonnelScreen
from tui.screens.personnel.plan import PlanScreen
from tui.screens.personnel.plan_forms import ActionForm, CandidateForm, StartPlanForm
from tui.textual_internals import notifications


def choose(steps: int) -> list[str]:
    """Keys that open a Select, move down `steps` options and take that one."""
    return ["enter", *["down"] * steps, "enter"]


ACTIONS = (  # kind (option number), what, candidate (option number), owner, due
    (1, "Boi duong nghiep vu cong tac dang", 1, "Dang uy xa An Binh", "30/11/2026"),
    (3, "Giao lam pho bi thu", 2, "Chi bo thon Dao Xa", "31/12/2026"),
    (4, "Du hoi thi bi thu chi bo gioi", 1, "Ban To chuc Huyen uy", "15/01/2027"),
)


async def test_from_a_flagged_secretary_to_the_new_secretary(papp, staffed):
    ids = staffed[1]
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        await pilot.press("1", "enter")  # the flagged secretary with no plan
        await pilot.pause()
        assert papp.screen.person_id == ids["an"]
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(papp.screen, StartPlanForm)
        await pilot.press("tab", *"31/03/2027", "ctrl+s")  # reason preset: the flag
        await pilot.pause()
        plan = papp.screen
        assert isinstance(plan, PlanScreen)
        assert MARK in plan.query_one("#plan-body").border_title

        await pilot.press("c")
        await pilot.pause()
        assert isinstance(papp.screen, CandidateForm)
        await pilot.press("tab", "enter", *choose(1), "ctrl+s")  # the deputy, ready now
        await pilot.pause()
        await pilot.press("c", "tab", "down", "enter", *choose(2), "ctrl+s")  # 1–2 years
        await pilot.pause()
        assert [r[0] for r in rows(papp, "#plan-candidates")] == ["Trần Thị Bình", "Lê Văn Cường"]

        for number, (kind, what, who, owner, due) in enumerate(ACTIONS):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(papp.screen, ActionForm)
            if number == 0:  # the action form's keyboard journey; the others are set directly
                await pilot.press(*choose(kind), "tab", *what, "tab", *choose(who), "tab")
                await pilot.press(*owner, "tab", *due, "ctrl+s")
            else:
                candidate = plan.detail.candidates[who - 1].id
                fill(papp.screen, {"f-kind": choices("action_kind")[kind - 1][1],
                                   "f-description": what, "f-candidate_id": candidate,
                                   "f-owner": owner, "f-due_date": due})  # fmt: skip
                await pilot.press("ctrl+s")
            await pilot.pause()
        actions = rows(papp, "#plan-actions")
        assert [a[1:] for a in actions] == [
            [
                "Bồi dưỡng, tập huấn",
                "Boi duong nghiep vu cong tac dang",
                "Trần Thị Bình",
                "Dang uy xa An Binh",
                "30/11/2026",
                "Kế hoạch",
            ],
            [
                "Giao làm phó bí thư",
                "Giao lam pho bi thu",
                "Lê Văn Cường",
                "Chi bo thon Dao Xa",
                "31/12/2026",
                "Kế hoạch",
            ],
            [
                "Hội thi bí thư chi bộ giỏi",
                "Du hoi thi bi thu chi bo gioi",
                "Trần Thị Bình",
                "Ban To chuc Huyen uy",
                "15/01/2027",
                "Kế hoạch",
            ],
        ]

        await pilot.press("t")  # activate
        await pilot.pause()
        assert plan.detail.plan.status == "active"
        await pilot.press("s", *choose(2), "ctrl+s")  # the first action is done
        await pilot.pause()
        assert rows(papp, "#plan-actions")[0][-1] == "Đã thực hiện"

        await pilot.press("h")  # complete: replaced, by the readiest candidate, today
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(papp.screen, PlanScreen)
        assert plan.detail.plan.status == "completed"
        secretary = plain(plan.query_one("#plan-secretary", Static).content)
        assert secretary.strip() == "Bí thư hiện nay: Trần Thị Bình từ ngày 30/09/2026"
        facts = plain(plan.query_one("#plan-facts", Static).content)
        assert "Đã thay thế: Trần Thị Bình" in facts
        messages = [n.message for n in notifications(papp)]
        assert "Trần Thị Bình nay là bí thư Chi bộ thôn Đào Xá." in messages
        assert not plan.check_action("add_action", ())  # a closed plan takes no more edits

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(papp.screen, PersonScreen)
        assert rows(papp, "#person-posts")[0][4:] == [
            "30/09/2026",
            "Thay thế theo kế hoạch tạo nguồn thay thế.",
        ]
        assert rows(papp, "#person-plans")[0][3:] == ["Đã hoàn thành", "Đã thay thế: Trần Thị Bình"]
        await pilot.press("escape")
        await papp.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(papp.screen, PersonnelScreen)
        await pilot.press("0", "slash", *"dao xa")
        assert [r[2] for r in rows(papp)] == ["Trần Thị Bình"]
    db = store_db.connect(staffed[0])
    assert people.unit_people(db, ids["dao_xa"], "2026-09-30").secretary.person_id == ids["binh"]


async def test_overdue_actions_are_marked_and_a_plan_can_be_cancelled(papp, staffed):
    ids = staffed[1]
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
        plan = papp.screen
        assert isinstance(plan, PlanScreen) and plan.plan_id == ids["kp2_plan"]
        assert rows(papp, "#plan-actions") == [
            [
                "⚠",
                "Học lý luận chính trị",
                "Học trung cấp lý luận chính trị",
                "",
                "Ban Tổ chức Huyện ủy",
                "31/08/2026",
                "Quá hạn",
            ]
        ]
        facts = plain(plan.query_one("#plan-facts", Static).content)
        assert re.search(r"^Việc quá hạn\s+⚠ 1", facts, re.M)
        assert not plan.check_action("activate", ())  # already active
        await pilot.press("x")
        await pilot.pause()
        assert MARK in papp.screen.query_one(".form-box").border_title
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert plan.detail.plan.status == "cancelled"
        await pilot.press("escape")
        await papp.workers.wait_for_complete()
        await pilot.pause()
        assert papp.screen.query_one("#gap-overdue_plans").value == "0"


async def test_invalid_plan_input_shows_the_message_at_the_field(papp, staffed):
    ids = staffed[1]
    async with papp.run_test(size=SIZE) as pilot:
        await open_personnel(papp, pilot)
        await pilot.press("1", "k")  # from the list, for the row under the cursor
        await pilot.pause()
        form = papp.screen
        assert isinstance(form, StartPlanForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#error-target_date", Static).content) == "Chưa nhập ngày."
        assert papp.focused is form.query_one("#f-target_date")
        await pilot.press(*"31/03/2027", "ctrl+s")
        await pilot.pause()
        plan = papp.screen
        assert isinstance(plan, PlanScreen)
        await pilot.press("t")  # no candidate yet
        await pilot.pause()
        assert plan.detail.plan.status == "draft"
        assert "Hãy bổ sung ít nhất một nguồn trước khi triển khai kế hoạch." in [
            n.message for n in notifications(papp)
        ]
        await pilot.press("a", *choose(1), "tab", *"Tap huan", "tab", "tab", "tab", *"1/1/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = papp.screen
        assert isinstance(form, ActionForm)
        assert str(form.query_one("#error-owner", Static).content) == (
            "Hãy ghi người hoặc cơ quan chịu trách nhiệm."
        )
        await pilot.press("escape")
        await pilot.pause()
        assert rows(papp, "#plan-actions") == []
    db = store_db.connect(staffed[0])
    assert [
        p.status for p in succession.list_plans(db, unit_id=ids["dao_xa"], as_of=date.today())
    ] == ["draft"]


def test_snapshot_of_a_plan(papp, snap_compare):
    async def opened(pilot):
        await open_personnel(pilot.app, pilot)
        await pilot.press("2", "enter")
        await pilot.pause()

    assert snap_compare(papp, terminal_size=SIZE, run_before=opened)
