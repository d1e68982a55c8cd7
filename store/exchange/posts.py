"""The import/export kind posts: who holds which post in which unit, from when.

A post names its person by `person_code`, or by `person_name` (+ `birth_year`), and its unit by
code; it is matched by person + unit + role + start date.
"""

from store.exchange import values as v
from store.exchange.importer import (
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
from store.exchange.people import _same_person
from store.lang.codes import role_rank_sql
from store.lang.i18n import _

POST_FIELDS = ("start_date", "end_date", "end_reason", "concurrent_role", "acting")


def _resolve_post(batch: Batch, item: Item) -> None:
    item.refs["person_id"] = _post_person(batch, item)
    item.refs["unit_id"] = ref_id(batch, item, "unit", "units", _("no unit with code {code!r}."))
    check_dates(batch, item)


def _post_person(batch: Batch, item: Item) -> int:
    if item.values.get("person_code"):
        return ref_id(batch, item, "person_code", "people", _("no person with code {code!r}."))
    name = item.values.get("person_name")
    if not name:
        batch.fail(item, "person_code", _("give the person's code or name."))
    born = item.values.get("birth_year")
    rows = _same_person(batch.db, name, born, without_code=False)
    if born is None and not rows:
        rows = rows_where(batch.db, "people", "name = ?", [name])
    if len(rows) != 1:
        problem = (
            _("no person named {name!r}{born}.")
            if not rows
            else _("several people are named {name!r}{born}; give person_code.")
        )
        batch.fail(
            item,
            "person_name",
            problem.format(name=name, born=_(" born {year}").format(year=born) if born else ""),
        )
    return rows[0]["id"]


def _find_post(batch: Batch, item: Item) -> dict | None:
    rows = rows_where(
        batch.db,
        "posts",
        "person_id = ? and unit_id = ? and role = ? and start_date is ?",
        [
            item.refs["person_id"],
            item.refs["unit_id"],
            item.values["role"],
            item.values.get("start_date"),
        ],
    )
    return rows[0] if rows else None


register(
    ImportSpec(
        kind="posts",
        table="posts",
        columns=(
            Column("person_code", ("Mã đảng viên", "Mã người"), v.text),
            Column("person_name", ("Họ và tên", "Họ tên"), v.text),
            Column("birth_year", ("Năm sinh",), v.year, dated=True),
            Column("unit", ("Mã tổ chức", "Tổ chức", "Đơn vị"), v.text, required=True),
            Column("role", ("Chức vụ", "Vai trò"), v.choice("role"), required=True),
            Column("start_date", ("Từ ngày", "Ngày bắt đầu"), v.iso_date),
            Column("end_date", ("Đến ngày", "Ngày kết thúc"), v.iso_date),
            Column("end_reason", ("Lý do thôi", "Lý do kết thúc"), v.text),
            Column("concurrent_role", ("Kiêm nhiệm",), v.choice("concurrent_role")),
            Column("acting", ("Quyền", "Quyền bí thư"), v.boolean, default=0),
        ),
        key=lambda item: (
            item.refs["person_id"],
            item.refs["unit_id"],
            item.values["role"],
            item.values.get("start_date"),
        ),
        resolve=_resolve_post,
        find=_find_post,
        record=lambda batch, item: {
            **item.refs,
            "role": item.values["role"],
            **present(item, POST_FIELDS),
        },
        export=lambda db: db.query(
            """select pe.code as person_code, pe.name as person_name, pe.birth_year, u.code as unit,
                  p.role, p.start_date, p.end_date, p.end_reason, p.concurrent_role, p.acting
           from posts p join people pe on pe.id = p.person_id join units u on u.id = p.unit_id
           order by u.sort_key, """  # noqa: S608 (a fixed expression)
            + role_rank_sql("p.role")
            + ", pe.sort_key, p.start_date, p.id"
        ),
    )
)
