"""The annual report on the resolution: BÁO CÁO kết quả thực hiện Nghị quyết về nâng cao chất
lượng sinh hoạt đảng ở cơ sở năm YYYY (docs/BRIEFS.md), for the whole committee.

Figures: store.reports.figures (regular and thematic meetings, attendance, by sector and by
grassroots organization; ratings; visits against cadence by supervisor; plans),
store.personnel (secretaries: counts; names only in a confidential report) and
store.concern_figures. The full tables go to the appendix.
"""

from dataclasses import dataclass, field
from datetime import date

from briefs.frame import charts
from briefs.frame.document import Align, ColumnSpec, PartyDocument, vn_period
from briefs.frame.vn import vn_number
from briefs.kinds import annual_drafts, drafting, sections
from briefs.kinds.supervisor import cadence
from briefs.kinds.wording import (
    Identity,
    body_name,
    counted,
    percent,
    sentence,
    some,
    some_of,
    vi,
)
from store.concerns.figures import ConcernFigures, concern_figures
from store.lang.codes import MeetingKind, PlanStatus
from store.lang.text import sort_key, vn_date
from store.personnel import Secretary, secretaries, secretary_counts, units_without_secretary
from store.personnel.succession import list_plans
from store.reports.drafts import KeptSection, kept_sections
from store.reports.figures import (
    TOP,
    MeetingFigures,
    PlanFigures,
    RegularLine,
    VisitFigures,
    meeting_figures,
    plan_figures,
    visit_figures,
)
from store.reports.letterhead import Letterhead, letterhead
from store.rules.periods import Period
from store.rules.rulebook import Rulebook
from store.rules.rulebook import in_force as rulebook_in_force

KIND, DOC_CODE, FILE_LABEL = "annual", "BC", "BC thực hiện nghị quyết"
TITLE = "Nghị quyết về nâng cao chất lượng sinh hoạt đảng ở cơ sở"


@dataclass(frozen=True)
class PersonnelCounts:
    secretaries: int
    flagged: int
    flagged_with_plan: int
    concurrent: int
    acting: int
    without_secretary: int


@dataclass(frozen=True)
class AnnualData:
    identity: Identity
    period: Period
    as_of: date
    rulebook: Rulebook
    meetings: MeetingFigures
    visits: VisitFigures
    plans: PlanFigures
    people: PersonnelCounts
    concerns: ConcernFigures
    flagged: tuple[Secretary, ...]  # confidential reports only
    overdue_plans: int = 0  # open plans with an action past due, at the period's end
    kept: dict[str, KeptSection] = field(default_factory=dict)  # the user's texts


def gather(db, scope_id=None, period=None, *, confidential=False, on=None, rulebook=None):
    """The committee's figures for `period` (a year, usually), judged on `on` (default
    today); the secretaries as at the period's end (or `on` if earlier)."""
    period = Period.parse(period)
    rb = rulebook or rulebook_in_force(db)
    as_of = on or date.today()  # a rule-period ending on as_of still runs: judge after it
    then = min(as_of, period.end)  # the secretaries as at the period's end
    counts = secretary_counts(db, as_of=then)
    people = PersonnelCounts(
        secretaries=counts.secretaries,
        flagged=counts.flagged,
        flagged_with_plan=counts.flagged_with_plan,
        concurrent=counts.concurrent,
        acting=counts.acting,
        without_secretary=len(units_without_secretary(db, None, as_of=then)),
    )
    ident = Identity(
        kind=KIND,
        doc_code=DOC_CODE,
        scope="",
        period=period.code,
        confidential=confidential,
        file_label=FILE_LABEL,
        file_scope="",
        file_period=period.code,
        title=f"Nghị quyết {vn_period(period.code)}",
    )
    flagged = secretaries(db, flagged=True, as_of=then, limit=None) if confidential else ()
    return AnnualData(
        identity=ident,
        period=period,
        as_of=as_of,
        rulebook=rb,
        meetings=meeting_figures(db, period, rulebook=rb, as_of=as_of),
        visits=visit_figures(db, period, as_of),
        plans=plan_figures(db, period),
        people=people,
        concerns=concern_figures(db, period, as_of=as_of),
        flagged=tuple(flagged),
        overdue_plans=len(list_plans(db, overdue=True, as_of=then, limit=None)),
        kept=kept_sections(db, ident.key),
    )


