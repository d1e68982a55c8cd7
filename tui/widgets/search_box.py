"""The search field above a list: typing filters the list, Down or Enter goes into it."""

from collections.abc import Callable

from textual.binding import Binding
from textual.widgets import Input


class SearchBox(Input):
    """An `Input` whose Down and Enter move the focus to `results` (a selector on its screen)."""

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
    """Call `searched(text)` at each change of `field`'s text, while the keystroke is handled.

    Not an `Input.Changed` handler: that message is handled after Textual has drawn the typed
    letter, so the filtered rows waited for the next frame (60 a second), 17 ms more a key."""
    field.watch(field, "value", searched, init=False)
