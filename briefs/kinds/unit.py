"""The unit brief: BÁO CÁO tình hình tổ chức cơ sở đảng … (docs/BRIEFS.md) for a period.

The regime month by month (store.visits.regime.unit_regime), the attendance trend as a chart
(store.regime.unit_trend), the cells below it (store.grid.compliance_grid), the visits, the
concerns; and, in a confidential brief only, part V: the committee by name, the secretary's
capability notes and the replacement-source plans.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from briefs.frame import charts
from briefs.frame.document import PartyDocument, vn_period
from briefs.kinds import drafting, sections
from briefs.kinds.drafting import PROPOSALS, Section, names, paragraphs
from briefs.kinds.wording import Identity, clause, percent, some, some_of, vi
from store.concerns.board import BoardRow, board
from store.concerns.figures import ConcernFigures, concern_figures
from store.lang.codes import MeetingKind
from store.lang.text import vn_date
from store.org.units import Unit, UnitDetail, ancestors, get_unit, unit_detail
from store.personnel.capability import CapabilityNote, timeline
from store.personnel.people import UnitPeople, unit_people
from store.personnel.succession import PlanDetail, list_plans, plan_detail
from store.reports.drafts import KeptSection, kept_sections
from store.reports.letterhead import Letterhead, letterhead
from store.rules.periods import Period
from store.rules.rulebook import Rulebook
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import Visit, VisitRow, get_visit, list_visits
from store.visits.grid import ComplianceGrid, compliance_grid
from store.visits.meetings import Meeting, list_meetings
from store.visits.regime import TrendPoint, UnitRegime, unit_regime, unit_trend

KIND, DOC_CODE, FILE_LABEL = "unit", "BC", "BC tình hình tổ chức đảng"
TREND_MONTHS = 12


@dataclass(frozen=True)
class UnitData:
    identity: Identity
    unit: Unit
    parents: tuple[Unit, ...]
    detail: UnitDetail
    period: Period
    as_of: date
    regime: UnitRegime
    months: tuple[UnitRegime, ...]
    thematic: tuple[Meeting, ...]
    trend: tuple[TrendPoint, ...]
    cells: ComplianceGrid | None  # the units directly under it, for the period's year
    visits: tuple[VisitRow, ...]
    concerns: ConcernFigures
    open_concerns: tuple[BoardRow, ...]
    rulebook: Rulebook
    people: UnitPeople | None = None  # confidential briefs only, from here down
    notes: tuple[CapabilityNote, ...] = ()
    plans: tuple[PlanDetail, ...] = ()
    latest: Visit | None = None  # the period's last visit, in full (its advice)
    kept: dict[str, KeptSection] = field(default_factory=dict)  # the user's texts


def gather(db, scope_id: int, period, *, confidential=False, on=None, rulebook=None):
    """The unit `scope_id`'s figures for `period`, judged on `on` (default today); people,
    open concerns and the trend as at the period's end (or `on` if earlier)."""
    period = Period.parse(period)
    unit = get_unit(db, scope_id)
    rb = rulebook or rulebook_in_force(db)
    as_of = on or date.today()  # a rule-period ending on as_of still runs: judge after it
    then = min(as_of, period.end)  # people, concerns and the trend as at the period's end
    detail = unit_detail(db, scope_id, on=then, meetings=0)
    ident = Identity(
        kind=KIND,
        doc_code=DOC_CODE,
        scope=unit.code or unit.uid,
        period=period.code,
        confidential=confidential,
        file_label=FILE_LABEL,
        file_scope=f"{unit.name} {unit.code or ''}",
        file_period=period.code,
        title=unit.title,
    )
    personnel = _personnel(db, scope_id, then) if confidential else {}
    visits = tuple(reversed(list_visits(db, period=period, unit_id=scope_id, limit=None)))
    return UnitData(
        identity=ident,
        unit=unit,
        parents=tuple(ancestors(db, unit)),
        detail=detail,
        period=period,
        as_of=as_of,
        regime=unit_regime(db, scope_id, period, rb, as_of=as_of),
        months=tuple(
            unit_regime(db, scope_id, m, rb, as_of=as_of)
            for m in period.months()
            if m.start <= then
        ),
        thematic=tuple(
            reversed(
                list_meetings(db, scope_id, period=period, kind=MeetingKind.THEMATIC, limit=None)
            )
        ),
        trend=tuple(unit_trend(db, scope_id, TREND_MONTHS, as_of=then)),
        cells=compliance_grid(db, parent_id=scope_id, year=period.year, as_of=as_of, rulebook=rb)
        if detail.child_count
        else None,
        visits=visits,
        concerns=concern_figures(db, period, parent_id=scope_id, as_of=as_of),
        open_concerns=tuple(board(db, unit_id=scope_id, status="open", as_of=then, limit=None)),
        rulebook=rb,
        **personnel,
        latest=get_visit(db, visits[-1].id) if visits else None,
        kept=kept_sections(db, ident.key),
    )