def build_annual(db, scope_id=None, period=None, *, confidential=False, on=None, number=None):
    """The annual report for `period` (a year), dated `on` (default today)."""
    data = gather(db, scope_id, period, confidential=confidential, on=on)
    return render(data, letterhead(db), number=number, on=on)


def render(data: AnnualData, lh: Letterhead, *, number=None, on=None) -> PartyDocument:
    on = on or date.today()
    doc = PartyDocument(
        lh,
        doc_code=DOC_CODE,
        number=number,
        on=on,
        summary=f"kết quả thực hiện {short_title(data.rulebook)} {vn_period(data.period.code)}",
        confidential=data.identity.confidential,
        route=lh.route(KIND),
    )
    doc.paragraph(
        f"Thực hiện {data.rulebook.citation}, {body_name(lh.issuing_body)} báo cáo kết quả "
        f"thực hiện {vn_period(data.period.code)} như sau:"
    )
    drafted = drafting.by_key(sections_of(data, lh))
    _leadership(doc, data, lh)
    _section(doc, data, drafted[drafting.LEADERSHIP])
    doc.part("Kết quả thực hiện", prefix="Phần ")
    _regular(doc, data)
    _thematic(doc, data)
    _attendance(doc, data)
    _quality(doc, data)
    _visits(doc, data)
    _secretaries(doc, data)
    _concerns(doc, data)
    _assessment(doc, data, drafted)
    doc.signature()
    _appendix(doc, data, number, on, lh)
    return doc


def short_title(rb: Rulebook) -> str:
    """ "Nghị quyết số 09-NQ/TU về …": the resolution as a title names it (no date, no issuer)."""
    return f"{rb.reference} {rb.resolution.about}" if rb.resolution else TITLE


def _leadership(doc: PartyDocument, data: AnnualData, lh: Letterhead) -> None:
    v, rb = data.visits, data.rulebook
    doc.part("Công tác lãnh đạo, chỉ đạo", prefix="Phần ")
    cadences = "; ".join(f"{cadence(c).lower()}: {n}" for c, n in sorted(v.cadences.items()))
    doc.paragraph(
        f"{body_name(lh.issuing_body)} đã phân công {v.supervisors} đồng chí cấp ủy viên phụ "
        f"trách {v.units} tổ chức đảng ({v.assignments} lượt phân công; chế độ dự sinh hoạt "
        f"{cadences or '-'}). Trong kỳ, các đồng chí cấp ủy viên đã lên kế hoạch "
        f"{v.planned} lượt dự sinh hoạt ở cơ sở."
    )
    doc.paragraph(
        f"Quy định áp dụng: {rb.reference}; tỷ lệ đảng viên dự sinh hoạt yêu cầu từ "
        f"{percent(rb.attendance_threshold)} trở lên; xếp loại chất lượng sinh hoạt theo phiếu "
        f"chấm điểm {rb.max_total} điểm."
    )
    for rule in rb.meetings:
        kinds = ", ".join(vi("unit_kind", k).lower() for k in rule.unit_kinds)
        doc.bullet(
            f"{vi('meeting_kind', rule.meeting_kind)}: {rule.count} lần/"
            f"{vi('period', rule.per)} ({kinds})."
        )


def _sector(key: str | int | None) -> str:
    """The name of a by-sector line: its key is a sector code ("" when none is set)."""
    return vi("sector", str(key)) if key else "Chưa phân loại"


def regular_rows(lines, name) -> list[list]:
    """Rows of regular-meeting lines: name, cells, met every month, share, meetings, rate."""
    rows = [
        [i, name(x.key), x.cells, x.every_month, _pct(x.every_month, x.cells), x.meetings,
         percent(x.attendance)]
        for i, x in enumerate(lines, start=1)
    ]  # fmt: skip
    return rows


def _pct(part: int, whole: int) -> str:
    return percent(100 * part / whole) if whole else "-"


def _total_row(x: RegularLine) -> list:
    return [None, "Tổng cộng", x.cells, x.every_month, _pct(x.every_month, x.cells), x.meetings,
            percent(x.attendance)]  # fmt: skip


REGULAR_COLUMNS: list[ColumnSpec] = [
    "TT", "Loại hình", "Số chi bộ", ("Sinh hoạt đủ hằng tháng", ["Số", "Tỷ lệ"]), "Số buổi",
    "Tỷ lệ dự",
]  # fmt: skip
REGULAR_WIDTHS = [10, 53, 20, 20, 20, 20, 22]
CENTRED = ["center", "left", "center", "center", "center", "center", "center"]


