"""Pieces several briefs share: rating counts, concern figures, drafted sentences."""

import math

from briefs.frame.document import PartyDocument
from briefs.frame.vn import vn_number
from store.concerns.figures import ConcernFigures
from store.rules.rulebook import Rulebook


def rating_rows(counts: dict[str, int], rb: Rulebook) -> list[list]:
    """One row per rating level, best first: [level, visits, share]; then the total."""
    total = sum(counts.get(level.level, 0) for level in rb.ratings)
    rows = [
        [level.label, counts.get(level.level, 0), _pct(counts.get(level.level, 0), total)]
        for level in rb.ratings
    ]
    return [*rows, ["Tổng cộng", total, _pct(total, total)]]


def rating_text(counts: dict[str, int], rb: Rulebook) -> str:
    """ "Tốt 3, Khá 5, Trung bình 1; không có buổi xếp loại Kém" (levels in the rulebook's
    order; the levels no meeting reached are said once, not counted as zeros)."""
    held = [
        f"{level.label} {counts[level.level]}" for level in rb.ratings if counts.get(level.level)
    ]
    none = [level.label for level in rb.ratings if not counts.get(level.level)]
    if not held:
        return "chưa có buổi sinh hoạt nào được xếp loại"
    text = ", ".join(held)
    return f"{text}; không có buổi xếp loại {', '.join(none)}" if none else text


def good_count(counts: dict[str, int], rb: Rulebook) -> int:
    """Visits rated in the two best levels (Tốt, Khá)."""
    return sum(counts.get(level.level, 0) for level in rb.ratings[:2])


def _pct(part: int, whole: int) -> str:
    return f"{vn_number(100 * part / whole)}%" if whole else "-"


def concern_summary(f: ConcernFigures) -> str:
    """The concern figures of a period in plain sentences: none is said as none, and the
    typical time to resolve as the days within which half of them were resolved."""
    if f.raised:
        text = f"Trong kỳ, phát sinh {f.raised} vấn đề vướng mắc, kiến nghị"
    else:
        text = "Trong kỳ, không phát sinh vấn đề vướng mắc, kiến nghị mới"
    if f.resolved:
        earlier = " (kể cả vấn đề phát sinh từ kỳ trước)" if f.resolved > f.raised else ""
        text += f"; đã giải quyết xong {f.resolved} vấn đề{earlier}"
    if f.still_open:
        text += f"; đến cuối kỳ còn {f.still_open} vấn đề chưa giải quyết xong"
        text += f", trong đó {f.overdue} vấn đề quá hạn." if f.overdue else "."
    else:
        text += "; đến cuối kỳ không còn vấn đề nào chưa giải quyết xong."
    if f.median_days is not None and f.resolved > 1:
        days = vn_number(math.floor(f.median_days), 0)
        text += (
            f" Trong số vấn đề đã giải quyết xong, một nửa được giải quyết trong vòng {days} "
            "ngày kể từ khi phát sinh."
        )
    return text


def concern_table(doc: PartyDocument, f: ConcernFigures, *, by: str = "route") -> list[list]:
    """The concern figures by route (or by category) as a table with a total line; the rows
    without any concern are left out. Returns the rows written."""
    lines = f.by_route if by == "route" else f.by_category
    shown = [x for x in lines if x.raised or x.still_open or x.resolved]
    rows = [
        [i, x.label, x.raised, x.resolved, x.still_open, x.overdue]
        for i, x in enumerate(shown, start=1)
    ]
    rows.append([None, "Tổng cộng", f.raised, f.resolved, f.still_open, f.overdue])
    first = "Hướng giải quyết" if by == "route" else "Lĩnh vực"
    doc.table(
        ["TT", first, "Phát sinh", "Đã giải quyết", "Chưa giải quyết", "Quá hạn"],
        rows,
        widths_mm=[10, 59, 24, 24, 26, 22],
        align=["center", "left", "center", "center", "center", "center"],
        bold_rows=[len(rows) - 1],
    )
    return rows
