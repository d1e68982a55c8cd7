"""Issue 14.6, one brief, one file: names unique within a batch and against the folder, a
rerun replacing its own file, text Word cannot hold cleaned, no failure after a number was
taken that leaves a gap, and a zip without duplicate members."""

import os
import zipfile

import docx
import pytest

import briefs.kinds.unit
from briefs.batch import Job, generate, zip_outputs
from briefs.frame.write import brief_filename, sweep_orphans, xml_text
from store.core import db as store_db
from store.reports import brief_log
from tests import factories as make
from tests.briefs import district
from tests.briefs.district import TODAY


@pytest.fixture
def made(db_path):
    db = store_db.connect(db_path)
    ids = district.build(db)
    # A second "Chi bộ Công ty Sông Đà" whose code reduces to the first one's: "CTY." → "CTY".
    ids["twin"] = make.unit(db, "Chi bộ Công ty Sông Đà", code="CTY.", kind="grassroots_cell",
                            sector="enterprise", members_full=12)  # fmt: skip
    db.close()
    return db_path, ids


def _jobs(ids, *names):
    return [Job("unit", ids[n], "2026-Q3") for n in names]


def test_two_briefs_reducing_to_one_name_get_two_files(made, tmp_path):
    path, ids = made
    outcomes = generate(path, _jobs(ids, "cty", "twin"), tmp_path, workers=2, on=TODAY)
    assert [o.error for o in outcomes] == [None, None]
    files = {o.path for o in outcomes}
    assert len(files) == 2 and all(p.stat().st_size > 0 for p in files)
    base = brief_filename("BC tình hình tổ chức đảng", "Chi bộ Công ty Sông Đà CTY", "2026-Q3",
                          False)  # fmt: skip
    assert base in {p.name for p in files}
    other = next(p for p in files if p.name != base)
    assert other.name.startswith(base.removesuffix(".docx") + "-")
    db = store_db.connect(path, migrate=False)
    assert {b.path for b in brief_log.list_briefs(db)} == {str(p) for p in files}
    texts = {"\n".join(p.text for p in docx.Document(str(f)).paragraphs) for f in files}
    assert len(texts) == 2  # two briefs, not one written twice


def test_a_rerun_replaces_each_brief_s_own_file_and_makes_no_new_one(made, tmp_path):
    path, ids = made
    first = generate(path, _jobs(ids, "cty", "twin"), tmp_path, workers=1, on=TODAY)
    second = generate(path, _jobs(ids, "twin", "cty"), tmp_path, workers=2, on=TODAY)
    assert {o.job.scope_id: o.path for o in first} == {o.job.scope_id: o.path for o in second}
    assert {o.job.scope_id: o.number for o in first} == {o.job.scope_id: o.number for o in second}
    assert len(list(tmp_path.glob("*.docx"))) == 2


def test_a_file_the_log_does_not_know_is_never_replaced(made, tmp_path):
    path, ids = made
    name = brief_filename("BC tình hình tổ chức đảng", "Chi bộ Công ty Sông Đà CTY", "2026-Q3",
                          False)  # fmt: skip
    (tmp_path / name).write_bytes(b"the clerk's own edited copy")
    (outcome,) = generate(path, _jobs(ids, "cty"), tmp_path, workers=1, on=TODAY)
    assert outcome.ok and outcome.path.name != name
    assert (tmp_path / name).read_bytes() == b"the clerk's own edited copy"


def test_an_unwritable_folder_fails_before_a_number_is_taken(made, tmp_path, monkeypatch):
    path, ids = made
    real = os.open

    def refused(name, flags, *args):
        if ".docx" in str(name):
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, flags, *args)

    monkeypatch.setattr(os, "open", refused)  # as a folder the user may not write to
    (outcome,) = generate(path, _jobs(ids, "cty"), tmp_path / "out", workers=1, on=TODAY)
    monkeypatch.undo()
    assert "Không ghi được báo cáo" in outcome.error and "Permission denied" in outcome.error
    db = store_db.connect(path, migrate=False)
    assert brief_log.list_briefs(db) == []  # no number taken


