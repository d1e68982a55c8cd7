"""Saving briefs: atomically (store.core.files: temp file, fsync, rename), owner-only when
confidential, under predictable ASCII file names that still read as Vietnamese, and the
text cleaned of what an XML document (so Word) cannot hold."""

import hashlib
import html
import re
import zipfile
from io import BytesIO
from pathlib import Path

from store.core.errors import PhutrachError
from store.core.files import atomic_write, sweep_temp
from store.lang.i18n import _
from store.lang.text import fold, plain

MAX_NAME = 120  # characters before ".docx", well under every file system's limit
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)}
DIGEST = 6  # hex digits that tell two names apart (a shortened name, a clash in one folder)
# What XML 1.0 allows: tab, newline, carriage return and the printable planes; not the other
# control characters, U+FFFE/U+FFFF or lone surrogates (a hostile import can store them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` without the characters Word cannot hold: lxml refuses them, and a brief would
    fail after its number was taken. A terminal escape sequence an older version stored goes
    whole (store.lang.text.plain): "X\\x1b[2J" prints "X", not "X[2J"."""
    return _NOT_XML.sub("", plain(text))


def digest(text: str) -> str:
    """A short stable tag of `text`, for names that must differ: "3f9a1c"."""
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:DIGEST]


def identity_mark(key: str) -> str:
    """What a brief's document properties (dc:identifier) hold to name its identity, so that
    a file a killed batch renamed into place but never logged is still known as its own."""
    return f"phutrach:{key}"


def marked_identity(path: Path) -> str | None:
    """The identity mark in the .docx at `path`, or None (not a brief, not readable)."""
    try:
        with zipfile.ZipFile(path) as package:
            core = package.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = re.search(r"<dc:identifier>([^<]*)</dc:identifier>", core)
    return html.unescape(found.group(1)) if found else None


def save_docx(document, path: Path | str, *, confidential: bool = False, sync_dir=True) -> str:
    """Write a python-docx `document` to `path` atomically; returns the file's SHA-256.

    Readers see the old file or the new one, never half of one. Confidential briefs are
    readable by their owner only (0600), others 0644. A batch writing many files into one
    folder passes `sync_dir=False` and calls `store.core.files.sync_folder` once at the end.
    """
    buffer = BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path, private=confidential, sync_dir=sync_dir) as out:
            out.write(data)
    except OSError as exc:
        raise PhutrachError(
            _("Cannot write the brief {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    return hashlib.sha256(data).hexdigest()


def sweep_orphans(folder: Path, now: float | None = None) -> list[Path]:
    """Remove what a killed writer left in `folder` (store.core.files.sweep_temp: older than
    a minute, locked by nobody, so that a batch writing there right now keeps its own): temp
    files (".NAME.docx.XXXX.tmp", zips alike, the marker a brief holds its name with:
    briefs.batch.claim) and the PDF converter's temp folders (".phutrach.pdf.XXXX.tmp").
    Returns what was removed."""
    return [
        tmp for targets in ("*.docx", "*.zip", "*.pdf") for tmp in sweep_temp(folder, targets, now)
    ]


def ascii_name(text: str) -> str:
    """ "Nguyễn Văn Ấn" → "Nguyen-Van-An": diacritics folded (case kept), words joined by
    hyphens, anything else dropped; a stored escape sequence goes whole ("Tân \\x1b[2JTiến" →
    "Tan-Tien", not "Tan-2JTien")."""
    folded = "".join(fold(ch).upper() if ch.isupper() else fold(ch) or ch for ch in plain(text))
    return "-".join(re.findall(r"[A-Za-z0-9]+", folded))


def brief_filename(kind: str, scope_name: str | None, period: str | None, confidential: bool):
    """A predictable file name: "BC-du-sinh-hoat-2026-Q3-Nguyen-Van-An.docx", with "-MAT"
    for confidential briefs. `kind` is the brief's short readable label, type code first
    ("BC dự sinh hoạt").

    ASCII letters, digits and hyphens only: nothing Windows or Word refuses (no reserved
    name such as CON, no trailing dot or space, no byte beyond ASCII). A name over MAX_NAME
    is cut and ends with a digest of the whole: two long names differing at their end stay
    apart."""
    parts = [ascii_name(p) for p in (kind, period or "", scope_name or "")]
    stem = "-".join(p for p in parts if p) or "brief"
    if stem.upper() in _RESERVED:  # "CON.docx" cannot be made on Windows
        stem = f"brief-{stem}"
    if len(stem) > MAX_NAME:
        stem = f"{stem[: MAX_NAME - DIGEST - 1].rstrip('-')}-{digest(stem)}"
    return f"{stem}{'-MAT' if confidential else ''}.docx"


def variants(name: str, tag: str, count: int = 9):
    """The names a brief tries when `name` belongs to another brief: "X-<tag>.docx", then
    "X-<tag>-2.docx"… (`tag` from the brief's identity: the same name from one run to the
    next)."""
    path = Path(name)
    yield name
    yield f"{path.stem}-{tag}{path.suffix}"
    for n in range(2, count + 2):
        yield f"{path.stem}-{tag}-{n}{path.suffix}"
