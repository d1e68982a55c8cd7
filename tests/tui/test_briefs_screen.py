"""Word briefs from the TUI: `b` on a unit shows its drafted text, ctrl+g there writes it
and says where, the briefs screen
writes a batch in a worker and lists it, a wrong period is refused at its field, and the
letterhead is edited in its form."""

import shutil

import pytest
from textual.widgets import Input, ProgressBar, Static

from store.core import db as store_db
from store.core import settings
from store.reports import brief_log
from store.reports.letterhead import letterhead
from store.rules.periods import Period
from tui.screens.briefs.briefs import BriefsScreen
from tui.screens.briefs.letterhead import LetterheadForm
from tui.textual_internals import notifications

SIZE = (120, 40)


def logged(path) -> list:
    db = store_db.connect(path)
    try:
        return brief_log.list_briefs(db)
    finally:
        db.close()


def notes(app) -> list[str]:
    return [str(n.message) for n in notifications(app)]


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_b_on_a_unit_writes_its_brief_and_says_where(app, district):
    path, ids = district
    settings.put(app.db, "letterhead.signer_name", "Lê Văn Thịnh")  # a committee's brief
    async with app.run_test(size=SIZE) as pilot:
        app.open_unit(ids["dao_xa"])
        await pilot.pause()
        await pilot.press("b")  # its drafted text first, to review
        await settle(app, pilot)
        assert type(app.screen).__name__ == "BriefReview"
        assert logged(path) == []
        await pilot.press("ctrl+g")
        await settle(app, pilot)
    (brief,) = logged(path)
    assert brief.kind == "unit" and brief.period == "2026-Q3"
    assert any("Số 01-BC/" in n and brief.path.rsplit("/", 1)[-1] in n for n in notes(app))


async def test_the_briefs_screen_writes_a_batch_into_the_folder_and_lists_it(
    app, district, tmp_path
):
    path, _ids = district
    out = tmp_path / "out"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BriefsScreen)
        assert not screen.query(ProgressBar)  # none idling (animated) before a batch
        screen.query_one("#field-folder", Input).value = str(out)
        screen.query_one("#field-zip").value = True
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        summary = str(screen.query_one("#briefs-summary", Static).render())
        rows = screen.query_one("#briefs-list").row_count
        (bar,) = screen.query(ProgressBar)  # made by the batch, hidden once it is done
        assert not bar.display
    written = sorted(p.name for p in out.glob("*.docx"))
    assert written and len(written) == len(logged(path)) == rows
    assert list(out.glob("*.zip"))
    assert str(len(written)) in summary


async def test_a_wrong_period_is_refused_at_its_field_and_nothing_is_written(app, district):
    path, _ids = district
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        app.screen.query_one("#field-period", Input).value = "2026-13"
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        error = app.screen.query_one("#error-period", Static)
        assert error.display and "2026-13" in str(error.render())
    assert logged(path) == []


async def test_the_period_is_typed_as_officials_write_it(app, district):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        field = app.screen.query_one("#field-period", Input)
        hint = app.screen.query_one("#period-hint", Static)
        assert Period.parse(field.value) == Period.containing(app.today, "quarter")
        field.value = "quy iii nam 2026"
        await pilot.pause()
        assert str(hint.render()) == "quý III/2026"
        field.value = "6 tháng đầu năm 2026"
        await pilot.pause()
        assert str(hint.render()) == "6 tháng đầu năm 2026"
        field.value = "quý tư"
        await pilot.pause()
        assert str(hint.render()).startswith("ví dụ quý IV/2026, Q4/2026, tháng 10/2026")


async def test_the_letterhead_is_edited_in_its_form(app, district):
    path, _ids = district
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LetterheadForm)
        form.query_one("#field-place", Input).value = "Tiên Du"
        form.query_one("#field-margin_left_mm", Input).value = "abc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LetterheadForm)  # refused at the field
        assert str(form.query_one("#error-margin_left_mm", Static).render())
        form.query_one("#field-margin_left_mm", Input).value = "30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BriefsScreen)
    db = store_db.connect(path)
    assert letterhead(db).place == "Tiên Du"
    db.close()


async def test_pdf_without_libreoffice_says_what_to_install_before_writing(
    app, district, tmp_path, monkeypatch
):
    import shutil

    path, _ids = district
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#field-folder", Input).value = str(tmp_path / "out")
        screen.query_one("#field-pdf").value = True
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        error = str(screen.query_one("#error-form", Static).render())
    assert "libreoffice-writer-nogui" in error and "libreoffice.org" in error
    assert logged(path) == [] and not (tmp_path / "out").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
async def test_the_briefs_screen_makes_a_pdf_beside_each_brief(app, district, tmp_path):
    out = tmp_path / "out"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#field-folder", Input).value = str(out)
        screen.query_one("#field-pdf").value = True
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        summary = " ".join(str(screen.query_one("#briefs-summary", Static).render()).split())
    docs = sorted(out.glob("*.docx"))
    assert docs and sorted(out.glob("*.pdf")) == [d.with_suffix(".pdf") for d in docs]
    assert f"Đã tạo {len(docs)} trong {len(docs)} tệp PDF" in summary