def _personnel(db, unit_id: int, as_of: date) -> dict:
    people = unit_people(db, unit_id, as_of)
    secretary = people.secretary
    notes = [n for n in timeline(db, secretary.person_id) if n.date <= as_of.isoformat()] if (
        secretary
    ) else []  # fmt: skip
    plans = [plan_detail(db, p.id, as_of) for p in list_plans(db, unit_id=unit_id, as_of=as_of)]
    return {"people": people, "notes": tuple(notes), "plans": tuple(plans)}


def build_unit(db, scope_id: int, period, *, confidential=False, on=None, number=None):
    """The brief of unit `scope_id` for `period`, dated `on` (default today)."""
    data = gather(db, scope_id, period, confidential=confidential, on=on)
    return render(data, letterhead(db), number=number, on=on)


def render(data: UnitData, lh: Letterhead, *, number=None, on=None) -> PartyDocument:
    doc = PartyDocument(
        lh,
        doc_code=DOC_CODE,
        number=number,
        on=on or date.today(),
        summary=f"tình hình {data.unit.title} {vn_period(data.period.code)}",
        confidential=data.identity.confidential,
        route=lh.route(KIND),
    )
    _features(doc, data)
    _regime(doc, data)
    _visits(doc, data)
    _concerns(doc, data)
    if data.identity.confidential:
        _personnel_part(doc, data)
    _proposal_part(doc, data)
    doc.signature()
    return doc


def _features(doc: PartyDocument, data: UnitData) -> None:
    unit, detail = data.unit, data.detail
    doc.part("Đặc điểm tình hình")
    kind = vi("unit_kind", unit.kind).lower()
    if data.parents:  # "chi bộ trực thuộc Đảng bộ xã …", not "chi bộ trực thuộc, trực thuộc …"
        joint = " " if kind.endswith(" trực thuộc") else ", trực thuộc "
        kind = f"{kind}{joint}{data.parents[-1].name}"
    sector = f", loại hình {vi('sector', unit.sector).lower()}" if unit.sector else ""
    doc.paragraph(f"{unit.name} là {kind}{sector}.")
    probation = f"{unit.members_probationary} dự bị" if unit.members_probationary else (
        "không có dự bị"
    )  # fmt: skip
    exempt = some(unit.members_exempt, "đảng viên", "được miễn sinh hoạt")
    doc.paragraph(
        f"Tổng số đảng viên: {unit.members} ({unit.members_full} chính thức, {probation}); "
        f"{exempt}."
    )
    if detail.child_count:
        doc.paragraph(f"Số tổ chức đảng trực thuộc: {detail.child_count}.")
    roles = Counter(post.role for post in detail.committee)
    if roles:
        held = "; ".join(f"{vi('role', role).lower()}: {n}" for role, n in roles.items())
        doc.paragraph(f"Cấp ủy hiện có {len(detail.committee)} đồng chí ({held}).")
    else:
        doc.paragraph("Chưa có thông tin về cấp ủy của tổ chức đảng.")
    if detail.supervisors:
        names = ", ".join(f"đồng chí {s.name}" for s in detail.supervisors)
        doc.paragraph(f"Cấp ủy viên cấp trên được phân công phụ trách: {names}.")


