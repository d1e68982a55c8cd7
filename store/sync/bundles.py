"""Bundles: what a site sends the office and the office sends back, exactly once.

A bundle holds every change since the state the reader last *confirmed* (its base), so a lost
file costs nothing: the next one carries its changes again, and a change already there is
skipped. Sequence numbers make a second import of the same bundle, or an older one, add
nothing; a bundle whose base the reader never applied is refused, naming the one missing.
Applying is one transaction with the bookkeeping; the bases move after it commits.
"""

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from store.core import actions, records, schema, settings
from store.core.errors import PhutrachError
from store.lang.codes import HistoryAction
from store.lang.i18n import _
from store.sync import applying, changes, scope, sites
from store.sync.sealed import bundle_header, open_bundle, seal_bundle

# What travels from a laptop: its scope and its own audit trail.
FROM_SITE = (*scope.SCOPE, "actions", "changes")


@dataclass(frozen=True)
class Outcome:
    """What an import did, for the user: the bundle, the rows changed, the conflicts queued."""

    sender: int
    seq: int
    applied: dict[str, int]
    queued: int
    already: bool = False


def export(db: Database, db_path: Path, to: int = sites.OFFICE) -> tuple[bytes, dict]:
    """The next bundle from this site for site `to` (a laptop: the office; the office: a
    laptop), and its header."""
    me, peer = _me(db), _peer(db, to)
    folder = sites.sync_folder(db_path)
    seq = peer.sent + 1
    with tempfile.TemporaryDirectory(dir=folder) as work:
        now_state = Path(work) / "now.db"
        if me == sites.OFFICE:
            sites.write_extract(now_state, db_path, _supervisor(peer))
            tables = tuple(scope.SCOPE)
        else:
            sites.snapshot(db, now_state)  # diffed, not the live file: no write slips between
            tables = FROM_SITE
        conn = changes.connect(now_state)
        changeset = changes.combined(
            [changes.diff(conn, _base(folder, peer, peer.confirmed), tables)]
            + [changes.gone(conn, _base(folder, peer, n), tables) for n in _in_flight(peer)]
        )
        conn.close()
        os.replace(now_state, _base_path(folder, peer, seq))
    header = {
        "office": settings.get(db, sites.OFFICE_KEY),
        "from": me,
        "to": to,
        "seq": seq,
        "base": peer.confirmed,
        "ack": peer.received,
        "schema": _schema(),
        "made": records.now(),
    }
    sealed = seal_bundle(header, changeset, sites.own_keys(db_path), peer.public)
    with db.atomic():
        db.execute(
            "UPDATE sites SET sent = ?, sent_at = ? WHERE number = ?", [seq, header["made"], to]
        )
    return sealed, header


def import_bundle(
    db: Database, db_path: Path, data: bytes, progress: applying.Progress | None = None
) -> Outcome:
    """Check, open and apply a bundle in one transaction; one message and nothing written
    if anything about it is wrong. `progress(done, total)` hears how the apply goes."""
    (done,) = import_bundles(db, db_path, [data], progress)
    if isinstance(done, PhutrachError):
        raise done
    return done


def import_bundles(
    db: Database, db_path: Path, datas: list[bytes], progress: applying.Progress | None = None
) -> list[Outcome | PhutrachError]:
    """Import several bundles (a courier's stick at the office), each checked, opened and
    applied in a transaction of its own, one site's in the order of their numbers whatever
    the order given; returns, for each in the order given, what it did or why it was
    refused (nothing of it written). One child process applies them all."""
    me = _me(db)
    results: dict[int, Outcome | PhutrachError] = {}
    opened: list[tuple[int, sites.Site, dict, bytes]] = []
    received: dict[int, int] = {}
    for index in sorted(range(len(datas)), key=lambda i: _order(datas[i])):
        try:
            sender, header, changeset = _opened(db, db_path, datas[index], me)
            before = _checked(sender, header, received)
        except PhutrachError as refused:
            results[index] = refused
            continue
        if before is not None:
            results[index] = before
            continue
        opened.append((index, sender, header, changeset))
        received[sender.number] = int(header["seq"])
    jobs = [
        applying.Job(changeset, sender.number, int(h["seq"]), int(h["ack"]))
        for _i, sender, h, changeset in opened
    ]
    done = applying.in_child(db_path, jobs, me=me, progress=progress) if jobs else []
    for (index, sender, header, changeset), outcome in zip(opened, done, strict=True):
        results[index] = _outcome(sender, header, outcome)
        if outcome.refused is None:
            _move_bases(db, db_path, sender.number, changeset)
    return [results[index] for index in range(len(datas))]


