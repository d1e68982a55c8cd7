"""Layout a clerk would not touch: rows that never split, total lines and captions kept with
their tables, no header word wider than its column, a new page without a blank one, charts in
the document's serif face with clear labels, and file properties that say who made the file."""

import itertools
import math
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from briefs.frame import charts
from briefs.frame.document import WHOLE_TABLE_LINES, PartyDocument, generator
from briefs.kinds import annual, plan, supervisor, unit, visit
from briefs.kinds.wording import vi
from store.core import db as store_db
from tests.briefs import district
from tests.briefs.district import TODAY

CELL_MARGINS_TWIPS = 2 * 108  # the Table Grid style's left and right cell margins


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    """Every kind built from the test district, saved and reopened, by kind."""
    path = tmp_path_factory.mktemp("layout") / "district.db"
    db = store_db.connect(path)
    ids = district.build(db)
    built = {
        "visit": visit.build_visit(db, ids["visit"], on=TODAY),
        "supervisor": supervisor.build_supervisor(db, ids["sup"], "2026-Q3", on=TODAY),
        "unit": unit.build_unit(db, ids["xa"], "2026-Q3", on=TODAY, confidential=True),
        "cell": unit.build_unit(db, ids["a"], "2026", on=TODAY, confidential=True),
        "annual": annual.build_annual(db, None, "2026", on=TODAY, number=3),
        "plan": plan.build_plan(db, ids["plan"], "2026", on=TODAY),
    }
    db.close()
    return {kind: _reopen(doc) for kind, doc in built.items()} | {"path": path, "ids": ids}


def _reopen(doc: PartyDocument):
    buffer = BytesIO()
    doc.document.save(buffer)
    return docx.Document(BytesIO(buffer.getvalue()))


def _document(lh, rows: int, **table):
    doc = PartyDocument(lh, doc_code="BC", number=1, on=TODAY, summary="kết quả")
    doc.paragraph("Kết quả từng tháng:")
    data = [[i, f"Chi bộ {i}", i * 10] for i in range(1, rows)] + [[None, "Tổng cộng", 999]]
    doc.table(["TT", "Tên", "Số"], data, widths_mm=[10, 100, 30], **table)
    return doc


def _kept(row) -> bool:
    paragraphs = row._tr.findall(f".//{qn('w:p')}")
    return all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs)


def _keeps_next(paragraph) -> bool:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None


# ---- tables ------------------------------------------------------------------------------
def test_a_short_table_stays_whole_with_its_opening_sentence(lh):
    doc = _document(lh, 5, bold_rows=[4])
    table = doc.document.tables[-1]
    rows = table.rows
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [_kept(r) for r in rows] == [True] * 5 + [False]  # header and body, not the last
    intro = next(p for p in doc.document.paragraphs if p.text == "Kết quả từng tháng:")
    assert _keeps_next(intro)


def test_a_long_table_splits_between_rows_and_keeps_its_total_line(lh):
    rows = WHOLE_TABLE_LINES + 1
    table = _document(lh, rows, bold_rows=[rows - 1]).document.tables[-1]
    body = table.rows[1:]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    assert _kept(table.rows[0])  # the header with the first row
    assert [i for i, r in enumerate(body) if _kept(r)] == [rows - 2]  # the row above the total


def test_a_table_of_few_but_tall_rows_may_split(lh):
    doc = PartyDocument(lh, doc_code="BC", number=1, on=TODAY, summary="kết quả")
    dates = ", ".join(["01/01/2026"] * 12)  # about four lines in a 40 mm column
    doc.table(["TT", "Ngày dự"], [[i, dates] for i in range(1, 8)], widths_mm=[10, 40])
    rows = doc.document.tables[-1].rows[1:]
    assert [_kept(r) for r in rows] == [False] * 5 + [True, False]


