"""The annual report's drafted parts (Phần I's closing note, Phần III Đánh giá chung, Phần IV
Nhiệm vụ, giải pháp, Phần V Đề xuất), from its gathered data (briefs.kinds.annual.AnnualData):
each share judged against the rulebook's bars (a share under its bar is a shortcoming, never
a strength), the concerns still open, the plans with overdue actions.

Phần I's note and the lessons learnt (Bài học kinh nghiệm) are the committee's own words:
the records hold nothing to draft them from, so they are printed only when the user writes
them.
"""

from typing import TYPE_CHECKING

from briefs.frame.vn import vn_number
from briefs.kinds import sections as shared
from briefs.kinds.drafting import (
    CAUSES,
    LEADERSHIP,
    LESSONS,
    NO_CAUSE,
    PROPOSALS,
    SHORTCOMINGS,
    STRENGTHS,
    TASKS,
    Section,
    best_levels,
    meets,
    open_causes,
    worse_levels,
)
from briefs.kinds.wording import counted, percent
from store.reports.figures import TOP

if TYPE_CHECKING:
    from briefs.kinds.annual import AnnualData

AGENCY = "agency"  # concerns sent to the specialist agencies: what the report asks of them
NO_SHORTCOMING = "Qua số liệu theo dõi trong kỳ, không có hạn chế."


def sections(data: "AnnualData") -> tuple[Section, ...]:
    return (
        Section(LEADERSHIP, "Công tác lãnh đạo, chỉ đạo: đoạn bổ sung", (), bullets=False,
                optional=True),
        Section(STRENGTHS, "Ưu điểm", tuple(_strengths(data))),
        Section(SHORTCOMINGS, "Hạn chế, khuyết điểm", tuple(_shortcomings(data))),
        Section(CAUSES, "Nguyên nhân", tuple(_causes(data))),
        Section(LESSONS, "Bài học kinh nghiệm", (), optional=True),
        Section(TASKS, "Nhiệm vụ, giải pháp thời gian tới", tuple(_tasks(data))),
        Section(PROPOSALS, "Đề xuất, kiến nghị", tuple(_proposals(data)), bullets=False),
    )  # fmt: skip


def _strengths(data: "AnnualData"):
    m, v, c, bars, rb = data.meetings, data.visits, data.concerns, data.rulebook.bars, data.rulebook
    t = m.total
    if meets(t.every_month, t.cells, bars.regular_share):
        yield f"{counted(t.every_month, t.cells, 'chi bộ')} sinh hoạt đều đặn hằng tháng."
    if t.attendance is not None and t.attendance >= m.threshold:
        yield (
            f"Tỷ lệ đảng viên dự sinh hoạt bình quân {percent(t.attendance)}, đạt yêu cầu (từ "
            f"{percent(m.threshold)} trở lên)."
        )
    th = m.thematic
    if th.owed and meets(th.units_kept, th.units, bars.thematic_share):
        kept = counted(th.units_kept, th.units, "tổ chức đảng")
        yield f"{kept} sinh hoạt chuyên đề đủ theo quy định."
    good, rated = shared.good_count(v.ratings, rb), sum(v.ratings.values())
    if meets(good, rated, bars.good_rating_share):
        yield f"{counted(good, rated, 'buổi sinh hoạt')} được dự xếp loại {best_levels(rb)}."
    if meets(v.done, v.required, bars.visit_share):
        done = counted(v.done, v.required, "lượt")
        yield f"Cấp ủy viên cấp trên đã dự {done} sinh hoạt theo chế độ."
    if c.resolved and not c.overdue:
        yield f"Đã giải quyết xong {c.resolved} vấn đề vướng mắc, kiến nghị của cơ sở."
    if data.plans.replaced:
        yield f"Đã thay thế {data.plans.replaced} bí thư theo kế hoạch tạo nguồn."


def _shortcomings(data: "AnnualData"):
    lines = list(_short_lines(data))
    return lines or [NO_SHORTCOMING]


