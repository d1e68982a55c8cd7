"""Every use phutrach makes of Textual's private attributes, each with why; nowhere else.

tests/tui/test_textual_internals.py checks each one, so that a Textual upgrade that renames
or changes one fails there, loudly, instead of quietly making phutrach slower or blind.
"""

from typing import Any

from rich.segment import Segment
from textual import active_app
from textual.app import App, ComposeResult
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.geometry import Size
from textual.notifications import Notification
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Select
from textual.widgets._select import SelectCurrent, SelectOverlay

from store.lang.text import CONTROLS


def mark_styled(screen: Screen) -> Screen:
    """Mark a new mode's screen as styled by the CSS in force (`App._css_update_count`,
    copied to `Screen._css_update_count`, as Textual does for a screen it styles itself).

    Textual re-parses every stylesheet it knows when a mode first shows its screen, to
    restyle a screen made before a change of CSS; a screen made now is styled as its widgets
    mount (every stylesheet is read at start), and the re-parse cost 100-230 ms a screen
    here. Without the attribute the screen is just restyled: slower, still right."""
    count = getattr(active_app.get(), "_css_update_count", None)
    if count is not None:
        screen._css_update_count = count
    return screen


class KeptParses(Stylesheet):
    """Textual's stylesheet, parsing each source once while the theme's variables stay.

    Textual re-parses every stylesheet it knows into a fresh `Stylesheet`, whose parse cache
    (`Stylesheet._parse_cache`) starts empty, whenever it restyles: and `set_variables`
    empties the cache even when the variables are those in force (`_variables`). At start
    that made three full parses of all the CSS before the first screen showed. Here the
    variables replace the cache only when they change, and a re-parse reads the cache, so
    that only a source not parsed yet (a widget's DEFAULT_CSS, seen for the first time) is
    parsed. A source with an error still raises, and the rules in force stay as they were."""

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:
            super().set_variables(variables)

    def reparse(self) -> None:
        self.parse()


# Textual's own: `return id(self)`, a Python call each time a rule is hashed (kept for the test).
TEXTUAL_RULESET_HASH = RuleSet.__hash__


def hash_rules_natively() -> None:
    """Hash Textual's CSS rules (`RuleSet`) by identity in C, as Textual means them to be.

    Styling a widget (`Stylesheet.apply`) filters every rule of the app through a set of
    rule sets, once per widget: Textual's `__hash__` made that a Python call per rule, 380
    rules per widget here, a third of a screen's first show. `object.__hash__` is the same
    identity hash without the call (a rule equals itself only, as before)."""
    RuleSet.__hash__ = object.__hash__  # type: ignore[method-assign, assignment]


class OverlayOnOpen(Select[Any]):
    """Textual's Select, its list of options (a `SelectOverlay`) made when it first opens.

    Textual's Select mounts that list with it, closed: an OptionList styled, bound, filled
    with every option and restyled as its classes change, for a list few open. It was a
    third of the concern board's first show (five filters, 30 ms at province scale). Closed,
    this one is the `SelectCurrent` alone, drawn as Textual draws it; opened (Enter, Space,
    a click) the list is mounted, filled and opened as Textual's. Select's private
    `_setup_options_renderables`, `_watch_value`, `_watch_prompt` and `_watch_expanded`
    read the list; each waits here until there is one."""

    _first_on_open = False  # opened by a key: the first option highlighted, as Textual does

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)

    def _overlay(self) -> SelectOverlay | None:
        found = self.query_children(SelectOverlay)
        return found.first() if found else None

    def _setup_options_renderables(self) -> None:
        if self._overlay() is not None:
            super()._setup_options_renderables()

    def _watch_value(self, value: Any) -> None:
        if self._overlay() is not None:
            super()._watch_value(value)
            return
        self._value = value
        current = self.query_children(SelectCurrent)
        if not current:
            return
        if value == self.NULL:
            current.first().update(self.NULL)
        else:
            prompt = next((p for p, v in self._options if v == value), None)
            if prompt is None:
                return
            current.first().update(prompt)
        self.post_message(self.Changed(self, value))

    def _watch_prompt(self, prompt: str) -> None:
        if self._overlay() is not None:
            super()._watch_prompt(prompt)
        elif self.is_mounted:
            current = self.query_one(SelectCurrent)
            current.placeholder = prompt
            if self._allow_blank and self.value == self.NULL:
                current.update(self.NULL)

    async def _watch_expanded(self, expanded: bool) -> None:
        if expanded and self._overlay() is None:
            overlay = SelectOverlay(type_to_search=self._type_to_search)
            await self.mount(overlay.data_bind(compact=Select.compact))
            super()._setup_options_renderables()
            if self.value != self.NULL:
                overlay.highlighted = next(
                    (i for i, (_p, v) in enumerate(self._options) if v == self.value), None
                )
            super()._watch_expanded(self.expanded)
            if self.expanded and self._first_on_open and overlay.highlighted is None:
                overlay.action_first()
            return
        super()._watch_expanded(expanded)

    def action_show_overlay(self) -> None:
        if self._overlay() is not None:
            super().action_show_overlay()
            return
        self._first_on_open = True
        self.query_one(SelectCurrent).has_value = True
        self.expanded = True  # the list is made by _watch_expanded, then opened


