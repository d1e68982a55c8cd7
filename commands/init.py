"""`phutrach init`: create an empty database, or say that one is there already."""

import click

from commands.cli import cli
from commands.common import pass_ctx
from store.lang.i18n import _


@cli.command(help=_("Create an empty database (at --db, PHUTRACH_DB or the default place)."))
@pass_ctx
def init(ctx):
    path = ctx.db_path
    if path.is_file() and path.stat().st_size > 0:
        ctx.db(create=False)  # a file that is not a phutrach database fails here
        click.echo(
            _("A database already exists at {path}; it was left as it is.").format(path=path)
        )
        return
    ctx.db()
    click.echo(_("Created an empty database at {path}").format(path=path))
