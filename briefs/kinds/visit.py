"""The visit brief: BÁO CÁO kết quả dự sinh hoạt chi bộ … tháng MM/YYYY (docs/BRIEFS.md).

Everything comes from the recorded visit (store.visits.get_visit): the meeting's figures, the
score sheet, the supervisor's observations and advice, and the concerns raised at it.
"""

from dataclasses import dataclass, field
from datetime import date

from briefs.frame.document import ColumnSpec, PartyDocument, vn_date
from briefs.frame.vn import vn_number
from briefs.kinds import drafting
from briefs.kinds.drafting import ADVICE, PREPARATION, PROPOSALS, Section, paragraphs
from briefs.kinds.wording import (
    Identity,
    body_name,
    clause,
    month_year,
    percent,
    sentence,
    vi,
)
from store.concerns import Concern, get_concern
from store.core.errors import ValidationError
from store.lang.codes import MeetingKind, PeriodKind, UnitKind, VisitStatus
from store.lang.i18n import _
from store.org.supervisor_search import Supervisor, get_supervisor
from store.org.units import Unit, ancestors, get_unit
from store.reports.drafts import KeptSection, kept_sections
from store.reports.figures import visit_concern_ids
from store.reports.letterhead import Letterhead, letterhead
from store.rules.cadence import Assignment, assignment_on
from store.rules.periods import Period
from store.rules.rulebook import Rulebook
from store.rules.rulebook import in_force as rulebook_in_force
from store.rules.scoring import shortfall
from store.visits import Meeting, Visit, get_visit
from store.visits.meetings import committee_counted

KIND, DOC_CODE, FILE_LABEL = "visit", "BC", "BC dự sinh hoạt"
# The meeting as the title names it: "kết quả dự sinh hoạt chuyên đề Chi bộ …".
ATTENDED: dict[str, str] = {
    MeetingKind.REGULAR: "sinh hoạt",
    MeetingKind.THEMATIC: "sinh hoạt chuyên đề",
    MeetingKind.COMMITTEE: "sinh hoạt cấp ủy",
    MeetingKind.STANDING: "sinh hoạt ban thường vụ",
    MeetingKind.GENERAL: "hội nghị",
}
# The criteria item II.1 speaks of (when the rulebook has them; all are in the table of II.4).
PREPARATION_CRITERIA = ("preparation",)
OPEN_ROUTES = ("committee", "agency")  # concerns the committee is asked to act on


@dataclass(frozen=True)
class VisitData:
    identity: Identity
    visit: Visit
    meeting: Meeting  # the visit's, and its date as `day`: a recorded visit has both
    day: str
    unit: Unit
    parents: tuple[Unit, ...]
    supervisor: Supervisor
    assignment: Assignment | None
    concerns: tuple[Concern, ...]
    rulebook: Rulebook
    kept: dict[str, KeptSection] = field(default_factory=dict)  # the user's texts


def gather(db, scope_id: int, period=None, *, confidential=False, on=None, rulebook=None):
    """The visit `scope_id` and all its brief shows; `period` is not needed (the visit's month
    is the brief's period) and is checked when given."""
    visit = get_visit(db, scope_id)
    if visit.status != VisitStatus.DONE or visit.meeting is None or visit.date is None:
        raise ValidationError(_("Only a recorded visit has a brief."), field="visit")
    month = Period.containing(visit.date, PeriodKind.MONTH)
    if period is not None and not Period.parse(period).contains(visit.date):
        raise ValidationError(
            _("The visit of {date} is not in the period {period}.").format(
                date=vn_date(visit.date), period=Period.parse(period).label
            ),
            field="period",
        )
    unit = get_unit(db, visit.unit_id)
    supervisor = get_supervisor(db, visit.supervisor_id)
    identity = Identity(
        kind=KIND,
        doc_code=DOC_CODE,
        scope=visit.uid,
        period=month.code,
        confidential=confidential,
        file_label=FILE_LABEL,
        file_scope=f"{unit.name} {supervisor.code or ''}",
        file_period=visit.date,
        title=f"{unit.title} – {vn_date(visit.date)}",
    )
    return VisitData(
        identity,
        visit,
        visit.meeting,
        visit.date,
        unit,
        tuple(ancestors(db, unit)),
        supervisor,
        assignment_on(db, visit.supervisor_id, visit.unit_id, date.fromisoformat(visit.date)),
        tuple(get_concern(db, i) for i in visit_concern_ids(db, visit.id)),
        rulebook or rulebook_in_force(db),
        kept_sections(db, identity.key),
    )


