"""The meetings register: meetings a unit held, from a visit, the unit's own report or an import.

A unit holds one meeting of a kind on a day, and only the kinds the rulebook requires or allows
for its unit kind (`Rulebook.kinds_for`). A committee meeting (cấp ủy, ban thường vụ) counts
the committee's members, not the whole membership: its members are the committee's size when
the unit's is known.

Attendance rules checked on the way in (members owed = full + probationary - exempted):
exempted ≤ members; present ≤ full + probationary (exempted members may still attend);
absences ≤ members owed; and every member owed is accounted for, once:
members owed ≤ present + absent_excused + absent_unexcused ≤ full + probationary.
"""

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from store.core import records
from store.core.checks import check_fields, parse_date
from store.core.errors import Duplicate, NotFound, ValidationError
from store.lang.codes import MeetingKind, UnitKind
from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import vn_date
from store.org.units import Unit
from store.rules.periods import Period
from store.rules.rulebook import MEETING_KINDS
from store.rules.rulebook import in_force as rulebook_in_force

SOURCES = ("visit", "report", "import")
COUNTS = (
    "members_full",
    "members_probationary",
    "members_exempt",
    "present",
    "absent_excused",
    "absent_unexcused",
)
FLAGS = ("minutes_kept", "resolution_adopted")
MAX_DURATION = 600
FIELDS = ("date", "kind", "topic", *COUNTS, "duration_minutes", *FLAGS, "source", "note")
# The unit's column holding the size of the committee a meeting kind counts.
COMMITTEE_SIZE: dict[str, str] = {
    MeetingKind.COMMITTEE: "committee_size",
    MeetingKind.STANDING: "standing_committee_size",
}


def committee_counted(kind: str, unit: Unit, members: int) -> str | None:
    """The committee a meeting's figures count ("committee", "standing"), or None when they
    count the membership. Besides the committee kinds, a đảng bộ's thematic meeting is its
    Ban Chấp hành's ("ban chấp hành đảng bộ cơ sở tiến hành sinh hoạt chuyên đề", resolution
    II.2) when the members recorded are the committee's size."""
    if kind in COMMITTEE_SIZE:
        return kind
    committees = (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.SUB_COMMITTEE)
    if kind == MeetingKind.THEMATIC and unit.kind in committees and members == unit.committee_size:
        return MeetingKind.COMMITTEE
    return None


def attendance_rate(present, members_full, members_probationary, members_exempt) -> float | None:
    """Per cent of members owed who were present (None when nobody is owed)."""
    owed = (members_full or 0) + (members_probationary or 0) - (members_exempt or 0)
    return None if owed <= 0 or present is None else 100.0 * present / owed


def owed_sql(alias: str = "") -> str:
    """SQL for a meeting's members owed (members - exempted); `alias` qualifies the columns."""
    a = f"{alias}." if alias else ""
    return (
        f"(coalesce({a}members_full, 0) + coalesce({a}members_probationary, 0)"
        f" - coalesce({a}members_exempt, 0))"
    )


def rate_sql(alias: str = "") -> str:
    """SQL for the average attendance rate (per cent) of the regular meetings in a group."""
    a, owed = (f"{alias}." if alias else ""), owed_sql(alias)
    return f"avg(case when {a}kind = 'regular' and {owed} > 0 then 100.0 * {a}present / {owed} end)"


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    uid: str
    unit_id: int
    date: str
    kind: str
    topic: str | None
    members_full: int
    members_probationary: int
    members_exempt: int
    present: int
    absent_excused: int
    absent_unexcused: int
    duration_minutes: int | None
    minutes_kept: bool
    resolution_adopted: bool
    source: str | None
    note: str | None

    @property
    def owed(self) -> int:
        return self.members_full + self.members_probationary - self.members_exempt

    @property
    def attendance_rate(self) -> float | None:
        return attendance_rate(
            self.present, self.members_full, self.members_probationary, self.members_exempt
        )


