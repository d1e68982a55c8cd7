"""The replacement-source plan: KẾ HOẠCH tạo nguồn thay thế bí thư chi bộ … (docs/BRIEFS.md).

A personnel document: always confidential, whatever is asked. Everything comes from the plan
(store.personnel.succession.plan_detail), its incumbent (store.personnel.people) and the note it
answers.
"""

from dataclasses import dataclass, field
from datetime import date

from briefs.frame.document import PartyDocument
from briefs.kinds import drafting
from briefs.kinds.drafting import ORGANISATION, REQUIREMENTS, Section
from briefs.kinds.wording import Identity, body_name, vi
from store.lang.codes import ActionStatus
from store.lang.text import vn_date
from store.org.units import Unit, get_unit
from store.personnel.people import PersonProfile, person_profile
from store.personnel.succession import PlanDetail, plan_detail
from store.reports.drafts import KeptSection, kept_sections
from store.reports.letterhead import Letterhead, letterhead
from store.rules.periods import Period
from store.rules.rulebook import Rulebook
from store.rules.rulebook import in_force as rulebook_in_force

KIND, DOC_CODE, FILE_LABEL = "plan", "KH", "KH tạo nguồn bí thư"
# An action's status as a plan writes it (the screens' labels are shared with concerns).
ACTION_STATUS: dict[str, str] = {
    ActionStatus.PLANNED: "Chưa thực hiện",
    ActionStatus.IN_PROGRESS: "Đang thực hiện",
    ActionStatus.DONE: "Đã hoàn thành",
    ActionStatus.CANCELLED: "Hủy bỏ",
}


@dataclass(frozen=True)
class PlanData:
    identity: Identity
    detail: PlanDetail
    unit: Unit
    incumbent: PersonProfile | None
    rulebook: Rulebook
    kept: dict[str, KeptSection] = field(default_factory=dict)  # the user's texts


def gather(db, scope_id: int, period=None, *, confidential=True, on=None, rulebook=None):
    """The plan `scope_id` as of `on` (default today); `period` names the brief in the log
    (default: the year of `on`). Always confidential."""
    on = on or date.today()
    code = Period.parse(period).code if period else str(on.year)
    detail = plan_detail(db, scope_id, on)
    plan = detail.plan
    unit = get_unit(db, plan.unit_id)
    ident = Identity(
        kind=KIND,
        doc_code=DOC_CODE,
        scope=plan.uid,
        period=code,
        confidential=True,
        file_label=FILE_LABEL,
        file_scope=f"{unit.name} {unit.code or ''}",
        file_period=code,
        title=unit.title,
    )
    incumbent = person_profile(db, plan.incumbent_id, on) if plan.incumbent_id else None
    rb = rulebook or rulebook_in_force(db)
    return PlanData(ident, detail, unit, incumbent, rb, kept_sections(db, ident.key))


def build_plan(db, scope_id: int, period=None, *, confidential=True, on=None, number=None):
    """The plan brief of plan `scope_id`, dated `on` (default today); always confidential."""
    data = gather(db, scope_id, period, on=on)
    return render(data, letterhead(db), number=number, on=on)


def render(data: PlanData, lh: Letterhead, *, number=None, on=None) -> PartyDocument:
    doc = PartyDocument(
        lh,
        doc_code=DOC_CODE,
        number=number,
        on=on or date.today(),
        summary=f"tạo nguồn thay thế bí thư {data.unit.title}",
        confidential=True,
        route=lh.route(KIND),
    )
    doc.paragraph(
        f"Thực hiện {data.rulebook.citation}, {body_name(lh.issuing_body)} xây dựng kế hoạch tạo "
        f"nguồn thay thế bí thư {data.unit.title} như sau:"
    )
    _purpose(doc, data)
    _situation(doc, data)
    _sources(doc, data)
    _actions(doc, data)
    _organisation(doc, data)
    doc.signature()
    return doc


def _purpose(doc: PartyDocument, data: PlanData) -> None:
    plan = data.detail.plan
    doc.part("Mục đích, yêu cầu")
    doc.item("Mục đích")
    target = f", hoàn thành trước ngày {vn_date(plan.target_date)}" if plan.target_date else ""
    doc.paragraph(
        f"Chủ động chuẩn bị nguồn cán bộ thay thế bí thư {data.unit.title} (lý do: "
        f"{vi('plan_reason', plan.reason).lower()}){target}."
    )
    doc.item("Yêu cầu")
    drafting.write(doc, drafting.by_key(sections_of(data))[REQUIREMENTS], data.kept)


