"""`phutrach keys`: every key binding of the TUI, its default keys and the keys in force."""

import click

from commands.cli import cli
from commands.common import format_option, output
from store.lang.i18n import _


@cli.command(
    help=_("List the TUI's key bindings: id, default keys, keys in force, what each does.")
)
@format_option()
def keys(fmt):
    from tui import keymap  # Textual and every screen: only for this command

    catalog = keymap.catalog()
    mine = keymap.load().known(catalog)
    if message := mine.message():
        click.echo(message, err=True)
    rows = [
        {
            "id": b.id,
            "default": _shown(b.keys),
            "in_force": _shown(mine.keys.get(b.id, b.keys)),
            "does": b.what,
        }
        for b in catalog.values()
    ]
    headers = {
        "id": _("Binding id"),
        "default": _("Default keys"),
        "in_force": _("Keys in force"),
        "does": _("What it does"),
    }
    if fmt == "table":
        found = _("Your keymap: {path}") if mine.path.exists() else _("No keymap at {path}")
        click.echo(found.format(path=mine.path))
    output(rows, fmt, headers)


def _shown(keys: str) -> str:
    return ",".join(k.strip() for k in keys.split(","))
