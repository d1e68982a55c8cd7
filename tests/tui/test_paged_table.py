"""The paged table asks its source for one page at a time and never for the whole list."""

from textual.app import App, ComposeResult

from tui.widgets.paged_table import Column, PagedTable, PageSource

ROWS = 12_000


class Source:
    """A fake query over ROWS numbered rows that records every page asked of it."""

    def __init__(self, rows: int = ROWS):
        self.rows = rows
        self.asked: list[tuple[int, int]] = []

    def page_source(self) -> PageSource:
        return PageSource(
            count=lambda: self.rows, fetch=self.fetch, cells=lambda n: (str(n), f"Chi bộ {n}")
        )

    def fetch(self, limit: int, offset: int) -> list[int]:
        self.asked.append((limit, offset))
        return list(range(offset, min(offset + limit, self.rows)))


class TableApp(App):
    def __init__(self, source: PageSource):
        super().__init__()
        self.source = source
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield PagedTable(
            [Column("Mã", 6, "right"), Column("Tên")], page_size=50, empty_text="Trống"
        )

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.set_source(self.source)
        table.focus()

    def on_paged_table_selected(self, event: PagedTable.Selected) -> None:
        self.selected.append(event.row)


async def test_first_screen_reads_one_page_only():
    source = Source()
    app = TableApp(source.page_source())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(PagedTable)
        assert table.row_count == ROWS
        assert source.asked == [(50, 0)]
        assert "Chi bộ 0" in _text(app)


async def test_end_jumps_to_the_last_row_reading_only_its_page():
    source = Source()
    app = TableApp(source.page_source())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("end")
        await pilot.pause()
        table = app.query_one(PagedTable)
        assert table.cursor == ROWS - 1
        assert table.current == ROWS - 1
        assert "Chi bộ 11999" in _text(app)
        assert all(offset in (0, 11_950, 11_900) for _limit, offset in source.asked)


async def test_keys_move_the_cursor_and_enter_selects_the_row():
    app = TableApp(Source().page_source())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("down", "down", "pagedown", "up", "enter")
        await pilot.pause()
        table = app.query_one(PagedTable)
        visible = table.size.height - 1
        assert table.cursor == 2 + visible - 1
        assert app.selected == [table.cursor]
        assert table.scroll_offset.y <= table.cursor < table.scroll_offset.y + visible


async def test_a_click_moves_the_cursor_and_a_second_click_selects():
    app = TableApp(Source().page_source())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.click(PagedTable, offset=(3, 4))
        await pilot.pause()
        assert app.query_one(PagedTable).cursor == 3
        assert app.selected == []
        await pilot.click(PagedTable, offset=(3, 4))
        await pilot.pause()
        assert app.selected == [3]


async def test_a_new_source_resets_the_cursor_and_an_empty_one_says_so():
    app = TableApp(Source().page_source())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("end")
        table = app.query_one(PagedTable)
        table.set_source(Source(rows=0).page_source())
        await pilot.pause()
        assert table.cursor == 0 and table.current is None
        assert "Trống" in _text(app)
        await pilot.press("enter")
        assert app.selected == []


def _text(app: App) -> str:
    """The lines the table draws, as plain text."""
    table = app.query_one(PagedTable)
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


def test_a_narrow_table_leaves_out_its_last_columns_before_the_name():
    columns = [Column("Tình trạng", 19), Column("Tên"), Column("Cấp ủy viên", 20)]
    table = PagedTable([*columns, Column("Định kỳ", 7), Column("Hạn dự", 10)])
    assert table._widths(120) == [19, 58, 20, 7, 10]  # 120 - 56 fixed - 6 separators
    assert table._widths(70) == [19, 19, 20, 7, 0]  # the name keeps 16 or more
    assert table._widths(50) == [19, 28, 0, 0, 0]  # the columns before the name stay
    assert PagedTable([Column("Mã", 8), Column("Số", 6)])._widths(10) == [8, 6]  # no name


def test_names_that_would_read_the_same_once_cut_take_the_width_of_the_columns_after():
    """Chi bộ thôn 3 and 9 of one commune, cut to 19 in the middle, would both read "Chi bộ
    th… Hòa Bình": the table gives way its last columns until they read apart."""
    from tui.widgets.paged_table import _cut, _distinct_width

    names = [f"Chi bộ thôn {n} — Đảng bộ xã Hòa Bình" for n in (3, 9)]
    assert _cut(names[0], 19, "middle") == _cut(names[1], 19, "middle")
    width = _distinct_width(names, "middle")
    assert _cut(names[0], width, "middle") != _cut(names[1], width, "middle")
    assert _cut(names[0], width - 1, "middle") == _cut(names[1], width - 1, "middle")
    assert _distinct_width(["Khu phố 1", "Khu phố 2"], "middle") == 9  # whole: no cut needed

    rows = [{"state": "Đã dự", "name": n, "last": f"0{i}/11/2026"} for i, n in enumerate(names)]
    columns = [Column("Tình trạng", 19), Column("Tên", cut="middle"), Column("Lần dự", 15)]
    table = PagedTable([*columns, Column("Định kỳ", 7), Column("Hạn dự", 10)])
    table.source = PageSource(
        count=lambda: len(rows),
        fetch=lambda limit, offset: rows[offset : offset + limit],
        cells=lambda r: [r["state"], r["name"], r["last"], "Quý", "31/03/2027"],
    )
    table.row_count = len(rows)  # what reload() reads, without a running app
    widths = table._widths(80)
    assert widths[1] >= width and widths[1] < len(names[0]) + 12  # apart, not whole-or-nothing
    assert widths[-1] == 0 and widths[2] == 15  # the deadline gave way, the last visit stayed


async def test_a_capped_count_says_more_and_counts_all_at_the_end():
    """A count that stops at its cap shows "1.000+" and draws the page; End counts all."""
    source = Source(5_000)
    exact_asked = []

    def exact() -> int:
        exact_asked.append(True)
        return source.rows

    capped = PageSource(
        count=lambda: min(source.rows, 1_001),
        fetch=source.fetch,
        cells=lambda n: (str(n), f"Chi bộ {n}"),
        cap=1_000,
        exact=exact,
    )
    app = TableApp(capped)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(PagedTable)
        assert (table.row_count, table.capped, table.count_text) == (1_001, True, "1.000+")
        assert exact_asked == [] and source.asked == [(50, 0)]
        await pilot.press("end")
        await pilot.pause()
        assert exact_asked == [True]
        assert (table.row_count, table.capped, table.cursor) == (5_000, False, 4_999)
        assert table.count_text == "5.000"


async def test_a_count_under_its_cap_is_exact():
    source = Source(300)
    page = source.page_source()
    app = TableApp(PageSource(page.count, page.fetch, page.cells, cap=1_000))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(PagedTable)
        assert (table.row_count, table.capped, table.count_text) == (300, False, "300")
