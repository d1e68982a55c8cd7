"""The score sheet: checking a supervisor's points and rating them live as a form fills in."""

from dataclasses import dataclass

from store.core.errors import ValidationError
from store.lang.i18n import _
from store.rules.rulebook import Rulebook


@dataclass(frozen=True, slots=True)
class LiveRating:
    total: int
    rating: str
    rating_label: str
    missing_for_good: tuple[str, ...]  # criteria required for Tốt and short of full marks
    unscored: tuple[str, ...]  # criteria with no valid points yet
    max_total: int


def live_rating(rulebook: Rulebook, scores: dict) -> LiveRating:
    """Total and rating of a score sheet being filled in; invalid entries count as unscored."""
    valid = {}
    for criterion in rulebook.criteria:
        value = _points(scores.get(criterion.id))
        if value is not None and 0 <= value <= criterion.max:
            valid[criterion.id] = value
    rating = rulebook.rate(valid)
    unscored = tuple(c.id for c in rulebook.criteria if c.id not in valid)
    return LiveRating(
        rating.total,
        rating.level,
        rating.label,
        rating.missing_for_good,
        unscored,
        rulebook.max_total,
    )


def _points(value) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def check_scores(rulebook: Rulebook, scores, prefix: str = "score") -> dict[str, int]:
    """A complete score sheet of whole points within each maximum; field `score.<criterion>`."""
    if not isinstance(scores, dict):
        raise ValidationError(_("The score sheet is missing."), field=prefix)
    known = {c.id for c in rulebook.criteria}
    for key in scores:
        if key not in known:
            raise ValidationError(
                _("{criterion!r} is not a criterion of the score sheet in force.").format(
                    criterion=key
                ),
                field=f"{prefix}.{key}",
            )
    clean = {}
    for criterion in rulebook.criteria:
        value = _points(scores.get(criterion.id))
        if value is None or not 0 <= value <= criterion.max:
            raise ValidationError(
                _("Give whole points from 0 to {max}.").format(max=criterion.max),
                field=f"{prefix}.{criterion.id}",
            )
        clean[criterion.id] = value
    return clean
