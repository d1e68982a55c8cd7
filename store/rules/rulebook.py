"""The rulebook: meeting frequencies, visit cadences, the score sheet, thresholds and levels,
read from a TOML file and validated, so that every rule is data a district can swap.

>>> rb = load()                      # the resolution's rulebook, shipped with phutrach
>>> rb.rate({"attendance": 15, "order_duration": 10, "participation": 10, "minutes": 5,
...          "preparation": 15, "content": 20, "criticism": 10, "principles": 5,
...          "resolution": 5}).level
'good'
"""

import datetime as dt
import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlite_utils import Database

from store.core import settings
from store.core.errors import PhutrachError
from store.lang.codes import Cadence, MeetingKind, PeriodKind, UnitKind
from store.lang.i18n import _
from store.rules.facts import FACT_FIGURES, FACTS

RULEBOOK_DIR = Path(__file__).parent / "rulebooks"
SHIPPED = {"resolution": RULEBOOK_DIR / "resolution.toml", "hd12": RULEBOOK_DIR / "hd12.toml"}
DEFAULT = "resolution"

UNIT_KINDS = tuple(UnitKind)
MEETING_KINDS = tuple(MeetingKind)
PERIODS = tuple(PeriodKind)
CADENCES = tuple(Cadence)


class RulebookError(PhutrachError):
    """A rulebook file that cannot be used: the message names the file, the key, the fault."""


@dataclass(frozen=True)
class MeetingRule:
    meeting_kind: str
    unit_kinds: tuple[str, ...]
    count: int
    per: str
    needs_standing_committee: bool = False
    needs_committee: bool = False  # a chi ủy: only where the committee has more than a secretary


@dataclass(frozen=True)
class AllowedMeeting:
    """A meeting kind a unit may hold though no frequency is required of it."""

    meeting_kind: str
    unit_kinds: tuple[str, ...]
    needs_standing_committee: bool = False
    needs_committee: bool = False


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    max: int
    required_for_good: bool = False
    needs_full: tuple[str, ...] = ()  # facts (store.rules.facts) full marks need
    needs_any: tuple[str, ...] = ()  # facts any points need

    @property
    def short_label(self) -> str:
        """The label up to its first bracket or semicolon: `Ghi biên bản đầy đủ`."""
        return re.split(r" \(|;", self.label, maxsplit=1)[0]


@dataclass(frozen=True)
class Level:
    level: str
    label: str
    min: float


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    due_days: int | None = None


@dataclass(frozen=True)
class Rating:
    total: int
    level: str
    label: str
    missing_for_good: tuple[str, ...]  # required criteria short of full marks


@dataclass(frozen=True)
class Resolution:
    """The document a rulebook carries out, as briefs cite it: number, date and issuer."""

    title: str  # "Nghị quyết", "Hướng dẫn"
    number: str  # "09-NQ/TU"
    date: dt.date
    issuer: str  # "Ban Chấp hành Đảng bộ tỉnh Sơn Nam"
    about: str  # "về nâng cao chất lượng sinh hoạt đảng ở cơ sở"

    @property
    def citation(self) -> str:
        """ "Nghị quyết số 09-NQ/TU ngày 20/05/2025 của Ban Chấp hành Đảng bộ tỉnh … về …"."""
        day = self.date.strftime("%d/%m/%Y")
        return f"{self.title} số {self.number} ngày {day} của {self.issuer} {self.about}"


@dataclass(frozen=True)
class Bars:
    """`[assessment]`: the share (per cent) at or above which a figure is a strength."""

    regular_share: float
    thematic_share: float
    visit_share: float
    good_rating_share: float


