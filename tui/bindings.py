"""Key bindings declared with English msgids, translated where they are shown.

Textual merges a class's BINDINGS when the class is created, before the language is chosen,
so descriptions, tooltips and group names stay msgids in the bindings; the footer and the F1
help translate them as they draw them (Textual's own bindings have no translation and show
as they are).
"""

from textual.binding import Binding

from store.lang.i18n import _


def description(binding: Binding) -> str:
    return _(binding.description) if binding.description else ""


def tooltip(binding: Binding) -> str:
    return _(binding.tooltip) if binding.tooltip else ""


def group_description(binding: Binding) -> str:
    return _(binding.group.description) if binding.group else ""
