"""Who uses this installation: `phutrach user` shows it, `phutrach user set` names a
supervisor (by code or a search text) or an office clerk. The history names that person."""

import click

from commands.cli import cli
from commands.common import echo, pass_ctx
from store.core import settings
from store.history import choose_user
from store.lang.i18n import _


@cli.group(
    invoke_without_command=True,
    help=_("Who uses this installation (the history names them); `user set` changes it."),
)
@click.pass_context
def user(click_ctx):
    if click_ctx.invoked_subcommand is None:
        db = click_ctx.obj.db(create=False)
        echo(_describe(settings.user(db)))


@user.command(
    "set",
    help=_(
        "Name who uses this installation: a supervisor's code or name, or an office clerk's name."
    ),
)
@click.argument("code_or_name", nargs=-1, required=True)
@pass_ctx
def set_user(ctx, code_or_name):
    person = choose_user(ctx.db(create=False), " ".join(code_or_name))  # several: all listed
    echo(_describe(person))


def _describe(person: settings.User | None) -> str:
    if person is None:
        return _("Nobody is named as the user of this installation: phutrach user set NAME.")
    if person.kind == settings.SUPERVISOR:
        return _("Used by supervisor {name}.").format(name=person.name)
    return _("Used by {name}, of the committee office.").format(name=person.name)
