"""The facts a score sheet must agree with: what a meeting's figures say (attendance, length,
minutes, resolution), and the rulebook's ties from criteria to those facts (`needs`), so that
no visit can record full marks for attendance where members stayed away without excuse.

A criterion `needs` facts for `full` marks (the maximum is refused while one is false) or for
`any` marks (every point is refused). The facts are a small fixed vocabulary, `FACTS`; a
rulebook naming another is refused on load. A fact that cannot be known (an old imported
meeting without its duration) denies nothing.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from store.core.errors import ValidationError
from store.lang.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database

    from store.rules.rulebook import Rulebook

# The facts a criterion may need, each true of a meeting when:
FACTS = (
    "attendance_threshold_met",  # present ≥ the rulebook's attendance threshold of members owed
    "no_unexcused_absence",  # nobody was absent without excuse
    "minimum_duration_met",  # the meeting lasted at least the rulebook's minimum minutes
    "minutes_kept",  # minutes were kept
    "resolution_adopted",  # a resolution or conclusion was adopted
)
# The rulebook parameter a fact reads, by fact, for the load-time check.
FACT_FIGURES = {"minimum_duration_met": "duration.minimum"}


def _owed(meeting: Mapping) -> int:
    """Members owed at the meeting: full + probationary - exempted (a count not kept reads 0)."""
    full, probationary, exempt = (
        int(meeting.get(k) or 0) for k in ("members_full", "members_probationary", "members_exempt")
    )
    return full + probationary - exempt


def meeting_facts(rulebook: "Rulebook", meeting: Mapping) -> dict[str, bool | None]:
    """Each fact of `FACTS` for a meeting row (a dict of its columns); None when unknown."""
    owed, present = _owed(meeting), meeting.get("present")
    duration, minimum = meeting.get("duration_minutes"), rulebook.minimum_duration
    minutes, resolution = meeting.get("minutes_kept"), meeting.get("resolution_adopted")
    return {
        "attendance_threshold_met": None
        if present is None or owed <= 0
        else present * 100 >= rulebook.attendance_threshold * owed,
        "no_unexcused_absence": None
        if meeting.get("absent_unexcused") is None
        else not meeting["absent_unexcused"],
        "minimum_duration_met": None
        if duration is None or minimum is None
        else duration >= minimum,
        "minutes_kept": None if minutes is None else bool(minutes),
        "resolution_adopted": None if resolution is None else bool(resolution),
    }


@dataclass(frozen=True, slots=True)
class Denial:
    """A score the facts deny: `points` on `criterion` where `fact` is false; `allowed` is
    the most the facts let it have (0, or one under the maximum)."""

    criterion: str
    fact: str
    points: int
    allowed: int


def denials(rulebook: "Rulebook", scores: Mapping, meeting: Mapping) -> list[Denial]:
    """Every score of `scores` (criterion -> points) that the meeting's facts deny."""
    facts = meeting_facts(rulebook, meeting)
    found = []
    for criterion in rulebook.criteria:
        points = scores.get(criterion.id)
        if not isinstance(points, int) or isinstance(points, bool):
            continue
        for fact in criterion.needs_any:
            if points > 0 and facts[fact] is False:
                found.append(Denial(criterion.id, fact, points, 0))
                break
        else:
            for fact in criterion.needs_full:
                if points >= criterion.max and facts[fact] is False:
                    found.append(Denial(criterion.id, fact, points, criterion.max - 1))
                    break
    return found


def _percent(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _why(rulebook: "Rulebook", fact: str, meeting: Mapping) -> str:
    """Why `fact` is false of the meeting, in words with its figures."""
    if fact == "attendance_threshold_met":
        return _("attendance was {rate}%, under the {threshold}% required").format(
            rate=_percent(100 * meeting["present"] / _owed(meeting)),
            threshold=_percent(rulebook.attendance_threshold),
        )
    if fact == "no_unexcused_absence":
        return _("{count} member(s) were absent without excuse").format(
            count=meeting["absent_unexcused"]
        )
    if fact == "minimum_duration_met":
        return _("the meeting lasted {minutes} minutes, under the {minimum} required").format(
            minutes=meeting["duration_minutes"], minimum=rulebook.minimum_duration
        )
    if fact == "minutes_kept":
        return _("no minutes were kept")
    return _("no resolution was adopted")


def denial_text(rulebook: "Rulebook", denial: Denial, meeting: Mapping) -> str:
    """The message of a denial: the criterion, what the facts say, what it may have."""
    criterion = rulebook.criterion(denial.criterion)
    why = _why(rulebook, denial.fact, meeting)
    if denial.allowed == 0:
        return _("«{criterion}» earns no points when {why}: give 0.").format(
            criterion=criterion.short_label, why=why
        )
    text = _("«{criterion}» cannot have full marks ({max}) when {why}: give at most {allowed}.")
    return text.format(
        criterion=criterion.short_label, max=criterion.max, why=why, allowed=denial.allowed
    )


def check_ties(rulebook: "Rulebook", scores: Mapping, meeting: Mapping, prefix="score") -> None:
    """Refuse the scores the meeting's facts deny: the first on its field `score.<criterion>`,
    the others in `also`, so that the form shows them all at once."""
    found = [
        (f"{prefix}.{d.criterion}", denial_text(rulebook, d, meeting))
        for d in denials(rulebook, scores, meeting)
    ]
    if found:
        (field, text), *others = found
        raise ValidationError(text, field=field, also=tuple(others))


SHOWN = 50  # broken ties listed by `broken_ties`; the rest are counted


def broken_ties(db: "Database", rulebook: "Rulebook") -> list[str]:
    """Every recorded visit whose scores its meeting's facts deny (data imported, or scored,
    before the tie was in the rulebook): one line each naming the unit, the date, the
    supervisor and the criterion, the first `SHOWN` of them, then how many more."""
    lines: list[str] = []
    rows = db.execute(
        """select v.scores, v.date, u.name as unit, u.code, s.name as supervisor, m.members_full,
              m.members_probationary, m.members_exempt, m.present, m.absent_unexcused,
              m.duration_minutes, m.minutes_kept, m.resolution_adopted
           from visits v join meetings m on m.id = v.meeting_id join units u on u.id = v.unit_id
                join supervisors s on s.id = v.supervisor_id
           where v.status = 'done' and v.scores is not null
           order by v.date, u.sort_key, v.id"""
    )
    names = [c[0] for c in rows.description]
    broken = 0
    for values in rows:
        row = dict(zip(names, values, strict=True))
        for denial in denials(rulebook, json.loads(row["scores"]), row):
            broken += 1
            if len(lines) < SHOWN:
                lines.append(_broken_line(rulebook, denial, row))
    if broken > SHOWN:
        lines.append(_("… and {count} more scores the facts deny.").format(count=broken - SHOWN))
    return lines


def _broken_line(rulebook: "Rulebook", denial: Denial, row: dict) -> str:
    day = date.fromisoformat(row["date"]).strftime("%d/%m/%Y")
    unit = f"{row['unit']} ({row['code']})" if row["code"] else row["unit"]
    return _("{unit}, visit of {date} by {supervisor}: {problem}").format(
        unit=unit,
        date=day,
        supervisor=row["supervisor"],
        problem=denial_text(rulebook, denial, row),
    )