def regime_rows(data: UnitData) -> list[list]:
    """II: one row per meeting rule: kind, rule, owed = held + missed + not yet due."""
    rows = []
    for i, line in enumerate(data.regime.lines, start=1):
        per = vi("period", line.per)
        rows.append([i, vi("meeting_kind", line.meeting_kind), f"{line.count} lần/{per}",
                     line.owed, line.done, line.missed, line.not_due])  # fmt: skip
    return rows


def month_columns(data: UnitData) -> list[str]:
    """The meeting kinds the unit owes, in the rulebook's order."""
    return [line.meeting_kind for line in data.regime.lines]


def month_rows(data: UnitData) -> list[list]:
    """II: one row per month: meetings held of each kind owed, attendance (of the regular
    meetings, when the unit owes them), verdict."""
    kinds = month_columns(data)
    rated = MeetingKind.REGULAR in kinds
    rows = []
    for r in data.months:
        held = {x.meeting_kind: x.held for x in r.lines}
        verdict = "Chưa đủ" if r.missed else ("Chưa kết thúc" if any(
            x.pending for x in r.lines) else "Đủ")  # fmt: skip
        rate = [percent(r.attendance_rate)] if rated else []
        rows.append([f"{r.period.first:02d}/{r.period.year}", *(held.get(k, 0) for k in kinds),
                     *rate, verdict])  # fmt: skip
    return rows


_SHORT_KIND: dict[str, str] = {
    MeetingKind.REGULAR: "Định kỳ",
    MeetingKind.THEMATIC: "Chuyên đề",
    MeetingKind.COMMITTEE: "Cấp ủy",
    MeetingKind.STANDING: "Ban thường vụ",
    MeetingKind.GENERAL: "Hội nghị",
}


def _regime(doc: PartyDocument, data: UnitData) -> None:
    rb = data.rulebook
    doc.part("Việc thực hiện chế độ sinh hoạt")
    if data.regime.lines:
        doc.table(
            ["TT", "Loại sinh hoạt", "Quy định", "Phải thực hiện", "Đã tổ chức", "Còn thiếu",
             "Chưa đến hạn"],
            regime_rows(data),
            widths_mm=[10, 47, 28, 20, 20, 19, 21],
            align=["center", "left", "center", "center", "center", "center", "center"],
        )  # fmt: skip
    if data.months:
        kinds = month_columns(data)
        rated = ["Tỷ lệ dự"] if MeetingKind.REGULAR in kinds else []  # a đảng bộ rates none
        doc.paragraph("Kết quả từng tháng:")
        width = (109 - 24 * len(rated)) / max(1, len(kinds))
        doc.table(
            ["Tháng", *(_SHORT_KIND.get(k, k) for k in kinds), *rated, "Đánh giá"],
            month_rows(data),
            widths_mm=[22, *[width] * len(kinds), *[24] * len(rated), 34],
            align=["center", *["center"] * (len(kinds) + len(rated)), "left"],
        )
    for m in data.thematic:
        doc.bullet(f"Sinh hoạt chuyên đề ngày {vn_date(m.date)}: {m.topic or ''}.")
    rate = data.regime.attendance_rate
    if rate is not None:
        verdict = "đạt" if data.regime.attendance_ok else "chưa đạt"
        doc.paragraph(
            f"Tỷ lệ đảng viên dự sinh hoạt bình quân {percent(rate)}, {verdict} yêu cầu "
            f"(từ {percent(rb.attendance_threshold)} trở lên)."
        )
    if any(p.attendance_rate is not None for p in data.trend):
        labels, year = charts.month_labels([(p.period.year, p.period.first) for p in data.trend])
        png = charts.bar_chart(
            labels,
            [p.attendance_rate for p in data.trend],
            ylabel="Tỷ lệ đảng viên dự (%)",
            xlabel=year,
            threshold=rb.attendance_threshold,
            threshold_label=f"{percent(rb.attendance_threshold)}",
            ymax=110,
            percent=True,
            width_mm=150,
        )
        doc.picture(png, width_mm=150, caption="Biểu đồ: tỷ lệ đảng viên dự sinh hoạt 12 tháng")
    if data.cells:
        _cells(doc, data.cells, data.period)


