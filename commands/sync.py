"""Working with several machines (docs/EXCHANGE.md): `phutrach site` (this site, and at the
office every enrolled one; init --office, enrol, join) and `phutrach sync` (export, import,
conflicts). Files travel by hand; each is sealed for its reader and signed by its writer."""

from pathlib import Path

import click

from commands.cli import cli
from commands.common import echo, fail, format_option, output, pass_ctx
from commands.targets import OUT_FILE
from store.core.errors import PhutrachError
from store.core.files import atomic_write
from store.lang.i18n import _
from store.org.supervisor_search import find_supervisor
from store.sync import bundles, review, sealed, sites

_PASSPHRASE_FILE = click.option(
    "--passphrase-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_("Read the enrolment passphrase from this file (for scripts) instead of the prompt."),
)


@cli.group(
    invoke_without_command=True,
    help=_("This site of the exchange, and at the committee office every enrolled site."),
)
@format_option()
@click.pass_context
def site(click_ctx, fmt):
    if click_ctx.invoked_subcommand is not None:
        return
    ctx = click_ctx.obj
    db = ctx.db(create=False)
    me = sites.this_site(db)
    if me is None:
        echo(_("This database takes part in no exchange (phutrach site init --office, or join)."))
        return
    if me == sites.OFFICE:
        echo(_("This is the committee office (the hub of the exchange)."))
    else:
        echo(_("This is site {number} of the exchange.").format(number=me))
    output(
        [
            {
                "number": s.number,
                "name": s.name,
                "received": s.received,
                "received_at": iso_time(s.received_at),
                "sent": s.sent,
                "sent_at": iso_time(s.sent_at),
                "confirmed": s.confirmed,
            }
            for s in sites.sites(db)
        ],
        fmt,
        {
            "number": _("Site"),
            "name": _("Supervisor"),
            "received": _("Bundles in"),
            "received_at": _("Last in"),
            "sent": _("Bundles out"),
            "sent_at": _("Last out"),
            "confirmed": _("Confirmed"),
        },
    )


@site.command("init", help=_("Make this database the committee office's hub of the exchange."))
@click.option("--office", is_flag=True, required=True, help=_("This is the committee office."))
@pass_ctx
def init(ctx, office):
    sites.init_office(ctx.db(create=False), ctx.db_path)
    echo(
        _("This database is now the committee office's hub; keys in {path}.").format(
            path=sites.keys_path(ctx.db_path)
        )
    )


@site.command(
    "enrol",
    help=_(
        "At the office: write the enrolment file of SUPERVISOR's laptop (the unit tree, rules, "
        "settings, their assignments and records, the keys), sealed with a passphrase."
    ),
)
@click.argument("supervisor", nargs=-1, required=True)
@click.option("-o", "--output", "out", type=OUT_FILE, required=True, help=_("The file to write."))
@_PASSPHRASE_FILE
@pass_ctx
def enrol(ctx, supervisor, out, passphrase_file):
    db = ctx.db(create=False)
    chosen = find_supervisor(db, " ".join(supervisor))
    words = _passphrase(passphrase_file, confirm=True)
    _write(out, sites.enrol(db, ctx.db_path, chosen.id, words))
    echo(
        _(
            "Wrote the enrolment of comrade {name} to {path}; give the passphrase separately."
        ).format(name=chosen.display, path=out)
    )