def build_visit(db, scope_id: int, period=None, *, confidential=False, on=None, number=None):
    """The visit brief of visit `scope_id`, dated `on` (default today), ready to save."""
    data = gather(db, scope_id, period, confidential=confidential, on=on)
    return render(data, letterhead(db), number=number, on=on)


def render(data: VisitData, lh: Letterhead, *, number=None, on=None) -> PartyDocument:
    summary = f"kết quả dự {ATTENDED.get(data.meeting.kind, 'sinh hoạt')} {data.unit.title} " + (
        f"tháng {month_year(data.day)}"
    )
    doc = PartyDocument(
        lh,
        doc_code=DOC_CODE,
        number=None,  # a member's own report: no number of the committee's series
        on=on or date.today(),
        summary=summary,
        confidential=data.identity.confidential,
        route=lh.route(KIND),
        reporter=data.supervisor.name,
    )
    doc.paragraph(_opening(data, lh))
    _situation(doc, data)
    _results(doc, data)
    _concerns(doc, data)
    _advice(doc, data, lh)
    doc.signature()
    return doc


def _within(data: VisitData) -> str:
    if not data.parents:
        return ""
    return f" (trực thuộc {data.parents[-1].name})"


def _opening(data: VisitData, lh: Letterhead) -> str:
    sup = data.supervisor
    who = f"đồng chí {sup.name}" + (f", {sup.title}," if sup.title else "")
    kind = vi("meeting_kind", data.meeting.kind)
    text = (
        f"Thực hiện sự phân công của {body_name(lh.issuing_body)}, {vn_date(data.day)}, "
        f"{who} đã dự {kind[0].lower() + kind[1:]} tháng {month_year(data.day)} của "
        f"{data.unit.name}{_within(data)}."
    )
    if data.assignment:
        cadence = vi("cadence", data.assignment.cadence).lower()
        text += (
            f" Đồng chí được phân công phụ trách {data.unit.title} từ "
            f"{vn_date(data.assignment.start_date)}, chế độ dự sinh hoạt {cadence}."
        )
    return text + " Kết quả như sau:"


# A committee meeting counts the committee's members, not the membership (docs/RULES.md).
COMMITTEE_WORDS: dict[str, str] = {
    MeetingKind.COMMITTEE: "cấp ủy viên",
    MeetingKind.STANDING: "ủy viên ban thường vụ",
}


def own_word(unit: Unit) -> str:
    """ "chi bộ" or "đảng bộ": how a brief calls the unit in its own sentences."""
    return "chi bộ" if unit.kind in (UnitKind.CELL, UnitKind.GRASSROOTS_CELL) else "đảng bộ"


def committee_name(unit: Unit, kind: str) -> str:
    """The body a committee meeting is of: "Ban Chấp hành Đảng bộ xã …", "Chi ủy Chi bộ …",
    "Ban Thường vụ Đảng ủy xã …"."""
    if kind == MeetingKind.STANDING:
        return f"Ban Thường vụ Đảng ủy {unit.name.removeprefix('Đảng bộ ')}"
    if own_word(unit) == "chi bộ":
        return f"Chi ủy {unit.title}"
    return f"Ban Chấp hành {unit.title}"


def counted_as(data: VisitData) -> str | None:
    """The committee the meeting's figures count, if any (store.visits.committee_counted)."""
    m = data.meeting
    return committee_counted(m.kind, data.unit, m.members_full + m.members_probationary)


def _situation(doc: PartyDocument, data: VisitData) -> None:
    m, unit = data.meeting, data.unit
    doc.part("Tình hình chung")
    kind = vi("unit_kind", unit.kind).lower()
    sector = f", loại hình {vi('sector', unit.sector).lower()}" if unit.sector else ""
    doc.paragraph(f"{unit.name} là {kind}{sector}{_within(data)}.")
    committee = counted_as(data)
    who = COMMITTEE_WORDS.get(committee or "")
    if (
        committee and who
    ):  # the unit's membership from its record; the meeting's figures are the committee's
        doc.paragraph(
            f"{sentence(own_word(unit))} có {unit.members} đảng viên ({unit.members_full} chính "
            f"thức, {unit.members_probationary} dự bị)."
        )
        exempt = (
            f", trong đó {m.members_exempt} đồng chí được miễn; số đồng chí phải dự là {m.owed}"
            if m.members_exempt
            else ""
        )
        size = m.members_full + m.members_probationary
        doc.paragraph(f"{committee_name(unit, committee)} có {size} đồng chí {who}{exempt}.")
        return
    exempt = (
        f", trong đó {m.members_exempt} đảng viên được miễn sinh hoạt"
        if m.members_exempt
        else "; không có đảng viên được miễn sinh hoạt"
    )
    probation = f"{m.members_probationary} dự bị" if m.members_probationary else "không có dự bị"
    doc.paragraph(
        f"Tại thời điểm sinh hoạt, {unit.title} có {m.members_full + m.members_probationary} "
        f"đảng viên ({m.members_full} chính thức, {probation}){exempt}; số đảng viên phải dự "
        f"sinh hoạt là {m.owed}."
    )


