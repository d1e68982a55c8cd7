"""The root command. `phutrach` with no subcommand opens the TUI.

Each subcommand lives in its own module under commands/ and registers itself on `cli`;
`COMMANDS` names the module of each, imported only when that command is used (or listed in
`phutrach --help`): opening the TUI, the common case, loads none of them.
"""

import gc
import importlib

import click

from commands.common import Context, PhutrachGroup
from commands.targets import OUT_FILE
from store.lang.i18n import LANGUAGES, _, bind_default_domain

bind_default_domain()  # click's own texts ("Usage:", "Missing argument"…) from our catalog

# Each command's name and the module under commands/ that registers it.
COMMANDS: dict[str, str] = {
    "backup": "maintenance",
    "restore": "maintenance",
    "check": "maintenance",
    "history": "maintenance",
    "init": "init",
    "units": "units",
    "rules": "rules",
    "import": "imports",
    "export": "exports",
    "secretaries": "secretaries",
    "plans": "plans",
    "concerns": "concerns",
    "due": "due",
    "compliance": "compliance",
    "visits": "visits",
    "demo": "demo",
    "brief": "brief",
    "keys": "keys",
    "user": "user",
    "site": "sync",
    "sync": "sync",
}
COMMAND_MODULES: list[str] = list(dict.fromkeys(COMMANDS.values()))


class LazyGroup(PhutrachGroup):
    """The root group: a command's module is imported when the command is first asked for
    (click's documented lazy group), so that `phutrach` alone opens the TUI without loading
    what every command needs (spreadsheets, the demo builder, the brief writer...)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"commands.{COMMANDS[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def load_all(self) -> dict[str, click.Command]:
        """Every command, loaded: `commands` as an eager group would hold it."""
        for module in COMMAND_MODULES:
            importlib.import_module(f"commands.{module}")
        return self.commands


@click.group(
    cls=LazyGroup,
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
    if ctx.invoked_subcommand is not None:
        gc.enable()  # off while the CLI was built (commands/main.py); a command's work is freed
        return
    ctx.obj.db()  # fail here, cleanly, if the file cannot be used
    from tui.app import run

    ctx.exit(run(ctx.obj.db_path))
