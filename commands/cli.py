"""The root command. `phutrach` with no subcommand opens the TUI.

Each subcommand lives in its own module under commands/ and registers itself on `cli`;
`COMMAND_MODULES` lists them.
"""

import importlib

import click

from commands.common import Context, PhutrachGroup
from commands.targets import OUT_FILE
from store.lang.i18n import LANGUAGES, _, bind_default_domain

bind_default_domain()  # click's own texts ("Usage:", "Missing argument"…) from our catalog

COMMAND_MODULES: list[str] = [
    "maintenance",
    "init",
    "units",
    "rules",
    "imports",
    "exports",
    "secretaries",
    "plans",
    "concerns",
    "due",
    "compliance",
    "visits",
    "demo",
    "brief",
    "keys",
    "user",
    "sync",
]


@click.group(
    cls=PhutrachGroup,
    invoke_without_command=True,
    help=_("phutrach: for committee members assigned to oversee grassroots Party organizations."),
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_path",
    type=OUT_FILE,
    envvar="PHUTRACH_DB",
    help=_("Database file (default: the user data folder; or PHUTRACH_DB)."),
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    envvar="PHUTRACH_LANG",
    help=_("Language of messages: vi (default) or en."),
)
@click.version_option(
    package_name="phutrach", message="phutrach %(version)s", help=_("Show the version and exit.")
)
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, lang: str | None) -> None:
    ctx.obj = Context(db_path)
    if ctx.invoked_subcommand is None:
        ctx.obj.db()  # fail here, cleanly, if the file cannot be used
        from tui.app import run

        ctx.exit(run(ctx.obj.db_path))


for _module in COMMAND_MODULES:
    importlib.import_module(f"commands.{_module}")
