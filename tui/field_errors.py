"""A store `ValidationError` shown where it belongs on a form: under the field it names."""

from textual.screen import Screen
from textual.widgets import Static

from store.errors import ValidationError


def show_field_error(screen: Screen, exc: ValidationError) -> None:
    """Put the message in `#error-<field>` (else `#error-form`) and focus `#field-<field>`."""
    found = screen.query(f"#error-{exc.field}")
    error = found.first(Static) if found else screen.query_one("#error-form", Static)
    error.update(exc.detail)
    error.display = True
    widget = screen.query(f"#field-{exc.field}")
    if widget:
        widget.first().focus()
    error.scroll_visible()