def test_a_page_break_is_the_next_paragraphs_property(lh):
    doc = PartyDocument(lh, doc_code="BC", number=1, on=TODAY, summary="kết quả")
    doc.table(["TT", "Tên"], [[1, "Chi bộ"]], widths_mm=[10, 155])
    doc.page_break()
    doc.paragraph("PHỤ LỤC")
    body = doc.document.element.body
    assert not body.findall(f".//{qn('w:br')}")  # no break run that could land atop a page
    heading = next(p for p in doc.document.paragraphs if p.text == "PHỤ LỤC")
    assert heading.paragraph_format.page_break_before


def test_a_table_after_a_page_break_starts_the_new_page(lh):
    doc = PartyDocument(lh, doc_code="BC", number=1, on=TODAY, summary="kết quả")
    doc.page_break()
    doc.table(["TT", "Tên"], [[1, "Chi bộ"]], widths_mm=[10, 155])
    before = doc.document.tables[-1]._tbl.getprevious()
    assert before.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
    after = doc.document.tables[-1]._tbl.getnext()
    assert after.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is None


def test_the_annual_appendix_starts_its_page_without_a_blank_one(briefs):
    document = briefs["annual"]
    body = document.element.body
    assert not [br for br in body.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
    heading = next(p for p in document.paragraphs if p.text == "PHỤ LỤC")
    assert heading.paragraph_format.page_break_before


def _font(bold: bool):
    """Liberation Serif (Times New Roman's metrics) through Pillow, or skip."""
    from matplotlib import font_manager
    from PIL import ImageFont

    props = font_manager.FontProperties(family="Liberation Serif",
                                        weight="bold" if bold else "normal")  # fmt: skip
    try:
        path = font_manager.findfont(props, fallback_to_default=False)
    except ValueError:
        pytest.skip("Liberation Serif is not installed")
    return ImageFont.truetype(path, 1000)


def _too_wide(document) -> list[str]:
    """Words of table cells wider than their cell's text width, in Times New Roman metrics."""
    fonts = {bold: _font(bold) for bold in (False, True)}
    found = []
    for tbl in document.element.body.iter(qn("w:tbl")):
        if tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}") is None:
            continue  # the borderless header and signature blocks
        for tc in tbl.iter(qn("w:tc")):
            width_pt = (int(tc.find(f".//{qn('w:tcW')}").get(qn("w:w"))) - CELL_MARGINS_TWIPS) / 20
            for r in tc.iter(qn("w:r")):
                rpr = r.find(qn("w:rPr"))
                bold = rpr.find(qn("w:b")) is not None
                size = int(rpr.find(qn("w:sz")).get(qn("w:val"))) / 2
                assert size >= 11
                text = "".join(t.text or "" for t in r.iter(qn("w:t")))
                for word in text.split():
                    if fonts[bold].getlength(word) / 1000 * size > width_pt:
                        found.append(f"{word!r} in {width_pt / 72 * 25.4:.1f} mm")
    return found


@pytest.mark.parametrize("kind", ["visit", "supervisor", "unit", "cell", "annual", "plan"])
def test_no_word_of_a_table_is_wider_than_its_column(briefs, kind):
    """Headers such as "TT" never break mid-word at 12 pt, with the default margins."""
    assert briefs[kind].tables, kind
    assert _too_wide(briefs[kind]) == []


def test_the_width_check_sees_a_tt_column_too_narrow(lh):
    doc = PartyDocument(lh, doc_code="BC", number=1, on=TODAY, summary="kết quả")
    doc.table(["TT", "Tên"], [[1, "Chi bộ"]], widths_mm=[8, 157])
    assert _too_wide(_reopen(doc)) == ["'TT' in 4.2 mm"]


# ---- charts ------------------------------------------------------------------------------
def test_charts_use_the_documents_serif_face():
    face = charts.serif_face()
    if face == "serif":
        pytest.skip("neither Times New Roman nor Liberation Serif is installed")
    assert face in charts.SERIF_FACES
    fig = charts.bar_figure(["Tốt", "Khá"], [3, 4], ylabel="Số buổi")
    names = {t.get_fontname() for t in _texts(fig)}
    assert names == {face}


