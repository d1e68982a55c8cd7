"""The score sheet: checking a supervisor's points, rating them live as a form fills in, and
saying why a sheet is rated as it is: the total under the next level's minimum, or (the total
enough) the required criteria short of full marks, never the criteria when the total decides."""

from dataclasses import dataclass

from store.core.errors import ValidationError
from store.lang.i18n import _
from store.rules.rulebook import Rating, Rulebook


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Why a sheet is not rated `label` (the level above its own): its `total` is under
    `needed`, or, the total enough, the required `criteria` are short of full marks (empty
    when the total decides)."""

    level: str
    label: str
    total: int
    needed: float
    criteria: tuple[str, ...]


def shortfall(rulebook: Rulebook, rating: Rating) -> Shortfall | None:
    """What keeps `rating` from the level above it; None for the best level."""
    levels = [lv.level for lv in rulebook.ratings]
    index = levels.index(rating.level) if rating.level in levels else 0
    if index == 0:
        return None
    above = rulebook.ratings[index - 1]
    held = () if rating.total < above.min else rating.missing_for_good
    return Shortfall(above.level, above.label, rating.total, above.min, held)


def explain(rulebook: Rulebook, rating: Rating) -> str | None:
    """The reason for a rating in a few words (the form shows it after the level)."""
    short = shortfall(rulebook, rating)
    if short is None:
        return None
    if not short.criteria:
        return _("under the {needed} points of {level}").format(
            needed=f"{short.needed:g}", level=short.label
        )
    names = ", ".join(rulebook.criterion(c).short_label for c in short.criteria)
    return _("{level} needs full marks on: {criteria}").format(level=short.label, criteria=names)


@dataclass(frozen=True, slots=True)
class LiveRating:
    total: int
    rating: str
    rating_label: str
    missing_for_good: tuple[str, ...]  # criteria required for Tốt and short of full marks
    unscored: tuple[str, ...]  # criteria with no valid points yet
    max_total: int
    reason: str | None = None  # `explain` of the rating, once every criterion is scored


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
        None if unscored else explain(rulebook, rating),
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
