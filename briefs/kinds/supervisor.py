"""The supervisor brief: BÁO CÁO kết quả thực hiện nhiệm vụ cấp ủy viên phụ trách cơ sở, for
a month, a quarter, a half-year or a year (docs/BRIEFS.md).

Figures are those of the screens, as at the end of the period (or the brief's date, if
earlier): visits required and done (store.cadence.visit_compliance), the regime of each
assigned unit (store.visits.regime.unit_regime), the concerns (store.concerns.figures, the board)
and the secretaries (store.personnel): counts only, unless the brief is confidential.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from briefs.frame.document import ColumnSpec, PartyDocument, vn_period
from briefs.kinds import drafting, sections, supervisor_drafts
from briefs.kinds.wording import (
    Identity,
    body_name,
    clause,
    counted,
    percent,
    sentence,
    some,
    some_of,
    vi,
)
from store.concerns.board import BoardRow, board
from store.concerns.figures import ConcernFigures, concern_figures
from store.lang.codes import MeetingKind
from store.lang.text import vn_date
from store.org.supervisor_search import Supervisor, get_supervisor
from store.org.units import Unit
from store.personnel import Gaps, Secretary, personnel_gaps, secretaries
from store.personnel.capability import CapabilityNote, latest_note
from store.reports.drafts import KeptSection, kept_sections
from store.reports.figures import owed_by
from store.reports.letterhead import Letterhead, letterhead
from store.rules.cadence import ComplianceLine, visit_compliance
from store.rules.periods import Period
from store.rules.rulebook import Rulebook
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import Visit, VisitRow, get_visit, list_visits
from store.visits.regime import UnitRegime, unit_regime

KIND, DOC_CODE, FILE_LABEL = "supervisor", "BC", "BC phụ trách cơ sở"


@dataclass(frozen=True)
class UnitLine:
    """One assignment of the supervisor in the period, with its unit's figures."""

    unit: Unit
    compliance: ComplianceLine
    visits: tuple[VisitRow, ...]
    regime: UnitRegime
    owed: tuple[int, int]  # visits (required, done) as of the brief's date

    @property
    def thematic(self):
        return next((x for x in self.regime.lines if x.meeting_kind == MeetingKind.THEMATIC), None)

    def meetings(self) -> tuple[int, int, int, int]:
        """Owed, held, missed and not yet due meetings, every kind the regime asks for."""
        return _figures(self.regime.lines)


def _figures(lines) -> tuple[int, int, int, int]:
    """Owed = held + missed + not yet due, summed over regime lines (store.visits.regime)."""
    lines = list(lines)
    return (sum(x.owed for x in lines), sum(x.done for x in lines),
            sum(x.missed for x in lines), sum(x.not_due for x in lines))  # fmt: skip


@dataclass(frozen=True)
class SupervisorData:
    identity: Identity
    supervisor: Supervisor
    period: Period
    as_of: date
    lines: tuple[UnitLine, ...]
    ratings: dict[str, int]
    concerns: ConcernFigures
    overdue: tuple[BoardRow, ...]
    gaps: Gaps
    flagged: int  # secretaries whose latest note is flagged
    secretaries: tuple[Secretary, ...]  # confidential briefs only
    notes: dict[int, CapabilityNote]  # latest note per person: confidential briefs only
    rulebook: Rulebook
    advice: tuple[tuple[VisitRow, Visit], ...] = ()  # each unit's latest visit, recorded in full
    weak: tuple[tuple[VisitRow, Visit], ...] = ()  # visits rated below the two best levels
    kept: dict[str, KeptSection] = field(default_factory=dict)  # the user's texts

    @property
    def required(self) -> int:
        return sum(x.owed[0] for x in self.lines)

    @property
    def done(self) -> int:
        return sum(x.owed[1] for x in self.lines)

    @property
    def broke(self) -> tuple[UnitLine, ...]:
        """The units that missed a meeting the regime required."""
        return tuple(x for x in self.lines if x.regime.missed)


