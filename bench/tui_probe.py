"""The TUI side of the benchmark, run by bench/run.py in a fresh process each time:

    python bench/tui_probe.py cold DB TODAY LAUNCHED   # cold start, screens, keystrokes, RSS
    python bench/tui_probe.py datatable DB REPS        # stock DataTable vs PagedTable

`cold` imports what `phutrach` imports (the CLI, then the app), opens the app headless at
120×40 and reports, as JSON on its last line: the seconds from LAUNCHED (the parent's clock
when it started this process) until the first screen is mounted with its first page drawn
(and until Pilot finds it settled, its workers done: `first_screen_calm`);
for each screen then, and for each keystroke of a search in the units screen, the seconds
until its first rows are drawn, until Pilot finds it settled, and the CPU seconds spent;
the peak resident memory after all that.
"""

import asyncio
import gc
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZE = (120, 40)
# What a user types in each searchable list: (mode, screen class name, text).
TYPED = (
    ("units", "UnitsScreen", "chi bo thon"),
    ("personnel", "PersonnelScreen", "nguyen van"),
    ("concerns", "ConcernsScreen", "nha van hoa"),
)


def _rss_mb() -> float:
    """Peak resident memory of this process. VmHWM, not getrusage's ru_maxrss: that one
    survives exec, so a probe started by a parent that built the province reported the
    parent's 1.5 GB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _settle(app, pilot) -> None:
    """Until the messages are handled, the workers done and the screen drawn."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _pages_drawn(screen) -> bool:
    """True when a paged table of the screen fetched a page to draw (its first page shown)."""
    from tui.widgets.paged_table import PagedTable

    return any(t._pages or t.row_count == 0 for t in screen.query(PagedTable))


class FirstRows:
    """When the current screen first draws a data row of one of its paged tables: the moment
    a list's first page is on the screen. Pilot's own waits for idle (tens of ms) come after
    it, so the time to settle overstates what a user waits for; both are reported.

    A list whose source holds no row (the briefs written, in a fresh province) draws its
    empty text instead: that line, once the source is set, is its first page. (A placeholder
    drawn before any source, such as the compliance grid's "Computing…", is not.) A screen
    that shows no list (Đồng bộ of a database in no exchange: one line saying how to start
    one) has its first page drawn with its first line of text (a `Static`); it measured
    Pilot's settling instead."""

    def __init__(self, app) -> None:
        from tui.widgets.paged_table import PagedTable

        self.app, self.at, self.cpu = app, None, None
        real, set_source = PagedTable.render_line, PagedTable.set_source
        loaded: set[int] = set()

        def render_line(table, y):
            strip = real(table, y)
            drawn = table.row_count or (y == 1 and id(table) in loaded)
            if self.at is None and y >= 1 and drawn and table.screen is app.screen:
                self.at, self.cpu = time.perf_counter(), time.process_time()
            return strip

        def set_source_seen(table, source):
            loaded.add(id(table))
            set_source(table, source)

        PagedTable.render_line = render_line
        PagedTable.set_source = set_source_seen
        # A key that changes no search word (a space after a word) leaves the rows as drawn:
        # its wait is until the typed character is drawn, not the whole of Pilot's press.
        from textual.widgets import Input

        self.typed_at: float | None = None
        typed = Input.render_line

        def input_line(field, y):
            strip = typed(field, y)
            if self.typed_at is None and field.screen is app.screen:
                self.typed_at = time.perf_counter()
            return strip

        Input.render_line = input_line
        from textual.widgets import Static

        text = Static.render_line

        def text_line(widget, y):
            strip = text(widget, y)
            screen = app.screen
            if (
                self.at is None
                and widget.screen is screen
                and not any(t.display for t in screen.query(PagedTable))
            ):
                self.at, self.cpu = time.perf_counter(), time.process_time()
            return strip

        Static.render_line = text_line

    def arm(self) -> float:
        self.at = self.typed_at = None
        return time.perf_counter()

    def since(self, started: float) -> float:
        at = self.at if self.at is not None else self.typed_at
        return (at if at is not None else time.perf_counter()) - started


