"""Issue 14.7, PDF beside the .docx: the message saying what to install when LibreOffice is
missing, a converter that hangs or fails (fake `soffice` scripts, always run), and a real
conversion when LibreOffice is installed (skipped otherwise)."""

import os
import shutil
import stat
import sys

import pytest

from briefs import pdf
from briefs.batch import Job, generate
from store.core import db as store_db
from tests.briefs import district
from tests.briefs.district import TODAY

posix = pytest.mark.skipif(sys.platform == "win32", reason="fake soffice is a shell script")


def _fake_soffice(folder, body: str) -> str:
    """A PATH whose first `soffice` runs `body` (sh)."""
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def test_without_libreoffice_one_message_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"x")
    with pytest.raises(pdf.NoLibreOffice) as raised:
        pdf.to_pdf([doc])
    message = raised.value.message
    assert "libreoffice-writer-nogui" in message and "https://www.libreoffice.org" in message
    assert "Cần LibreOffice" in message  # translated
    assert list(tmp_path.iterdir()) == [doc]


@posix
def test_a_converter_that_hangs_is_stopped_and_said(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _fake_soffice(tmp_path / "bin", "sleep 60"))
    monkeypatch.setattr(pdf, "START_SECONDS", 1)
    monkeypatch.setattr(pdf, "SECONDS_PER_FILE", 0)
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"x")
    (outcome,) = pdf.to_pdf([doc])
    assert not outcome.ok and "1 giây" in outcome.error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "bin"]  # no temp folder


@posix
def test_a_converter_that_fails_says_why_and_what_it_made_is_kept(tmp_path, monkeypatch):
    # Makes the PDF of the first file only, then fails as soffice does on a file it cannot open.
    body = 'while [ "$1" != "--outdir" ]; do shift; done; dir="$2"; shift 2\n'
    body += 'printf "%%PDF-1.7" > "$dir/$(basename "$1" .docx).pdf"\n'
    body += 'echo "Error: source file could not be loaded" >&2; exit 1'
    monkeypatch.setenv("PATH", _fake_soffice(tmp_path / "bin", body))
    docs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for doc in docs:
        doc.write_bytes(b"x")
    docs[0].chmod(0o600)
    seen = []
    made = pdf.to_pdf(docs, lambda done, total, _o: seen.append((done, total)))
    assert [o.ok for o in made] == [True, False]
    assert made[0].pdf.read_bytes() == b"%PDF-1.7"
    assert stat.S_IMODE(made[0].pdf.stat().st_mode) == 0o600  # as private as its .docx
    assert made[1].error == "Error: source file could not be loaded"
    assert seen == [(1, 2), (2, 2)]


@pytest.mark.skipif(pdf.converter() is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_a_batch_beside_the_docx(db_path, tmp_path):
    db = store_db.connect(db_path)
    ids = district.build(db)
    db.close()
    jobs = [Job("unit", ids["a"], "2026-Q3"), Job("unit", ids["cty"], "2026-Q3", True)]
    out = tmp_path / "out"
    outcomes = generate(db_path, jobs, out, workers=1, on=TODAY)
    seen = []
    made = pdf.to_pdf([o.path for o in outcomes], lambda d, t, _o: seen.append(d), chunk=1)
    assert [m.error for m in made] == [None, None] and seen == [1, 2]
    for outcome, result in zip(outcomes, made, strict=True):
        assert result.pdf == outcome.path.with_suffix(".pdf")
        assert result.pdf.read_bytes().startswith(b"%PDF")
        mode = stat.S_IMODE(result.pdf.stat().st_mode)
        assert mode == (0o600 if outcome.job.confidential else 0o644)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
