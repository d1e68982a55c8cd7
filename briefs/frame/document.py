"""The Party document frame (Hướng dẫn 36-HD/VPTW) that every brief is built in.

    lh = letterhead(db)
    doc = PartyDocument(lh, doc_code="BC", number=12, on=date(2026, 11, 26),
                        summary="tình hình Đảng bộ xã Đào Xá quý III năm 2026",
                        route=lh.route("unit"))
    doc.part("Tình hình chung")
    doc.paragraph("Đảng bộ có 325 đảng viên…")
    doc.signature()
    sha = doc.save(path)

Two issuers: the committee (its number, signed T/M … by the letterhead's signer) and, with
`reporter=` a member's name, the member's own report (no number, signed "NGƯỜI BÁO CÁO" and
the name). "Kính gửi" under the title and "Nơi nhận" beside the signature come from `route`.
A4, margins from the letterhead, Times New Roman in all four font slots of the Normal style and
of every run, the two-column header block as a borderless table, page numbers from page 2.
"""

import copy
import functools
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from io import BytesIO
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from briefs.frame import ooxml
from briefs.frame.template import new_document
from briefs.frame.vn import (
    document_number,
    place_date,
    roman,
    vn_date,
    vn_number,
    vn_percent,
    vn_period,
    vn_quarter,
    vn_share,
)
from briefs.frame.write import pack_once, save_docx, xml_text
from store.reports.letterhead import Letterhead, Route, letterhead, save_letterhead

__all__ = [
    "DOC_TYPES", "DRAFTER_NOTE", "Letterhead", "PartyDocument", "Route", "document_number",
    "letterhead", "place_date", "roman", "save_letterhead", "vn_date", "vn_number", "vn_percent",
    "vn_period", "vn_quarter", "vn_share",
]  # fmt: skip

DOC_TYPES = {"BC": "BÁO CÁO", "KH": "KẾ HOẠCH", "TB": "THÔNG BÁO", "CV": "CÔNG VĂN"}
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
PARTY_WIDTH_MM = 73  # "ĐẢNG CỘNG SẢN VIỆT NAM" in Times New Roman bold 15 pt: the rule's length
DRAFTER_NOTE = "Phần này do người soạn thảo bổ sung"
CONFIDENTIAL = "MẬT"
A4 = (Mm(210), Mm(297))
HEADER_LEFT_SHARE = 0.45  # of the text width, for the issuing body; the rest for the Party title
CELL_MARGINS_MM = 3.8  # Word's default left + right cell margins (0.19 cm each)
SIGNATURE_SPACE_LINES = 4
WHOLE_TABLE_LINES = 24  # lines of a table (about 12 cm) kept on one page with its opening
CHAR_EM = 0.45  # a Times New Roman character's mean width, in ems: lines of a cell's text
REPORTER = "NGƯỜI BÁO CÁO"
ADDRESSEE_LABEL = "Kính gửi:"
ADDRESSEE_LABEL_EM = 4.4  # "Kính gửi: " in Times New Roman is 4.1 em wide; a little air
ADDRESSEE_INDENT_SHARE = 1 / 6  # of the text width: where a list of addressees starts
DASH_EM = 0.6  # "- " in Times New Roman (0.58 em): a wrapped list line starts after it
RECIPIENTS_LABEL_PT, RECIPIENTS_PT = 14, 12  # "Nơi nhận:" and its list
NUMBER_SLOT, DATE_SLOT = "\u2060số\u2060", "\u2060ngày\u2060"  # never in a letterhead
NAME_SLOT = "\u2060tên\u2060"  # nor in a name

Align = WD_ALIGN_PARAGRAPH
ColumnSpec = str | tuple[str, Sequence[str]]


