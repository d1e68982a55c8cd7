"""The search fields: `SearchInput` (every field a search is typed in: lists, pickers, forms)
holds a search to the store's caps, and `SearchBox` above a list moves into the list."""

from collections.abc import Callable
from time import monotonic

from textual.binding import Binding
from textual.widgets import Input

from store.org.units import (
    SEARCH_MAX_CHARS,
    search_limit_message,
    search_too_long,
    search_words,
)
from tui.textual_internals import input_value_changed

TOLD_SECONDS = 4


def fitted(before: str, text: str, after: str) -> str:
    """The longest start of `text` that, put between `before` and `after`, keeps the search
    within the caps (a word more never comes from a letter less: a binary search holds)."""
    text = text[: max(SEARCH_MAX_CHARS - len(before) - len(after), 0)]
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if search_too_long(before + text[:mid] + after):
            high = mid - 1
        else:
            low = mid
    return text[:low]


class SearchInput(Input):
    """An `Input` for a search: typing or pasting past SEARCH_MAX_CHARS characters or
    SEARCH_MAX_WORDS words stops at the cap and says so (a long paste is cut, never sent to
    the store whole); a value set from code is cut likewise."""

    told_at = -10.0  # when the caps were last said

    def _watch_value(self, value: str) -> None:
        input_value_changed(self, value)  # as Input does, without a layout a letter

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        kept = fitted(value[:start], text, value[end:])
        if kept != text:
            self.tell_limit()
        if kept or start != end:
            super().replace(kept, start, end)

    def validate_value(self, value: str) -> str:
        if search_too_long(value):
            self.tell_limit()
            return fitted("", value, "")
        return value

    def tell_limit(self) -> None:
        """Say the caps, not again for a few seconds (a held key repeats)."""
        self.app.bell()
        if monotonic() - self.told_at > TOLD_SECONDS:
            self.told_at = monotonic()
            self.app.notify(search_limit_message(), severity="warning", timeout=TOLD_SECONDS)


class SearchBox(SearchInput):
    """A `SearchInput` whose Down and Enter move the focus to `results` (a selector on its
    screen)."""

    BINDINGS = [Binding("down", "results", show=False)]

    def __init__(self, *args, results: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.results = results

    def action_results(self) -> None:
        self.screen.query_one(self.results).focus()

    async def action_submit(self) -> None:
        await super().action_submit()
        self.action_results()


def on_typed(field: Input, searched: Callable[[str], None]) -> None:
    """Call `searched(text)` at each change of `field`'s text that changes its search words
    (`search_words`: a space typed after a word, or a letter's case, searches nothing new, so
    the rows stay as drawn), while the keystroke is handled.

    Not an `Input.Changed` handler: that message is handled after Textual has drawn the typed
    letter, so the filtered rows waited for the next frame (60 a second), 17 ms more a key."""
    last = [search_words(field.value)]

    def typed(text: str) -> None:
        words = search_words(text)
        if words != last[0]:
            last[0] = words
            searched(text)

    field.watch(field, "value", typed, init=False)
