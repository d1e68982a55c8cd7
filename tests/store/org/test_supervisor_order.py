"""Supervisors are people: the picker's list, the name search and the export read in the
people's order, by given name first (store.lang.text.person_sort_key)."""

from store.core import db as store_db
from store.exchange import importer
from store.org import supervisor_search, supervisors
from tests import factories as make
from tests.store.personnel.test_person_order import NAMES, ORDER


def _supervisors(db) -> None:
    for n, name in enumerate(NAMES, start=1):
        make.supervisor(db, name, code=f"UV{n}")


def test_the_supervisor_list_reads_by_given_name(db):
    _supervisors(db)
    assert [s.name for s in supervisors.list_supervisors(db)] == ORDER


def test_several_matches_are_listed_by_given_name(db):
    _supervisors(db)
    found = supervisor_search.find_supervisors(db, "anh")
    assert [s.name for s in found] == ["Lê Anh", "Trần Văn Anh", "Phạm Ánh"]


def test_the_exports_of_supervisors_and_people_read_by_given_name(db):
    _supervisors(db)
    for name in NAMES:
        make.person(db, name)
    for kind in ("supervisors", "people"):
        assert [r["name"] for r in importer.export_rows(db, kind)[1]] == ORDER, kind


def test_an_older_database_gets_the_supervisors_order_on_opening(db_path):
    db = store_db.connect(db_path)
    _supervisors(db)
    db.execute("update supervisors set sort_key = name")  # by full name, as before m007
    db.execute("delete from _sqlite_migrations where name = 'm007_person_sort_keys'")
    db.conn.commit()
    db.close()
    db = store_db.connect(db_path)
    assert [s.name for s in supervisors.list_supervisors(db)] == ORDER
    db.close()