def test_a_failure_after_numbering_leaves_no_file_and_a_retry_keeps_the_number(
    made, tmp_path, monkeypatch
):
    path, ids = made
    real = briefs.kinds.unit.render

    def broken(data, lh, **kw):
        raise RuntimeError("render bug")

    monkeypatch.setattr(briefs.kinds.unit, "render", broken)
    (failed,) = generate(path, _jobs(ids, "cty"), tmp_path, workers=1, on=TODAY)
    assert not failed.ok and list(tmp_path.glob("*.docx")) == []
    assert list(tmp_path.glob(".*.tmp")) == []  # the name it held released
    monkeypatch.setattr(briefs.kinds.unit, "render", real)
    retried, other = generate(path, _jobs(ids, "cty", "twin"), tmp_path, workers=1, on=TODAY)
    assert (retried.number, other.number) == ("Số 01-BC/HU", "Số 02-BC/HU")  # no gap


def test_control_characters_a_hostile_import_stored_are_cleaned_from_the_brief(made, tmp_path):
    path, ids = made
    db = store_db.connect(path, migrate=False)
    hostile = "Chi bộ Công ty\x00\x01\x0b Sông\ufffe Đà"
    db.execute("update units set name = ? where id = ?", [hostile, ids["cty"]])
    db.conn.commit()
    (outcome,) = generate(path, _jobs(ids, "cty"), tmp_path, workers=1, on=TODAY)
    assert outcome.ok, outcome.error
    assert "\x00" not in outcome.title and "\x0b" not in outcome.title
    document = docx.Document(str(outcome.path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Chi bộ Công ty Sông Đà" in text
    assert outcome.path.name.isascii() and "Song-Da" in outcome.path.name


def test_names_windows_cannot_hold_are_made_holdable():
    assert brief_filename("", "con", None, False) == "brief-con.docx"
    name = brief_filename("BC", 'Chi bộ "A/B": <C>*? \x00 .', "2026", False)
    assert name == "BC-2026-Chi-bo-A-B-C.docx"


def test_xml_text_keeps_what_word_holds():
    assert xml_text("a\tb\nc\x00d\x1fe\ufffef\ud800g😀") == "a\tb\ncdefg😀"


def test_a_long_name_is_cut_with_a_digest_so_two_long_names_stay_apart():
    one = brief_filename("BC", "Chi bộ thôn " * 20 + "Đông", "2026", False)
    two = brief_filename("BC", "Chi bộ thôn " * 20 + "Đoài", "2026", False)
    assert one != two and len(one) == len(two) <= 120 + len(".docx")
    assert one == brief_filename("BC", "Chi bộ thôn " * 20 + "Đông", "2026", False)  # stable


def test_the_zip_has_no_duplicate_members(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "BC.docx").write_bytes(folder.encode())
    (tmp_path / "b" / "bc.docx").write_bytes(b"c")
    paths = [tmp_path / "a" / "BC.docx", tmp_path / "b" / "BC.docx", tmp_path / "b" / "bc.docx"]
    with zipfile.ZipFile(zip_outputs(paths, tmp_path / "all.zip")) as zf:
        names = zf.namelist()
        assert names == ["BC.docx", "BC-2.docx", "bc-3.docx"]
        assert [zf.read(n) for n in names] == [b"a", b"b", b"c"]


def test_a_name_held_by_a_killed_batch_is_swept_and_a_live_one_kept(tmp_path):
    held = tmp_path / ".BC.docx.claim.tmp"
    held.touch()
    now = held.stat().st_mtime
    assert sweep_orphans(tmp_path, now=now + 1) == []  # a batch writing right now keeps it
    assert sweep_orphans(tmp_path, now=now + 3600) == [held]
    work = tmp_path / ".phutrach.pdf.x1.tmp"
    work.mkdir()
    (work / "a.pdf").write_bytes(b"%PDF")
    assert sweep_orphans(tmp_path, now=now + 3600) == [work] and not work.exists()


def test_its_own_file_a_killed_batch_never_logged_is_replaced_not_doubled(made, tmp_path):
    path, ids = made
    (first,) = generate(path, _jobs(ids, "cty"), tmp_path, workers=1, on=TODAY)
    db = store_db.connect(path, migrate=False)
    db.execute("update briefs set path = null")  # as if killed between the rename and the log
    db.conn.commit()
    (again,) = generate(path, _jobs(ids, "cty"), tmp_path, workers=1, on=TODAY)
    assert again.path == first.path and again.number == first.number
    assert len(list(tmp_path.glob("*.docx"))) == 1
