"""`phutrach export KIND`: records as csv, json or xlsx, in the columns `import` reads back."""

from pathlib import Path

import click

from commands.cli import cli
from commands.common import fail, pass_ctx
from commands.confidential import banner
from commands.targets import OUT_FILE
from store.core.files import sweep_beside
from store.exchange import importer, tabular
from store.exchange import personnel as personnel_export
from store.lang.i18n import _


@cli.command(
    help=_(
        "Export KIND ({kinds}) as csv, json or xlsx, to FILE (-o) or the screen; the file "
        "can be imported back unchanged."
    ).format(kinds=", ".join(importer.kinds()))
    + " "
    + _("Personnel information ({kinds}) is confidential: it needs --include-personnel.").format(
        kinds=", ".join(personnel_export.KINDS)
    ),
)
@click.argument("kind", metavar=_("KIND"))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(tabular.WRITABLE),
    help=_("Output format (default: from the file name, else csv)."),
)
@click.option(
    "--output",
    "-o",
    type=OUT_FILE,
    metavar=_("FILE"),
    help=_("File to write (needed for xlsx)."),
)
@click.option(
    "--include-personnel",
    is_flag=True,
    help=_("Allow a confidential personnel kind; its rows are marked confidential."),
)
@pass_ctx
def export(ctx, kind, fmt, output, include_personnel):
    personnel = personnel_export.is_personnel_kind(kind)
    if personnel and not include_personnel:
        fail(
            _(
                "{kind} is personnel information, which is confidential: add "
                "--include-personnel to export it."
            ).format(kind=kind)
        )
    if not personnel:
        importer.spec(kind)
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    fmt = fmt or (suffix if suffix in tabular.WRITABLE else "csv")
    if fmt == "xlsx" and not output:
        fail(_("An xlsx export needs an output file: add -o FILE.xlsx."))
    db = ctx.db(create=False)
    if personnel:
        click.echo(banner(), err=True)
        columns, rows = personnel_export.export_rows(
            db, kind, include_personnel=True, as_of=ctx.today
        )
    else:
        columns, rows = importer.export_rows(db, kind)
    if not output:
        click.echo(tabular.table_text(fmt, columns, rows), nl=False)
        return
    sweep_beside(output)  # what an export killed earlier left half-written
    path = tabular.write_table(output, fmt, columns, rows)
    click.echo(_("{count} rows written to {path}").format(count=len(rows), path=path), err=True)
