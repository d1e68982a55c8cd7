"""The personnel gaps as a row of figures (flagged secretaries with no plan, plans with overdue
actions, units without a secretary, acting secretaries, secretaries not assessed in 12 months,
the share with a concurrent role), each one selectable.

Drop it in any screen: `yield PersonnelGaps()`. It reads the gaps in a worker for the current
supervisor (settings `current_supervisor`, or everyone) on the app's `today`, and posts
`PersonnelGaps.Selected(kind)` when a figure is chosen (Enter or a click); `reload()` reads
them again after an edit. The figures come from assessments: the border carries the mark.
"""

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from store.core import db as store_db
from store.core import records, settings
from store.lang.i18n import _
from store.personnel import GapCounts, gap_counts
from tui.confidential import marked
from tui.node import PhutrachNode

GAP_KINDS = (
    "flagged_without_plan",
    "overdue_plans",
    "without_secretary",
    "acting",
    "unassessed",
    "concurrent",
)


def gap_label(kind: str) -> str:
    return {
        "flagged_without_plan": _("Flagged, no active plan"),
        "overdue_plans": _("Plans with overdue actions"),
        "without_secretary": _("Without a secretary"),
        "acting": _("Acting secretaries"),
        "unassessed": _("Not assessed in 12 months"),
        "concurrent": _("Secretaries with a concurrent role"),
    }[kind]


def scope_supervisor(db) -> int | None:
    """The id of the current supervisor of the settings, None for everyone."""
    uid = settings.get(db, "current_supervisor")
    row = records.find_by_uid(db, "supervisors", uid) if uid else None
    return row["id"] if row else None


def figure(gaps: GapCounts, kind: str) -> str:
    """The figure shown for `kind`: a count, or a percentage for the concurrent roles."""
    if kind == "concurrent":
        share = gaps.concurrent_share
        return "—" if share is None else f"{round(share * 100)}%"
    return str(getattr(gaps, kind))


class GapFigure(PhutrachNode, Static, can_focus=True):
    """One figure: its number key, its count and what it counts."""

    BINDINGS = [
        Binding("enter,space", "choose", "Filter", id="gaps.choose", tooltip="Show these rows"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(id=f"gap-{kind}", classes="gap-figure")
        self.kind, self.key = kind, key
        self.value = "…"

    def render(self) -> Text:
        text = Text.assemble((f"{self.key} ", "dim"), (self.value, "bold"), "\n")
        text.append(gap_label(self.kind))
        return text

    def show(self, value: str) -> None:
        self.value = value
        self.set_class(value not in ("0", "—", "0%"), "-alert")
        self.refresh()

    def action_choose(self) -> None:
        self.post_message(PersonnelGaps.Selected(self.kind))

    def on_click(self) -> None:
        self.action_choose()


class PersonnelGaps(PhutrachNode, Horizontal):
    DEFAULT_CSS = """
    PersonnelGaps {
        height: 5;
        border: round $warning;
        border-title-color: $warning;
    }
    PersonnelGaps .gap-figure {
        width: 1fr;
        height: 3;
        padding: 0 1;
        color: $text-muted;
    }
    PersonnelGaps .gap-figure.-alert {
        color: $text;
    }
    PersonnelGaps .gap-figure.-selected {
        background: $boost;
        text-style: underline;
    }
    PersonnelGaps .gap-figure:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    selected: reactive[str | None] = reactive(None)

    class Selected(Message):
        """A figure was chosen: show the rows behind the gap `kind`."""

        def __init__(self, kind: str) -> None:
            super().__init__()
            self.kind = kind

    class Loaded(Message):
        """The gap counts were read (in a worker)."""

        def __init__(self, gaps: GapCounts) -> None:
            super().__init__()
            self.gaps = gaps

    def __init__(self, *, id: str | None = "personnel-gaps") -> None:
        super().__init__(id=id)
        self.gaps: GapCounts | None = None

    def compose(self) -> ComposeResult:
        for number, kind in enumerate(GAP_KINDS, start=1):
            yield GapFigure(kind, str(number))

    def on_mount(self) -> None:
        self.border_title = marked(_("Personnel gaps"))
        # After the screen's first frame: the worker's Python would take turns with the
        # drawing of the first rows, which the user is waiting for.
        self.call_after_refresh(self.reload)

    @work(thread=True, exclusive=True, group="personnel-gaps")
    def reload(self) -> None:
        with store_db.reading(self.app.db_path) as db:
            gaps = gap_counts(db, scope_supervisor(db), as_of=self.app.today)
        self.app.call_from_thread(self._show, gaps)

    def _show(self, gaps: GapCounts) -> None:
        self.gaps = gaps
        for item in self.query(GapFigure):
            item.show(figure(gaps, item.kind))
        self.post_message(self.Loaded(gaps))

    def watch_selected(self, kind: str | None) -> None:
        for item in self.query(GapFigure):
            item.set_class(item.kind == kind, "-selected")

    @on(Selected)
    def _mark(self, event: Selected) -> None:
        self.selected = event.kind
