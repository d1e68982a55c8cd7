"""Choosing what one brief is about: a visit of the period, a supervisor, a unit or a plan.
Units and visits are paged from the store (a province has thousands); supervisors and plans
are few and filtered in memory."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from store.core.search_index import holds
from store.lang.codes import BriefKind
from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import fold
from store.org import supervisors, units
from store.org.units import search_words
from store.personnel.succession import list_plans
from store.rules.periods import Period
from store.visits.visit_list import count_visits, list_visits
from tui.dialogs.picker import PickerScreen, list_source
from tui.format import vn_date
from tui.widgets.paged_table import Column, PagedTable, PageSource


@dataclass(frozen=True)
class Scope:
    id: int
    name: str


class ScopePicker(PickerScreen):
    """Dismisses with the `Scope` chosen for a `kind` brief, or None."""

    def __init__(self, kind: str, period: Period | None) -> None:
        super().__init__()
        self.kind, self.period = kind, period

    def heading(self) -> str:
        return {
            BriefKind.VISIT: _("Choose the visit"),
            BriefKind.SUPERVISOR: _("Choose the committee member in charge"),
            BriefKind.UNIT: _("Choose the Party organization"),
            BriefKind.PLAN: _("Choose the replacement-source plan"),
        }[self.kind]

    def columns(self) -> list[Column]:
        if self.kind == BriefKind.VISIT:
            return [
                Column(_("Date"), 10),
                Column(_("Organization name"), cut="middle"),
                Column(_("Committee member"), 24),
            ]
        if self.kind == BriefKind.SUPERVISOR:
            return [Column(_("Full name"), 30), Column(_("Position"))]
        if self.kind == BriefKind.UNIT:
            return [
                Column(_("Organization name"), cut="middle"),
                Column(_("Kind of organization"), 26),
            ]
        return [
            Column(_("Organization name"), cut="middle"),
            Column(_("Incumbent secretary"), 24),
            Column(_("Status"), 14),
        ]

    def _show(self, search: str) -> None:
        self.query_one(PagedTable).set_source(self.source(search))

    def source(self, search: str) -> PageSource:
        db = self.app.db
        if self.kind == BriefKind.UNIT:
            return PageSource(
                count=lambda: units.count_units(db, search),
                fetch=lambda limit, offset: units.list_units(
                    db, search, limit=limit, offset=offset
                ),
                cells=lambda u: (u.name, label("unit_kind", u.kind)),
            )
        if self.kind == BriefKind.VISIT:
            return PageSource(
                count=lambda: count_visits(db, period=self.period, search=search),
                fetch=lambda limit, offset: list_visits(
                    db, period=self.period, search=search, limit=limit, offset=offset
                ),
                cells=lambda v: (vn_date(v.date), v.unit_name, v.supervisor_name),
            )
        return list_source(self.rows(search), self.cells)

    def rows(self, search: str) -> Sequence[Any]:
        words = search_words(search)
        if self.kind == BriefKind.SUPERVISOR:
            found = supervisors.list_supervisors(self.app.db)
            return [s for s in found if holds(fold(f"{s.name} {s.title}"), words)]
        found = list_plans(self.app.db, as_of=self.app.today)
        return [p for p in found if holds(fold(f"{p.unit_name} {p.incumbent_name}"), words)]

    def cells(self, row: Any) -> Sequence[str]:
        if self.kind == BriefKind.SUPERVISOR:
            return (row.name, row.title or "")
        return (row.unit_name, row.incumbent_name or "", label("plan_status", row.status))

    def choose(self, row: Any) -> None:
        if self.kind == BriefKind.VISIT:
            self.dismiss(Scope(row.id, f"{row.unit_name} – {vn_date(row.date)}"))
        elif self.kind == BriefKind.PLAN:
            self.dismiss(Scope(row.id, row.unit_name))
        else:
            self.dismiss(Scope(row.id, row.name))
