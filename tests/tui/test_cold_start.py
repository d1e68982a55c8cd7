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
import asyncio, json, sys
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
print(json.dumps({"shown": shown, "modules": sorted(sys.modules)}))
"""

# Loaded by what a user does later: writing a brief, a spreadsheet, a chart, the demo.
HEAVY = ("docx", "openpyxl", "matplotlib", "PIL", "lxml", "tabulate", "babel", "numpy")
LATER = ("briefs", "store.exchange", "store.demo", "store.history")


def started(path: Path) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), TODAY.isoformat()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["shown"], set(result["modules"])


def test_the_first_screen_loads_no_other_screen_command_or_heavy_library(district):
    shown, modules = started(district[0])
    assert shown == "DashboardScreen"
    home, *others = registry.SCREENS
    assert home.target.split(":")[0] in modules
    packages = {m.split(".")[0] for m in modules}
    assert not packages & set(HEAVY), sorted(packages & set(HEAVY))
    later = sorted(m for m in modules if m.split(".")[0] in LATER or m.startswith(LATER))
    assert later == [], later
    screens = sorted(e.target.split(":")[0] for e in others if e.target.split(":")[0] in modules)
    assert screens == [], screens
    commands = sorted(m for m in modules if m.startswith("commands."))
    assert commands == ["commands.cli", "commands.common", "commands.targets"], commands
