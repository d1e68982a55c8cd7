"""The five briefs, built from a district made with the store's functions, saved, reopened
with python-docx: the frame, the figures against the store's, the section order of docs/BRIEFS.md,
and no personnel content outside confidential briefs."""

import hashlib
import re
import stat
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from briefs.batch import Job, generate
from briefs.frame.ooxml import FONT, font_slots
from briefs.kinds import annual, plan, supervisor, unit, visit
from store.core import db as store_db
from store.history import audit, words
from store.personnel.succession import plan_detail
from store.reports import brief_log
from store.reports.figures import meeting_figures, owed_by, rating_counts
from store.rules.cadence import visit_compliance
from store.rules.rulebook import in_force as rulebook
from store.visits import get_visit
from store.visits.regime import unit_regime
from tests.briefs import district
from tests.briefs.district import ACTION, CANDIDATE, FLAGGED, NARRATIVE, SIGNER, TODAY

TNR = dict.fromkeys(("ascii", "hAnsi", "eastAsia", "cs"), FONT)
HEADING = re.compile(r"^(Phần )?[IVX]+\. ")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """(database path, ids) of the district, built once for the module."""
    path = tmp_path_factory.mktemp("district") / "district.db"
    db = store_db.connect(path)
    ids = district.build(db)
    db.close()
    return path, ids


@pytest.fixture
def db(made):
    return store_db.connect(made[0], migrate=False)


@pytest.fixture
def ids(made):
    return made[1]


def reopen(document) -> docx.Document:
    buffer = BytesIO()
    document.document.save(buffer)
    return docx.Document(BytesIO(buffer.getvalue()))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if HEADING.match(p.text)]


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def body_rows(table) -> list[list[str]]:
    """The rows under the (repeated) header rows, as texts."""
    rows = [
        r for r in table.rows if r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None
    ]
    return [[c.text for c in r.cells] for r in rows]


def table_with(document, header: str):
    """The first table whose header row names `header`."""
    return next(t for t in document.tables if header in {c.text for c in t.rows[0].cells})


def assert_frame(document, number: str | None, signer: str) -> None:
    """The frame of a committee's document (`number`: its number) or, with None, of a
    member's own report: no number, "Kính gửi" the standing committee, the member signs."""
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    assert font_slots(document.styles["Normal"].element) == TNR
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs and all(font_slots(r) == TNR for r in runs)
    block = document.tables[0]
    assert [p.text for p in block.cell(0, 0).paragraphs if p.text] == [
        "ĐẢNG BỘ TỈNH BẮC NINH", "HUYỆN ỦY TIÊN DU", "*",
    ]  # fmt: skip
    assert block.cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert block.cell(1, 0).text.strip() == (number or "")
    assert block.cell(1, 1).text.strip().startswith("Tiên Du, ngày 10 tháng 10 năm 2026")
    addressed = [p.text for p in document.paragraphs if p.text.startswith("Kính gửi")]
    closing = document.tables[-1] if "Nơi nhận" in document.tables[-1].cell(0, 0).text else None
    closing = closing or next(t for t in document.tables if "Nơi nhận" in t.cell(0, 0).text)
    sent = [p.text for p in closing.cell(0, 0).paragraphs if p.text]
    signed = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    if number is None:  # the defaults of settings: to the standing committee, as above
        assert addressed == ["Kính gửi: Ban Thường vụ Huyện ủy Tiên Du"]
        assert sent == ["Nơi nhận:", "- Như trên,", "- Lưu."]
        assert signed == ["NGƯỜI BÁO CÁO", signer]
    else:  # the committee's: no Kính gửi, so no "Như trên"
        assert addressed == []
        assert sent == [
            "Nơi nhận:", "- Các đồng chí Ủy viên Ban Thường vụ Huyện ủy Tiên Du,", "- Lưu VP.",
        ]  # fmt: skip
        assert signed == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", signer]


def test_visit_brief(db, ids):
    document = reopen(visit.build_visit(db, ids["visit"], on=TODAY))
    assert_frame(document, None, "Phạm Minh Đức")
    texts = [p.text for p in document.paragraphs]
    assert "kết quả dự sinh hoạt Chi bộ thôn Ấp Đông tháng 09/2026" in texts
    assert headings(document) == [
        "I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ DỰ SINH HOẠT",
        "III. NHỮNG VẤN ĐỀ VƯỚNG MẮC, KIẾN NGHỊ CỦA CHI BỘ", "IV. Ý KIẾN CHỈ ĐẠO VÀ ĐỀ XUẤT",
    ]  # fmt: skip
    stored = get_visit(db, ids["visit"])
    rb = rulebook(db)
    rows = body_rows(table_with(document, "Tiêu chí"))
    assert [r[1] for r in rows[:-1]] == [c.label for c in rb.criteria]
    assert [int(r[3]) for r in rows[:-1]] == [stored.scores[c.id] for c in rb.criteria]
    assert rows[-1][3] == str(stored.total) == "91"
    assert "- Có mặt 19/20 đồng chí đảng viên phải dự (95%)." in texts
    assert "- Vắng 1 đồng chí (có lý do)." in texts
    assert any("Chậm cấp giấy chứng nhận quyền sử dụng đất" in t for t in texts)


