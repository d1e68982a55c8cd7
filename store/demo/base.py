"""What the demo generator's parts share: the scale, the build context, rows held in memory
with their ids, and date helpers. Every random draw comes from the context's seeded
`random.Random`, so a build is a pure function of (seed, today, scale)."""

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Protocol

from store.core.records import normalise
from store.demo import data as data
from store.lang.codes import Cadence, Sex, UnitKind
from store.rules.rulebook import Rulebook

CELL_KINDS = (UnitKind.CELL, UnitKind.GRASSROOTS_CELL)
ORG_KINDS = (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.GRASSROOTS_CELL)
# Tables whose rows need NFC and the folded shadows: the others are built from NFC data.
_NORMALISED = {"units", "supervisors", "people", "concerns"}
# The version (4) and variant (RFC 4122) bits of a random uid, as uuid.UUID sets them.
_UID_KEEP = ~(0xF000 << 64) & ~(0xC000 << 48)
_UID_SET = (0x4000 << 64) | (0x8000 << 48)


def _uid_text(number: int) -> str:
    h = f"{number:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass(frozen=True)
class Scale:
    """The counts a demo is built with; district and province are the same generator."""

    blocks: int  # district-sized blocks of grassroots organizations
    communes: int  # communes per block (plus one township)
    villages: tuple[int, int]  # village cells per commune
    months: int  # months of meetings up to today
    supervisors: int
    units_per_supervisor: tuple[int, int]
    visit_share: float  # share of cadence periods with a visit
    concern_rate: float  # concerns raised per visit
    note_share: float  # share of secretaries with a capability note
    detail: float  # share of units recorded in full: whole committee, post history
    batch: int = 0  # rows of a streamed table written at a time during the build (0: at the end)


def times(scale: Scale, factor: int, batch: int) -> Scale:
    """`factor` times the blocks and supervisors of `scale`, all else alike: the same kind of
    province, `factor` times larger, its big tables streamed to the file `batch` rows at a time
    (4 million meetings held as dicts would take gigabytes)."""
    blocks, supervisors = scale.blocks * factor, scale.supervisors * factor
    return replace(scale, blocks=blocks, supervisors=supervisors, batch=batch)


SCALES = {
    "district": Scale(1, 9, (6, 9), 24, 30, (3, 8), 0.9, 0.05, 0.7, 1.0),
    "province": Scale(60, 9, (10, 13), 60, 800, (4, 8), 0.24, 0.5, 0.3, 0.04),
}
# Four provinces' worth: the bench's check that lists and grids stay flat as the data grows.
SCALES["4x"] = times(SCALES["province"], 4, batch=50_000)
# Tables written in batches when a scale streams: large, and never iterated back by the parts
# (a row read back by id after it was written comes from the file; see Rows.get).
STREAMED = ("meetings", "visits", "concern_events", "annual_ratings")


class Sink(Protocol):
    """Where a streaming build writes rows before the end (store.demo.build gives one)."""

    def write(self, table: str, rows: list[dict], uids: list[str]) -> None: ...

    def read(self, table: str, row_id: int) -> dict:
        """The row as written, without its uid."""
        ...


@dataclass(slots=True)
class UnitInfo:
    """A unit as the generator sees it: its row's figures and its character."""

    id: int
    code: str
    name: str
    kind: str
    sector: str
    parent_id: int | None
    org_id: int  # the grassroots organization it belongs to (itself for one)
    place: str
    full: int
    prob: int
    exempt: int
    standing: bool
    quality: float  # 0..1: how well it holds meetings
    committee: int = 0  # members of its own committee (chi ủy, đảng ủy)
    standing_size: int = 0  # members of its standing committee, where it has one

    @property
    def owed(self) -> int:
        return self.full + self.prob - self.exempt

    @property
    def is_cell(self) -> bool:
        return self.kind in CELL_KINDS

    @property
    def is_org(self) -> bool:
        return self.kind in ORG_KINDS


@dataclass(slots=True)
class Assignment:
    id: int
    supervisor_id: int
    unit: UnitInfo
    cadence: str
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class Visit:
    id: int
    day: date
    unit_id: int
    supervisor_id: int
    level: str