class PartyDocument:
    """A Party document built top to bottom: the constructor lays out page 1's header block,
    number, date, title and "Kính gửi"; body helpers follow; `signature()` closes it.

    `reporter`: the member whose own report this is (no number; they sign it); None: the
    committee issues it. `route`: its "Kính gửi" and "Nơi nhận"."""

    _break_before = False  # set by page_break(), taken by the next body paragraph

    def __init__(
        self,
        lh: Letterhead,
        *,
        doc_code: str,
        number: int | None,
        on: date,
        summary: str,
        doc_type: str | None = None,
        confidential: bool = False,
        route: Route | None = None,
        reporter: str | None = None,
    ):
        self.letterhead = lh
        self.confidential = confidential
        self.route = route or Route()
        self.reporter = reporter
        self._document = _fresh(_blank(lh, numbered=reporter is None))
        self._tables: list[str] = []  # XML of the tables not yet parsed, by slot (`document`)
        self._parts = 0
        self._items = 0
        self._subitems = 0
        self._fill_header(
            document_number(number, doc_code, lh.short_code), place_date(lh.place, on)
        )
        if confidential:
            self._confidential_mark()
        doc_type = doc_type or DOC_TYPES.get(doc_code, doc_code)
        self._title(doc_type, summary)
        self._addressees(self.route.addressees)
        self._core_properties(doc_type, summary)

    @property
    def document(self):
        """The python-docx Document, its tables parsed into it: a brief keeps each table as
        its XML text in a slot of the body and `save` writes the text as it is, never parsed
        into elements and serialized again (a supervisor's tables, 60 KB, were a third of
        its making). Read this to look into the document; `save` need not."""
        if self._tables:
            body = self._body_end[0]
            for slot in list(body.iterchildren(etree.PI)):
                body.replace(slot, parse_xml(ooxml.with_namespace(self._tables[int(slot.text)])))
            self._tables = []
        return self._document

    @property
    def core_properties(self):
        """The file's properties (python-docx's), without parsing the tables."""
        return self._document.core_properties

    def xml(self) -> bytes:
        """word/document.xml as python-docx writes it (serialize_part_xml), the tables'
        text put in their slots."""
        data = etree.tostring(self._document.element, encoding="UTF-8", standalone=True)
        if not self._tables:
            return data
        tables = [table.encode() for table in self._tables]
        return _SLOT.sub(lambda found: tables[int(found[1])], data)

    @functools.cached_property
    def _body_end(self):
        """The body element and its closing sectPr, before which everything goes (found once:
        python-docx looks each up at every access, and a brief adds hundreds of paragraphs)."""
        body = self._document.element.body
        return body, body.sectPr

    # ---- text width and runs -------------------------------------------------------------
    @property
    def text_width(self) -> Mm:
        lh = self.letterhead
        return Mm(210 - lh.margin_left_mm - lh.margin_right_mm)

    def run(self, paragraph, text: str, *, size: float | None = None, bold=False, italic=False,
            underline=False):  # fmt: skip
        """Add a run in the frame's font (all four slots) to `paragraph`; returns it."""
        r = ooxml.new_run(
            paragraph._p, text, size or self.letterhead.font_size, bold, italic, underline
        )
        return Run(r, paragraph)

    def _para(self, container=None, *, align=Align.JUSTIFY, before=0, after=0, indent=False,
              keep=False):  # fmt: skip
        """A new paragraph (in the body, or in a table cell) with the frame's spacing, kept
        with the next one if `keep`, made with lxml directly (see ooxml.new_paragraph: a
        brief has hundreds)."""
        if container is None:
            body, end = self._body_end
            p = ooxml.new_paragraph(body, align, before, after, indent, anchor=end, keep=keep)
            if self._break_before:
                ooxml.page_break_before(p)
                self._break_before = False
            return Paragraph(p, self._document._body)
        cell = container._element
        existing = cell.findall(qn("w:p"))
        if len(existing) == 1 and not existing[0].findall(qn("w:r")):  # a fresh cell's blank one
            cell.remove(existing[0])
        p = ooxml.new_paragraph(cell, align, before, after, indent)
        return Paragraph(p, container)

    # ---- page, styles, header, title -----------------------------------------------------
    def _page_setup(self) -> None:
        lh = self.letterhead
        section = self._document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4
        section.top_margin, section.bottom_margin = Mm(lh.margin_top_mm), Mm(lh.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(lh.margin_left_mm), Mm(lh.margin_right_mm)
        section.header_distance = section.footer_distance = Mm(10)

    def _styles(self) -> None:
        """The body size of the letterhead on the Normal style (fonts are in the template)."""
        normal = self._document.styles["Normal"]
        normal.font.size = Pt(self.letterhead.font_size)
        ooxml.set_complex_size(normal.element, round(self.letterhead.font_size * 2))

    def _page_numbers(self) -> None:
        """No number on page 1; from page 2 a PAGE field centred at the top."""
        section = self._document.sections[0]
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.is_linked_to_previous = False
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = Align.CENTER
        for run in ooxml.add_field(paragraph, "PAGE"):
            ooxml.format_run(run, self.letterhead.font_size)

    def _fill_header(self, number: str, when: str) -> None:
        """Write the number and the place and date into the blank's header block."""
        slots = {NUMBER_SLOT: number, DATE_SLOT: when}
        for text in self._document.element.body[0].iter(qn("w:t")):
            text.text = xml_text(slots.get(text.text, text.text))

    def _header_block(self, number: str | None, date_text: str) -> None:
        """Issuing body (left) and the Party's name (right), then number (None: a member's
        report, which has none) and date in line."""
        lh = self.letterhead
        left = Mm(self.text_width.mm * HEADER_LEFT_SHARE)
        right = Mm(self.text_width.mm - left.mm)
        table = self._document.add_table(rows=2, cols=2)
        ooxml.table_borders(table, "nil")
        ooxml.fixed_layout(table, [left, right])
        issuer, party = table.cell(0, 0), table.cell(0, 1)
        if lh.parent_body:
            self.run(self._para(issuer, align=Align.CENTER), lh.parent_body.upper())
        self.run(self._para(issuer, align=Align.CENTER), lh.issuing_body.upper(), bold=True)
        self.run(self._para(issuer, align=Align.CENTER), "*")
        title = self._para(party, align=Align.CENTER)
        self.run(title, PARTY, size=15, bold=True)
        rule_indent = Mm(max(0.0, (right.mm - CELL_MARGINS_MM - PARTY_WIDTH_MM) / 2))
        title.paragraph_format.left_indent = title.paragraph_format.right_indent = rule_indent
        ooxml.paragraph_border(title, ("bottom",), size=6, space=1)
        if number is not None:
            self.run(self._para(table.cell(1, 0), align=Align.CENTER), number)
        when = self._para(table.cell(1, 1), align=Align.CENTER, before=6)
        self.run(when, date_text, italic=True)
        table.cell(1, 0).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        table.cell(1, 1).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM

    def _confidential_mark(self) -> None:
        """ "MẬT", bold, in a box under the number (left column)."""
        box_mm = 22
        left = self.text_width.mm * HEADER_LEFT_SHARE
        mark = self._para(align=Align.CENTER, before=6)
        start = (left - box_mm - CELL_MARGINS_MM) / 2  # tables sit one cell margin to the left
        mark.paragraph_format.left_indent = Mm(start)
        mark.paragraph_format.right_indent = Mm(self.text_width.mm - start - box_mm)
        ooxml.paragraph_border(mark, ("top", "left", "bottom", "right"), size=12, space=2)
        self.run(mark, CONFIDENTIAL, bold=True)

    def _title(self, doc_type: str, summary: str) -> None:
        self.run(self._para(align=Align.CENTER, before=18), doc_type.upper(), size=16, bold=True)
        self.run(self._para(align=Align.CENTER, after=12), summary, bold=True)

    def _addressees(self, names: Sequence[str]) -> None:
        """ "Kính gửi: Ban Thường vụ …" centred under the title; several addressees as a
        "- …," list whose lines align after the label, the last ending with a full stop."""
        if not names:
            return
        if len(names) == 1:
            line = self._para(align=Align.CENTER, after=12)
            self.run(line, f"{ADDRESSEE_LABEL} {names[0]}")
            return
        size = self.letterhead.font_size
        label, dash = _em(ADDRESSEE_LABEL_EM, size), _em(DASH_EM, size)
        start = Mm(self.text_width.mm * ADDRESSEE_INDENT_SHARE + label.mm)
        for index, name in enumerate(names):
            last = index == len(names) - 1
            line = self._para(align=Align.LEFT, after=12 if last else 0)
            _hanging(line, Mm(start.mm + dash.mm), Mm(dash.mm + (label.mm if index == 0 else 0)))
            if index == 0:
                line.paragraph_format.tab_stops.add_tab_stop(start)
                self.run(line, ADDRESSEE_LABEL).add_tab()
            self.run(line, f"- {name}{'.' if last else ','}")

    def _core_properties(self, doc_type: str, summary: str) -> None:
        """File properties a records office sees in Word's "Properties": the title and the
        real time the file was made (UTC: python-docx writes the time with a "Z" whatever
        its zone); the blank has the rest (`_own_properties`)."""
        props = self._document.core_properties
        props.title = xml_text(f"{doc_type.capitalize()} {summary}")
        _set_times(props, datetime.now(UTC).replace(microsecond=0))

    def _own_properties(self) -> None:
        """The properties every brief of a letterhead shares: the issuing body as author,
        Vietnamese, and phutrach with its version (in "Application" too)."""
        props = self._document.core_properties
        props.author = props.last_modified_by = xml_text(self.letterhead.issuing_body)
        props.language = "vi-VN"
        props.comments = f"Soạn bằng {generator()}"
        props.revision = 1
        _set_application(self._document, generator())

    # ---- body ----------------------------------------------------------------------------
    def part(self, title: str, *, prefix: str = "") -> str:
        """A part heading, numbered I, II…: "I. TÌNH HÌNH CHUNG" ("Phần I. …" with prefix
        "Phần "). Resets item numbering; returns the heading text."""
        self._parts += 1
        self._items = self._subitems = 0
        text = f"{prefix}{roman(self._parts)}. {title.upper()}"
        heading = self._para(before=12, after=6, indent=True, keep=True)
        self.run(heading, text, bold=True)
        return text

    def item(self, title: str) -> str:
        """An item heading inside a part, numbered 1, 2…: "1. Công tác chuẩn bị"."""
        self._items += 1
        self._subitems = 0
        text = f"{self._items}. {title}"
        heading = self._para(before=6, after=3, indent=True, keep=True)
        self.run(heading, text, bold=True)
        return text

    def subitem(self, title: str) -> str:
        """A sub-item inside an item, lettered a), b)…, bold italic."""
        self._subitems += 1
        text = f"{chr(ord('a') + self._subitems - 1)}) {title}"
        heading = self._para(before=3, after=3, indent=True, keep=True)
        self.run(heading, text, bold=True, italic=True)
        return text

    def paragraph(self, text: str = "", *, bold=False, italic=False, align=Align.JUSTIFY):
        """A body paragraph: justified, first line indented; returns it (add runs with
        `run(paragraph, text, bold=…)`)."""
        paragraph = self._para(align=align, after=6, indent=align == Align.JUSTIFY)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic)
        return paragraph

    def bullet(self, text: str):
        """A "- …" line, indented like a paragraph."""
        return self.paragraph(f"- {text}")

    def drafter_note(self, text: str = DRAFTER_NOTE):
        """A place left for the drafter, clearly marked: "[Phần này do người soạn thảo bổ sung]"."""
        return self.paragraph(f"[{text}]", italic=True)

    def page_break(self) -> None:
        """The next paragraph starts a new page (its page-break-before property: a paragraph
        holding only a break run, pushed to the top of a page by a full page, left a blank
        page before the annual report's appendix)."""
        self._break_before = True

    def table(
        self,
        columns: Sequence[ColumnSpec],
        rows: Sequence[Sequence[object]],
        *,
        widths_mm: Sequence[float] | None = None,
        align: Sequence[str | None] | None = None,
        bold_rows: Sequence[int] = (),
        font_size: float = 12,
    ):
        """A bordered table; `columns` names each column, or a group of columns as
        ("Kết quả", ["Đã dự", "Tỷ lệ"]), giving a two-row header with merged cells.
        Numbers are written the Vietnamese way and right-aligned; `align` overrides per column
        ("left", "center", "right"); `bold_rows` are body row indexes (a total line)."""
        if self._break_before:  # a table right after page_break(): a paragraph takes the break
            self._para()
        headers = _leaf_headers(columns)
        widths = [Mm(w) for w in widths_mm or [self.text_width.mm / len(headers)] * len(headers)]
        body = []
        for index, values in enumerate(rows):
            cells = []
            for col, value in enumerate(values):
                text, numeric = _cell_text(value)
                wanted = (align[col] if align else None) or ("right" if numeric else "left")
                cells.append((text, _ALIGN[wanted]))
            if len(cells) != len(widths):
                raise ValueError(f"row {index} has {len(cells)} cells, not {len(widths)}")
            body.append((cells, index in bold_rows))
        last = len(body) - 1
        if _lines(body, widths, font_size) <= WHOLE_TABLE_LINES:  # a short table never splits
            keep = set(range(last))
        else:  # the last two rows together (a total line never alone), bold rows with the one above
            keep = {last - 1} | {i - 1 for i in bold_rows if i > 0}
        anchor = self._body_end[1]
        intro = anchor.getprevious()
        if intro is not None and intro.tag == qn("w:p") and intro.find(_TEXT) is not None:
            ooxml.keep_with_next(intro)  # the caption or sentence that opens the table
        self._tables.append(
            ooxml.table_xml(_header_rows(columns), body, widths, font_size, keep=keep)
        )
        anchor.addprevious(etree.ProcessingInstruction(_SLOT_NAME, str(len(self._tables) - 1)))
        self._para(after=6)  # air after the table

    def picture(self, png: bytes, *, width_mm: float = 150, caption: str | None = None):
        """A PNG picture (a chart), centred, at most the text width; an italic caption under."""
        width = Mm(min(width_mm, self.text_width.mm))
        paragraph = self._para(align=Align.CENTER, before=6)
        run = paragraph.add_run()
        run.add_picture(BytesIO(png), width=width)
        ooxml.set_fonts(run._r)
        if caption:
            ooxml.keep_with_next(paragraph._p)
            self.run(self._para(align=Align.CENTER, after=6), caption, size=13, italic=True)
        return paragraph

    # ---- closing -------------------------------------------------------------------------
    def signature(self) -> None:
        """ "Nơi nhận:" and its list (left), the signature block (right), side by side: the
        committee's signer under its authority and title, or the member who reports."""
        lh = self.letterhead
        last = self._body_end[1].getprevious()
        if last is not None and last.tag == qn("w:p"):  # the closing starts on its page
            ooxml.keep_with_next(last)
        self._para(after=6, keep=True)
        heading: tuple[str, ...] = (REPORTER,)
        name = self.reporter
        if self.reporter is None:
            heading, name = (lh.signer_prefix, lh.signer_title), lh.signer_name
        table = _closing(lh, self.route.printed_recipients, heading, bool(name)).__copy__()
        self._body_end[1].addprevious(table)
        for text in table.iter(qn("w:t")):  # the signer's name, in its slot
            if text.text == NAME_SLOT:
                text.text = shown = xml_text(name or "")
                if shown != shown.strip() or "  " in shown:
                    text.set(qn("xml:space"), "preserve")

    def _closing_table(self, recipients: Sequence[str], heading: Sequence[str], named: bool):
        """The closing table (see `signature`), the signer's name a slot; returns its w:tbl."""
        left = Mm(self.text_width.mm * HEADER_LEFT_SHARE)
        table = self._document.add_table(rows=1, cols=2)
        ooxml.table_borders(table, "nil")
        ooxml.fixed_layout(table, [left, Mm(self.text_width.mm - left.mm)])
        cell, signer = table.rows[0].cells
        table.rows[0]._tr.get_or_add_trPr().append(ooxml.element("w:cantSplit"))
        self._recipients(cell, recipients)
        for line in heading:
            if line:
                self.run(self._para(signer, align=Align.CENTER), line.upper(), bold=True)
        for _line in range(SIGNATURE_SPACE_LINES):
            self._para(signer, align=Align.CENTER)
        if named:
            self.run(self._para(signer, align=Align.CENTER), NAME_SLOT, bold=True)
        return table._tbl

    def _recipients(self, cell, names: Sequence[str]) -> None:
        """ "Nơi nhận:" (the word underlined, 14 pt) and one "- …," line per recipient in
        12 pt, the last ending with a full stop; nothing when there is none."""
        if not names:
            self._para(cell, align=Align.LEFT)
            return
        label = self._para(cell, align=Align.LEFT)
        self.run(label, "Nơi nhận", size=RECIPIENTS_LABEL_PT, underline=True)
        self.run(label, ":", size=RECIPIENTS_LABEL_PT)
        dash = _em(DASH_EM, RECIPIENTS_PT)
        for index, name in enumerate(names):
            end = "." if index == len(names) - 1 else ","
            line = self._para(cell, align=Align.LEFT)
            _hanging(line, dash, dash)
            self.run(line, f"- {name}{end}", size=RECIPIENTS_PT)

    def save(self, path: Path | str, *, sync_dir: bool = True) -> str:
        """Write the document atomically (owner-only if confidential); returns its SHA-256.
        `sync_dir` as store.core.files.atomic_write's (a batch syncs its folder once)."""
        return save_docx(self._document, path, confidential=self.confidential,
                         sync_dir=sync_dir, body=self.xml())  # fmt: skip


