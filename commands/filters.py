"""Reading the filter options the list commands share: codes or the users' words for a
status, a rulebook category or route, a supervisor, a unit. Bad values fail in one line."""

from commands.common import fail
from store.exchange.values import choice, word
from store.lang.i18n import _
from store.org.supervisor_search import find_supervisor
from store.org.units import find_unit
from store.rules.rulebook import in_force as rulebook_in_force


def code_of(table: str, value: str | None) -> str | None:
    """The code of `value` in `store.lang.labels` table `table`, given as a code or its label."""
    if not value:
        return None
    try:
        return choice(table)(value)
    except ValueError as exc:
        fail(str(exc))


def rulebook_choice(db, choices: str, value: str | None) -> str | None:
    """The id of a category or route of the rulebook in force, given as its id or label."""
    if not value:
        return None
    options = getattr(rulebook_in_force(db), choices)
    for option in options:
        if word(value) in (word(option.id), word(option.label)):
            return option.id
    known = ", ".join(f"{o.id} ({o.label})" for o in options)
    fail(_("{value!r} is not one of: {known}.").format(value=value, known=known))


def supervisor_id(db, name: str | None) -> int | None:
    return find_supervisor(db, name).id if name else None


def unit_id(db, ref: str | None) -> int | None:
    return find_unit(db, ref).id if ref else None


def yes_no(value: bool) -> str:
    return _("yes") if value else ""
