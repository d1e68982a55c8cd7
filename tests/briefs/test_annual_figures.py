"""The annual report over the demo district agrees with itself: appendix totals are their
columns' sums, appendices in Vietnamese order, the half-year not over said as such, plans in
progress and drafted said apart (issue 14.2)."""

from datetime import date

import pytest

from briefs.kinds import annual
from store.core import db as store_db
from store.lang.codes import PlanStatus
from store.lang.text import sort_key
from store.reports.letterhead import letterhead
from tests.briefs.conftest import DEMO_TODAY as TODAY
from tests.briefs.test_briefs import body_rows, reopen


@pytest.fixture(scope="module")
def report(demo):
    db = store_db.connect(demo, migrate=False)
    data = annual.gather(db, None, "2026", on=TODAY)
    return data, reopen(annual.render(data, letterhead(db), number=7, on=TODAY))


def _table(document, first: str, second: str):
    return next(
        t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["TT", first]
        and second in {c.text for c in t.rows[0].cells}
    )  # fmt: skip


def test_appendix_one_is_in_vietnamese_order_and_adds_up(report):
    data, document = report
    rows = body_rows(_table(document, "Tổ chức cơ sở đảng", "Số chi bộ"))
    names = [r[1] for r in rows[1:-1]]  # the grassroots cells directly under the committee first
    assert rows[0][1] == "Chi bộ cơ sở trực thuộc"
    assert names == sorted(names, key=sort_key)
    assert "Đảng bộ các cơ quan Đảng huyện An Hòa" in names[:3]  # "các" before "Công an"
    assert int(rows[-1][2]) == sum(int(r[2]) for r in rows[:-1]) == data.meetings.total.cells


def test_appendix_two_total_is_its_columns_sum(report):
    data, document = report
    rows = body_rows(_table(document, "Đồng chí", "Số đơn vị"))
    for column in (2, 3, 4, 6):
        cells = [int(r[column].replace(".", "")) for r in rows[:-1]]
        assert int(rows[-1][column].replace(".", "")) == sum(cells), column
    assert int(rows[-1][2]) == data.visits.assignments  # the body's "lượt phân công"


def test_a_half_year_not_over_is_said_as_such(report):
    data, document = report
    texts = [p.text for p in document.paragraphs]
    t = data.meetings.thematic
    assert t.not_due and t.not_due_kept <= t.not_due
    running = next(x for x in texts if x.startswith("Sinh hoạt chuyên đề 6 tháng cuối năm 2026"))
    assert "chưa đến hạn (hạn 31/12/2026)" in running
    assert f"{t.not_due_kept}/{t.not_due} buổi" in running
    assert any(x.startswith("Sinh hoạt chuyên đề của các kỳ đã kết thúc: ") for x in texts)


def test_plans_in_progress_and_drafted_are_said_apart(report):
    data, document = report
    text = "\n".join(p.text for p in document.paragraphs)
    active = data.plans.by_status.get(PlanStatus.ACTIVE, 0)
    drafted = data.plans.by_status.get(PlanStatus.DRAFT, 0)
    assert active and drafted  # the demo has both
    assert f"{active} kế hoạch tạo nguồn đang thực hiện, {drafted} kế hoạch đang xây dựng" in text


def test_the_resolution_is_cited_by_number_date_and_issuer(report):
    data, document = report
    r = data.rulebook.resolution
    assert r is not None and r.date == date(2025, 5, 20)
    opening = next(p.text for p in document.paragraphs if p.text.startswith("Thực hiện "))
    assert opening.startswith(f"Thực hiện {r.title} số {r.number} ngày 20/05/2025 của {r.issuer}")
