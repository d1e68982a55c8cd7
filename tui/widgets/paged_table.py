"""A virtual table: it asks a store query for one page of rows at a time (limit/offset) and a
count, so that a list of 12,000 units scrolls as fast as a list of 12 and never loads whole.

    table.set_source(PageSource(
        count=lambda: units.count_units(db, text),
        fetch=lambda limit, offset: units.list_units(db, text, limit=limit, offset=offset),
        cells=lambda u: (u.code, u.name),
    ))
"""

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.format import safe, vn_number
from tui.node import PhutrachNode
from tui.textual_internals import set_virtual_size

CACHED_PAGES = 16
NARROWEST = 16  # a name column's width before the columns after it give way


@dataclass(frozen=True)
class Column:
    title: str
    width: int | None = None  # None: shares the width the fixed columns leave
    align: Literal["left", "right"] = "left"
    cut: Literal["end", "middle"] = "end"  # middle: unit names, whose ends tell them apart


@dataclass(frozen=True)
class PageSource:
    """Where rows come from: how many there are, one page of them, and a row's cells.
    At each (re)load the table asks `count` first, then only the pages it draws."""

    count: Callable[[], int]
    fetch: Callable[[int, int], Sequence[Any]]  # (limit, offset) -> rows
    cells: Callable[[Any], Sequence[str | Text]]  # a rich Text keeps its colours
    # A count that stops: `count` gives at most `cap` + 1 (more than `cap` rows), and
    # `exact` the whole count, asked only when the rows past `cap` are reached (a search
    # keystroke draws the page, it does not count the province).
    cap: int | None = None
    exact: Callable[[], int] | None = None


def _empty_source() -> PageSource:
    return PageSource(count=lambda: 0, fetch=lambda limit, offset: [], cells=lambda row: ())


