"""`phutrach units`: the list of units, searchable without diacritics."""

import click

from commands.cli import cli
from commands.common import format_option, output, pass_ctx
from store.lang import labels
from store.lang.i18n import _
from store.org.units import get_unit, list_units


@cli.command(help=_("List the units (Party organizations), optionally searched by name."))
@click.option(
    "--search", "-s", metavar=_("WORDS"), help=_("Words of the name, with or without diacritics.")
)
@format_option()
@pass_ctx
def units(ctx, search, fmt):
    db = ctx.db(create=False)
    found = list_units(db, search, limit=None)
    codes = {u.id: u.code for u in found}
    for unit in found:
        if unit.parent_id is not None and unit.parent_id not in codes:
            codes[unit.parent_id] = get_unit(db, unit.parent_id).code
    as_table = fmt == "table"
    rows = [
        {
            "code": u.code,
            "name": u.title,
            "kind": labels.label("unit_kind", u.kind) if as_table else u.kind,
            "sector": labels.label("sector", u.sector) if as_table else u.sector,
            "parent": codes.get(u.parent_id),
            "members": u.members,
            "members_exempt": u.members_exempt,
            "active": (_("yes") if u.active else _("no")) if as_table else int(u.active),
        }
        for u in found
    ]
    headers = {
        "code": _("Code"),
        "name": _("Name"),
        "kind": _("Kind"),
        "sector": _("Sector"),
        "parent": _("Under"),
        "members": _("Members"),
        "members_exempt": _("Exempted"),
        "active": _("Operating"),
    }
    output(rows, fmt, headers)
