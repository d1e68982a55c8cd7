"""The WordprocessingML python-docx has no API for: all four font slots, borders, fields,
repeated table headers, rows that never split, keep-with-next and page-break-before.
Elements are inserted in schema order, which Word insists on."""

from collections.abc import Collection, Sequence
from functools import cache, lru_cache

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm
from lxml import etree

from briefs.frame.write import xml_text

FONT = "Times New Roman"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SLOTS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

# Successors of an element in its parent's sequence (ECMA-376 part 1, 17.3 and 17.4).
_AFTER_RFONTS = (
    "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
    "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
    "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLBORDERS = (
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
    "w:tblPrChange",
)  # fmt: skip
_AFTER_TBLLAYOUT = _AFTER_TBLBORDERS[2:]
_AFTER_TCBORDERS = (
    "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip


def set_fonts(rpr_parent, name: str = FONT) -> None:
    """Put `name` in all four font slots of the rPr of `rpr_parent` (a run, a style, or the
    document defaults' rPr itself), dropping theme fonts that would override it."""
    rpr = rpr_parent if rpr_parent.tag == qn("w:rPr") else rpr_parent.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert_element_before(rfonts, *_AFTER_RFONTS)
    for slot in FONT_SLOTS:
        rfonts.set(qn(f"w:{slot}"), name)
    for slot in _THEME_SLOTS:
        rfonts.attrib.pop(qn(f"w:{slot}"), None)


def font_slots(run_or_style_element) -> dict[str, str | None]:
    """The four font slots of an element's rPr (tests and checks)."""
    rpr = run_or_style_element.find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return {s: rfonts.get(qn(f"w:{s}")) if rfonts is not None else None for s in FONT_SLOTS}


def set_complex_size(rpr_parent, half_points: int) -> None:
    """Size of complex-script text (w:szCs), which python-docx's `font.size` leaves out."""
    rpr = rpr_parent if rpr_parent.tag == qn("w:rPr") else rpr_parent.get_or_add_rPr()
    el = rpr.find(qn("w:szCs"))
    if el is None:
        el = OxmlElement("w:szCs")
        rpr.insert_element_before(el, *_AFTER_RFONTS[_AFTER_RFONTS.index("w:szCs") + 1 :])
    el.set(qn("w:val"), str(half_points))


def set_language(rpr, tag: str = "vi-VN") -> None:
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.insert_element_before(el, *_AFTER_RFONTS[_AFTER_RFONTS.index("w:lang") + 1 :])
    el.set(qn("w:val"), tag)


def paragraph_border(paragraph, sides=("bottom",), *, size: int = 6, space: int = 1) -> None:
    """A single line on `sides` of a paragraph; `size` in eighths of a point."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            line = OxmlElement(f"w:{side}")
            for attr, value in (("val", "single"), ("sz", size), ("space", space),
                                ("color", "auto")):  # fmt: skip
                line.set(qn(f"w:{attr}"), str(value))
            pbdr.append(line)
    ppr.insert_element_before(pbdr, *_AFTER_PBDR)


def table_borders(table, value: str) -> None:
    """All borders of a table, inner ones included: "nil" (none) or "single"."""
    tblpr = table._tbl.tblPr
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), value)
        if value != "nil":
            for attr, v in (("sz", "4"), ("space", "0"), ("color", "auto")):
                line.set(qn(f"w:{attr}"), v)
        borders.append(line)
    tblpr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def fixed_layout(table, widths: list[Length]) -> None:
    """Column widths that Word and LibreOffice both keep: fixed layout, grid and cells."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    if tblpr.find(qn("w:tblLayout")) is None:
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tblpr.insert_element_before(layout, *_AFTER_TBLLAYOUT)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def repeat_as_header(row) -> None:
    """Repeat this table row at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def add_field(paragraph, instruction: str, shown: str = "2") -> list:
    """A field (e.g. "PAGE") as begin/instruction/separate/result/end runs; returns the runs."""
    runs = [paragraph.add_run() for _i in range(5)]
    for run, kind in ((runs[0], "begin"), (runs[2], "separate"), (runs[4], "end")):
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run._r.append(mark)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    runs[1]._r.append(text)
    runs[3].text = shown
    return runs


def field_instructions(element) -> list[str]:
    """The instructions of the complex fields under `element` (tests and checks)."""
    return [el.text.strip() for el in element.iter(qn("w:instrText")) if el.text]


def element(tag: str, **attributes: str):
    """A new WordprocessingML element: element("w:cantSplit"), element("w:jc", val="center")."""
    el = OxmlElement(tag)
    for name, value in attributes.items():
        el.set(qn(f"w:{name}"), value)
    return el


@cache
def _run_properties(size_pt: float, bold: bool, italic: bool, underline: bool):
    half = round(size_pt * 2)
    fonts = " ".join(f'w:{slot}="{FONT}"' for slot in FONT_SLOTS)
    flags = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    line = '<w:u w:val="single"/>' if underline else ""
    return parse_xml(
        f"<w:rPr {nsdecls('w')}><w:rFonts {fonts}/>{flags}"
        f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>{line}</w:rPr>'
    )


def format_run(run, size_pt: float, *, bold=False, italic=False, underline=False) -> None:
    """Give `run` the frame's font in all four slots, a size, and bold/italic/underline:
    a copy of a ready-made rPr, much faster than python-docx's property setters."""
    r = run._r
    if r.rPr is not None:
        r.remove(r.rPr)
    r.insert(0, _run_properties(float(size_pt), bold, italic, underline).__copy__())


@cache
def _paragraph(align: int, before: float, after: float, indent: bool, keep: bool):
    """A w:p with these properties and nothing else: `new_paragraph` copies it."""
    jc = {0: "left", 1: "center", 2: "right", 3: "both"}[align]
    first = f'<w:ind w:firstLine="{Mm(10).twips}"/>' if indent else ""
    return parse_xml(
        f"<w:p {nsdecls('w')}><w:pPr>{'<w:keepNext/>' if keep else ''}<w:spacing "
        f'w:before="{round(before * 20)}" w:after="{round(after * 20)}"/>{first}'
        f'<w:jc w:val="{jc}"/></w:pPr></w:p>'
    )


@cache
def _run(size_pt: float, bold: bool, italic: bool, underline: bool):
    """A w:r in the frame's font with an empty w:t: `new_run` copies it."""
    rpr = _rpr_xml(size_pt, bold, italic, underline)
    return parse_xml(f"<w:r {nsdecls('w')}>{rpr}<w:t/></w:r>")


_SPACE = qn("xml:space")


def new_paragraph(parent, align, space_before: float, space_after: float, indent: bool, *,
                  anchor=None, keep: bool = False):  # fmt: skip
    """A w:p with its spacing (pt), first-line indent and alignment (and, with `keep`, kept
    with the next), appended to `parent` (or put before `anchor`, e.g. the body's sectPr):
    lxml directly, without python-docx's property setters, which search the schema order
    at every step."""
    p = _paragraph(int(align), float(space_before), float(space_after), indent, keep).__copy__()
    if anchor is not None:  # lxml copies the whole element, without copy.deepcopy's memo
        anchor.addprevious(p)
    else:
        parent.append(p)
    return p


def new_run(p, text: str, size_pt: float, bold=False, italic=False, underline=False):
    """A w:r in the frame's font, holding `text` (spaces kept), appended to the w:p `p`."""
    r = _run(float(size_pt), bold, italic, underline).__copy__()
    t = r[1]
    t.text = text = xml_text(text)
    if text != text.strip() or "  " in text:
        t.set(_SPACE, "preserve")
    p.append(r)
    return r


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})  # a quote stays, as in lxml
_JC = {0: "left", 1: "center", 2: "right", 3: "both"}


