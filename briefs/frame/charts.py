"""Charts for the briefs, as PNG bytes: plain bar charts set like the text around them.

The figure is made at its printed width, so that its sizes are the document's points: labels
in 12 pt, figures on the bars in 11 pt, in the document's serif face (Times New Roman where it
is installed, else Liberation Serif, its metric twin; matplotlib's own serif if neither, so a
machine without either still gets a chart). Tick labels that would run into each other are
turned; a legend explains the colours and the dashed line where a chart has them.

matplotlib is imported on first use only (it costs about half a second), so that the briefs
without a chart (visit, supervisor, plan) never pay for it. The PNGs carry no time stamp or
software tag: the same figures give the same bytes.
"""

import textwrap
import threading
from collections.abc import Sequence
from functools import cache
from io import BytesIO

from briefs.frame.vn import vn_number

WIDTH_MM, HEIGHT_MM, DPI = 150, 75, 150
MM_PER_INCH = 25.4
LABEL_PT, VALUE_PT = 12, 11  # the table text size; nothing under 11 pt
BAR = "#3b6ea5"
LOW = "#c0504d"
LINE = "#595959"
WRAP_WIDTHS = (14, 10, 7)  # characters per line tried for a long tick label
PLOT_SHARE = 0.84  # of the figure's width, for the bars (the rest: the y axis and its title)
HEADROOM = 1.2  # the axis above the highest bar, for the figure written on it
LABEL_GAP_PT = 3  # between two tick labels, at least
SERIF_FACES = ("Times New Roman", "Liberation Serif")
_local = threading.local()
_UNDER_TEXT = {"facecolor": "white", "edgecolor": "none", "pad": 0.5}  # hides the dashed line


@cache
def serif_face() -> str:
    """The first of SERIF_FACES that matplotlib finds, else its generic "serif" (cached: the
    font manager's lookup costs milliseconds and a batch draws hundreds of charts)."""
    from matplotlib import font_manager

    for face in SERIF_FACES:
        try:
            font_manager.findfont(font_manager.FontProperties(family=face),
                                  fallback_to_default=False)  # fmt: skip
        except ValueError:
            continue
        return face
    return "serif"


def month_labels(months: Sequence[tuple[int, int]]) -> tuple[list[str], str | None]:
    """Labels of (year, month) pairs and the axis title: "T1".."T12" under "Năm 2026" when
    every month is in one year, else "T11/2025", "T12/2025", "T1/2026"… and no title."""
    years = {year for year, _month in months}
    if len(years) == 1:
        return [f"T{month}" for _year, month in months], f"Năm {years.pop()}"
    return [f"T{month}/{year}" for year, month in months], None


def bar_figure(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    ylabel: str,
    xlabel: str | None = None,
    threshold: float | None = None,
    threshold_label: str | None = None,
    ymax: float | None = None,
    percent: bool = False,
    width_mm: float = WIDTH_MM,
):
    """The matplotlib Figure of `bar_chart` (tests measure its texts); the value axis runs
    to `ymax` at least, higher when a bar's figure needs the room."""
    import matplotlib as mpl

    with mpl.rc_context({"font.family": serif_face(), "font.size": LABEL_PT}):
        fig, ax = _figure(width_mm)
        heights = [v or 0 for v in values]
        low = [threshold is not None and v is not None and v < threshold for v in values]
        bars = ax.bar(range(len(labels)), heights, color=[LOW if x else BAR for x in low],
                      width=0.6)  # fmt: skip
        ax.set_xticks(range(len(labels)), [str(x) for x in labels])
        ax.set_ylabel(ylabel)
        if xlabel:
            ax.set_xlabel(xlabel)
        top = max(ymax or 0, max([*heights, threshold or 0, 1]) * HEADROOM)
        ax.set_ylim(0, top)
        if percent and top > 100:
            ax.set_yticks(range(0, 101, 20))  # the room above 100% has no tick of its own
        for bar, value in zip(bars, values, strict=True):
            text = "-" if value is None else vn_number(value) + ("%" if percent else "")
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                        fontsize=VALUE_PT, bbox=_UNDER_TEXT)  # fmt: skip
        if threshold is not None:
            ax.axhline(threshold, color=LINE, linestyle="--", linewidth=1)
            _legend(fig, ax, threshold_label or vn_number(threshold), any(low))
        _fit(fig, ax)
    return fig


