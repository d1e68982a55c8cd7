"""The supervisor brief's drafted parts III-V (Đánh giá chung, Nhiệm vụ, Đề xuất), from its
gathered data (briefs.kinds.supervisor.SupervisorData): the shares judged against the
rulebook's bars, the advice and remarks of the period's visits, the concerns, the plans.
"""

from typing import TYPE_CHECKING

from briefs.kinds import sections as shared
from briefs.kinds.drafting import (
    CAUSES,
    NO_CAUSE,
    PROPOSALS,
    SHORTCOMINGS,
    STRENGTHS,
    TASKS,
    Section,
    best_levels,
    meets,
    names,
    open_causes,
    paragraphs,
    worse_levels,
)
from briefs.kinds.visit import OPEN_ROUTES
from briefs.kinds.wording import counted, percent, vi
from store.lang.text import vn_date

if TYPE_CHECKING:
    from briefs.kinds.supervisor import SupervisorData


def sections(data: "SupervisorData", issuing_body: str) -> tuple[Section, ...]:
    return (
        Section(STRENGTHS, "Ưu điểm", tuple(_strengths(data))),
        Section(SHORTCOMINGS, "Hạn chế", tuple(_shortcomings(data))),
        Section(CAUSES, "Nguyên nhân", tuple(_causes(data))),
        Section(TASKS, "Nhiệm vụ thời gian tới", tuple(_tasks(data))),
        Section(PROPOSALS, "Đề xuất, kiến nghị", tuple(_proposals(data, issuing_body)),
                bullets=False),
    )  # fmt: skip


def _good(data: "SupervisorData") -> tuple[int, int]:
    rated = sum(data.ratings.values())
    return shared.good_count(data.ratings, data.rulebook), rated


def _strengths(data: "SupervisorData"):
    bars, units = data.rulebook.bars, len(data.lines)
    if meets(data.done, data.required, bars.visit_share):
        done = counted(data.done, data.required, "lượt")
        yield f"Đã dự {done} sinh hoạt theo chế độ được phân công."
    kept = units - len(data.broke)
    if meets(kept, units, bars.regular_share):
        yield f"{counted(kept, units, 'tổ chức đảng')} thực hiện đúng chế độ sinh hoạt."
    good, rated = _good(data)
    if meets(good, rated, bars.good_rating_share):
        levels = best_levels(data.rulebook)
        yield f"{counted(good, rated, 'buổi sinh hoạt')} được dự xếp loại {levels}."
    measured = [x for x in data.lines if x.regime.attendance_ok is not None]
    if measured and all(x.regime.attendance_ok for x in measured):
        yield (
            "Tỷ lệ đảng viên dự sinh hoạt ở các tổ chức đảng đều đạt yêu cầu (từ "
            f"{percent(data.rulebook.attendance_threshold)} trở lên)."
        )
    f = data.concerns
    if f.resolved and not f.overdue:
        yield f"Đã giải quyết xong {f.resolved} vấn đề vướng mắc, kiến nghị của cơ sở."
    for row, visit in data.advice:
        if visit.good_practice:
            yield f"{row.unit_name} có cách làm hay: {' '.join(paragraphs(visit.good_practice))}"


def _shortcomings(data: "SupervisorData"):
    rb, bars = data.rulebook, data.rulebook.bars
    short = list(_short_lines(data, rb, bars))
    yield from short or ["Qua số liệu theo dõi trong kỳ, không có hạn chế."]


def _short_lines(data: "SupervisorData", rb, bars):
    if data.required > data.done:
        done = counted(data.done, data.required, "lượt")
        if meets(data.done, data.required, bars.visit_share):
            lead = ""
        elif data.done:
            lead = f"Mới dự {done} sinh hoạt theo chế độ; "
        else:  # no zero counted: "chưa dự lượt nào"
            lead = f"Chưa dự lượt nào trong {data.required} lượt sinh hoạt theo chế độ; "
        missing = data.required - data.done
        text = f"còn {missing} lượt chưa thực hiện" if lead else (
            f"Còn {missing} lượt dự sinh hoạt chưa thực hiện theo chế độ")  # fmt: skip
        yield f"{lead}{text} ({names(x.unit.title for x in data.lines if x.owed[1] < x.owed[0])})."
    for x in data.broke:
        missed = "; ".join(
            f"{vi('meeting_kind', line.meeting_kind).lower()} thiếu {line.missed} buổi"
            for line in x.regime.lines
            if line.missed
        )
        yield f"{x.unit.title} chưa thực hiện đúng chế độ sinh hoạt ({missed})."
    good, rated = _good(data)
    if rated and good < rated:
        share = counted(good, rated, "buổi sinh hoạt")
        lead = "" if meets(good, rated, bars.good_rating_share) else (
            f"Chỉ {share} được dự xếp loại {best_levels(rb)}; " if good
            else f"Không có buổi sinh hoạt nào được dự xếp loại {best_levels(rb)}; ")  # fmt: skip
        weak = [row.unit_name for row, _v in data.weak]
        text = f"{rated - good} buổi xếp loại {worse_levels(rb)} ({names(weak)})."
        yield lead + (text if lead else text[:1].upper() + text[1:])
    low = [x.unit.title for x in data.lines if x.regime.attendance_ok is False]
    if low:
        yield (
            f"Tỷ lệ đảng viên dự sinh hoạt dưới {percent(rb.attendance_threshold)}: {names(low)}."
        )
    f = data.concerns
    if f.overdue:
        yield f"{f.overdue} vấn đề vướng mắc, kiến nghị quá hạn chưa giải quyết xong."
    g = data.gaps
    if g.overdue_plans:
        where = (
            f" ({names(p.unit_name for p in g.overdue_plans)})"
            if data.identity.confidential
            else ""
        )
        yield (
            f"{len(g.overdue_plans)} kế hoạch tạo nguồn thay thế bí thư có biện pháp quá hạn "
            f"chưa hoàn thành{where}."
        )
    if g.flagged_without_plan:
        yield (
            f"{len(g.flagged_without_plan)} bí thư hạn chế về năng lực, uy tín chưa có kế hoạch "
            "tạo nguồn thay thế."
        )


