"""Personnel data on the small district of conftest, written through the store functions:
a flagged secretary with no plan (Đào Xá), an acting one, one with a concurrent role, one
never assessed, units without a secretary, and a plan with an overdue action."""

import io
from datetime import date

import pytest
from rich.console import Console

from store.core import db as store_db
from store.personnel import capability, people, succession
from tests import factories as make
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import cells
from tui.app import PhutrachApp

SIZE = (120, 40)
MARK = "MẬT — Nội dung đánh giá cán bộ"


def plain(renderable) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


def rows(app, selector="#personnel-table") -> list[list[str]]:
    return cells(app, selector)


async def open_personnel(app, pilot) -> None:
    await pilot.press("f7")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _secretary(db, name, unit, start="2025-04-01", **post) -> int:
    person = make.person(db, name, birth_year=1975, sex="female")
    make.post(db, person, unit, "secretary", start, **post)
    return person


def add_personnel(db, ids: dict) -> dict:
    """The district's posts and notes; returns ids by short name (added to `ids`)."""
    by_name = {p.name: p.id for p in people.list_people(db, limit=None)}
    ids |= {"an": by_name["Nguyễn Văn Ấn"], "binh": by_name["Trần Thị Bình"]}
    ids["cuong"] = by_name["Lê Văn Cường"]
    ids["visit"] = next(db["visits"].rows_where("unit_id = ?", [ids["dao_xa"]]))["id"]
    ids["flag_note"] = capability.record_note(
        db,
        person_id=ids["an"],
        unit_id=ids["dao_xa"],
        supervisor_id=ids["duc"],
        date="2026-09-06",
        ratings={"prestige": "weak", "chairing": "average"},
        overall="weak",
        flagged=True,
        narrative="Điều hành sinh hoạt lúng túng, uy tín trong thôn giảm.",
        visit_ids=[ids["visit"]],
        today=date.today(),
    )
    ids["hoa"] = _secretary(db, "Phạm Thị Hoa", ids["kp1"], acting=True)
    ids["lan"] = _secretary(
        db, "Đỗ Thị Lan", ids["song_da"], concurrent_role="agency_head", start="2025-05-01"
    )
    ids["minh"] = _secretary(db, "Vũ Văn Minh", ids["kp2"])
    capability.record_note(
        db,
        person_id=ids["minh"],
        unit_id=ids["kp2"],
        supervisor_id=None,
        date="2026-03-01",
        ratings={"prestige": "fair"},
        overall="fair",
        today=date.today(),
    )
    ids["kp2_plan"] = succession.start_plan(
        db, unit_id=ids["kp2"], incumbent_id=ids["minh"], reason="age", target_date="2027-06-30"
    )
    ids["tam"] = people.add_person(
        db, name="Bùi Văn Tâm", birth_year=1988, sex="male", today=date.today()
    )
    people.appoint(db, ids["tam"], ids["kp2"], "deputy", "2025-04-01", today=date.today())
    succession.add_candidate(db, ids["kp2_plan"], ids["tam"], readiness="1-2y", today=date.today())
    succession.add_action(
        db,
        ids["kp2_plan"],
        kind="theory_class",
        description="Học trung cấp lý luận chính trị",
        owner="Ban Tổ chức Huyện ủy",
        due_date="2026-08-31",
        today=date.today(),
    )
    succession.activate_plan(db, ids["kp2_plan"], today=date.today())
    return ids


@pytest.fixture
def staffed(district):
    """(path, ids) of the district with its personnel."""
    path, ids = district
    db = store_db.connect(path)
    add_personnel(db, ids)
    db.close()
    return path, ids


@pytest.fixture
def papp(staffed):
    return PhutrachApp(staffed[0], today=TODAY)