def test_supervisor_brief_figures_are_the_stores(db, ids):
    built = supervisor.build_supervisor(db, ids["sup"], "2026-Q3", on=TODAY)
    document = reopen(built)
    assert_frame(document, None, "Phạm Minh Đức")
    assert headings(document) == [
        "I. ĐƠN VỊ ĐƯỢC PHÂN CÔNG PHỤ TRÁCH", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG",
        "IV. NHIỆM VỤ THỜI GIAN TỚI", "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]  # fmt: skip
    lines = visit_compliance(db, ids["sup"], "2026-Q3")
    visits = body_rows(table_with(document, "Số lượt dự"))
    expected = [(ln.assignment.unit_name, *owed_by(ln, TODAY)) for ln in lines]
    assert [(r[1], int(r[2]), int(r[3])) for r in visits[:-1]] == expected
    assert visits[-1][2:4] == [str(sum(e[1] for e in expected)), str(sum(e[2] for e in expected))]
    quality = body_rows(table_with(document, "Số buổi sinh hoạt theo quy định"))
    rb = rulebook(db)
    for row, line in zip(quality, lines, strict=True):
        regime = unit_regime(db, line.assignment.unit_id, "2026-Q3", rb, as_of=TODAY)
        assert int(row[2]) == sum(x.owed for x in regime.lines)
        assert int(row[4]) == sum(x.missed for x in regime.lines)
        # every meeting owed is held, missed or not yet due
        assert int(row[2]) == int(row[3]) + int(row[4]) + int(row[5])
    assert {r[1]: r[4] for r in quality}["Chi bộ thôn Yên Trung"] == "2"  # August, September
    assert {r[1]: r[6] for r in quality}["Chi bộ thôn Ấp Đông"] == "1/1"  # August's thematic


def test_unit_brief_plain_and_confidential(db, ids):
    plain = reopen(unit.build_unit(db, ids["a"], "2026-Q3", on=TODAY, number=5))
    assert_frame(plain, "Số 05-BC/HU", SIGNER)
    assert headings(plain) == [
        "I. ĐẶC ĐIỂM TÌNH HÌNH", "II. VIỆC THỰC HIỆN CHẾ ĐỘ SINH HOẠT",
        "III. KẾT QUẢ DỰ SINH HOẠT CỦA CẤP ỦY VIÊN CẤP TRÊN", "IV. VẤN ĐỀ VƯỚNG MẮC, KIẾN NGHỊ",
        "V. ĐỀ XUẤT",
    ]  # fmt: skip
    regime = unit_regime(db, ids["a"], "2026-Q3", rulebook(db), as_of=TODAY)
    rows = body_rows(table_with(plain, "Loại sinh hoạt"))
    assert [[int(c) for c in r[3:7]] for r in rows] == [
        [x.owed, x.done, x.missed, x.not_due] for x in regime.lines
    ]
    # every meeting a rule asks for is held, missed or not yet due: the August extra regular
    # meeting does not count twice, the half-year's thematic meeting (held in August) is done
    assert [[int(c) for c in r[3:7]] for r in rows] == [[3, 3, 0, 0], [1, 1, 0, 0]]
    assert len(plain.inline_shapes) == 1  # the attendance trend chart
    first = next(p.text for p in plain.paragraphs if " là chi bộ" in p.text)
    assert first.count("trực thuộc") == 1, first  # "chi bộ trực thuộc Đảng bộ xã …", once
    secret = reopen(unit.build_unit(db, ids["a"], "2026-Q3", on=TODAY, confidential=True))
    assert "V. ĐỘI NGŨ BÍ THƯ, CẤP ỦY; KẾ HOẠCH TẠO NGUỒN" in headings(secret)
    assert headings(secret)[-1] == "VI. ĐỀ XUẤT"
    assert NARRATIVE in all_text(secret) and FLAGGED in all_text(secret)


def test_annual_report_figures_and_order(db, ids):
    document = reopen(annual.build_annual(db, None, "2026", on=TODAY, number=6))
    assert_frame(document, "Số 06-BC/HU", SIGNER)
    assert headings(document) == [
        "Phần I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "Phần II. KẾT QUẢ THỰC HIỆN",
        "Phần III. ĐÁNH GIÁ CHUNG", "Phần IV. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
        "Phần V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]  # fmt: skip
    rb = rulebook(db)
    figures = meeting_figures(db, "2026", rulebook=rb, as_of=TODAY)
    sector = body_rows(table_with(document, "Loại hình"))
    assert sector[-1][2:4] == [str(figures.total.cells), str(figures.total.every_month)]
    assert figures.total.cells == 3 and figures.total.every_month == 0  # nobody met Jan-Jun
    counts = rating_counts(db, "2026")
    ratings = body_rows(table_with(document, "Xếp loại"))
    assert [int(r[1]) for r in ratings[:-1]] == [counts.get(lv.level, 0) for lv in rb.ratings]
    assert len(document.inline_shapes) == 2
    assert any(p.text == "PHỤ LỤC" for p in document.paragraphs)
    assert f"Quy định áp dụng: {rb.reference};" in all_text(document)
    assert all_text(document).count(rb.citation) == 1  # cited once in full, then by number
    assert "Nghị quyết số 09-NQ/TU ngày 20/05/2025 của Ban Chấp hành Đảng bộ tỉnh" in rb.citation


def test_plan_brief_is_always_confidential(db, ids):
    document = reopen(plan.build_plan(db, ids["plan"], "2026", on=TODAY, number=1))
    assert_frame(document, "Số 01-KH/HU", SIGNER)
    assert [p.text for p in document.paragraphs if p.text][:2] == ["MẬT", "KẾ HOẠCH"]
    assert headings(document) == [
        "I. MỤC ĐÍCH, YÊU CẦU", "II. TÌNH HÌNH", "III. NGUỒN", "IV. BIỆN PHÁP, TIẾN ĐỘ",
        "V. TỔ CHỨC THỰC HIỆN",
    ]  # fmt: skip
    detail = plan_detail(db, ids["plan"], TODAY)
    sources = body_rows(table_with(document, "Họ và tên"))
    assert [r[1] for r in sources] == [c.person_name for c in detail.candidates] == [CANDIDATE]
    assert ACTION in all_text(document) and NARRATIVE in all_text(document)


@pytest.mark.parametrize(
    "build, scope",
    [
        (visit.build_visit, "visit"),
        (supervisor.build_supervisor, "sup"),
        (unit.build_unit, "a"),
        (annual.build_annual, None),
    ],
)
def test_no_personnel_content_in_plain_briefs(db, ids, build, scope):
    document = reopen(build(db, ids[scope] if scope else None, "2026-Q3", on=TODAY))
    text = all_text(document)
    for secret in (NARRATIVE, ACTION, FLAGGED, CANDIDATE, "MẬT"):
        assert secret not in text


def test_batch_names_marks_numbers_and_logs(made, tmp_path):
    path, ids = made
    jobs = [
        Job("supervisor", ids["sup"], "2026-Q3", confidential=True),
        Job("unit", ids["a"], "2026-Q3"),
        Job("plan", ids["plan"], "2026", confidential=True),
        Job("visit", ids["visit"], None),
    ]
    seen = []
    outcomes = generate(path, jobs, tmp_path, workers=2, on=TODAY,
                        progress=lambda done, total, o: seen.append((done, total)))  # fmt: skip
    assert [o.error for o in outcomes] == [None] * 4
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    names = [o.path.name for o in outcomes]
    assert names[0] == "BC-phu-trach-co-so-2026-Q3-Pham-Minh-Duc-PT01-MAT.docx"
    assert names[2].startswith("KH-tao-nguon-bi-thu-2026-") and names[2].endswith("-MAT.docx")
    assert not names[1].endswith("-MAT.docx")
    for outcome in outcomes:
        mode = stat.S_IMODE(outcome.path.stat().st_mode)
        assert mode == (0o600 if outcome.job.confidential else 0o644)
        marked = "MẬT" in [p.text for p in docx.Document(str(outcome.path)).paragraphs]
        assert marked == outcome.job.confidential
    # the members' own reports take no number; the committee's take the next of their series
    assert [o.number for o in outcomes] == [None, "Số 01-BC/HU", "Số 01-KH/HU", None]
    db = store_db.connect(path, migrate=False)
    logged = {b.path: b for b in brief_log.list_briefs(db)}
    for outcome in outcomes:
        entry = logged[str(outcome.path)]
        assert entry.sha256 == hashlib.sha256(outcome.path.read_bytes()).hexdigest()
        assert entry.rulebook == rulebook(db).name
    entries = audit.list_entries(db, limit=3)
    assert entries[0].label == "briefs"  # the batch of four, on two workers, is one entry
    assert {c.table for c in entries[0].changes} == {"briefs"}
    assert len({c.uid for c in entries[0].changes}) == 4
    assert words.headline(db, entries[0]) == "Viết 4 văn bản"
    assert all(e.label != "briefs" for e in entries[1:])
    again = generate(path, jobs[1:2], tmp_path, workers=1, on=TODAY)
    assert again[0].number == outcomes[1].number  # a regenerated brief keeps its number
    single = audit.list_entries(db, limit=1)[0]
    assert words.headline(db, single).startswith("Viết văn bản: Báo cáo")


def test_a_committee_meetings_brief_counts_the_committee(made, tmp_path):
    """Issue 13.3: the visit brief of a đảng ủy's meeting counts its members out of the
    committee's 13, not the đảng bộ's 124."""
    import shutil

    from tests import factories as make

    path = tmp_path / "copy.db"
    shutil.copy(made[0], path)
    db = store_db.connect(path)
    ids = made[1]
    db["units"].update(ids["xa"], {"committee_size": 13})
    make.assign(db, ids["sup"], ids["xa"])
    meeting = dict(kind="committee", members_full=13, present=12, absent_excused=1)
    result = make.visit(db, ids["sup"], ids["xa"], "2026-09-02", meeting=meeting, today=TODAY)
    texts = [p.text for p in reopen(visit.build_visit(db, result.visit_id, on=TODAY)).paragraphs]
    assert "- Có mặt 12/13 đồng chí cấp ủy viên phải dự (92,3%)." in texts
    assert "Ban Chấp hành Đảng bộ xã Đào Xá có 13 đồng chí cấp ủy viên." in texts  # none exempt
    assert "Đảng bộ có 124 đảng viên (120 chính thức, 4 dự bị)." in texts  # the unit's own
    assert "III. NHỮNG VẤN ĐỀ VƯỚNG MẮC, KIẾN NGHỊ CỦA CẤP ỦY" in texts
    assert "- Tỷ lệ cấp ủy viên dự sinh hoạt đạt yêu cầu (từ 85% trở lên)." in texts
    assert not any("đảng viên phải dự" in t or "0 đồng chí" in t for t in texts)


def test_a_dang_bos_thematic_meeting_of_its_committee_counts_the_committee(made, tmp_path):
    """Issue 14.2: the Ban Chấp hành holds a đảng bộ's thematic meeting (resolution II.2); a
    brief of one recorded with the committee's 13 never says "Đảng bộ … có 13 đảng viên"."""
    import shutil

    from tests import factories as make

    path = tmp_path / "copy.db"
    shutil.copy(made[0], path)
    db = store_db.connect(path)
    ids = made[1]
    db["units"].update(ids["xa"], {"committee_size": 13})
    make.assign(db, ids["sup"], ids["xa"])
    meeting = dict(kind="thematic", topic="Chuyển đổi số", members_full=13, present=13)
    result = make.visit(db, ids["sup"], ids["xa"], "2026-09-03", meeting=meeting, today=TODAY)
    texts = [p.text for p in reopen(visit.build_visit(db, result.visit_id, on=TODAY)).paragraphs]
    assert "Ban Chấp hành Đảng bộ xã Đào Xá có 13 đồng chí cấp ủy viên." in texts
    assert "- Có mặt 13/13 đồng chí cấp ủy viên phải dự (100%)." in texts
    assert not any("có 13 đảng viên" in t for t in texts)
    everyone = dict(kind="thematic", topic="Học tập", members_full=120, present=110)
    result = make.visit(db, ids["sup"], ids["xa"], "2026-09-20", meeting=everyone, today=TODAY)
    texts = [p.text for p in reopen(visit.build_visit(db, result.visit_id, on=TODAY)).paragraphs]
    assert any("Đảng bộ xã Đào Xá có 120 đảng viên" in t for t in texts)  # the whole đảng bộ


def test_a_dang_bos_month_table_has_no_empty_attendance_column(db, ids):
    """A đảng bộ owes no regular meeting: its months show no "Tỷ lệ dự" column of dashes."""
    document = reopen(unit.build_unit(db, ids["xa"], "2026-Q3", on=TODAY))
    months = table_with(document, "Tháng")
    assert "Tỷ lệ dự" not in {c.text for c in months.rows[0].cells}
    cell = reopen(unit.build_unit(db, ids["a"], "2026-Q3", on=TODAY))
    assert "Tỷ lệ dự" in {c.text for c in table_with(cell, "Tháng").rows[0].cells}
