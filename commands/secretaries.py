"""`phutrach secretaries`: the current secretaries with their latest assessment and plan.
Personnel content: marked confidential in every format."""

import click

from commands import filters
from commands.cells import wrap, wrap_headers
from commands.cli import cli
from commands.common import DATE, format_option, pass_ctx
from commands.confidential import confidential_output
from store.lang import labels
from store.lang.i18n import _
from store.personnel import secretaries as list_secretaries


@cli.command(
    help=_(
        "List the current secretaries of the units: concurrent role, acting, last capability "
        "assessment, flag and active replacement-source plan. Confidential."
    )
)
@click.option(
    "--flagged",
    is_flag=True,
    help=_("Only secretaries whose latest assessment is flagged “limited capability”."),
)
@click.option(
    "--unassessed-since",
    metavar=_("DATE"),
    type=DATE,
    help=_("Only secretaries with no capability assessment since DATE (dd/mm/yyyy)."),
)
@click.option(
    "--supervisor",
    metavar=_("NAME"),
    help=_("Only the units this supervisor oversees (code or name, diacritics optional)."),
)
@click.option(
    "--search",
    "-s",
    metavar=_("WORDS"),
    help=_("Words of the secretary's or the unit's name, diacritics optional."),
)
@click.option(
    "--as-of", metavar=_("DATE"), type=DATE, help=_("The reference date (default: today).")
)
@format_option()
@pass_ctx
def secretaries(ctx, flagged, unassessed_since, supervisor, search, as_of, fmt):
    db = ctx.db(create=False)
    found = list_secretaries(
        db,
        flagged=True if flagged else None,
        unassessed_since=unassessed_since,
        supervisor_id=filters.supervisor_id(db, supervisor),
        search=search,
        as_of=as_of or ctx.today,
        limit=None,
    )
    table = fmt == "table"

    def flag(value: bool):
        return filters.yes_no(value) if table else value

    rows = [
        {
            "unit": wrap(s.unit_name, 26) if table else s.unit_name,
            "secretary": s.person_name,
            "concurrent_role": (
                wrap(labels.label("concurrent_role", s.concurrent_role), 20)
                if table
                else s.concurrent_role
            ),
            "acting": flag(s.acting),
            "last_assessed": s.last_note_date,
            "flagged": flag(s.flagged),
            "active_plan": flag(s.has_active_plan),
        }
        for s in found
    ]
    headers = {
        "unit": _("Party organization"),
        "secretary": _("Secretary"),
        "concurrent_role": _("Concurrent role"),
        "acting": _("Acting"),
        "last_assessed": _("Last assessed"),
        "flagged": _("Limited capability"),
        "active_plan": _("Replacement plan"),
    }
    confidential_output(rows, fmt, wrap_headers(headers) if table else headers)
