"""Atomic saving and predictable file names."""

import hashlib
import os

import docx
import pytest

from briefs.frame.write import ascii_name, brief_filename, save_docx, sweep_orphans
from store.core.errors import PhutrachError


def _document(text: str):
    document = docx.Document()
    document.add_paragraph(text)
    return document


def test_save_returns_the_sha256_and_replaces_the_old_file(tmp_path):
    path = tmp_path / "out" / "brief.docx"
    first = save_docx(_document("một"), path)
    second = save_docx(_document("hai"), path)
    assert second == hashlib.sha256(path.read_bytes()).hexdigest() != first
    assert docx.Document(str(path)).paragraphs[0].text == "hai"
    assert sorted(p.name for p in path.parent.iterdir()) == ["brief.docx"]  # no temp left


def test_modes(tmp_path):
    save_docx(_document("x"), tmp_path / "plain.docx")
    save_docx(_document("x"), tmp_path / "secret.docx", confidential=True)
    assert (tmp_path / "plain.docx").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "secret.docx").stat().st_mode & 0o777 == 0o600


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "brief.docx"
    save_docx(_document("cũ"), path)

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(PhutrachError, match="Không ghi được báo cáo"):
        save_docx(_document("mới"), path)
    assert docx.Document(str(path)).paragraphs[0].text == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]


def test_file_names_are_ascii_and_readable():
    assert (
        brief_filename("BC dự sinh hoạt", "Nguyễn Văn An", "2026-Q3", False)
        == "BC-du-sinh-hoat-2026-Q3-Nguyen-Van-An.docx"
    )
    assert (
        brief_filename("KH tạo nguồn", "Chi bộ thôn Đông / Đình", "2026", True)
        == "KH-tao-nguon-2026-Chi-bo-thon-Dong-Dinh-MAT.docx"
    )
    assert brief_filename("BC", None, None, False) == "BC.docx"
    long = brief_filename("BC", "Ấp " * 100, "2026", False)
    assert len(long) <= 120 + len(".docx") and long.isascii()


def test_a_stored_escape_sequence_leaves_no_letters_in_the_file_name():
    hostile = "Đảng bộ xã Tân \x1b[2J\x1b]0;X\x07Tiến"
    assert brief_filename("BC", hostile, "2026", False) == "BC-2026-Dang-bo-xa-Tan-Tien.docx"


def test_ascii_name_keeps_case_and_folds_every_vietnamese_letter():
    assert ascii_name("ĐẢNG ỦY Xã Đông Hưng") == "DANG-UY-Xa-Dong-Hung"
    assert ascii_name("ữ ặ ộ ờ ỷ ỹ đ").isascii()


def test_orphaned_temp_files_are_swept_but_a_live_writers_are_kept(tmp_path):
    old = tmp_path / ".BC-a.docx.k3j2.tmp"
    fresh = tmp_path / ".BC-b.docx.x9q1.tmp"
    zipped = tmp_path / ".BC-2026-Q3.zip.p0w2.tmp"
    other = tmp_path / ".notes.txt.tmp"
    for path in (old, fresh, zipped, other):
        path.write_bytes(b"half")
    long_ago = old.stat().st_mtime - 3600
    for path in (old, zipped, other):
        os.utime(path, (long_ago, long_ago))
    removed = sweep_orphans(tmp_path)
    assert sorted(p.name for p in removed) == sorted([old.name, zipped.name])
    assert fresh.exists() and other.exists() and not old.exists()