def _regular(doc: PartyDocument, data: AnnualData) -> None:
    m = data.meetings
    doc.item("Nền nếp sinh hoạt định kỳ")
    doc.paragraph(
        sentence(some_of(m.total.every_month, m.total.cells, "chi bộ", "sinh hoạt đều đặn"))
        + f" hằng tháng trong {m.months_owed} tháng đã qua của kỳ báo cáo; tổng số "
        f"{vn_number(m.total.meetings)} buổi sinh hoạt chi bộ định kỳ."
    )
    rows = regular_rows(m.by_sector, _sector) + [_total_row(m.total)]
    doc.table(REGULAR_COLUMNS, rows, widths_mm=REGULAR_WIDTHS, align=CENTRED,
              bold_rows=[len(rows) - 1])  # fmt: skip
    if m.by_sector:
        png = charts.bar_chart(
            [_sector(x.key) for x in m.by_sector],
            [100 * x.every_month / x.cells if x.cells else None for x in m.by_sector],
            ylabel="Chi bộ sinh hoạt đủ (%)",
            ymax=110,
            percent=True,
            width_mm=150,
        )
        doc.picture(png, width_mm=150, caption="Biểu đồ 1: tỷ lệ chi bộ sinh hoạt đều đặn hằng "
                    "tháng theo loại hình")  # fmt: skip
    doc.paragraph("Số liệu theo từng tổ chức cơ sở đảng: Phụ lục 1.", italic=True)


def running_thematic(data: AnnualData) -> list[Period]:
    """The thematic rule-periods of the report period not over on the brief's date: their
    meetings are not yet due, neither held nor missed (store.reports.figures)."""
    pers = {r.per for r in data.rulebook.meetings if r.meeting_kind == MeetingKind.THEMATIC}
    today = min(data.as_of, data.period.end)
    return [
        part
        for per in sorted(pers)
        for part in data.period.split(per)
        if part.start <= today < part.end
    ]


def _thematic(doc: PartyDocument, data: AnnualData) -> None:
    t = data.meetings.thematic
    doc.item("Sinh hoạt chuyên đề")
    if t.owed:
        over = " của các kỳ đã kết thúc" if t.not_due else ""
        doc.paragraph(
            f"Sinh hoạt chuyên đề{over}: "
            f"{some_of(t.units_kept, t.units, 'tổ chức đảng', 'sinh hoạt chuyên đề đủ')} theo "
            f"quy định; đã tổ chức {counted(t.kept, t.owed, 'buổi')} phải thực hiện."
        )
        rows = [
            [i, _sector(x.key), x.units, x.units_kept, x.owed, x.kept, _pct(x.kept, x.owed)]
            for i, x in enumerate(data.meetings.thematic_by_sector, start=1)
        ]
        rows.append(
            [None, "Tổng cộng", t.units, t.units_kept, t.owed, t.kept, _pct(t.kept, t.owed)]
        )
        doc.table(
            ["TT", "Loại hình", ("Tổ chức đảng", ["Phải", "Đủ"]), ("Số buổi", ["Phải", "Đã"]),
             "Tỷ lệ"],
            rows, widths_mm=REGULAR_WIDTHS, align=CENTRED, bold_rows=[len(rows) - 1],
        )  # fmt: skip
    for part in running_thematic(data):
        doc.paragraph(
            f"Sinh hoạt chuyên đề {vn_period(part.code)} chưa đến hạn (hạn "
            f"{vn_date(part.end)}): đến nay đã tổ chức "
            f"{counted(t.not_due_kept, t.not_due, 'buổi')} phải thực hiện."
        )
    doc.paragraph(f"Tổng số buổi sinh hoạt chuyên đề trong kỳ: {vn_number(t.held)}.")


