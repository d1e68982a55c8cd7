"""Builders for the personnel tests: units, supervisors, assignments and visits, written
through store.records as the modules that own them would."""

from store.core import records


def unit(db, name, kind="cell", parent_id=None, **extra) -> int:
    row = {"name": name, "kind": kind, "sector": "village", "parent_id": parent_id, **extra}
    return records.insert(db, "units", row)


def supervisor(db, name="Trần Văn Bình") -> int:
    return records.insert(db, "supervisors", {"name": name})


def assign(db, supervisor_id, unit_id, start="2024-01-01", end=None) -> int:
    row = {
        "supervisor_id": supervisor_id,
        "unit_id": unit_id,
        "cadence": "monthly",
        "start_date": start,
        "end_date": end,
    }
    return records.insert(db, "assignments", row)


def visit(db, supervisor_id, unit_id, day, status="done") -> int:
    row = {
        "supervisor_id": supervisor_id,
        "unit_id": unit_id,
        "status": status,
        "date": day if status == "done" else None,
        "planned_date": day,
    }
    return records.insert(db, "visits", row)


def changes(db, table) -> list[dict]:
    return list(db["changes"].rows_where("table_name = ?", [table], order_by="id"))
