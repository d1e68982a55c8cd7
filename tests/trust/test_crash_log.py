"""An error nothing handles in the TUI: exit code 1, one translated line on stderr, the
details in an owner-only log under the data folder, and never a local variable's value
(Textual's own traceback shows them: search words, SQL, personnel notes)."""

import stat

import pytest

from store.core.paths import data_dir
from tests.trust.helpers import district, spawn
from tui import crash

SECRET = "NHAN-XET-MAT-7f3a"  # what a local variable holds when the handler fails

# The real `phutrach` start (commands.main), headless, with the dashboard's mount handler
# failing after putting SECRET in a local variable.
CHILD = f"""
import sys
from textual.app import App
from tui.app import PhutrachApp
from tui.screens.dashboard.dashboard import DashboardScreen

PhutrachApp.ASK_WHO = False
PhutrachApp.run = lambda self, **kw: App.run(self, headless=True, size=(100, 30))
mount = DashboardScreen.on_mount

def failing(self):
    notes = {{"capability_note": "{SECRET}", "sql": "SELECT * FROM people"}}
    mount(self)
    raise RuntimeError("a handler failed")

DashboardScreen.on_mount = failing
from commands.main import main
main(["--db", sys.argv[1]])
"""


def test_an_unhandled_error_exits_1_with_one_line_and_a_private_log(tmp_path):
    path = tmp_path / "data" / "phutrach.db"
    district(path)
    child = spawn(CHILD, path)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("phutrach dừng vì một lỗi không lường trước")
    assert SECRET not in out + err and "Traceback" not in err
    (log,) = (data_dir() / "logs").glob("crash-*.log")
    assert lines[0].endswith(str(log))
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    text = log.read_text()
    assert "RuntimeError: a handler failed" in text and "failing" in text
    assert SECRET not in text


def test_the_newest_logs_are_kept():
    for n in range(crash.KEEP + 5):
        crash.write_log(ValueError(f"lần {n}"))
    logs = sorted((data_dir() / "logs").glob("crash-*.log"))
    assert len(logs) == crash.KEEP
    kept = {log.read_text().splitlines()[-1] for log in logs}
    assert kept == {f"ValueError: lần {n}" for n in range(5, crash.KEEP + 5)}


async def test_a_failing_key_handler_ends_the_app_with_code_1_and_no_locals(tmp_path, monkeypatch):
    from tui.app import PhutrachApp

    path = tmp_path / "phutrach.db"
    district(path)

    def failing_help(self) -> None:
        search = SECRET  # noqa: F841 (the local Textual would have shown)
        raise KeyError("no such screen")

    monkeypatch.setattr(PhutrachApp, "ASK_WHO", False)
    monkeypatch.setattr(PhutrachApp, "action_help", failing_help)
    app = PhutrachApp(path)
    with pytest.raises(KeyError):  # run_test re-raises the first error, for tests
        async with app.run_test() as pilot:
            await pilot.press("f1")
            await pilot.pause()
    assert app.return_code == 1
    assert app.crash_line and str(data_dir() / "logs") in app.crash_line
    (log,) = (data_dir() / "logs").glob("crash-*.log")
    assert SECRET not in log.read_text() and "KeyError" in log.read_text()


def test_the_textual_internals_the_hook_replaces_are_still_there():
    """tui.textual_internals.ReportsCrashes stands in for these: an upgrade renaming one
    fails here, not in a user's crash."""
    from textual.app import App

    app = App()
    assert callable(App._handle_exception) and callable(App._close_messages_no_wait)
    assert (app._return_code, app._exception) == (None, None)
    assert not app._exception_event.is_set()
