"""A unit's trend and regime for its detail view: attendance rate and visit score over the last
24 months as small bar charts with the latest figures beside them, and the meetings the
rulebook required of it this year against those it held."""

from collections.abc import Callable
from datetime import date

from rich.table import Table
from rich.text import Text
from sqlite_utils import Database
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from store.lang.i18n import _
from store.lang.labels import label
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import regime
from store.visits.regime import RegimeLine, TrendPoint

MONTHS = 24
BARS = "▁▂▃▄▅▆▇█"
FLOOR = 60.0  # bars start at 60: the differences that matter lie above it
RATING_STYLES = ("green", "cyan", "yellow", "red")  # best level first, as the rulebook lists


class UnitTrend(Vertical):
    """The trend chart and the year's regime table of one unit, as of `today`."""

    DEFAULT_CSS = "UnitTrend { height: auto; }"

    def __init__(self, db: Database, unit_id: int, today: date, *, id: str | None = None):
        super().__init__(id=id)
        self.db, self.unit_id, self.today = db, unit_id, today

    def compose(self) -> ComposeResult:
        rulebook = rulebook_in_force(self.db)
        points = regime.unit_trend(self.db, self.unit_id, MONTHS, as_of=self.today)
        yield Label(_("The last {months} months").format(months=MONTHS), classes="section-title")
        yield Static(trend_chart(points, rulebook), id="trend-chart")
        year = self.today.year
        yearly = regime.unit_regime(self.db, self.unit_id, str(year), rulebook, as_of=self.today)
        yield Label(_("Meeting regime, {year}").format(year=year), classes="section-title")
        if yearly.lines:
            yield _regime_table(yearly.lines)
        else:
            yield Static(
                _("The rulebook asks no meeting of this kind of organization."),
                classes="section-empty",
                id="regime-empty",
            )
        yield Static(_attendance(yearly, year), id="regime-attendance")


def bars(values: list[float | None], style: Callable[[float], str]) -> Text:
    """One bar a month (· where nothing was recorded), from FLOOR to 100."""
    text = Text(no_wrap=True)
    for value in values:
        if value is None:
            text.append("· ", style="dim")
            continue
        level = round((min(value, 100.0) - FLOOR) / (100.0 - FLOOR) * (len(BARS) - 1))
        text.append(BARS[max(level, 0)] + " ", style=style(value))
    return text


def axis(points: list[TrendPoint]) -> Text:
    """Month labels (mm/yy) under the bars: the first month, then every January and July."""
    text = Text(no_wrap=True, style="dim")
    for index, point in enumerate(points):
        month = point.period
        if (index == 0 or month.first in (1, 7)) and len(text) <= 2 * index:
            text.append(" " * (2 * index - len(text)) + f"{month.first:02d}/{month.year % 100:02d}")
    return text


def _latest(points: list[TrendPoint], field: str, shape: str) -> str:
    for point in reversed(points):
        value = getattr(point, field)
        if value is not None:
            return shape.format(value=round(value), month=point.period.title())
    return _("no data yet")


def trend_chart(points: list[TrendPoint], rulebook) -> Table:
    threshold = rulebook.attendance_threshold
    levels = rulebook.ratings

    def rate_style(value: float) -> str:
        return "green" if value >= threshold else "yellow"

    def score_style(value: float) -> str:
        index = next((i for i, lv in enumerate(levels) if value >= lv.min), len(levels) - 1)
        return RATING_STYLES[min(index, len(RATING_STYLES) - 1)]

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_row(
        _("Attendance rate"),
        bars([p.attendance_rate for p in points], rate_style),
        _latest(points, "attendance_rate", _("{value}% in {month}")),
    )
    grid.add_row(
        _("Visit score"),
        bars([p.visit_score for p in points], score_style),
        _latest(points, "visit_score", _("{value}/100 in {month}")),
    )
    grid.add_row("", axis(points), "")
    return grid


def _regime_table(lines: tuple[RegimeLine, ...]) -> DataTable:
    table: DataTable = DataTable(id="regime-table", show_cursor=False, zebra_stripes=True)
    table.can_focus = False
    table.add_columns(
        _("Kind of meeting"), _("Rule"), _("Required"), _("Held"), _("Missed"), _("Still due")
    )
    for line in lines:
        missed = Text(f"✗ {line.missed}", style="bold red") if line.missed else Text("0")
        table.add_row(
            label("meeting_kind", line.meeting_kind),
            _("{count} per {per}").format(count=line.count, per=label("period", line.per)),
            str(line.owed),  # = held + missed + still due (store.visits.regime)
            str(line.done),
            missed,
            str(line.not_due),
        )
    return table


def _attendance(yearly, year: int) -> Text:
    rate = yearly.attendance_rate
    if rate is None:
        return Text(_("No regular meeting recorded in {year}.").format(year=year), style="dim")
    text = _("Attendance at regular meetings in {year}: {rate}% (threshold {threshold}%)").format(
        year=year, rate=round(rate), threshold=round(yearly.attendance_threshold)
    )
    return Text(text, style="green" if yearly.attendance_ok else "bold yellow")