class Rows:
    """Rows of every table, kept in memory with their ids until written in bulk; with a sink
    and a batch size, the STREAMED tables are written each time `batch` rows are waiting."""

    def __init__(self, seed: int, today: date, sink: Sink | None = None, batch: int = 0):
        self.tables: dict[str, list[dict]] = {}
        self.today = today
        self._uids = random.Random(f"{seed}:uid")
        self._stamps: dict[date, str] = {}
        self.sink, self.batch = sink, batch
        self.written: dict[str, int] = {}  # rows of a table already handed to the sink
        self.fetched: dict[tuple[str, int], dict] = {}  # written rows read back (and changed)

    def add(self, table: str, row: dict, on: date | None = None) -> int:
        """Add a row (the dict is kept and completed) stamped as created on `on`, not after
        today; returns its id. The uid comes with `uids`, when the table is written."""
        rows = self.tables.setdefault(table, [])
        day = on if on is not None and on < self.today else self.today
        stamp = self._stamps.get(day) or self._stamps.setdefault(
            day, f"{day.isoformat()}T08:00:00+00:00"
        )
        if table in _NORMALISED:
            row = normalise(table, row)
        row_id = self.written.get(table, 0) + len(rows) + 1
        row.update(id=row_id, created_at=stamp, updated_at=stamp)
        rows.append(row)
        if self.batch and len(rows) >= self.batch and table in STREAMED:
            self.flush(table)
        return row_id

    def flush(self, table: str) -> None:
        """Hand the table's waiting rows to the sink (their uids sorted within the batch)."""
        rows = self.tables.get(table)
        if self.sink is None or not rows:
            return
        self.sink.write(table, rows, self.uids(table))
        self.written[table] = self.written.get(table, 0) + len(rows)
        self.tables[table] = []

    def uids(self, table: str) -> list[str]:
        """Random version-4 uids for the table's rows, in order: an index grows fastest
        when keys arrive sorted, and a uid promises no order either way. The same strings
        as `str(uuid.UUID(int=draw, version=4))`, made without a UUID object per row (a
        province has a million rows); sorting the numbers sorts their fixed-width hex."""
        draw = self._uids.getrandbits
        numbers = sorted(draw(128) & _UID_KEEP | _UID_SET for _row in self.tables.get(table, ()))
        return [_uid_text(n) for n in numbers]

    def get(self, table: str, row_id: int) -> dict:
        """The row to read or change; one already written is read back from the sink once,
        and kept in `fetched` for the build to write its changes at the end."""
        written = self.written.get(table, 0)
        if row_id > written:
            return self.tables[table][row_id - written - 1]
        key = (table, row_id)
        if key not in self.fetched:
            assert self.sink is not None  # rows are written early only to a sink
            self.fetched[key] = self.sink.read(table, row_id)
        return self.fetched[key]

    def count(self, table: str) -> int:
        return self.written.get(table, 0) + len(self.tables.get(table, ()))


@dataclass
class Ctx:
    """The state of one build, passed from part to part."""

    rng: random.Random
    rows: Rows
    today: date
    scale: Scale
    rulebook: Rulebook
    units: list[UnitInfo] = field(default_factory=list)
    supervisors: list[int] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    posts: dict[int, dict[str, list[int]]] = field(default_factory=dict)  # unit -> role -> posts
    meetings: dict[int, list[tuple[date, int, str]]] = field(default_factory=dict)  # by unit
    visits: list[Visit] = field(default_factory=list)  # the visits done
    codes: set[str] = field(default_factory=set)
    vacant: set[int] = field(default_factory=set)  # units left without a secretary
    people_made: int = 0

    @cached_property
    def start(self) -> date:
        """The first day of the first month with meetings."""
        return month_start(self.today, -(self.scale.months - 1))

    @cached_property
    def imported_before(self) -> date:
        """Meetings before this day came in by import, before the tool was in use."""
        return month_start(self.today, -12)

    def unit(self, unit_id: int) -> UnitInfo:
        return self.units[unit_id - 1]

    def pick(self, weighted: tuple[tuple[str, int], ...]) -> str:
        names, weights = zip(*weighted, strict=True)
        return self.rng.choices(names, weights)[0]

    def full_name(self, sex: str = Sex.MALE) -> str:
        """A real-looking Vietnamese name: surname, middle name, given name."""
        return " ".join(
            (
                self.pick(data.SURNAMES),
                self.rng.choice(data.MIDDLE[sex]),
                self.rng.choice(data.GIVEN[sex]),
            )
        )

    def person(self, born: tuple[int, int] = (1962, 1992)) -> int:
        """A new person; the first ones carry the featured names. Returns the id."""
        rng = self.rng
        if self.people_made < len(data.FEATURED_NAMES):
            name, sex = data.FEATURED_NAMES[self.people_made]
        else:
            sex = Sex.FEMALE if rng.random() < 0.28 else Sex.MALE
            name = self.full_name(sex)
        self.people_made += 1
        birth = rng.randint(*born)
        joined = date(
            min(birth + rng.randint(20, 34), self.today.year - 1),
            rng.randint(1, 12),
            rng.randint(1, 28),
        )
        row = {
            "code": f"DV{self.people_made:05d}",  # every member has one: homonyms stay apart
            "name": name,
            "birth_year": birth,
            "sex": sex,
            "party_joined": joined.isoformat(),
            "theory_level": rng.choice(
                data.THEORY_LEVELS[:2] if birth > 1985 else data.THEORY_LEVELS
            ),
            "education": rng.choice(data.EDUCATION),
            "training": rng.choice(data.TRAINING),
        }
        return self.rows.add("people", row, on=self.start)


def month_start(day: date, shift: int = 0) -> date:
    """The first day of the month `shift` months after `day`'s month."""
    index = day.year * 12 + day.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def period_of(day: date, cadence: str) -> tuple[date, date]:
    """The monthly or quarterly period holding `day`: (first day, last day)."""
    first = (
        month_start(day)
        if cadence == Cadence.MONTHLY
        else date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    )
    after = month_start(first, 1 if cadence == Cadence.MONTHLY else 3)
    return first, after - timedelta(days=1)


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