@dataclass(frozen=True)
class Rulebook:
    name: str
    code: str
    path: Path
    meetings: tuple[MeetingRule, ...]
    allowed_meetings: tuple[AllowedMeeting, ...]
    cadences: tuple[str, ...]
    grace_days: int
    attendance_threshold: float
    criteria: tuple[Criterion, ...]
    ratings: tuple[Level, ...]
    categories: tuple[Choice, ...]
    routes: tuple[Choice, ...]
    dimensions: tuple[Choice, ...]
    scale: tuple[Choice, ...]
    annual_levels: tuple[Level, ...]
    bars: Bars
    minimum_duration: int | None = None  # minutes, `[duration] minimum`
    resolution: Resolution | None = None  # `[resolution]`: what briefs cite

    @property
    def citation(self) -> str:
        """The document cited by number, date and issuer; its name when the file has none."""
        return self.resolution.citation if self.resolution else self.name

    @property
    def reference(self) -> str:
        """The document named again after its first citation: "Nghị quyết số 09-NQ/TU"."""
        r = self.resolution
        return f"{r.title} số {r.number}" if r else self.name

    @property
    def max_total(self) -> int:
        return sum(c.max for c in self.criteria)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def rules_for(self, unit_kind: str, has_standing_committee: bool = False, committee_size=None):
        """The meeting rules a unit of `unit_kind` owes; a rule for a chi ủy only where the
        committee is known to be more than a secretary (nobody owes on data not entered)."""
        return [
            r
            for r in self.meetings
            if _applies(r, unit_kind, has_standing_committee, committee_size, unknown=False)
        ]

    def kinds_for(
        self, unit_kind: str, has_standing_committee: bool = False, committee_size=None
    ) -> tuple[str, ...]:
        """The meeting kinds a unit may hold: those required of it or allowed to it, in the
        codes' order. An unknown committee size does not forbid a committee's meeting."""
        rules: tuple[MeetingRule | AllowedMeeting, ...] = (*self.meetings, *self.allowed_meetings)
        held = {
            r.meeting_kind
            for r in rules
            if _applies(r, unit_kind, has_standing_committee, committee_size, unknown=True)
        }
        return tuple(k for k in MEETING_KINDS if k in held)

    def rate(self, scores: dict[str, int]) -> Rating:
        """Total and rating of a score sheet; Tốt also needs its required criteria full."""
        total = sum(int(scores.get(c.id) or 0) for c in self.criteria)
        short = tuple(
            c.id for c in self.criteria if c.required_for_good and (scores.get(c.id) or 0) < c.max
        )
        for index, level in enumerate(self.ratings):
            if total >= level.min and not (index == 0 and short):
                return Rating(total, level.level, level.label, short)
        last = self.ratings[-1]
        return Rating(total, last.level, last.label, short)

    def rating_label(self, level: str | None) -> str:
        return next((r.label for r in self.ratings if r.level == level), "")

    def annual_level(self, points: float) -> Level:
        return next(lv for lv in self.annual_levels if points >= lv.min)

    def label(self, choices: str, choice_id: str | None) -> str:
        """The Vietnamese label of a category, route, dimension or scale step."""
        return next((c.label for c in getattr(self, choices) if c.id == choice_id), choice_id or "")


def _applies(rule, unit_kind, has_standing, committee_size, *, unknown: bool) -> bool:
    if unit_kind not in rule.unit_kinds or (rule.needs_standing_committee and not has_standing):
        return False
    if rule.needs_committee:
        return unknown if committee_size is None else committee_size > 1
    return True


def load(source: str | Path | None = None) -> Rulebook:
    """Load a shipped rulebook by name ("resolution", "hd12") or a TOML file by path.
    A file read once is kept until it changes (briefs in batch ask for it many times)."""
    name = str(source or DEFAULT)
    path = SHIPPED.get(name) or Path(name).expanduser()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    return _load(path, stamp)


