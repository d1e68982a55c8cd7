"""The concern board: figures at the top, filters, a search box and the paged list of
concerns, overdue ones first, in colour and marked with a symbol."""

from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input, Select, Static

from store.concerns import STATUSES
from store.concerns import board as concern_board
from store.concerns.board import AGEING_DAYS, BoardRow
from store.core.search_index import CAP
from store.lang.i18n import _
from store.lang.labels import label
from store.org import supervisors, units
from tui.comeback import ComesBack
from tui.format import vn_date, vn_number
from tui.node import PhutrachNode
from tui.screens.concerns.common import OVERDUE_MARK, alert, rulebook_choices
from tui.textual_internals import OverlayOnOpen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.lazy_select import LazySelect
from tui.widgets.paged_table import Column, PagedTable, PageSource
from tui.widgets.search_box import SearchBox, on_typed

# Status filter value -> board() arguments.
STATUS_FILTERS = {
    "open": {"status": "open"},
    "overdue": {"overdue": True},
    "ageing": {"ageing": True},
    "closed": {"status": "closed"},
    **{status: {"status": status} for status in STATUSES},
    "all": {},
}


@dataclass(frozen=True)
class Filters:
    status: str = "open"
    category: str | None = None
    route: str | None = None
    unit_id: int | None = None
    supervisor_id: int | None = None
    search: str = ""

    def scope(self) -> dict:
        """The filters the figures follow: all but the status."""
        return {
            "category": self.category,
            "route": self.route,
            "unit_id": self.unit_id,
            "supervisor_id": self.supervisor_id,
            "search": self.search,
        }

    def query(self) -> dict:
        return {**self.scope(), **STATUS_FILTERS[self.status]}


class ConcernsScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "Every issue raised at the grassroots until it is resolved: overdue ones first, in "
        "colour and marked ⚠. Narrow the list with the filters (Tab moves between them) or "
        "type part of the content or of the unit's name, with or without diacritics. Enter "
        "opens a concern and its history; N raises a new one."
    )
    BINDINGS = [
        Binding("n", "raise_concern", "Raise", id="concerns.raise", tooltip="Raise a new concern"),
        Binding(
            "slash,ctrl+f",
            "focus_search",
            "Search",
            id="concerns.search",
            tooltip="Search concerns by content or unit, with or without diacritics",
        ),
        Binding(
            "x",
            "clear_filters",
            "All filters off",
            id="concerns.clear",
            tooltip="Show the open concerns of everyone, without search",
        ),
        Binding("escape", "leave_search", show=False, id="concerns.leave_search"),
    ]

    def compose(self) -> ComposeResult:
        db = self.app.db
        self.chosen_supervisor = self._current_supervisor()
        self.filters = Filters(supervisor_id=self.chosen_supervisor)
        self.categories = {code: text for text, code in rulebook_choices(db, "categories")}
        yield Header()
        with Horizontal(id="concerns-figures"):
            for name, title in self._figure_titles():
                figure = Static(id=f"figure-{name}", classes="figure")
                figure.border_title = title
                yield figure
        with Horizontal(id="concerns-filters"):
            yield OverlayOnOpen(
                self._status_choices(),
                allow_blank=False,
                value="open",
                id="filter-status",
                compact=True,
            )
            yield OverlayOnOpen(
                rulebook_choices(db, "categories"),
                prompt=_("All categories"),
                id="filter-category",
                compact=True,
            )
            yield OverlayOnOpen(
                rulebook_choices(db, "routes"),
                prompt=_("All routes"),
                id="filter-route",
                compact=True,
            )
            yield LazySelect(
                lambda: [(u.name, u.id) for u in units.children(db, None)],
                prompt=_("All organizations"),
                id="filter-unit",
                compact=True,
            )
            yield LazySelect(
                lambda: [(s.name, s.id) for s in supervisors.list_supervisors(db)],
                prompt=_("All supervisors"),
                value=self.filters.supervisor_id or Select.NULL,
                id="filter-supervisor",
                compact=True,
            )
        yield SearchBox(
            placeholder=_("Search the content or the unit's name (diacritics optional)…"),
            id="concerns-search",
            results="#concerns-table",
        )
        table = PagedTable(
            self._columns(), empty_text=_("No concern matches."), id="concerns-table"
        )
        table.border_title = _("Concerns raised at the grassroots")
        yield table
        yield Static(id="concerns-count")
        yield KeyFooter()

    def _current_supervisor(self) -> int | None:
        chosen = supervisors.current_supervisor_id(self.app.db)
        if chosen is None:
            return None
        active = {s.id for s in supervisors.list_supervisors(self.app.db)}
        return chosen if chosen in active else None

    @staticmethod
    def _figure_titles() -> list[tuple[str, str]]:
        return [
            ("open", _("Still open")),
            ("overdue", _("Overdue")),
            ("ageing", _("Open > {days} days").format(days=AGEING_DAYS)),
            ("resolved", _("Closed this month")),
        ]

    @staticmethod
    def _status_choices() -> list[tuple[str, str]]:
        return [
            (_("Still open"), "open"),
            (_("Overdue"), "overdue"),
            (_("Open more than {days} days").format(days=AGEING_DAYS), "ageing"),
            (_("Closed (resolved or answered)"), "closed"),
            *((label("concern_status", s), s) for s in STATUSES),
            (_("All statuses"), "all"),
        ]

    @staticmethod
    def _columns() -> list[Column]:
        return [
            Column(_("Overdue"), 7),
            Column(_("Due"), 10),
            Column(_("Party organization"), cut="middle"),
            Column(_("Content")),
            Column(_("Category"), 14),
            Column(_("Status"), 19),
            Column(_("Days"), 7, "right"),
        ]

    def on_mount(self) -> None:
        self.sub_title = _("Concerns")
        self._show()
        on_typed(self.query_one("#concerns-search", Input), self._search)
        self.query_one(PagedTable).focus()
        self.watch(self.app, "supervisor_id", lambda _id: self._follow(), init=False)

    def _follow(self) -> None:
        """Another supervisor chosen (on any screen): the supervisor filter follows."""
        chosen = self._current_supervisor()
        if chosen != self.chosen_supervisor:
            self.chosen_supervisor = chosen
            self.query_one("#filter-supervisor", LazySelect).choose(chosen or Select.NULL)

    def came_back(self) -> None:
        """Back from a concern, a form or another screen: the rows and figures may have
        changed."""
        self._follow()
        self.query_one(PagedTable).reload()
        self._figures()

    # -- showing ---------------------------------------------------------------------------
    def _source(self) -> PageSource:
        db, today, query = self.app.db, self.app.today, self.filters.query()
        return PageSource(
            count=lambda: concern_board.count_board(db, as_of=today, cap=CAP, **query),
            fetch=lambda limit, offset: concern_board.board(
                db, as_of=today, limit=limit, offset=offset, **query
            ),
            cells=self._cells,
            cap=CAP,
            exact=lambda: concern_board.count_board(db, as_of=today, **query),
        )

    def _show(self) -> None:
        self.query_one(PagedTable).set_source(self._source())
        self.call_after_refresh(self._figures)  # the rows first: a search shows them sooner

    def _figures(self) -> None:
        counts = concern_board.board_counts(
            self.app.db, as_of=self.app.today, **self.filters.scope()
        )
        for name, value in (
            ("open", counts.open),
            ("overdue", counts.overdue),
            ("ageing", counts.ageing),
            ("resolved", counts.resolved_this_month),
        ):
            figure = self.query_one(f"#figure-{name}", Static)
            mark = f"{OVERDUE_MARK} " if name == "overdue" and value else ""
            figure.update(mark + vn_number(value), layout=False)  # a fixed 1fr × 3 box
            figure.set_class(name == "overdue" and value > 0, "-alert")
        table = self.query_one(PagedTable)
        self.query_one("#concerns-count", Static).update(
            _("{count} concerns listed").format(count=table.count_text), layout=False
        )

    def _cells(self, row: BoardRow) -> tuple:
        late = row.is_overdue
        cells = (
            f"{OVERDUE_MARK} {row.days_overdue}" if late else "",
            vn_date(row.due_date),
            row.unit_name,
            row.description,
            self.categories.get(row.category, row.category),
            label("concern_status", row.status),
            str(row.age_days),
        )
        return tuple(alert(self, cell, late) for cell in cells)

    # -- filtering -------------------------------------------------------------------------
    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        name = (event.select.id or "").removeprefix("filter-")
        if name not in ("status", "category", "route", "unit", "supervisor"):
            return
        value = None if event.value == Select.NULL else event.value
        field = {"unit": "unit_id", "supervisor": "supervisor_id"}.get(name, name)
        if getattr(self.filters, field) != value:
            self.filters = replace(self.filters, **{field: value})
            self._show()

    def _search(self, text: str) -> None:
        self.filters = replace(self.filters, search=text)
        self._show()

    def action_clear_filters(self) -> None:
        self.query_one("#filter-status", Select).value = "open"
        for name in ("category", "route", "unit", "supervisor"):
            self.query_one(f"#filter-{name}", Select).clear()
        self.query_one("#concerns-search", Input).value = ""
        self.filters = Filters()
        self._show()

    def action_focus_search(self) -> None:
        self.query_one("#concerns-search", Input).focus()

    def action_leave_search(self) -> None:
        if self.focused is self.query_one("#concerns-search"):
            self.query_one(PagedTable).focus()

    # -- acting ----------------------------------------------------------------------------
    @on(PagedTable.Selected, "#concerns-table")
    def _open(self, event: PagedTable.Selected) -> None:
        from tui.screens.concerns.detail import ConcernDetailScreen

        self.app.push_screen(ConcernDetailScreen(event.row.id))

    def action_raise_concern(self) -> None:
        """The form and the detail load when first opened: with the TextArea they edit in,
        they were a fifth of the board's first show."""
        from tui.screens.concerns.form import ConcernForm

        form = ConcernForm(supervisor_id=self._current_supervisor())
        self.app.push_screen(form, self._raised)

    def _raised(self, concern_id: int | None) -> None:
        if concern_id is not None:
            self.notify(_("The concern is recorded."))
