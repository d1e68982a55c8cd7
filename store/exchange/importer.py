"""Import and export of records as spreadsheets, one registered `ImportSpec` per kind.

`import_file(db, kind, path, today=day)` reads a .csv or .xlsx file, validates EVERY row before
writing anything (cells, required columns, references, duplicates, checks across rows),
then writes all rows in one `db.atomic()` through `store.core.records` (every write is audited): a
row
whose natural key matches an existing record updates it, or leaves it alone if nothing
changed; any other row is added. One bad row: nothing is written, and the ValidationError
names the file, the row (the header is row 1), the column and the problem.

`export_rows(db, kind)` gives the columns and rows that `import_file` reads back unchanged.

Adding a kind (meetings, visits, concerns): write an `ImportSpec` in a module of its own,
modelled on `store/exchange/units.py`: its columns (code name, Vietnamese headers, a parser
from `store.import_values`), `resolve` (per-row checks and references, stored in
`item.refs`), `key` (the natural key inside the file), `find` (the existing record it
matches), `record` (the database fields), `export` (rows keyed by column name), and
optionally `check_all` and `order`. Call `register(spec)` at the module's end and add the
module to `KIND_MODULES`. The CLI picks the new kind up from `kinds()`.

Export and personnel: capability notes, succession plans, candidates and actions are
confidential and are NOT import kinds: they are exported, read-only and marked confidential,
by `store.exchange.personnel`, and only when the caller asks for personnel content
(`phutrach export KIND --include-personnel`). No spec here may carry assessment fields.
"""

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import NoReturn

from sqlite_utils import Database

from store.core import actions, records
from store.core.errors import ValidationError
from store.exchange.tabular import Sheet, read_sheet
from store.exchange.values import text, word
from store.lang.codes import HistoryAction
from store.lang.i18n import _
from store.lang.text import vn_date
from store.rules.rulebook import Rulebook
from store.rules.rulebook import in_force as rulebook_in_force

# One module per kind, named as the kind, in the order a whole set is read: what a row refers
# to comes before it (units before posts, meetings before visits).
KIND_MODULES = (
    "store.exchange.units",
    "store.exchange.supervisors",
    "store.exchange.assignments",
    "store.exchange.people",
    "store.exchange.posts",
    "store.exchange.meetings",
    "store.exchange.visits",
    "store.exchange.concerns",
)
_SPECS: dict[str, "ImportSpec"] = {}


@dataclass(frozen=True)
class Column:
    name: str  # the code name: the export header, and the field unless the spec maps it
    headers: tuple[str, ...] = ()  # other accepted headers, Vietnamese first
    parse: Callable[..., object] = text  # (cell) or, when `dated`, (cell, today)
    required: bool = False  # the column must be there and its cells filled
    default: object = None  # the value of an empty cell
    dated: bool = False  # `parse` takes (text, today): a bound that moves with the day


NOTE = Column("note", ("Ghi chú",))  # every kind's free note


@dataclass
class Item:
    """One data row of the file: its number, parsed values (present columns only), the
    headers as the file wrote them, and what the spec resolved (ids, the matched record)."""

    number: int
    values: dict
    headers: dict[str, str]
    refs: dict = field(default_factory=dict)
    existing: dict | None = None


@dataclass(frozen=True)
class ImportSpec:
    kind: str
    table: str
    columns: tuple[Column, ...]
    key: Callable[["Item"], tuple]
    find: Callable[["Batch", "Item"], dict | None]
    record: Callable[["Batch", "Item"], dict]
    export: Callable[[Database], Iterable[dict]]
    resolve: Callable[["Batch", "Item"], None] = lambda batch, item: None
    check_all: Callable[["Batch"], None] = lambda batch: None
    order: Callable[[list["Item"]], list["Item"]] = list
    personnel: bool = False
    # A use case's own write path (e.g. a concern with its status steps) instead of the
    # generic insert/update of `record`: returns "added", "updated" or "unchanged". A store
    # ValidationError it raises is reported with the row's number.
    write: Callable[["Batch", "Item"], str] | None = None
    # Columns that depend on the database (a score column per criterion of the rulebook in
    # force), added after `columns` when a batch is read or an export is made.
    more_columns: Callable[[Database], tuple[Column, ...]] = lambda db: ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


@dataclass(frozen=True)
class ImportSummary:
    kind: str
    added: int
    updated: int
    unchanged: int