def _short_lines(data: "AnnualData"):
    m, v, c, bars, rb = data.meetings, data.visits, data.concerns, data.rulebook.bars, data.rulebook
    t = m.total
    missed = t.cells - t.every_month
    if t.cells and not meets(t.every_month, t.cells, bars.regular_share):
        yield (
            f"Mới có {counted(t.every_month, t.cells, 'chi bộ')} sinh hoạt đều đặn hằng tháng; "
            f"{missed} chi bộ chưa sinh hoạt đều đặn."
            if t.every_month
            else f"Không có chi bộ nào trong số {t.cells} chi bộ sinh hoạt đều đặn hằng tháng."
        )
    elif missed:
        yield f"{missed} chi bộ chưa sinh hoạt đều đặn hằng tháng."
    if t.attendance is not None and t.attendance < m.threshold:
        yield (
            f"Tỷ lệ đảng viên dự sinh hoạt bình quân {percent(t.attendance)}, chưa đạt yêu cầu "
            f"(từ {percent(m.threshold)} trở lên)."
        )
    if t.under_threshold:
        yield (
            f"{t.under_threshold} chi bộ có tỷ lệ đảng viên dự sinh hoạt bình quân dưới "
            f"{percent(m.threshold)}."
        )
    th = m.thematic
    if th.units > th.units_kept:
        kept = counted(th.units_kept, th.units, "tổ chức đảng")
        lead = "" if meets(th.units_kept, th.units, bars.thematic_share) else (
            f"Mới có {kept} sinh hoạt chuyên đề đủ; " if th.units_kept
            else "Không có tổ chức đảng nào sinh hoạt chuyên đề đủ; ")  # fmt: skip
        short = th.units - th.units_kept
        yield f"{lead}{short} tổ chức đảng chưa sinh hoạt chuyên đề đủ theo quy định."
    good, rated = shared.good_count(v.ratings, rb), sum(v.ratings.values())
    if rated and not meets(good, rated, bars.good_rating_share):
        yield (
            f"Chỉ {counted(good, rated, 'buổi sinh hoạt')} được dự xếp loại {best_levels(rb)}."
            if good
            else f"Không có buổi sinh hoạt nào được dự xếp loại {best_levels(rb)}."
        )
    if rated > good:
        yield f"{rated - good} buổi sinh hoạt được dự xếp loại {worse_levels(rb)}."
    yield from _visit_lines(data)
    if c.overdue:
        yield f"{c.overdue} vấn đề vướng mắc, kiến nghị quá hạn chưa giải quyết xong."
    yield from _personnel_lines(data)


def _visit_lines(data: "AnnualData"):
    v = data.visits
    if v.required > v.done:
        behind = sum(1 for s in v.by_supervisor if s.done < s.required)
        share = "" if meets(v.done, v.required, data.rulebook.bars.visit_share) else (
            f"cấp ủy viên cấp trên mới dự {counted(v.done, v.required, 'lượt')} sinh hoạt theo "
            "chế độ; " if v.done else
            f"cấp ủy viên cấp trên chưa dự lượt nào trong {v.required} lượt sinh hoạt theo "
            "chế độ; ")  # fmt: skip
        who = f"cả {behind} đồng chí" if behind == v.supervisors else (
            counted(behind, v.supervisors, "đồng chí"))  # fmt: skip
        text = (
            f"{share}còn {v.required - v.done} lượt chưa thực hiện; {who} chưa dự đủ theo chế "
            "độ được phân công."
        )
        yield text[:1].upper() + text[1:]


def _personnel_lines(data: "AnnualData"):
    p = data.people
    if data.overdue_plans:
        yield (
            f"{data.overdue_plans} kế hoạch tạo nguồn thay thế bí thư có biện pháp quá hạn chưa "
            "hoàn thành."
        )
    if p.flagged > p.flagged_with_plan:
        yield (
            f"{p.flagged - p.flagged_with_plan} bí thư hạn chế về năng lực, uy tín chưa có kế "
            "hoạch tạo nguồn thay thế."
        )
    if p.without_secretary:
        yield f"{p.without_secretary} tổ chức đảng chưa có bí thư."


