"""`phutrach brief KIND [SCOPE] --period PERIOD [--all] --out DIR [--zip] [--pdf]`: Word
briefs in batch, on all cores, with a progress bar on a terminal and a summary table. One
subcommand per kind, each with its own help, its SCOPE's meaning and only its options."""

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from commands.cli import cli
from commands.common import DATE, PERIOD, PERIOD_HELP, fail, format_option, output, pass_ctx
from commands.targets import OUT_FOLDER
from store.core import paths
from store.core.checks import parse_date
from store.lang.codes import BriefKind
from store.lang.i18n import _
from store.lang.text import printable
from store.reports import scopes as brief_scopes
from store.reports.letterhead import check_signed, letterhead
from store.rules.periods import Period

KINDS = brief_scopes.KINDS  # briefs.batch.KINDS, known cheaply


@cli.group(
    help=_(
        "Write Word briefs (.docx, and PDF with --pdf), one kind at a time; "
        "`phutrach brief KIND --help` explains each kind."
    )
)
def brief() -> None:
    """The kinds are the subcommands below."""


def _common(command: Callable) -> Callable:
    """The options every kind shares: where, zip, PDF, date, processes, format."""
    command = pass_ctx(command)
    for option in reversed(
        [
            click.option(
                "--out",
                "-o",
                "out_dir",
                type=OUT_FOLDER,
                metavar=_("FOLDER"),
                help=_(
                    "Folder the briefs are written to (default: the folder the "
                    "briefs screen writes to, `briefs` in the user data folder)."
                ),
            ),  # fmt: skip
            click.option(
                "--zip", "make_zip", is_flag=True, help=_("Also put the briefs in one zip file.")
            ),  # fmt: skip
            click.option(
                "--pdf",
                "make_pdf",
                is_flag=True,
                help=_(
                    "Also make a PDF of each brief, beside it, through LibreOffice "
                    "(which must be installed)."
                ),
            ),  # fmt: skip
            click.option(
                "--date",
                "on",
                metavar=_("DATE"),
                type=DATE,
                help=_("Date of the briefs, dd/mm/yyyy (default: today)."),
            ),  # fmt: skip
            click.option(
                "--workers",
                type=click.IntRange(1, 64),
                metavar="N",
                help=_("Processes to use (default: all cores)."),
            ),  # fmt: skip
            format_option(),
        ]
    ):
        command = option(command)
    return command


def _period(help_text: str):
    return click.option("--period", "-p", metavar=_("PERIOD"), type=PERIOD, help=help_text)


def _everything(help_text: str):
    return click.option("--all", "everything", is_flag=True, help=help_text)


_CONFIDENTIAL = click.option(
    "--confidential",
    is_flag=True,
    help=_("Include personnel content (capability notes, succession plans), marked MẬT."),
)
_REQUIRED = _("Required.")


@brief.command(
    "visit",
    short_help=_("One visit's brief, or every visit of a period."),
    help=_(
        "The brief of a visit to a Party meeting (báo cáo dự sinh hoạt): how the meeting went, "
        "the rating, what was recommended. VISIT is the recorded visit's id or uid "
        "(`phutrach visits` lists them); one visit's brief is dated by its own month. --all "
        "writes the brief of every visit recorded in --period."
    ),
)
@click.argument("visit", metavar=f"[{_('VISIT')}]", required=False)
@_period(_("With --all: the visits of this period (required then). ") + PERIOD_HELP)
@_everything(_("Every visit recorded in the period."))
@_CONFIDENTIAL
@_common
def visit(ctx, visit, period, everything, confidential, **common):
    _write(ctx, BriefKind.VISIT, visit, period, everything, confidential, **common)


@brief.command(
    "supervisor",
    short_help=_("A committee member's report on the organizations in their charge."),
    help=_(
        "A committee member's report on the organizations in their charge (báo cáo phụ trách "
        "cơ sở) over a period: meetings held, visits made, concerns. MEMBER is the member's "
        "code or name (diacritics optional); --all writes one for every active member."
    ),
)
@click.argument("member", metavar=f"[{_('MEMBER')}]", required=False)
@_period(f"{_REQUIRED} {PERIOD_HELP}")
@_everything(_("Every active committee member in charge."))
@_CONFIDENTIAL
@_common
def supervisor(ctx, member, period, everything, confidential, **common):
    _write(ctx, BriefKind.SUPERVISOR, member, period, everything, confidential, **common)


@brief.command(
    "unit",
    short_help=_("The report on a grassroots Party organization."),
    help=_(
        "The report on a grassroots Party organization (báo cáo tình hình tổ chức đảng) over "
        "a period: its members, its meetings and their quality, visits, concerns. UNIT is "
        "the organization's code or name; --all writes one for every active grassroots "
        "organization."
    ),
)
@click.argument("unit", metavar=f"[{_('UNIT')}]", required=False)
@_period(f"{_REQUIRED} {PERIOD_HELP}")
@_everything(_("Every active grassroots Party organization."))
@_CONFIDENTIAL
@_common
def unit(ctx, unit, period, everything, confidential, **common):
    _write(ctx, BriefKind.UNIT, unit, period, everything, confidential, **common)