def _whole(value, field: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError(_("Enter a whole number, 0 or more."), field=field)
    return value


def _flag(value, field: str) -> int:
    if value in (True, False, 0, 1):
        return int(value)
    raise ValidationError(_("Answer yes or no."), field=field)


def validate_meeting(values: dict, *, today: date) -> dict:
    """Check a meeting's fields (the rules in this module's docstring); return the clean row."""
    row = {k: values.get(k) for k in FIELDS}
    day = parse_date(row["date"], "date")
    if day > today:
        raise ValidationError(_("The meeting date cannot be in the future."), field="date")
    row["date"] = day.isoformat()
    if row["kind"] not in MEETING_KINDS:
        raise ValidationError(
            _("Unknown meeting kind {kind!r}.").format(kind=row["kind"]), field="kind"
        )
    row["topic"] = (row["topic"] or "").strip() or None
    if row["kind"] == MeetingKind.THEMATIC and not row["topic"]:
        raise ValidationError(_("A thematic meeting needs its topic."), field="topic")
    for key in COUNTS:
        row[key] = _whole(row[key], key)
    _check_attendance(row)
    duration = row["duration_minutes"]
    if (
        isinstance(duration, bool)
        or not isinstance(duration, int)
        or not (0 < duration <= MAX_DURATION)
    ):
        raise ValidationError(
            _("The duration is in minutes: more than 0, at most {max}.").format(max=MAX_DURATION),
            field="duration_minutes",
        )
    for key in FLAGS:
        row[key] = _flag(row[key], key)
    row["source"] = row["source"] or "report"
    if row["source"] not in SOURCES:
        raise ValidationError(
            _("Unknown source {source!r}.").format(source=row["source"]), field="source"
        )
    return row


def _check_attendance(row: dict) -> None:
    members = row["members_full"] + row["members_probationary"]
    owed = members - row["members_exempt"]
    absent = row["absent_excused"] + row["absent_unexcused"]
    counted = row["present"] + absent
    if members == 0:
        raise ValidationError(_("A meeting needs at least one member."), field="members_full")
    if owed < 0:
        raise ValidationError(
            _("More exempted members than members ({members}).").format(members=members),
            field="members_exempt",
        )
    if row["present"] > members:
        raise ValidationError(
            _("More present ({present}) than members ({members}).").format(
                present=row["present"], members=members
            ),
            field="present",
        )
    if absent > owed:
        raise ValidationError(
            _("More absent ({absent}) than members owed ({owed}).").format(
                absent=absent, owed=owed
            ),
            field="absent_excused",
        )
    if counted > members:
        raise ValidationError(
            _("Present and absent add up to {counted}, more than the {members} members.").format(
                counted=counted, members=members
            ),
            field="present",
        )
    if counted < owed:
        raise ValidationError(
            _(
                "Present and absent add up to {counted}: {missing} of the {owed} members owed "
                "are not accounted for."
            ).format(counted=counted, missing=owed - counted, owed=owed),
            field="present",
        )


def check_unit(db: Database, unit_id) -> dict:
    rows = list(db["units"].rows_where("id = ?", [unit_id]))
    if not rows:
        raise ValidationError(_("No unit with id {id}.").format(id=unit_id), field="unit_id")
    return rows[0]


def kinds_for_unit(db: Database, unit: dict) -> tuple[str, ...]:
    """The meeting kinds the rulebook in force lets this unit (a units row) hold."""
    return rulebook_in_force(db).kinds_for(
        unit["kind"], bool(unit.get("has_standing_committee")), unit.get("committee_size")
    )


def meeting_kinds(db: Database, unit_id: int) -> tuple[str, ...]:
    """The meeting kinds a unit may hold, for a form's choice of kind."""
    return kinds_for_unit(db, check_unit(db, unit_id))


def check_meeting(
    db: Database, unit_id, values: dict, *, today: date, meeting_id: int | None = None
) -> dict:
    """`validate_meeting`, then what the unit decides: a kind it may hold, a committee
    meeting's members out of the committee, and no second meeting of the kind that day
    (`Duplicate`, naming it). `meeting_id`: the meeting being changed. Returns the clean row."""
    unit = check_unit(db, unit_id)
    row = validate_meeting(values, today=today)
    if row["kind"] not in kinds_for_unit(db, unit):
        raise ValidationError(
            _("{unit} does not hold a meeting of this kind ({kind}).").format(
                unit=unit["name"], kind=label("meeting_kind", row["kind"])
            ),
            field="kind",
        )
    size = unit.get(COMMITTEE_SIZE.get(row["kind"], ""))
    if size and row["members_full"] + row["members_probationary"] != size:
        raise ValidationError(
            _(
                "A committee meeting counts the committee's members: this committee has {size} "
                "members, not {members}."
            ).format(size=size, members=row["members_full"] + row["members_probationary"]),
            field="members_full",
        )
    same = same_meeting(db, unit_id, row["kind"], row["date"])
    if same is not None and same != meeting_id:
        raise Duplicate(
            _("This meeting is already recorded: {record}.").format(
                record=describe_meeting(db, same)
            ),
            field="date",
            table="meetings",
            record_id=same,
        )
    return row


def same_meeting(db: Database, unit_id: int, kind: str, day: str) -> int | None:
    """The meeting of this unit, kind and day, if one is stored."""
    row = db.execute(
        "select id from meetings where unit_id = ? and kind = ? and date = ? order by id limit 1",
        [unit_id, kind, day],
    ).fetchone()
    return row[0] if row else None


def describe_meeting(db: Database, meeting_id: int) -> str:
    """A meeting as a person names it: unit, kind, date dd/mm/yyyy, and who visited it."""
    row = db.execute(
        """select u.name, m.kind, m.date,
                  (select group_concat(s.name, ', ') from visits v
                   join supervisors s on s.id = v.supervisor_id
                   where v.meeting_id = m.id and v.status = 'done') as visited
           from meetings m join units u on u.id = m.unit_id where m.id = ?""",
        [meeting_id],
    ).fetchone()
    unit, kind, day, visited = row
    text = f"{unit}, {label('meeting_kind', kind)}, {vn_date(day)}"
    if visited:
        text += " (" + _("visited by {supervisors}").format(supervisors=visited) + ")"
    return text


def record_meeting(
    db: Database,
    unit_id: int,
    *,
    date,
    kind,
    topic=None,
    members_full,
    members_probationary,
    members_exempt,
    present,
    absent_excused,
    absent_unexcused,
    duration_minutes,
    minutes_kept,
    resolution_adopted,
    source="report",
    note=None,
    today: date,
) -> int:
    """Register a meeting the unit held; returns its id. ValidationError(field) on bad input."""
    values = {k: v for k, v in locals().items() if k in FIELDS}
    row = check_meeting(db, unit_id, values, today=today)
    with db.atomic():
        return records.insert(db, "meetings", {"unit_id": unit_id, **row})


def update_meeting(db: Database, meeting_id: int, *, today: date, **changes) -> Meeting:
    """Change some fields of a meeting; the whole meeting is validated again.
    A visited meeting changes through its visit (`update_visit`), which keeps both in step."""
    check_fields(changes, FIELDS)
    current = records.get(db, "meetings", meeting_id)
    if db["visits"].count_where("meeting_id = ?", [meeting_id]):
        raise ValidationError(
            _("A supervisor attended this meeting: change it through the visit."),
            field="meeting_id",
        )
    row = check_meeting(
        db, current["unit_id"], {**current, **changes}, today=today, meeting_id=meeting_id
    )
    with db.atomic():
        return _meeting(records.update(db, "meetings", meeting_id, row))


def delete_meeting(db: Database, meeting_id: int) -> Meeting:
    """Delete a meeting (kept in the audit trail); a visited meeting goes with its visit only."""
    if db["visits"].count_where("meeting_id = ?", [meeting_id]):
        raise ValidationError(
            _(
                "A supervisor attended this meeting: delete the visit, which removes the meeting "
                "with it."
            ),
            field="meeting_id",
        )
    return _meeting(records.delete(db, "meetings", meeting_id))


def _meeting(row: dict) -> Meeting:
    """The meeting record of a row; a count never entered reads 0."""
    return records.record(Meeting, row, **{k: row.get(k) or 0 for k in COUNTS})


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    rows = list(db["meetings"].rows_where("id = ?", [meeting_id]))
    if not rows:
        raise NotFound(_("No meeting with id {id}.").format(id=meeting_id))
    return _meeting(rows[0])


def list_meetings(
    db: Database,
    unit_id: int,
    *,
    period: Period | str | None = None,
    kind: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[Meeting]:
    """A unit's meetings, latest first, optionally within a period and of one kind."""
    where = "unit_id = ?"
    params: list[int | str] = [unit_id]
    if period is not None:
        period = Period.parse(period)
        where += " AND date BETWEEN ? AND ?"
        params += [period.start.isoformat(), period.end.isoformat()]
    if kind is not None:
        where += " AND kind = ?"
        params.append(kind)
    rows = db["meetings"].rows_where(
        where, params, order_by="date desc, id desc", limit=limit, offset=offset or None
    )
    return [_meeting(r) for r in rows]


def meeting_defaults(db: Database, unit_id: int, kind: str | None = None) -> dict:
    """Membership figures of the unit, to prefill a meeting form; for a committee meeting,
    the committee's size (0 when not known: the form asks for it)."""
    rows = list(db["units"].rows_where("id = ?", [unit_id]))
    if not rows:
        raise NotFound(_("No unit with id {id}.").format(id=unit_id))
    unit = rows[0]
    if kind in COMMITTEE_SIZE:
        size = unit.get(COMMITTEE_SIZE[kind]) or 0
        return {"members_full": size, "members_probationary": 0, "members_exempt": 0}
    return {
        "members_full": unit["members_full"] or 0,
        "members_probationary": unit["members_probationary"] or 0,
        "members_exempt": unit["members_exempt"] or 0,
    }
