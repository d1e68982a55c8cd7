"""`phutrach visits`: the visits done in a period, in date order, with their scores."""

import click

from briefs.frame.vn import vn_number
from commands.choose import chosen_supervisor, supervisor_options, whose
from commands.cli import cli
from commands.common import PERIOD, PERIOD_HELP, echo, format_option, output, pass_ctx
from store.lang import labels
from store.lang.i18n import _
from store.lang.text import vn_date
from store.rules.periods import Period, PeriodKind
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import VisitRow, list_visits

FIELDS = (
    "date",
    "unit",
    "supervisor",
    "meeting_kind",
    "present",
    "owed",
    "total",
    "rating",
    "rating_label",
)


@cli.command(help=_("The visits done in PERIOD: unit, meeting, attendance, score and rating."))
@click.option(
    "--period",
    "-p",
    metavar=_("PERIOD"),
    type=PERIOD,
    help=PERIOD_HELP + " " + _("Default: the current quarter."),
)
@supervisor_options
@format_option()
@pass_ctx
def visits(ctx, period, supervisor, everyone, fmt):
    current = Period.containing(ctx.today, PeriodKind.QUARTER)
    chosen_period = period or current
    db = ctx.db(create=False)
    chosen = chosen_supervisor(db, supervisor, everyone)
    found = list_visits(db, period=chosen_period, supervisor_id=chosen and chosen.id, limit=None)
    found.reverse()  # the store lists the latest first; a period reads in date order
    rulebook = rulebook_in_force(db)
    if fmt != "table":
        output([_record(v, rulebook) for v in found], fmt, dict.fromkeys(FIELDS))
        return
    echo(_("Visits of {whom} in {period}").format(whom=whose(chosen), period=chosen_period.title()))
    headers = {
        "date": _("Date"),
        "unit": _("Unit"),
        "supervisor": _("Supervisor"),
        "meeting_kind": _("Meeting"),
        "attendance": _("Present/owed"),
        "total": _("Points"),
        "rating": _("Rating"),
    }
    output([_table_row(v, rulebook) for v in found], fmt, headers)
    if found:
        average = sum(v.total or 0 for v in found) / len(found)
        echo(
            _("{count} visits; average score {average}").format(
                count=len(found), average=vn_number(average)
            )
        )


def _record(visit: VisitRow, rulebook) -> dict:
    return {
        "date": visit.date,
        "unit": visit.unit_name,
        "supervisor": visit.supervisor_name,
        "meeting_kind": visit.meeting_kind,
        "present": visit.present,
        "owed": visit.owed,
        "total": visit.total,
        "rating": visit.rating,
        "rating_label": rulebook.rating_label(visit.rating),
    }


def _table_row(visit: VisitRow, rulebook) -> dict:
    return {
        "date": vn_date(visit.date),
        "unit": visit.unit_name,
        "supervisor": visit.supervisor_name,
        "meeting_kind": labels.label("meeting_kind", visit.meeting_kind),
        "attendance": "" if visit.present is None else f"{visit.present}/{visit.owed}",
        "total": visit.total,
        "rating": rulebook.rating_label(visit.rating),
    }