def _order(data: bytes) -> tuple[int, int]:
    """Where a bundle goes in a batch: by sender, then number; unreadable ones first."""
    try:
        header = bundle_header(data)
        return int(header.get("from", -1)), int(header.get("seq", -1))
    except (PhutrachError, TypeError, ValueError):
        return -1, -1


def _opened(db: Database, db_path: Path, data: bytes, me: int):
    header = bundle_header(data)
    sender = _sender(db, header, me)
    header, changeset = open_bundle(data, sites.own_keys(db_path), sender.public)
    if header.get("schema") != _schema():
        raise PhutrachError(_("The bundle was made by another version of phutrach."))
    return sender, header, changeset


def _checked(sender: sites.Site, header: dict, received: dict[int, int]) -> Outcome | None:
    """None when the bundle is the next to apply; an Outcome when it came before; refused
    (raised) when one before it is missing. `received`: what this batch applies first."""
    seq, base = int(header["seq"]), int(header["base"])
    got = received.get(sender.number, sender.received)
    if seq <= got:
        return Outcome(sender.number, seq, {}, 0, already=True)
    if base > got:
        raise _missing(sender, got + 1)
    return None


def _missing(sender: sites.Site, number: int) -> PhutrachError:
    return PhutrachError(
        _("Bundle {missing} from {site} has not been imported here: import it first.").format(
            missing=number, site=sender.name
        )
    )


def _outcome(sender: sites.Site, header: dict, done: applying.Done) -> Outcome | PhutrachError:
    if done.refused == applying.MISFIT:
        return PhutrachError(
            _("The bundle's changes do not fit this database (a record they need is missing).")
        )
    if done.refused == applying.AFTER_REFUSED:
        return _missing(sender, done.missing)
    if done.refused == applying.FAILED:
        return PhutrachError(_("The bundle could not be applied: {error}").format(error=done.error))
    return Outcome(sender.number, int(header["seq"]), done.applied, done.queued)


@dataclass(frozen=True)
class Conflict:
    """A conflict no rule decided: the record here and the one a site sent, as JSON lists."""

    id: int
    site: int
    seq: int
    table: str
    here: str | None
    theirs: str | None


def open_conflicts(db: Database) -> list[Conflict]:
    rows = db.execute(
        """SELECT id, site, seq, table_name, here, theirs FROM sync_conflicts
           WHERE decided_at IS NULL ORDER BY id"""
    ).fetchall()
    return [Conflict(*row) for row in rows]


HERE, THEIRS = "here", "theirs"


def decided_text(number: int, keep: str) -> str:
    """What a person's decision did, in their words (for the CLI and the screen)."""
    if keep == THEIRS:
        return _("Conflict {number} decided: the other site's version kept.").format(number=number)
    return _("Conflict {number} decided: the record here kept.").format(number=number)


def waiting(db: Database, peer: sites.Site) -> int:
    """The changes recorded on this site since its last bundle for `peer`: what waits to go
    (the audit trail's count: the next bundle may carry fewer, a record changed twice once)."""
    low, high = records.id_range(db)
    return db.execute(
        "SELECT count(*) FROM changes WHERE id >= ? AND id < ? AND at > ?",
        [low, high, peer.sent_at or ""],
    ).fetchone()[0]


def bundle_name(header: dict) -> str:
    """ "phutrach-1-to-0-3.bundle": from which site, to which, its number."""
    return f"phutrach-{header['from']}-to-{header['to']}-{header['seq']}.bundle"


def decide(db: Database, conflict_id: int, keep: str) -> Conflict:
    """A person keeps one side of a conflict: "here" leaves the record as it is, "theirs"
    writes the other site's version as an ordinary, audited change. Either way the decision,
    its time and its person stay on the conflict's row."""
    conflict = next((c for c in open_conflicts(db) if c.id == conflict_id), None)
    if conflict is None:
        raise PhutrachError(
            _("No conflict numbered {number} waits for a decision.").format(number=conflict_id)
        )
    person = settings.user(db)
    with db.atomic(), actions.action(db, HistoryAction.SYNC_DECIDE):
        if keep == THEIRS and conflict.theirs is not None:
            _write_theirs(db, conflict.table, stored_row(db, conflict.table, conflict.theirs))
        db.execute(
            "UPDATE sync_conflicts SET decided_at = ?, kept = ?, person = ? WHERE id = ?",
            [records.now(), keep, person.name if person else actions.login(), conflict_id],
        )
    return conflict