def absence_text(excused: int, unexcused: int) -> str:
    """ "Vắng 3 đồng chí (2 có lý do, 1 không có lý do)", "Không có đồng chí vắng mặt"."""
    if not excused + unexcused:
        return "Không có đồng chí vắng mặt."
    if not unexcused:
        return f"Vắng {excused} đồng chí (có lý do)."
    if not excused:
        return f"Vắng {unexcused} đồng chí (không có lý do)."
    return f"Vắng {excused + unexcused} đồng chí ({excused} có lý do, {unexcused} không có lý do)."


def _points(data: VisitData, ids) -> list[str]:
    rb, scores = data.rulebook, data.visit.scores
    return [
        f"{c.label}: đạt {scores.get(c.id, 0)}/{c.max} điểm."
        for c in rb.criteria
        if c.id in ids and c.id in scores
    ]


def _results(doc: PartyDocument, data: VisitData) -> None:
    m = data.meeting
    doc.part("Kết quả dự sinh hoạt")
    doc.item("Công tác chuẩn bị")
    drafting.write(doc, drafting.by_key(sections_of(data, None))[PREPARATION], data.kept)
    who = COMMITTEE_WORDS.get(counted_as(data) or "", "đảng viên")
    doc.item(f"Số lượng {who} dự")
    share = f" ({percent(m.attendance_rate)})" if m.attendance_rate is not None else ""
    doc.bullet(f"Có mặt {m.present}/{m.owed} đồng chí {who} phải dự{share}.")
    doc.bullet(absence_text(m.absent_excused, m.absent_unexcused))
    threshold = data.rulebook.attendance_threshold
    rate = m.attendance_rate
    if rate is not None:
        verdict = "đạt" if rate >= threshold else "chưa đạt"
        doc.bullet(
            f"Tỷ lệ {who} dự sinh hoạt {verdict} yêu cầu (từ {vn_number(threshold)}% trở lên)."
        )
    _conduct(doc, data)
    _rating(doc, data)


def _conduct(doc: PartyDocument, data: VisitData) -> None:
    visit, m = data.visit, data.meeting
    doc.item("Nội dung, trình tự, thời gian")
    topic = f"; chủ đề: {m.topic}" if m.topic else ""
    doc.bullet(f"Hình thức: {vi('meeting_kind', m.kind).lower()}{topic}.")
    if m.duration_minutes:
        doc.bullet(f"Thời gian sinh hoạt: {m.duration_minutes} phút.")
    doc.bullet("Biên bản: " + ("ghi đầy đủ." if m.minutes_kept else "chưa ghi đầy đủ."))
    doc.bullet(
        "Nghị quyết: " + ("đã ra nghị quyết." if m.resolution_adopted else "chưa ra nghị quyết.")
    )
    if visit.observations:
        doc.paragraph(f"Nhận xét của đồng chí dự sinh hoạt: {visit.observations}")
    if visit.good_practice:
        doc.paragraph(f"Cách làm hay, mô hình sinh hoạt hiệu quả: {visit.good_practice}")


def score_rows(data: VisitData) -> tuple[list, list[list]]:
    """The score sheet table: its columns and rows (criteria, then the total)."""
    rb, visit = data.rulebook, data.visit
    own = visit.unit_scores
    columns: list[ColumnSpec] = ["TT", "Tiêu chí", "Điểm tối đa"]
    columns += [("Điểm chấm", ["Chi bộ tự chấm", "Cấp ủy viên cấp trên chấm"])] if own else (
        ["Điểm đạt"]
    )  # fmt: skip
    rows = []
    for index, c in enumerate(rb.criteria, start=1):
        row = [index, c.label, c.max]
        rows.append(
            row + ([own.get(c.id), visit.scores.get(c.id)] if own else [visit.scores.get(c.id)])
        )
    total = [None, "Tổng cộng", rb.max_total]
    rows.append(total + ([sum(own.values()), visit.total] if own else [visit.total]))
    return columns, rows


