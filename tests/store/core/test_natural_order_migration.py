"""A database made before sort keys read numbers by value gets them on opening (m006)."""

from store.core import db as store_db
from store.org import list_units
from tests import factories as make


def test_old_sort_keys_are_computed_again_on_opening(db_path):
    db = store_db.connect(db_path)
    for n in (10, 2, 1):
        make.unit(db, f"Chi bộ khu phố {n}", code=f"KP{n}", members_full=5)
    db.execute("update units set sort_key = name")  # as an older phutrach would have them
    db.execute("drop index idx_units_name_folded")  # m006 made it: not there before
    db.execute("delete from _sqlite_migrations where name = 'm006_natural_sort_keys'")
    db.conn.commit()
    db.close()
    db = store_db.connect(db_path)
    assert [u.name for u in list_units(db)] == [
        "Chi bộ khu phố 1",
        "Chi bộ khu phố 2",
        "Chi bộ khu phố 10",
    ]
    db.close()
