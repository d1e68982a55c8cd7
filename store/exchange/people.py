"""The import/export kind people.

A person is matched by `code`, or without one by name and birth year; a code not yet known
also adopts a code-less person of the same name and birth year.
"""

from sqlite_utils import Database

from store.exchange import values as v
from store.exchange.importer import (
    NOTE,
    Batch,
    Column,
    ImportSpec,
    Item,
    present,
    register,
    rows_where,
)
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
            Column("name", ("Họ và tên", "Họ tên"), v.name, required=True),
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