def _where_missed(data: "AnnualData", most: int = 3, counts: bool = True) -> str:
    """ "Đảng bộ xã A (5/12 chi bộ), …": the grassroots organizations with the most cells
    that did not meet every month (`counts` off: their names only)."""
    m = data.meetings
    lines = sorted(
        (x for x in m.by_parent if x.cells > x.every_month), key=lambda x: x.every_month - x.cells
    )
    named = []
    for x in lines[:most]:
        key = x.key if isinstance(x.key, int) else TOP
        name = "các chi bộ cơ sở trực thuộc" if key == TOP else m.parent_names.get(key, "")
        named.append(f"{name} ({x.cells - x.every_month}/{x.cells} chi bộ)" if counts else name)
    return ", ".join(named)


def _causes(data: "AnnualData"):
    causes = []
    where = _where_missed(data)
    if where:
        causes.append(f"Các chi bộ chưa sinh hoạt đều đặn hằng tháng tập trung ở {where}.")
    causes.extend(open_causes(data.concerns))
    if causes:
        return causes
    return [NO_CAUSE] if any(_short_lines(data)) else ["Không có."]


def _tasks(data: "AnnualData"):
    m, v, c, p = data.meetings, data.visits, data.concerns, data.people
    t = m.total
    if v.units:
        yield (
            f"Tiếp tục phân công cấp ủy viên dự sinh hoạt ở {vn_number(v.units)} tổ chức đảng "
            "theo chế độ; cấp ủy viên được phân công dự sinh hoạt đủ theo chế độ."
        )
    if t.cells > t.every_month:
        where = _where_missed(data, counts=False)
        yield (
            f"Chỉ đạo {t.cells - t.every_month} chi bộ chưa sinh hoạt đều đặn duy trì nền nếp "
            "sinh hoạt hằng tháng" + (f", trước hết ở {where}." if where else ".")
        )
    if t.under_threshold:
        yield (
            f"Nâng cao tỷ lệ đảng viên dự sinh hoạt ở {t.under_threshold} chi bộ có tỷ lệ dưới "
            f"{percent(m.threshold)}."
        )
    th = m.thematic
    if th.units > th.units_kept:
        yield (
            f"Chỉ đạo {th.units - th.units_kept} tổ chức đảng chưa sinh hoạt chuyên đề đủ thực "
            "hiện đúng quy định."
        )
    if sum(v.ratings.values()) > shared.good_count(v.ratings, data.rulebook):
        yield (
            f"Hướng dẫn các chi bộ có buổi sinh hoạt xếp loại {worse_levels(data.rulebook)} nâng "
            "cao chất lượng sinh hoạt."
        )
    if c.still_open:
        late = f", trước hết {c.overdue} vấn đề đã quá hạn" if c.overdue else ""
        yield f"Giải quyết dứt điểm {c.still_open} vấn đề vướng mắc, kiến nghị còn tồn đọng{late}."
    if data.overdue_plans or p.flagged > p.flagged_with_plan:
        yield (
            "Đôn đốc thực hiện kế hoạch tạo nguồn thay thế bí thư; xây dựng kế hoạch đối với các "
            "bí thư hạn chế về năng lực, uy tín chưa có kế hoạch."
        )
    if p.without_secretary:
        yield f"Kiện toàn bí thư ở {p.without_secretary} tổ chức đảng chưa có bí thư."


def _proposals(data: "AnnualData"):
    line = next((x for x in data.concerns.by_route if x.id == AGENCY), None)
    if line is None or not line.still_open:
        return ["Không có."]
    late = f", trong đó {line.overdue} kiến nghị đã quá hạn" if line.overdue else ""
    return [
        f"Đề nghị các cơ quan chuyên môn sớm giải quyết {line.still_open} kiến nghị của cơ sở "
        f"đã được chuyển đến còn chưa giải quyết xong{late}."
    ]