def _rating(doc: PartyDocument, data: VisitData) -> None:
    rb, visit = data.rulebook, data.visit
    doc.item("Đánh giá, xếp loại")
    columns, rows = score_rows(data)
    own = data.visit.unit_scores is not None
    widths = [10, 83, 20, 26, 26] if own else [10, 105, 25, 25]
    centred = ["center", "left", *["center"] * (len(widths) - 2)]
    doc.table(columns, rows, widths_mm=widths, align=centred, bold_rows=[len(rows) - 1])
    doc.paragraph(
        f"Tổng điểm: {visit.total}/{rb.max_total} điểm; xếp loại: "
        f"{rb.rating_label(visit.rating) or '-'}."
    )
    short = shortfall(rb, rb.rate(visit.scores))
    if short and short.criteria:  # the total reached the level above: the criteria decide
        names = "; ".join(rb.criterion(c).label for c in short.criteria)
        doc.paragraph(
            f"Tổng điểm đạt mức xếp loại {short.label} nhưng chưa đủ điều kiện vì các tiêu chí "
            f"sau chưa đạt điểm tối đa: {names}."
        )
    elif short:
        doc.paragraph(
            f"Chưa đạt loại {short.label} vì tổng điểm ({short.total}) dưới {short.needed:g} điểm."
        )


def concern_line(c: Concern, rb: Rulebook) -> str:
    """One concern in running text, with its category, route, due date and status."""
    due = f"; thời hạn: {vn_date(c.due_date)}" if c.due_date else ""
    return (
        f"{clause(c.description)} (lĩnh vực: {rb.label('categories', c.category)}; hướng giải "
        f"quyết: {rb.label('routes', c.route)}{due}; tình trạng: {vi('concern_status', c.status)})."
    )


def _concerns(doc: PartyDocument, data: VisitData) -> None:
    own = "cấp ủy" if counted_as(data) else own_word(data.unit)
    doc.part(f"Những vấn đề vướng mắc, kiến nghị của {own}")
    if not data.concerns:
        doc.paragraph(f"Tại buổi sinh hoạt, {own} không nêu vấn đề vướng mắc, kiến nghị.")
        return
    for index, concern in enumerate(data.concerns, start=1):
        doc.paragraph(f"{index}. {concern_line(concern, data.rulebook)}")


def sections_of(data: VisitData, lh: Letterhead | None) -> tuple[Section, ...]:
    """The drafted sections of this brief: the preparation as scored, the supervisor's
    advice as recorded, the proposals the concerns and the rating call for."""
    rb, visit = data.rulebook, data.visit
    preparation = tuple(_points(data, PREPARATION_CRITERIA)) or (
        "Phiếu chấm điểm không có tiêu chí riêng về công tác chuẩn bị.",
    )
    advice = paragraphs(visit.recommendations) or ("Không có ý kiến chỉ đạo được ghi nhận.",)
    proposals = []
    asked = [c for c in data.concerns if c.route in OPEN_ROUTES and c.is_open]
    if asked:
        body = body_name(lh.issuing_body) if lh else "cấp ủy"
        proposals.append(
            f"Đề nghị {body} chỉ đạo các cơ quan liên quan xem xét, giải quyết {len(asked)} "
            f"kiến nghị của {data.unit.title} nêu tại mục III."
        )
    if visit.rating and visit.rating not in {level.level for level in rb.ratings[:2]}:
        proposals.append(
            f"Đề nghị tiếp tục theo dõi, hướng dẫn {data.unit.title} nâng cao chất lượng sinh "
            f"hoạt (buổi sinh hoạt xếp loại {rb.rating_label(visit.rating)})."
        )
    return (
        Section(PREPARATION, "Công tác chuẩn bị", preparation),
        Section(ADVICE, "Ý kiến chỉ đạo tại buổi sinh hoạt", advice, bullets=False),
        Section(PROPOSALS, "Đề xuất, kiến nghị", tuple(proposals) or ("Không có.",),
                bullets=False),
    )  # fmt: skip


def _advice(doc: PartyDocument, data: VisitData, lh: Letterhead) -> None:
    drafted = drafting.by_key(sections_of(data, lh))
    doc.part("Ý kiến chỉ đạo và đề xuất")
    for key in (ADVICE, PROPOSALS):
        doc.item(drafted[key].title)
        drafting.write(doc, drafted[key], data.kept)