def _cells(doc: PartyDocument, grid: ComplianceGrid, period: Period) -> None:
    """The units directly under it: how many kept every monthly rule in the months over."""
    months = [m.first for m in period.months()]
    rows = grid.rows
    owing = [r for r in rows if any(r.cells[m - 1].state in ("held", "missed") for m in months)]
    kept = [r for r in owing if all(r.cells[m - 1].state != "missed" for m in months)]
    doc.paragraph(
        "Các tổ chức đảng trực thuộc: "
        + some_of(len(kept), len(owing), "tổ chức đảng", "sinh hoạt đều đặn hằng tháng")
        + " theo quy định trong kỳ."
    )
    for r in owing:
        missed = [f"{m:02d}" for m in months if r.cells[m - 1].state == "missed"]
        if missed:
            doc.bullet(f"{r.unit.title}: chưa sinh hoạt đủ tháng {', '.join(missed)}.")


def _visits(doc: PartyDocument, data: UnitData) -> None:
    rb = data.rulebook
    doc.part("Kết quả dự sinh hoạt của cấp ủy viên cấp trên")
    if not data.visits:
        doc.paragraph("Trong kỳ, không có lượt dự sinh hoạt của cấp ủy viên cấp trên.")
        return
    rows = [
        [i, vn_date(v.date), v.supervisor_name, vi("meeting_kind", v.meeting_kind),
         f"{v.present}/{v.owed}" if v.owed else "-", v.total, rb.rating_label(v.rating)]
        for i, v in enumerate(data.visits, start=1)
    ]  # fmt: skip
    doc.table(
        ["TT", "Ngày", "Đồng chí dự", "Loại sinh hoạt", "Dự/phải dự", "Điểm", "Xếp loại"],
        rows,
        widths_mm=[10, 25, 37, 34, 19, 15, 25],
        align=["center", "center", "left", "left", "center", "center", "left"],
    )
    counts = Counter(v.rating for v in data.visits if v.rating)
    doc.paragraph(f"Xếp loại các buổi sinh hoạt được dự: {sections.rating_text(counts, rb)}.")


def _concerns(doc: PartyDocument, data: UnitData) -> None:
    doc.part("Vấn đề vướng mắc, kiến nghị")
    doc.paragraph(sections.concern_summary(data.concerns))
    if data.concerns.raised or data.concerns.still_open or data.concerns.resolved:
        sections.concern_table(doc, data.concerns)
    if data.open_concerns:
        doc.paragraph("Các vấn đề chưa giải quyết xong:")
    for row in data.open_concerns:
        where = "" if row.unit_id == data.unit.id else f"{row.unit_name}: "
        due = f"; hạn {vn_date(row.due_date)}" if row.due_date else ""
        doc.bullet(
            f"{where}{clause(row.description)} ({vi('concern_status', row.status).lower()}{due})."
        )


