"""Charts for the briefs, as PNG bytes: plain bar charts in the document's font family.

matplotlib is imported on first use only (it costs about half a second), so that the briefs
without a chart (visit, supervisor, plan) never pay for it. The PNGs carry no time stamp or
software tag: the same figures give the same bytes, hence the same brief hash.
"""

import textwrap
from collections.abc import Sequence
from io import BytesIO

from briefs.frame.vn import vn_number

WIDTH_IN, HEIGHT_IN, DPI = 6.4, 3.0, 150
BAR = "#3b6ea5"
LOW = "#c0504d"
LINE = "#7f7f7f"
LABEL_WIDTH = 14  # characters of an axis label per line


def _figure():
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    return fig, ax


def _png(fig) -> bytes:
    buffer = BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    ylabel: str,
    threshold: float | None = None,
    threshold_label: str | None = None,
    ymax: float | None = None,
    percent: bool = False,
) -> bytes:
    """Bars with their values written on top; a dashed line at `threshold`, bars under it in
    red. A missing value leaves an empty slot marked "-"."""
    fig, ax = _figure()
    heights = [v or 0 for v in values]
    colours = [
        LOW if threshold is not None and v is not None and v < threshold else BAR for v in values
    ]
    bars = ax.bar(range(len(labels)), heights, color=colours, width=0.6)
    ax.set_xticks(range(len(labels)), [textwrap.fill(str(x), LABEL_WIDTH) for x in labels])
    ax.set_ylabel(ylabel, fontsize=8)
    top = ymax or max([*heights, threshold or 0, 1]) * 1.15
    ax.set_ylim(0, top)
    for bar, value in zip(bars, values, strict=True):
        text = "-" if value is None else vn_number(value) + ("%" if percent else "")
        ax.annotate(
            text,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
        )
    if threshold is not None:
        ax.axhline(threshold, color=LINE, linestyle="--", linewidth=0.8)
        if threshold_label:
            ax.annotate(
                threshold_label,
                (-0.5, threshold),
                xytext=(-2, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=7,
                color=LINE,
            )
    return _png(fig)
