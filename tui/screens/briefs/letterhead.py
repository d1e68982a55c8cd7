"""The committee's letterhead, as every brief prints it: who issues, the number code, the
place, who signs, the page margins, the term that numbers documents (first tab); and each
kind of brief's "Kính gửi" and "Nơi nhận" (second tab, a kind chosen at a time, so that the
form fits 80×24). A modal form; the store checks it and its message shows at the field it
names. Opened with a store refusal (`problem`), it shows that message at its field first."""

from dataclasses import fields

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TabbedContent, TabPane, TextArea

from store.core.errors import ValidationError
from store.lang.codes import BriefKind
from store.lang.i18n import _
from store.lang.labels import choices
from store.reports.brief_log import current_term
from store.reports.letterhead import Letterhead, Route, letterhead, member_report, save_letterhead
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
ROUTE_FIELDS = ("addressees", "recipients")
FRAME_TAB, ROUTES_TAB = "tab-frame", "tab-routes"


def _labels() -> dict[str, str]:
    return {
        "parent_body": _("Parent body"),
        "issuing_body": _("Issuing body"),
        "short_code": _("Code in document numbers"),
        "place": _("Place name"),
        "signer_prefix": _("Signing authority"),
        "signer_title": _("Signer's title"),
        "signer_name": _("Signer's full name"),
        "margin_top_mm": _("Top margin (mm)"),
        "margin_bottom_mm": _("Bottom margin (mm)"),
        "margin_left_mm": _("Left margin (mm)"),
        "margin_right_mm": _("Right margin (mm)"),
        "font_size": _("Body font size (pt)"),
        "term_start": _("Term started on"),
        "kind": _("Kind of brief"),
        "addressees": _("Addressees (Kính gửi), one per line"),
        "recipients": _("Recipients (Nơi nhận), one per line"),
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


def _issuer_hint(kind: str) -> str:
    if member_report(kind):
        return _(
            "A member's own report: no number; addressed to the standing committee (Kính "
            "gửi); signed by the member. “Như trên” in Nơi nhận stands for the Kính gửi."
        )
    return _(
        "The committee's document: numbered, signed by the signer of the first tab. Its "
        "addressees are usually in Nơi nhận (“… (để báo cáo)”); “Như trên” only with a Kính gửi."
    )


class LetterheadForm(PhutrachNode, ModalScreen[Letterhead | None]):
    """Returns the letterhead saved, or None when closed without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="letterhead.save", tooltip="Save the letterhead"),
        Binding(
            "ctrl+t",
            "other_tab",
            "Other tab",
            id="letterhead.tab",
            tooltip="Show the letterhead, or each kind's Kính gửi and Nơi nhận",
        ),
        Binding(
            "escape", "cancel", "Cancel", id="letterhead.cancel", tooltip="Close without saving"
        ),
    ]

    def __init__(self, problem: ValidationError | None = None) -> None:
        super().__init__()
        self.problem = problem
        self.routes: dict[str, tuple[str, str]] = {}  # kind -> the two texts as typed
        self.kind = str(BriefKind.VISIT)

    def compose(self) -> ComposeResult:
        lh = letterhead(self.app.db)
        self.routes = {
            str(k): ("\n".join(lh.route(k).addressees), "\n".join(lh.route(k).recipients))
            for k in BriefKind
        }
        labels = _labels()
        with Vertical(id="letterhead-box") as box:
            box.border_title = _("Letterhead of the committee's briefs")
            yield Static(
                _("Printed on every brief. A new term start numbers documents from 01 again."),
                classes="dialog-hint",
            )
            with TabbedContent(id="letterhead-tabs", initial=FRAME_TAB):
                with TabPane(_("Letterhead"), id=FRAME_TAB):
                    yield from self._frame_fields(lh, labels)
                with TabPane(_("Addressees and recipients"), id=ROUTES_TAB):
                    yield from self._route_fields(labels)
            yield Static("", id="error-form", classes="field-error")
            with Horizontal(classes="form-buttons"):
                yield Button(
                    _("Save (ctrl+s)"), variant="primary", compact=True, id="letterhead-save"
                )
                yield Button(_("Cancel"), compact=True, id="letterhead-cancel")
        yield KeyFooter()

    def _frame_fields(self, lh: Letterhead, labels: dict[str, str]) -> ComposeResult:
        values = {f.name: getattr(lh, f.name) for f in fields(Letterhead)}
        values["term_start"] = vn_date(current_term(self.app.db))
        hints = _placeholders()
        with VerticalScroll(can_focus=False):
            for field in (*TEXTS, *NUMBERS, "term_start"):
                with Horizontal(classes=f"field-row {field}"):
                    yield Label(labels[field], classes="field-label")
                    value = values[field]
                    text = f"{value:g}" if isinstance(value, float) else str(value)
                    yield Input(
                        text, placeholder=hints.get(field, ""), compact=True, id=f"field-{field}"
                    )
                yield Static("", id=f"error-{field}", classes="field-error")

    def _route_fields(self, labels: dict[str, str]) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            with Horizontal(classes="field-row kind"):
                yield Label(labels["kind"], classes="field-label")
                yield Select(
                    choices("brief_kind"),
                    value=self.kind,
                    allow_blank=False,
                    compact=True,
                    id="field-kind",
                )
            yield Static(_issuer_hint(self.kind), id="issuer-hint", classes="dialog-hint")
            addressees, recipients = self.routes[self.kind]
            for field, text in zip(ROUTE_FIELDS, (addressees, recipients), strict=True):
                with Horizontal(classes=f"field-row {field}"):
                    yield Label(labels[field], classes="field-label")
                    yield TextArea(text, id=f"field-{field}")
                yield Static("", id=f"error-{field}", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#field-parent_body", Input).focus()
        if self.problem is not None:
            self.call_after_refresh(self._show, self.problem)

    # -- the kinds' routes -----------------------------------------------------------------
    def _keep_route(self) -> None:
        """Remember the route on screen as typed, before another kind is shown."""
        self.routes[self.kind] = tuple(  # type: ignore[assignment]
            self.query_one(f"#field-{f}", TextArea).text for f in ROUTE_FIELDS
        )

    def show_kind(self, kind: str) -> None:
        """Show `kind`'s Kính gửi and Nơi nhận (what was typed for the last one is kept)."""
        if kind == self.kind:
            return
        self._keep_route()
        self.kind = kind
        select = self.query_one("#field-kind", Select)
        if select.value != kind:
            with self.prevent(Select.Changed):
                select.value = kind
        for field, text in zip(ROUTE_FIELDS, self.routes[kind], strict=True):
            self.query_one(f"#field-{field}", TextArea).text = text
        self.query_one("#issuer-hint", Static).update(_issuer_hint(kind))

    @on(Select.Changed, "#field-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        self.show_kind(str(event.value))

    def action_other_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = ROUTES_TAB if tabs.active == FRAME_TAB else FRAME_TAB

    # -- saving ----------------------------------------------------------------------------
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
        self._keep_route()
        values["routes"] = tuple(
            (kind, Route(*(tuple(text.splitlines()) for text in texts)))
            for kind, texts in self.routes.items()
        )
        return Letterhead(**values)

    def action_save(self) -> None:
        try:
            term_start = parse_vn_date(self.value("term_start"), "term_start")
            saved = save_letterhead(self.app.db, self.typed(), term_start=term_start)
        except ValidationError as exc:
            self._show(exc)
            return
        self.app.notify(_("Letterhead saved."))
        self.dismiss(saved)

    def _show(self, problem: ValidationError) -> None:
        """The message at its field: on the routes tab, with its kind shown, for a route."""
        field = problem.field or ""
        name, _dot, kind = field.partition(".")
        tabs = self.query_one(TabbedContent)
        if kind and name in ROUTE_FIELDS:
            tabs.active = ROUTES_TAB
            self.show_kind(kind)
        elif field:
            tabs.active = FRAME_TAB
        FieldErrors(self).show(problem.detail, name or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#letterhead-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#letterhead-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
