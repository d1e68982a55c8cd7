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