@lru_cache(maxsize=4096)  # a brief's tables repeat their cells ("0", "-", a date, a width)
def _cell_xml(text: str, align, width: int, run_props: str, extra: str = "",
              keep: bool = False) -> str:  # fmt: skip
    text = xml_text(text)
    shown = text.translate(_ESCAPES)  # as lxml writes text: xml_text left no CR
    space = ' xml:space="preserve"' if text != text.strip() else ""
    run = f"<w:r>{run_props}<w:t{space}>{shown}</w:t></w:r>" if text else ""
    keep_next = "<w:keepNext/>" if keep else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}<w:vAlign w:val="center"/>'
        f'</w:tcPr><w:p><w:pPr>{keep_next}<w:spacing w:before="0" w:after="0"/>'
        f'<w:jc w:val="{_JC[int(align)]}"/></w:pPr>{run}</w:p></w:tc>'
    )


@cache
def _rpr_xml(size_pt: float, bold: bool, italic: bool = False, underline: bool = False) -> str:
    """The w:rPr of `_run_properties` as XML text, for elements made from text."""
    rpr = _run_properties(size_pt, bold, italic, underline)
    return etree.tostring(rpr, encoding="unicode").replace(f" {nsdecls('w')}", "")


def table_xml(header, body, widths: Sequence[Length], size_pt: float, *,
              keep: Collection[int] = ()) -> str:  # fmt: skip
    """A bordered, fixed-layout w:tbl in the Table Grid style, as the XML text lxml writes of
    it inside a document (its namespace declared above it: `with_namespace` to parse it
    alone). Built as text: python-docx's cell lookups cost O(cells) each, far too slow for
    long tables, and a brief writes the text as it is (briefs.frame.document).

    `header`: rows of (text, columns spanned, vertical merge: None, "restart", "continue")
    cells, bold, centred, repeated on every page and kept with the first body row; `body`:
    rows of ((text, alignment) cells, bold) pairs; `keep`: the body rows kept on the page of
    the row after them. No row splits across pages (w:cantSplit). Keeping a row with the next
    is Word's own way: keep-with-next on the paragraphs of its cells."""
    twips = [w.twips for w in widths]
    grid = "".join(f'<w:gridCol w:w="{t}"/>' for t in twips)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:type="auto" w:w="0"/><w:tblBorders>{borders}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
        f'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    bold_props = _rpr_xml(float(size_pt), True)
    for row in header:
        parts.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>')
        col = 0
        for text, span, merge in row:
            extra = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            extra += {
                None: "",
                "restart": '<w:vMerge w:val="restart"/>',
                "continue": "<w:vMerge/>",
            }[merge]
            width = sum(twips[col : col + span])
            parts.append(_cell_xml(text, 1, width, bold_props, extra, keep=bool(body)))
            col += span
        parts.append("</w:tr>")
    for index, (cells, bold) in enumerate(body):
        props = _rpr_xml(float(size_pt), bool(bold))
        kept = index in keep
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.extend(
            _cell_xml(text, align, width, props, keep=kept)
            for (text, align), width in zip(cells, twips, strict=True)
        )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def with_namespace(table: str) -> str:
    """A `table_xml` text that parses alone: WordprocessingML's namespace declared on it."""
    return f"<w:tbl {nsdecls('w')}>" + table.removeprefix("<w:tbl>")


