"""Who issues, who signs, who receives: the committee's documents (its number, T/M signer by
name) and a member's own report (no number, Kính gửi the standing committee, the member
signs); each kind's Kính gửi and Nơi nhận; no committee's brief without its signer's name,
refused before it takes a number; the demo's letterhead filled as an office fills it."""

from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Mm, Pt

from briefs.batch import Job, generate
from briefs.frame.document import PartyDocument, Route
from store.core import db as store_db
from store.core import settings
from store.demo import build_demo
from store.demo import data as demo_data
from store.demo.office import routes as demo_routes
from store.reports import brief_log
from store.reports.letterhead import MEMBER_REPORTS, letterhead, save_letterhead
from tests.briefs import district
from tests.briefs.district import SIGNER, TODAY

ON = date(2026, 11, 26)
STANDING = "Ban Thường vụ Huyện ủy Tiên Du"


def lines(container) -> list[str]:
    return [p.text for p in container.paragraphs if p.text]


def closing(document):
    """(Nơi nhận lines, signature lines) of the closing table."""
    table = next(t for t in document.tables[1:] if len(t.columns) == 2 and len(t.rows) == 1)
    left, right = table.rows[0].cells
    return lines(left), lines(right)


def addressed(document) -> list:
    return [p for p in document.paragraphs if p.text.startswith(("Kính gửi", "- "))][:4]


def test_a_members_report_has_no_number_its_kinh_gui_and_is_signed_by_the_member(lh):
    route = Route((STANDING,), ("Như trên", "Ban Tổ chức Huyện ủy (để tổng hợp)", "Lưu"))
    doc = PartyDocument(lh, doc_code="BC", number=7, on=ON, summary="kết quả dự sinh hoạt",
                        route=route, reporter="Trần Thị Bình")  # fmt: skip
    doc.signature()
    block = doc.document.tables[0]
    assert lines(block.cell(0, 0)) == ["ĐẢNG BỘ TỈNH BẮC NINH", "HUYỆN ỦY TIÊN DU", "*"]
    assert lines(block.cell(1, 0)) == []  # no number of the committee's series, not even 07
    texts = lines(doc.document)
    assert texts[:3] == ["BÁO CÁO", "kết quả dự sinh hoạt", f"Kính gửi: {STANDING}"]
    kinh_gui = doc.document.paragraphs[[p.text for p in doc.document.paragraphs].index(texts[2])]
    assert kinh_gui.alignment == WD_ALIGN_PARAGRAPH.CENTER
    sent, signed = closing(doc.document)
    assert sent == ["Nơi nhận:", "- Như trên,", "- Ban Tổ chức Huyện ủy (để tổng hợp),", "- Lưu."]
    assert signed == ["NGƯỜI BÁO CÁO", "Trần Thị Bình"]  # not the letterhead's signer


def test_several_addressees_are_a_list_aligned_after_the_label(lh):
    route = Route((STANDING, "Ban Tổ chức Huyện ủy"), ("Như trên", "Lưu"))
    doc = PartyDocument(lh, doc_code="BC", number=None, on=ON, summary="x", route=route,
                        reporter="Trần Thị Bình")  # fmt: skip
    first, second = addressed(doc.document)[:2]
    assert first.text == f"Kính gửi:\t- {STANDING},"
    assert second.text == "- Ban Tổ chức Huyện ủy."
    start = first.paragraph_format.left_indent
    assert second.paragraph_format.left_indent == start  # a wrapped line: under the names
    hanging = first.paragraph_format.first_line_indent
    assert hanging < 0 and abs(Emu(start + hanging).mm - doc.text_width.mm / 6) < 0.1  # label
    dash = -second.paragraph_format.first_line_indent
    (tab,) = first.paragraph_format.tab_stops
    assert 0 < dash < Emu(Mm(3)) and tab.position == start - dash  # the dashes line up


def test_nhu_tren_is_never_printed_without_a_kinh_gui(lh):
    doc = PartyDocument(lh, doc_code="BC", number=1, on=ON, summary="x",
                        route=Route((), ("Như trên", "Lưu VP")))  # fmt: skip
    doc.signature()
    assert not [t for t in lines(doc.document) if t.startswith("Kính gửi")]
    sent, signed = closing(doc.document)
    assert sent == ["Nơi nhận:", "- Lưu VP."]
    assert signed == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An"]
    bare = PartyDocument(lh, doc_code="BC", number=1, on=ON, summary="x")
    bare.signature()
    assert closing(bare.document)[0] == []  # nobody to receive it: no "Nơi nhận:" either


