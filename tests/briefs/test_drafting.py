"""Drafted sections: shares judged against the rulebook's bars (under the bar a shortcoming,
never a strength), the visits' advice and the overdue concerns in the draft, the texts the
user kept printed instead (alone and in a batch), and the drafter's placeholder only in a
section the user asked blank."""

import dataclasses
from datetime import date
from io import BytesIO

import docx
import pytest

from briefs.batch import Job, generate
from briefs.frame.document import DRAFTER_NOTE
from briefs.kinds import annual, drafting, plan, supervisor, unit, visit
from briefs.review import review
from store.core import db as store_db
from store.reports.drafts import blank_section, keep_section, kept_sections
from store.reports.letterhead import letterhead
from store.rules.rulebook import in_force
from tests.briefs import district
from tests.briefs.district import TODAY

PLACEHOLDER = f"[{DRAFTER_NOTE}]"
LATER = date(2027, 1, 31)  # the visit's concern (raised 10/10/2026) is overdue by then


@pytest.fixture
def made(tmp_path):
    path = tmp_path / "district.db"
    db = store_db.connect(path)
    ids = district.build(db)
    return path, db, ids


def with_bars(db, **bars):
    rb = in_force(db)
    return dataclasses.replace(rb, bars=dataclasses.replace(rb.bars, **bars))


def drafted(module, data, db) -> dict[str, tuple[str, ...]]:
    return {s.key: s.draft for s in module.sections_of(data, letterhead(db))}


def paragraphs(document) -> list[str]:
    buffer = BytesIO()
    document.document.save(buffer)
    return [p.text for p in docx.Document(BytesIO(buffer.getvalue())).paragraphs]


def test_a_share_under_its_bar_is_a_shortcoming_never_a_strength(made):
    _path, db, ids = made
    kept = "2/3 tổ chức đảng (66,7%) thực hiện đúng chế độ sinh hoạt"  # Yên Trung missed two
    strict = supervisor.gather(db, ids["sup"], "2026-Q3", on=TODAY, rulebook=with_bars(db))
    text = drafted(supervisor, strict, db)
    assert not any(kept in line for line in text[drafting.STRENGTHS])
    assert any("Chi bộ thôn Yên Trung chưa thực hiện đúng" in x for x in text["shortcomings"])
    lenient = with_bars(db, regular_share=60.0)
    text = drafted(supervisor, supervisor.gather(db, ids["sup"], "2026-Q3", on=TODAY,
                                                 rulebook=lenient), db)  # fmt: skip
    assert any(kept in line for line in text[drafting.STRENGTHS])
    assert not any(kept in line for line in text[drafting.SHORTCOMINGS])


def test_the_annual_report_judges_regular_meetings_by_the_bar(made):
    _path, db, _ids = made
    share = "chi bộ (66,7%) sinh hoạt đều đặn hằng tháng"
    for bar, where, never in ((95.0, "shortcomings", "strengths"),
                              (60.0, "strengths", "shortcomings")):  # fmt: skip
        rb = with_bars(db, regular_share=bar)
        data = annual.gather(db, None, "2026-Q3", on=TODAY, rulebook=rb)
        text = drafted(annual, data, db)
        assert any(share in line for line in text[where]), (bar, text[where])
        assert not any(share in line for line in text[never]), (bar, text[never])


def test_the_visits_advice_and_overdue_concerns_are_drafted(made):
    _path, db, ids = made
    data = supervisor.gather(db, ids["sup"], "2026-Q4", on=LATER)
    text = drafted(supervisor, data, db)
    assert data.overdue  # the concern raised at the visit, due in 30 days
    assert any("quá hạn chưa giải quyết xong" in x for x in text[drafting.SHORTCOMINGS])
    assert any("Đôn đốc giải quyết dứt điểm 1 vấn đề" in x for x in text[drafting.TASKS])
    q3 = drafted(supervisor, supervisor.gather(db, ids["sup"], "2026-Q3", on=TODAY), db)
    assert any("Tăng cường sinh hoạt chuyên đề." in x for x in q3[drafting.TASKS])
    assert any("Đất đai, môi trường (1)" in x for x in q3[drafting.CAUSES])
    advice = drafted(visit, visit.gather(db, ids["visit"], on=TODAY), db)[drafting.ADVICE]
    assert advice == ("Tăng cường sinh hoạt chuyên đề.",)


