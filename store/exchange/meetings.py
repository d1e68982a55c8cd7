"""The import/export kind meetings, and what the kind visits shares with it (see importer.py).

Natural keys: a meeting by unit code + date + kind; a visit by supervisor code + unit code +
date + kind. A row whose key is stored updates that record (a clerk re-importing a corrected
sheet expects the record fixed, not a second one); two rows of one key in a file are refused,
each named. The store's rules hold as for a form: the kinds the unit may hold, a committee
meeting counted out of the committee. A visit row carries its meeting's figures and one column
per criterion of the score sheet in force (`score.attendance`…, or the criterion's label as
header). Rows are checked by the store functions the forms use (`check_meeting`,
`check_scores`, the assignment on the date) and written through `record_meeting`/
`update_meeting` and `record_visit`/`update_visit`, so that an import can never store what a
form would refuse.

Columns left out of a file keep their values: for a new meeting, the members come from the
unit and the absences are 0; for a known one, from what is stored.
"""

from functools import cache

from store.core.errors import ValidationError
from store.exchange import values as v
from store.exchange.importer import (
    NOTE,
    Batch,
    Column,
    ImportSpec,
    Item,
    ref_id,
    register,
    rows_where,
)
from store.lang.codes import MeetingKind
from store.lang.i18n import _
from store.visits.meetings import (
    check_meeting,
    meeting_defaults,
    record_meeting,
    same_meeting,
    update_meeting,
)

# The users' words for meeting kinds, beyond the code and its label.
KIND_WORDS = {
    MeetingKind.REGULAR: ("Định kỳ", "Thường kỳ", "Sinh hoạt định kỳ", "Sinh hoạt thường kỳ"),
    MeetingKind.THEMATIC: ("Chuyên đề", "Sinh hoạt chuyên đề"),
    MeetingKind.COMMITTEE: ("Cấp ủy", "Chi ủy", "Đảng ủy", "Sinh hoạt cấp ủy"),
    MeetingKind.STANDING: ("Thường vụ", "Ban thường vụ", "Sinh hoạt ban thường vụ"),
    MeetingKind.GENERAL: ("Hội nghị đảng bộ", "Hội nghị"),
}
SCORE = "score."


@cache
def _kind_words() -> dict[str, str]:
    return {v.word(w): code for code, words in KIND_WORDS.items() for w in words}


def meeting_kind(value: str) -> str:
    """A meeting kind from its code, its label or the users' words (`Chuyên đề`)."""
    return _kind_words().get(v.word(value)) or v.choice("meeting_kind")(value)


UNIT = Column("unit", ("Mã tổ chức", "Tổ chức", "Đơn vị"), v.text, required=True)
MEETING_COLUMNS = (
    Column("date", ("Ngày", "Ngày sinh hoạt"), v.iso_date, required=True),
    Column("kind", ("Loại sinh hoạt", "Hình thức sinh hoạt"), meeting_kind, required=True),
    Column("topic", ("Chuyên đề", "Chủ đề"), v.text),
    Column("members_full", ("Đảng viên chính thức",), v.count),
    Column("members_probationary", ("Đảng viên dự bị",), v.count),
    Column("members_exempt", ("Miễn sinh hoạt", "Đảng viên miễn sinh hoạt"), v.count),
    Column("present", ("Có mặt", "Số có mặt"), v.count),
    Column("absent_excused", ("Vắng có lý do",), v.count),
    Column("absent_unexcused", ("Vắng không lý do",), v.count),
    Column("duration_minutes", ("Thời gian (phút)", "Thời gian", "Số phút"), v.integer),
    Column("minutes_kept", ("Biên bản", "Có biên bản", "Ghi biên bản"), v.boolean),
    Column("resolution_adopted", ("Nghị quyết", "Ra nghị quyết", "Có nghị quyết"), v.boolean),
)
MEETING_NAMES = tuple(c.name for c in MEETING_COLUMNS)


def _checked(batch: Batch, item: Item, call, *args, **kwargs):
    """Run a store check; its ValidationError names this row and the field's column."""
    try:
        return call(*args, **kwargs)
    except ValidationError as exc:
        batch.fail(item, exc.field, exc.detail)


def _meeting_row(batch: Batch, item: Item, stored: dict | None, names, source: str) -> dict:
    """The meeting's clean fields: the row's values over the stored (or default) ones."""
    if stored is None:
        stored = {
            **meeting_defaults(batch.db, item.refs["unit_id"], item.values.get("kind")),
            "absent_excused": 0,
            "absent_unexcused": 0,
        }
    given = {k: item.values[k] for k in names if k in item.values}
    values = {**stored, **given, "source": source}
    # A new visit records the unit's meeting of that kind and day if it is stored.
    same = stored.get("id") or same_meeting(
        batch.db, item.refs["unit_id"], values["kind"], values["date"]
    )
    return _checked(
        batch,
        item,
        check_meeting,
        batch.db,
        item.refs["unit_id"],
        values,
        today=batch.today,
        meeting_id=same,
    )


def _resolve_meeting(batch: Batch, item: Item) -> None:
    item.refs["unit_id"] = ref_id(batch, item, "unit", "units", _("no unit with code {code!r}."))


def _find_meeting(batch: Batch, item: Item) -> dict | None:
    rows = rows_where(
        batch.db,
        "meetings",
        "unit_id = ? and date = ? and kind = ?",
        [item.refs["unit_id"], item.values["date"], item.values["kind"]],
    )
    if len(rows) > 1:
        batch.fail(
            item,
            None,
            _(
                "several meetings of this unit, kind and date are recorded; the row cannot tell "
                "which one it is."
            ),
        )
    return rows[0] if rows else None


def _check_meetings(batch: Batch) -> None:
    names = (*MEETING_NAMES, "note")
    for item in batch.items:
        stored = item.existing
        source = stored["source"] if stored else "import"
        row = _meeting_row(batch, item, stored, names, source)
        item.refs["changes"] = {k: row[k] for k in names if stored[k] != row[k]} if stored else row
        visited = stored and batch.db["visits"].count_where("meeting_id = ?", [stored["id"]])
        if visited and item.refs["changes"]:
            batch.fail(
                item,
                next(iter(item.refs["changes"])),
                _("A supervisor attended this meeting: change it through the visit."),
            )


def _write_meeting(batch: Batch, item: Item) -> str:
    changes = item.refs["changes"]
    if item.existing is None:
        record_meeting(batch.db, item.refs["unit_id"], today=batch.today, **changes)
        return "added"
    if not changes:
        return "unchanged"
    update_meeting(batch.db, item.existing["id"], today=batch.today, **changes)
    return "updated"


register(
    ImportSpec(
        kind="meetings",
        table="meetings",
        columns=(UNIT, *MEETING_COLUMNS, NOTE),
        key=lambda item: (item.refs["unit_id"], item.values["date"], item.values["kind"]),
        resolve=_resolve_meeting,
        find=_find_meeting,
        record=lambda batch, item: item.refs["changes"],
        write=_write_meeting,
        check_all=_check_meetings,
        export=lambda db: db.query(
            """select u.code as unit, m.date, m.kind, m.topic, m.members_full,
                  m.members_probationary, m.members_exempt, m.present, m.absent_excused,
                  m.absent_unexcused, m.duration_minutes, m.minutes_kept, m.resolution_adopted,
                  m.note
           from meetings m join units u on u.id = m.unit_id
           order by u.sort_key, u.code, m.date, m.kind, m.id"""
        ),
    )
)