@cache
def generator() -> str:
    """ "phutrach 0.1.0": what made the file, for its properties."""
    try:
        return f"phutrach {version('phutrach')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "phutrach"


def _set_times(props, when: datetime) -> None:
    """Created and modified: the template's elements take the time as text (python-docx's
    setters rebuild them and their namespace each time, a third of a millisecond a brief)."""
    stamp = when.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    for tag in ("dcterms:created", "dcterms:modified"):
        element = props._element.find(qn(tag))
        if element is None:
            setattr(props, tag.split(":")[1], when)
        else:
            element.text = stamp


_APPLICATION = re.compile(rb"<Application>[^<]*</Application>")


def _set_application(document, name: str) -> None:
    """The "Application" of docProps/app.xml (python-docx's template says Microsoft Word)."""
    part = document.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    tag = f"<Application>{name}</Application>".encode()
    part._blob = _APPLICATION.sub(tag, part.blob, count=1)


_TEXT = f".//{qn('w:t')}"
_SLOT_NAME = "phutrach-table"  # the processing instruction that holds a table's place
_SLOT = re.compile(rb"<\?phutrach-table (\d+)\?>")
_ALIGN = {"left": Align.LEFT, "center": Align.CENTER, "right": Align.RIGHT}


def _em(em: float, size_pt: float) -> Mm:
    """`em` ems of a `size_pt` font, in mm."""
    return Mm(em * size_pt * 25.4 / 72)