def every_brief(db, ids):
    lh = letterhead(db)
    yield supervisor.render(supervisor.gather(db, ids["sup"], "2026-Q3", on=TODAY), lh, on=TODAY)
    yield unit.render(unit.gather(db, ids["a"], "2026-Q3", on=TODAY), lh, on=TODAY)
    yield annual.render(annual.gather(db, None, "2026", on=TODAY), lh, on=TODAY)
    yield visit.render(visit.gather(db, ids["visit"], on=TODAY), lh, on=TODAY)
    yield plan.render(plan.gather(db, ids["plan"], "2026", on=TODAY), lh, on=TODAY)


def test_no_brief_prints_the_placeholder_unless_a_section_is_asked_blank(made):
    _path, db, ids = made
    for document in every_brief(db, ids):
        assert PLACEHOLDER not in paragraphs(document)
    key = supervisor.gather(db, ids["sup"], "2026-Q3", on=TODAY).identity.key
    blank_section(db, key, drafting.CAUSES)
    text = paragraphs(next(every_brief(db, ids)))
    assert text.count(PLACEHOLDER) == 1
    assert text[text.index(PLACEHOLDER) - 1] == "3. Nguyên nhân"


def test_kept_texts_survive_a_regeneration_and_are_used_by_a_batch(made, tmp_path):
    path, db, ids = made
    first = review(db, "supervisor", ids["sup"], "2026-Q3", on=TODAY)
    draft = first.sections[0].draft
    keep_section(db, first.key, drafting.STRENGTHS, "Chi bộ duy trì tốt nền nếp.\nĐoạn thêm.")
    keep_section(db, first.key, drafting.PROPOSALS, "Đề nghị bổ sung kinh phí.")
    jobs = [Job("supervisor", ids["sup"], "2026-Q3")]
    for workers, out in ((1, tmp_path / "one"), (2, tmp_path / "two")):
        outcomes = generate(path, jobs * workers, out, workers=workers, on=TODAY)
        assert all(o.ok for o in outcomes), [o.error for o in outcomes]
        text = [p.text for p in docx.Document(str(outcomes[0].path)).paragraphs]
        start = text.index("1. Ưu điểm")
        assert text[start + 1 : start + 3] == ["- Chi bộ duy trì tốt nền nếp.", "- Đoạn thêm."]
        assert text[start + 3] == "2. Hạn chế"
        assert not any(f"- {line}" in text for line in draft)
        assert "Đề nghị bổ sung kinh phí." in text
    again = review(db, "supervisor", ids["sup"], "2026-Q3", on=TODAY)
    assert again.sections[0].draft == draft  # the draft stays the records'
    assert set(kept_sections(db, again.key)) == {drafting.STRENGTHS, drafting.PROPOSALS}


def test_an_optional_section_prints_only_when_written(made):
    _path, db, _ids = made
    data = annual.gather(db, None, "2026", on=TODAY)
    assert "4. Bài học kinh nghiệm" not in paragraphs(annual.render(data, letterhead(db)))
    keep_section(db, data.identity.key, drafting.LESSONS, "Sát cơ sở thì nắm chắc tình hình.")
    data = annual.gather(db, None, "2026", on=TODAY)
    text = paragraphs(annual.render(data, letterhead(db)))
    start = text.index("4. Bài học kinh nghiệm")
    assert text[start + 1] == "- Sát cơ sở thì nắm chắc tình hình."
