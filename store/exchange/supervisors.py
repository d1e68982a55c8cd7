"""The import/export kind supervisors: committee members assigned to oversee units, by `code`."""

from store.exchange import values as v
from store.exchange.importer import (
    Column,
    ImportSpec,
    by_code,
    register,
)

register(
    ImportSpec(
        kind="supervisors",
        table="supervisors",
        columns=(
            Column("code", ("Mã", "Mã cán bộ"), v.text, required=True),
            Column("name", ("Họ và tên", "Họ tên", "Tên"), v.name, required=True),
            Column("title", ("Chức vụ",), v.text),
            Column("phone", ("Điện thoại", "Số điện thoại"), v.phone),
            Column("email", ("Thư điện tử",), v.email),
            Column("active", ("Đang hoạt động", "Hoạt động"), v.boolean, default=1),
        ),
        key=lambda item: (item.values["code"],),
        find=by_code("supervisors"),
        record=lambda batch, item: dict(item.values),
        export=lambda db: db.query(
            "select code, name, title, phone, email, active from supervisors order by sort_key, id"
        ),
    )
)
