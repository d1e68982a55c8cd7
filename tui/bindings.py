"""Key bindings declared with English msgids, translated where they are shown.

Textual merges a class's BINDINGS when the class is created, before the language is chosen,
so descriptions, tooltips and group names stay msgids in the bindings; the footer and the F1
help translate them as they draw them. Textual's own shown bindings (the Select menu's
Escape, the command palette's) are in TEXTUAL_KEYS, translated like ours.
"""

from textual.binding import Binding

from store.lang.i18n import _


def description(binding: Binding) -> str:
    return _(binding.description) if binding.description else ""


def tooltip(binding: Binding) -> str:
    return _(binding.tooltip) if binding.tooltip else ""


def group_description(binding: Binding) -> str:
    return _(binding.group.description) if binding.group else ""


# The descriptions of the bindings Textual's own widgets show (Textual 8); their Vietnamese
# is in store/lang/locale/vi/textual.po. tests/tui/test_modal_footers.py finds them anew.
TEXTUAL_KEYS = ("Dismiss menu", "Exit the command palette", "Open link")
