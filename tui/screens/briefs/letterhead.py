"""The committee's letterhead, as every brief prints it: who issues, the number code, the
place, who signs, who receives, the page margins, the term that numbers documents. A modal
form; the store checks it and its message shows at the field it names."""

from dataclasses import fields

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from store.core.errors import ValidationError
from store.lang.i18n import _
from store.reports.brief_log import current_term
from store.reports.letterhead import Letterhead, letterhead, save_letterhead
from tui.format import vn_date
from tui.forms.dates import parse_vn_date
from tui.forms.field_errors import FieldErrors
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter

TEXTS = (
    "parent_body",
    "issuing_body",
    "short_code",
    "place",
    "signer_prefix",
    "signer_title",
    "signer_name",
)
NUMBERS = ("margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm", "font_size")


def _labels() -> dict[str, str]:
    return {
        "parent_body": _("Parent body"),
        "issuing_body": _("Issuing body"),
        "short_code": _("Code in document numbers"),
        "place": _("Place name"),
        "signer_prefix": _("Signing authority"),
        "signer_title": _("Signer's title"),
        "signer_name": _("Signer's full name"),
        "recipients": _("Recipients, one per line"),
        "margin_top_mm": _("Top margin (mm)"),
        "margin_bottom_mm": _("Bottom margin (mm)"),
        "margin_left_mm": _("Left margin (mm)"),
        "margin_right_mm": _("Right margin (mm)"),
        "font_size": _("Body font size (pt)"),
        "term_start": _("Term started on"),
    }


def _placeholders() -> dict[str, str]:
    return {
        "parent_body": "ĐẢNG BỘ TỈNH …",
        "issuing_body": "HUYỆN ỦY …",
        "short_code": "HU",
        "signer_prefix": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ",
        "term_start": _("dd/mm/yyyy"),
    }


class LetterheadForm(PhutrachNode, ModalScreen[Letterhead | None]):
    """Returns the letterhead saved, or None when closed without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="letterhead.save", tooltip="Save the letterhead"),
        Binding(
            "escape", "cancel", "Cancel", id="letterhead.cancel", tooltip="Close without saving"
        ),
    ]

    def compose(self) -> ComposeResult:
        lh = letterhead(self.app.db)
        values = {f.name: getattr(lh, f.name) for f in fields(Letterhead)}
        values["term_start"] = vn_date(current_term(self.app.db))
        labels, hints = _labels(), _placeholders()
        with VerticalScroll(id="letterhead-box", can_focus=False) as box:
            box.border_title = _("Letterhead of the committee's briefs")
            yield Static(
                _("Printed on every brief. A new term start numbers documents from 01 again."),
                classes="dialog-hint",
            )
            for field in (*TEXTS, "recipients", *NUMBERS, "term_start"):
                with Horizontal(classes=f"field-row {field}"):
                    yield Label(labels[field], classes="field-label")
                    if field == "recipients":
                        yield TextArea("\n".join(lh.recipients), id="field-recipients")
                    else:
                        value = values[field]
                        text = f"{value:g}" if isinstance(value, float) else str(value)
                        yield Input(
                            text,
                            placeholder=hints.get(field, ""),
                            compact=True,
                            id=f"field-{field}",
                        )
                yield Static("", id=f"error-{field}", classes="field-error")
            yield Static("", id="error-form", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button(_("Save (ctrl+s)"), variant="primary", id="letterhead-save")
                yield Button(_("Cancel"), id="letterhead-cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#field-parent_body", Input).focus()

    def value(self, field: str) -> str:
        return self.query_one(f"#field-{field}", Input).value.strip()

    def typed(self) -> Letterhead:
        """The form as a Letterhead; a figure that is not a number stays text for the store
        to refuse at its field."""
        values: dict = {field: self.value(field) for field in TEXTS}
        for field in NUMBERS:
            text = self.value(field).replace(",", ".")
            try:
                values[field] = float(text)
            except ValueError:
                values[field] = text
        lines = self.query_one("#field-recipients", TextArea).text.splitlines()
        values["recipients"] = tuple(line.strip() for line in lines if line.strip())
        return Letterhead(**values)

    def action_save(self) -> None:
        errors = FieldErrors(self)
        errors.clear()
        try:
            term_start = parse_vn_date(self.value("term_start"), "term_start")
            saved = save_letterhead(self.app.db, self.typed(), term_start=term_start)
        except ValidationError as exc:
            errors.show(exc.detail, exc.field)
            return
        self.app.notify(_("Letterhead saved."))
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#letterhead-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#letterhead-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
