"""Sites: the office (the hub, number 0) and the laptops it enrols (1, 2, …). A site's number
is the range its records' ids are made in (store.core.records.id_range), so a record's owning
site is `id >> 32`. Private keys live beside the database in an owner-only file, never in it:
a copied database carries no key.
"""

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from store.core import db as store_db
from store.core import records, settings
from store.core.errors import PhutrachError
from store.core.files import atomic_write
from store.core.paths import ensure_private_dir
from store.lang.i18n import _
from store.sync import scope
from store.sync.sealed import Keys, PublicKeys, open_enrolment, seal_enrolment

UID_KEY, OFFICE_KEY = "site.uid", "site.office"
OFFICE = 0


@dataclass(frozen=True)
class Site:
    number: int
    uid: str
    name: str
    supervisor_id: int | None
    public: PublicKeys
    received: int
    sent: int
    confirmed: int
    received_at: str | None
    sent_at: str | None


def keys_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys")


def sync_folder(db_path: Path) -> Path:
    """Where this site keeps the bases of its exchanges (the states last confirmed)."""
    return ensure_private_dir(db_path.with_name(db_path.name + ".sync"))


def this_site(db: Database) -> int | None:
    """This database's site number, or None when it exchanges with no one."""
    if settings.get(db, UID_KEY) is None:
        return None
    return settings.get(db, records.SITE_KEY, 0)


def own_keys(db_path: Path) -> Keys:
    try:
        return Keys.from_json(json.loads(keys_path(db_path).read_text()))
    except FileNotFoundError as exc:
        raise PhutrachError(
            _("This site's keys ({path}) are missing: the exchange cannot sign or open.").format(
                path=keys_path(db_path)
            )
        ) from exc


def init_office(db: Database, db_path: Path) -> str:
    """Make this database the committee office's hub: its uid and keys. Once only."""
    if this_site(db) is not None:
        raise PhutrachError(_("This database already takes part in an exchange."))
    keys = Keys.generate()
    _write_keys(db_path, keys)
    uid = records.new_uid()
    with db.atomic():
        settings.put(db, UID_KEY, uid)
        settings.put(db, OFFICE_KEY, uid)
        settings.put(db, records.SITE_KEY, OFFICE)
    return uid


def enrol(db: Database, db_path: Path, supervisor_id: int, passphrase: str) -> bytes:
    """The enrolment file of a new laptop for `supervisor_id`: its keys, the office's public
    keys and the scope it holds (store.sync.scope), sealed with `passphrase`. The scope, as
    sent, is kept as the office's base for the site."""
    if this_site(db) != OFFICE:
        raise PhutrachError(
            _("Only the committee office enrols sites (phutrach site init --office).")
        )
    supervisor = records.get(db, "supervisors", supervisor_id)
    office, keys = own_keys(db_path), Keys.generate()
    number = (db.execute("SELECT max(number) FROM sites").fetchone()[0] or 0) + 1
    uid = records.new_uid()
    extract = sync_folder(db_path) / f"site-{number}.0.db"
    write_extract(extract, db_path, supervisor_id)
    with db.atomic():
        db.execute(
            """INSERT INTO sites (number, uid, name, supervisor_id, verify_key, box_key,
               enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [number, uid, supervisor["name"], supervisor_id, *_hex(keys.public), records.now()],
        )
    payload = {
        "office": settings.get(db, OFFICE_KEY),
        "office_keys": office.public.to_json(),
        "number": number,
        "uid": uid,
        "supervisor_id": supervisor_id,
        "keys": keys.to_json(),
        "database": extract.read_bytes().hex(),
    }
    return seal_enrolment(json.dumps(payload).encode(), passphrase)


def join(data: bytes, passphrase: str, db_path: Path) -> int:
    """Make this laptop's database at `db_path` from an enrolment file; returns its number.
    Made whole in a file beside it and moved into place: a failed join leaves nothing."""
    if db_path.exists():
        raise PhutrachError(
            _("{path} exists: a site joins into a new database.").format(path=db_path)
        )
    payload = json.loads(open_enrolment(data, passphrase))
    ensure_private_dir(db_path.parent)
    with tempfile.TemporaryDirectory(dir=db_path.parent, prefix=".phutrach-join-") as work:
        held, made = Path(work) / "scope.db", Path(work) / db_path.name
        _write_private(held, bytes.fromhex(payload["database"]))
        db = store_db.connect(made)
        scope.fill(db, held, payload["supervisor_id"])
        _as_site(db, payload)
        snapshot(db, sync_folder(db_path) / "base.0.db")
        db.close()
        _write_keys(db_path, Keys.from_json(payload["keys"]))
        os.replace(made, db_path)
    return payload["number"]


def _as_site(db: Database, payload: dict) -> None:
    """The joined database's settings of its own: its site, its supervisor, the office."""
    office = PublicKeys.from_json(payload["office_keys"])
    with db.atomic():
        settings.put(db, UID_KEY, payload["uid"])
        settings.put(db, OFFICE_KEY, payload["office"])
        settings.put(db, records.SITE_KEY, payload["number"])
        uid = records.get(db, "supervisors", payload["supervisor_id"])["uid"]
        settings.put(db, "current_supervisor", uid)
        settings.put(db, "user", {settings.SUPERVISOR: uid})
        db.execute(
            """INSERT INTO sites (number, uid, name, verify_key, box_key, enrolled_at)
               VALUES (0, ?, ?, ?, ?, ?)""",
            [payload["office"], _("committee office"), *_hex(office), records.now()],
        )


def sites(db: Database) -> list[Site]:
    rows = db.execute(
        """SELECT number, uid, name, supervisor_id, verify_key, box_key, received, sent,
           confirmed, received_at, sent_at FROM sites ORDER BY number"""
    ).fetchall()
    return [
        Site(
            r[0],
            r[1],
            r[2],
            r[3],
            PublicKeys.from_json({"verify": r[4], "box": r[5]}),
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
        )
        for r in rows
    ]


def site(db: Database, number: int) -> Site | None:
    return next((s for s in sites(db) if s.number == number), None)


def site_of(db: Database, supervisor_id: int) -> int:
    """The number of the laptop enrolled for `supervisor_id` (its latest, if several)."""
    number = db.execute(
        "SELECT max(number) FROM sites WHERE supervisor_id = ?", [supervisor_id]
    ).fetchone()[0]
    if number is None:
        raise PhutrachError(_("No laptop is enrolled for this supervisor: phutrach site enrol."))
    return number


def snapshot(db: Database, target: Path) -> None:
    """A consistent copy of the whole database (SQLite's backup API) at `target`."""
    tmp = target.with_name(target.name + ".part")
    copy = sqlite3.connect(tmp)
    db.conn.backup(copy)
    copy.close()
    os.replace(tmp, target)


def write_extract(path: Path, source: Path, supervisor_id: int) -> None:
    """`supervisor_id`'s scope of `source` at `path` (store.sync.scope.lean), whole or not at
    all."""
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        made = Path(folder) / "scope.db"
        scope.lean(made, source, supervisor_id)
        os.replace(made, path)


def _write_keys(db_path: Path, keys: Keys) -> None:
    _write_private(keys_path(db_path), json.dumps(keys.to_json()).encode())


def _write_private(path: Path, data: bytes) -> None:
    with atomic_write(path, private=True) as file:
        file.write(data)


def _hex(public: PublicKeys) -> list[str]:
    return [public.to_json()["verify"], public.to_json()["box"]]
