"""`phutrach compliance`: per unit of a scope, the meeting regime of a period (required vs held
per meeting kind, attendance vs the threshold) and its supervisors' visits (required vs done).

One row per unit and assignment (a unit without a supervisor has one row, with no visit
figures), so that csv and json stay one flat table.
"""

from datetime import date

import click

from commands.cells import wrap
from commands.choose import as_of_day, as_of_option, mark, percent
from commands.cli import cli
from commands.common import PERIOD, PERIOD_HELP, echo, format_option, output, pass_ctx
from store.lang.codes import MeetingKind
from store.lang.i18n import _
from store.lang.text import vn_date
from store.org.units import children, find_unit
from store.rules.cadence import ComplianceLine
from store.rules.periods import Period
from store.rules.rulebook import MEETING_KINDS
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits.regime import RegimeLine, UnitRegime, unit_regime, visit_compliance

UNIT_WIDTH = 36


@cli.command(
    help=_(
        "Per unit, the meetings required and held in PERIOD, the attendance rate and the "
        "supervisors' visits."
    )
)
@click.option(
    "--period",
    "-p",
    required=True,
    metavar=_("PERIOD"),
    type=PERIOD,
    help=PERIOD_HELP,
)
@click.option(
    "--parent",
    metavar=_("UNIT"),
    help=_("The units under this one, by code or name (default: the grassroots organizations)."),
)
@as_of_option
@format_option()
@pass_ctx
def compliance(ctx, period, parent, as_of, fmt):
    report = Period.parse(period)
    day = as_of_day(as_of)
    db = ctx.db(create=False)
    top = find_unit(db, parent) if parent else None
    rulebook = rulebook_in_force(db)
    units = [u for u in children(db, top and top.id) if u.active]
    visits: dict[int, list[ComplianceLine]] = {}
    for line in visit_compliance(db, None, report):
        visits.setdefault(line.assignment.unit_id, []).append(line)
    regimes = [unit_regime(db, u.id, report, rulebook, as_of=day) for u in units]
    kinds = [k for k in MEETING_KINDS if any(r.meeting_kind == k for r in rulebook.meetings)]
    if fmt != "table":
        rows = [
            _record(regime, line, kinds, day)
            for regime in regimes
            for line in visits.get(regime.unit.id) or [None]
        ]
        output(rows, fmt, dict.fromkeys(rows[0]) if rows else None)
        return
    scope = top.name if top else _("the grassroots organizations")
    echo(
        _("Meetings and visits, {period}: {scope}, as on {date}; rulebook: {rulebook}").format(
            period=report.title(), scope=scope, date=vn_date(day), rulebook=rulebook.name
        )
    )
    shown = [k for k in kinds if any(_line(r, k) for r in regimes)]
    short = {
        MeetingKind.REGULAR: _("Regular"),
        MeetingKind.THEMATIC: _("Thematic"),
        MeetingKind.COMMITTEE: _("Committee"),
        MeetingKind.STANDING: _("Standing"),
        MeetingKind.GENERAL: _("General"),
    }
    rows = []
    for regime in regimes:
        lines = visits.get(regime.unit.id) or [None]
        rows.append(_table_row(regime, lines[0], shown, day))
        rows += [_visit_cells(line, day) for line in lines[1:]]
    headers = {"unit": _("Unit")}
    headers |= {k: short[k] for k in shown}
    headers |= {
        "attendance": _("Attendance ≥ {threshold}").format(
            threshold=percent(rulebook.attendance_threshold)
        ),
        "regime": _("Meetings"),
        "supervisor": _("Supervisor"),
        "visits": _("Visits"),
    }
    output(rows, fmt, headers)


def _line(regime: UnitRegime, kind: str) -> RegimeLine | None:
    return next((line for line in regime.lines if line.meeting_kind == kind), None)


def _status(line: RegimeLine) -> str:
    """missed, pending (its rule-period is running), due_later (owed by a rule-period ending
    after the report period, nothing required in it) or kept."""
    if line.missed:
        return "missed"
    if line.pending:
        return "pending"
    return "due_later" if line.due_later and not line.required else "kept"


def _regime_status(regime: UnitRegime) -> str:
    """missed, pending, or kept: what the report period required is held (due_later aside)."""
    statuses = {_status(line) for line in regime.lines}
    return next((s for s in ("missed", "pending") if s in statuses), "kept")


def _visit_status(line: ComplianceLine, day: date) -> tuple[int, int, str]:
    """(missed, still possible, status) of the owed cadence periods unvisited on `day`."""
    open_ = [p for p, visited in line.periods if not visited]
    missed = sum(1 for p in open_ if p.end < day)
    pending = len(open_) - missed
    return missed, pending, "missed" if missed else "pending" if pending else "kept"


def _record(regime: UnitRegime, line: ComplianceLine | None, kinds, day: date) -> dict:
    unit = regime.unit
    row = {"unit_code": unit.code, "unit": unit.name, "unit_kind": unit.kind}
    for kind in kinds:
        found = _line(regime, kind)
        row[f"{kind}_required"] = found.required if found else None
        row[f"{kind}_held"] = found.held if found else None
        row[f"{kind}_status"] = _status(found) if found else None
    rate = regime.attendance_rate
    row |= {
        "attendance_rate": None if rate is None else round(rate, 1),
        "attendance_threshold": regime.attendance_threshold,
        "attendance_ok": regime.attendance_ok,
        "meetings_missed": regime.missed,
        "meetings_status": _regime_status(regime),
        "supervisor": line.assignment.supervisor_name if line else None,
        "cadence": line.assignment.cadence if line else None,
        "visits_required": line.required if line else None,
        "visits_done": line.done if line else None,
        "visits_missed": _visit_status(line, day)[0] if line else None,
        "visits_status": _visit_status(line, day)[2] if line else None,
    }
    return row


def _table_row(regime: UnitRegime, line: ComplianceLine | None, kinds, day: date) -> dict:
    row = {"unit": wrap(regime.unit.title, UNIT_WIDTH)}
    for kind in kinds:
        row[kind] = _kind_cell(_line(regime, kind))
    rate, ok = regime.attendance_rate, regime.attendance_ok
    row["attendance"] = percent(rate) + (
        "" if ok is None else " " + mark("kept" if ok else "missed")
    )
    status = _regime_status(regime)
    row["regime"] = {
        "kept": _("Kept"),
        "missed": _("{count} missing").format(count=regime.missed),
        "pending": _("Period running"),
    }[status]
    return row | _visit_cells(line, day)


def _kind_cell(line: RegimeLine | None) -> str:
    if line is None:
        return ""
    status = _status(line)
    if status == "due_later":
        return _("by {date}").format(date=vn_date(line.due_by))
    if not line.required:
        return "✓"  # the rule-period ending later is kept already
    return f"{line.held}/{line.required} {mark(status)}"


def _visit_cells(line: ComplianceLine | None, day: date) -> dict:
    if line is None:
        return {"supervisor": _("(none assigned)"), "visits": ""}
    status = _visit_status(line, day)[2]
    cell = f"{line.done}/{line.required} {mark(status)}" if line.required else "—"
    return {"supervisor": line.assignment.supervisor_name, "visits": cell}
