"""`phutrach plans`: the replacement-source plans for secretaries. Personnel content: marked
confidential in every format."""

import click

from commands import filters
from commands.cells import wrap, wrap_headers
from commands.cli import cli
from commands.common import DATE, format_option, pass_ctx
from commands.confidential import confidential_output
from store.lang import labels
from store.lang.i18n import _
from store.personnel.succession import list_plans


@cli.command(
    help=_(
        "List the replacement-source plans for secretaries, active first: unit, incumbent, "
        "reason, status, target date, candidates and overdue actions. Confidential."
    )
)
@click.option(
    "--overdue", is_flag=True, help=_("Only open plans with an action past its due date.")
)
@click.option(
    "--status",
    metavar=_("STATUS"),
    help=_("Only plans in this status: draft, active, completed or cancelled (or its label)."),
)
@click.option(
    "--supervisor",
    metavar=_("NAME"),
    help=_("Only the units this supervisor oversees (code or name, diacritics optional)."),
)
@click.option(
    "--as-of", metavar=_("DATE"), type=DATE, help=_("The reference date (default: today).")
)
@format_option()
@pass_ctx
def plans(ctx, overdue, status, supervisor, as_of, fmt):
    db = ctx.db(create=False)
    found = list_plans(
        db,
        overdue=overdue,
        status=filters.code_of("plan_status", status),
        supervisor_id=filters.supervisor_id(db, supervisor),
        as_of=as_of or ctx.today,
    )
    table = fmt == "table"
    rows = [
        {
            "unit": wrap(p.unit_name, 26) if table else p.unit_name,
            "incumbent": p.incumbent_name,
            "reason": wrap(labels.label("plan_reason", p.reason), 18) if table else p.reason,
            "status": labels.label("plan_status", p.status) if table else p.status,
            "target_date": p.target_date,
            "candidates": p.candidates,
            "overdue_actions": p.overdue_actions,
        }
        for p in found
    ]
    headers = {
        "unit": _("Party organization"),
        "incumbent": _("Incumbent secretary"),
        "reason": _("Reason"),
        "status": _("Status"),
        "target_date": _("Target date"),
        "candidates": _("Candidates"),
        "overdue_actions": _("Overdue actions"),
    }
    confidential_output(rows, fmt, wrap_headers(headers) if table else headers)