def test_the_noi_nhan_label_is_underlined_and_its_list_in_12_pt(lh):
    route = Route((), ("Ban Tổ chức Tỉnh ủy (để báo cáo)", "Lưu VP"))
    doc = PartyDocument(lh, doc_code="BC", number=1, on=ON, summary="x", route=route)
    doc.signature()
    table = doc.document.tables[-1]
    label, *names = [p for p in table.cell(0, 0).paragraphs if p.text]
    word, colon = label.runs
    assert (word.text, word.underline, word.font.size) == ("Nơi nhận", True, Pt(14))
    assert not (word.bold or word.italic or colon.underline)
    assert {r.font.size for p in names for r in p.runs} == {Pt(12)}


@pytest.fixture
def copied(tmp_path_factory):
    """A fresh copy of the district with the demo's routes, for one test to change."""
    path = tmp_path_factory.mktemp("issuers") / "district.db"
    db = store_db.connect(path)
    ids = district.build(db)
    lh = letterhead(db)
    for kind, route in demo_routes("Huyện ủy Tiên Du", province=False).items():
        lh = lh.with_route(kind, route)
    save_letterhead(db, lh)
    db.close()
    return path, ids


def jobs(ids) -> list[Job]:
    return [
        Job("visit", ids["visit"], None),
        Job("supervisor", ids["sup"], "2026-Q3"),
        Job("unit", ids["a"], "2026-Q3"),
        Job("annual", None, "2026"),
        Job("plan", ids["plan"], "2026", confidential=True),
    ]


def test_every_kind_in_its_frame(copied, tmp_path):
    path, ids = copied
    outcomes = generate(path, jobs(ids), tmp_path, workers=1, on=TODAY)
    assert [o.error for o in outcomes] == [None] * 5
    db = store_db.connect(path, migrate=False)
    lh = letterhead(db)
    for outcome in outcomes:
        kind = outcome.job.kind
        document = docx.Document(str(outcome.path))
        route = lh.route(kind)
        number = lines(document.tables[0].cell(1, 0))
        kinh_gui = [t for t in lines(document) if t.startswith("Kính gửi")]
        sent, signed = closing(document)
        last = len(route.recipients) - 1
        assert sent[1:] == [
            f"- {r}{'.' if i == last else ','}" for i, r in enumerate(route.recipients)
        ]
        if kind in MEMBER_REPORTS:
            assert number == [] and outcome.number is None, kind
            assert kinh_gui == [f"Kính gửi: {STANDING}"] and sent[1] == "- Như trên,", kind
            assert signed == ["NGƯỜI BÁO CÁO", "Phạm Minh Đức"], kind
        else:
            assert number == [outcome.number], kind  # the series: below
            assert kinh_gui == [] and "- Như trên," not in sent, kind
            assert sent[-1] == "- Lưu Văn phòng Huyện ủy.", kind
            assert signed == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", SIGNER], kind
    numbered = {(b.kind, b.number) for b in brief_log.list_briefs(db)}
    assert numbered == {("visit", None), ("supervisor", None), ("unit", 1), ("annual", 2),
                        ("plan", 1)}  # fmt: skip


def test_a_committees_brief_without_a_signer_is_refused_before_it_takes_a_number(copied, tmp_path):
    path, ids = copied
    db = store_db.connect(path, migrate=False)
    save_letterhead(db, replace(letterhead(db), signer_name=" "))
    outcomes = generate(path, jobs(ids), tmp_path, workers=1, on=TODAY)
    assert [o.ok for o in outcomes] == [True, True, False, False, False]  # members' are signed
    for refused in outcomes[2:]:
        assert "letterhead.signer_name" in refused.error and refused.path is None
    assert [b.number for b in brief_log.list_briefs(db)] == [None, None]  # no number taken
    assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.docx")) == ["BC", "BC"]
    save_letterhead(db, replace(letterhead(db), signer_name="Lê Văn Thịnh"))
    again = generate(path, jobs(ids)[2:3], tmp_path, workers=1, on=TODAY)
    assert again[0].number == "Số 01-BC/HU"  # the series has no gap


def test_the_demo_fills_every_letterhead_setting_an_office_would(tmp_path):
    db = store_db.memory()
    build_demo(db, today=date(2026, 10, 15))
    stored = {r["key"] for r in db["settings"].rows}
    wanted = {k for k in settings.DEFAULTS if k.startswith(("committee.", "letterhead."))}
    assert wanted <= stored
    lh = letterhead(db)
    deputy = db.execute("select name from supervisors where title = ?", [demo_data.TITLES[1]])
    assert lh.signer_name == deputy.fetchone()[0]
    assert (lh.signer_prefix, lh.signer_title) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")
    for kind in ("visit", "supervisor"):
        assert lh.route(kind).addressees == ("Ban Thường vụ Huyện ủy An Hòa",)
    for kind in ("unit", "annual", "plan"):
        route = lh.route(kind)
        assert route.addressees == () and len(route.recipients) >= 4
        assert route.recipients[-1] == "Lưu Văn phòng Huyện ủy"
    assert "Ban Thường vụ Tỉnh ủy (để báo cáo)" in lh.route("annual").recipients
    assert save_letterhead(db, lh) == lh  # valid as it stands