def test_month_labels_name_the_year_once_or_on_each_month():
    assert charts.month_labels([(2026, 1), (2026, 2), (2026, 12)]) == (
        ["T1", "T2", "T12"],
        "Năm 2026",
    )
    assert charts.month_labels([(2025, 12), (2026, 1)]) == (["T12/2025", "T1/2026"], None)


def _texts(fig):
    """The texts drawn: a tick label beyond the axis' limits is kept by matplotlib, not drawn."""
    from matplotlib.text import Text

    ax = fig.axes[0]
    low, high = ax.get_ylim()
    hidden = [label for tick, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
              if not low <= tick <= high]  # fmt: skip
    return [t for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and t not in hidden]  # fmt: skip


TWO_YEARS = [(2025, 10), (2025, 11), (2025, 12)] + [(2026, m) for m in range(1, 10)]
CROWDED = {
    "months": (
        charts.month_labels(TWO_YEARS)[0],
        [96.3, 92.6, 92.6, 88.9, 100, 96.3, 96.3, 100, 96.3, 100, 96.3, 92.6],
        dict(ylabel="Tỷ lệ đảng viên dự (%)", threshold=85, threshold_label="85%", ymax=110,
             percent=True),
    ),
    "sectors": (
        ["Cơ quan hành chính", "Lực lượng vũ trang", "Doanh nghiệp", "Đơn vị sự nghiệp",
         "Thôn, khu dân cư", "Xã", "Thị trấn"],
        [63.2, 68.2, 100, 71.4, 68.7, 88.9, 100],
        dict(ylabel="Chi bộ sinh hoạt đủ (%)", ymax=110, percent=True),
    ),
    "ratings": (["Tốt", "Khá", "Trung bình", "Kém"], [328, 441, 55, 8],
                dict(ylabel="Số buổi sinh hoạt", width_mm=120)),
}  # fmt: skip


@pytest.mark.parametrize("case", CROWDED)
def test_no_chart_label_touches_another_or_an_axis(case):
    labels, values, options = CROWDED[case]
    fig = charts.bar_figure(labels, values, **options)
    fig.canvas.draw()
    ax = fig.axes[0]
    plot = ax.get_window_extent()
    figure = fig.bbox
    texts = _texts(fig)
    boxes = {id(t): t.get_window_extent() for t in texts}
    turned = [t for t in ax.get_xticklabels() if t.get_rotation()]
    for a, b in itertools.combinations(texts, 2):
        if a in turned and b in turned:
            continue  # slanted: their upright boxes overlap, the words do not (below)
        assert not boxes[id(a)].overlaps(boxes[id(b)]), (a.get_text(), b.get_text())
    assert all("\n" not in t.get_text() for t in turned)  # wrapped and slanted overlap
    for a, b in itertools.pairwise(turned):  # distance across the slant over a line's height
        across = (boxes[id(b)].x1 - boxes[id(a)].x1) * math.sin(math.radians(a.get_rotation()))
        assert across > a.get_fontsize() * fig.dpi / 72, (a.get_text(), b.get_text())
    for text in texts:
        box = boxes[id(text)]
        assert figure.x0 <= box.x0 and box.x1 <= figure.x1 and figure.y0 <= box.y0, text
        assert box.y1 <= figure.y1, text.get_text()
        if text in ax.texts:  # the figures on the bars: inside the plot, under its top
            assert plot.x0 <= box.x0 and box.x1 <= plot.x1 and box.y1 <= plot.y1, text
        else:  # ticks, titles, legend: outside the plot
            assert not box.overlaps(plot), text.get_text()


def test_a_chart_with_a_threshold_has_a_legend_and_the_same_bytes_twice():
    labels, values, options = CROWDED["months"]
    legend = charts.bar_figure(labels, values, **options).axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Từ 85% trở lên", "Mức 85%"]
    assert charts.bar_chart(labels, values, **options) == charts.bar_chart(
        labels, values, **options
    )