def gather(db, scope_id: int, period, *, confidential=False, on=None, rulebook=None):
    """The supervisor `scope_id`'s figures for `period`, judged on `on` (default today);
    people and open concerns as at the period's end (or `on` if earlier)."""
    period = Period.parse(period)
    supervisor = get_supervisor(db, scope_id)
    rb = rulebook or rulebook_in_force(db)
    as_of = on or date.today()  # a rule-period ending on as_of still runs: judge after it
    then = min(as_of, period.end)  # people and concerns as at the end of the period
    visits: dict[int, list[VisitRow]] = {}
    for v in reversed(list_visits(db, period=period, supervisor_id=scope_id, limit=None)):
        visits.setdefault(v.unit_id, []).append(v)
    regimes = (
        (c, unit_regime(db, c.assignment.unit_id, period, rb, as_of=as_of))
        for c in visit_compliance(db, scope_id, period)
    )
    lines = tuple(
        UnitLine(regime.unit, c, tuple(visits.get(regime.unit.id, ())), regime, owed_by(c, as_of))
        for c, regime in regimes
    )
    people = tuple(secretaries(db, supervisor_id=scope_id, as_of=then, limit=None))
    notes = {}
    if confidential:
        for s in people:
            note = latest_note(db, s.person_id, then) if s.last_note_date else None
            if note:
                notes[s.person_id] = note
    ident = Identity(
        kind=KIND,
        doc_code=DOC_CODE,
        scope=supervisor.code or supervisor.uid,
        period=period.code,
        confidential=confidential,
        file_label=FILE_LABEL,
        file_scope=f"{supervisor.name} {supervisor.code or ''}",
        file_period=period.code,
        title=supervisor.display,
    )
    return SupervisorData(
        identity=ident,
        supervisor=supervisor,
        period=period,
        as_of=as_of,
        lines=lines,
        ratings=dict(Counter(v.rating for vs in visits.values() for v in vs if v.rating)),
        concerns=concern_figures(db, period, supervisor_id=scope_id, as_of=as_of),
        overdue=tuple(board(db, supervisor_id=scope_id, overdue=True, as_of=then, limit=None)),
        gaps=personnel_gaps(db, scope_id, as_of=then, rows=people),
        flagged=sum(1 for s in people if s.flagged),
        secretaries=people if confidential else (),
        notes=notes,
        rulebook=rb,
        **_visited(db, lines, rb),
        kept=kept_sections(db, ident.key),
    )


def _visited(db, lines: tuple[UnitLine, ...], rb: Rulebook) -> dict:
    """The visits in full (advice, remarks, good practice): each unit's latest, and those
    rated below the two best levels."""
    best = {level.level for level in rb.ratings[:2]}
    latest = [x.visits[-1] for x in lines if x.visits]
    weak = [v for x in lines for v in x.visits if v.rating and v.rating not in best]
    full = {v.id: get_visit(db, v.id) for v in (*latest, *weak)}  # only those it prints
    return {"advice": tuple((v, full[v.id]) for v in latest),
            "weak": tuple((v, full[v.id]) for v in weak)}  # fmt: skip


def build_supervisor(db, scope_id: int, period, *, confidential=False, on=None, number=None):
    """The brief of supervisor `scope_id` for `period`, dated `on` (default today)."""
    data = gather(db, scope_id, period, confidential=confidential, on=on)
    return render(data, letterhead(db), number=number, on=on)


def render(data: SupervisorData, lh: Letterhead, *, number=None, on=None) -> PartyDocument:
    doc = PartyDocument(
        lh,
        doc_code=DOC_CODE,
        number=None,  # a member's own report: no number of the committee's series
        on=on or date.today(),
        summary="kết quả thực hiện nhiệm vụ cấp ủy viên phụ trách cơ sở "
        + vn_period(data.period.code),
        confidential=data.identity.confidential,
        route=lh.route(KIND),
        reporter=data.supervisor.name,
    )
    sup = data.supervisor
    who = f"đồng chí {sup.name}" + (f", {sup.title}," if sup.title else "")
    doc.paragraph(
        f"Thực hiện sự phân công của {body_name(lh.issuing_body)}, {who} được phân công phụ "
        f"trách {len(data.lines)} tổ chức đảng. Kết quả thực hiện nhiệm vụ "
        f"{vn_period(data.period.code)} như sau:"
    )
    _units(doc, data)
    doc.part("Kết quả thực hiện")
    _visits(doc, data)
    _quality(doc, data)
    _people(doc, data)
    _concerns(doc, data)
    _assessment(doc, data, lh)
    doc.signature()
    return doc


def _units(doc: PartyDocument, data: SupervisorData) -> None:
    doc.part("Đơn vị được phân công phụ trách")
    if not data.lines:
        doc.paragraph("Trong kỳ, đồng chí không được phân công phụ trách tổ chức đảng nào.")
        return
    rows = [
        [i, x.unit.title, vi("sector", x.unit.sector), x.unit.members,
         cadence(x.compliance.assignment.cadence),
         vn_date(x.compliance.assignment.start_date)]
        for i, x in enumerate(data.lines, start=1)
    ]  # fmt: skip
    doc.table(
        ["TT", "Tổ chức đảng", "Loại hình", "Số đảng viên", "Chế độ dự sinh hoạt", "Từ ngày"],
        rows,
        widths_mm=[10, 55, 28, 20, 28, 24],
        align=["center", "left", "left", "center", "left", "center"],
    )


