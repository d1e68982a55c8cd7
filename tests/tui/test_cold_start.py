"""Start-up loads what the first screen draws, and no more (issue 16: the TUI's cold start
within half a second). `phutrach` builds its CLI, then opens the app on the dashboard: in a
fresh interpreter, none of the other screens, no command module and none of the heavy
libraries of the briefs and spreadsheets (python-docx, openpyxl, matplotlib...) may load."""

import json
import subprocess
import sys
from pathlib import Path

from tests.tui.conftest import TODAY
from tui import registry

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import asyncio, gc, json, sys
gc.disable()  # as commands/main.py starts
from datetime import date
import commands.cli
from tui.app import PhutrachApp

async def first_screen(path, today):
    PhutrachApp.ASK_WHO = False
    app = PhutrachApp(path, today=date.fromisoformat(today))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = type(app.screen).__name__
    return shown

shown = asyncio.run(first_screen(sys.argv[1], sys.argv[2]))
collector = {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}
print(json.dumps({"shown": shown, "modules": sorted(sys.modules), "gc": collector}))
"""

# Loaded by what a user does later: writing a brief, a spreadsheet, a chart, the demo.
HEAVY = ("docx", "openpyxl", "matplotlib", "PIL", "lxml", "tabulate", "babel", "numpy")
LATER = ("briefs", "store.exchange", "store.demo", "store.history")


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def started(path: Path) -> tuple[str, set[str]]:
    result = json.loads(_run("-c", SCRIPT, str(path), TODAY.isoformat()))
    started.collector = result["gc"]
    return result["shown"], set(result["modules"])


def test_the_collector_is_off_while_starting_and_on_after(district):
    """Start-up's objects live as long as the app: the TUI turns the collector back on after
    its first frame, with them frozen out of its passes; a command turns it on as it starts."""
    started(district[0])
    assert started.collector["enabled"] and started.collector["frozen"] > 10_000
    shown = "import atexit, gc; atexit.register(lambda: print(gc.isenabled()));"
    command = shown + " from commands.main import main; main(sys.argv[1:])"
    assert _run("-c", "import sys;" + command, "--db", str(district[0]), "units") == "True"


def test_the_first_screen_loads_no_other_screen_command_or_heavy_library(district):
    shown, modules = started(district[0])
    assert shown == "DashboardScreen"
    home, *others = registry.SCREENS
    assert home.target.split(":")[0] in modules
    packages = {m.split(".")[0] for m in modules}
    assert not packages & set(HEAVY), sorted(packages & set(HEAVY))
    assert "dateutil.parser._parser" not in modules  # sqlite-utils' recipes' parser, lazy
    later = sorted(m for m in modules if m.split(".")[0] in LATER or m.startswith(LATER))
    assert later == [], later
    screens = sorted(e.target.split(":")[0] for e in others if e.target.split(":")[0] in modules)
    assert screens == [], screens
    commands = sorted(m for m in modules if m.startswith("commands."))
    assert commands == ["commands.cli", "commands.common", "commands.targets"], commands