@brief.command(
    "annual",
    short_help=_("The committee's report on carrying out the resolution."),
    help=_(
        "The committee's report on carrying out the resolution on the quality of Party "
        "meetings (báo cáo thực hiện nghị quyết) over a period, usually a year. It covers the "
        "whole committee: no scope to give."
    ),
)
@_period(_("Required; usually a year (năm 2026). ") + PERIOD_HELP)
@_CONFIDENTIAL
@_common
def annual(ctx, period, confidential, **common):
    _write(ctx, BriefKind.ANNUAL, None, period, False, confidential, **common)


@brief.command(
    "plan",
    short_help=_("A replacement-source plan for a secretary (always MẬT)."),
    help=_(
        "The plan for training a replacement secretary (kế hoạch tạo nguồn bí thư) of a "
        "grassroots organization, always confidential (MẬT). UNIT is the plan's id or its "
        "organization (code or name): its open plan, else its latest. --all writes every open "
        "plan."
    ),
)
@click.argument("unit", metavar=f"[{_('UNIT')}]", required=False)
@_period(_("The year the plan is filed under in the brief log (default: the year of --date)."))
@_everything(_("Every open replacement-source plan."))
@_common
def plan(ctx, unit, period, everything, **common):
    _write(ctx, BriefKind.PLAN, unit, period, everything, True, **common)


def _write(ctx, kind, scope, period, everything, confidential, *, out_dir, make_zip, make_pdf,
           on, workers, fmt):  # fmt: skip
    from briefs.batch import Job  # python-docx and lxml: only when briefs are asked for

    day = parse_date(on, "date") if on else date.today()
    if not (scope or everything or kind == BriefKind.ANNUAL):
        named = {BriefKind.VISIT: _("VISIT"), BriefKind.SUPERVISOR: _("MEMBER")}
        fail(_("Give the {scope}, or --all for every one.").format(
            scope=named.get(kind, _("UNIT"))))  # fmt: skip
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
    folder = paths.prepare_briefs_folder(Path(out_dir) if out_dir else paths.briefs_folder(db))
    outcomes = _generate(ctx.db_path, jobs, folder, workers, day)
    written = [o.path for o in outcomes if o.ok]
    pdfs, missing = _pdfs(written) if make_pdf and written else ({}, None)
    _summary(outcomes, pdfs if make_pdf else None, fmt)
    click.echo(_("Briefs written to {folder}").format(folder=folder.resolve()), err=fmt != "table")
    if make_zip and written:
        from briefs.batch import zip_name, zip_outputs

        files = written + [p.pdf for p in pdfs.values() if p.ok]
        path = zip_outputs(files, folder / zip_name(kind, period, secret))
        click.echo(_("Zip file: {path}").format(path=path), err=fmt != "table")
    if missing:
        fail(missing)
    failed = sum(1 for o in outcomes if not o.ok)
    if failed:
        fail(_("{failed} of {total} briefs failed; the others were written.").format(
            failed=failed, total=len(outcomes)))  # fmt: skip
    unmade = sum(1 for p in pdfs.values() if not p.ok)
    if unmade:
        fail(_("{failed} of {total} PDFs could not be made; the .docx briefs were written.").format(
            failed=unmade, total=len(pdfs)))  # fmt: skip


def _scopes(db, kind: str, scope, period: str, everything: bool) -> list:
    if everything:
        return brief_scopes.all_scopes(db, kind, period)
    if kind == BriefKind.ANNUAL:
        return [None]
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


def _pdfs(docs: list[Path]) -> tuple[dict, str | None]:
    """The PDF of each written brief, by its .docx; or the message saying what to install."""
    from briefs.pdf import NoLibreOffice, to_pdf

    try:
        if not sys.stdout.isatty():
            made = to_pdf(docs)
        else:
            with click.progressbar(length=len(docs), label=_("Making PDFs")) as bar:
                made = to_pdf(docs, lambda done, _total, _outcome: bar.update(done - bar.pos))
    except NoLibreOffice as exc:
        return {}, f"{exc.message} {_('The .docx briefs were written.')}"
    return {p.source: p for p in made}, None


def _summary(outcomes: list, pdfs: dict | None, fmt: str) -> None:
    rows = []
    for o in outcomes:
        row = {
            "file": o.path.name if o.ok else printable(o.title),
            "number": o.number or "",
            "status": _("written") if o.ok else _("failed: {error}").format(error=o.error),
            "sha256": o.sha256 or "",
        }
        if pdfs is not None:
            made = pdfs.get(o.path.absolute()) if o.ok else None
            row["pdf"] = (made.pdf.name if made.ok else made.error) if made else ""
        rows.append(row)
    headers = {"file": _("File"), "number": _("Number"), "status": _("Status")}
    if pdfs is not None:
        headers["pdf"] = "PDF"
    if fmt != "table":
        headers["sha256"] = "SHA-256"
    output(rows, fmt, headers)