def _causes(data: "SupervisorData"):
    causes = []
    for row, visit in data.weak:
        remarks = " ".join(paragraphs(visit.observations))
        if remarks:
            causes.append(
                f"Qua dự sinh hoạt tại {row.unit_name} ngày {vn_date(row.date)}: {remarks}"
            )
    broke = {x.unit.id for x in data.broke}
    without = [u.name for u in data.gaps.without_secretary if u.id in broke]
    if without:
        causes.append(f"{names(without)} chưa có bí thư.")
    causes.extend(open_causes(data.concerns))
    if causes:
        return causes
    return (
        [NO_CAUSE] if any(_short_lines(data, data.rulebook, data.rulebook.bars)) else ["Không có."]
    )


def _tasks(data: "SupervisorData"):
    if data.lines:
        yield (
            f"Tiếp tục dự sinh hoạt theo chế độ được phân công tại {len(data.lines)} tổ chức "
            "đảng; nắm chắc tình hình đội ngũ bí thư, cấp ủy."
        )
    behind = [x.unit.title for x in data.lines if x.owed[1] < x.owed[0]]
    if behind:
        yield f"Bố trí dự sinh hoạt đủ theo chế độ tại {names(behind)}."
    if data.broke:
        yield f"Chỉ đạo {names(x.unit.title for x in data.broke)} thực hiện đúng chế độ sinh hoạt."
    low = [x.unit.title for x in data.lines if x.regime.attendance_ok is False]
    if low:
        yield f"Chỉ đạo {names(low)} nâng cao tỷ lệ đảng viên dự sinh hoạt."
    weak = sorted({row.unit_name for row, _v in data.weak})
    if weak:
        yield f"Hướng dẫn {names(weak)} nâng cao chất lượng sinh hoạt."
    troubled = _troubled(data)
    for row, visit in data.advice:
        advice = " ".join(paragraphs(visit.recommendations))
        if advice and row.unit_id in troubled:
            yield (
                f"Theo dõi {row.unit_name} thực hiện ý kiến chỉ đạo tại buổi sinh hoạt ngày "
                f"{vn_date(row.date)}: {advice}"
            )
    yield from _concern_tasks(data)


def _troubled(data: "SupervisorData") -> set[int]:
    """The units with a shortcoming: the advice of their latest visit is a task to follow."""
    units = {x.unit.id for x in data.lines if x.regime.missed or x.owed[1] < x.owed[0]}
    units |= {x.unit.id for x in data.lines if x.regime.attendance_ok is False}
    units |= {row.unit_id for row, _v in data.weak}
    return units | {row.unit_id for row in data.overdue}


def _concern_tasks(data: "SupervisorData"):
    f = data.concerns
    if data.overdue:
        units = sorted({row.unit_name for row in data.overdue})
        yield (
            f"Đôn đốc giải quyết dứt điểm {len(data.overdue)} vấn đề vướng mắc, kiến nghị quá "
            f"hạn ({names(units)})."
        )
    rest = f.still_open - len(data.overdue)
    if rest > 0:
        yield f"Theo dõi, đôn đốc giải quyết {rest} vấn đề vướng mắc, kiến nghị còn lại."
    g = data.gaps
    if g.overdue_plans:
        yield (
            "Đôn đốc thực hiện các biện pháp tạo nguồn thay thế bí thư đã quá hạn "
            f"({len(g.overdue_plans)} kế hoạch)."
        )
    if g.flagged_without_plan:
        yield (
            f"Chỉ đạo xây dựng kế hoạch tạo nguồn thay thế đối với "
            f"{len(g.flagged_without_plan)} bí thư hạn chế về năng lực, uy tín."
        )


def _proposals(data: "SupervisorData", issuing_body: str):
    lines = [x for x in data.concerns.by_route if x.id in OPEN_ROUTES and x.still_open]
    asked = sum(x.still_open for x in lines)
    if not asked:
        return ["Không có."]
    overdue = sum(x.overdue for x in lines)
    late = f", trong đó {overdue} kiến nghị đã quá hạn" if overdue else ""
    return [
        f"Đề nghị {issuing_body} chỉ đạo các cơ quan liên quan giải quyết {asked} kiến nghị "
        f"của cơ sở thuộc thẩm quyền cấp trên còn chưa giải quyết xong{late}."
    ]