def keep_with_next(p) -> None:
    """Keep the w:p `p` on the page of what follows it (a caption with its table)."""
    _first_in_ppr(p, _KEEP_NEXT, (_PSTYLE,))


def page_break_before(p) -> None:
    """Start the w:p `p` on a new page: the paragraph's own property, not a break run (a
    paragraph holding only a break that lands at the top of a page leaves a blank page)."""
    _first_in_ppr(p, _PAGE_BREAK, (_PSTYLE, _KEEP_NEXT, qn("w:keepLines")))


_PPR, _PSTYLE, _KEEP_NEXT, _PAGE_BREAK = (
    qn("w:pPr"), qn("w:pStyle"), qn("w:keepNext"), qn("w:pageBreakBefore"),
)  # fmt: skip


def _first_in_ppr(p, tag: str, before: tuple[str, ...]) -> None:
    """Put an empty `tag` into the pPr of the w:p `p`, after the properties `before` it in
    the schema's order (the first ones of a pPr): lxml directly, where python-docx's
    insert_element_before tests the thirty that may follow it, one by one."""
    ppr = p[0] if len(p) and p[0].tag == _PPR else p.get_or_add_pPr()
    if ppr.find(tag) is None:
        index = 0
        while index < len(ppr) and ppr[index].tag in before:
            index += 1
        ppr.insert(index, ppr.makeelement(tag, {}))
