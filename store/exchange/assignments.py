"""The import/export kind assignments: a supervisor in charge of a unit with a cadence, matched
by supervisor code + unit code + start date.
"""

from store.exchange import values as v
from store.exchange.importer import (
    NOTE,
    Batch,
    Column,
    ImportSpec,
    Item,
    check_dates,
    present,
    ref_id,
    register,
    rows_where,
)
from store.lang.i18n import _


def _resolve_assignment(batch: Batch, item: Item) -> None:
    item.refs["supervisor_id"] = ref_id(
        batch, item, "supervisor", "supervisors", _("no supervisor with code {code!r}.")
    )
    item.refs["unit_id"] = ref_id(batch, item, "unit", "units", _("no unit with code {code!r}."))
    check_dates(batch, item)


def _find_assignment(batch: Batch, item: Item) -> dict | None:
    rows = rows_where(
        batch.db,
        "assignments",
        "supervisor_id = ? and unit_id = ? and start_date = ?",
        [item.refs["supervisor_id"], item.refs["unit_id"], item.values["start_date"]],
    )
    return rows[0] if rows else None


register(
    ImportSpec(
        kind="assignments",
        table="assignments",
        columns=(
            Column(
                "supervisor",
                ("Mã cán bộ phụ trách", "Cán bộ phụ trách", "Người phụ trách"),
                v.text,
                required=True,
            ),
            Column("unit", ("Mã tổ chức", "Tổ chức", "Đơn vị"), v.text, required=True),
            Column("cadence", ("Định kỳ", "Chu kỳ"), v.choice("cadence"), required=True),
            Column("start_date", ("Từ ngày", "Ngày bắt đầu"), v.iso_date, required=True),
            Column("end_date", ("Đến ngày", "Ngày kết thúc"), v.iso_date),
            NOTE,
        ),
        key=lambda item: (
            item.refs["supervisor_id"],
            item.refs["unit_id"],
            item.values["start_date"],
        ),
        resolve=_resolve_assignment,
        find=_find_assignment,
        record=lambda batch, item: {
            **item.refs,
            **present(item, ("cadence", "start_date", "end_date", "note")),
        },
        export=lambda db: db.query(
            """select s.code as supervisor, u.code as unit, a.cadence, a.start_date, a.end_date,
                  a.note
           from assignments a join supervisors s on s.id = a.supervisor_id
                join units u on u.id = a.unit_id
           order by s.sort_key, u.sort_key, a.start_date, a.id"""
        ),
    )
)
