"""The footer: the keys of the current screen on one line, drawn by a single widget.

Textual's Footer mounts and styles one widget per key each time a screen announces its
bindings, which it does at every focus move and screen switch: 7 to 12 times, about 40 ms
each, on every switch of screen (measured at 120 columns, on this project's screens). This
footer draws the same keys as one line of text instead, in the Footer's colours, grouped as
the bindings' groups say, with the command palette key on the right; a click on a key
presses it.
"""

from itertools import groupby

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyFooter(Widget, can_focus=False):
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each shown key
        self._shown: tuple = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        shown = self._active()
        if screen is self.screen and shown != self._shown:
            self._shown = shown
            self.refresh()

    def _active(self) -> tuple[tuple[Binding, bool], ...]:
        return tuple(
            (binding, enabled)
            for _node, binding, enabled, _tooltip in self.screen.active_bindings.values()
            if binding.show
        )

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        text_style = self.get_component_rich_style("footer-key--description")
        line, self._spans = Text(no_wrap=True, overflow="crop"), []
        palette = self.app.COMMAND_PALETTE_BINDING
        shown = [(b, on) for b, on in self._shown or self._active() if b.key != palette]
        for group, members in groupby(_one_per_action(shown), lambda item: item[0].group):
            members = list(members)
            if group is not None and len(members) > 1:
                line.append(" ")
                for binding, enabled in members:
                    self._key(line, binding, enabled, key_style)
                line.append(f" {group.description} ", text_style)
            else:
                for binding, enabled in members:
                    line.append(" ")
                    self._key(line, binding, enabled, key_style)
                    line.append(f" {binding.description} ", text_style)
        return self._with_palette(line, key_style, text_style)

    def _key(self, line: Text, binding: Binding, enabled: bool, style) -> None:
        start = len(line)
        line.append(self.app.get_key_display(binding), style if enabled else style + "dim")
        self._spans.append((start, len(line), binding.key))

    def _with_palette(self, line: Text, key_style, text_style) -> Text:
        """The command palette key at the right edge, as the stock footer puts it."""
        binding = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if not (binding and self.app.ENABLE_COMMAND_PALETTE):
            return line
        _node, palette, _enabled, _tooltip = binding
        right = Text.assemble(
            ("▏", text_style),
            (self.app.get_key_display(palette), key_style),
            (f" {palette.description} ", text_style),
        )
        room = max(self.size.width - right.cell_len, 0)
        line.truncate(room, pad=True)
        start = room + 1
        self._spans.append((start, start + len(self.app.get_key_display(palette)), palette.key))
        return line + right

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return


def _one_per_action(shown: list[tuple[Binding, bool]]) -> list[tuple[Binding, bool]]:
    """The first binding of each action, as the stock footer shows them."""
    seen, out = set(), []
    for binding, enabled in shown:
        if binding.action not in seen:
            seen.add(binding.action)
            out.append((binding, enabled))
    return out
