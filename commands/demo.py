"""`phutrach demo`: build a realistic, fictional district in its own file and open it."""

from datetime import date
from pathlib import Path

import click

from commands.cli import cli
from commands.targets import OUT_FILE
from store.demo import build_demo_file, demo_path
from store.lang.i18n import _, decimal


@cli.command(
    help=_(
        "Build a realistic demo district (fictional) in its own file, never your database, "
        "and open it. The demo is built once and reused; --rebuild builds it afresh up to today."
    )
)
@click.option("--no-tui", is_flag=True, help=_("Build the demo and print its path only."))
@click.option("--rebuild", is_flag=True, help=_("Build the demo afresh even if it exists."))
@click.option(
    "--scale",
    type=click.Choice(["district", "province", "4x"]),
    default="district",
    show_default=True,
    help=_(
        "District (about 150 cells), province (about 12,000 cells, slow to build) or 4x "
        "(four provinces, about 50,000 units: minutes to build)."
    ),
)
@click.option(
    "--path",
    "target",
    type=OUT_FILE,
    help=_("Demo database file (default: demo.db in the user data folder)."),
)
def demo(no_tui: bool, rebuild: bool, scale: str, target: Path | None) -> None:
    path = target or demo_path(scale)
    if rebuild or not path.is_file():
        sizes = {"district": _("a district"), "province": _("a province")}
        size = sizes.get(scale) or _("four provinces")
        click.echo(
            _("Building the demo ({scale}) in {path}…").format(scale=size, path=path), err=True
        )
        summary = build_demo_file(path, today=date.today(), scale=scale)
        counts = summary.counts
        click.echo(
            _(
                "Demo built in {seconds} s: {units} units, {supervisors} supervisors, "
                "{meetings} meetings, {visits} visits, {concerns} concerns."
            ).format(
                seconds=decimal(summary.seconds),
                units=counts["units"],
                supervisors=counts["supervisors"],
                meetings=counts["meetings"],
                visits=counts["visits"],
                concerns=counts["concerns"],
            ),
            err=True,
        )
    else:
        click.echo(_("Using the demo built earlier; --rebuild builds it afresh."), err=True)
    if no_tui:
        click.echo(str(path))
        return
    from tui.app import run

    click.get_current_context().exit(run(path))