@site.command("join", help=_("On a laptop: make this site's database from an enrolment FILE."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_PASSPHRASE_FILE
@pass_ctx
def join(ctx, file, passphrase_file):
    words = _passphrase(passphrase_file, confirm=False)
    number = sites.join(sealed.read_file(file, "enrolment"), words, ctx.db_path)
    echo(
        _("This laptop is site {number}; its database is {path}.").format(
            number=number, path=ctx.db_path
        )
    )


@cli.group(help=_("Exchange change bundles with the committee office (or, there, a laptop)."))
def sync():
    pass


@sync.command(
    "export",
    help=_(
        "Write everything changed since the other side last confirmed receipt, as one sealed "
        "bundle; at the office, --for names the laptop's supervisor."
    ),
)
@click.option("-o", "--output", "out", type=OUT_FILE, help=_("The file to write."))
@click.option("--for", "for_supervisor", metavar=_("SUPERVISOR"), help=_("At the office."))
@pass_ctx
def export(ctx, out, for_supervisor):
    db = ctx.db(create=False)
    to = sites.OFFICE
    if for_supervisor:
        to = sites.site_of(db, find_supervisor(db, for_supervisor).id)
    data, header = bundles.export(db, ctx.db_path, to=to)
    path = out or Path(bundles.bundle_name(header))
    _write(path, data)
    echo(
        _("Wrote bundle {seq} ({size} kB) to {path}.").format(
            seq=header["seq"], size=max(1, round(len(data) / 1024)), path=path
        )
    )


@sync.command(
    "import",
    help=_(
        "Check, open and apply bundle FILEs (a courier's several at once), each in one "
        "transaction, each site's in the order of their numbers."
    ),
)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@pass_ctx
def import_(ctx, files):
    db = ctx.db(create=False)
    read, refused = [], []
    for file in files:
        try:
            read.append((file, sealed.read_file(file)))
        except PhutrachError as exc:
            refused.append(_where(file, files) + str(exc))
    done = bundles.import_bundles(db, ctx.db_path, [data for _file, data in read])
    queued = 0
    for (file, _data), outcome in zip(read, done, strict=True):
        if isinstance(outcome, PhutrachError):
            refused.append(_where(file, files) + str(outcome))
            continue
        queued += outcome.queued
        echo(_where(file, files) + _imported(outcome))
    if queued:  # the import went in; a person has yet to decide: a script hears it
        waits = _("{count} conflicts wait for a decision: phutrach sync conflicts.")
        if not refused:
            fail(waits.format(count=queued))
        echo(waits.format(count=queued), err=True)
    _refused(refused, len(files))


def _imported(done: bundles.Outcome) -> str:
    if done.already:
        return _("Bundle {seq} was imported before: nothing added.").format(seq=done.seq)
    return _("Imported bundle {seq}: {count} changes.").format(
        seq=done.seq, count=sum(done.applied.values())
    )


def _where(file: Path, files: tuple[Path, ...]) -> str:
    """The file's name before its line, when there are several."""
    return f"{file.name}: " if len(files) > 1 else ""


def _refused(refused: list[str], total: int) -> None:
    """One line for each bundle refused, then a non-zero exit; the others went in."""
    if not refused:
        return
    if total == 1:
        fail(refused[0])
    for line in refused:
        echo(line, err=True)
    fail(
        _("{count} of {total} bundles were refused: nothing of them was written.").format(
            count=len(refused), total=total
        )
    )


@sync.command("conflicts", help=_("The conflicts of the exchange that wait for a person."))
@format_option()
@pass_ctx
def conflicts(ctx, fmt):
    db = ctx.db(create=False)
    rows = [review.shown(db, c) for c in bundles.open_conflicts(db)]
    output(
        [
            {
                "id": c.id,
                "site": c.site,
                "record": c.record,
                "differences": "\n".join(c.differences),
            }
            for c in rows
        ],
        fmt,
        {
            "id": _("No."),
            "site": _("Site"),
            "record": _("Record"),
            "differences": _("Here ≠ theirs"),
        },
    )


@sync.command(
    "keep",
    help=_(
        "Decide conflict NUMBER (phutrach sync conflicts): keep the record here, or theirs "
        "(the other site's version, written as an ordinary change in the history)."
    ),
)
@click.argument("number", type=int)
@click.argument("side", type=click.Choice([bundles.HERE, bundles.THEIRS]))
@pass_ctx
def keep(ctx, number, side):
    bundles.decide(ctx.db(create=False), number, side)
    echo(bundles.decided_text(number, side))


def iso_time(stamp: str | None) -> str:
    """ "2026-12-03 19:20" of a stored instant (UTC), or nothing."""
    return "" if stamp is None else stamp[:16].replace("T", " ")


def _passphrase(file: Path | None, confirm: bool) -> str:
    if file is not None:
        words = file.read_text(encoding="utf-8").strip()
    else:
        words = click.prompt(_("Passphrase"), hide_input=True, confirmation_prompt=confirm)
    if len(words) < 8:
        fail(_("The passphrase must have at least 8 characters."))
    return words


def _write(path: Path, data: bytes) -> None:
    with atomic_write(path, private=True) as file:
        file.write(data)