def _hanging(paragraph, left: Mm, hang: Mm) -> None:
    """Indent `paragraph` by `left`, its first line `hang` less: a wrapped line of a "- …"
    list starts under the text, not under the dash."""
    paragraph.paragraph_format.left_indent = left
    paragraph.paragraph_format.first_line_indent = Mm(-hang.mm)


@lru_cache(maxsize=8)
def _blank(lh: Letterhead, *, numbered: bool):
    """The empty document of a letterhead, made and parsed once per process (a batch of
    briefs shares one letterhead): page, styles, page numbers and header block; the header
    block's number (when `numbered`: a committee's document) and date are slots that
    `_fill_header` fills. Its package, read back from its own bytes as every brief's start;
    the parts a brief never changes (all but the body and the core properties) are packed
    once for `docx_bytes`, and shared by every brief made from it (`_fresh`)."""
    shell = object.__new__(PartyDocument)
    shell.letterhead, shell._document = lh, new_document()
    shell._page_setup()
    shell._styles()
    shell._page_numbers()
    shell._header_block(NUMBER_SLOT if numbered else None, DATE_SLOT)
    shell._own_properties()
    buffer = BytesIO()
    shell._document.save(buffer)
    document = docx.Document(BytesIO(buffer.getvalue()))
    package = document.part.package
    vars(document.part).pop("document", None)  # each brief gets its own Document (_fresh)
    for part in _shared(package):
        pack_once(part)
    return package


