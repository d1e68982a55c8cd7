"""A Select that reads its options when it is first opened (or given a value): a closed
Select shows only its prompt, and a province's 1,200 top-level units or 800 supervisors
were read and laid out on every first show of a screen for a list few open. Its list is
made when it opens too (`OverlayOnOpen`).

    LazySelect(lambda: [(u.name, u.id) for u in units.children(db, None)], prompt=...)
"""

from collections.abc import Callable, Sequence
from typing import Any

from textual.widgets import Select

from tui.textual_internals import OverlayOnOpen


class LazySelect(OverlayOnOpen):
    def __init__(
        self,
        read: Callable[[], Sequence[tuple[str, Any]]],
        *,
        value: Any = Select.NULL,
        first: Sequence[tuple[str, Any]] = (),
        **kw,
    ) -> None:
        """`read`: the options, the `first` ones included (an "all" choice); read at once
        when the `value` to show is none of the first."""
        self._first = {v for _label, v in first}
        early = value != Select.NULL and value not in self._first
        super().__init__(read() if early else first, value=value, **kw)
        self._read: Callable[[], Sequence[tuple[str, Any]]] | None = None if early else read

    @property
    def loaded(self) -> bool:
        return self._read is None

    def load(self) -> None:
        """Read the options now (once), keeping the value, with no Changed message."""
        if self._read is None:
            return
        read, self._read = self._read, None
        value = self.value
        with self.prevent(Select.Changed):
            self.set_options(read())
            if value != Select.NULL:
                self.value = value

    def choose(self, value: Any) -> None:
        """Show `value` (Select.NULL: none), its option read first."""
        if value != Select.NULL and value not in self._first:
            self.load()
        self.value = value

    def validate_expanded(self, expanded: bool) -> bool:
        """Opened (Enter, a click): the options first. Not on focus: a screen's first show
        may focus it before it focuses its list."""
        if expanded:
            self.load()
        return expanded
