"""A yes/no field that reads at a glance: a tick in its box when yes, an empty box when no.

Textual's Checkbox draws the same X in both states, only in another colour, so that "minutes
kept" and "no minutes" looked alike on a dim or colourless terminal. `YesNo` is a Checkbox
(same value, keys, `Checkbox.Changed` messages and CSS) whose mark follows its value.
"""

from textual.content import Content
from textual.widgets import Checkbox

ON, OFF = "✓", " "


class YesNo(Checkbox):
    """A Checkbox whose box holds ✓ when on and nothing when off."""

    def render(self) -> Content:
        self.BUTTON_INNER = ON if self.value else OFF  # read by the box Checkbox draws
        return super().render()
