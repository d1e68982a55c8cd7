"""What every command shares: opening the database, printing rows, failing cleanly."""

import contextlib
import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import click

from store.core import db as store_db
from store.core.checks import parse_date
from store.core.errors import Ambiguous, DatabaseProblem, PhutrachError, ValidationError
from store.core.paths import default_db_path
from store.lang.i18n import _
from store.lang.text import CONTROLS, shown
from store.rules.periods import Period

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
    """The click context object: where the database is, opened on first use, and the
    reference day of the command (the store never reads the clock for it)."""

    def __init__(self, db_path: Path | None):
        self.db_path = Path(db_path) if db_path else default_db_path()
        self.today = date.today()
        self._db = None

    def db(self, *, create: bool = True):
        if self._db is None:
            if not create and not self.db_path.exists():
                raise DatabaseProblem(no_database(self.db_path))
            self._db = store_db.connect(self.db_path, create=create)
            for warning in self._db.warnings:  # a skipped backup: said, never blocking
                click.echo(_("Warning: {message}").format(message=warning), err=True)
        return self._db


def no_database(path: Path) -> str:
    """The message for a missing database, saying how to make one."""
    return _(
        "No database at {path}. Create an empty one with `phutrach init`, or try the demo "
        "district with `phutrach demo` (or give another file with --db)."
    ).format(path=path)


pass_ctx = click.make_pass_decorator(Context)


class Failure(click.ClickException):
    """One translated line on stderr ("Lỗi: ..."), exit 1."""

    def show(self, file=None) -> None:
        message = shown(self.format_message(), lines=False)
        click.echo(_("Error: {message}").format(message=message), err=True)


class PeriodType(click.ParamType):
    """A `--period` read by the store's one period parser (quý IV/2026, 10/2026, 2026-Q4…):
    a bad one fails as every bad input does, one line with the forms it accepts, exit 1."""

    name = "period"

    def convert(self, value, param, ctx) -> Period:
        try:
            return Period.parse(value)
        except ValidationError as exc:
            raise Failure(exc.message) from None


class DateType(click.ParamType):
    """A `--date` or `--as-of` read by the store's one date parser (dd/mm/yyyy, or ISO)."""

    name = "date"

    def convert(self, value, param, ctx) -> date:
        try:
            return parse_date(value, param.name if param else "date")
        except ValidationError as exc:
            raise Failure(exc.message) from None


PERIOD, DATE = PeriodType(), DateType()
PERIOD_HELP = _(
    "A quarter quý IV/2026 (or Q4/2026, 2026-Q4), a month tháng 10/2026 (or 10/2026), "
    "a half-year 6 tháng đầu năm 2026 (or 2026-H1) or a year năm 2026 (or 2026)."
)


def fail(message: str) -> None:
    """One clear line on stderr and a non-zero exit; never a traceback."""
    raise Failure(message)


def echo(message: object = "", **kwargs) -> None:
    """click.echo for a line that may carry stored text: its control characters made visible
    (store.lang.text.shown), so that a name holding an escape sequence cannot retitle or
    clear the terminal."""
    click.echo(shown(message), **kwargs)


# What JSON leaves raw but a terminal obeys (DEL, C1, bidi; lone surrogates): \u escapes,
# the same data.
_JSON_RAW = {cp: f"\\u{cp:04x}" for cp in CONTROLS if cp >= 0x7F}


def output(rows: Iterable[dict], fmt: str, headers: dict[str, str] | None = None) -> None:
    """Print rows as a tabulate table (translated headers), CSV or JSON, stored controls shown
    harmless in each (stdout may be a terminal)."""
    from tabulate import tabulate

    from store.exchange.tabular import neutralise  # the spreadsheet kit: not for the TUI's start

    rows = list(rows)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str).translate(_JSON_RAW))
        return
    keys = list(headers) if headers else (list(rows[0]) if rows else [])
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in r.items()} for r in rows)  # inert
        click.echo(shown(buffer.getvalue()), nl=False)  # stdout may be a terminal
        return
    if not rows:
        click.echo(_("(nothing to show)"))
        return
    titles = [headers[k] for k in keys] if headers else keys
    cells = [[_cell(r.get(k)) for k in keys] for r in rows]
    click.echo(tabulate(cells, headers=titles))


def _cell(value):
    """A table cell: text shown harmless (tabulate passes escape sequences on), else as is."""
    return shown(value).replace("\t", " ") if isinstance(value, str) else value


class PhutrachFormatter(click.HelpFormatter):
    """Help pages in the user's language: click's own headings translated too."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix or _("Usage:") + " ")

    def section(self, name: str):
        headings = {
            "Options": _("Options"),
            "Commands": _("Commands"),
            "Positional arguments": _("Arguments"),
        }
        return super().section(headings.get(name, name))


class PhutrachContext(click.Context):
    formatter_class = PhutrachFormatter


class PhutrachCommand(click.Command):
    context_class = PhutrachContext

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        words = {
            "[OPTIONS]": _("[OPTIONS]"),
            "[COMMAND] [ARGS]...": _("[COMMAND] [ARGS]..."),
            "COMMAND [ARGS]...": _("COMMAND [ARGS]..."),
        }
        return [words.get(piece, piece) for piece in super().collect_usage_pieces(ctx)]


class PhutrachGroup(PhutrachCommand, click.Group):
    """A group whose commands fail with one translated line and exit 1, never a traceback:
    PhutrachError (bad input, bad file, bad database) as is, any other error named briefly
    (set PHUTRACH_DEBUG=1 to see its traceback)."""

    command_class = PhutrachCommand
    group_class = type

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Ambiguous as exc:
            list_candidates(exc)
            raise Failure(exc.message) from None
        except PhutrachError as exc:
            raise Failure(exc.message) from None
        except KeyboardInterrupt:
            click.echo(_("Interrupted; nothing half-written was kept."), err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `phutrach units | head`: the reader has had enough
            _quiet_stdout()
            sys.exit(141)
        except Exception as exc:
            if os.environ.get("PHUTRACH_DEBUG"):
                raise
            raise Failure(
                _("Unexpected problem ({kind}): {error}").format(kind=type(exc).__name__, error=exc)
            ) from None


def list_candidates(exc: Ambiguous) -> None:
    """Every record a typed text matched, one a line, through the pager when there are more
    than a screen holds (plain output when not on a terminal), so that the user can retype
    a code; the command then fails with the message."""
    lines = [_("{count} match:").format(count=len(exc.candidates))]
    lines += [f"  {shown(line, lines=False)}" for line in exc.candidates]
    if len(lines) > shutil.get_terminal_size().lines - 2:
        click.echo_via_pager("\n".join(lines) + "\n")
    else:
        click.echo("\n".join(lines))


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush does not fail again."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
