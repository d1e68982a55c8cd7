"""A small district for the supervisor's-loop commands, built through the store functions,
with fixed dates (judged as on AS_OF)."""

from datetime import date

from click.testing import CliRunner

from commands.cli import cli
from store.core import db as store_db
from store.core import records, settings
from store.visits import record_visit
from store.visits.meetings import record_meeting

AS_OF = "2026-10-20"
TODAY = date(2026, 10, 20)
FULL = {
    "attendance": 15,
    "preparation": 15,
    "order_duration": 10,
    "content": 20,
    "criticism": 10,
    "participation": 10,
    "principles": 5,
    "resolution": 10,
    "minutes": 5,
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def meeting(day: str, present: int, members: int, **changes) -> dict:
    values = dict(
        date=day,
        kind="regular",
        members_full=members,
        members_probationary=0,
        members_exempt=0,
        present=present,
        absent_excused=members - present,
        absent_unexcused=0,
        duration_minutes=120,
        minutes_kept=True,
        resolution_adopted=True,
    )
    return {**values, **changes}


def _unit(db, code, name, kind, parent=None, members=0):
    return records.insert(
        db,
        "units",
        {
            "code": code,
            "name": name,
            "kind": kind,
            "sector": "village" if kind == "cell" else "commune",
            "parent_id": parent,
            "members_full": members,
        },
    )


def build(db) -> dict[str, int]:
    top = _unit(db, "XA-DA", "Đảng bộ xã Đào Xá", "grassroots_committee")
    ids = {
        "XA-DA": top,
        "XA-DA-01": _unit(db, "XA-DA-01", "Chi bộ thôn Ấp Đông", "cell", top, 20),
        "XA-DA-02": _unit(db, "XA-DA-02", "Chi bộ thôn Tây", "cell", top, 10),
        "CQ-01": _unit(db, "CQ-01", "Chi bộ Văn phòng", "grassroots_cell", None, 9),
    }
    for code, name in (("S1", "Nguyễn Văn Ấn"), ("S2", "Đào Thị Hoa"), ("S3", "Lê Văn Hòa")):
        ids[code] = records.insert(db, "supervisors", {"code": code, "name": name})
    for sup, unit, cadence in (
        ("S1", "XA-DA-01", "monthly"),
        ("S1", "CQ-01", "quarterly"),
        ("S2", "XA-DA-02", "monthly"),
        ("S2", "XA-DA", "monthly"),
    ):
        records.insert(
            db,
            "assignments",
            {
                "supervisor_id": ids[sup],
                "unit_id": ids[unit],
                "cadence": cadence,
                "start_date": "2026-01-01",
            },
        )
    for unit, day, present, members in (
        ("XA-DA-01", "2026-09-07", 19, 20),
        ("XA-DA-02", "2026-09-08", 7, 10),
        ("CQ-01", "2026-07-06", 9, 9),
    ):
        record_meeting(db, ids[unit], **meeting(day, present, members), today=TODAY)
    for sup, unit, day, present, members, scores in (
        ("S1", "XA-DA-01", "2026-10-05", 20, 20, FULL),
        ("S1", "CQ-01", "2026-08-10", 8, 9, {**FULL, "content": 10}),
        ("S2", "XA-DA-02", "2026-08-12", 9, 10, {**FULL, "content": 5, "criticism": 0}),
    ):
        record_visit(
            db,
            supervisor_id=ids[sup],
            unit_id=ids[unit],
            meeting=meeting(day, present, members),
            scores=scores,
            observations="Sinh hoạt đúng trình tự.",
            today=TODAY,
        )
    return ids


def make_world(db_path):
    """The district in a database file: (path, ids by code). Test modules wrap it in a
    `world` fixture."""
    db = store_db.connect(db_path)
    ids = build(db)
    db.conn.close()
    return db_path, ids


def current_supervisor(db_path, code: str) -> None:
    db = store_db.connect(db_path)
    uid = db.execute("select uid from supervisors where code = ?", [code]).fetchone()[0]
    settings.put(db, "current_supervisor", uid)
    db.conn.close()
