"""The organization tree: grassroots organizations, their sub-committees and cells, each
branch loaded from the store only when it is first opened."""

from sqlite_utils import Database
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from store import units
from store.units import Unit
from tui.bindings import TranslatedBindings

# Kinds that may hold other units; the others are leaves.
PARENT_KINDS = ("grassroots_committee", "sub_committee")


class UnitTree(TranslatedBindings, Tree[Unit]):
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

    def on_mount(self) -> None:
        self._fill(self.root, None)
        self.cursor_line = 0

    def _fill(self, node: TreeNode[Unit], unit_id: int | None) -> None:
        for child in units.children(self.db, unit_id):
            node.add(child.name, data=child, allow_expand=child.kind in PARENT_KINDS)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Unit]) -> None:
        node = event.node
        if node.data is not None and not node.children:
            self._fill(node, node.data.id)
            if not node.children:
                node.allow_expand = False
