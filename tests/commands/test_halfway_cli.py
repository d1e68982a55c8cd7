"""The CLI meets the user halfway: a missing database says how to make one; a unit or a
supervisor is a code or words of its name, and words naming several list them all and fail;
`visits` defaults to the current quarter."""

from datetime import date

import pytest

import commands.common
from store.core import db as store_db
from store.core.errors import Ambiguous
from store.org import find_supervisors, find_unit, find_units
from tests import factories as make
from tests.commands.loop_world import TODAY, make_world, run
from tests.commands.test_cli import assert_one_line_error


@pytest.fixture
def world(db_path):
    return make_world(db_path)


class _Today(date):
    @classmethod
    def today(cls):
        return TODAY


@pytest.mark.parametrize("command", [["units"], ["visits"], ["due"], ["concerns"]])
def test_no_database_says_how_to_make_one(db_path, command):
    result = run("--db", db_path, *command)
    assert_one_line_error(result, "phutrach init", "phutrach demo", str(db_path))
    assert not db_path.exists()  # nothing made behind the user's back


def test_a_supervisor_by_code_or_words_of_the_name(world):
    path, _ids = world
    for typed in ("S1", "s1", "nguyen van an", "Ấn"):
        result = run("--db", path, "due", "--supervisor", typed, "--as-of", "2026-10-20")
        assert result.exit_code == 0, result.output
        assert "Nguyễn Văn Ấn" in result.stdout.splitlines()[0]


def test_words_naming_several_supervisors_list_them_all_and_fail(world):
    path, _ids = world
    result = run("--db", path, "due", "--supervisor", "hoa")
    assert result.exit_code == 1
    assert "Đào Thị Hoa (S2)" in result.stdout and "Lê Văn Hòa (S3)" in result.stdout
    assert result.stdout.splitlines()[0] == "2 kết quả:"
    assert_one_line_error(result, "S2")


def test_words_naming_several_units_list_every_one_with_its_code(db_path):
    def build(db):
        top = make.unit(db, "Đảng bộ xã Đào Xá", code="XA", kind="grassroots_committee",
                        sector="commune", members_full=0)  # fmt: skip
        for n in range(1, 21):
            make.unit(db, f"Chi bộ thôn {n}", code=f"XA-{n:02d}", parent_id=top, members_full=5)

    make.on_disk(db_path, build)
    result = run("--db", db_path, "concerns", "--unit", "chi bo thon")
    assert result.exit_code == 1
    listed = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert sorted(listed) == [f"XA-{n:02d}" for n in range(1, 21)]  # all, not the first 8
    assert_one_line_error(result, "20", "chi bo thon")
    assert run("--db", db_path, "concerns", "--unit", "thon 7").exit_code == 0
    assert run("--db", db_path, "concerns", "--unit", "XA-07").exit_code == 0


def test_the_store_finders_give_every_candidate(world):
    path, _ids = world
    db = store_db.connect(path)
    assert [s.code for s in find_supervisors(db, "hoa")] == ["S2", "S3"]
    assert [s.code for s in find_supervisors(db, "S3")] == ["S3"]
    assert [u.code for u in find_units(db, "thon")] == ["XA-DA-01", "XA-DA-02"]
    with pytest.raises(Ambiguous) as raised:
        find_unit(db, "thon")
    assert len(raised.value.candidates) == 2
    db.close()


def test_visits_defaults_to_the_current_quarter(world, monkeypatch):
    path, _ids = world
    monkeypatch.setattr(commands.common, "date", _Today)
    result = run("--db", path, "visits")
    assert result.exit_code == 0, result.output
    assert "IV/2026" in result.stdout.splitlines()[0]
    assert "05/10/2026" in result.stdout and "12/08/2026" not in result.stdout
    explicit = run("--db", path, "visits", "--period", "2026-Q3")
    assert "12/08/2026" in explicit.stdout


def test_due_wraps_a_long_unit_name_instead_of_cutting_it(world):
    """Two long names that share their start would read the same cut at 40 columns."""
    path, ids = world
    db = store_db.connect(path)
    long = "Chi bộ Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện"
    for place in ("Đông", "Tây"):
        unit = make.unit(db, f"{long} {place}", parent_id=ids["XA-DA"], members_full=5)
        make.assign(db, ids["S1"], unit, cadence="monthly")
    db.conn.close()
    result = run("--db", path, "due", "--supervisor", "S1", "--as-of", "2026-10-20")
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())
    assert "…" not in result.stdout
    assert "thường xuyên huyện Đông" in words and "thường xuyên huyện Tây" in words


def test_units_of_one_name_are_listed_with_their_parents(db_path):
    """Two "Chi bộ thôn 1": the list that asks for a code must tell them apart."""

    def build(db):
        return make.twins(db)

    make.on_disk(db_path, build)
    result = run("--db", db_path, "concerns", "--unit", "thôn 1")
    assert result.exit_code == 1
    listed = [" ".join(line.split()) for line in result.stdout.splitlines()[1:]]
    assert listed == [
        "DX1 Chi bộ thôn 1 — Đảng bộ xã Đào Xá",
        "AB1 Chi bộ thôn 1 — Đảng bộ xã An Bình",
    ]
