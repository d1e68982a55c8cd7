"""`phutrach brief KIND [SCOPE] --period PERIOD [--all] --out DIR [--zip] [--confidential]`:
Word briefs in batch, on all cores, with a progress bar on a terminal and a summary table."""

import sys
from datetime import date
from pathlib import Path

import click

from commands.cli import cli
from commands.common import DATE, PERIOD, PERIOD_HELP, fail, format_option, output, pass_ctx
from store.core import paths
from store.core.checks import parse_date
from store.lang.codes import BriefKind
from store.lang.i18n import _
from store.reports import scopes as brief_scopes
from store.reports.letterhead import check_signed, letterhead
from store.rules.periods import Period

KINDS = brief_scopes.KINDS  # briefs.batch.KINDS, known cheaply


@cli.command(
    help=_(
        "Write Word briefs: KIND is visit, supervisor, unit, annual or plan; SCOPE is a visit "
        "(id or uid), a supervisor (code or name), a unit (code) or a plan's unit."
    )
)
@click.argument("kind", type=click.Choice([str(k) for k in KINDS]))  # click names enums
@click.argument("scope", required=False)
@click.option("--period", "-p", metavar=_("PERIOD"), type=PERIOD, help=PERIOD_HELP)
@click.option("--all", "everything", is_flag=True,
              help=_("Every visit of the period, every supervisor, every grassroots unit or "
                     "every open plan."))  # fmt: skip
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False),
              help=_("Folder the briefs are written to (default: the folder the briefs "
                     "screen writes to, `briefs` in the user data folder)."))  # fmt: skip
@click.option("--zip", "make_zip", is_flag=True, help=_("Also put the briefs in one zip file."))
@click.option(
    "--confidential",
    is_flag=True,
    help=_("Include personnel content (marked MẬT); plan briefs always are."),
)
@click.option("--date", "on", metavar=_("DATE"), type=DATE,
              help=_("Date of the briefs, dd/mm/yyyy (default: today)."))  # fmt: skip
@click.option("--workers", type=click.IntRange(1, 64), metavar="N",
              help=_("Processes to use (default: all cores)."))  # fmt: skip
@format_option()
@pass_ctx
def brief(ctx, kind, scope, period, everything, out_dir, make_zip, confidential, on, workers,
          fmt):  # fmt: skip
    from briefs.batch import Job  # python-docx and lxml: only when briefs are asked for

    day = parse_date(on, "date") if on else date.today()
    if period:
        period = Period.parse(period).code
    elif kind == BriefKind.PLAN:
        period = str(day.year)
    elif not (kind == BriefKind.VISIT and scope and not everything):  # one visit: its own month
        fail(_("Give the period with --period, e.g. quý III/2026."))
    db = ctx.db(create=False)
    check_signed(letterhead(db), kind)  # said once, not once per brief of the batch
    secret = brief_scopes.is_confidential(kind, confidential)
    jobs = [Job(kind, sid, period, secret) for sid in _scopes(db, kind, scope, period, everything)]
    if not jobs:
        fail(_("Nothing to write: no {kind} brief for {period}.").format(kind=kind, period=period))
    folder = Path(out_dir) if out_dir else paths.prepare_briefs_folder(paths.briefs_folder(db))
    outcomes = _generate(ctx.db_path, jobs, folder, workers, day)
    _summary(outcomes, fmt)
    click.echo(_("Briefs written to {folder}").format(folder=folder.resolve()), err=fmt != "table")
    written = [o.path for o in outcomes if o.ok]
    if make_zip and written:
        from briefs.batch import zip_name, zip_outputs

        path = zip_outputs(written, folder / zip_name(kind, period, secret))
        click.echo(_("Zip file: {path}").format(path=path), err=fmt != "table")
    failed = sum(1 for o in outcomes if not o.ok)
    if failed:
        fail(_("{failed} of {total} briefs failed; the others were written.").format(
            failed=failed, total=len(outcomes)))  # fmt: skip


def _scopes(db, kind: str, scope, period: str, everything: bool) -> list:
    if everything:
        return brief_scopes.all_scopes(db, kind, period)
    if kind == BriefKind.ANNUAL:
        return [None]
    if not scope:
        fail(_("Give a SCOPE, or --all for every one."))
    return [brief_scopes.find_scope(db, kind, scope)]


def _generate(db_path, jobs, out_dir: Path, workers, day: date) -> list:
    from briefs.batch import generate

    if not sys.stdout.isatty():
        return generate(db_path, jobs, out_dir, workers=workers, on=day)
    with click.progressbar(length=len(jobs), label=_("Writing briefs")) as bar:
        return generate(
            db_path, jobs, out_dir, workers=workers, on=day,
            progress=lambda _done, _total, _outcome: bar.update(1),
        )  # fmt: skip


def _summary(outcomes: list, fmt: str) -> None:
    rows = [
        {
            "file": o.path.name if o.ok else o.title,
            "number": o.number or "",
            "status": _("written") if o.ok else _("failed: {error}").format(error=o.error),
            "sha256": o.sha256 or "",
        }
        for o in outcomes
    ]
    headers = {"file": _("File"), "number": _("Number"), "status": _("Status")}
    if fmt != "table":
        headers["sha256"] = "SHA-256"
    output(rows, fmt, headers)
