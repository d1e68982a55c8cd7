"""What makes a brief quick, kept honest: the letterhead's blank is parsed once per process
and its unchanged parts are shared and written from bytes packed once (briefs.frame.document
`_blank`, `_fresh`; briefs.frame.write `docx_bytes`). A brief must never change what the next
one starts from: each brief made after others equals the same brief made alone."""

import hashlib
import re
import time
import zipfile
from io import BytesIO

import docx
import pytest

from briefs.batch import Job, build
from briefs.frame import document as frame
from briefs.frame.write import docx_bytes
from store.core import db as store_db
from store.reports.letterhead import letterhead
from tests.briefs.conftest import DEMO_TODAY

_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def _parts(path) -> dict[str, str]:
    """Each zip member's digest, the creation and modification times left out."""
    with zipfile.ZipFile(path) as package:
        return {
            info.filename: hashlib.sha256(
                _TIMES.sub(rb"\1", package.read(info))
                if info.filename == "docProps/core.xml"
                else package.read(info)
            ).hexdigest()
            for info in package.infolist()
        }


@pytest.fixture(scope="module")
def jobs(demo):
    db = store_db.connect(demo)
    visit = db.execute("select max(id) from visits where status = 'done'").fetchone()[0]
    unit = db.execute("select id from units where kind = 'grassroots_committee'").fetchone()[0]
    db.close()
    return [
        Job("unit", unit, "2026", True),  # charts: a picture part of its own
        Job("visit", visit, None),
        Job("supervisor", 1, "2026-Q3"),
        Job("supervisor", 2, "2026-11", True),
        Job("annual", None, "2026"),  # the committee's: numbered, another blank
        Job("visit", visit, None),
    ]


def test_each_brief_after_others_equals_it_made_alone(demo, jobs, tmp_path):
    db = store_db.connect(demo)
    lh = letterhead(db)
    in_a_row = []
    for index, job in enumerate(jobs):
        (folder := tmp_path / f"row{index}").mkdir()
        outcome = build(db, job, folder, on=DEMO_TODAY, lh=lh)
        assert outcome.ok, outcome.error
        in_a_row.append(_parts(outcome.path))
    for index, job in enumerate(jobs):
        frame._blank.cache_clear()  # a fresh process: the blank made again, from nothing
        (folder := tmp_path / f"alone{index}").mkdir()
        outcome = build(db, job, folder, on=DEMO_TODAY, lh=lh)
        assert _parts(outcome.path) == in_a_row[index], job
    db.close()


def test_the_shared_parts_are_packed_and_left_as_they_were(demo, jobs, tmp_path):
    db = store_db.connect(demo)
    lh = letterhead(db)
    frame._blank.cache_clear()
    build(db, jobs[0], tmp_path, on=DEMO_TODAY, lh=lh)
    package = frame._blank(lh, numbered=False)
    before = {str(part.partname): part.blob for part in frame._shared(package)}
    assert {"/word/styles.xml", "/word/header1.xml", "/docProps/app.xml"} <= before.keys()
    for job in jobs:
        build(db, job, tmp_path, on=DEMO_TODAY, lh=lh)
    assert {str(part.partname): part.blob for part in frame._shared(package)} == before
    assert "/word/document.xml" not in before and "/docProps/core.xml" not in before
    db.close()


def test_docx_bytes_is_what_python_docx_saves(monkeypatch, png):
    """The same zip, byte for byte, python-docx's own writer made (the clock held still)."""
    monkeypatch.setattr(time, "time", lambda: 1_790_000_000.0)
    document = docx.Document()
    document.add_paragraph("Báo cáo")
    document.add_picture(BytesIO(png))
    saved = BytesIO()
    document.save(saved)
    assert docx_bytes(document) == saved.getvalue()
    assert zipfile.ZipFile(BytesIO(docx_bytes(document))).testzip() is None
