"""People and their posts in units: secretaries, deputies, committee members, with history.

A post is held from `start_date` until `end_date` (the day it ended, when the successor takes
over): it is current on a date d when start_date <= d < end_date. Secretary and deputy have
one holder at a time; appointing a new one ends the previous holder's post the same day.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from sqlite_utils import Database

from store.core import records
from store.core.checks import (
    check_choice,
    check_fields,
    fetch,
    iso,
    parse_date,
    require,
    text_or_none,
)
from store.core.errors import NotFound, ValidationError
from store.core.schema import unit_display_sql
from store.lang.codes import ConcurrentRole, Role, Sex, role_rank_sql
from store.lang.i18n import _
from store.lang.labels import label
from store.lang.text import vn_date
from store.org.units import Unit, count_matching, get_unit, page_clause

ROLES = (Role.SECRETARY, Role.DEPUTY, Role.STANDING_MEMBER, Role.COMMITTEE_MEMBER)
SINGLE_HOLDER_ROLES = (Role.SECRETARY, Role.DEPUTY)
CONCURRENT_ROLES = tuple(ConcurrentRole)
SEXES = tuple(Sex)
MIN_BIRTH_YEAR = 1930
MIN_AGE = 18
PERSON_FIELDS = (
    "name",
    "code",
    "birth_year",
    "sex",
    "party_joined",
    "theory_level",
    "education",
    "training",
    "phone",
    "note",
)


@dataclass(frozen=True, slots=True)
class Person:
    CONFIDENTIAL: ClassVar[bool] = False
    id: int
    uid: str
    code: str | None
    name: str
    birth_year: int | None
    sex: str | None
    party_joined: str | None
    theory_level: str | None
    education: str | None
    training: str | None
    phone: str | None
    note: str | None

    def age(self, on: date | str) -> int | None:
        """Age in years reached during the year of `on` (birth years only are known)."""
        if self.birth_year is None:
            return None
        return parse_date(on, "on").year - self.birth_year


@dataclass(frozen=True, slots=True)
class Post:
    CONFIDENTIAL: ClassVar[bool] = False
    id: int
    uid: str
    person_id: int
    person_name: str
    unit_id: int
    unit_name: str
    role: str
    start_date: str | None
    end_date: str | None
    end_reason: str | None
    concurrent_role: str | None
    acting: bool

    def current(self, on: str) -> bool:
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or self.end_date > on)


@dataclass(frozen=True, slots=True)
class UnitPeople:
    """Who holds which post in a unit on `as_of`, and who held posts before."""

    unit: Unit
    as_of: str
    current: tuple[Post, ...]
    history: tuple[Post, ...]  # posts ended by as_of, latest end first

    @property
    def secretary(self) -> Post | None:
        return next((p for p in self.current if p.role == Role.SECRETARY), None)

    @property
    def vacant(self) -> bool:
        return self.secretary is None

    @property
    def acting(self) -> bool:
        return self.secretary is not None and self.secretary.acting


@dataclass(frozen=True, slots=True)
class PersonProfile:
    person: Person
    as_of: str
    current: tuple[Post, ...]
    history: tuple[Post, ...]


# ---- people -------------------------------------------------------------------------------


def add_person(db: Database, *, name: str, today: date, **facts) -> int:
    """Add a person after validating name, birth year, sex and Party-joining date (not
    after `today`)."""
    row = _checked_person(db, {"name": name, **facts}, None, today)
    return records.insert(db, "people", row)


def update_person(db: Database, person_id: int, *, today: date, **changes) -> Person:
    check_fields(changes, PERSON_FIELDS)
    before = get_person(db, person_id)
    merged = {k: getattr(before, k) for k in PERSON_FIELDS} | changes
    row = _checked_person(db, merged, person_id, today)
    return records.record(Person, records.update(db, "people", person_id, row))


def _checked_person(db: Database, facts: dict, person_id: int | None, today: date) -> dict:
    check_fields(facts, PERSON_FIELDS)
    row: dict[str, Any] = {k: text_or_none(facts.get(k)) for k in PERSON_FIELDS}
    if not row["name"]:
        raise ValidationError(_("The name is required."), field="name")
    row["birth_year"] = _birth_year(facts.get("birth_year"), today)
    check_choice(row["sex"], (*SEXES, None), "sex", _("Sex must be male or female."))
    joined = parse_date(row["party_joined"], "party_joined", required=False, not_after=today)
    row["party_joined"], born = iso(joined), row["birth_year"]
    if joined and born and joined.year - born < MIN_AGE:
        raise ValidationError(
            _("Joined the Party before the age of 18: check the birth year and the date."),
            field="party_joined",
        )
    if row["code"]:
        same = list(db["people"].rows_where("code = ? AND id IS NOT ?", [row["code"], person_id]))
        if same:
            raise ValidationError(
                _("The code {code} is already used by {name}.").format(
                    code=row["code"], name=same[0]["name"]
                ),
                field="code",
            )
    return row


def _birth_year(value, today: date) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    latest = today.year - MIN_AGE
    try:
        year = int(str(value).strip())
    except ValueError:
        year = None
    if year is None or not MIN_BIRTH_YEAR <= year <= latest:
        raise ValidationError(
            _("The birth year must be a year from {first} to {last}.").format(
                first=MIN_BIRTH_YEAR, last=latest
            ),
            field="birth_year",
        )
    return year


def get_person(db: Database, person_id: int) -> Person:
    row = fetch(db, "people", person_id)
    if row is None:
        raise NotFound(_("No person with id {id}.").format(id=person_id))
    return records.record(Person, row)


def list_people(db: Database, search: str | None = None, *, limit=100, offset=0) -> list[Person]:
    """People in Vietnamese name order (by given name), searched diacritic-insensitively."""
    where, params = page_clause(db, search, "people")
    rows = db["people"].rows_where(
        where, params, order_by="sort_key, id", limit=limit, offset=offset or None
    )
    return [records.record(Person, r) for r in rows]


def count_people(db: Database, search: str | None = None, *, cap: int | None = None) -> int:
    """How many people `list_people` lists; with `cap`, up to `cap` + 1 (`count_units`)."""
    return count_matching(db, search, "people", cap=cap)


# ---- posts --------------------------------------------------------------------------------

_POSTS = f"""
SELECT posts.*, people.name AS person_name, {unit_display_sql("units")} AS unit_name
FROM posts JOIN people ON people.id = posts.person_id JOIN units ON units.id = posts.unit_id
"""  # noqa: S608 (a fixed expression)
_ROLE_ORDER = " " + role_rank_sql("posts.role")
_UNIT_POSTS = (
    _POSTS
    + "WHERE posts.unit_id = :key AND (posts.start_date IS NULL OR posts.start_date <= :as_of)"
    + " ORDER BY"
    + _ROLE_ORDER
    + ", people.sort_key, posts.end_date DESC"
)
_PERSON_POSTS = (
    _POSTS + "WHERE posts.person_id = :key ORDER BY posts.start_date DESC, posts.id DESC"
)


def appoint(
    db: Database,
    person_id: int,
    unit_id: int,
    role: str,
    start_date,
    *,
    concurrent_role: str | None = None,
    acting: bool = False,
    reason: str | None = None,
    today: date,
) -> int:
    """Give `person_id` the post `role` in `unit_id` from `start_date`; returns the post id.

    In one transaction: the previous holder of a secretary or deputy post, and any other
    current post of this person in the unit, end on `start_date` (`reason` for the former).
    `start_date` may not be after `today`.
    """
    _checked_appointment(db, person_id, unit_id, role, concurrent_role)
    start = parse_date(start_date, "start_date", not_after=today).isoformat()
    _checked_start(db, person_id, unit_id, role, start)
    with db.atomic():
        for post in _open_posts(db, unit_id):
            if post["person_id"] == person_id:
                _close(db, post, start, _("Moved to another post in the unit."))
            elif role in SINGLE_HOLDER_ROLES and post["role"] == role:
                _close(db, post, start, text_or_none(reason) or _("Replaced by a new appointment."))
        return records.insert(
            db,
            "posts",
            {
                "person_id": person_id,
                "unit_id": unit_id,
                "role": role,
                "start_date": start,
                "concurrent_role": concurrent_role,
                "acting": int(bool(acting)),
            },
        )


def _checked_appointment(db, person_id, unit_id, role, concurrent_role) -> None:
    require(db, "people", person_id, "person_id", _("Choose an existing person."))
    unit = require(db, "units", unit_id, "unit_id", _("Choose an existing unit."))
    if not unit["active"]:
        raise ValidationError(
            _("The unit {unit} is no longer active.").format(unit=unit["name"]), field="unit_id"
        )
    check_choice(role, ROLES, "role", _("Unknown post: {role}.").format(role=role))
    check_choice(
        concurrent_role,
        (*CONCURRENT_ROLES, None),
        "concurrent_role",
        _("Unknown concurrent role: {role}.").format(role=concurrent_role),
    )
    if concurrent_role and role != Role.SECRETARY:
        raise ValidationError(
            _("Only a secretary holds a concurrent role."), field="concurrent_role"
        )


def _checked_start(db, person_id, unit_id, role, start: str) -> None:
    """Refuse a start before a post it would end, or this very post held already."""
    for post in _open_posts(db, unit_id):
        if post["person_id"] == person_id and post["role"] == role:
            raise ValidationError(
                _("{name} already holds this post.").format(name=post["person_name"]),
                field="person_id",
            )
        ends = post["person_id"] == person_id or (
            role in SINGLE_HOLDER_ROLES and post["role"] == role
        )
        if ends and post["start_date"] and post["start_date"] > start:
            raise ValidationError(
                _("The appointment starts before the current post of {name} ({date}).").format(
                    name=post["person_name"], date=vn_date(post["start_date"])
                ),
                field="start_date",
            )


def _open_posts(db: Database, unit_id: int) -> list[dict]:
    sql = _POSTS + "WHERE posts.unit_id = ? AND posts.end_date IS NULL"
    return list(db.query(sql, [unit_id]))


def _close(db: Database, post: dict, end: str, reason: str) -> None:
    records.update(db, "posts", post["id"], {"end_date": end, "end_reason": reason})


def end_post(db: Database, post_id: int, end_date, reason: str, *, today: date) -> Post:
    """End a current post on `end_date` (not after `today`) for `reason` (retired, moved,
    dismissed…)."""
    post = get_post(db, post_id)
    if post.end_date:
        raise ValidationError(
            _("This post already ended on {date}.").format(date=vn_date(post.end_date)),
            field="post_id",
        )
    end = parse_date(end_date, "end_date", not_after=today).isoformat()
    if post.start_date and end < post.start_date:
        raise ValidationError(
            _("A post cannot end before it started ({date}).").format(
                date=vn_date(post.start_date)
            ),
            field="end_date",
        )
    if not text_or_none(reason):
        raise ValidationError(_("Say why the post ends."), field="reason")
    _close(db, {"id": post_id}, end, reason)
    return get_post(db, post_id)


def update_post(db: Database, post_id: int, *, concurrent_role=..., acting=None) -> Post:
    """Change the concurrent role or the acting mark of a post (e.g. confirm an acting
    secretary); `...` leaves the concurrent role as it is, None removes it."""
    post = get_post(db, post_id)
    changes: dict = {}
    if concurrent_role is not ...:
        check_choice(
            concurrent_role,
            (*CONCURRENT_ROLES, None),
            "concurrent_role",
            _("Unknown concurrent role: {role}.").format(role=concurrent_role),
        )
        if concurrent_role and post.role != Role.SECRETARY:
            raise ValidationError(
                _("Only a secretary holds a concurrent role."), field="concurrent_role"
            )
        changes["concurrent_role"] = concurrent_role
    if acting is not None:
        changes["acting"] = int(bool(acting))
    if changes:
        records.update(db, "posts", post_id, changes)
    return get_post(db, post_id)


def get_post(db: Database, post_id: int) -> Post:
    rows = list(db.query(_POSTS + "WHERE posts.id = ?", [post_id]))
    if not rows:
        raise NotFound(_("No post with id {id}.").format(id=post_id))
    return records.record(Post, rows[0])


def unit_people(db: Database, unit_id: int, as_of: date | str) -> UnitPeople:
    """The unit's post holders on `as_of` (secretary first) and its earlier holders."""
    on = parse_date(as_of, "as_of").isoformat()
    unit = get_unit(db, unit_id)
    posts = [records.record(Post, r) for r in db.query(_UNIT_POSTS, {"key": unit_id, "as_of": on})]
    history = sorted(
        (p for p in posts if not p.current(on)), key=lambda p: p.end_date or "", reverse=True
    )
    return UnitPeople(unit, on, tuple(p for p in posts if p.current(on)), tuple(history))


def person_profile(db: Database, person_id: int, as_of: date | str) -> PersonProfile:
    """A person's facts and posts: current ones, then past ones, latest first."""
    on = parse_date(as_of, "as_of").isoformat()
    person = get_person(db, person_id)
    posts = [records.record(Post, r) for r in db.query(_PERSON_POSTS, {"key": person_id})]
    posts = [p for p in posts if p.start_date is None or p.start_date <= on]
    return PersonProfile(
        person,
        on,
        tuple(p for p in posts if p.current(on)),
        tuple(p for p in posts if not p.current(on)),
    )


def describe_post(post: Post) -> str:
    """ "Secretary, <unit>": how a candidate's current post reads in a plan."""
    return f"{label('role', post.role)}, {post.unit_name}"
