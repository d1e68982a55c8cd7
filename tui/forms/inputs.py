"""Inputs that tell the user what they take: a number field that says so when a letter is
typed (Textual's own only rings the bell), and a free-text area that counts against the
store's limit (TEXT_LIMITS) as the user types.

    NumberInput(type="integer", id="field-present", error_id="error-present")
    LimitedTextArea("observations", id="observations")
"""

from textual.widgets import Input, Static, TextArea

from store.core.checks import TEXT_LIMITS
from store.lang.i18n import _


def numbers_only() -> str:
    return _("Numbers only: type the digits 0-9.")


class NumberInput(Input):
    """An Input of `type="integer"` or with a `restrict=` pattern whose refused key shows
    "numbers only" (or "at most N digits" when full) in the Static `error_id`, the field's
    error line, or without one as a notification; the message goes at the next key taken."""

    def __init__(self, *args, error_id: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.error_id = error_id
        self._told = ""

    def _error_line(self) -> Static | None:
        if not self.error_id:
            return None
        return next(iter(self.screen.query(f"#{self.error_id}").results(Static)), None)

    def restricted(self) -> None:
        full = self.max_length and len(self.value) >= self.max_length
        message = (
            _("At most {count} digits here.").format(count=self.max_length)
            if full
            else numbers_only()
        )
        line = self._error_line()
        if line is None:
            self.notify(message, severity="warning", timeout=3)
            return
        line.update(message)
        line.display = True  # the forms show their error lines in either of two ways
        line.add_class("-shown")
        self._told = message

    def _on_input_changed(self, event: Input.Changed) -> None:
        line = self._error_line() if self._told else None
        if line is not None and str(line.render()) == self._told:
            line.update("")
            line.remove_class("-shown")
            line.styles.clear_rule("display")  # hidden again by the form's own rules
        self._told = ""


class LimitedTextArea(TextArea):
    """A TextArea for the free-text `field` of the store, with a counter under it, "120/2000",
    kept up to date as the user types and marked when over the limit (the store refuses
    the text on save, naming the field and the limit)."""

    DEFAULT_CSS = """
    .text-counter { width: 100%; height: 1; text-align: right; color: $text-muted; }
    .text-counter.-over { color: $text-error; text-style: bold; }
    """

    def __init__(self, field: str, text: str = "", **kwargs) -> None:
        super().__init__(text, **kwargs)
        self.limit = TEXT_LIMITS[field]
        self.counter = Static("", classes="text-counter")

    def on_mount(self) -> None:
        assert self.parent is not None
        self.parent.mount(self.counter, after=self)
        self._count()

    def _on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._count()

    def _count(self) -> None:
        length = len(self.text)
        self.counter.update(f"{length}/{self.limit}")
        self.counter.set_class(length > self.limit, "-over")
