"""`phutrach concerns`: the concern board (issues raised at the grassroots), overdue first;
`phutrach concerns figures --period P`: raised, resolved, open, overdue and median days to
resolve, by category and by route."""

import click

from commands import filters
from commands.cells import wrap, wrap_headers
from commands.cli import cli
from commands.common import DATE, PERIOD, PERIOD_HELP, echo, fail, format_option, output, pass_ctx
from store.concerns.board import board
from store.concerns.figures import concern_figures
from store.lang import labels
from store.lang.i18n import _
from store.lang.text import vn_date
from store.rules.periods import Period
from store.rules.rulebook import in_force as rulebook_in_force


@cli.group(
    invoke_without_command=True,
    help=_(
        "List the concerns raised at the grassroots, overdue first, then by due date; "
        "“figures” gives the figures of a period."
    ),
)
@click.option("--open", "open_", is_flag=True, help=_("Only open concerns."))
@click.option("--overdue", is_flag=True, help=_("Only open concerns past their due date."))
@click.option(
    "--unit", metavar=_("UNIT"), help=_("Only this unit and the units under it (code or name).")
)
@click.option(
    "--supervisor",
    metavar=_("NAME"),
    help=_("Only the units this supervisor oversees (code or name, diacritics optional)."),
)
@click.option("--category", metavar=_("CATEGORY"), help=_("Only this category (id or label)."))
@click.option("--route", metavar=_("ROUTE"), help=_("Only this route (id or label)."))
@click.option(
    "--search",
    "-s",
    metavar=_("WORDS"),
    help=_("Words of the description or the unit's name, diacritics optional."),
)
@click.option(
    "--as-of", metavar=_("DATE"), type=DATE, help=_("The reference date (default: today).")
)
@format_option()
@click.pass_context
def concerns(click_ctx, fmt, **given):
    if click_ctx.invoked_subcommand is not None:
        if any(given.values()) or fmt != "table":
            fail(
                _(
                    "The list's options do not apply to “{name}”: write its options after it."
                ).format(name=click_ctx.invoked_subcommand)
            )
        return
    db = click_ctx.obj.db(create=False)
    found = board(
        db,
        status="open" if given["open_"] else None,
        overdue=given["overdue"],
        unit_id=filters.unit_id(db, given["unit"]),
        supervisor_id=filters.supervisor_id(db, given["supervisor"]),
        category=filters.rulebook_choice(db, "categories", given["category"]),
        route=filters.rulebook_choice(db, "routes", given["route"]),
        search=given["search"],
        as_of=given["as_of"] or click_ctx.obj.today,
        limit=None,
    )
    _print_board(db, found, fmt)


def _print_board(db, found, fmt: str) -> None:
    if fmt != "table":
        output([_board_row(row) for row in found], fmt)
        return
    rulebook = rulebook_in_force(db)
    rows = [
        {
            "raised_date": vn_date(r.raised_date),
            "unit": wrap(r.unit_name, 20),
            "description": wrap(r.description, 32),
            "category": wrap(rulebook.label("categories", r.category), 12),
            "status": wrap(labels.label("concern_status", r.status), 12),
            "due_date": vn_date(r.due_date) if r.due_date else "",
            "overdue": r.days_overdue or "",
        }
        for r in found
    ]
    headers = {
        "raised_date": _("Raised on"),
        "unit": _("Party organization"),
        "description": _("Concern"),
        "category": _("Category"),
        "status": _("Status"),
        "due_date": _("Due"),
        "overdue": _("Days overdue"),
    }
    output(rows, fmt, wrap_headers(headers))


def _board_row(r) -> dict:
    return {
        "uid": r.uid,
        "raised_date": r.raised_date,
        "unit": r.unit_name,
        "category": r.category,
        "description": r.description,
        "route": r.route,
        "owner": r.owner,
        "priority": r.priority,
        "status": r.status,
        "due_date": r.due_date,
        "resolved_date": r.resolved_date,
        "age_days": r.age_days,
        "days_overdue": r.days_overdue,
        "supervisor": r.supervisor_name,
    }


@concerns.command(
    help=_(
        "Figures of the concerns of a period: raised, resolved, still open, overdue and the "
        "median days to resolve, by category and by route."
    )
)
@click.option(
    "--period",
    required=True,
    metavar=_("PERIOD"),
    type=PERIOD,
    help=PERIOD_HELP,
)
@click.option(
    "--unit", metavar=_("UNIT"), help=_("Only this unit and the units under it (code or name).")
)
@click.option(
    "--supervisor",
    metavar=_("NAME"),
    help=_("Only the units this supervisor oversees (code or name, diacritics optional)."),
)
@click.option(
    "--as-of",
    metavar=_("DATE"),
    type=DATE,
    help=_("Count up to this date when the period is not over."),
)
@format_option()
@pass_ctx
def figures(ctx, period, unit, supervisor, as_of, fmt):
    chosen = Period.parse(period)
    db = ctx.db(create=False)
    result = concern_figures(
        db,
        chosen,
        parent_id=filters.unit_id(db, unit),
        supervisor_id=filters.supervisor_id(db, supervisor),
        as_of=as_of or ctx.today,
    )
    lines = [("category", line) for line in result.by_category]
    lines += [("route", line) for line in result.by_route] + [("total", result.total)]
    if fmt != "table":
        output([_figure_row(by, line) for by, line in lines], fmt)
        return
    echo(
        _("Concerns, {period} ({start} to {end})").format(
            period=chosen.title(), start=vn_date(result.start), end=vn_date(result.end)
        )
    )
    total = _figure_row("total", result.total) | {"label": _("All concerns")}
    for by, title in (("category", _("Category")), ("route", _("Route"))):
        echo()
        rows = [_figure_row(b, line) for b, line in lines if b == by] + [total]
        output(rows, fmt, wrap_headers(_figure_headers(title), 12))


def _figure_row(by: str, line) -> dict:
    return {
        "by": by,
        "id": line.id,
        "label": line.label,
        "raised": line.raised,
        "resolved": line.resolved,
        "still_open": line.still_open,
        "overdue": line.overdue,
        "median_days": line.median_days,
    }


def _figure_headers(title: str) -> dict[str, str]:
    return {
        "label": title,
        "raised": _("Raised"),
        "resolved": _("Resolved"),
        "still_open": _("Still open"),
        "overdue": _("Overdue"),
        "median_days": _("Median days to resolve"),
    }