@lru_cache(maxsize=16)
def _load(path: Path, stamp: int | None) -> Rulebook:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RulebookError(_("Rulebook {path}: file not found.").format(path=path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RulebookError(_("Rulebook {path}: cannot be read.").format(path=path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulebookError(
            _("Rulebook {path}: not valid TOML ({error}).").format(path=path, error=exc)
        ) from exc
    return _Reader(path, data).rulebook()


class _Reader:
    """Reads a parsed TOML document into a Rulebook, failing on the first bad key."""

    def __init__(self, path: Path, data: dict):
        self.path, self.data = path, data

    def fail(self, key: str, problem: str):
        raise RulebookError(
            _("Rulebook {path}, key {key}: {problem}").format(
                path=self.path, key=key, problem=problem
            )
        )

    def get(self, table: dict, key: str, where: str, kind, *, default=..., choices=None):
        full = f"{where}.{key}" if where else key
        if key not in table:
            if default is ...:
                self.fail(full, _("missing."))
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(
                full,
                _("expected {kind}, found {value!r}.").format(kind=_type_name(kind), value=value),
            )
        if choices is not None:
            for item in value if isinstance(value, list) else [value]:
                if item not in choices:
                    self.fail(
                        full,
                        _("{value!r} is not one of {choices}.").format(
                            value=item, choices=", ".join(choices)
                        ),
                    )
        if kind is str and not value.strip():  # an id or label a screen could not show
            self.fail(full, _("must not be empty."))
        if kind is float and not math.isfinite(value):  # TOML allows nan and inf
            self.fail(full, _("must be an ordinary number (not nan or inf)."))
        if kind in (int, float) and value < 0:
            self.fail(full, _("must not be negative."))
        return value

    def items(self, table: dict, key: str, where: str) -> list[tuple[str, dict]]:
        rows = self.get(table, key, where, list)
        if not rows:
            self.fail(f"{where}.{key}" if where else key, _("must not be empty."))
        out = []
        for i, row in enumerate(rows):
            at = f"{where + '.' if where else ''}{key}[{i + 1}]"
            if not isinstance(row, dict):
                self.fail(at, _("expected a table."))
            out.append((at, row))
        return out

    def choices(self, table: dict, key: str, where: str, due=False) -> tuple[Choice, ...]:
        out = tuple(
            Choice(
                self.get(r, "id", at, str),
                self.get(r, "label", at, str),
                self.get(r, "due_days", at, int) if due else None,
            )
            for at, r in self.items(table, key, where)
        )
        self._unique([c.id for c in out], f"{where}.{key}")
        return out

    def levels(self, key: str) -> tuple[Level, ...]:
        out = tuple(
            Level(
                self.get(r, "level", at, str),
                self.get(r, "label", at, str),
                self.get(r, "min", at, float),
            )
            for at, r in self.items(self.data, key, "")
        )
        if [lv.min for lv in out] != sorted((lv.min for lv in out), reverse=True):
            self.fail(key, _("levels must be listed best first, with falling minimums."))
        if out[-1].min != 0:
            self.fail(key, _("the last level must start at 0."))
        return out

    def _unique(self, ids: list[str], key: str) -> None:
        if len(set(ids)) != len(ids):
            self.fail(key, _("ids must be unique."))

    def rulebook(self) -> Rulebook:
        d = self.data
        meetings = tuple(
            MeetingRule(
                self.get(r, "meeting_kind", at, str, choices=MEETING_KINDS),
                tuple(self.get(r, "unit_kinds", at, list, choices=UNIT_KINDS)),
                self.get(r, "count", at, int),
                self.get(r, "per", at, str, choices=PERIODS),
                self.get(r, "needs_standing_committee", at, bool, default=False),
                self.get(r, "needs_committee", at, bool, default=False),
            )
            for at, r in self.items(d, "meetings", "")
        )
        allowed = tuple(
            AllowedMeeting(
                self.get(r, "meeting_kind", at, str, choices=MEETING_KINDS),
                tuple(self.get(r, "unit_kinds", at, list, choices=UNIT_KINDS)),
                self.get(r, "needs_standing_committee", at, bool, default=False),
                self.get(r, "needs_committee", at, bool, default=False),
            )
            for at, r in (self.items(d, "allowed_meetings", "") if "allowed_meetings" in d else [])
        )
        visits = self.get(d, "visits", "", dict)
        sheet = self.get(d, "score_sheet", "", dict)
        criteria = tuple(
            Criterion(
                self.get(r, "id", at, str),
                self.get(r, "label", at, str),
                self.get(r, "max", at, int),
                self.get(r, "required_for_good", at, bool, default=False),
                *self.needs(r, at),
            )
            for at, r in self.items(sheet, "criteria", "score_sheet")
        )
        self._unique([c.id for c in criteria], "score_sheet.criteria")
        duration = self.get(d, "duration", "", dict, default={})
        minimum = self.get(duration, "minimum", "duration", int, default=None)
        self._figures_needed(criteria, {"duration.minimum": minimum})
        threshold = self.get(self.get(d, "attendance", "", dict), "threshold", "attendance", float)
        if threshold > 100:
            self.fail("attendance.threshold", _("a percentage cannot exceed 100."))
        concerns = self.get(d, "concerns", "", dict)
        capability = self.get(d, "capability", "", dict)
        return Rulebook(
            name=self.get(d, "name", "", str),
            code=self.get(d, "code", "", str),
            path=self.path,
            meetings=meetings,
            allowed_meetings=allowed,
            cadences=tuple(self.get(visits, "cadences", "visits", list, choices=CADENCES)),
            grace_days=self.get(visits, "grace_days", "visits", int),
            attendance_threshold=threshold,
            criteria=criteria,
            ratings=self.levels("ratings"),
            categories=self.choices(concerns, "categories", "concerns"),
            routes=self.choices(concerns, "routes", "concerns", due=True),
            dimensions=self.choices(capability, "dimensions", "capability"),
            scale=self.choices(capability, "scale", "capability"),
            annual_levels=self.levels("annual_levels"),
            bars=self.bars(),
            minimum_duration=minimum,
            resolution=self.resolution(),
        )

    def resolution(self) -> Resolution | None:
        """The optional `[resolution]` table: title, number, date, issuer, about."""
        if "resolution" not in self.data:
            return None
        r = self.get(self.data, "resolution", "", dict)
        return Resolution(
            title=self.get(r, "title", "resolution", str),
            number=self.get(r, "number", "resolution", str),
            date=self.get(r, "date", "resolution", dt.date),
            issuer=self.get(r, "issuer", "resolution", str),
            about=self.get(r, "about", "resolution", str),
        )

    def bars(self) -> Bars:
        table = self.get(self.data, "assessment", "", dict)
        values = {}
        for name in Bars.__dataclass_fields__:
            values[name] = self.get(table, name, "assessment", float)
            if values[name] > 100:
                self.fail(f"assessment.{name}", _("a percentage cannot exceed 100."))
        return Bars(**values)

    def needs(self, row: dict, at: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A criterion's `needs = { full = [...], any = [...] }`: facts of `FACTS` only."""
        needs = self.get(row, "needs", at, dict, default={})
        for key in needs:
            if key not in ("full", "any"):
                self.fail(f"{at}.needs.{key}", _("expected full or any."))
        full, any_ = (
            tuple(self.get(needs, key, f"{at}.needs", list, default=[], choices=FACTS))
            for key in ("full", "any")
        )
        return full, any_

    def _figures_needed(self, criteria, figures: dict) -> None:
        """A fact reading a rulebook figure (the minimum duration) needs that figure set."""
        for c in criteria:
            for fact in (*c.needs_full, *c.needs_any):
                key = FACT_FIGURES.get(fact)
                if key and figures[key] is None:
                    self.fail(
                        key,
                        _("missing: criterion {criterion} needs it for {fact}.").format(
                            criterion=c.id, fact=fact
                        ),
                    )


def _type_name(kind) -> str:
    return {
        str: _("text"),
        int: _("a whole number"),
        float: _("a number"),
        bool: _("true or false"),
        dt.date: _("a date (YYYY-MM-DD)"),
        list: _("a list"),
        dict: _("a table"),
    }[kind]


def in_force(db: Database) -> Rulebook:
    """The rulebook in force for this database: the `rulebook` setting, loaded (and cached)."""
    return load(settings.get(db, "rulebook"))
