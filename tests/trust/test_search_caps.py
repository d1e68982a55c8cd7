"""A search is held to SEARCH_MAX_CHARS characters and SEARCH_MAX_WORDS words: in the store
(every search clause is built from `search_words`, so no paste becomes a query of thousands
of LIKEs) and in every search field of the TUI (a paste stops at the cap and says so)."""

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.core import db as store_db
from store.lang.text import fold
from store.org.units import (
    SEARCH_MAX_CHARS,
    SEARCH_MAX_WORDS,
    count_units,
    list_units,
    search_clause,
    search_limit_message,
    search_too_long,
    search_words,
)
from store.personnel.people import count_people
from tests.trust.world import TODAY, build
from tui.dialogs.supervisor_picker import SupervisorPicker
from tui.textual_internals import notifications
from tui.widgets.search_box import SearchInput, fitted

# Words and spaces in every shape, long runs of them: what a paste of a page brings.
WORD = st.text(st.sampled_from("aáđĐ0%_'\\\x00\x1b"), min_size=1, max_size=12)
SPACE = st.sampled_from([" ", "  ", "\t", "\n", "\x00", "\u00a0"])
WORDY = st.lists(st.tuples(WORD, SPACE), max_size=60).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)
SEARCHES = WORDY | st.text(max_size=400) | st.text(st.sampled_from("a "), max_size=2000)
FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def world():
    db = store_db.memory()
    build(db)
    return db


@FAST
@given(text=SEARCHES)
def test_search_words_keep_the_caps_and_say_when_cut(text):
    words = search_words(text)
    assert len(words) <= SEARCH_MAX_WORDS
    assert sum(len(w) for w in words) <= SEARCH_MAX_CHARS
    short = len(text) <= SEARCH_MAX_CHARS and len(fold(text).split()) <= SEARCH_MAX_WORDS
    assert search_too_long(text) is not short
    if short:
        assert words == fold(text).split()
    clause, params = search_clause(text)
    assert clause.count("LIKE") == len(params) == len(words)


@FAST
@given(text=SEARCHES)
def test_every_store_search_takes_any_text(world, text):
    found = list_units(world, text, limit=None)
    assert count_units(world, text) == len(found)
    assert count_people(world, text) >= 0
    # a search over the caps finds what its clipped words find
    clipped = " ".join(search_words(text))
    assert [u.id for u in found] == [u.id for u in list_units(world, clipped, limit=None)]


@FAST
@given(before=st.text(max_size=40), text=SEARCHES, after=st.text(max_size=40))
def test_a_paste_is_cut_to_what_fits(before, text, after):
    if search_too_long(before + after):
        return
    kept = fitted(before, text, after)
    assert text.startswith(kept)
    assert not search_too_long(before + kept + after)
    if kept != text:  # one character more would be over
        assert search_too_long(before + text[: len(kept) + 1] + after)


def test_the_limit_is_said_in_the_users_language():
    assert search_limit_message() == "Tìm kiếm nhận tối đa 150 ký tự và 20 từ."


# The TUI: each search field, pasted into with texts hypothesis draws.
FIELDS = (("units", "#units-search"), ("personnel", "#personnel-search"))
FIELDS += (("concerns", "#concerns-search"), ("picker", "#picker-search"))


async def _paste_everywhere(path, texts: list[str]) -> None:
    from textual import events

    from tui.app import PhutrachApp

    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for mode, selector in FIELDS:
            if mode == "picker":
                await app.push_screen(SupervisorPicker())
            else:
                await app.switch_mode(mode)
            await pilot.pause()
            field = app.screen.query_one(selector, SearchInput)
            for text in texts:
                field.value = ""
                field.told_at = -10.0
                field.focus()
                field.post_message(events.Paste(text))
                await pilot.pause()
                line = text.splitlines()[0] if text.splitlines() else ""
                assert not search_too_long(field.value)
                assert line.startswith(field.value)
                told = [n.message for n in notifications(app)].count(search_limit_message())
                if field.value != line:
                    assert told >= 1
                app.clear_notifications()
            # typing past the cap stops at it
            field.value = "a" * SEARCH_MAX_CHARS
            await pilot.press("b", "space", "c")
            assert field.value == "a" * SEARCH_MAX_CHARS
            if mode == "picker":
                app.pop_screen()
                await pilot.pause()


@pytest.fixture(scope="module")
def world_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("caps") / "world.db"
    db = store_db.connect(path)
    build(db)
    db.close()
    return path


LONG_PASTE = "Chi bộ thôn Đào Xá " * 50_000  # a megabyte on one line


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(SEARCHES, min_size=3, max_size=6))
def test_any_paste_in_any_search_field_is_cut_and_said(world_file, monkeypatch, texts):
    from tui.app import PhutrachApp

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    asyncio.run(_paste_everywhere(world_file, [LONG_PASTE, *texts]))
