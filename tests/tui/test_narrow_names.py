"""At 80×24 the unit names get the width: the tree folds away until asked for, and a name
too long is cut in the middle, so that two units never look the same."""

from store.core import db as store_db
from tests import factories as make
from tests.tui.conftest import TODAY
from tui.app import PhutrachApp
from tui.widgets.paged_table import PagedTable
from tui.widgets.unit_tree import UnitTree


def _shared_names(path) -> None:
    """Two communes, each with its Chi bộ thôn 1, 2 and 10 (long parent names)."""
    db = store_db.connect(path)
    for commune in ("Đào Xá Thượng Nguyên Hòa", "Đào Xá Hạ Nguyên Hòa"):
        top = make.unit(db, f"Đảng bộ xã {commune}", kind="grassroots_committee",
                        sector="commune", members_full=0)  # fmt: skip
        for n in (1, 2, 10):
            make.unit(db, f"Chi bộ thôn {n}", parent_id=top, members_full=5)
    db.close()


async def test_at_80_by_24_unit_names_get_the_width_and_stay_apart(district):
    path, _ids = district
    _shared_names(path)
    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        tree = app.screen.query_one(UnitTree)
        assert not tree.display  # folded away: the list has the width
        await pilot.press("slash", *"chi bo thon")
        await pilot.pause(0.3)
        table = app.screen.query_one(PagedTable)
        assert table.row_count == 9  # the district's own three, and our six
        drawn = [table.render_line(y).text for y in range(1, 10)]
        assert len(set(drawn)) == 9, drawn  # no two rows drawn the same
        # the columns alike on every row (kind, sector) gave way: the names show whole
        assert "Chi bộ thôn 10 — Đảng bộ xã Đào Xá Hạ Nguyên Hòa" in "".join(drawn)
        assert "Chi bộ trực thuộc" not in "".join(drawn)
        await pilot.press("escape", "t")  # out of the search box, then the tree key
        await pilot.pause()
        assert tree.display and app.screen.focused is tree
    async with PhutrachApp(path, today=TODAY).run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert pilot.app.screen.query_one(UnitTree).display


def test_a_name_too_long_is_cut_in_the_middle_keeping_both_ends():
    from rich.text import Text

    from tui.widgets.paged_table import _middle_cut  # a unit-name column's cut

    one, ten = (Text(f"Chi bộ thôn {n} — Đảng bộ xã Đào Xá") for n in ("1", "10"))
    cut = [_middle_cut(t, 21).plain for t in (one, ten)]
    assert cut[0] == "Chi bộ thô… xã Đào Xá"
    assert all(len(c) <= 21 and c.startswith("Chi bộ") and c.endswith("Đào Xá") for c in cut)
