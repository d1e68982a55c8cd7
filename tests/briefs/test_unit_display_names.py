"""Briefs name a unit whose name another unit shares with its parent's, as lists do
(store.org.display_names): the brief of a "Chi bộ thôn Ấp Đông" must say which one."""

import pytest

from briefs.kinds import annual, plan, supervisor, unit, visit
from store.core import db as store_db
from tests import factories as make
from tests.briefs import district
from tests.briefs.district import TODAY
from tests.briefs.test_briefs import all_text, reopen

SHOWN = "Chi bộ thôn Ấp Đông — Đảng bộ xã Đào Xá"


@pytest.fixture(scope="module")
def twin(tmp_path_factory):
    """The district, and first a second "Chi bộ thôn Ấp Đông" in another commune (so that
    the candidate's post, written when added, names it too)."""
    path = tmp_path_factory.mktemp("twin") / "twin.db"
    db = store_db.connect(path)
    other = make.unit(db, "Đảng bộ xã Phú Lâm", code="PL", kind="grassroots_committee",
                      sector="commune", members_full=90)  # fmt: skip
    make.unit(db, "Chi bộ thôn Ấp Đông", code="PL-01", parent_id=other, members_full=20)
    ids = district.build(db)
    db.close()
    return path, ids


@pytest.mark.parametrize(
    "build, args",
    [
        (visit.build_visit, ("visit",)),
        (unit.build_unit, ("a", "2026-Q3")),
        (supervisor.build_supervisor, ("sup", "2026-Q3")),
        (plan.build_plan, ("plan", "2026")),
        (annual.build_annual, (None, "2026")),  # names secretaries' units: confidential
    ],
)
def test_briefs_name_a_shared_unit_with_its_parent(twin, build, args):
    path, ids = twin
    db = store_db.connect(path, migrate=False)
    scope, *rest = args
    secret = {"confidential": True} if build is annual.build_annual else {}
    built = build(db, ids[scope] if scope else None, *rest, on=TODAY, number=1, **secret)
    document = reopen(built)
    text = all_text(document)
    assert SHOWN in text
    bare = text.replace(SHOWN, "")
    # every other mention is the sentence that names the parent right after the unit
    for at in [i for i in range(len(bare)) if bare.startswith("Chi bộ thôn Ấp Đông", i)]:
        assert "Đảng bộ xã Đào Xá" in bare[at : at + 160]
    db.close()