def cadence(code: str) -> str:
    """ "Hằng tháng", "Hằng quý": the cadence without its "Định kỳ"."""
    text = vi("cadence", code).removeprefix("Định kỳ ")
    return text[:1].upper() + text[1:]


def visit_rows(data: SupervisorData) -> list[list]:
    """II.1 as rows: unit, visits required, done, dates, ratings; then the total."""
    rb = data.rulebook
    rows = []
    for i, x in enumerate(data.lines, start=1):
        dates = ", ".join(vn_date(v.date) for v in x.visits) or "-"
        ratings = ", ".join(rb.rating_label(v.rating) for v in x.visits if v.rating) or "-"
        rows.append([i, x.unit.title, *x.owed, dates, ratings])
    visits = sum(len(x.visits) for x in data.lines)
    rows.append([None, "Tổng cộng", data.required, data.done, f"{visits} lượt", None])
    return rows


def _visits(doc: PartyDocument, data: SupervisorData) -> None:
    doc.item("Dự sinh hoạt")
    if data.done:
        doc.paragraph(
            f"Đã dự {counted(data.done, data.required, 'lượt')} sinh hoạt theo chế độ được "
            "phân công."
        )
    elif data.required:
        doc.paragraph(
            f"Chưa dự lượt sinh hoạt nào trong {data.required} lượt phải dự theo chế độ được "
            "phân công."
        )
    else:
        doc.paragraph("Trong kỳ, chế độ được phân công không yêu cầu lượt dự sinh hoạt nào.")
    if data.lines:
        rows = visit_rows(data)
        doc.table(
            ["TT", "Tổ chức đảng", ("Số lượt dự", ["Phải dự", "Đã dự"]), "Ngày dự", "Xếp loại"],
            rows,
            widths_mm=[10, 50, 17, 17, 39, 32],
            align=["center", "left", "center", "center", "left", "left"],
            bold_rows=[len(rows) - 1],
        )


def quality_rows(data: SupervisorData) -> list[list]:
    """II.2 as rows: per unit, meetings owed = held + missed + not yet due (every kind), of
    which thematic (held/owed), attendance."""
    rows = []
    for i, x in enumerate(data.lines, start=1):
        t = x.thematic
        thematic = f"{t.done}/{t.owed}" if t else "-"
        rows.append([i, x.unit.title, *x.meetings(), thematic, percent(x.regime.attendance_rate)])
    return rows


QUALITY_COLUMNS: list[ColumnSpec] = [
    "TT", "Tổ chức đảng",
    ("Số buổi sinh hoạt theo quy định", ["Phải", "Đã", "Thiếu", "Chưa đến hạn"]),
    "Trong đó chuyên đề (đã/phải)", "Tỷ lệ dự",
]  # fmt: skip


def _quality(doc: PartyDocument, data: SupervisorData) -> None:
    rb = data.rulebook
    doc.item("Chất lượng sinh hoạt và nền nếp sinh hoạt định kỳ, chuyên đề")
    rated = sum(data.ratings.values())
    if rated:
        scored = sections.rating_text(data.ratings, rb)
        doc.paragraph(f"Kết quả chấm điểm {rated} buổi sinh hoạt được dự: {scored}.")
    if not data.lines:
        return
    doc.table(
        QUALITY_COLUMNS,
        quality_rows(data),
        widths_mm=[10, 50, 15, 15, 15, 19, 21, 18],
        align=["center", "left", *["center"] * 6],
    )
    kept = len(data.lines) - len(data.broke)
    doc.paragraph(
        sentence(some_of(kept, len(data.lines), "tổ chức đảng", "thực hiện đúng chế độ sinh hoạt"))
        + " theo quy định trong kỳ."
    )
    for x in data.broke:
        missed = [
            f"{vi('meeting_kind', line.meeting_kind).lower()} thiếu {line.missed} buổi"
            for line in x.regime.lines
            if line.missed
        ]
        doc.bullet(f"{x.unit.title}: {'; '.join(missed)}.")
    later = {x.thematic.due_by for x in data.lines if x.thematic and x.thematic.due_later}
    if later:
        doc.paragraph(
            "Sinh hoạt chuyên đề chưa đến hạn (hạn "
            f"{', '.join(vn_date(d) for d in sorted(later))}) được đánh giá khi hết thời hạn."
        )
    low = [x.unit.title for x in data.lines if x.regime.attendance_ok is False]
    if low:
        doc.paragraph(
            f"Tỷ lệ đảng viên dự sinh hoạt dưới {percent(rb.attendance_threshold)}: "
            f"{', '.join(low)}."
        )


