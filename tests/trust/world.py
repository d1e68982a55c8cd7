"""A small district whose names hold the characters that break careless code: quotes,
LIKE wildcards, backslashes, brackets, SQL words, Vietnamese letters."""

from datetime import date

from store import concerns
from store.core import records
from store.personnel.people import add_person

TODAY = date(2026, 10, 20)
UNIT_NAMES = (
    "Chi bộ thôn Đông",
    "Chi bộ thôn Đoài",
    "Đảng bộ xã Đào Xá",
    "Chi bộ Công ty 100% vốn nhà nước",
    "Chi bộ tổ_dân_phố số 5",
    'Chi bộ O\'Neil "Quyết Thắng"',
    "Chi bộ [Khu A] (cũ)",
    "Chi bộ back\\slash; DROP TABLE units; --",
    "Chi bộ OR 1=1",
    "Chi bộ Nguyễn Văn Ấn",
)
PEOPLE_NAMES = (
    "Nguyễn Văn Ấn",
    "Đào Thị Hoa",
    "Lê Văn O'Brien",
    "Trần 100% Minh",
    "Phạm_Văn_Nam",
    "Hoàng [Thị] Lan",
    "Vũ \\ Đức",
)


def build(db) -> dict:
    """Units, a supervisor assigned to all, people and a concern per unit; returns the ids."""
    units = [
        records.insert(
            db,
            "units",
            {
                "name": name,
                "code": f"U{i:02d}",
                "kind": "grassroots_cell",
                "sector": "village",
                "members_full": 20,
            },
        )
        for i, name in enumerate(UNIT_NAMES)
    ]
    sup = records.insert(db, "supervisors", {"name": "Đào Văn Ấn", "code": "S01"})
    for unit_id in units:
        records.insert(
            db,
            "assignments",
            {
                "supervisor_id": sup,
                "unit_id": unit_id,
                "cadence": "monthly",
                "start_date": "2026-01-01",
            },
        )
    people = [add_person(db, name=name) for name in PEOPLE_NAMES]
    for unit_id, name in zip(units, UNIT_NAMES, strict=True):
        concerns.raise_concern(
            db,
            unit_id=unit_id,
            category="socio_economic",
            description=f"Kiến nghị về đường giao thông ({name[-12:]})",
            route="committee",
            supervisor_id=sup,
            raised_date="2026-09-01",
            today=TODAY,
        )
    return {"units": units, "supervisor": sup, "people": people}
