"""No key sequence takes the app down: random runs of the keys the app binds (every screen's,
the quit keys aside), moves, typed text and long pastes into whatever has the focus (often a
search field: "/" and ctrl+f are in the pool), on names made to break careless code, leave the
app running, answering, with no error left unhandled (run_test re-raises one) and no crash log."""

import asyncio
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.keys import _character_to_key

from store.core import db as store_db
from store.core.paths import data_dir
from tests.trust import world
from tests.tui.conftest import TODAY, build_district
from tui import keymap
from tui.pastes import FIELD_MAX, paste_message
from tui.textual_internals import notifications

QUITS = {"q", "ctrl+q"}
MOVES = ["tab", "shift+tab", "up", "down", "left", "right", "home", "end", "pageup", "pagedown"]
MOVES += ["enter", "escape", "space", "backspace", "delete"]
BOUND = sorted({k for b in keymap.catalog().values() for k in b.keys.split(",")} - QUITS)
# Vietnamese letters, digits, what SQL and LIKE care about, and control characters; no "q",
# which quits when no field has the focus.
LETTERS = list("aăâbcdđeêghiklmnoôơprstuưvxyáàảãạếềểễệđĐ0123456789'\"%_\\[]()-=*?")
TYPED = st.text(st.sampled_from(LETTERS), min_size=1, max_size=40)
PASTES = st.sampled_from(
    [
        "Chi bộ thôn Đào Xá " * 20_000,  # 380 kB on one line
        "dòng một\ndòng hai\r\n" * 2_000,
        "\x1b[2J\x1b]0;tiêu đề\x07\x00\t" * 500,
        "' OR 1=1 --; DROP TABLE units; %_\\",
    ]
) | st.text(max_size=300)
ACTIONS = st.one_of(
    st.tuples(st.just("key"), st.sampled_from(BOUND + MOVES)),
    st.tuples(st.just("type"), TYPED),
    st.tuples(st.just("paste"), PASTES),
)
SEQUENCES = st.lists(ACTIONS, min_size=5, max_size=25)
EXAMPLES = int(os.environ.get("PHUTRACH_KEY_EXAMPLES", 15))  # more to hunt, once
WAIT = 30  # seconds a sequence may take at most: more is a hang


@pytest.fixture(scope="module")
def district_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("keys") / "district.db"
    db = store_db.connect(path)
    build_district(db)  # units, people, meetings: every screen has rows
    world.build(db)  # names with quotes, wildcards, brackets, SQL words
    db.close()
    return path


@pytest.fixture(autouse=True)
def quiet_start(monkeypatch):
    """No question of who uses the installation, no user keymap."""
    from tui.app import PhutrachApp

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    monkeypatch.delenv("PHUTRACH_CONFIG", raising=False)


async def _answers(app) -> bool:
    """True when the app's message loop still runs what it is given."""
    done = asyncio.Event()
    app.call_later(done.set)
    try:
        await asyncio.wait_for(done.wait(), 5)
    except TimeoutError:
        return False
    return True


def _burst(app, text: str) -> None:
    """Typed as fast as a keyboard repeats: every key queued at once (pilot.press waits for
    the app to idle after each key, a twentieth of a second)."""
    for char in text:
        event = events.Key(_character_to_key(char), char)
        event.set_sender(app)
        app._driver.send_message(event)


async def _play(path, sequence) -> None:
    from tui.app import PhutrachApp

    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for kind, value in sequence:
            if kind == "key":
                await pilot.press(value)
            elif kind == "type":
                _burst(app, value)
            else:
                app.post_message(events.Paste(value))
            await pilot.pause()
            assert app.is_running and app._exception is None, (kind, value)
        assert await _answers(app)
        assert app.return_code is None
    # leaving run_test re-raises an error nothing handled


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(sequence=SEQUENCES)
def test_no_key_sequence_takes_the_app_down(district_file, tmp_path_factory, sequence):
    path = tmp_path_factory.mktemp("run") / "district.db"
    shutil.copy(district_file, path)  # a sequence may delete or change records: its own copy
    asyncio.run(asyncio.wait_for(_play(path, sequence), WAIT))
    assert not list((data_dir() / "logs").glob("crash-*.log"))


MEGABYTE = "Chi bộ thôn Đào Xá " * 55_000


async def _paste_into_the_visit_form(path) -> None:
    """What the sequences found: "v" on the dashboard opens the visit form on its date
    field; two megabytes pasted there froze every later keystroke for seconds."""
    from textual.widgets import Input

    from tui.app import PhutrachApp

    app = PhutrachApp(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        for _ in range(2):
            app.post_message(events.Paste(MEGABYTE))
            await pilot.pause()
        assert field.value == MEGABYTE[:FIELD_MAX]  # the paste replaced the date, selected
        said = [n.message for n in notifications(app)]
        assert paste_message().format(count=FIELD_MAX) in said
        loop = asyncio.get_running_loop()
        started = loop.time()
        await pilot.press("left", "backspace", "a")
        assert loop.time() - started < 2


def test_a_paste_fills_a_form_field_to_its_cap_and_says_so(district_file, tmp_path):
    path = tmp_path / "district.db"
    shutil.copy(district_file, path)
    asyncio.run(asyncio.wait_for(_paste_into_the_visit_form(path), WAIT))


async def test_a_note_takes_pastes_up_to_the_cap_over_several_pastes():
    from textual.app import App
    from textual.widgets import TextArea

    from tui.pastes import BoundsPastes

    class Notes(BoundsPastes, App):
        def compose(self):
            yield TextArea()

    app = Notes()
    async with app.run_test() as pilot:
        note = app.query_one(TextArea)
        note.focus()
        for text in ("dòng một\ndòng hai\n", "x" * (FIELD_MAX - 30), "y" * 100):
            app.post_message(events.Paste(text))
            await pilot.pause()
        assert len(note.text) == FIELD_MAX and note.text.startswith("dòng một\ndòng hai\nxxx")
        assert note.text.endswith("y" * 12)
