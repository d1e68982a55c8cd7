"""How the screens write dates and counts: the Vietnamese way (dates by the store's helper);
and stored text as text (`safe`), never as markup or terminal control.

>>> vn_date("2026-09-05")
'05/09/2026'
"""

from rich.text import Text

from store.lang.codes import MeetingKind
from store.lang.i18n import _
from store.lang.text import shown, vn_date

__all__ = ["members_label", "safe", "vn_date", "vn_number"]


def safe(value: object, style: str = "") -> Text:
    """Stored text for a widget: a rich Text, so that "[bold]" or "[/]" in a name is shown as
    typed, not read as markup (which styles it or raises), and its control characters made
    visible (store.lang.text.shown: ESC → ␛), so that no escape sequence reaches the terminal.
    None is empty; a Text (already made by the screen, with its colours) is kept."""
    if isinstance(value, Text):
        return value
    return Text(shown(value, lines=True).replace("\t", " "), style=style)


def vn_number(value: int | None) -> str:
    """Thousands grouped with a dot, as Vietnamese documents write them: 12.000."""
    return "" if value is None else f"{value:,}".replace(",", ".")


def members_label(kind: object) -> str:
    """The label of the first membership figure: a committee meeting counts the committee's
    members, so the form must not ask for the cell's full members there."""
    if kind == MeetingKind.COMMITTEE:
        return _("Committee members")
    if kind == MeetingKind.STANDING:
        return _("Standing committee members")
    return _("Full members")
