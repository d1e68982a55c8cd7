"""Settings kept in the database: the committee's letterhead, the current supervisor, the
rulebook in force (loaded by `store.rules.rulebook.in_force`), the person using the
installation (`user`, whom the audit trail names). Values are JSON; defaults come from
`DEFAULTS`."""

import json
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

DEFAULTS: dict[str, object] = {
    "committee.parent_body": "ĐẢNG BỘ TỈNH",
    "committee.name": "HUYỆN ỦY",
    "committee.short": "HU",
    "committee.place": "",
    "committee.term_start": "2025-01-01",
    "letterhead.signer_prefix": "T/M BAN THƯỜNG VỤ",
    "letterhead.signer_title": "PHÓ BÍ THƯ",
    "letterhead.signer_name": "",
    # Per kind of brief: "Kính gửi" (addressees) and "Nơi nhận" (recipients); "{committee}" is
    # the committee's name in running text (store.reports.letterhead). A member's report goes
    # to the standing committee; a committee's report names its addressees in "Nơi nhận".
    "letterhead.addressees.visit": ("Ban Thường vụ {committee}",),
    "letterhead.addressees.supervisor": ("Ban Thường vụ {committee}",),
    "letterhead.addressees.unit": (),
    "letterhead.addressees.annual": (),
    "letterhead.addressees.plan": (),
    "letterhead.recipients.visit": ("Như trên", "Lưu"),
    "letterhead.recipients.supervisor": ("Như trên", "Lưu"),
    "letterhead.recipients.unit": ("Các đồng chí Ủy viên Ban Thường vụ {committee}", "Lưu VP"),
    "letterhead.recipients.annual": ("Các đồng chí Ủy viên Ban Thường vụ {committee}", "Lưu VP"),
    "letterhead.recipients.plan": ("Các đồng chí Ủy viên Ban Thường vụ {committee}", "Lưu VP"),
    "letterhead.margin_top_mm": 20,
    "letterhead.margin_bottom_mm": 20,
    "letterhead.margin_left_mm": 30,
    "letterhead.margin_right_mm": 15,
    "letterhead.font_size": 14,
    "rulebook": "resolution",
    "backup.keep": 14,  # how many automatic backups to keep
    "current_supervisor": None,  # a supervisor uid, or None for "all" (the committee office)
    "user": None,  # who uses the installation: {"supervisor": uid} or {"clerk": name}
}

SUPERVISOR, CLERK = "supervisor", "clerk"


def get(db: Database, key: str, default=None):
    """The value of `key`, else `default`, else the built-in default."""
    try:  # read at every write (who acts): one plain query, no schema introspection
        row = db.execute("select value from settings where key = ?", [key]).fetchone()
    except sqlite3.OperationalError:  # no settings table yet (a database being created)
        row = None
    if row:
        return json.loads(row[0])
    return default if default is not None else DEFAULTS.get(key)


def put(db: Database, key: str, value) -> None:
    from store.core.records import now  # records -> actions -> settings: imported late

    db.table("settings").upsert(
        {"key": key, "value": json.dumps(value, ensure_ascii=False), "updated_at": now()},
        pk="key",
    )


@dataclass(frozen=True, slots=True)
class User:
    """The person using the installation: a supervisor (by uid) or an office clerk."""

    kind: str  # SUPERVISOR | CLERK
    name: str
    uid: str | None = None  # the supervisor's uid


def user(db: Database) -> User | None:
    """Who uses the installation, or None before anyone said. A supervisor is named as
    the supervisors table names them now; one since deleted reads as unknown."""
    value = get(db, "user")
    if not isinstance(value, dict):
        return None
    if value.get(CLERK):
        return User(CLERK, str(value[CLERK]))
    uid = value.get(SUPERVISOR)
    row = db.execute("select name from supervisors where uid = ?", [uid]).fetchone()
    return User(SUPERVISOR, row[0], uid) if row else None


def set_user(db: Database, person: User) -> None:
    put(db, "user", {SUPERVISOR: person.uid} if person.kind == SUPERVISOR else {CLERK: person.name})