def stored_row(db: Database, table: str, stored: str | None) -> dict | None:
    """A side of a conflict (a JSON list of the row's values, None: no row) by its columns'
    names; refused in one message if the stored text is not such a row of a table here (a
    file edited by another tool)."""
    if stored is None:
        return None
    columns = [c.name for c in db[table].columns] if table in db.table_names() else []
    try:
        row = json.loads(stored)
    except ValueError:
        row = None
    if not columns or not isinstance(row, list) or len(row) != len(columns):
        raise PhutrachError(
            _("A conflict's stored record of {table} cannot be read: keep the record here.").format(
                table=table
            )
        )
    return dict(zip(columns, row, strict=True))


def _write_theirs(db: Database, table: str, values: dict | None) -> None:
    assert values is not None  # decide writes theirs only when there is a row
    fields = {k: v for k, v in values.items() if k not in ("id", "uid", "created_at", "updated_at")}
    if db[table].count_where("id = ?", [values["id"]]):
        records.update(db, table, values["id"], fields)
    else:  # deleted here meanwhile: theirs comes back whole, with its own id
        records.insert(db, table, {"id": values["id"], "uid": values["uid"], **fields})


def _move_bases(db: Database, db_path: Path, peer: int, changeset: bytes) -> None:
    """What the peer sent is what it holds: its bases here take the same changes, so that
    the next bundle for it does not send them back; the bases it confirmed as past go."""
    folder = sites.sync_folder(db_path)
    confirmed = db.execute("SELECT confirmed FROM sites WHERE number = ?", [peer]).fetchone()[0]
    for path in sorted(folder.glob(f"{_stem(peer)}.*.db")):
        number = int(path.stem.rsplit(".", 1)[1])
        if number < confirmed:
            path.unlink()
            continue
        base = changes.connect(path)
        with base:
            changes.apply(base, changeset, lambda reason, change: changes.OMIT)
        base.close()


def _in_flight(peer: sites.Site) -> range:
    """The bundles sent to `peer` and not yet confirmed: the peer may hold what any of them
    carried, so a record one brought and this site has dropped since goes again as a delete
    (else a concern raised, sent and deleted before its receipt stayed at the office)."""
    return range(peer.confirmed + 1, peer.sent + 1)


def _stem(peer: int) -> str:
    return "base" if peer == sites.OFFICE else f"site-{peer}"


def _base(folder: Path, peer: sites.Site, seq: int) -> Path:
    path = _base_path(folder, peer, seq)
    if not path.is_file():
        raise PhutrachError(
            _("The state last confirmed by {site} ({path}) is missing.").format(
                site=peer.name, path=path
            )
        )
    return path


def _base_path(folder: Path, peer: sites.Site, seq: int) -> Path:
    return folder / f"{_stem(peer.number)}.{seq}.db"


def _me(db: Database) -> int:
    me = sites.this_site(db)
    if me is None:
        raise PhutrachError(_("This database takes part in no exchange (phutrach site)."))
    return me


def _peer(db: Database, number: int) -> sites.Site:
    peer = sites.site(db, number)
    if peer is None:
        raise PhutrachError(_("Site {number} is not enrolled here.").format(number=number))
    return peer


def _sender(db: Database, header: dict, me: int) -> sites.Site:
    if header.get("office") != settings.get(db, sites.OFFICE_KEY):
        raise PhutrachError(_("The bundle comes from another committee office's exchange."))
    if header.get("to") != me:
        raise PhutrachError(_("The bundle is for another site, not this one."))
    sender = header.get("from")
    if not isinstance(sender, int):
        raise PhutrachError(_("This is not a phutrach bundle, or it was cut short."))
    return _peer(db, sender)


def _supervisor(peer: sites.Site) -> int:
    assert peer.supervisor_id is not None  # every enrolled laptop has its supervisor
    return peer.supervisor_id


def _schema() -> int:
    return len(schema.known_migrations())
