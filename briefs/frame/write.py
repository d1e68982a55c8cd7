"""Saving briefs: atomically (store.core.files: temp file, fsync, rename), owner-only when
confidential, under predictable ASCII file names that still read as Vietnamese, and the
text cleaned of what an XML document (so Word) cannot hold."""

import hashlib
import html
import re
import struct
import time
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from weakref import WeakKeyDictionary

from docx.opc.oxml import CT_Relationships
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import _ContentTypesItem

from store.core.errors import PhutrachError
from store.core.files import atomic_write, sweep_temp
from store.lang.i18n import _
from store.lang.text import fold, plain

MAX_NAME = 120  # characters before ".docx", well under every file system's limit
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)}
# A brief's own parts (its body, a chart) deflated fast: three times quicker than zlib's
# default for a file a third larger (a supervisor's quarter: 6 KB, not 5).
FAST = 1
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


def save_docx(document, path: Path | str, *, confidential: bool = False, sync_dir=True,
              body: bytes | None = None) -> str:  # fmt: skip
    """Write a python-docx `document` to `path` atomically; returns the file's SHA-256.

    Readers see the old file or the new one, never half of one. Confidential briefs are
    readable by their owner only (0600), others 0644. A batch writing many files into one
    folder passes `sync_dir=False` and calls `store.core.files.sync_folder` once at the end.
    `body`: word/document.xml when the caller has it (briefs.frame.document's `xml`).
    """
    data = docx_bytes(document, level=FAST, body=body)
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


class Member(NamedTuple):
    """One zip member, deflated: its name, CRC-32, size and packed bytes."""

    name: bytes
    crc: int
    size: int
    packed: bytes


_PACKED: "WeakKeyDictionary[object, Member]" = WeakKeyDictionary()


def pack_once(part) -> None:
    """Keep the zip member of `part`, a part no brief changes (a blank's styles, settings,
    headers: briefs.frame.document), packed: `docx_bytes` copies it as it is."""
    _PACKED[part] = _member(part.partname.membername, part.blob)


def docx_bytes(
    document, level: int = zlib.Z_DEFAULT_COMPRESSION, body: bytes | None = None
) -> bytes:
    """The .docx of a python-docx `document`, as its `save()` writes it (the same members in
    the same order, deflated alike unless `level` says how), but each part packed once
    (`pack_once`) is copied, not serialized and deflated again: a brief serializes only its
    body and properties; `body`, when given, is written as the body's XML."""
    package = document.part.package
    main = document.part
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    types = _types(tuple((str(part.partname), part.content_type) for part in parts))
    members = [_member("[Content_Types].xml", types), _member("_rels/.rels", _rels(package.rels))]
    for part in parts:
        name = part.partname.membername
        blob = body if body is not None and part is main else part.blob
        members.append(_PACKED.get(part) or _member(name, blob, level))
        if len(part.rels):
            members.append(_member(part.partname.rels_uri.membername, _rels(part.rels)))
    return _zip(members)


class _Named(NamedTuple):
    partname: PackURI
    content_type: str


@lru_cache(maxsize=16)
def _types(parts: tuple[tuple[str, str], ...]) -> bytes:
    """[Content_Types].xml of parts (name, content type), as python-docx writes it."""
    return _ContentTypesItem.from_parts([_Named(PackURI(n), t) for n, t in parts]).blob


def _rels(rels) -> bytes:
    """A .rels item, as python-docx writes it (`Relationships.xml`), made once per content."""
    return _rels_xml(tuple((r.rId, r.reltype, r.target_ref, r.is_external) for r in rels.values()))


@lru_cache(maxsize=64)
def _rels_xml(rels: tuple[tuple[str, str, str, bool], ...]) -> bytes:
    element = CT_Relationships.new()
    for rel in rels:
        element.add_rel(*rel)
    return element.xml


@lru_cache(maxsize=64)  # the small parts every brief repeats (rels, content types)
def _small(name: str, data: bytes) -> Member:
    return _deflate(name, data)


def _member(name: str, data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> Member:
    return _small(name, data) if len(data) < 4096 else _deflate(name, data, level)


def _deflate(name: str, data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> Member:
    """As zipfile deflates (raw deflate, at its default level unless told)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    return Member(name.encode("ascii"), zlib.crc32(data), len(data), packed)


# zipfile's own layouts (local header, central directory entry, end of the directory).
_LOCAL, _CENTRAL, _END = "<4s2B4HL2L2H", "<4s4B4HL2L5H2L", "<4s4H2LH"
_VERSION, _UNIX, _MODE = 20, 3, 0o600 << 16  # what zipfile writes for a member on Linux


def _zip(members: list[Member]) -> bytes:
    """The zip zipfile.ZipFile(…, ZIP_DEFLATED).writestr() makes of `members`, stamped now."""
    y, mo, d, h, mi, sec = time.localtime(time.time())[:6]
    dos_time, dos_date = h << 11 | mi << 5 | sec // 2, (y - 1980) << 9 | mo << 5 | d
    out, central = bytearray(), bytearray()
    deflated = zipfile.ZIP_DEFLATED
    for m in members:
        stamp = (deflated, dos_time, dos_date, m.crc, len(m.packed), m.size, len(m.name))
        central += struct.pack(_CENTRAL, b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, 0,
                               *stamp, 0, 0, 0, 0, _MODE, len(out))  # fmt: skip
        central += m.name
        out += struct.pack(_LOCAL, b"PK\x03\x04", _VERSION, 0, 0, *stamp, 0)
        out += m.name
        out += m.packed
    start = len(out)
    out += central
    out += struct.pack(_END, b"PK\x05\x06", 0, 0, len(members), len(members), len(central),
                       start, 0)  # fmt: skip
    return bytes(out)


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
