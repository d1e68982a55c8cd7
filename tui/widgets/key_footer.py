"""The footer: the keys of the current screen on one line, drawn by a single widget.

Textual's Footer mounts and styles one widget per key each time a screen announces its
bindings, which it does at every focus move and screen switch: 7 to 12 times, about 40 ms
each, on every switch of screen (measured at 120 columns, on this project's screens). This
footer draws the same keys as one line of text instead, in the Footer's colours, grouped as
the bindings' groups say, with the command palette key on the right; a click on a key
presses it.
"""

import re
from collections.abc import Iterator
from itertools import groupby
from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from tui import bindings

_DIM = Style(dim=True)


class _Entry(NamedTuple):
    text: Text
    keys: list[tuple[int, int, str]]  # (start, end, key) of each key in `text` to click


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
        palette = self._palette(key_style, text_style)
        room = self.size.width - (palette.text.cell_len if palette else 0)
        line, self._spans = Text(no_wrap=True, overflow="crop"), []
        entries = list(self._entries(key_style, text_style, compact=False))
        if self.size.width and sum(e.text.cell_len for e in entries) > room:
            entries = list(self._entries(key_style, text_style, compact=True))
        for entry in entries:
            if self.size.width and line.cell_len + entry.text.cell_len > room:
                break  # a key that does not fit is left out whole, not cut in the middle
            self._place(line, entry)
        if palette:
            line.truncate(max(room, 0), pad=True)
            self._place(line, palette)
        return line

    def _place(self, line: Text, entry: "_Entry") -> None:
        start = len(line)
        line.append_text(entry.text)
        self._spans.extend((start + s, start + e, key) for s, e, key in entry.keys)

    def _entries(self, key_style, text_style, compact: bool) -> Iterator["_Entry"]:
        """One entry per shown key, or per group of keys with their group's description;
        `compact`: one space between entries instead of two, when they do not all fit."""
        palette = self.app.COMMAND_PALETTE_BINDING
        shown = [(b, on) for b, on in self._shown or self._active() if b.key != palette]
        for group, members in groupby(_one_per_action(shown), lambda item: item[0].group):
            members = list(members)
            if group is not None and len(members) > 1:
                text = bindings.group_description(members[0][0])
                yield self._entry(members, text, key_style, text_style, compact)
            else:
                for member in members:
                    text = bindings.description(member[0])
                    yield self._entry([member], text, key_style, text_style, compact)

    def _entry(self, members, description: str, key_style, text_style, compact) -> "_Entry":
        text, keys = Text(" "), []
        if len(members) > 1 and (run := _function_key_run(b.key for b, _on in members)):
            # "f2–f9": one label; a click opens the command palette, which lists the screens
            text.append(run, key_style)
            keys.append((1, len(text), self.app.COMMAND_PALETTE_BINDING))
        else:
            for binding, enabled in members:
                start = len(text)
                text.append(
                    self.app.get_key_display(binding), key_style if enabled else key_style + _DIM
                )
                keys.append((start, len(text), binding.key))
        text.append(f" {description}" if compact else f" {description} ", text_style)
        return _Entry(text, keys)

    def _palette(self, key_style, text_style) -> "_Entry | None":
        """The command palette key at the right edge, as the stock footer puts it."""
        binding = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if not (binding and self.app.ENABLE_COMMAND_PALETTE):
            return None
        _node, palette, _enabled, _tooltip = binding
        key = self.app.get_key_display(palette)
        text = Text.assemble(
            ("▏", text_style), (key, key_style), (f" {bindings.description(palette)} ", text_style)
        )
        return _Entry(text, [(1, 1 + len(key), palette.key)])

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


def _function_key_run(keys) -> str | None:
    """ "f2–f9" for the keys f2, f3 … f9 in any order; None unless they are such a run."""
    numbers = sorted(int(k[1:]) if re.fullmatch(r"f\d+", k) else -1 for k in keys)
    if numbers[0] < 0 or numbers != list(range(numbers[0], numbers[-1] + 1)):
        return None
    return f"f{numbers[0]}–f{numbers[-1]}"
