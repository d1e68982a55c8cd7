"""The import/export kind units: the organization tree.

A unit is matched by `code`; its parent is named by code and may come later in the same file
(rows are written parents first). A unit may sit only where its kind may: a cell under a đảng bộ
cơ sở or a đảng bộ bộ phận, a đảng bộ bộ phận under a đảng bộ cơ sở.
"""

from sqlite_utils import Database

from store.exchange import values as v
from store.exchange.importer import (
    NOTE,
    Batch,
    Column,
    ImportSpec,
    Item,
    by_code,
    present,
    register,
    rows_where,
)
from store.lang import labels
from store.lang.codes import UnitKind
from store.lang.i18n import _

# Where each unit kind may sit: the kinds its parent may have (None: no parent).
PARENT_KINDS = {
    UnitKind.GRASSROOTS_COMMITTEE: None,
    UnitKind.GRASSROOTS_CELL: None,
    UnitKind.SUB_COMMITTEE: (UnitKind.GRASSROOTS_COMMITTEE,),
    UnitKind.CELL: (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.SUB_COMMITTEE),
}
_DEPTH = {
    UnitKind.GRASSROOTS_COMMITTEE: 0,
    UnitKind.GRASSROOTS_CELL: 0,
    UnitKind.SUB_COMMITTEE: 1,
    UnitKind.CELL: 2,
}


UNIT_FIELDS = (
    "code",
    "name",
    "kind",
    "sector",
    "members_full",
    "members_probationary",
    "members_exempt",
    "has_standing_committee",
    "committee_size",
    "standing_committee_size",
    "active",
    "place",
    "note",
)


def _unit_record(batch: Batch, item: Item) -> dict:
    record = present(item, UNIT_FIELDS)
    if "parent" in item.values:
        parent = item.values["parent"]
        record["parent_id"] = (
            rows_where(batch.db, "units", "code = ?", [parent])[0]["id"] if parent else None
        )
    return record


def _unit_tree(db: Database) -> dict[str, dict]:
    return {
        r["code"]: r
        for r in db.query(
            """select u.code, u.kind, p.code as parent, u.members_full, u.members_probationary
               from units u left join units p on p.id = u.parent_id where u.code is not null"""
        )
    }


def _check_units(batch: Batch) -> None:
    """Parents exist (in the file or the database) and fit the tree; members add up."""
    tree = _unit_tree(batch.db)
    for item in batch.items:
        known = tree.get(item.values["code"], {})
        tree[item.values["code"]] = {
            "kind": item.values["kind"],
            "parent": item.values.get("parent", known.get("parent")),
        }
    for item in batch.items:
        _check_parent(batch, item, tree)
        _check_members(batch, item)
    _check_children(batch, tree)


def _check_children(batch: Batch, tree: dict) -> None:
    """Units already in the database still fit under the parents the file changes."""
    in_file = {i.values["code"]: i for i in batch.items}
    for code, unit in tree.items():
        parent = in_file.get(unit["parent"])
        allowed = PARENT_KINDS.get(unit["kind"])
        if code in in_file or not parent or not allowed or parent.values["kind"] in allowed:
            continue
        batch.fail(
            parent,
            "kind",
            _("unit {code} ({kind}) cannot sit under a {parent}.").format(
                code=code,
                kind=labels.label("unit_kind", unit["kind"]),
                parent=labels.label("unit_kind", parent.values["kind"]),
            ),
        )


def _check_parent(batch: Batch, item: Item, tree: dict) -> None:
    kind, parent = item.values["kind"], tree[item.values["code"]]["parent"]
    allowed = PARENT_KINDS[kind]
    if parent is None:
        if allowed:
            batch.fail(
                item,
                "parent",
                _("a {kind} must name the unit it belongs to.").format(
                    kind=labels.label("unit_kind", kind)
                ),
            )
        return
    if parent not in tree:
        batch.fail(
            item,
            "parent",
            _("no unit with code {code!r} in the file or the database.").format(code=parent),
        )
    if not allowed or tree[parent]["kind"] not in allowed:
        batch.fail(
            item,
            "parent",
            _("a {kind} cannot sit under a {parent}.").format(
                kind=labels.label("unit_kind", kind),
                parent=labels.label("unit_kind", tree[parent]["kind"]),
            ),
        )


def _check_members(batch: Batch, item: Item) -> None:
    known = item.existing or {}
    figures = {
        n: item.values.get(n, known.get(n)) or 0
        for n in ("members_full", "members_probationary", "members_exempt")
    }
    if figures["members_exempt"] > figures["members_full"] + figures["members_probationary"]:
        batch.fail(item, "members_exempt", _("more exempted members than members."))


def _export_units(db: Database):
    return db.query(
        """select u.code, u.name, u.kind, u.sector, p.code as parent, u.members_full,
                  u.members_probationary, u.members_exempt, u.has_standing_committee,
                  u.committee_size, u.standing_committee_size, u.active, u.place, u.note
           from units u left join units p on p.id = u.parent_id order by u.sort_key, u.id"""
    )


register(
    ImportSpec(
        kind="units",
        table="units",
        columns=(
            Column("code", ("Mã", "Mã tổ chức", "Mã đơn vị"), v.text, required=True),
            Column("name", ("Tên tổ chức", "Tên", "Tên đơn vị"), v.name, required=True),
            Column("kind", ("Loại", "Loại tổ chức"), v.choice("unit_kind"), required=True),
            Column("sector", ("Loại hình",), v.choice("sector")),
            Column("parent", ("Trực thuộc", "Mã cấp trên", "Cấp trên"), v.text),
            Column(
                "members_full",
                ("Đảng viên chính thức", "Số đảng viên chính thức"),
                v.count,
                default=0,
            ),
            Column(
                "members_probationary",
                ("Đảng viên dự bị", "Số đảng viên dự bị"),
                v.count,
                default=0,
            ),
            Column(
                "members_exempt", ("Đảng viên miễn sinh hoạt", "Miễn sinh hoạt"), v.count, default=0
            ),
            Column(
                "has_standing_committee",
                ("Có ban thường vụ", "Ban thường vụ"),
                v.boolean,
                default=0,
            ),
            Column("committee_size", ("Số cấp ủy viên", "Số chi ủy viên"), v.count),
            Column("standing_committee_size", ("Số ủy viên ban thường vụ",), v.count),
            Column("active", ("Đang hoạt động", "Hoạt động"), v.boolean, default=1),
            Column("place", ("Địa bàn", "Địa chỉ"), v.text),
            NOTE,
        ),
        key=lambda item: (item.values["code"],),
        find=by_code("units"),
        record=_unit_record,
        check_all=_check_units,
        order=lambda items: sorted(items, key=lambda i: _DEPTH[i.values["kind"]]),
        export=_export_units,
    )
)
