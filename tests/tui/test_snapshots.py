"""SVG snapshots of the screens at a fixed size, on fixed data, with a fixed today.

Update after an intended change of the screens: pytest tests/tui/test_snapshots.py --snapshot-update
"""

SIZE = (120, 40)


def test_units_screen(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE)


def test_units_screen_searched_with_a_branch_open(app, snap_compare):
    keys = ["slash", *"chi bo", "enter", "t", "down", "down", "space", "down"]
    assert snap_compare(app, terminal_size=SIZE, press=keys)


def test_unit_detail(app, district, snap_compare):
    async def open_dao_xa(pilot):
        app.open_unit(district[1]["dao_xa"])
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_dao_xa)


def test_help(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["f1"])
