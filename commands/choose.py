"""What the supervisor's commands share: whose list (--supervisor, --all), on which day
(--as-of), and how a table writes dates and marks."""

from datetime import date

import click
from sqlite_utils import Database

from briefs.frame.vn import vn_percent
from commands.common import DATE
from store.core.checks import parse_date
from store.lang.i18n import _
from store.org.supervisor_search import Supervisor, find_supervisor, get_supervisor
from store.org.supervisors import current_supervisor_id


def supervisor_options(command):
    """`--supervisor NAME` and `--all`, for a command listing one supervisor's units."""
    command = click.option(
        "--all",
        "everyone",
        is_flag=True,
        help=_("Every supervisor, even when a current supervisor is chosen in the settings."),
    )(command)
    return click.option(
        "--supervisor",
        metavar=_("NAME"),
        help=_(
            "A supervisor's code or name, with or without diacritics (default: the current "
            "supervisor of the settings, else all)."
        ),
    )(command)


def chosen_supervisor(db: Database, name: str | None, everyone: bool) -> Supervisor | None:
    """The supervisor asked for, else the current one of the settings; None means all."""
    if name:
        return find_supervisor(db, name)
    current = None if everyone else current_supervisor_id(db)
    return get_supervisor(db, current) if current is not None else None


def as_of_option(command):
    return click.option(
        "--as-of",
        "as_of",
        metavar=_("DATE"),
        type=DATE,
        help=_("Judge as on this day, dd/mm/yyyy (default: today)."),
    )(command)


def as_of_day(value: str | None) -> date:
    return parse_date(value, "as_of") if value else date.today()


def whose(supervisor: Supervisor | None) -> str:
    if supervisor is None:
        return _("all supervisors")
    return _("comrade {name}").format(name=supervisor.display)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def percent(value: float | None) -> str:
    return "—" if value is None else vn_percent(value)


def mark(status: str) -> str:
    """✓ kept, ✗ missed, … still possible."""
    return {"kept": "✓", "missed": "✗", "pending": "…"}.get(status, "")