def _situation(doc: PartyDocument, data: PlanData) -> None:
    unit, note, rb = data.unit, data.detail.note, data.rulebook
    doc.part("Tình hình")
    doc.paragraph(
        f"{unit.title} có {unit.members} đảng viên ({unit.members_full} chính thức, "
        f"{unit.members_probationary} dự bị)."
    )
    profile = data.incumbent
    if profile is None:
        doc.paragraph(f"Hiện {unit.title} chưa có bí thư.")
    else:
        person = profile.person
        post = next((p for p in profile.current if p.unit_id == unit.id), None)
        born = f", sinh năm {person.birth_year}" if person.birth_year else ""
        since = f", giữ chức vụ bí thư từ ngày {vn_date(post.start_date)}" if post else ""
        extra = f" ({vi('concurrent_role', post.concurrent_role).lower()})" if (
            post and post.concurrent_role) else ""  # fmt: skip
        doc.paragraph(f"Đồng chí {person.name}{born}{since}{extra}.")
    doc.paragraph(f"Lý do xây dựng kế hoạch: {vi('plan_reason', data.detail.plan.reason)}.")
    if note:
        rated = "; ".join(f"{d}: {s}" for d, s in note.rated(rb) if s)
        who = f" của đồng chí {note.supervisor_name}" if note.supervisor_name else ""
        doc.paragraph(
            f"Đánh giá ngày {vn_date(note.date)}{who}: {rb.label('scale', note.overall)}"
            + (f" ({rated})." if rated else ".")
        )
        if note.narrative:
            doc.paragraph(note.narrative)


def _sources(doc: PartyDocument, data: PlanData) -> None:
    doc.part("Nguồn")
    rows = [
        [i, c.person_name, c.birth_year, c.current_post, vi("readiness", c.readiness), c.note]
        for i, c in enumerate(data.detail.candidates, start=1)
    ]
    if not rows:
        doc.paragraph("Chưa xác định nguồn.")
        return
    doc.table(
        ["TT", "Họ và tên", "Năm sinh", "Chức vụ hiện nay", "Mức độ sẵn sàng", "Ghi chú"],
        [[r[0], r[1], str(r[2] or ""), *r[3:]] for r in rows],
        widths_mm=[10, 38, 17, 45, 25, 30],
        align=["center", "left", "center", "left", "left", "left"],
    )


def _actions(doc: PartyDocument, data: PlanData) -> None:
    detail = data.detail
    doc.part("Biện pháp, tiến độ")
    rows = [
        [i, vi("action_kind", a.kind), a.description, a.candidate_name, a.owner,
         vn_date(a.due_date), ACTION_STATUS.get(a.status, a.status)]
        for i, a in enumerate(detail.actions, start=1)
    ]  # fmt: skip
    if not rows:
        doc.paragraph("Chưa xác định biện pháp.")
        return
    doc.table(
        ["TT", "Biện pháp", "Nội dung", "Đối với", "Thực hiện", "Thời hạn", "Tình trạng"],
        rows,
        widths_mm=[10, 24, 39, 22, 22, 25, 23],
        align=["center", "left", "left", "left", "left", "center", "left"],
    )
    if detail.overdue:
        doc.paragraph(f"Có {len(detail.overdue)} biện pháp đã quá thời hạn chưa hoàn thành.")


def sections_of(data: PlanData, lh: Letterhead | None = None) -> tuple[Section, ...]:
    """The plan's drafted requirements and organisation: from its target date, sources,
    actions and their owners, and the supervisor in charge."""
    detail, plan = data.detail, data.detail.plan
    needs = []
    if detail.candidates:
        needs.append(
            f"Bồi dưỡng, thử thách {len(detail.candidates)} đồng chí trong nguồn theo các biện "
            "pháp tại mục IV."
        )
    if detail.overdue:
        needs.append(f"Khắc phục ngay {len(detail.overdue)} biện pháp đã quá thời hạn.")
    needs.append("Bảo đảm nguyên tắc, quy trình công tác cán bộ; giữ bí mật thông tin nhân sự.")
    organise = []
    if plan.supervisor_name:
        organise.append(
            f"Đồng chí {plan.supervisor_name}, cấp ủy viên phụ trách, trực tiếp chỉ đạo "
            f"{data.unit.title} thực hiện kế hoạch; định kỳ báo cáo kết quả."
        )
    owners = sorted({a.owner for a in detail.actions if a.owner and a.status in OPEN})
    if owners:
        organise.append(f"{', '.join(owners)} thực hiện các biện pháp được giao đúng thời hạn.")
    return (
        Section(REQUIREMENTS, "Yêu cầu", tuple(needs)),
        Section(ORGANISATION, "Tổ chức thực hiện",
                tuple(organise) or ("Chưa phân công người thực hiện kế hoạch.",), bullets=False),
    )  # fmt: skip


OPEN = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


def _organisation(doc: PartyDocument, data: PlanData) -> None:
    plan = data.detail.plan
    section = drafting.by_key(sections_of(data))[ORGANISATION]
    doc.part(section.title)
    drafting.write(doc, section, data.kept)
    status = vi("plan_status", plan.status)
    if plan.outcome:
        status += f" ({vi('plan_outcome', plan.outcome).lower()}"
        status += f", ngày {vn_date(plan.outcome_date)})" if plan.outcome_date else ")"
    doc.paragraph(f"Tình trạng kế hoạch: {status}.")