def _attendance(doc: PartyDocument, data: AnnualData) -> None:
    m = data.meetings
    doc.item("Tỷ lệ đảng viên dự sinh hoạt")
    doc.paragraph(
        f"Tỷ lệ đảng viên dự sinh hoạt bình quân {percent(m.total.attendance)}; "
        + some_of(m.total.under_threshold, m.total.cells, "chi bộ", "có tỷ lệ bình quân dưới")
        + f" {percent(m.threshold)}."
    )
    rated = sum(n for _low, _high, n in m.attendance_bands)
    rows = []
    for low, high, n in m.attendance_bands:
        rows.append([_band(low, high), n, _pct(n, rated)])
    rows.append(["Tổng cộng", rated, _pct(rated, rated)])
    doc.table(["Tỷ lệ đảng viên dự", "Số chi bộ", "Tỷ lệ"], rows, widths_mm=[85, 40, 40],
              align=["left", "center", "center"], bold_rows=[len(rows) - 1])  # fmt: skip


def _band(low: float, high: float | None) -> str:
    if high is None:
        return f"Từ {percent(low)} trở lên"
    return f"Dưới {percent(high)}" if not low else f"Từ {percent(low)} đến dưới {percent(high)}"


def _quality(doc: PartyDocument, data: AnnualData) -> None:
    rb, counts = data.rulebook, data.visits.ratings
    doc.item("Chất lượng sinh hoạt")
    rows = sections.rating_rows(counts, rb)
    total = rows[-1][1]
    doc.paragraph(
        f"Qua {vn_number(total)} buổi sinh hoạt có cấp ủy viên cấp trên dự và chấm điểm: "
        f"{sections.rating_text(counts, rb)}."
    )
    doc.table(["Xếp loại", "Số buổi", "Tỷ lệ"], rows, widths_mm=[85, 40, 40],
              align=["left", "center", "center"], bold_rows=[len(rows) - 1])  # fmt: skip
    if total:
        png = charts.bar_chart(
            [level.label for level in rb.ratings],
            [counts.get(level.level, 0) for level in rb.ratings],
            ylabel="Số buổi sinh hoạt",
            width_mm=120,
        )
        doc.picture(png, width_mm=120, caption="Biểu đồ 2: xếp loại chất lượng sinh hoạt")


def _visits(doc: PartyDocument, data: AnnualData) -> None:
    v = data.visits
    doc.item("Cấp ủy viên cấp trên dự sinh hoạt ở cơ sở")
    full = sum(1 for s in v.by_supervisor if s.done >= s.required)
    doc.paragraph(
        f"Các đồng chí cấp ủy viên đã dự {counted(v.done, v.required, 'lượt')} sinh hoạt theo "
        f"chế độ được phân công (tổng số lượt dự: {vn_number(v.visits)}); "
        f"{some_of(full, v.supervisors, 'đồng chí', 'dự đủ theo chế độ')}. Chi tiết: Phụ lục 2."
    )


def _secretaries(doc: PartyDocument, data: AnnualData) -> None:
    p, plans = data.people, data.plans
    doc.item("Đội ngũ bí thư và công tác tạo nguồn")
    concurrent = some_of(p.concurrent, p.secretaries, "đồng chí", "kiêm nhiệm")
    doc.paragraph(
        f"Toàn đảng bộ có {vn_number(p.secretaries)} đồng chí bí thư; {concurrent} (bí thư kiêm "
        f"trưởng thôn, người đứng đầu đồng thời là bí thư); "
        f"{some(p.acting, 'đồng chí', 'giữ quyền bí thư')}; "
        f"{some(p.without_secretary, 'tổ chức đảng', 'chưa có bí thư')}."
    )
    doc.paragraph(_plans_text(p, plans))
    if data.identity.confidential and data.flagged:
        rows = [[i, s.person_name, s.unit_name, "Có" if s.has_active_plan else "Chưa"]
                for i, s in enumerate(data.flagged, start=1)]  # fmt: skip
        doc.table(
            ["TT", "Họ và tên", "Tổ chức đảng", "Kế hoạch tạo nguồn"],
            rows,
            widths_mm=[10, 50, 75, 30],
            align=["center", "left", "left", "center"],
        )


def _plans_text(p: PersonnelCounts, plans: PlanFigures) -> str:
    """Flagged secretaries and the plans: in progress and still drafted said apart."""
    if p.flagged:
        text = (
            f"Có {p.flagged} bí thư được đánh giá hạn chế về năng lực, uy tín thấp, trong đó "
            f"{some(p.flagged_with_plan, 'đồng chí', 'đã có kế hoạch tạo nguồn thay thế')}."
        )
    else:
        text = "Không có bí thư được đánh giá hạn chế về năng lực, uy tín thấp."
    active = plans.by_status.get(PlanStatus.ACTIVE, 0)
    drafted = plans.by_status.get(PlanStatus.DRAFT, 0)
    text += f" Hiện có {some(active, 'kế hoạch tạo nguồn', 'đang thực hiện')}"
    text += f", {drafted} kế hoạch đang xây dựng" if drafted else ""
    done = [
        f"đã thay thế {plans.replaced} bí thư theo kế hoạch" if plans.replaced else "",
        f"{plans.retained} đồng chí tiếp tục giữ chức vụ" if plans.retained else "",
    ]
    done_text = ", ".join(x for x in done if x)
    return text + (f"; trong kỳ {done_text}." if done_text else ".")