def test_the_unit_briefs_chart_names_its_months_the_vietnamese_way(briefs, monkeypatch):
    drawn = []

    def record(labels, values, **options):
        drawn.append((list(labels), options.get("xlabel")))
        return chart(labels, values, **options)

    chart = charts.bar_chart
    monkeypatch.setattr(charts, "bar_chart", record)
    db = store_db.connect(briefs["path"], migrate=False)
    unit.build_unit(db, briefs["ids"]["a"], "2026", on=TODAY)
    months = [(2025, 11), (2025, 12)] + [(2026, m) for m in range(1, 11)]  # 12 up to TODAY
    assert drawn == [(["T11/2025", "T12/2025", *[f"T{m}/2026" for m in range(1, 11)]], None)]
    assert charts.month_labels(months)[0] == drawn[0][0]


def test_without_either_serif_face_charts_fall_back_to_matplotlibs(monkeypatch):
    monkeypatch.setattr(charts, "SERIF_FACES", ("No Such Face",))
    charts.serif_face.cache_clear()
    try:
        assert charts.serif_face() == "serif"
        assert charts.bar_chart(["Tốt"], [1], ylabel="Số buổi").startswith(b"\x89PNG")
    finally:
        charts.serif_face.cache_clear()


# ---- file properties ---------------------------------------------------------------------
def test_file_properties_name_the_body_the_time_and_phutrach(lh):
    before = datetime.now(UTC).replace(microsecond=0)
    doc = _reopen(PartyDocument(lh, doc_code="BC", number=1, on=TODAY, summary="kết quả năm"))
    props = doc.core_properties
    assert props.author == props.last_modified_by == lh.issuing_body
    assert props.title == "Báo cáo kết quả năm" and props.language == "vi-VN"
    created = props.created.replace(tzinfo=props.created.tzinfo or UTC)
    assert before <= created <= datetime.now(UTC) + timedelta(seconds=1)
    assert props.modified == props.created
    assert props.comments == f"Soạn bằng {generator()}"
    assert generator().startswith("phutrach ") and generator() != "phutrach "
    app = doc.part.package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
    )
    assert f"<Application>{generator()}</Application>".encode() in app.blob


def test_a_code_without_a_label_reads_as_nothing():
    assert vi("concurrent_role", None) == ""


# ---- LibreOffice (not in the required set) -----------------------------------------------
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice or poppler is not installed",
)


def _pdf_pages(folder, documents: dict[str, object]) -> dict[str, int]:
    """Page counts of python-docx documents rendered by LibreOffice, in one run."""
    paths = []
    for name, document in documents.items():
        document.save(str(folder / f"{name}.docx"))
        paths.append(str(folder / f"{name}.docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *paths],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    counts = {}
    for name in documents:
        info = subprocess.run(["pdfinfo", str(folder / f"{name}.pdf")], check=True,
                              capture_output=True, text=True).stdout  # fmt: skip
        counts[name] = int(next(x for x in info.splitlines() if x.startswith("Pages")).split()[1])
    return counts


@needs_office
def test_a_page_break_adds_one_page_however_full_the_page_before(lh, tmp_path):
    """The old break-only paragraph, pushed to the next page by a full page, broke again:
    a blank page. Filled line by line, the page before ends at every height once."""
    documents = {}
    for lines in range(20, 34):
        for appendix in (False, True):
            doc = PartyDocument(lh, doc_code="BC", number=1, on=TODAY, summary="kết quả")
            for i in range(lines):
                doc.paragraph(f"Dòng {i + 1} của báo cáo.")
            if appendix:
                doc.page_break()
                doc.paragraph("PHỤ LỤC")
            documents[f"{lines}-{appendix}"] = doc.document
    pages = _pdf_pages(tmp_path, documents)
    for lines in range(20, 34):
        assert pages[f"{lines}-True"] == pages[f"{lines}-False"] + 1, lines


@needs_office
def test_the_rendered_annual_report_has_no_blank_page(briefs, tmp_path):
    assert _pdf_pages(tmp_path, {"annual": briefs["annual"]})["annual"] >= 2
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "annual.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout  # fmt: skip
    blank = [i for i, page in enumerate(text.split("\f")[:-1], start=1) if len(page.split()) <= 1]
    assert blank == []  # a page holding its page number only
