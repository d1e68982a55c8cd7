"""The units screen: the organization tree beside the searchable, paged list of all units."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static, Tree

from store.core.search_index import CAP
from store.lang.i18n import _
from store.lang.labels import label
from store.org import units
from store.org.units import Unit
from tui.comeback import StyledOnce
from tui.format import vn_number
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource
from tui.widgets.search_box import SearchBox, on_typed
from tui.widgets.unit_tree import UnitTree

NARROW = 100  # columns under which the tree folds away while not in use


class UnitsScreen(StyledOnce, PhutrachNode, Screen):
    HELP = (
        "Find any Party organization: browse the tree (Space opens a branch) or type part of a "
        "name in the search box, with or without diacritics. Enter opens the unit."
    )
    BINDINGS = [
        Binding(
            "slash,ctrl+f",
            "focus_search",
            "Search",
            id="units.search",
            tooltip="Search units by name, with or without diacritics",
        ),
        Binding("t", "focus_tree", "Tree", id="units.tree", tooltip="Go to the organization tree"),
        Binding("escape", "leave_search", show=False, id="units.leave_search"),
    ]

    total: int | None = None  # every unit

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="units-body"):
            tree = UnitTree(self.app.db, _("Party organizations"), id="units-tree")
            tree.border_title = _("Grassroots Party organizations")
            yield tree
            with Vertical(id="units-list"):
                yield SearchBox(
                    placeholder=_("Search by name (diacritics optional)…"),
                    id="units-search",
                    results="#units-table",
                )
                table = PagedTable(
                    self._columns(), empty_text=_("No unit matches the search."), id="units-table"
                )
                table.border_title = _("All Party organizations")
                yield table
                yield Static(id="units-count")
        yield KeyFooter()

    @staticmethod
    def _columns() -> list[Column]:
        return [
            Column(_("Code"), 8),
            Column(_("Organization name"), cut="middle"),
            Column(_("Kind of organization"), 17),
            Column(_("Sector"), 18),
            Column(_("Members"), 9, "right"),
        ]

    def on_mount(self) -> None:
        self.sub_title = _("Party organizations")
        self.total = units.count_units(self.app.db)  # exact, once: the list's count may stop
        self._show("")
        on_typed(self.query_one("#units-search", Input), self._show)
        self.query_one(PagedTable).focus()

    def _source(self, search: str) -> PageSource:
        db = self.app.db
        return PageSource(
            count=lambda: units.count_units(db, search, cap=CAP),
            fetch=lambda limit, offset: units.list_units(db, search, limit=limit, offset=offset),
            cells=_cells,
            cap=CAP,
            exact=lambda: units.count_units(db, search),
        )

    def _show(self, search: str) -> None:
        table = self.query_one(PagedTable)
        table.set_source(self._source(search))
        self._say_count()

    @on(PagedTable.Counted, "#units-table")
    def _say_count(self) -> None:
        table = self.query_one(PagedTable)
        text = _("{count} of {total} organizations").format(
            count=table.count_text, total=vn_number(self.total)
        )
        # One line of fixed height: no layout pass at each keystroke (5 ms of 20 here).
        self.query_one("#units-count", Static).update(text, layout=False)

    @on(PagedTable.Selected, "#units-table")
    def _open_row(self, event: PagedTable.Selected) -> None:
        self.app.open_unit(event.row.id)

    @on(Tree.NodeSelected, "#units-tree")
    def _open_node(self, event: Tree.NodeSelected[Unit]) -> None:
        if event.node.data is not None:
            self.app.open_unit(event.node.data.id)

    def action_focus_search(self) -> None:
        self.query_one("#units-search", Input).focus()

    def action_focus_tree(self) -> None:
        tree = self.query_one(UnitTree)
        tree.display = True
        tree.focus()

    def on_resize(self) -> None:
        self._fold_tree()

    def on_descendant_focus(self) -> None:
        self._fold_tree()

    def _fold_tree(self) -> None:
        """Under NARROW columns the tree folds away while not in use (t brings it back): the
        names get the width."""
        tree = self.query_one(UnitTree)
        tree.display = self.size.width >= NARROW or self.focused is tree

    def action_leave_search(self) -> None:
        if self.focused is self.query_one("#units-search"):
            self.query_one(PagedTable).focus()


def _cells(unit: Unit) -> tuple[str, ...]:
    return (
        unit.code or "",
        unit.title,
        label("unit_kind", unit.kind),
        label("sector", unit.sector),
        vn_number(unit.members),
    )
