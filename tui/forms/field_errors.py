"""A store `ValidationError` shown where it belongs on a form: under the field it names."""

from textual.dom import DOMNode
from textual.widgets import Static


class FieldErrors:
    """A form's messages, each in the `Static` (class `field-error`) under the field it names,
    with the focus moved to that field; a message for no field of the form goes to `general`.

    `error_id` and `field_id` are the form's id patterns, `{}` standing for the field's name
    after `aliases` (a store field name -> the form's name for it).

        errors = FieldErrors(self, field_id="f-{}", aliases={"incumbent_id": "person_id"})
        errors.show(exc.detail, exc.field)
    """

    def __init__(
        self,
        screen: DOMNode,
        *,
        error_id: str = "error-{}",
        field_id: str = "field-{}",
        general: str = "error-form",
        aliases: dict[str, str] | None = None,
    ) -> None:
        self.screen, self.error_id, self.field_id = screen, error_id, field_id
        self.general, self.aliases = general, aliases or {}

    def clear(self) -> None:
        for error in self.screen.query(".field-error").results(Static):
            error.update("")
            error.display = False

    def show(self, message: str, field: str | None = None) -> None:
        self.clear()
        name = self.aliases.get(field, field) if field else None
        found = self.screen.query(f"#{self.error_id.format(name)}") if name else None
        error = found.first(Static) if found else self.screen.query_one(f"#{self.general}", Static)
        error.update(message)
        error.display = True
        target = self.screen.query(f"#{self.field_id.format(name)}") if found else None
        if target and target.first().focusable:
            target.first().focus()
        error.scroll_visible()
