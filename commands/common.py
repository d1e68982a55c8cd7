"""What every command shares: opening the database, printing rows, failing cleanly."""

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import click
from tabulate import tabulate

from store import db as store_db
from store.errors import PhutrachError
from store.i18n import _
from store.paths import default_db_path

FORMATS = ("table", "csv", "json")


def format_option(formats: Sequence[str] = FORMATS):
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(list(formats)),
        default=formats[0],
        show_default=True,
        help=_("Output format."),
    )


class Context:
    """The click context object: where the database is, opened on first use."""

    def __init__(self, db_path: Path | None):
        self.db_path = Path(db_path) if db_path else default_db_path()
        self._db = None

    def db(self, *, create: bool = True):
        if self._db is None:
            self._db = store_db.connect(self.db_path, create=create)
        return self._db


pass_ctx = click.make_pass_decorator(Context)


def fail(message: str) -> None:
    """One clear line on stderr and a non-zero exit; never a traceback."""
    raise click.ClickException(message)


def output(rows: Iterable[dict], fmt: str, headers: dict[str, str] | None = None) -> None:
    """Print rows as a tabulate table (translated headers), CSV or JSON."""
    rows = list(rows)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    keys = list(headers) if headers else (list(rows[0]) if rows else [])
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
        return
    if not rows:
        click.echo(_("(nothing to show)"))
        return
    titles = [headers[k] for k in keys] if headers else keys
    click.echo(tabulate([[r.get(k) for k in keys] for r in rows], headers=titles))


class PhutrachGroup(click.Group):
    """A group that turns any PhutrachError into one line and exit 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PhutrachError as exc:
            raise click.ClickException(exc.message) from None
        except KeyboardInterrupt:
            click.echo(_("Interrupted; nothing half-written was kept."), err=True)
            sys.exit(130)