@dataclass
class Batch:
    """What a spec sees while validating: the database, the file and all its rows."""

    db: Database
    spec: ImportSpec
    path: Path
    today: date  # the reference day: no date after it is plausible
    items: list[Item] = field(default_factory=list)

    @cached_property
    def rulebook(self) -> Rulebook:
        """The rulebook in force, read once per batch."""
        return rulebook_in_force(self.db)

    def fail(self, item: Item | None, column: str | None, problem: str) -> NoReturn:
        """Raise the ValidationError naming file, row and column (as the file spells it)."""
        header = _shown((item.headers.get(column) if item and column else None) or column)
        row = item.number if item else 1
        if header:
            where = _("{file}, row {row}, column {column}").format(
                file=self.path, row=row, column=header
            )
        else:
            where = _("{file}, row {row}").format(file=self.path, row=row)
        raise ValidationError(problem, field=column, where=where)


def _shown(header: str | None) -> str | None:
    """A header as an error message may quote it: on one line, control characters escaped."""
    return header if header is None or header.isprintable() else repr(header)


def register(spec: ImportSpec) -> ImportSpec:
    _SPECS[spec.kind] = spec
    return spec


def kinds(*, personnel: bool = False) -> tuple[str, ...]:
    """The kinds that can be imported and exported (personnel ones only on request)."""
    _load()
    order = [module.rsplit(".", 1)[1] for module in KIND_MODULES]  # a module per kind
    found = sorted(_SPECS, key=lambda k: order.index(k) if k in order else len(order))
    return tuple(k for k in found if personnel or not _SPECS[k].personnel)


def spec(kind: str) -> ImportSpec:
    _load()
    if kind not in _SPECS or _SPECS[kind].personnel:
        raise ValidationError(
            _("Unknown kind {kind!r}; choose one of: {kinds}.").format(
                kind=kind, kinds=", ".join(kinds())
            ),
            field="kind",
        )
    return _SPECS[kind]


def _load() -> None:
    for module in KIND_MODULES:
        importlib.import_module(module)


# How many rows are read between two calls of `progress`.
PROGRESS_EVERY = 500
Progress = Callable[[int, int], None]  # (rows done, rows in the file)


def import_file(
    db: Database, kind: str, path: Path | str, *, today: date, progress: Progress | None = None
) -> ImportSummary:
    """Validate every row of `path`, then write them all in one transaction, or none."""
    return import_sheet(db, kind, read_sheet(Path(path)), today=today, progress=progress)


def import_sheet(
    db: Database, kind: str, sheet: Sheet, *, today: date, progress: Progress | None = None
) -> ImportSummary:
    """`import_file` for a sheet already checked (so a file over a bound or unreadable fails
    before a database opens); its rows are streamed from the file as they are validated."""
    added = updated = 0
    # Checked and written against the same state of the database, as one entry of the history.
    with actions.action(db, HistoryAction.IMPORT):
        batch = validate(db, kind, sheet, today=today, progress=progress)
        for item in batch.spec.order(batch.items):
            outcome = _write_item(batch, item)
            added += outcome == "added"
            updated += outcome == "updated"
    return ImportSummary(kind, added, updated, len(batch.items) - added - updated)


def _write_item(batch: Batch, item: Item) -> str:
    try:
        return (batch.spec.write or _write_record)(batch, item)
    except ValidationError as exc:
        if exc.where:
            raise
        batch.fail(item, exc.field, exc.detail)
        raise  # unreachable: batch.fail raises


def _write_record(batch: Batch, item: Item) -> str:
    """The generic write: insert the record, or update the fields that changed."""
    record = batch.spec.record(batch, item)
    if item.existing is None:
        records.insert(batch.db, batch.spec.table, record)
        return "added"
    changes = {
        k: v
        for k, v in records.normalise(batch.spec.table, record).items()
        if item.existing.get(k) != v
    }
    if not changes:
        return "unchanged"
    records.update(batch.db, batch.spec.table, item.existing["id"], changes)
    return "updated"


