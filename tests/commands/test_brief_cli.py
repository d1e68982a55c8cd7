"""`phutrach brief`: batches with --all and --zip, a failing brief reported while the others
come out, confidential names, and no temporary file left behind."""

import re
import shutil
import stat
import zipfile

import pytest
from click.testing import CliRunner

import briefs.kinds.unit
from commands.cli import cli
from store.core import db as store_db
from store.core import settings
from store.reports import brief_log
from tests.briefs import district


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def made(db_path):
    db = store_db.connect(db_path)
    ids = district.build(db)
    db.close()
    return db_path, ids


def leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".") or ".part" in p.name]


def test_all_units_zipped(made, tmp_path):
    path, _ids = made
    out = tmp_path / "out"
    result = run("--db", path, "brief", "unit", "--all", "--period", "2026-Q3", "--out", out,
                 "--zip", "--date", "2026-10-10")  # fmt: skip
    assert result.exit_code == 0, result.output + result.stderr
    docs = sorted(p.name for p in out.glob("*.docx"))
    assert docs == [
        "BC-tinh-hinh-to-chuc-dang-2026-Q3-Chi-bo-Cong-ty-Song-Da-CTY.docx",
        "BC-tinh-hinh-to-chuc-dang-2026-Q3-Dang-bo-xa-Dao-Xa-XA.docx",
    ]
    for name in docs:
        assert name in result.output
    assert "Số 01-BC/HU" in result.output and "Số 02-BC/HU" in result.output
    archive = out / "BC-tinh-hinh-to-chuc-dang-2026-Q3.zip"
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == docs
    assert leftovers(out) == []
    db = store_db.connect(path, migrate=False)
    assert {b.path for b in brief_log.list_briefs(db)} == {str(out / n) for n in docs}


def test_a_failing_brief_is_reported_and_the_others_written(made, tmp_path, monkeypatch):
    path, ids = made
    real = briefs.kinds.unit.render

    def render(data, lh, **kw):
        if data.unit.id == ids["xa"]:
            raise RuntimeError("hỏng mẫu")
        return real(data, lh, **kw)

    monkeypatch.setattr(briefs.kinds.unit, "render", render)
    out = tmp_path / "out"
    result = run("--db", path, "brief", "unit", "--all", "--period", "2026-Q3", "--out", out,
                 "--workers", 1, "--date", "2026-10-10")  # fmt: skip
    assert result.exit_code == 1
    assert "RuntimeError: hỏng mẫu" in result.output
    assert result.stderr.strip().splitlines() == [
        "Lỗi: 1 trong 2 báo cáo không tạo được; các báo cáo khác đã được ghi."
    ]
    assert [p.name for p in out.glob("*.docx")] == [
        "BC-tinh-hinh-to-chuc-dang-2026-Q3-Chi-bo-Cong-ty-Song-Da-CTY.docx"
    ]
    assert leftovers(out) == []


def test_plan_briefs_are_confidential_and_owner_only(made, tmp_path):
    path, _ids = made
    out = tmp_path / "out"
    result = run("--db", path, "brief", "plan", "XA-01", "--out", out, "--date", "2026-10-10")
    assert result.exit_code == 0, result.output + result.stderr
    (written,) = out.glob("*.docx")
    assert written.name == "KH-tao-nguon-bi-thu-2026-Chi-bo-thon-Ap-Dong-XA-01-MAT.docx"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_supervisor_by_folded_name_in_csv(made, tmp_path):
    path, _ids = made
    result = run("--db", path, "brief", "supervisor", "pham minh duc", "--period", "2026-Q3",
                 "--out", tmp_path, "--date", "2026-10-10", "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output + result.stderr
    header, row = result.stdout.strip().splitlines()
    assert header == "file,number,status,sha256"
    # a member's own report: no number of the committee's series
    assert row.startswith("BC-phu-trach-co-so-2026-Q3-Pham-Minh-Duc-PT01.docx,,")


@pytest.mark.parametrize(
    "args, message",
    [
        (("unit", "--period", "2026-Q3"), "Hãy chỉ rõ"),
        (("unit", "XA"), "--period"),
        (("unit", "KHONG-CO", "--period", "2026-Q3"), "KHONG-CO"),
        (("visit", "--all", "--period", "2025-01"), "2025-01"),
    ],
)
def test_one_line_errors(made, tmp_path, args, message):
    path, _ids = made
    result = run("--db", path, "brief", *args, "--out", tmp_path)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ") and message in lines[0]
    assert list(tmp_path.glob("*.docx")) == []


def test_the_command_knows_every_kind_of_brief_without_importing_them():
    import briefs.batch
    import commands.brief

    assert set(commands.brief.KINDS) == set(briefs.batch.KINDS)


def test_one_visit_needs_no_period_its_month_is_the_briefs(made, tmp_path):
    path, ids = made
    result = run("--db", path, "brief", "visit", ids["visit"], "--out", tmp_path)
    assert result.exit_code == 0, result.output + result.stderr
    (doc,) = tmp_path.glob("*.docx")
    assert doc.name.startswith("BC-du-sinh-hoat-2026-")
    assert "đã ghi" in result.output and "-BC/HU" not in result.output  # a member's: no number


def test_a_committees_brief_without_a_signer_is_refused_once_and_nothing_numbered(made, tmp_path):
    path, _ids = made
    db = store_db.connect(path)
    settings.put(db, "letterhead.signer_name", "")
    db.close()
    out = tmp_path / "out"
    result = run("--db", path, "brief", "unit", "--all", "--period", "2026-Q3", "--out", out)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "letterhead.signer_name" in line and "(F8)" in line
    assert not out.exists() or not list(out.iterdir())
    db = store_db.connect(path, migrate=False)
    assert brief_log.list_briefs(db) == []


def test_without_out_briefs_go_where_the_briefs_screen_writes_and_the_cli_says_where(
    made, tmp_path, monkeypatch
):
    from store.core import paths

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = made[0]
    args = ("--db", path, "brief", "supervisor", "PT01", "--period", "2026-Q3")
    result = run(*args, "--date", "2026-10-10")
    assert result.exit_code == 0, result.output + result.stderr
    folder = tmp_path / "xdg" / "phutrach" / "briefs"
    assert paths.default_briefs_folder() == folder
    assert len(list(folder.glob("*.docx"))) == 1
    assert f"Đã ghi báo cáo vào thư mục {folder}" in result.stdout
    chosen = tmp_path / "chosen"
    db = store_db.connect(path)
    paths.remember_briefs_folder(db, chosen)  # as the briefs screen does on writing
    db.close()
    result = run(*args, "--date", "2026-10-11")
    assert result.exit_code == 0, result.output + result.stderr
    assert len(list(chosen.glob("*.docx"))) == 1 and str(chosen) in result.stdout


def _help(*args) -> str:
    result = run("brief", *args, "--help")
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())  # the words, whatever the terminal's width


