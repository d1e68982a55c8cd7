"""A paste fills a field up to FIELD_MAX characters and no further, and says so.

Textual's Input and TextArea take any paste whole, and each keystroke afterwards costs time
in the length of the field: a megabyte pasted into a form's field froze the app for minutes
(found by tests/trust/test_key_sequences.py). Cut here, once, for every field of every
screen, before the paste reaches the field; fields with a smaller cap of their own (the
search fields) keep theirs."""

from textual import events

from store.lang.i18n import _

FIELD_MAX = 10_000  # four pages of a note; a one-line field needs a hundredth of it
TOLD_SECONDS = 5.0


def paste_message() -> str:
    return _("A field takes at most {count} characters: the rest of the paste was left out.")


def _held(widget) -> tuple[int, str]:
    """How many characters `widget` keeps of what it holds (a paste replaces the selected
    text), and the part of a paste it takes."""
    from textual.widgets import Input, TextArea  # a paste comes after start-up

    if isinstance(widget, Input):
        start, end = widget.selection
        return len(widget.value) - abs(end - start), "line"
    if isinstance(widget, TextArea):
        return len(widget.text) - len(widget.selected_text), "all"
    return 0, "none"


class BoundsPastes:
    """An App mixin: a paste longer than the room left in the focused field is cut to it."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event = self._bounded(event)
        await super().on_event(event)  # type: ignore[misc]

    def _bounded(self, event: events.Paste) -> events.Paste:
        held, takes = _held(getattr(self, "focused", None))
        text = event.text
        if takes == "line":  # an Input takes the first line only
            text = text.splitlines()[0] if text.splitlines() else ""
        room = max(FIELD_MAX - held, 0)
        if takes == "none" or len(text) <= room:
            return event
        self.notify(  # type: ignore[attr-defined]
            paste_message().format(count=FIELD_MAX),
            severity="warning",
            timeout=TOLD_SECONDS,
        )
        return events.Paste(text[:room])