def validate(
    db: Database, kind: str, sheet: Sheet, *, today: date, progress: Progress | None = None
) -> Batch:
    """Every check, nothing written: returns the batch ready to write."""
    batch = Batch(db, _bound(spec(kind), db), sheet.path, today)
    positions = _map_headers(batch, sheet.headers)
    for row in sheet.rows:
        batch.items.append(_parse(batch, positions, sheet.headers, row.number, row.cells))
        if progress and row.number % PROGRESS_EVERY == 0:
            progress(row.number, sheet.size)
    if progress:
        progress(sheet.size, sheet.size)
    for item in batch.items:
        batch.spec.resolve(batch, item)
    _unique(
        batch,
        batch.spec.key,
        _("the same record as row {row}; a record may appear once in a file."),
    )
    for item in batch.items:
        item.existing = batch.spec.find(batch, item)
    with_match = [i for i in batch.items if i.existing is not None]
    _unique(
        batch,
        lambda item: item.existing["id"],
        _("matches the same record as row {row}."),
        items=with_match,
    )
    batch.spec.check_all(batch)
    return batch


def _map_headers(batch: Batch, headers: list[str]) -> dict[str, int]:
    """Column name -> position in the row; unknown, repeated or missing columns fail."""
    accepted = {}
    for column in batch.spec.columns:
        for alias in (column.name, *column.headers):
            accepted[word(alias)] = column.name
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        name = accepted.get(word(header))
        if name is None:
            names = ", ".join(c.name for c in batch.spec.columns)
            batch.fail(
                None,
                header,
                _("unknown column; the columns of {kind} are: {names}.").format(
                    kind=batch.spec.kind, names=names
                ),
            )
        if name in positions:
            batch.fail(None, header, _("this column is given twice."))
        positions[name] = index
    for column in batch.spec.columns:
        if column.required and column.name not in positions:
            batch.fail(None, column.name, _("this column is missing."))
    return positions


def _parse(batch: Batch, positions: dict[str, int], headers: list[str], number, cells) -> Item:
    item = Item(number, {}, {name: headers[i] for name, i in positions.items()})
    extra = [c for c in cells[len(headers) :] if c.strip()]
    if extra:
        batch.fail(item, None, _("this row has more cells than the header has columns."))
    for name, index in positions.items():
        column = batch.spec.column(name)
        cell = cells[index].strip() if index < len(cells) else ""
        if not cell:
            if column.required:
                batch.fail(item, name, _("must not be empty."))
            item.values[name] = column.default
            continue
        try:
            parsed = column.parse(cell, batch.today) if column.dated else column.parse(cell)
            item.values[name] = parsed
        except ValueError as exc:
            batch.fail(item, name, str(exc))
    return item


def _unique(batch: Batch, key: Callable, problem: str, items=None) -> None:
    seen: dict = {}
    for item in batch.items if items is None else items:
        value = key(item)
        if value in seen:
            batch.fail(item, None, problem.format(row=seen[value].number))
        seen[value] = item


def export_rows(db: Database, kind: str) -> tuple[list[str], list[dict]]:
    """The columns and rows of `kind`, as `import_file` reads them back."""
    chosen = _bound(spec(kind), db)
    return [c.name for c in chosen.columns], list(chosen.export(db))


def _bound(chosen: ImportSpec, db: Database) -> ImportSpec:
    """The spec with the columns this database adds (`more_columns`)."""
    more = chosen.more_columns(db)
    return replace(chosen, columns=chosen.columns + tuple(more)) if more else chosen


# Helpers for specs ------------------------------------------------------------------------


def rows_where(db: Database, table: str, where: str, params: list) -> list[dict]:
    """At most two matching rows: enough to tell none, one and several apart."""
    return list(db[table].rows_where(where, params, limit=2))


def by_code(table: str):
    def find(batch: Batch, item: Item) -> dict | None:
        rows = rows_where(batch.db, table, "code = ?", [item.values["code"]])
        return rows[0] if rows else None

    return find


def ref_id(batch: Batch, item: Item, column: str, table: str, problem: str) -> int:
    """The id of the record whose code is in `column`, or fail naming the cell."""
    code = item.values[column]
    rows = rows_where(batch.db, table, "code = ?", [code])
    if not rows:
        batch.fail(item, column, problem.format(code=code))
    return rows[0]["id"]


def check_dates(batch: Batch, item: Item) -> None:
    start, end = item.values.get("start_date"), item.values.get("end_date")
    if start and end and end < start:
        message = _("ends before it starts ({start}).").format(start=vn_date(start))
        batch.fail(item, "end_date", message)


def present(item: Item, names: tuple[str, ...]) -> dict:
    return {n: item.values[n] for n in names if n in item.values}
