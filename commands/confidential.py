"""Printing personnel content (assessments, replacement-source plans): a confidentiality
line over a table, and a `confidential` column set to true in CSV and JSON, so that the mark
travels with the data (a comment line would not be valid CSV)."""

import click

from commands.common import output
from store.lang.i18n import _

MARKER = "confidential"


def banner() -> str:
    return _("CONFIDENTIAL — personnel information, not for circulation")


def confidential_output(rows: list[dict], fmt: str, headers: dict[str, str]) -> None:
    if fmt == "table":
        click.echo(banner())
        output(rows, fmt, headers)
        return
    output([{MARKER: True, **row} for row in rows], fmt, {MARKER: MARKER, **headers})