def bar_chart(labels: Sequence[str], values: Sequence[float | None], **options) -> bytes:
    """Bars with their values written on top; a dashed line at `threshold`, bars under it in
    red, and a legend saying so. A missing value leaves an empty slot marked "-". Options as
    `bar_figure`; `width_mm` is the width the picture is printed at."""
    buffer = BytesIO()
    bar_figure(labels, values, **options).savefig(buffer, format="png",
                                                  metadata={"Software": None})  # fmt: skip
    return buffer.getvalue()


def _figure(width_mm: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    size = (width_mm / MM_PER_INCH, width_mm * HEIGHT_MM / WIDTH_MM / MM_PER_INCH)
    fig = Figure(figsize=size, dpi=DPI)
    canvas = getattr(_local, "canvas", None)
    if canvas is None:
        canvas = _local.canvas = FigureCanvasAgg(fig)
    canvas.figure = fig  # one canvas, so one renderer, per thread: text sizes measured once
    fig.set_canvas(canvas)
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _legend(fig, ax, threshold_text: str, any_low: bool) -> None:
    """Above the plot, in one row: what blue, red and the dashed line mean."""
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [Patch(color=BAR, label=f"Từ {threshold_text} trở lên")]
    if any_low:
        handles.append(Patch(color=LOW, label=f"Dưới {threshold_text}"))
    handles.append(Line2D([], [], color=LINE, linestyle="--", label=f"Mức {threshold_text}"))
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncols=len(handles), frameon=False, fontsize=VALUE_PT)  # fmt: skip


def _fit(fig, ax) -> None:
    """Keep every text clear of the others: tick labels wider than their slots are wrapped
    shorter, then, if still too wide, turned 45° on one line each; figures on the bars too
    wide for theirs lose their "%" (the axis title says it), then stand upright. Measured
    with the renderer's text metrics before any drawing (a layout engine would draw the
    figure several times, and a batch draws hundreds)."""
    renderer = fig.canvas.get_renderer()
    ticks = ax.get_xticklabels()
    slot = fig.bbox.width * PLOT_SHARE / max(1, len(ticks)) - renderer.points_to_pixels(
        LABEL_GAP_PT
    )
    words = [t.get_text() for t in ticks]
    for width in WRAP_WIDTHS:  # names on two or three lines before any slant
        if _widest(ticks, renderer) <= slot or not any(" " in w for w in words):
            break
        ax.set_xticks(range(len(words)), [textwrap.fill(w, width) for w in words])
        ticks = ax.get_xticklabels()
    slanted = _widest(ticks, renderer) > slot
    if slanted:  # on one line each: names wrapped and slanted run into each other
        ax.set_xticks(range(len(words)), words)
        ticks = ax.get_xticklabels()
        for tick in ticks:
            tick.set(rotation=45, ha="right", rotation_mode="anchor")
    values = ax.texts
    if _widest(values, renderer) > slot:
        for text in values:
            text.set_text(text.get_text().removesuffix("%"))
    if _widest(values, renderer) > slot:
        for text in values:
            text.set(rotation=90)
        low, high = ax.get_ylim()
        ax.set_ylim(low, high * 1.15)
    _lay_out(fig, ax, ticks if slanted else [], renderer)


def _lay_out(fig, ax, slanted, renderer) -> None:
    """Tight layout, run here rather than set on the figure (savefig would draw it once more
    to lay it out again); then, in a face wider than Times (DejaVu Serif, where neither Times
    nor Liberation is installed), what it does not see: a slanted first label reaching left
    under the value axis' "0" moves the bars right, a value title running out of the
    figure goes on two lines; laid out again after each."""
    from matplotlib.layout_engine import TightLayoutEngine

    for _round in range(3):
        TightLayoutEngine(pad=0.4).execute(fig)
        plot = ax.get_window_extent(renderer)
        reach = plot.x0 - slanted[0].get_window_extent(renderer).x0 if slanted else 0
        if reach > 0:
            low, high = ax.get_xlim()
            ax.set_xlim(low - reach * (high - low) / plot.width, high)
        title, room = ax.yaxis.label, fig.bbox
        box = title.get_window_extent(renderer)
        tall = box.y1 > room.y1 or box.y0 < room.y0
        if tall and "\n" not in title.get_text():
            words = title.get_text()
            title.set_text(textwrap.fill(words, len(words) // 2 + 1))
        if reach <= 0 and not tall:
            return


def _widest(texts, renderer) -> float:
    return max((t.get_window_extent(renderer).width for t in texts), default=0.0)
