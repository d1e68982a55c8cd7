"""Keeping the data safe: backup, restore, check, history (one entry per user action, in
the users' words)."""

from pathlib import Path

import click

from commands.cli import cli
from commands.common import echo, fail, format_option, output, pass_ctx
from commands.targets import OUT_FILE
from store.core import backup as store_backup
from store.core import db as store_db
from store.core import records, search_index, summaries, trust
from store.core.files import sweep_beside
from store.history import audit, words
from store.lang.codes import ChangeAction
from store.lang.i18n import _
from store.lang.labels import label
from store.rules import health


@cli.command(help=_("Make an online backup of the database (to DEST, or to its backups folder)."))
@click.argument("dest", required=False, type=OUT_FILE)
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
        sweep_beside(dest)  # what a backup killed earlier left half-written
        path = store_backup.backup(db, dest)
    else:
        path = store_backup.rotate(db, ctx.db_path, keep=store_backup.keep_count(db))
    echo(_("Backup written to {path}").format(path=path))


@cli.command(help=_("Replace the database by a backup FILE, after checking it."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@pass_ctx
def restore(ctx, file):
    kept = store_backup.restore(ctx.db_path, Path(file))
    echo(
        _("Restored {file}; the previous database was kept as {kept}").format(file=file, kept=kept)
    )


@cli.command(help=_("Check the database: integrity, references, schema and rulebook."))
@click.option(
    "--repair",
    is_flag=True,
    help=_("First count the kept monthly meeting figures again and rebuild the search indexes."),
)
@pass_ctx
def check(ctx, repair):
    try:
        db = ctx.db(create=False)
    except trust.SchemaMismatch:  # opened as it is, unmigrated, to list every difference
        if repair:
            fail(
                _("The schema is not phutrach's: run phutrach check to see how; nothing repaired.")
            )
        db = store_db.connect(ctx.db_path, create=False, migrate=False, verify=False)
    if repair:
        rows = summaries.rebuild(db)
        echo(
            _("Counted the monthly meeting figures again: {rows} rows.").format(rows=rows), err=True
        )
        with db.atomic():  # for a file a tool wrote with the triggers left out
            search_index.rebuild(db)
        echo(_("Search indexes rebuilt from the records."), err=True)
    size = ctx.db_path.stat().st_size / 1e6
    # A province's database takes seconds: say what is happening first (stderr, not the result).
    echo(_("Checking {path} ({size:.0f} MB)…").format(path=ctx.db_path, size=size), err=True)
    result = health.check(db)
    for problem in result.problems:
        echo(f"- {problem}", err=True)
    if not result.ok:
        fail(_("{path}: {n} problem(s) found.").format(path=ctx.db_path, n=len(result.problems)))
    echo(_("{path}: all checks passed.").format(path=ctx.db_path))


@cli.command(
    help=_(
        "The history of changes, newest first: one entry per action, who made it. With an "
        "entry NUMBER: what it changed; --restore brings back what it deleted."
    )
)
@click.argument("number", required=False)
@click.option(
    "--restore", "undelete", is_flag=True, help=_("Restore what the entry deleted, whole.")
)
@click.option("--deleted", is_flag=True, help=_("Only the entries that deleted something."))
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, metavar="N",
              help=_("How many entries to list."))  # fmt: skip
@click.option(
    "--include-personnel",
    is_flag=True,
    help=_("Show the values of personnel records (capability notes, plans): confidential."),
)
@format_option()
@pass_ctx
def history(ctx, number, undelete, deleted, limit, include_personnel, fmt):
    db = ctx.db(create=False)
    if number is None:
        if undelete:
            fail(_("Give the number of the entry to restore (see phutrach history)."))
        _list(db, deleted, limit, fmt)
        return
    entry = _entry(db, number)
    if undelete:
        gone = audit.restore_entry(db, entry.id)
        echo(_("Restored:"))
        for change in gone:
            echo(f"- {words.describe(db, change.table, change.before)}")
        return
    _show(db, entry, include_personnel, fmt)


def _entry(db, number: str) -> audit.Entry:
    """The entry numbered `number`; a record's uid (as older scripts pass) finds the entry
    that last changed it."""
    if number.isdigit():
        return audit.get_entry(db, int(number))
    changes = records.history(db, number)
    if not changes or changes[-1].get("action_id") is None:
        fail(_("No entry {number} in the history.").format(number=number))
    deletions = [c for c in changes if c["action"] == ChangeAction.DELETE]
    return audit.get_entry(db, (deletions or changes)[-1]["action_id"])


def _list(db, deleted: bool, limit: int, fmt: str) -> None:
    rows = [
        {
            "number": entry.id,
            "at": words.when_text(entry.at),
            "who": words.person_text(entry),
            "what": (f"{_('CONFIDENTIAL')} · " if entry.confidential else "")
            + words.headline(db, entry),
        }
        for entry in audit.list_entries(db, deleted_only=deleted, limit=limit)
    ]
    headers = {"number": _("No."), "at": _("When (UTC)"), "who": _("Who"), "what": _("What")}
    output(rows, fmt, headers)


def _show(db, entry: audit.Entry, include_personnel: bool, fmt: str) -> None:
    hidden = not include_personnel and entry.confidential
    if hidden:
        echo(
            _(
                "This is a personnel record: its values are hidden; "
                "add --include-personnel to show them."
            ),
            err=True,
        )
    echo(words.headline(db, entry), err=fmt != "table")
    echo(f"{words.person_text(entry)}, {words.when_text(entry.at)} (UTC)",
               err=fmt != "table")  # fmt: skip
    rows = [
        {
            "action": label("change_action", c.action),
            "record": words.describe(db, c.table, c.after or c.before),
            "changed": "; ".join(words.change_lines(db, c, values=not (hidden and c.confidential))),
        }
        for c in entry.changes
    ]
    headers = {"action": _("Action"), "record": _("Record"), "changed": _("Changed fields")}
    output(rows, fmt, headers)
    if entry.change_count > len(entry.changes):
        more = entry.change_count - len(entry.changes)
        echo(_("… and {count} more changes").format(count=more), err=True)
