"""The app's screens, one line each: adding a screen is one module in tui/screens/ plus one
`Entry` here. Each entry becomes a Textual mode, a key binding and a palette command.
The first entry is the home screen the app opens on.

A screen module: `class XScreen(PhutrachNode, Screen)` with a `HELP` msgid (shown by F1),
BINDINGS carrying English msgids, `id=` and `tooltip=`; it reads `self.app.db` through store
functions, reasons with `self.app.today`, and opens a unit with `self.app.open_unit(id)`.
Its styles go in a `.tcss` file beside it, listed in STYLESHEETS, every rule under a selector
of its own screen (tests/tui/test_styles.py checks that no rule reaches another screen).
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from textual.binding import Binding
from textual.screen import Screen

from tui.textual_internals import mark_styled


@dataclass(frozen=True)
class Entry:
    mode: str  # the Textual mode name, also the binding id suffix
    target: str  # "module:ClassName" of the screen, imported on first visit
    key: str  # the key that switches to it
    title: str  # English msgid, translated when shown
    description: str  # English msgid: what the screen is for (palette help, key tooltip)

    def factory(self, styled: bool = False) -> Callable[[], Screen]:
        """Makes the screen; `styled`: marked as styled by the CSS in force (`mark_styled`)."""
        module, name = self.target.split(":")

        def make() -> Screen:
            screen = getattr(import_module(module), name)()
            return mark_styled(screen) if styled else screen

        return make


SCREENS: tuple[Entry, ...] = (
    Entry(
        "dashboard",
        "tui.screens.dashboard.dashboard:DashboardScreen",
        "f3",
        "Dashboard",
        "Assigned units due or overdue for a visit, the agenda, missed visits; log a visit.",
    ),
    Entry(
        "units",
        "tui.screens.units.units:UnitsScreen",
        "f2",
        "Party organizations",
        "The organization tree and the searchable list of all Party organizations.",
    ),
    Entry(
        "concerns",
        "tui.screens.concerns.board:ConcernsScreen",
        "f6",
        "Concerns",
        "The concern board: open, overdue and ageing issues raised at the grassroots.",
    ),
    Entry(
        "agenda",
        "tui.screens.regime.agenda:AgendaScreen",
        "f4",
        "Visit agenda",
        "Planned visits by week and month, suggestions, missed visits.",
    ),
    Entry(
        "compliance",
        "tui.screens.regime.compliance:ComplianceScreen",
        "f5",
        "Compliance grid",
        "Meetings held, missed and visited, unit by unit and month by month.",
    ),
    Entry(
        "personnel",
        "tui.screens.personnel.personnel:PersonnelScreen",
        "f7",
        "Secretaries",
        "Secretaries, capability notes, replacement-source plans and personnel gaps.",
    ),
    Entry(
        "briefs",
        "tui.screens.briefs.briefs:BriefsScreen",
        "f8",
        "Briefs",
        "Word briefs in batch by kind, scope and period; the briefs written so far.",
    ),
    Entry(
        "history",
        "tui.screens.history.history:HistoryScreen",
        "f9",
        "Change history",
        "Every change to the records, who made it and when; restore what was deleted.",
    ),
    Entry(
        "sync",
        "tui.screens.sync.sync:SyncScreen",
        "f10",
        "Exchange",
        "The exchange with the other machines: bundles made and read, conflicts to review.",
    ),
)

HOME = SCREENS[0].mode


def modes() -> dict[str, Callable[[], Screen]]:
    """The screens by mode; all but the home screen skip a full re-parse (`mark_styled`)."""
    home, *others = SCREENS
    return {home.mode: home.factory(), **{e.mode: e.factory(styled=True) for e in others}}


# Every stylesheet, read once as the app starts; each scopes its rules to its own screens.
# A screen's own CSS_PATH would be read when it first shows, and Textual then re-parses all
# the CSS it knows and restyles every open screen: 60-120 ms for each new file at this size.
STYLESHEETS = [
    "app.tcss",
    "screens/dashboard/dashboard.tcss",
    "screens/visits/visits.tcss",
    "dialogs/dialogs.tcss",
    *(f"screens/{name}/{name}.tcss" for name in ("regime", "concerns", "personnel")),
    *(f"screens/{name}/{name}.tcss" for name in ("briefs", "history", "sync")),
]


SCREENS_GROUP = Binding.Group("Screens", compact=True)  # one footer entry: "f3f2f6… Màn hình"


def bindings() -> list[Binding]:
    return [
        Binding(
            e.key,
            f"app.goto('{e.mode}')",
            e.title,
            id=f"goto.{e.mode}",
            tooltip=e.description,
            group=SCREENS_GROUP,
        )
        for e in SCREENS
    ]
