"""The organization tree: grassroots organizations, their sub-committees and cells, each
branch loaded from the store only when it is first opened.

A province's committee office oversees some 1,200 grassroots organizations: past
`GROUP_OVER` of them, the top level shows one branch per sector ("Xã (312)"), opened on
demand, instead of a thousand lines that cost 90 ms to lay out before the screen shows; the
top level then reads the sectors' counts, and a sector's units when it is opened (reading
the 1,200 took 30 ms of the screen's first show).
"""

from sqlite_utils import Database
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from store.lang.codes import UnitKind
from store.lang.labels import label
from store.lang.text import sort_key
from store.org import units
from store.org.units import Unit
from tui.format import safe
from tui.node import PhutrachNode

# Kinds that may hold other units; the others are leaves.
PARENT_KINDS = (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.SUB_COMMITTEE)
GROUP_OVER = 100  # top-level organizations shown as they are; more are grouped by sector


class UnitTree(PhutrachNode, Tree[Unit]):
    """Space opens or closes a branch; Enter (or a click on a name) selects the unit."""

    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Open",
            id="tree.open",
            tooltip="Open the unit under the cursor",
        ),
        Binding(
            "space",
            "toggle_node",
            "Expand",
            id="tree.toggle",
            tooltip="Show or hide the units under this one",
        ),
    ]

    def __init__(self, db: Database, label: str, *, id: str | None = None) -> None:
        super().__init__(label, id=id)
        self.db = db
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3
        self._sectors: dict[int, str | None] = {}  # a sector branch's node id -> its sector

    def on_mount(self) -> None:
        top = units.children(self.db, None, limit=GROUP_OVER + 1)  # enough to tell
        if len(top) > GROUP_OVER:
            self._group(units.top_sectors(self.db))
        else:
            self._add(self.root, top)
        self.cursor_line = 0

    def _group(self, counts: dict[str | None, int]) -> None:
        """One branch per sector with its count; its units read when it is first opened."""
        for sector, count in sorted(
            counts.items(), key=lambda kv: sort_key(label("sector", kv[0]))
        ):
            name = f"{label('sector', sector) or '—'} ({count})"
            node = self.root.add(name, data=None, allow_expand=True)
            self._sectors[node.id] = sector

    def _add(self, node: TreeNode[Unit], children: list[Unit]) -> None:
        for child in children:
            node.add(safe(child.name), data=child, allow_expand=child.kind in PARENT_KINDS)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Unit]) -> None:
        node = event.node
        if node.children:
            return
        if node.id in self._sectors:
            self._add(node, units.top_of_sector(self.db, self._sectors.pop(node.id)))
        elif node.data is not None:
            self._add(node, units.children(self.db, node.data.id))
            if not node.children:
                node.allow_expand = False
