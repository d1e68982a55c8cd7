"""What the personnel forms share: a modal box with labelled fields, a message under each
field, ctrl+s to save and Escape to cancel.

A form lays out its fields with `field(...)` in `fields()`, and writes in `submit()` through
one store function; a `ValidationError` it raises lands under the field it names (the
store's field name, or a name listed in `ALIASES`) and focus moves there; nothing is saved.
"""

from collections.abc import Iterator
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from store.core.errors import PhutrachError, ValidationError
from store.lang.i18n import _
from tui.confidential import marked
from tui.forms.dates import parse_vn_date
from tui.forms.field_errors import FieldErrors
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter

T = TypeVar("T")


def field(label: str, widget: Widget, name: str) -> Iterator[Widget]:
    """A label, the input `widget` (given the id `f-<name>`) and the line for its message."""
    widget.id = f"f-{name}"
    widget.add_class("form-field")
    yield Label(label, classes="form-label")
    yield widget
    yield Static("", id=f"error-{name}", classes="field-error")


class PersonnelForm(PhutrachNode, ModalScreen[T | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check and save the form"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving"),
    ]
    AUTO_FOCUS = ".form-field"
    CONFIDENTIAL: ClassVar[bool] = False  # a personnel assessment: the title carries the mark
    ALIASES: ClassVar[dict[str, str]] = {}  # store field -> form field

    def compose(self) -> ComposeResult:
        classes = "form-box -confidential" if self.CONFIDENTIAL else "form-box"
        with VerticalScroll(classes=classes) as box:
            box.can_focus = False
            title = self.form_title()
            box.border_title = marked(title) if self.CONFIDENTIAL else title
            yield from self.fields()
            yield Static("", id="error-form", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button(_("Save"), id="form-save", variant="primary")
                yield Button(_("Cancel"), id="form-cancel")
        yield KeyFooter()

    def form_title(self) -> str:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def submit(self) -> T:
        """Write through the store and return the result the form dismisses with."""
        raise NotImplementedError

    def typed_date(self, name: str) -> str:
        """The date typed in `f-<name>` (dd/mm/yyyy) as ISO text, "" if blank; a message at
        the field if it is not a date."""
        return parse_vn_date(self.query_one(f"#f-{name}", Input).value, name, required=False)

    def chosen(self, name: str):
        """The value chosen in the Select `f-<name>`; a message at the field if none is."""
        value = self.query_one(f"#f-{name}", Select).selection
        if value is None:
            raise ValidationError(_("Choose one of the list."), field=name)
        return value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        elif event.button.id == "form-cancel":
            self.action_cancel()

    def action_save(self) -> None:
        errors = FieldErrors(self, field_id="f-{}", aliases=self.ALIASES)
        errors.clear()
        try:
            result = self.submit()
        except ValidationError as exc:
            errors.show(exc.detail, exc.field)
        except PhutrachError as exc:
            errors.show(exc.message)
        else:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