async def cold(db_path: str, today: date, launched: float) -> dict:
    gc.disable()  # as `phutrach` starts (commands/main.py); the app turns it on after its frame
    import commands.cli  # noqa: F401 -- `phutrach` builds its CLI before it opens the TUI
    from tui import registry
    from tui.app import PhutrachApp

    # an installation in use: its user is known, so no first-start question covers the screens
    PhutrachApp.ASK_WHO = False
    app = PhutrachApp(db_path, today=today)
    rows = FirstRows(app)
    out: dict = {"screens": {}, "keystrokes": {}}
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app, pilot)
        calm = time.time() - launched
        drawn_ago = time.perf_counter() - rows.at if rows.at is not None else 0.0
        out["first_screen"] = calm - drawn_ago  # its first page drawn, as for every screen
        out["first_screen_cpu"] = rows.cpu if rows.cpu is not None else time.process_time()
        out["first_screen_calm"] = calm  # and Pilot finding it settled, its workers done
        out["first_screen_drawn"] = _pages_drawn(app.screen)
        for entry in registry.SCREENS[1:]:
            started, cpu = rows.arm(), time.process_time()
            await app.switch_mode(entry.mode)
            await _settle(app, pilot)
            settled, cpu = time.perf_counter() - started, time.process_time() - cpu
            out["screens"][entry.mode] = (rows.since(started), settled, cpu)
        for mode, screen, text in TYPED:
            await app.switch_mode(mode)
            await _settle(app, pilot)
            if type(app.screen).__name__ != screen:
                raise RuntimeError(f"{mode}: {type(app.screen).__name__} is showing")
            await app.screen.run_action("focus_search")
            typed = out["keystrokes"][mode] = []
            for key in text:
                started, cpu = rows.arm(), time.process_time()
                await pilot.press("space" if key == " " else key)
                settled, cpu = time.perf_counter() - started, time.process_time() - cpu
                typed.append((rows.since(started), settled, cpu))
        out["rss_mb"] = _rss_mb()
    return out


async def datatable(db_path: str, reps: int) -> dict:
    """Seconds to show all units in a stock DataTable, and the first page in a PagedTable."""
    from textual.app import App
    from textual.widgets import DataTable

    from store.core import db as store_db
    from store.org import units
    from tui.screens.units.units import UnitsScreen, _cells
    from tui.widgets.paged_table import PagedTable, PageSource

    db = store_db.connect(db_path, migrate=False)
    columns = [c.title for c in UnitsScreen._columns()]

    class Stock(App):
        def compose(self):
            yield DataTable()

        def fill(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns(*columns)
            table.add_rows(_cells(u) for u in units.list_units(db, limit=None))

    class Paged(App):
        def compose(self):
            yield PagedTable(UnitsScreen._columns())

        def fill(self) -> None:
            self.query_one(PagedTable).set_source(
                PageSource(
                    count=lambda: units.count_units(db),
                    fetch=lambda limit, offset: units.list_units(db, limit=limit, offset=offset),
                    cells=_cells,
                )
            )

    out: dict = {"rows": units.count_units(db), "stock": [], "paged": []}
    for _rep in range(reps):
        for name, kind in (("stock", Stock), ("paged", Paged)):
            app = kind()
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                started, cpu = time.perf_counter(), time.process_time()
                app.fill()
                await pilot.pause()  # drawn
                out[name].append((time.perf_counter() - started, time.process_time() - cpu))
    db.close()
    return out


def main() -> None:
    mode, db_path = sys.argv[1], sys.argv[2]
    if mode == "cold":
        today, launched = date.fromisoformat(sys.argv[3]), float(sys.argv[4])
        result = asyncio.run(cold(db_path, today, launched))
    else:
        result = asyncio.run(datatable(db_path, int(sys.argv[3])))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
