"""The review of a brief's drafted text: every drafted section in an editable box; ctrl+s
keeps the edits with that brief, ctrl+r puts a section back to the draft, ctrl+t leaves it
blank for the drafter, a bad text is refused under its section, ctrl+g writes the brief
with the kept text; from the briefs screen, ctrl+r opens it for the brief chosen."""

import docx
from textual.widgets import Select, Static

from briefs.frame.document import DRAFTER_NOTE
from store.core import settings
from store.reports import brief_log
from store.reports.drafts import kept_sections
from tests.tui.conftest import TODAY
from tui.app import PhutrachApp
from tui.briefing import Request
from tui.screens.briefs.review import BriefReview, SectionBox

SIZES = ((120, 40), (80, 24))


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def box(screen, key: str) -> SectionBox:
    return next(b for b in screen.boxes() if b.key == key)


async def opened(app, pilot) -> BriefReview:
    settings.put(app.db, "letterhead.signer_name", "Lê Văn Thịnh")  # a committee's brief
    app.push_screen(BriefReview(Request("annual", None, "2026-Q3")))
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, BriefReview)
    return screen


async def test_edit_keep_reset_and_blank_then_write(app, tmp_path):
    async with app.run_test(size=SIZES[0]) as pilot:
        screen = await opened(app, pilot)
        keys = [b.key for b in screen.boxes()]
        assert keys == ["leadership", "strengths", "shortcomings", "causes", "lessons", "tasks",
                        "proposals"]  # fmt: skip
        strengths = box(screen, "strengths")
        draft = strengths.area.text
        assert draft and draft == "\n".join(strengths.section.draft)
        strengths.area.load_text("Đoạn của chúng tôi.\nĐoạn thứ hai.")
        await pilot.pause()
        assert "ctrl+s" in str(strengths.query_one(".review-state", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        key = screen.key
        kept = kept_sections(app.db, key)
        assert kept["strengths"].paragraphs == ("Đoạn của chúng tôi.", "Đoạn thứ hai.")
        box(screen, "causes").area.focus()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert kept_sections(app.db, key)["causes"].blank
        assert box(screen, "causes").area.text == ""
        strengths.area.focus()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "strengths" not in kept_sections(app.db, key)
        assert strengths.area.text == draft
        tasks = box(screen, "tasks")
        tasks.area.load_text("Nhiệm vụ \x1b[2J có ký tự điều khiển")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = tasks.query_one(".review-error", Static)
        assert error.display and "ký tự điều khiển" in str(error.render())
        assert "tasks" not in kept_sections(app.db, key)
        tasks.area.load_text("Tiếp tục dự sinh hoạt ở cơ sở.")
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert not isinstance(app.screen, BriefReview)
        (brief,) = brief_log.list_briefs(app.db)
    text = [p.text for p in docx.Document(brief.path).paragraphs]
    assert text[text.index("3. Nguyên nhân") + 1] == f"[{DRAFTER_NOTE}]"
    assert text.count(f"[{DRAFTER_NOTE}]") == 1
    assert "- Tiếp tục dự sinh hoạt ở cơ sở." in text


async def test_the_briefs_screen_opens_the_review_of_the_brief_chosen(district):
    for size in SIZES:
        app = PhutrachApp(district[0], today=TODAY)
        async with app.run_test(size=size) as pilot:
            settings.put(app.db, "letterhead.signer_name", "Lê Văn Thịnh")
            await pilot.press("f8")
            await pilot.pause()
            screen = app.screen
            screen.query_one("#field-kind", Select).value = "annual"
            await pilot.pause()
            await pilot.press("ctrl+r")
            await settle(app, pilot)
            review = app.screen
            assert isinstance(review, BriefReview)
            first = review.boxes()[0]
            assert first.region.width > 40 and first.area.region.height >= 3
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
