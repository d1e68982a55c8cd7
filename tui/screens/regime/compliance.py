"""The compliance grid: the units under a chosen parent (a grassroots organization, or the whole
committee) by the 12 months of a year. Each cell is a symbol AND a colour, so that it reads on a
monochrome terminal too; totals per row (right) and per column (the table below).
A new grid's first page is read as the screen shows, the whole grid in a worker; both are shown
in paged tables, fast at any scope."""

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Label, Select, Static
from textual.worker import get_current_worker

from store.core import db as store_db
from store.core import settings
from store.lang.codes import UnitKind
from store.lang.i18n import _
from store.org import units
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import regime
from store.visits.grid import ComplianceGrid, GridCell, GridRow
from tui.comeback import ComesBack
from tui.node import PhutrachNode
from tui.textual_internals import OverlayOnOpen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource

PARENT_KINDS = (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.SUB_COMMITTEE)
WHOLE = 0  # the parent choice meaning "the grassroots organizations of the committee"
YEARS = 5
FIRST_PAGE = 60  # units worked out first, to show while the rest of a new grid is (a screenful)
# Each state or flag: its symbol and colour. A cell shows its state, then its flags.
MARKS = {
    "held": ("●", "green"),
    "visited": ("◉", "bold cyan"),
    "missed": ("✗", "bold red"),
    "thematic": ("C", "magenta"),
    "low_attendance": ("↓", "bold yellow"),
    "future": ("·", "dim"),
    "none": ("·", "dim"),
}
TOTALS = ("held", "missed", "visited", "thematic", "low_attendance")


def _legend_words(threshold: float) -> dict[str, str]:
    return {
        "held": _("meeting held"),
        "visited": _("a committee member attended"),
        "thematic": _("thematic meeting"),
        "low_attendance": _("attendance under {threshold}%").format(threshold=round(threshold)),
        "missed": _("no meeting"),
        "future": _("not due yet"),
    }


def cell_text(cell: GridCell) -> Text:
    """`●`, `◉` (visited), `✗` or `·`, then `C` (thematic) and `↓` (low attendance)."""
    state = "visited" if cell.state == "held" and cell.visited else cell.state
    text = Text(*MARKS[state])
    for flag in ("thematic", "low_attendance"):
        if getattr(cell, flag):
            text.append(*MARKS[flag])
    return text


def legend(threshold: float) -> Text:
    text = Text()
    for key, words in _legend_words(threshold).items():
        text.append(*MARKS[key]).append(f" {words}   ")
    return text


class ComplianceScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "Meetings month by month for the units under a grassroots organization, or under the "
        "whole committee: held, missed, attended by a committee member, thematic, low "
        "attendance. Totals per unit on the right and per month below. [ and ] change the "
        "year; d shows the units under the highlighted one, Backspace goes back up; Enter "
        "opens the unit."
    )
    BINDINGS = [
        Binding(
            "left_square_bracket",
            "year(-1)",
            "Year before",
            id="compliance.year_before",
            tooltip="Show the previous year",
        ),
        Binding(
            "right_square_bracket",
            "year(1)",
            "Year after",
            id="compliance.year_after",
            tooltip="Show the next year",
        ),
        Binding(
            "d",
            "drill",
            "Units under it",
            id="compliance.drill",
            tooltip="Show the grid of the units under the highlighted one",
        ),
        Binding(
            "backspace",
            "up",
            "Up one level",
            id="compliance.up",
            tooltip="Show the grid of the level above",
        ),
        Binding(
            "g",
            "choose_parent",
            "Choose organization",
            id="compliance.parent",
            tooltip="Choose the organization whose units are shown",
        ),
    ]

    def compose(self) -> ComposeResult:
        db, today = self.app.db, self.app.today
        self.year = today.year
        self.parent_id: int | None = None
        self.grid: ComplianceGrid | None = None  # the whole grid last shown
        self.shown: tuple | None = None  # (parent_id, year) of the rows on the screen
        committee = settings.get(db, "committee.name")
        self.parents = {  # the others are read once the first page shows (`_read_parents`)
            WHOLE: _("All grassroots organizations ({committee})").format(committee=committee)
        }
        self.parents_read = False
        years = [(str(y), y) for y in range(today.year, today.year - YEARS, -1)]
        yield Header()
        with Horizontal(id="compliance-bar"):
            yield Label(_("Organization"), classes="bar-label")
            yield OverlayOnOpen(
                [(name, key) for key, name in self.parents.items()],
                value=WHOLE,
                allow_blank=False,
                compact=True,
                id="compliance-parent",
            )
            yield Label(_("Year"), classes="bar-label")
            yield OverlayOnOpen(
                years, value=self.year, allow_blank=False, compact=True, id="compliance-year"
            )
        self.threshold = rulebook_in_force(db).attendance_threshold
        yield Static(legend(self.threshold), id="compliance-legend")
        yield PagedTable(self._columns(), empty_text=_("Computing…"), id="compliance-grid")
        totals = PagedTable(self._columns(), id="compliance-totals")
        totals.can_focus = False
        yield totals
        yield KeyFooter()

    def _columns(self) -> list[Column]:
        months = [Column(_("M{month}").format(month=m), 3) for m in range(1, 13)]
        sums = [Column(MARKS[k][0], 3, "right") for k in TOTALS]
        return [Column(_("Party organization"), cut="middle"), *months, *sums]

    def on_mount(self) -> None:
        self.sub_title = _("Meeting compliance")
        self.query_one("#compliance-grid", PagedTable).focus()
        self.load()

    def came_back(self) -> None:
        """Meetings may have been recorded meanwhile (a unit's detail, a visit)."""
        self.load()

    # -- data ------------------------------------------------------------------------------
    def load(self) -> None:
        """A new grid's first page read here and drawn at once (a screenful of units, a few
        ms at a province), the whole grid then in a worker; a grid already shown (back from
        a unit) is read again whole in the worker, its rows staying meanwhile."""
        self.query_one("#compliance-grid", PagedTable).border_subtitle = _("Computing…")
        parent_id, year = self.parent_id, self.year
        if self.shown != (parent_id, year):
            page = regime.compliance_grid(
                self.app.db, parent_id=parent_id, year=year, as_of=self.app.today, first=FIRST_PAGE
            )
            self.show_grid(page, whole=False)
            # the whole grid once the first page is on the screen: computed meanwhile, it
            # took the interpreter from the drawing half of the time
            self.call_after_refresh(self._compute, parent_id, year)
        else:
            self._compute(parent_id, year)

    @work(thread=True, exclusive=True, group="compliance")
    def _compute(self, parent_id: int | None, year: int) -> None:
        """The whole grid, on a connection of its own: a province's takes a while."""
        today, worker = self.app.today, get_current_worker()
        with store_db.reading(self.app.db_path) as db:
            grid = regime.compliance_grid(db, parent_id=parent_id, year=year, as_of=today)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_grid, grid)

    def show_grid(self, grid: ComplianceGrid, *, whole: bool = True) -> None:
        """Show `grid`; not `whole`: its first page only, the totals to come. A whole grid
        of another choice than the one now made (a year changed as it was computed) is not."""
        if whole and (grid.parent_id, grid.year) != (self.parent_id, self.year):
            return
        same = self.shown == (grid.parent_id, grid.year)
        self.shown = (grid.parent_id, grid.year)
        if whole:
            self.grid = grid
        rows = list(grid.rows)
        table = self.query_one("#compliance-grid", PagedTable)
        cursor = table.cursor if same else 0  # back from a unit: stay on its row
        table.empty_text = _("No active unit here.")
        table.set_source(
            PageSource(
                count=lambda: len(rows),
                fetch=lambda limit, offset: rows[offset : offset + limit],
                cells=_row_cells,
            )
        )
        table.cursor = min(cursor, max(len(rows) - 1, 0))
        table.border_title = _("Meetings in {year}: {parent}").format(
            year=grid.year, parent=self.parents.get(grid.parent_id or WHOLE, "")
        )
        count = _("{count} organizations").format(count=len(rows))
        table.border_subtitle = count if whole else _("Computing…")
        totals = self.query_one("#compliance-totals", PagedTable)
        shown = TOTALS if whole else ()
        totals.set_source(
            PageSource(
                count=lambda: len(shown),
                fetch=lambda limit, offset: shown[offset : offset + limit],
                cells=lambda key: _total_cells(grid, key, self.threshold),
            )
        )
        totals.border_title = _("Totals per month")
        self.refresh_bindings()
        if not self.parents_read:
            self.call_after_refresh(self._read_parents)

    def _read_parents(self) -> None:
        """The organizations to choose from (a thousand at a province, 20 ms and more to read
        and lay out): read after the grid's first page is on the screen, or at once when
        one is needed first."""
        if self.parents_read:
            return
        self.parents_read = True
        found = units.list_units(self.app.db, kinds=PARENT_KINDS, limit=None)
        self.parents |= {u.id: u.title for u in found}
        select = self.query_one("#compliance-parent", Select)
        with select.prevent(Select.Changed):  # the choice stays, and nothing reloads
            select.set_options([(name, key) for key, name in self.parents.items()])
            select.value = self.parent_id or WHOLE

    # -- keys ------------------------------------------------------------------------------
    def _highlighted(self) -> GridRow | None:
        return self.query_one("#compliance-grid", PagedTable).current

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "drill":
            row = self._highlighted()
            return row is not None and row.unit.kind in PARENT_KINDS
        if action == "up":
            return self.parent_id is not None
        if action == "year":
            year = self.year + parameters[0]
            return self.app.today.year - YEARS < year <= self.app.today.year
        return True

    def action_year(self, step: int) -> None:
        self.query_one("#compliance-year", Select).value = self.year + step

    def action_drill(self) -> None:
        row = self._highlighted()
        if row is not None and row.unit.kind in PARENT_KINDS:
            self._read_parents()
            self.query_one("#compliance-parent", Select).value = row.unit.id

    def action_up(self) -> None:
        if self.parent_id is not None:
            above = units.get_unit(self.app.db, self.parent_id).parent_id
            self.query_one("#compliance-parent", Select).value = above or WHOLE

    def action_choose_parent(self) -> None:
        self._read_parents()
        self.query_one("#compliance-parent", Select).focus()

    @on(Select.Changed, "#compliance-parent")
    def _parent_chosen(self, event: Select.Changed) -> None:
        if (event.value or None) != self.parent_id:  # not the Select showing its first value
            self.parent_id = event.value or None
            self.load()

    @on(Select.Changed, "#compliance-year")
    def _year_chosen(self, event: Select.Changed) -> None:
        if event.value != self.year:
            self.year = event.value
            self.load()

    @on(PagedTable.Highlighted, "#compliance-grid")
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(PagedTable.Selected, "#compliance-grid")
    def _open(self, event: PagedTable.Selected) -> None:
        self.app.open_unit(event.row.unit.id)


def _count(value: int, key: str) -> Text:
    style = MARKS[key][1] if value and key in ("missed", "low_attendance") else ""
    return Text(str(value), style=style)


def _row_cells(row: GridRow) -> tuple:
    cells = [cell_text(c) for c in row.cells]
    return (row.unit.title, *cells, *(_count(row.totals[k], k) for k in TOTALS))


def _total_cells(grid: ComplianceGrid, key: str, threshold: float) -> tuple:
    symbol, style = MARKS[key]
    name = Text("Σ ").append(symbol, style).append(" " + _legend_words(threshold)[key])
    months = [_count(column[key], key) for column in grid.column_totals]
    sums = [_count(grid.totals[k], k) if k == key else "" for k in TOTALS]
    return (name, *months, *sums)
