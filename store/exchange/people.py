"""The import/export kinds people and posts.

A person is matched by `code`, or without one by name and birth year; a code not yet known
also adopts a code-less person of the same name and birth year. A post names its person by
`person_code`, or by `person_name` (+ `birth_year`), and its unit by code.
"""

from sqlite_utils import Database

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
from store.exchange.org import NOTE
from store.lang.i18n import _

PEOPLE_FIELDS = (
    "code",
    "name",
    "birth_year",
    "sex",
    "party_joined",
    "theory_level",
    "education",
    "training",
    "phone",
    "note",
)
POST_FIELDS = ("start_date", "end_date", "end_reason", "concurrent_role", "acting")


def _same_person(db: Database, name: str, birth_year, *, without_code: bool) -> list[dict]:
    where = "name = ? and birth_year is ?" + (" and code is null" if without_code else "")
    return rows_where(db, "people", where, [name, birth_year])


def _find_person(batch: Batch, item: Item) -> dict | None:
    code, name = item.values.get("code"), item.values["name"]
    if code:
        rows = rows_where(batch.db, "people", "code = ?", [code])
        if rows:
            return rows[0]
    rows = _same_person(batch.db, name, item.values.get("birth_year"), without_code=bool(code))
    if len(rows) > 1:
        batch.fail(
            item,
            "name",
            _("several people have this name and birth year; give each a code to tell them apart."),
        )
    return rows[0] if rows else None


def _person_record(batch: Batch, item: Item) -> dict:
    record = present(item, PEOPLE_FIELDS)
    if not record.get("code"):
        record.pop("code", None)  # a row without a code never erases a person's code
    return record


register(
    ImportSpec(
        kind="people",
        table="people",
        columns=(
            Column("code", ("Mã", "Mã đảng viên"), v.text),
            Column("name", ("Họ và tên", "Họ tên"), v.text, required=True),
            Column("birth_year", ("Năm sinh",), v.year, dated=True),
            Column("sex", ("Giới tính",), v.choice("sex")),
            Column("party_joined", ("Ngày vào Đảng",), v.iso_date),
            Column("theory_level", ("Lý luận chính trị", "Trình độ lý luận chính trị"), v.text),
            Column("education", ("Học vấn", "Trình độ học vấn"), v.text),
            Column("training", ("Chuyên môn", "Trình độ chuyên môn"), v.text),
            Column("phone", ("Điện thoại", "Số điện thoại"), v.phone),
            NOTE,
        ),
        key=lambda item: (
            ("code", item.values["code"])
            if item.values.get("code")
            else ("name", item.values["name"], item.values.get("birth_year"))
        ),
        find=_find_person,
        record=_person_record,
        export=lambda db: db.query(
            """select code, name, birth_year, sex, party_joined, theory_level, education,
                  training, phone, note from people order by sort_key, id"""
        ),
    )
)


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
           order by u.sort_key, p.role, pe.sort_key, p.start_date, p.id"""
        ),
    )
)
