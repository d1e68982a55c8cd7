"""Two units with one name are told apart by their parents', in lists, pickers and the due
list; a unit whose name is its own keeps it bare. Numbers in names sort by value."""

from datetime import date

from store.core import db as store_db
from store.org import display_names, list_units
from store.rules.cadence import assignments
from tests import factories as make


def _world(db):
    ids = {}
    for commune in ("Đào Xá", "An Bình"):
        top = make.unit(db, f"Đảng bộ xã {commune}", code=commune[:2].upper(),
                        kind="grassroots_committee", sector="commune", members_full=0)  # fmt: skip
        ids[commune] = top
        for n in (10, 2, 1):
            ids[(commune, n)] = make.unit(
                db, f"Chi bộ thôn {n}", code=f"{commune[:2].upper()}{n}", parent_id=top,
                members_full=5,
            )  # fmt: skip
    ids["lone"] = make.unit(db, "Chi bộ Trường Tiểu học", code="TH", kind="grassroots_cell",
                            sector="public_service", members_full=9)  # fmt: skip
    return ids


def test_shared_names_carry_the_parent_and_sort_by_number(db_path):
    db = store_db.connect(db_path)
    ids = _world(db)
    shown = [u.title for u in list_units(db, "thon")]
    assert shown == [
        "Chi bộ thôn 1 — Đảng bộ xã Đào Xá",
        "Chi bộ thôn 1 — Đảng bộ xã An Bình",
        "Chi bộ thôn 2 — Đảng bộ xã Đào Xá",
        "Chi bộ thôn 2 — Đảng bộ xã An Bình",
        "Chi bộ thôn 10 — Đảng bộ xã Đào Xá",
        "Chi bộ thôn 10 — Đảng bộ xã An Bình",
    ]
    assert len(set(shown)) == len(shown)
    names = display_names(db, [ids["lone"], ids[("Đào Xá", 2)], ids["Đào Xá"]])
    assert names == {
        ids["lone"]: "Chi bộ Trường Tiểu học",
        ids[("Đào Xá", 2)]: "Chi bộ thôn 2 — Đảng bộ xã Đào Xá",
        ids["Đào Xá"]: "Đảng bộ xã Đào Xá",
    }
    sup = make.supervisor(db, "Phạm Minh Đức", code="S1")
    make.assign(db, sup, ids[("An Bình", 1)])
    day = date(2026, 10, 1)
    assert [a.unit_name for a in assignments(db, sup, day, day)] == [
        "Chi bộ thôn 1 — Đảng bộ xã An Bình"
    ]
    db.close()
