"""A small district for the supervisor's-loop commands, built through the store functions,
with fixed dates (judged as on AS_OF)."""

from datetime import date

from click.testing import CliRunner

from commands.cli import cli
from store.core import db as store_db
from store.core import settings
from tests import factories as make
from tests.factories import FULL

AS_OF = "2026-10-20"
TODAY = date(2026, 10, 20)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def build(db) -> dict[str, int]:
    top = make.unit(db, "Đảng bộ xã Đào Xá", code="XA-DA", kind="grassroots_committee",
                    sector="commune", members_full=0)  # fmt: skip
    ids = {
        "XA-DA": top,
        "XA-DA-01": make.unit(
            db, "Chi bộ thôn Ấp Đông", code="XA-DA-01", parent_id=top, members_full=20
        ),  # fmt: skip
        "XA-DA-02": make.unit(
            db, "Chi bộ thôn Tây", code="XA-DA-02", parent_id=top, members_full=10
        ),  # fmt: skip
        "CQ-01": make.unit(
            db,
            "Chi bộ Văn phòng",
            code="CQ-01",
            kind="grassroots_cell",
            sector="commune",
            members_full=9,
        ),  # fmt: skip
    }
    for code, name in (("S1", "Nguyễn Văn Ấn"), ("S2", "Đào Thị Hoa"), ("S3", "Lê Văn Hòa")):
        ids[code] = make.supervisor(db, name, code=code)
    for sup, unit, cadence in (
        ("S1", "XA-DA-01", "monthly"),
        ("S1", "CQ-01", "quarterly"),
        ("S2", "XA-DA-02", "monthly"),
        ("S2", "XA-DA", "monthly"),
    ):
        make.assign(db, ids[sup], ids[unit], cadence=cadence)
    for unit, day, present, members in (
        ("XA-DA-01", "2026-09-07", 19, 20),
        ("XA-DA-02", "2026-09-08", 7, 10),
        ("CQ-01", "2026-07-06", 9, 9),
    ):
        make.meeting(db, ids[unit], day, members_full=members, present=present, today=TODAY)
    for sup, unit, day, present, members, scores in (
        ("S1", "XA-DA-01", "2026-10-05", 20, 20, FULL),
        ("S1", "CQ-01", "2026-08-10", 8, 9, {**FULL, "content": 10}),
        ("S2", "XA-DA-02", "2026-08-12", 9, 10, {**FULL, "content": 5, "criticism": 0}),
    ):
        make.visit(
            db, ids[sup], ids[unit], day, meeting=dict(members_full=members, present=present),
            scores=scores, observations="Sinh hoạt đúng trình tự.", today=TODAY,
        )  # fmt: skip
    return ids


def make_world(db_path):
    """The district in a database file: (path, ids by code). Test modules wrap it in a
    `world` fixture."""
    return db_path, make.on_disk(db_path, build)


def current_supervisor(db_path, code: str) -> None:
    db = store_db.connect(db_path)
    uid = db.execute("select uid from supervisors where code = ?", [code]).fetchone()[0]
    settings.put(db, "current_supervisor", uid)
    db.conn.close()
