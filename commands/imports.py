"""`phutrach import KIND FILE`: read units, supervisors, assignments, people or posts from a
.csv or .xlsx file, all rows or none (see store.exchange.importer and README "Importing")."""

import contextlib
import sys
from pathlib import Path

import click

from commands.cli import cli
from commands.common import pass_ctx
from store.exchange import importer, tabular
from store.lang.i18n import _


@cli.command(
    "import",
    help=_(
        "Import KIND ({kinds}) from a .csv or .xlsx FILE: every row is checked first, and one "
        "bad row means nothing is written. Rows matching existing records update them."
    ).format(kinds=", ".join(importer.kinds())),
)
@click.argument("kind", metavar=_("KIND"))
@click.argument("file", metavar=_("FILE"))
@pass_ctx
def import_(ctx, kind, file):
    importer.spec(kind)  # an unknown kind or a bad file fails before a database is created
    sheet = tabular.read_sheet(Path(file))
    with _progress(sheet) as progress:
        summary = importer.import_sheet(ctx.db(), kind, sheet, today=ctx.today, progress=progress)
    click.echo(
        _("{kind}: {added} added, {updated} updated, {unchanged} unchanged.").format(
            kind=kind,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
        )
    )


@contextlib.contextmanager
def _progress(sheet):
    """A progress bar on stderr for a large import (none in a pipe, or for a few rows)."""
    if sheet.size <= importer.PROGRESS_EVERY or not sys.stderr.isatty():
        yield None
        return
    label = _("Checking {file}").format(file=sheet.path.name)
    with click.progressbar(length=sheet.size, label=label, file=sys.stderr) as bar:
        yield lambda done, total: bar.update(min(done, total) - bar.pos)
