"""Personnel confidentiality of exports (issue 4, point 5): capability notes and plans are
exported only with --include-personnel, marked confidential; no other kind carries them."""

import csv
import io
import json
import stat
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from commands.cli import cli
from store.core import db as store_db
from store.core.errors import ValidationError
from store.exchange import importer
from store.exchange import personnel as personnel_export
from store.personnel import PERSONNEL_TABLES
from tests.commands.personnel_district import CANDIDATE_NOTE, NARRATIVE, SECRETS, build
from tests.commands.test_cli import assert_one_line_error

ASSESSMENT_COLUMNS = {"narrative", "ratings", "overall", "flagged", "last_note_date", "reason"}


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    path = tmp_path_factory.mktemp("district") / "phutrach.db"
    build(path)
    return path


def run(path, *args):
    return CliRunner().invoke(cli, ["--db", str(path), *map(str, args)])


def personnel_uids(path) -> set[str]:
    db = store_db.connect(path, create=False)
    try:
        return {row["uid"] for table in PERSONNEL_TABLES for row in db[table].rows}
    finally:
        db.conn.close()


@pytest.mark.parametrize("kind", personnel_export.KINDS)
def test_a_personnel_kind_is_refused_without_the_flag(district, tmp_path, kind):
    target = tmp_path / f"{kind}.csv"
    result = run(district, "export", kind, "-o", target)
    assert_one_line_error(result, kind, "--include-personnel", "mật")
    assert result.stdout == ""
    assert not target.exists()


def test_the_store_refuses_too_unless_asked(district):
    db = store_db.connect(district, create=False)
    with pytest.raises(ValidationError) as refused:
        personnel_export.export_rows(db, "plans", as_of=date.today())
    assert refused.value.field == "include_personnel"
    with pytest.raises(ValidationError):
        personnel_export.export_rows(db, "units", include_personnel=True, as_of=date.today())


@pytest.mark.parametrize(
    ("kind", "secret", "count"),
    [
        ("capability-notes", NARRATIVE, 2),
        ("plans", "capability", 2),
        ("plan-candidates", CANDIDATE_NOTE, 1),
        ("plan-actions", "Trung tâm chính trị huyện", 1),
    ],
)
def test_with_the_flag_every_row_is_marked_confidential(district, kind, secret, count):
    result = run(district, "export", kind, "--include-personnel")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "MẬT — Thông tin nhân sự, không phổ biến"
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == count
    assert list(rows[0])[0] == "confidential"
    assert {r["confidential"] for r in rows} == {"True"}
    assert secret in result.stdout
    data = json.loads(run(district, "export", kind, "--include-personnel", "-f", "json").stdout)
    assert all(item["confidential"] is True for item in data)


def test_capability_notes_flatten_ratings_by_dimension(district):
    result = run(district, "export", "capability-notes", "--include-personnel", "-f", "json")
    flagged = next(n for n in json.loads(result.stdout) if n["flagged"])
    assert (flagged["rating.prestige"], flagged["rating.chairing"]) == ("weak", "average")
    assert flagged["rating.political_ethics"] is None and flagged["overall"] == "weak"


def test_an_xlsx_personnel_export_is_marked_and_owner_only(district, tmp_path):
    target = tmp_path / "plans.xlsx"
    result = run(district, "export", "plans", "--include-personnel", "-o", target)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "confidential" and {r[0] for r in rows[1:]} == {True}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_personnel_kinds_are_not_import_kinds(district, tmp_path):
    assert not set(personnel_export.KINDS) & set(importer.kinds())
    assert not set(personnel_export.KINDS) & set(importer.kinds(personnel=True))
    source = tmp_path / "plans.csv"
    source.write_text("unit\nXA-DA-01\n", encoding="utf-8")
    assert_one_line_error(run(district, "import", "plans", source), "plans")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_no_other_export_leaks_personnel_content(district, fmt):
    uids = personnel_uids(district)
    assert uids  # the district has notes, plans, candidates and actions
    for kind in importer.kinds():
        result = run(district, "export", kind, "-f", fmt)
        assert result.exit_code == 0, (kind, result.output)
        for secret in (*SECRETS, *uids):
            assert secret not in result.stdout, (kind, secret)
        columns, _rows = importer.export_rows(store_db.connect(district, create=False), kind)
        assert "confidential" not in columns
        assert not ASSESSMENT_COLUMNS & set(columns), kind
