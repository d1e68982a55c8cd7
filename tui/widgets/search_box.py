"""The search field above a list: typing filters the list, Down or Enter goes into it."""

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
