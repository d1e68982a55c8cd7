"""Keeping the data safe: backup, restore, check, history."""

from pathlib import Path

import click

from commands.cli import cli
from commands.common import fail, format_option, output, pass_ctx
from store.core import backup as store_backup
from store.core import records
from store.history import audit
from store.lang.i18n import _
from store.personnel import PERSONNEL_TABLES
from store.rules import health


@cli.command(help=_("Make an online backup of the database (to DEST, or to its backups folder)."))
@click.argument("dest", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--keep",
    type=int,
    metavar="N",
    help=_("From now on, keep the newest N backups in the backups folder (default 14)."),
)
@pass_ctx
def backup(ctx, dest, keep):
    db = ctx.db(create=False)
    if keep is not None:
        store_backup.set_keep_count(db, keep)
    if dest:
        path = store_backup.backup(db, Path(dest))
    else:
        path = store_backup.rotate(db, ctx.db_path, keep=store_backup.keep_count(db))
    click.echo(_("Backup written to {path}").format(path=path))


@cli.command(help=_("Replace the database by a backup FILE, after checking it."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@pass_ctx
def restore(ctx, file):
    kept = store_backup.restore(ctx.db_path, Path(file))
    click.echo(
        _("Restored {file}; the previous database was kept as {kept}").format(file=file, kept=kept)
    )


@cli.command(help=_("Check the database: integrity, references, schema and rulebook."))
@pass_ctx
def check(ctx):
    db = ctx.db(create=False)
    size = ctx.db_path.stat().st_size / 1e6
    # A province's database takes seconds: say what is happening first (stderr, not the result).
    click.echo(_("Checking {path} ({size:.0f} MB)…").format(path=ctx.db_path, size=size), err=True)
    result = health.check(db)
    for problem in result.problems:
        click.echo(f"- {problem}", err=True)
    if not result.ok:
        fail(_("{path}: {n} problem(s) found.").format(path=ctx.db_path, n=len(result.problems)))
    click.echo(_("{path}: all checks passed.").format(path=ctx.db_path))


@cli.command(
    help=_("Show every change to a record (by its uid); --restore brings back a deleted one.")
)
@click.argument("uid")
@click.option(
    "--restore", "undelete", is_flag=True, help=_("Restore the record if it was deleted.")
)
@click.option(
    "--include-personnel",
    is_flag=True,
    help=_("Show the values of personnel records (capability notes, plans): confidential."),
)
@format_option()
@pass_ctx
def history(ctx, uid, undelete, include_personnel, fmt):
    db = ctx.db(create=False)
    if undelete:
        record_id = audit.restore_deleted(db, uid)  # a visit comes back with its meeting
        click.echo(_("Record {uid} restored (id {id}).").format(uid=uid, id=record_id))
        return
    changes = records.history(db, uid)
    if not changes:
        fail(_("No change recorded for {uid}.").format(uid=uid))
    hidden = not include_personnel and any(c["table_name"] in PERSONNEL_TABLES for c in changes)
    if hidden:
        click.echo(
            _(
                "This is a personnel record: its values are hidden; "
                "add --include-personnel to show them."
            ),
            err=True,
        )
    rows = [
        {
            "at": c["at"],
            "actor": c["actor"],
            "table": c["table_name"],
            "action": c["action"],
            "changed": _changed(c["before"], c["after"], values=not hidden),
        }
        for c in changes
    ]
    headers = {
        "at": _("When"),
        "actor": _("Who"),
        "table": _("Table"),
        "action": _("Action"),
        "changed": _("Changed fields"),
    }
    output(rows, fmt, headers)


def _changed(before: dict | None, after: dict | None, *, values: bool = True) -> str:
    """The fields an update changed, with their old and new values unless `values` is off."""
    if before is None or after is None:
        return ""
    keys = [k for k in after if k != "updated_at" and before.get(k) != after.get(k)]
    if not values:
        return ", ".join(keys)
    return ", ".join(f"{k}: {before.get(k)!r} → {after.get(k)!r}" for k in keys)
