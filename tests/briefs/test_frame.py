"""The Party document frame, checked by reopening the saved .docx with python-docx."""

import hashlib
from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from briefs.frame.document import DRAFTER_NOTE, PartyDocument
from briefs.frame.ooxml import FONT, field_instructions, font_slots

TNR = dict.fromkeys(("ascii", "hAnsi", "eastAsia", "cs"), FONT)
ON = date(2026, 11, 26)
SUMMARY = "kết quả dự sinh hoạt chi bộ quý III năm 2026"


def build(lh, png, *, confidential=False, number=12) -> PartyDocument:
    doc = PartyDocument(lh, doc_code="BC", number=number, on=ON, summary=SUMMARY,
                        confidential=confidential, route=lh.route("unit"))  # fmt: skip
    doc.paragraph("Ngày 15 tháng 9 năm 2026, đồng chí Nguyễn Văn An dự sinh hoạt chi bộ.")
    doc.part("Tình hình chung")
    doc.paragraph("Chi bộ có 32 đảng viên.")
    doc.part("Kết quả dự sinh hoạt")
    doc.item("Công tác chuẩn bị")
    doc.bullet("Chi ủy họp trước khi sinh hoạt.")
    doc.item("Đánh giá, xếp loại")
    doc.subitem("Bảng điểm")
    doc.table(
        ["STT", "Tiêu chí", ("Điểm", ["Tối đa", "Đạt"])],
        [[1, "Số lượng đảng viên dự", 20, 18.5], [None, "Tổng cộng", 100, 1234.5]],
        widths_mm=[15, 90, 30, 30],
        align=["center", None, None, None],
        bold_rows=[1],
    )
    doc.picture(png, width_mm=100, caption="Biểu đồ 1")
    doc.part("Vấn đề vướng mắc")
    doc.drafter_note()
    doc.signature()
    return doc


@pytest.fixture
def saved(tmp_path, lh, png):
    """Open the saved plain and confidential documents; returns a function of confidential."""

    def open_(confidential=False, letterhead=None, number=12):
        path = tmp_path / f"brief-{confidential}-{number}.docx"
        sha = build(letterhead or lh, png, confidential=confidential, number=number).save(path)
        assert sha == hashlib.sha256(path.read_bytes()).hexdigest()
        return docx.Document(str(path))

    return open_


def texts(container) -> list[str]:
    return [p.text for p in container.paragraphs if p.text]


def test_a4_paper_and_margins_from_the_letterhead(saved, lh):
    section = saved().sections[0]
    assert abs(section.page_width.mm - 210) < 0.1
    assert abs(section.page_height.mm - 297) < 0.1
    margins = (section.top_margin, section.bottom_margin, section.left_margin,
               section.right_margin)  # fmt: skip
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    wide = replace(lh, margin_left_mm=35, margin_right_mm=20)
    assert round(saved(letterhead=wide).sections[0].left_margin.mm) == 35


def test_times_new_roman_in_all_four_slots_of_the_normal_style_and_every_run(saved):
    document = saved(confidential=True)
    normal = document.styles["Normal"]
    assert font_slots(normal.element) == TNR
    assert normal.font.size == Pt(14)
    section = document.sections[0]
    roots = [document.element.body, section.header._element, section.first_page_header._element]
    runs = [r for root in roots for r in root.iter(qn("w:r"))]
    assert len(runs) > 40
    for run in runs:
        assert font_slots(run) == TNR, run.xml


def test_header_block_is_a_borderless_two_column_table(saved):
    block = saved().tables[0]
    borders = block._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    issuer, party = block.cell(0, 0), block.cell(0, 1)
    assert texts(issuer) == ["ĐẢNG BỘ TỈNH BẮC NINH", "HUYỆN ỦY TIÊN DU", "*"]
    parent, body = issuer.paragraphs[0].runs[0], issuer.paragraphs[1].runs[0]
    assert not parent.bold and parent.font.size == Pt(14)
    assert body.bold and body.font.size == Pt(14)
    title = party.paragraphs[0]
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert title.runs[0].bold and title.runs[0].font.size == Pt(15)
    rule = title._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:val")) == "single"


def test_number_and_place_date_line(saved):
    block = saved().tables[0]
    assert texts(block.cell(1, 0)) == ["Số 12-BC/HU"]
    when = block.cell(1, 1).paragraphs[0]
    assert when.text == "Tiên Du, ngày 26 tháng 11 năm 2026"
    assert all(r.italic for r in when.runs)
    assert texts(saved(number=3).tables[0].cell(1, 0)) == ["Số 03-BC/HU"]
    draft = texts(saved(number=None).tables[0].cell(1, 0))[0]
    assert draft.startswith("Số ") and draft.endswith("-BC/HU") and ":" not in draft


def test_document_type_and_summary_are_bold_and_centred(saved):
    paragraphs = [p for p in saved().paragraphs if p.text]
    kind, summary = paragraphs[0], paragraphs[1]
    assert kind.text == "BÁO CÁO"
    assert kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert kind.runs[0].bold and kind.runs[0].font.size == Pt(16)
    assert summary.text == SUMMARY
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER and summary.runs[0].bold


