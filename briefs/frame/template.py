"""The blank document every brief starts from: python-docx's default template, slimmed and
set in Times New Roman once, then reused as bytes (reading it is most of a brief's cost)."""

from functools import cache
from io import BytesIO

import docx
from docx.oxml.ns import qn

from briefs.frame import ooxml

# The styles a brief uses (and the defaults Word expects); the other ~150 only cost time.
KEEP_STYLES = {
    "Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header",
    "HeaderChar", "Footer", "FooterChar",
}  # fmt: skip
# Parts a brief never uses: each costs time to read and to write again.
_DROPPED_RELS = ("/stylesWithEffects", "/metadata/thumbnail", "/webSettings", "/fontTable",
                 "/theme", "/customXml", "/numbering")  # fmt: skip


def new_document():
    """A fresh python-docx Document in the frame's fonts, language and styles."""
    return docx.Document(BytesIO(_template()))


@cache
def _template() -> bytes:
    document = docx.Document()
    _drop_parts(document)
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))  # Word's defaults for the ~260 unused styles
    if latent is not None:
        styles.remove(latent)
    default_rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.set_fonts(default_rpr)
    ooxml.set_language(default_rpr)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            ooxml.set_fonts(style)
    normal = document.styles["Normal"].paragraph_format
    normal.space_before = normal.space_after = 0
    normal.line_spacing = 1.0
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _drop_parts(document) -> None:
    """Leave out Word 2010's duplicate styles and the template's stale thumbnail."""
    for part in (document.part.package, document.part):
        for rid, rel in list(part.rels.items()):
            if rel.reltype.endswith(_DROPPED_RELS):
                del part.rels[rid]
