"""`phutrach due`: the units a supervisor must visit, overdue first (store.regime.due_list)."""

from commands.cells import wrap
from commands.choose import (
    as_of_day,
    as_of_option,
    chosen_supervisor,
    iso,
    supervisor_options,
    whose,
)
from commands.cli import cli
from commands.common import echo, format_option, output, pass_ctx
from store.lang import labels
from store.lang.i18n import _
from store.lang.text import vn_date
from store.org.units import list_units
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits.regime import DueItem, due_list

UNIT_WIDTH = 40


def state_label(item: DueItem) -> str:
    if item.state == "overdue":
        return _("Overdue {days} days").format(days=item.days_overdue)
    return _("Visited") if item.state == "done" else _("Due now")


@cli.command(help=_("The units due or overdue for a visit, the most overdue first."))
@supervisor_options
@as_of_option
@format_option()
@pass_ctx
def due(ctx, supervisor, everyone, as_of, fmt):
    db = ctx.db(create=False)
    day = as_of_day(as_of)
    chosen = chosen_supervisor(db, supervisor, everyone)
    items = due_list(db, chosen and chosen.id, day, rulebook_in_force(db))
    codes = {u.id: u.code for u in list_units(db, limit=None)}
    table = fmt == "table"
    rows = [_row(item, codes, table) for item in items]
    headers = {
        "unit_code": _("Code"),
        "unit": _("Unit"),
        "supervisor": _("Supervisor"),
        "cadence": _("Cadence"),
        "last_visit": _("Last visit"),
        "next_due": _("Due by"),
        "state": _("State"),
    }
    if not table:
        output(rows, fmt, {**headers, "days_overdue": None})
        return
    if chosen is not None:
        del headers["supervisor"]  # the title names the supervisor
    echo(_("Visits due for {whom}, as on {date}").format(whom=whose(chosen), date=vn_date(day)))
    output(rows, fmt, headers)


def _row(item: DueItem, codes: dict, table: bool) -> dict:
    a = item.assignment
    return {
        "unit_code": codes.get(a.unit_id),
        "unit": wrap(a.unit_name, UNIT_WIDTH) if table else a.unit_name,
        "supervisor": a.supervisor_name,
        "cadence": labels.label("cadence", a.cadence) if table else a.cadence,
        "last_visit": vn_date(item.last_visit) if table else iso(item.last_visit),
        "next_due": vn_date(item.next_due) if table else iso(item.next_due),
        "state": state_label(item) if table else item.state,
        "days_overdue": item.days_overdue,
    }
