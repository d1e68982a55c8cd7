"""Saving briefs: atomically (store.core.files: temp file, fsync, rename), owner-only when
confidential, under predictable ASCII file names that still read as Vietnamese."""

import hashlib
import re
import time
from io import BytesIO
from pathlib import Path

from store.core.errors import PhutrachError
from store.core.files import atomic_write
from store.lang.i18n import _
from store.lang.text import fold

MAX_NAME = 120  # characters before ".docx", well under every file system's limit


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


STALE_SECONDS = 60  # a brief is written in milliseconds: an older temp file lost its writer


def sweep_orphans(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temp files a killed writer left in `folder` (".NAME.docx.XXXX.tmp", zips
    alike), older than STALE_SECONDS so that a batch writing there right now keeps its own.
    Returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for pattern in (".*.docx.*.tmp", ".*.zip.*.tmp"):
        for tmp in Path(folder).glob(pattern):
            try:
                if now - tmp.stat().st_mtime > STALE_SECONDS:
                    tmp.unlink()
                    removed.append(tmp)
            except OSError:
                continue  # gone meanwhile, or not ours to remove
    return removed


def ascii_name(text: str) -> str:
    """ "Nguyễn Văn Ấn" → "Nguyen-Van-An": diacritics folded (case kept), words joined by
    hyphens, anything else dropped."""
    folded = "".join(fold(ch).upper() if ch.isupper() else fold(ch) or ch for ch in text)
    return "-".join(re.findall(r"[A-Za-z0-9]+", folded))


def brief_filename(kind: str, scope_name: str | None, period: str | None, confidential: bool):
    """A predictable file name: "BC-du-sinh-hoat-2026-Q3-Nguyen-Van-An.docx", with "-MAT"
    for confidential briefs. `kind` is the brief's short readable label, type code first
    ("BC dự sinh hoạt")."""
    parts = [ascii_name(p) for p in (kind, period or "", scope_name or "")]
    stem = "-".join(p for p in parts if p)[:MAX_NAME].rstrip("-") or "brief"
    return f"{stem}{'-MAT' if confidential else ''}.docx"