@lru_cache(maxsize=32)
def _closing(lh: Letterhead, recipients: tuple[str, ...], heading: tuple[str, ...], named: bool):
    """The closing table of a letterhead's briefs with these recipients and signature
    heading, made once (python-docx's table and cell setters cost more than the rest of a
    short brief); `signature` copies it and writes the name into its slot."""
    shell = object.__new__(PartyDocument)
    shell.letterhead, shell._document = lh, _fresh(_blank(lh, numbered=False))
    table = shell._closing_table(recipients, heading, named)
    table.getparent().remove(table)
    return table


def _shared(package) -> list:
    """The parts of a blank that briefs share: every one but the body and core properties."""
    own = (package.main_document_part, package.part_related_by(RT.CORE_PROPERTIES))
    return [part for part in package.iter_parts() if part not in own]


def _fresh(package):
    """A new Document from a blank's package: its own body, core properties and package
    (where pictures go), the other parts shared, never changed by a brief (the tests make
    two briefs in a row and compare each with the same brief made alone)."""
    memo: dict = {id(part): part for part in _shared(package)}
    return copy.deepcopy(package, memo).main_document_part.document


def _lines(body, widths: Sequence[Mm], size_pt: float) -> int:
    """About how many lines the body rows take: a row is as tall as its longest cell, whose
    text fills its width at CHAR_EM a character (an estimate, no font at hand)."""
    char_mm = size_pt * CHAR_EM * 25.4 / 72
    per_line = [max(1, int((w.mm - CELL_MARGINS_MM) / char_mm)) for w in widths]
    return sum(
        max(-(-len(text) // n) or 1 for (text, _align), n in zip(cells, per_line, strict=True))
        for cells, _bold in body
    )


HeaderCell = tuple[str, int, str | None]  # text, columns spanned, vertical merge


def _header_rows(columns: Sequence[ColumnSpec]) -> list[list[HeaderCell]]:
    """The header rows as (text, columns spanned, vertical merge) cells: one row, or two when
    a group of columns is named above its sub-columns (single columns merged down)."""
    if all(isinstance(c, str) for c in columns):
        return [[(c, 1, None) for c in _leaf_headers(columns)]]
    top: list[HeaderCell] = []
    below: list[HeaderCell] = []
    for spec in columns:
        if isinstance(spec, str):
            top.append((spec, 1, "restart"))
            below.append(("", 1, "continue"))
        else:
            top.append((spec[0], len(spec[1]), None))
            below.extend((sub, 1, None) for sub in spec[1])
    return [top, below]


def _leaf_headers(columns: Sequence[ColumnSpec]) -> list[str]:
    out: list[str] = []
    for spec in columns:
        out.extend([spec] if isinstance(spec, str) else spec[1])
    return out


@lru_cache(maxsize=4096, typed=True)  # typed: 1 is a number, True is "Có"
def _cell_text(value: object) -> tuple[str, bool]:
    """A cell's text, and whether it is a number (right-aligned): numbers, and strings made of
    figures only ("94,7%", "142/150 (94,7%)")."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("Có" if value else "Không"), False
    if isinstance(value, int | float):
        return vn_number(value), True
    text = str(value)
    numeric = any(c.isdigit() for c in text) and all(c in "0123456789.,%/()+- " for c in text)
    return text, numeric
