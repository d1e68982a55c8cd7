"""Choosing the unit of a visit among the assignments in force on the visit's date."""

from collections.abc import Sequence
from datetime import date

from store.core.search_index import holds
from store.lang.i18n import _
from store.lang.text import fold
from store.org.units import search_words
from store.rules.cadence import Assignment, assignments
from tui.dialogs.picker import PickerScreen
from tui.widgets.paged_table import Column


class UnitPicker(PickerScreen):
    """Dismisses with the `Assignment` chosen (supervisor and unit), or None."""

    def __init__(self, supervisor_id: int | None, day: date) -> None:
        super().__init__()
        self.supervisor_id, self.day = supervisor_id, day
        self._index: list[tuple[str, Assignment]] | None = None

    def heading(self) -> str:
        return _("Choose the Party organization visited")

    def columns(self) -> list[Column]:
        return [
            Column(_("Organization name"), cut="middle"),
            Column(_("Assigned committee member"), 26),
        ]

    def rows(self, search: str) -> Sequence[Assignment]:
        if self._index is None:  # read once; each keystroke filters in memory
            found = assignments(self.app.db, self.supervisor_id, self.day, self.day)
            self._index = [(fold(f"{a.unit_name} {a.supervisor_name}"), a) for a in found]
        words = search_words(search)
        return [a for folded, a in self._index if holds(folded, words)]

    def cells(self, row: Assignment) -> Sequence[str]:
        return (row.unit_name, row.supervisor_name)