def _people(doc: PartyDocument, data: SupervisorData) -> None:
    g = data.gaps
    doc.item("Nắm tình hình đội ngũ bí thư, cấp ủy")
    if g.secretaries:
        concurrent = some(len(g.concurrent), "đồng chí", "kiêm nhiệm") + (
            " (bí thư kiêm trưởng thôn, người đứng đầu đồng thời là bí thư)" if g.concurrent else ""
        )
        doc.paragraph(
            f"Các tổ chức đảng được phân công có {g.secretaries} đồng chí bí thư, trong đó "
            f"{concurrent}; {some(len(g.acting), 'đồng chí', 'đang giữ quyền bí thư')}; "
            f"{some(len(g.unassessed), 'đồng chí', 'chưa được đánh giá trong 12 tháng qua')}."
        )
    else:
        doc.paragraph("Các tổ chức đảng được phân công chưa có thông tin về bí thư.")
    if g.without_secretary:
        doc.paragraph(f"Có {len(g.without_secretary)} tổ chức đảng chưa có bí thư.")
    if data.flagged:
        n = len(g.flagged_without_plan)
        without = f"{n} đồng chí chưa có" if n else "tất cả đều đã có"
        doc.paragraph(
            f"Có {data.flagged} bí thư được đánh giá hạn chế về năng lực, uy tín thấp; trong đó "
            f"{without} kế hoạch tạo nguồn thay thế."
        )
    else:
        doc.paragraph("Không có bí thư được đánh giá hạn chế về năng lực, uy tín thấp.")
    if data.identity.confidential:
        _secretaries(doc, data)


def _secretaries(doc: PartyDocument, data: SupervisorData) -> None:
    """Names and assessments: confidential briefs only."""
    rb = data.rulebook
    rows = []
    for i, s in enumerate(data.secretaries, start=1):
        note = data.notes.get(s.person_id)
        assessed = f"{vn_date(note.date)}: {rb.label('scale', note.overall)}" if note else "-"
        rows.append([i, s.person_name, s.unit_name, assessed, "x" if s.flagged else "",
                     "Có" if s.has_active_plan else ""])  # fmt: skip
    if rows:
        doc.table(
            ["TT", "Họ và tên", "Tổ chức đảng", "Đánh giá gần nhất", "Hạn chế", "Kế hoạch"],
            rows,
            widths_mm=[10, 36, 42, 38, 17, 22],
            align=["center", "left", "left", "left", "center", "center"],
        )
    for s in data.secretaries:
        note = data.notes.get(s.person_id)
        if s.flagged and note and note.narrative:
            doc.bullet(f"Đồng chí {s.person_name} ({s.unit_name}): {note.narrative}")


def _concerns(doc: PartyDocument, data: SupervisorData) -> None:
    doc.item("Vấn đề vướng mắc phát sinh và kết quả giải quyết")
    f = data.concerns
    doc.paragraph(sections.concern_summary(f))
    if f.raised or f.still_open or f.resolved:
        sections.concern_table(doc, f)
    if data.overdue:
        doc.paragraph("Các vấn đề quá hạn chưa giải quyết xong:")
    for row in data.overdue:
        doc.bullet(
            f"{row.unit_name}: {clause(row.description)} (hạn {vn_date(row.due_date)}, "
            f"quá hạn {row.days_overdue} ngày)."
        )


def _assessment(doc: PartyDocument, data: SupervisorData, lh: Letterhead) -> None:
    """Parts III-V, drafted from the records (briefs.kinds.supervisor_drafts) or as kept."""
    drafted = drafting.by_key(sections_of(data, lh))
    doc.part("Đánh giá chung")
    for key in (drafting.STRENGTHS, drafting.SHORTCOMINGS, drafting.CAUSES):
        doc.item(drafted[key].title)
        drafting.write(doc, drafted[key], data.kept)
    for key in (drafting.TASKS, drafting.PROPOSALS):
        doc.part(drafted[key].title)
        drafting.write(doc, drafted[key], data.kept)


def sections_of(data: SupervisorData, lh: Letterhead) -> tuple[drafting.Section, ...]:
    """The drafted sections of this brief, as the review screen shows them."""
    return supervisor_drafts.sections(data, body_name(lh.issuing_body))