def _concerns(doc: PartyDocument, data: AnnualData) -> None:
    doc.item("Giải quyết vấn đề vướng mắc")
    doc.paragraph(sections.concern_summary(data.concerns))
    sections.concern_table(doc, data.concerns, by="category")


def sections_of(data: AnnualData, lh: Letterhead) -> tuple[drafting.Section, ...]:
    """The drafted sections of this report, as the review screen shows them."""
    return annual_drafts.sections(data)


def _section(doc: PartyDocument, data: AnnualData, section: drafting.Section) -> None:
    if section.present(data.kept):
        drafting.write(doc, section, data.kept)


def _assessment(doc: PartyDocument, data: AnnualData, drafted: dict) -> None:
    """Phần III-V, drafted from the records (briefs.kinds.annual_drafts) or as kept."""
    doc.part("Đánh giá chung", prefix="Phần ")
    for key in (drafting.STRENGTHS, drafting.SHORTCOMINGS, drafting.CAUSES, drafting.LESSONS):
        if drafted[key].present(data.kept):
            doc.item(drafted[key].title)
            drafting.write(doc, drafted[key], data.kept)
    for key in (drafting.TASKS, drafting.PROPOSALS):
        doc.part(drafted[key].title, prefix="Phần ")
        drafting.write(doc, drafted[key], data.kept)


def _appendix(doc: PartyDocument, data: AnnualData, number, on: date, lh: Letterhead) -> None:
    m, v = data.meetings, data.visits
    doc.page_break()
    doc.paragraph("PHỤ LỤC", bold=True, align=Align.CENTER)
    numbered = f"số {number:02d}-{DOC_CODE}/{lh.short_code} " if number else ""
    doc.paragraph(
        f"(Kèm theo Báo cáo {numbered}ngày {on.day:02d}/{on.month:02d}/{on.year} của "
        f"{body_name(lh.issuing_body)})",
        italic=True,
        align=Align.CENTER,
    )
    doc.paragraph("Phụ lục 1. Sinh hoạt chi bộ định kỳ theo tổ chức cơ sở đảng", bold=True)

    def parent(key):
        return "Chi bộ cơ sở trực thuộc" if key == TOP else m.parent_names.get(key, str(key))

    rows = regular_rows(
        sorted(m.by_parent, key=lambda x: (x.key != TOP, sort_key(parent(x.key)))), parent
    )
    rows.append(_total_row(m.total))
    columns = ["TT", "Tổ chức cơ sở đảng", *REGULAR_COLUMNS[2:]]
    doc.table(columns, rows, widths_mm=REGULAR_WIDTHS, align=CENTRED, bold_rows=[len(rows) - 1])
    doc.paragraph("Phụ lục 2. Cấp ủy viên cấp trên dự sinh hoạt theo chế độ", bold=True)
    rows = [[i, s.name, s.units, s.required, s.done, _pct(s.done, s.required), s.visits]
            for i, s in enumerate(v.by_supervisor, start=1)]  # fmt: skip
    units = sum(s.units for s in v.by_supervisor)  # the column's sum: a clerk adds it up
    rows.append([None, "Tổng cộng", units, v.required, v.done, _pct(v.done, v.required),
                 v.visits])  # fmt: skip
    doc.table(
        ["TT", "Đồng chí", "Số đơn vị", ("Lượt dự theo chế độ", ["Phải", "Đã", "Tỷ lệ"]),
         "Tổng lượt dự"],
        rows, widths_mm=[10, 50, 19, 19, 19, 25, 23], align=CENTRED, bold_rows=[len(rows) - 1],
    )  # fmt: skip
    doc.paragraph("Phụ lục 3. Vấn đề vướng mắc theo hướng giải quyết", bold=True)
    sections.concern_table(doc, data.concerns)
