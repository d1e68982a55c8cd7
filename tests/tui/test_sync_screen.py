"""Đồng bộ: a laptop makes a bundle with a key, the office reads it with a key, and both
show where the exchange stands; a database in no exchange says how to start one."""

from textual.widgets import Input, Static

from store.core import db as store_db
from store.sync import sites
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import cells
from tui.app import PhutrachApp
from tui.screens.sync.sync import SyncScreen
from tui.textual_internals import notifications

SIZE = (120, 40)
WORDS = "mật khẩu thử nghiệm"


def _enrolled(office, laptop, supervisor):
    db = store_db.connect(office)
    sites.init_office(db, office)
    enrolment = sites.enrol(db, office, supervisor, WORDS)
    db.close()
    sites.join(enrolment, WORDS, laptop)


async def _open(app, pilot):
    await pilot.press("f10")
    await pilot.pause()
    assert isinstance(app.screen, SyncScreen)


def _text(app, selector) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_bundle_made_on_the_laptop_is_read_at_the_office(duties, tmp_path):
    office, ids = duties
    laptop = tmp_path / "laptop" / "mine.db"
    laptop.parent.mkdir()
    _enrolled(office, laptop, ids["duc"])
    outbox = tmp_path / "usb"
    app = PhutrachApp(laptop, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        assert "máy trạm số 1" in _text(app, "#sync-site")
        assert cells(app, "#sync-sites")[0][:2] == ["0", "văn phòng cấp ủy"]
        app.screen.query_one("#sync-path", Input).value = str(outbox)
        await pilot.press("e")
        await pilot.pause()
        [bundle] = outbox.iterdir()
        assert cells(app, "#sync-sites")[0][3].startswith("1 · ")  # one bundle out
    app = PhutrachApp(office, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        assert "văn phòng cấp ủy" in _text(app, "#sync-site")
        assert cells(app, "#sync-sites")[0][2] == "—"  # nothing in yet
        app.screen.query_one("#sync-path", Input).value = str(bundle)
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert cells(app, "#sync-sites")[0][2].startswith("1 · ")
        assert cells(app, "#sync-conflicts") == []


async def test_a_database_in_no_exchange_says_how_to_start(app):
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        assert "site init --office" in _text(app, "#sync-site")
        assert not app.screen.query("#sync-sites")  # nothing of an exchange shown, or made
        await pilot.press("e")  # no site to make a bundle for: said, as before
        await pilot.pause()
        assert [n.severity for n in notifications(app)] == ["warning"]


async def test_a_database_that_joins_an_exchange_shows_it_when_come_back_to(app):
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        assert not app.screen.query("#sync-sites")
        db = store_db.connect(app.db_path)  # `phutrach site init --office`, meanwhile
        sites.init_office(db, app.db_path)
        db.close()
        await pilot.press("f3")
        await _open(app, pilot)
        await pilot.pause()
        assert "văn phòng cấp ủy" in _text(app, "#sync-site")
        assert app.screen.query_one("#sync-sites").display
        assert cells(app, "#sync-conflicts") == []


async def test_at_80_columns_how_to_start_is_read_whole(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        site = app.screen.query_one("#sync-site", Static)
        assert site.size.height >= 2  # wrapped, not cut at the screen's edge