def keep_parses(app: App) -> None:
    """Give `app` a `KeptParses` stylesheet, before it reads any CSS (in its __init__)."""
    kept = KeptParses(variables=app.stylesheet._variables)
    kept.source = app.stylesheet.source
    app.stylesheet = kept


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give a scrolling `widget` another virtual size without a layout of its screen when no
    scrollbar of it comes or goes (`Widget.set_reactive`, `_scroll_update`, as Textual does
    for a resize without layout). `virtual_size` is a reactive with layout=True: a list whose
    count changed, or a search field whose text grew, laid out the whole screen at each
    keystroke (5-10 ms), though no widget moved. Else a plain assignment (a layout)."""
    if size == widget.virtual_size:
        return
    width, height = widget.container_size
    styles = widget.styles

    def stays(overflow: str, wanted: bool, shown: bool) -> bool:
        return overflow == "hidden" or (overflow == "auto" and wanted == shown)

    if (
        width
        and height
        and stays(styles.overflow_x, size.width > width, widget.show_horizontal_scrollbar)
        and stays(styles.overflow_y, size.height > height, widget.show_vertical_scrollbar)
    ):
        widget.set_reactive(Widget.virtual_size, size)
        widget._scroll_update(size)
    else:
        widget.virtual_size = size


def input_value_changed(field: Input, value: str) -> None:
    """`Input._watch_value` (the Changed message, validation, the cursor), its virtual size
    set first by `set_virtual_size`: Input's own assignment of the same size then changes
    nothing, and a letter typed lays out nothing."""
    set_virtual_size(field, Size(field.content_width, 1))
    Input._watch_value(field, value)


def notifications(app: App) -> list[Notification]:
    """The notifications the app shows now (`App._notifications`): Textual offers no public
    way to read them back, and the tests check what the user was told."""
    return list(app._notifications)


# Every character that acts on a terminal instead of showing (C0, DEL, C1, bidi, surrogates):
# each has no width in a Strip's cell count, so dropping it keeps the line's layout.
_ACTING = dict.fromkeys(CONTROLS)


def guard_terminal() -> None:
    """Make `Strip.render`, the one place Textual turns text into what the terminal reads,
    drop control characters from the text of a strip (`Strip._segments`, `_render_cache`).

    Screens give stored text through tui.format.safe, which shows a control as a visible
    stand-in; this is the floor beneath it, for a widget that passes a stored string on as
    is: a name written by an older version or a raw edit, holding "ESC ] 0 ; … BEL", would
    otherwise retitle the user's terminal, and "ESC [ 2 J" clear it. Styles, colours and
    links are added by render itself, from the segments' styles, and stay."""
    if getattr(Strip.render, "guarded", False):
        return
    unguarded = Strip.render

    def render(self: Strip, console) -> str:
        if self._render_cache is None and not all(s.text.isprintable() for s in self._segments):
            clean = [Segment(s.text.translate(_ACTING), s.style, s.control) for s in self._segments]
            self._render_cache = unguarded(Strip(clean, self.cell_length), console)
        return unguarded(self, console)

    render.guarded = True  # type: ignore[attr-defined]
    Strip.render = render  # type: ignore[method-assign]


def terminal_output(app: App) -> str:
    """What a full repaint of the app's screen writes to the terminal (`Screen._compositor`):
    a headless app writes nothing, and the tests check what the terminal would read."""
    return app.screen._compositor.render_full_update().render_segments(app.console)


class ReportsCrashes:
    """An App mixin: an unhandled exception exits with code 1 and `crash_line` (from
    `tui.crash.report`) instead of Textual's traceback, which shows local variables.

    Replaces `App._handle_exception` (private: Textual calls it for every error a handler,
    worker or timer lets through) and does what it does, the rendering aside: sets
    `App._return_code`, keeps the first error in `App._exception` (which `run_test`
    re-raises, so the tests still see it) and closes the app (`_close_messages_no_wait`)."""

    crash_line: str | None = None

    def _handle_exception(self, error: Exception) -> None:
        from tui import crash

        app: Any = self
        app._return_code = crash.EXIT_CODE
        if app._exception is None:
            app._exception = error
            app._exception_event.set()
        if self.crash_line is None:
            self.crash_line = crash.report(error)
        app._close_messages_no_wait()