class PagedTable(PhutrachNode, ScrollView, can_focus=True):
    """Rows under a fixed header line, one cursor row; Enter selects it."""

    BINDINGS = [
        Binding(
            "enter", "select", "Open", id="table.select", tooltip="Open the row under the cursor"
        ),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]
    COMPONENT_CLASSES = {"paged-table--header", "paged-table--cursor", "paged-table--empty"}

    cursor: reactive[int] = reactive(0, always_update=True)

    class RowMessage(Message):
        def __init__(self, table: "PagedTable", index: int, row: Any) -> None:
            super().__init__()
            self.table, self.index, self.row = table, index, row

        @property
        def control(self) -> "PagedTable":
            return self.table

    class Highlighted(RowMessage):
        """The cursor moved to `row` (at `index`)."""

    class Selected(RowMessage):
        """Enter or a click on the cursor row: open `row`."""

    class Counted(Message):
        """A capped count was made exact (the rows past the cap were reached)."""

        def __init__(self, table: "PagedTable") -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> "PagedTable":
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        page_size: int = 50,  # a screen's rows (40 lines) from one page
        empty_text: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self.page_size = page_size
        self.empty_text = empty_text
        self.source = _empty_source()
        self.row_count = 0
        self.capped = False  # row_count is the source's cap + 1: more rows than shown
        self._pages: OrderedDict[int, Sequence[Any]] = OrderedDict()
        # Drawn rows: a screen redraws every visible line at each refresh, and a row of styled
        # cells (the compliance grid's twelve months) takes milliseconds to lay out.
        self._lines: LRUCache[tuple, Strip] = LRUCache(1024)
        self._same: tuple[set[int], int, int] | None = None  # see _first_page

    # -- data ------------------------------------------------------------------------------
    def set_source(self, source: PageSource) -> None:
        """Show another query's rows (a new search): cursor back to the first row."""
        self.source = source
        self.reload()
        self.cursor = 0
        self.scroll_to(y=0, animate=False)

    def reload(self) -> None:
        """Ask the source again (after an edit), keeping the cursor where it can stay."""
        self._pages.clear()
        self._lines.clear()
        self._same = None
        self.row_count = self.source.count()
        self.capped = self.source.cap is not None and self.row_count > self.source.cap
        set_virtual_size(self, Size(0, self.row_count + 1))  # no layout when no bar changes
        if self.cursor >= self.row_count:
            self.cursor = max(self.row_count - 1, 0)
        self.refresh()

    @property
    def count_text(self) -> str:
        """The rows' count as a list says it: "1.000+" while the count stopped at its cap."""
        if self.capped and self.source.cap is not None:
            return vn_number(self.source.cap) + "+"
        return vn_number(self.row_count)

    def _uncap(self) -> None:
        """The rows past a capped count are reached: count them all, once."""
        self.capped = False
        exact = self.source.exact
        self.row_count = exact() if exact is not None else self.row_count
        set_virtual_size(self, Size(0, self.row_count + 1))
        self.post_message(self.Counted(self))

    def row_at(self, index: int) -> Any | None:
        """The row at `index`, fetching its page if it is not cached."""
        if self.capped and index >= self.row_count - 1:
            self._uncap()
        if not 0 <= index < self.row_count:
            return None
        number = index // self.page_size
        page = self._pages.get(number)
        if page is None:
            page = self.source.fetch(self.page_size, number * self.page_size)
            self._pages[number] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = index - number * self.page_size
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> Any | None:
        return self.row_at(self.cursor)

    # -- drawing ---------------------------------------------------------------------------
    def _widths(self, width: int) -> list[int]:
        """Each column's width. Where the names (the flexible columns) would be cut, the
        fixed columns whose cells repeat one value on the whole first page (they tell no row
        from another) are left out (0); where the names would still get less than
        `NARROWEST` each, or so little that two names of the first page would read the same,
        the columns after them too, from the right."""
        widths = [c.width for c in self.columns]  # None: flexible
        flexible = widths.count(None)
        after = widths.index(None) + 1 if flexible else len(widths)

        def spare() -> int:
            shown = [w for w in widths if w != 0]
            return width - sum(w or 0 for w in shown) - len(shown) - 1

        narrowest = NARROWEST
        if flexible and self.row_count:
            alike, longest, distinct = self._first_page()
            narrowest = max(NARROWEST, distinct)
            for index in sorted(alike, reverse=True):
                if spare() >= longest * flexible:
                    break
                widths[index] = 0
        for index in range(len(widths) - 1, after - 1, -1):
            if spare() >= narrowest * flexible:
                break
            if widths[index]:
                widths[index] = 0
        share = max(spare(), 0) // flexible if flexible else 0
        return [share if w is None else w for w in widths]

    def _first_page(self) -> tuple[set[int], int, int]:
        """The fixed columns whose cells are one value on every row of the first page, the
        longest name there, and the least width at which its names still all read apart
        (read once per reload)."""
        if self._same is None:
            rows = [self.row_at(i) for i in range(min(self.row_count, self.page_size))]
            cells = [[str(c) for c in self.source.cells(r)] for r in rows if r is not None]
            alike = {
                index
                for index, column in enumerate(self.columns)
                if column.width
                and len(cells) > 1
                and len({r[index] if index < len(r) else "" for r in cells}) == 1
            }
            names = [i for i, c in enumerate(self.columns) if c.width is None]
            longest = max((len(r[i]) for r in cells for i in names if i < len(r)), default=0)
            distinct = max(
                (
                    _distinct_width([r[i] for r in cells if i < len(r)], self.columns[i].cut)
                    for i in names
                    if self.columns[i].cut == "middle"  # unit names; descriptions may share starts
                ),
                default=0,
            )
            self._same = (alike, longest, distinct)
        return self._same

    def _line(self, cells: Sequence[str], style, width: int) -> Strip:
        """One row: each cell cut and padded to its column, a space between. A plain cell is
        one segment made here; only a styled one (an overdue mark) is laid out by rich (a
        whole row through rich's Text cost a third of a keystroke's drawing)."""
        segments = [_SPACE]
        for column, cell_width, value in zip(
            self.columns, self._widths(width), cells, strict=False
        ):
            if not cell_width:
                continue
            if isinstance(value, Text) and (value.spans or value.style):
                segments.extend(_styled_cell(value, column, cell_width).render(self.app.console))
            else:
                segments.append(Segment(_fitted(safe(value).plain, column, cell_width)))
            segments.append(_SPACE)
        return Strip(segments).adjust_cell_length(width).apply_style(style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # less the scrollbar
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("paged-table--header")
            return self._line([c.title for c in self.columns], style, width)
        index = self.scroll_offset.y + y - 1
        if self.row_count == 0 and y == 1 and self.empty_text:
            style = base + self.get_component_rich_style("paged-table--empty")
            return (
                Strip(list(Text(" " + self.empty_text, end="").render(self.app.console)))
                .adjust_cell_length(width)
                .apply_style(style)
            )
        row = self.row_at(index)
        if row is None:
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("paged-table--cursor")
        key = (index, width, style)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = self._line(self.source.cells(row), style, width)
        return line

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, self.row_count + 1)
        self._follow_cursor()

    # -- moving ----------------------------------------------------------------------------
    @property
    def _visible_rows(self) -> int:
        return max(self.size.height - 1, 1)

    def watch_cursor(self, index: int) -> None:
        self._follow_cursor()
        self.refresh()
        if self.row_count:
            self.post_message(self.Highlighted(self, index, self.row_at(index)))

    def _follow_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._visible_rows:
            self.scroll_to(y=self.cursor - self._visible_rows + 1, animate=False, immediate=True)

    def _clamp(self, index: int) -> int:
        return min(max(index, 0), max(self.row_count - 1, 0))

    def action_move(self, step: int) -> None:
        self.cursor = self._clamp(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.cursor = self._clamp(self.cursor + direction * self._visible_rows)

    def action_jump(self, index: int) -> None:
        if index < 0 and self.capped:
            self._uncap()
        self.cursor = self._clamp(index if index >= 0 else self.row_count - 1)

    def action_select(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, self.cursor, row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = round(self.scroll_offset.y) + offset.y - 1
        if 0 <= index < self.row_count:
            again = index == self.cursor
            self.cursor = index
            if again or event.chain > 1:
                self.action_select()


def _cut(name: str, width: int, cut: str) -> str:
    """`name` as a column `width` wide draws it (the plain text of `_middle_cut` or of an
    ellipsis at the end)."""
    if len(name) <= width:
        return name
    if cut == "middle" and width >= 8:
        head = (width - 1) // 2
        return name[:head] + "…" + name[len(name) - (width - 1 - head) :]
    return name[: width - 1] + "…"


def _distinct_width(names: list[str], cut: str) -> int:
    """The least width at which names that differ still read differently once cut."""
    different = len(set(names))
    longest = max(map(len, names), default=0)
    for width in range(NARROWEST, longest):
        if len({_cut(n, width, cut) for n in names}) == different:
            return width
    return longest


def _middle_cut(text: Text, width: int) -> Text:
    """A name too long for its column, cut in the middle: its start and its end both show
    ("Chi bộ thôn 1 — …xã Đào Xá"), where names sharing a start differ (a number, a parent)."""
    if width < 8:
        return text
    head = (width - 1) // 2
    tail = width - 1 - head
    cut = text[:head] + Text("…") + text[len(text.plain) - tail :]
    cut.no_wrap, cut.end = True, ""
    return cut  # wide characters: the caller's truncate keeps it to `width`


_SPACE = Segment(" ")


def _fitted(plain: str, column: Column, width: int) -> str:
    """A plain cell `width` cells wide, as `_styled_cell` lays out a styled one: cut as `_cut`
    cuts it (in the middle for a name, else at the end with an ellipsis), then aligned."""
    if cell_len(plain) > width:
        plain = _cut(plain, width, column.cut)
        if cell_len(plain) > width:  # wide characters: cut by cells
            plain = set_cell_size(plain, width - 1) + "…"
    excess = width - cell_len(plain)
    if excess <= 0:
        return plain
    return plain + " " * excess if column.align == "left" else " " * excess + plain


def _styled_cell(value: Text, column: Column, width: int) -> Text:
    text = _cell_text(value)
    if column.cut == "middle" and text.cell_len > width:
        text = _middle_cut(text, width)
    text.truncate(width, overflow="ellipsis")
    text.align(column.align, width)
    cell = Text(no_wrap=True, end="")
    cell.append_text(text)  # its own style a span: rendered, a Text's own style is left out
    return cell


def _cell_text(value) -> Text:
    """One cell: stored text shown as text (tui.format.safe), or a copy of a styled `Text`
    (an overdue mark in colour)."""
    text = value.copy() if isinstance(value, Text) else safe(value)
    text.no_wrap, text.end = True, ""
    return text