def _personnel_part(doc: PartyDocument, data: UnitData) -> None:
    """Part V, confidential briefs only: names, assessments and plans."""
    rb = data.rulebook
    doc.part("Đội ngũ bí thư, cấp ủy; kế hoạch tạo nguồn")
    people = data.people
    rows = [
        [i, p.person_name, vi("role", p.role) + (" (quyền)" if p.acting else ""),
         vi("concurrent_role", p.concurrent_role), vn_date(p.start_date)]
        for i, p in enumerate(people.current if people else (), start=1)
    ]  # fmt: skip
    if rows:
        doc.table(["TT", "Họ và tên", "Chức vụ", "Kiêm nhiệm", "Từ ngày"], rows,
                  widths_mm=[10, 45, 40, 45, 25],
                  align=["center", "left", "left", "left", "center"])  # fmt: skip
    else:
        doc.paragraph("Tổ chức đảng chưa có cấp ủy.")
    for note in data.notes:
        rated = "; ".join(f"{d}: {s}" for d, s in note.rated(rb) if s)
        flag = " Được đánh giá hạn chế về năng lực, uy tín thấp." if note.flagged else ""
        doc.bullet(
            f"Đánh giá ngày {vn_date(note.date)} đối với đồng chí {note.person_name}: "
            f"{rb.label('scale', note.overall)} ({rated}).{flag} {note.narrative or ''}".rstrip()
        )
    for detail in data.plans:
        plan = detail.plan
        doc.paragraph(
            f"Kế hoạch tạo nguồn thay thế ({vi('plan_status', plan.status).lower()}): lý do "
            f"{vi('plan_reason', plan.reason).lower()}; thời hạn {vn_date(plan.target_date)}; "
            f"{some(len(detail.candidates), 'nguồn', 'được giới thiệu')}, "
            f"{some(plan.open_actions, 'biện pháp', 'đang thực hiện')}"
            + (f", {plan.overdue_actions} biện pháp quá hạn." if plan.overdue_actions else ".")
        )
        for c in detail.candidates:
            doc.bullet(f"Nguồn: đồng chí {c.person_name} ({vi('readiness', c.readiness).lower()}).")
    if not data.plans:
        doc.paragraph("Tổ chức đảng chưa có kế hoạch tạo nguồn thay thế bí thư.")


def sections_of(data: UnitData, lh: Letterhead | None = None) -> tuple[Section, ...]:
    """The drafted Đề xuất: from the regime missed, the attendance, the ratings, the last
    visit's advice and the concerns still open."""
    return (Section(PROPOSALS, "Đề xuất", tuple(_proposals(data)) or ("Không có.",)),)


def _proposals(data: UnitData):
    unit, rb = data.unit, data.rulebook
    if data.regime.missed:
        yield (
            f"Chỉ đạo {unit.title} khắc phục việc chưa thực hiện đủ {data.regime.missed} buổi "
            "sinh hoạt theo quy định."
        )
    if data.regime.attendance_ok is False:
        yield (
            f"Chỉ đạo {unit.title} nâng cao tỷ lệ đảng viên dự sinh hoạt (bình quân "
            f"{percent(data.regime.attendance_rate)}, yêu cầu từ "
            f"{percent(rb.attendance_threshold)} trở lên)."
        )
    if data.cells:
        behind = [
            r.unit.title for r in data.cells.rows if any(c.state == "missed" for c in r.cells)
        ]
        if behind:
            yield f"Chỉ đạo {names(behind)} sinh hoạt đều đặn hằng tháng."
    best = {level.level for level in rb.ratings[:2]}
    weak = [v for v in data.visits if v.rating and v.rating not in best]
    if weak:
        yield (
            f"Hướng dẫn nâng cao chất lượng sinh hoạt ({len(weak)} buổi sinh hoạt được dự xếp "
            f"loại {drafting.worse_levels(rb)})."
        )
    advice = " ".join(paragraphs(data.latest.recommendations)) if data.latest else ""
    if advice and data.latest:
        yield (
            f"Thực hiện ý kiến chỉ đạo tại buổi sinh hoạt ngày {vn_date(data.latest.date)}: "
            f"{advice}"
        )
    f = data.concerns
    if f.still_open:
        late = f", trong đó {f.overdue} vấn đề đã quá hạn" if f.overdue else ""
        yield f"Giải quyết dứt điểm {f.still_open} vấn đề vướng mắc còn tồn đọng{late}."
    overdue = sum(len(p.overdue) for p in data.plans)  # confidential briefs only
    if overdue:
        yield f"Đôn đốc thực hiện {overdue} biện pháp tạo nguồn thay thế bí thư đã quá hạn."


def _proposal_part(doc: PartyDocument, data: UnitData) -> None:
    (section,) = sections_of(data)
    doc.part(section.title)
    drafting.write(doc, section, data.kept)
