"""The import/export kind concerns: issues raised at the grassroots, with their current status.

Natural key: unit code + date raised + description (folded: case and diacritics ignored).
Category and route are the rulebook's ids or labels. A new row is raised as the concern form
raises it (`store.concerns.raise_concern`); a row whose status differs from the concern's
takes one workflow step (`transition`, or `reopen` back to "in progress" with the reason in
`status_note`), dated `status_date` (default today) with `status_note` as its note. An
impossible step is a row error. An empty cell keeps what a recorded concern has (an empty
`owner` clears it); its route and supervisor cannot change.
"""

from sqlite_utils import Database

from store import concerns
from store.exchange import values as v
from store.exchange.importer import Batch, Column, ImportSpec, Item, ref_id, register, rows_where
from store.lang.codes import ConcernStatus
from store.lang.i18n import _
from store.lang.text import fold
from store.rules.rulebook import in_force as rulebook_in_force

EDITABLE = ("description", "owner", "due_date", "priority", "category")
FIXED = ("route", "supervisor_id")


def _rulebook_id(batch: Batch, item: Item, column: str, choices) -> str | None:
    """The id of a rulebook category or route written as its id or its label."""
    value = item.values.get(column)
    if not value:
        return None
    for choice in choices:
        if v.word(value) in (v.word(choice.id), v.word(choice.label)):
            return choice.id
    known = ", ".join(c.label for c in choices)
    batch.fail(
        item, column, _("{value!r} is not one of: {known}.").format(value=value, known=known)
    )


def _resolve(batch: Batch, item: Item) -> None:
    rulebook = rulebook_in_force(batch.db)
    item.refs["unit_id"] = ref_id(batch, item, "unit", "units", _("no unit with code {code!r}."))
    if item.values.get("supervisor"):
        item.refs["supervisor_id"] = ref_id(
            batch, item, "supervisor", "supervisors", _("no supervisor with code {code!r}.")
        )
    item.refs["category"] = _rulebook_id(batch, item, "category", rulebook.categories)
    item.refs["route"] = _rulebook_id(batch, item, "route", rulebook.routes)


def _key(item: Item) -> tuple:
    return (item.refs["unit_id"], item.values["raised_date"], fold(item.values["description"]))


def _find(batch: Batch, item: Item) -> dict | None:
    rows = rows_where(
        batch.db,
        "concerns",
        "unit_id = ? and raised_date = ? and description_folded = ?",
        list(_key(item)),
    )
    return rows[0] if rows else None


def _record(batch: Batch, item: Item) -> dict:
    """The concern's fields the row gives (an empty cell gives none, but `owner`)."""
    record = {
        "description": item.values["description"],
        "due_date": item.values.get("due_date"),
        "priority": item.values.get("priority"),
        "category": item.refs.get("category"),
        "route": item.refs.get("route"),
        "supervisor_id": item.refs.get("supervisor_id"),
    }
    record = {k: val for k, val in record.items() if val is not None}
    if "owner" in item.values:
        record["owner"] = item.values["owner"]
    return record


def _check(batch: Batch) -> None:
    """Rows that add a concern name what it needs; rows that change one keep its route and
    supervisor, and a reopening gives its reason."""
    for item in batch.items:
        record, existing = _record(batch, item), item.existing
        if existing is None:
            for column in ("category", "route"):
                if column not in record:
                    batch.fail(item, column, _("a new concern needs this column filled."))
            continue
        for name in FIXED:
            if name in record and record[name] != existing[name]:
                column = "supervisor" if name == "supervisor_id" else name
                batch.fail(item, column, _("cannot change on a recorded concern."))
        status = item.values.get("status")
        reopening = existing["status"] in concerns.CLOSED and status == concerns.REOPEN_TO
        if reopening and not item.values.get("status_note"):
            batch.fail(item, "status_note", _("give the reason for reopening the concern."))


def _step(batch: Batch, item: Item, current: str) -> bool:
    """Take the row's status as one workflow step; False when the status is the same."""
    status = item.values.get("status")
    if not status or status == current:
        return False
    note = item.values.get("status_note") or _("Status imported from {file}.").format(
        file=batch.path.name
    )
    day = item.values.get("status_date")
    concern_id = item.existing["id"] if item.existing else item.refs["concern_id"]
    if current in concerns.CLOSED and status == concerns.REOPEN_TO:
        concerns.reopen(batch.db, concern_id, note, day, today=batch.today)
    else:
        concerns.transition(batch.db, concern_id, status, note=note, date=day, today=batch.today)
    return True


def _write(batch: Batch, item: Item) -> str:
    record = _record(batch, item)
    if item.existing is None:
        item.refs["concern_id"] = concerns.raise_concern(
            batch.db,
            unit_id=item.refs["unit_id"],
            raised_date=item.values["raised_date"],
            today=batch.today,
            **record,
        )
        _step(batch, item, ConcernStatus.NEW)
        return "added"
    existing = item.existing
    changes = {k: record[k] for k in EDITABLE if k in record and record[k] != existing[k]}
    if changes:
        concerns.edit_concern(batch.db, existing["id"], **changes)
    stepped = _step(batch, item, existing["status"])
    return "updated" if changes or stepped else "unchanged"


def _export(db: Database):
    return db.query(
        """select u.code as unit, c.raised_date, c.category, c.description, c.route, c.owner,
                  c.due_date, c.priority, s.code as supervisor, c.status,
                  e.date as status_date, e.note as status_note
             from concerns c
             join units u on u.id = c.unit_id
             left join supervisors s on s.id = c.supervisor_id
             left join concern_events e on e.id = (
                  select e2.id from concern_events e2 where e2.concern_id = c.id
                   order by e2.date desc, e2.id desc limit 1)
            order by c.raised_date, u.sort_key, c.id"""
    )


register(
    ImportSpec(
        kind="concerns",
        table="concerns",
        columns=(
            Column("unit", ("Mã tổ chức", "Tổ chức", "Đơn vị"), v.text, required=True),
            Column("raised_date", ("Ngày phát sinh", "Ngày nêu"), v.iso_date, required=True),
            Column("category", ("Lĩnh vực",), v.text),
            Column(
                "description",
                ("Nội dung", "Nội dung vướng mắc, kiến nghị", "Vấn đề vướng mắc"),
                v.text,
                required=True,
            ),
            Column("route", ("Hướng giải quyết", "Hướng xử lý"), v.text),
            Column("owner", ("Người thực hiện", "Cơ quan, người giải quyết"), v.text),
            Column("due_date", ("Hạn giải quyết", "Thời hạn"), v.iso_date),
            Column("priority", ("Mức độ ưu tiên", "Ưu tiên"), v.choice("priority")),
            Column("supervisor", ("Mã cán bộ phụ trách", "Cán bộ phụ trách"), v.text),
            Column("status", ("Trạng thái", "Tình trạng"), v.choice("concern_status")),
            Column("status_date", ("Ngày cập nhật", "Ngày chuyển trạng thái"), v.iso_date),
            Column("status_note", ("Ghi chú", "Kết quả giải quyết"), v.text),
        ),
        key=_key,
        resolve=_resolve,
        find=_find,
        record=_record,
        check_all=_check,
        write=_write,
        export=_export,
    )
)
