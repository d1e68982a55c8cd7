"""Timing helpers of the benchmark: repeat a call, keep wall and CPU times, summarise each
budget as median and 95th percentile, print the table.

On a shared machine the wall clock counts the time other processes took the cores; the CPU
time of this process does not, so both are printed side by side.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Sample:
    """Seconds, wall and CPU, of each repetition of one measured thing."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float | None = None) -> None:
        self.wall.append(wall)
        if cpu is not None:
            self.cpu.append(cpu)

    def extend(self, other: "Sample") -> None:
        self.wall += other.wall
        self.cpu += other.cpu


def measure(call: Callable[[], object], reps: int, warmup: int = 1) -> Sample:
    """Run `call` `warmup` times unmeasured (caches, imports), then `reps` times measured."""
    for _i in range(warmup):
        call()
    sample = Sample()
    for _i in range(reps):
        cpu, wall = time.process_time(), time.perf_counter()
        call()
        sample.add(time.perf_counter() - wall, time.process_time() - cpu)
    return sample


def p95(values: list[float]) -> float:
    """The 95th percentile (linear interpolation between the closest ranks)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


@dataclass
class Row:
    """One line of the results: what, its budget (None: shown for information) and unit."""

    name: str
    budget: float | None
    values: Sample
    unit: str = "ms"  # ms | s | MB
    note: str = ""

    @property
    def scale(self) -> float:
        return 1000.0 if self.unit == "ms" else 1.0

    @property
    def median(self) -> float:
        return statistics.median(self.values.wall) * self.scale

    @property
    def p95(self) -> float:
        return p95(self.values.wall) * self.scale

    @property
    def cpu_median(self) -> float | None:
        cpu = self.values.cpu
        return statistics.median(cpu) * self.scale if cpu else None

    @property
    def verdict(self) -> str:
        """PASS when the 95th percentile is within the budget."""
        if self.budget is None:
            return ""
        return "PASS" if self.p95 <= self.budget else "FAIL"


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def table(rows: list[Row]) -> str:
    """The results as a plain text table (tabulate, as the CLI prints)."""
    from tabulate import tabulate

    lines = [
        (
            row.name,
            "—" if row.budget is None else f"≤ {_number(row.budget, row.unit)} {row.unit}",
            _number(row.median, row.unit),
            _number(row.p95, row.unit),
            _number(row.cpu_median, row.unit),
            row.unit,
            len(row.values.wall),
            row.verdict,
            row.note,
        )
        for row in rows
    ]
    headers = ("budget", "limit", "median", "p95", "cpu median", "unit", "n", "", "note")
    return tabulate(lines, headers=headers, disable_numparse=True)


# Figures that must stay flat as the data grows: 4× p95 within FLAT_RATIO of the province's.
FLAT_PREFIXES = ("TUI screen first page", "TUI search keystroke", "first page:", "search keystroke")
FLAT_NAMES = ("dashboard",)
FLAT_RATIO = 1.5
# Below this, a 4× figure is within the clock's noise: counted flat whatever its ratio.
FLAT_FLOOR_MS = 1.0
_HEADS = {"district": "district p95", "province": "province p95", "4x": "4× p95"}


def _figure(row: Row) -> str:
    return f"{row.name} ({row.note})" if row.note else row.name


def _flat(row: Row, province: Row | None, big: Row | None) -> tuple[str, str]:
    """The 4×/province ratio and, for the figures checked, whether it is flat."""
    if province is None or big is None or not province.p95:
        return "—", "—"
    ratio = big.p95 / province.p95
    if not (row.name.startswith(FLAT_PREFIXES) or row.name in FLAT_NAMES):
        return f"{ratio:.2f}", "—"
    small = big.unit == "ms" and big.p95 < FLAT_FLOOR_MS
    return f"{ratio:.2f}", "flat" if ratio <= FLAT_RATIO or small else "NOT FLAT"


def side_by_side(measured: dict[str, list[Row]], order: tuple[str, ...]) -> str:
    """One table: each figure's p95 at every scale measured, the 4×/province ratio, the
    flatness check and the verdict on the province (else the largest scale measured)."""
    from tabulate import tabulate

    scales = [s for s in order if s in measured]
    by_scale = {s: {_figure(r): r for r in measured[s]} for s in scales}
    figures = list(dict.fromkeys(_figure(r) for s in scales for r in measured[s]))
    judged = "province" if "province" in scales else scales[-1]
    lines = []
    for figure in figures:
        rows = {s: by_scale[s].get(figure) for s in scales}
        first = next(r for r in rows.values() if r is not None)
        ratio, flat = _flat(first, rows.get("province"), rows.get("4x"))
        verdict_row = rows.get(judged)
        lines.append(
            (
                figure,
                "—" if first.budget is None else f"≤ {_number(first.budget, first.unit)}",
                first.unit,
                *(_number(r.p95, r.unit) if r else "—" for r in rows.values()),
                ratio,
                flat,
                verdict_row.verdict if verdict_row else "—",
            )
        )
    heads = ("figure", "budget", "unit", *(_HEADS.get(s, s) for s in scales))
    return tabulate(
        lines, headers=(*heads, "4×/province", "flat ≤1.5×", "pass/fail"), disable_numparse=True
    )


def not_flat(measured: dict[str, list[Row]]) -> str:
    """The closing line of the flatness check: which figures grew more than 1.5× from the
    province to 4× (their profile is for the report to explain)."""
    if "province" not in measured or "4x" not in measured:
        return "flatness: not checked (needs the province and 4x)"
    province = {_figure(r): r for r in measured["province"]}
    over = [
        f"{_figure(r)} {r.p95 / province[_figure(r)].p95:.1f}×"
        for r in measured["4x"]
        if _figure(r) in province and _flat(r, province[_figure(r)], r)[1] == "NOT FLAT"
    ]
    checked = sum(_flat(r, province.get(_figure(r)), r)[1] != "—" for r in measured["4x"])
    if not over:
        return f"flatness: all {checked} figures checked are within {FLAT_RATIO}× at 4×"
    return f"flatness: {len(over)} of {checked} figures NOT FLAT at 4×: " + "; ".join(over)
