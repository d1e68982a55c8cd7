"""The letterhead form offered where a committee's brief has no signer (the `b` key, the
briefs screen), and its second tab: each kind's Kính gửi and Nơi nhận, at 80×24."""

from textual.widgets import Input, Select, Static, TabbedContent, TextArea

from store.core import db as store_db
from store.reports import brief_log
from store.reports.letterhead import letterhead
from tui.screens.briefs.briefs import BriefsScreen
from tui.screens.briefs.letterhead import LetterheadForm
from tui.screens.briefs.review import BriefReview

SMALL = (80, 24)


def logged(path) -> list:
    db = store_db.connect(path)
    try:
        return brief_log.list_briefs(db)
    finally:
        db.close()


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(form, field: str) -> str:
    error = form.query_one(f"#error-{field}", Static)
    return str(error.render()) if error.display else ""


async def test_b_without_a_signer_offers_the_form_and_writes_once_the_name_is_saved(app, district):
    path, ids = district
    async with app.run_test(size=SMALL) as pilot:
        app.open_unit(ids["dao_xa"])
        await pilot.pause()
        await pilot.press("b")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, LetterheadForm)
        assert "letterhead.signer_name" in shown(form, "signer_name")
        assert form.focused is form.query_one("#field-signer_name", Input)
        assert logged(path) == []  # refused before a number was taken
        await pilot.press(*"Lê Văn Thịnh")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefReview)  # the text to review, then ctrl+g writes
        assert logged(path) == []
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert not isinstance(app.screen, BriefReview | LetterheadForm)
    (brief,) = logged(path)
    assert (brief.kind, brief.number) == ("unit", 1) and brief.path


async def test_a_batch_without_a_signer_offers_the_form_and_closing_it_writes_nothing(
    app, district, tmp_path
):
    path, _ids = district
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BriefsScreen)
        screen.query_one("#field-kind", Select).value = "unit"
        screen.query_one("#field-mode", Select).value = "all"
        screen.query_one("#field-folder", Input).value = str(tmp_path / "out")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, LetterheadForm)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and not screen.running
    assert logged(path) == [] and not list(tmp_path.glob("out/*.docx"))


async def test_each_kinds_kinh_gui_and_noi_nhan_are_edited_on_the_second_tab(app, district):
    path, _ids = district
    async with app.run_test(size=SMALL) as pilot:
        form = LetterheadForm()
        app.push_screen(form)
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert form.query_one(TabbedContent).active == "tab-routes"
        addressees = form.query_one("#field-addressees", TextArea)
        recipients = form.query_one("#field-recipients", TextArea)
        assert addressees.text == "Ban Thường vụ Huyện ủy"  # the visit brief's default
        recipients.text = "Như trên\nBan Tổ chức Huyện ủy\nLưu"
        form.query_one("#field-kind", Select).value = "annual"
        for _wait in range(20):  # Select.Changed is a message: handled when the app gets to it
            await pilot.pause()
            if form.kind == "annual":
                break
        assert addressees.text == ""  # the annual report: a committee's, no Kính gửi
        recipients.text = "Như trên\nLưu Văn phòng Huyện ủy"
        await pilot.press("ctrl+t")  # save from the first tab: the error brings it back
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LetterheadForm)
        assert form.query_one(TabbedContent).active == "tab-routes"
        assert form.query_one("#field-kind", Select).value == "annual"
        assert "Như trên" in shown(form, "recipients")
        recipients.text = "Ban Thường vụ Tỉnh ủy (để báo cáo)\nLưu Văn phòng Huyện ủy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, LetterheadForm)
    db = store_db.connect(path)
    lh = letterhead(db)
    db.close()
    assert lh.route("visit").recipients == ("Như trên", "Ban Tổ chức Huyện ủy", "Lưu")
    assert lh.route("annual").recipients == (
        "Ban Thường vụ Tỉnh ủy (để báo cáo)", "Lưu Văn phòng Huyện ủy",
    )  # fmt: skip


async def test_the_form_fits_80_by_24(app, district):
    async with app.run_test(size=SMALL) as pilot:
        form = LetterheadForm()
        app.push_screen(form)
        await pilot.pause()
        box = form.query_one("#letterhead-box").region
        assert box.right <= 80 and box.bottom <= 23  # above the key footer
        for tab in ("tab-frame", "tab-routes"):
            form.query_one(TabbedContent).active = tab
            await pilot.pause()
            save = form.query_one("#letterhead-save").region
            assert save.height and save.bottom <= box.bottom  # the buttons stay in sight
            recipients = form.query_one("#field-recipients", TextArea)
            if tab == "tab-routes":
                assert recipients.region.height >= 4 and recipients.region.bottom <= box.bottom
