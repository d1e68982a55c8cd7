"""A small district whose names hold the characters that break careless code: quotes,
LIKE wildcards, backslashes, brackets, SQL words, Vietnamese letters."""

from datetime import date

from tests import factories as make

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
        make.unit(db, name, code=f"U{i:02d}", kind="grassroots_cell", members_full=20)
        for i, name in enumerate(UNIT_NAMES)
    ]
    sup = make.supervisor(db, "Đào Văn Ấn", code="S01")
    for unit_id in units:
        make.assign(db, sup, unit_id)
    people = [make.person(db, name) for name in PEOPLE_NAMES]
    for unit_id, name in zip(units, UNIT_NAMES, strict=True):
        make.concern(
            db, unit_id, f"Kiến nghị về đường giao thông ({name[-12:]})", supervisor_id=sup,
            raised_date="2026-09-01", today=TODAY,
        )  # fmt: skip
    return {"units": units, "supervisor": sup, "people": people}