def test_body_headings_paragraphs_bullets_and_drafter_note(saved):
    body = {p.text: p for p in saved().paragraphs if p.text}
    assert "I. TÌNH HÌNH CHUNG" in body and "II. KẾT QUẢ DỰ SINH HOẠT" in body
    assert "III. VẤN ĐỀ VƯỚNG MẮC" in body
    assert body["1. Công tác chuẩn bị"].runs[0].bold
    assert "2. Đánh giá, xếp loại" in body
    assert body["a) Bảng điểm"].runs[0].italic
    text = body["Chi bộ có 32 đảng viên."]
    assert text.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(text.paragraph_format.first_line_indent.mm) == 10
    assert "- Chi ủy họp trước khi sinh hoạt." in body
    note = body[f"[{DRAFTER_NOTE}]"]
    assert all(r.italic for r in note.runs)


def test_item_numbers_restart_in_each_part(lh):
    doc = PartyDocument(lh, doc_code="KH", number=1, on=ON, summary="tạo nguồn")
    doc.part("Mục đích, yêu cầu")
    doc.item("Mục đích")
    doc.item("Yêu cầu")
    assert doc.part("Tình hình", prefix="Phần ") == "Phần II. TÌNH HÌNH"
    assert doc.item("Bí thư chi bộ") == "1. Bí thư chi bộ"
    assert [p.text for p in doc.document.paragraphs if p.text][0] == "KẾ HOẠCH"


def test_table_with_merged_two_level_header_and_right_aligned_numbers(saved):
    table = saved().tables[1]
    stt = table.cell(0, 0)
    assert stt.text == "STT" and stt._tc is table.cell(1, 0)._tc  # merged down
    group = table.cell(0, 2)
    assert group.text == "Điểm" and group._tc is table.cell(0, 3)._tc  # merged across
    assert [table.cell(1, c).text for c in (2, 3)] == ["Tối đa", "Đạt"]
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows[:2])
    first, total = table.rows[2].cells, table.rows[3].cells
    assert [c.text for c in first] == ["1", "Số lượng đảng viên dự", "20", "18,5"]
    assert total[3].text == "1.234,5"
    assert first[3].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert first[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert total[1].paragraphs[0].runs[0].bold and not first[1].paragraphs[0].runs[0].bold
    assert [round(c.width.mm) for c in first] == [15, 90, 30, 30]


def test_picture_is_centred(saved):
    document = saved()
    assert len(document.inline_shapes) == 1
    assert round(document.inline_shapes[0].width.mm) == 100
    holder = next(p for p in document.paragraphs if p._p.xpath(".//w:drawing"))
    assert holder.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_signature_block_and_distribution_list(saved):
    closing = saved().tables[-1]
    recipients, signer = closing.rows[0].cells
    label = recipients.paragraphs[0]
    assert label.text == "Nơi nhận:"
    word, colon = label.runs
    assert word.underline and not (word.bold or word.italic) and word.font.size == Pt(14)
    assert not colon.underline  # Hướng dẫn 36-HD/VPTW: the word underlined, then the colon
    assert texts(recipients)[1:] == ["- Ban Tổ chức Tỉnh ủy (để báo cáo),", "- Lưu VP."]
    assert all(p.runs[0].font.size == Pt(12) for p in recipients.paragraphs[1:])
    lines = texts(signer)
    assert lines == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An"]
    assert all(p.runs[0].bold for p in signer.paragraphs if p.text)
    assert len(signer.paragraphs) > len(lines) + 2  # room for the signature


def test_page_numbers_from_page_two(saved):
    section = saved().sections[0]
    assert section.different_first_page_header_footer
    assert field_instructions(section.header._element) == ["PAGE"]
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert field_instructions(section.first_page_header._element) == []


def test_confidential_mark_only_on_confidential_documents(saved):
    def marks(document):
        return [p for p in document.paragraphs if p.text == "MẬT"]

    assert marks(saved()) == []
    (mark,) = marks(saved(confidential=True))
    assert mark.runs[0].bold
    box = mark._p.pPr.find(qn("w:pBdr"))
    assert {el.tag.split("}")[1] for el in box} == {"top", "left", "bottom", "right"}


def test_confidential_file_is_owner_only(tmp_path, lh, png):
    plain, secret = tmp_path / "a.docx", tmp_path / "b.docx"
    build(lh, png).save(plain)
    build(lh, png, confidential=True).save(secret)
    assert secret.stat().st_mode & 0o777 == 0o600
    assert plain.stat().st_mode & 0o777 == 0o644


def test_place_left_empty_gives_a_capitalised_date(lh):
    doc = PartyDocument(replace(lh, place=""), doc_code="BC", number=1, on=date(2026, 2, 5),
                        summary="x")  # fmt: skip
    assert doc.document.tables[0].cell(1, 1).text == "Ngày 05 tháng 02 năm 2026"
