"""Click's own messages (usage errors, "default:", "Try … for help") in the user's language.

Click translates through the `gettext` functions its modules import by name; pointing those
names at phutrach's catalog (store/lang/locale/<lang>/click.po) makes a mistyped option or a wrong
choice read as Vietnamese as the rest of the CLI. The text is looked up when shown, so the
language chosen by --lang still applies.
"""

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from store.lang.i18n import _, ngettext

MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)


def translate_click() -> None:
    for module in MODULES:
        if hasattr(module, "_"):
            module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
