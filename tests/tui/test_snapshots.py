"""SVG snapshots of the screens at a fixed size, on fixed data, with a fixed today.

Update after an intended change of the screens: pytest tests/tui/test_snapshots.py --snapshot-update
"""

import pytest

from tests.tui.conftest import TODAY
from tests.tui.test_app import OnUnits

SIZE = (120, 40)


@pytest.fixture
def app(district):
    """The app opened on the units screen (the dashboard, the home screen, has its own)."""
    return OnUnits(district[0], today=TODAY)


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
