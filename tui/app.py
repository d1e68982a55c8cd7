"""The Textual app: opens the database, hosts the screens of `tui.registry` as modes, and
offers F1 help and the command palette everywhere. Screens do the work.

Start-up imports what the first screen draws and no more: the help, a unit's detail and
every other screen are imported when first opened (tests/tui/test_cold_start.py)."""

import gc
from datetime import date
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive

from store.core import db as store_db
from store.core import settings
from store.core.errors import PhutrachError
from store.lang.i18n import _
from store.lang.text import shown
from store.org import supervisors, units
from tui import crash, keymap, registry
from tui.palette import AppCommands
from tui.pastes import BoundsPastes
from tui.textual_internals import (
    ReportsCrashes,
    guard_terminal,
    hash_rules_natively,
    keep_parses,
)
from tui.widgets.key_footer import KeyFooter


class Palette(CommandPalette):
    """Textual's command palette, with the footer of its own keys (in the app's language)."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield KeyFooter()


class PhutrachApp(ReportsCrashes, BoundsPastes, App[None]):
    # Ask who uses the installation when the settings name nobody (the first start).
    ASK_WHO = True

    CSS_PATH = registry.STYLESHEETS
    COMMANDS = {AppCommands}
    MODES = registry.modes()
    DEFAULT_MODE = registry.HOME
    BINDINGS = [
        Binding(
            "f1,question_mark",
            "help",
            "Help",
            id="app.help",
            tooltip="Keys of this screen and what phutrach does",
        ),
        *registry.bindings(),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Close phutrach"),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            show=False,
            priority=True,
            id="app.force_quit",
            tooltip="Close phutrach",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            id="app.palette",
            tooltip="Open the command palette",
        ),
    ]

    # The supervisor followed (None: all, the committee office), as in settings. Screens
    # that show one supervisor's work watch it, so that a choice made on one screen shows
    # on all of them, the ones open underneath too.
    supervisor_id: reactive[int | None] = reactive(None, init=False)

    def __init__(self, db_path: Path | str, *, today: date | None = None) -> None:
        """`today` fixes the date the screens reason with (tests, snapshots)."""
        super().__init__()
        guard_terminal()  # no control character of stored text reaches the terminal
        keep_parses(self)  # each stylesheet parsed once, not three times before the first screen
        hash_rules_natively()  # styling a widget filters every CSS rule: without a call each
        self.db_path = Path(db_path)
        self.db = store_db.connect(self.db_path)
        self.fixed_today = today
        self.user_keys = keymap.load()
        self.set_keymap(self.user_keys.keys)  # an unknown id is ignored, and said on mount

    def notify(self, message: str, *, markup: bool = False, **options) -> None:
        """Textual's notification, never read as markup: a message quotes names and typed
        values, in which "[b]" or "[/]" is text (and a stray "[/]" would raise)."""
        super().notify(shown(message), markup=markup, **options)

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()

    def on_load(self) -> None:
        """Before any screen: the supervisor followed, as the settings keep it."""
        self.set_reactive(PhutrachApp.supervisor_id, supervisors.current_supervisor_id(self.db))

    def on_mount(self) -> None:
        self.title = _("phutrach: overseeing grassroots Party organizations")
        self.call_after_refresh(_started)
        for warning in self.db.warnings:  # a daily backup skipped (a full disk)
            self.notify(warning, severity="warning", timeout=30)
        if self.user_keys.keys or self.user_keys.problems:
            self.call_after_refresh(self._check_keymap)
        if self.ASK_WHO and settings.user(self.db) is None:
            self.call_after_refresh(self._ask_who)

    def _ask_who(self) -> None:
        from tui.dialogs.who import WhoScreen, said

        self.push_screen(WhoScreen(), lambda person: said(self, person))

    def _check_keymap(self) -> None:
        """Say, once, what of the user's keymap cannot be used: after the first screen shows,
        as knowing every binding id imports every screen (a third of a second)."""
        checked = self.user_keys.known(keymap.catalog())
        if message := checked.message():
            self.notify(message, title=_("Keys"), severity="warning", timeout=30)

    def follow_supervisor(self, supervisor_id: int | None) -> None:
        """Follow `supervisor_id` (None: all) on every screen, and open on it next time."""
        supervisors.choose_supervisor(self.db, supervisor_id)
        self.supervisor_id = supervisor_id

    def on_unmount(self) -> None:
        self.db.close()

    async def action_goto(self, mode: str) -> None:
        """Show the screen registered as `mode`; asked again, close what is open above it."""
        from tui.dialogs.help import HelpScreen

        if mode != self.current_mode:
            await self.switch_mode(mode)
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HelpScreen):
            await self.pop_screen()

    async def action_search_units(self) -> None:
        await self.action_goto("units")
        await self.screen.run_action("focus_search")

    def action_help(self) -> None:
        from tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def open_unit(self, unit_id: int) -> None:
        """Open a unit's detail above the current screen (Escape goes back)."""
        from tui.screens.units.unit_detail import UnitDetailScreen

        try:
            units.get_unit(self.db, unit_id)
        except PhutrachError as exc:  # deleted meanwhile
            self.notify(exc.message, severity="error")
            return
        self.push_screen(UnitDetailScreen(unit_id))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = _("Search for commands or units…")
            self.push_screen(Palette(placeholder=placeholder, id="--command-palette"))

    def action_help_quit(self) -> None:
        self.notify(_("Press q or ctrl+q to quit."))


def _started() -> None:
    """After the first frame: what start-up made lives as long as the app, out of the garbage
    collector's full passes, which otherwise stall a keystroke now and then (90 ms at
    province scale); the collector, off while the app started (commands/main.py), back on."""
    gc.freeze()
    gc.enable()


def run(db_path: Path) -> int:
    """Open the TUI on the database at `db_path` (the CLI's entry point); the exit code:
    1 after an unhandled error, told in one line on stderr (tui/crash.py)."""
    try:
        app = PhutrachApp(db_path)
        app.run()
    except Exception as error:  # noqa: BLE001 (outside Textual's loop: told the same way)
        crash.tell(crash.report(error))
        return crash.EXIT_CODE
    crash.tell(app.crash_line)
    return app.return_code or 0
