"""What the concern screens share: rulebook choices, the overdue mark, the dialogs' save."""

from rich.text import Text
from textual.dom import DOMNode

from store.core.errors import PhutrachError, ValidationError
from store.lang.i18n import _
from store.rules.rulebook import in_force as rulebook_in_force
from tui.forms.field_errors import FieldErrors

OVERDUE_MARK = "⚠"


def rulebook_choices(db, kind: str) -> list[tuple[str, str]]:
    """(label, id) pairs of the rulebook's concern `categories` or `routes`, for a Select."""
    return [(choice.label, choice.id) for choice in getattr(rulebook_in_force(db), kind)]


def rulebook_label(db, kind: str, choice_id: str | None) -> str:
    return rulebook_in_force(db).label(kind, choice_id)


def overdue_text(days: int) -> str:
    return _("{mark} {days} days overdue").format(mark=OVERDUE_MARK, days=days)


def alert_style(node: DOMNode) -> str:
    """The theme's error text colour, bold: how an overdue row or figure stands out."""
    colour = node.app.theme_variables.get("text-error", "red")
    return f"bold {colour}"


def alert(node: DOMNode, text: str, alerted: bool = True) -> Text | str:
    return Text(text, style=alert_style(node)) if alerted else text


class ConcernDialog:
    """What the concern's two dialogs share: `save(write)` runs the store write and dismisses
    with its result, a refusal landing at its field (`self.errors`) or in a notice; Escape or
    the `*-cancel` button closes without saving, the `*-save` button saves."""

    errors: FieldErrors

    def save(self, write) -> None:
        try:
            result = write()
        except ValidationError as exc:
            self.errors.show(exc.detail, exc.field)
            return
        except PhutrachError as exc:
            self.notify(exc.message, severity="error")
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event) -> None:
        if (event.button.id or "").endswith("-save"):
            self.action_save()
        elif (event.button.id or "").endswith("-cancel"):
            self.action_cancel()