def test_brief_help_lists_the_kinds_and_each_kind_has_its_own_help():
    listed = _help()
    for kind in ("visit", "supervisor", "unit", "annual", "plan"):
        assert f" {kind} " in listed
    pages = {kind: _help(kind) for kind in ("visit", "supervisor", "unit", "annual", "plan")}
    assert len({page.split("Tùy chọn:")[0] for page in pages.values()}) == 5
    assert "brief visit [TÙY CHỌN] [LƯỢT DỰ]" in pages["visit"]
    assert "dự sinh hoạt" in pages["visit"] and "uid" in pages["visit"]
    assert "[CẤP ỦY VIÊN]" in pages["supervisor"] and "không dấu" in pages["supervisor"]
    assert "brief annual [TÙY CHỌN] Báo cáo" in pages["annual"]  # no scope to give
    assert "--all" not in pages["annual"]
    assert "--confidential" not in pages["plan"] and "MẬT" in pages["plan"]
    assert "--period" in pages["plan"] and "năm của --date" in pages["plan"]
    for page in pages.values():
        assert "--pdf" in page and "LibreOffice" in page
        assert not re.findall(r"\b(TEXT|PATH|DIRECTORY|INTEGER|RANGE|OPTIONS)\b", page)


def test_without_libreoffice_the_docx_are_written_and_one_message_says_what_to_install(
    made, tmp_path, monkeypatch
):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    path, _ids = made
    out = tmp_path / "out"
    result = run("--db", path, "brief", "unit", "--all", "-p", "2026-Q3", "-o", out, "--pdf",
                 "--workers", "1")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.count("Lỗi: ") == 1 and "libreoffice-writer-nogui" in result.stderr
    assert len(list(out.glob("*.docx"))) == 2 and list(out.glob("*.pdf")) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_beside_each_brief_and_in_the_zip(made, tmp_path):
    path, _ids = made
    out = tmp_path / "out"
    result = run("--db", path, "brief", "plan", "--all", "-o", out, "--pdf", "--zip",
                 "--date", "2026-10-10", "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output + result.stderr
    docs = sorted(out.glob("*.docx"))
    assert docs and sorted(out.glob("*.pdf")) == [d.with_suffix(".pdf") for d in docs]
    for doc in docs:
        assert stat.S_IMODE(doc.with_suffix(".pdf").stat().st_mode) == 0o600  # plans: MẬT
        assert f",{doc.with_suffix('.pdf').name}" in result.stdout
    (archive,) = out.glob("*.zip")
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == sorted([d.name for d in docs] + [
            d.with_suffix(".pdf").name for d in docs])  # fmt: skip


def test_a_kind_without_its_scope_names_what_to_give(made, tmp_path):
    path, _ids = made
    result = run("--db", path, "brief", "visit", "--out", tmp_path)
    assert result.exit_code == 1 and "Hãy chỉ rõ LƯỢT DỰ, hoặc dùng --all" in result.stderr
