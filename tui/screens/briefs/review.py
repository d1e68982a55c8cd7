"""One brief's drafted text, reviewed before it is written: every section the brief drafts
from the records (strengths, shortcomings, causes, tasks, proposals, a visit's advice…) in
an editable box, one paragraph a line. ctrl+s keeps the edits with that brief (writing it
again, alone or in a batch, prints them); ctrl+r puts a section back to the draft; ctrl+t
leaves it blank for the drafter (the brief prints the placeholder there); ctrl+g keeps the
edits and writes the brief.

    app.push_screen(BriefReview(Request("supervisor", 5, "2026-Q4")))

The drafts are made in a thread worker (python-docx and the kinds are imported there only).
"""

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from store.core import db as store_db
from store.core.errors import PhutrachError, ValidationError
from store.lang.i18n import _
from store.reports import drafts
from store.rules.periods import Period
from tui import briefing
from tui.dialogs.confirm import ConfirmScreen
from tui.forms.inputs import LimitedTextArea
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter


class SectionBox(Vertical):
    """One drafted section: its heading, what it holds (draft, kept, blank), the text."""

    def __init__(self, section, kept) -> None:
        super().__init__(classes="review-section")
        self.section, self.kept = section, kept

    @property
    def key(self) -> str:
        return self.section.key

    def compose(self) -> ComposeResult:
        yield Static(Text(self.section.title, style="bold"), classes="review-title")
        yield Static("", classes="review-state")
        yield LimitedTextArea(drafts.FIELD, self.stored(), soft_wrap=True)
        yield Static("", classes="review-error")

    def on_mount(self) -> None:
        self.show_state()

    @property
    def area(self) -> LimitedTextArea:
        return self.query_one(LimitedTextArea)

    @property
    def blank(self) -> bool:
        return bool(self.kept and self.kept.blank)

    def stored(self) -> str:
        """The text as the brief would print it now (empty when blank)."""
        shown = self.section.shown({self.key: self.kept} if self.kept else {})
        return "\n".join(shown or ())

    @property
    def dirty(self) -> bool:
        return self.area.text.strip() != self.stored().strip()

    def show_state(self, error: str = "") -> None:
        if self.blank:
            state = _("Left blank: the brief prints the drafter's placeholder here.")
        elif self.kept:
            state = _("Your text, kept.")
        elif self.section.draft:
            state = _("Drafted from the records.")
        else:
            state = _("Nothing in the records to draft from: printed only if you write it.")
        if self.dirty:
            state += " " + _("Edited, not kept yet (ctrl+s).")
        self.query_one(".review-state", Static).update(state)
        line = self.query_one(".review-error", Static)
        line.update(error)
        line.display = bool(error)

    def reset(self, kept) -> None:
        self.kept = kept
        self.area.load_text(self.stored())
        self.show_state()


class BriefReview(PhutrachNode, Screen):
    HELP = (
        "The text of one brief before it is written. Each section is drafted from the records "
        "(figures judged against the rulebook, the visits' advice, the concerns, the plans); "
        "edit it or add paragraphs, one a line. ctrl+s keeps your text with this brief: written "
        "again, alone or in a batch, it prints your text. ctrl+r puts the section you are in "
        "back to the draft; ctrl+t leaves it blank for the drafter. ctrl+g keeps and writes "
        "the brief. Escape goes back."
    )
    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep", id="review.keep", tooltip="Keep the edited text"),
        Binding(
            "ctrl+r",
            "reset",
            "Draft",
            id="review.reset",
            tooltip="Put this section back to the draft",
        ),
        Binding("ctrl+t", "blank", "Blank", id="review.blank", tooltip="Leave this section blank"),
        Binding(
            "ctrl+g", "write", "Write", id="review.write", tooltip="Keep the text, write the brief"
        ),
        Binding("escape", "close", "Back", id="review.close", tooltip="Go back"),
    ]

    def __init__(self, request: briefing.Request) -> None:
        super().__init__()
        self.request = request
        self.key: drafts.BriefKey | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Drafting from the records…"), id="review-about")
        yield VerticalScroll(id="review-sections")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Text of the brief")
        self.load()

    @work(thread=True, exclusive=True, group="brief-review")
    def load(self) -> None:
        """The drafts, on a connection of the worker's own."""
        from briefs.review import review  # python-docx: in the worker only

        app, r = self.app, self.request
        db = store_db.connect(app.db_path, create=False, migrate=False)
        try:
            found = review(db, r.kind, r.scope_id, r.period, confidential=r.confidential,
                           on=app.today)  # fmt: skip
        except PhutrachError as exc:
            app.call_from_thread(self._failed, exc.message)
            return
        finally:
            db.close()
        app.call_from_thread(self._show, found)

    def _failed(self, message: str) -> None:
        self.query_one("#review-about", Static).update(Text(message, style="bold red"))

    async def _show(self, found) -> None:
        self.key = found.key
        period = _period_title(found.key.period)
        about = found.title if period in found.title else f"{found.title} — {period}"
        secret = " — MẬT" if found.key.confidential else ""
        self.query_one("#review-about", Static).update(Text(about + secret, style="bold"))
        boxes = [SectionBox(s, found.kept.get(s.key)) for s in found.sections]
        scroll = self.query_one("#review-sections", VerticalScroll)
        await scroll.mount_all(boxes)
        if boxes:
            boxes[0].area.focus()
        self.refresh_bindings()

    # -- the sections ----------------------------------------------------------------------
    def boxes(self) -> list[SectionBox]:
        return list(self.query(SectionBox))

    def current(self) -> SectionBox | None:
        """The section the cursor is in (the first when none)."""
        node = self.focused
        while node is not None and not isinstance(node, SectionBox):
            node = node.parent
        return node if isinstance(node, SectionBox) else next(iter(self.boxes()), None)

    def on_text_area_changed(self, event: LimitedTextArea.Changed) -> None:
        box = event.text_area.parent
        if isinstance(box, SectionBox):
            box.show_state()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("keep", "reset", "blank", "write"):
            return self.key is not None
        return True

    def action_keep(self) -> bool:
        """Keep every edited section at once (one entry in the history); False when a
        section's text is refused (its message under it, nothing kept)."""
        assert self.key is not None
        plan = []
        for box in self.boxes():
            if not box.dirty:
                continue
            text = box.area.text
            try:
                plan.append((box, _intent(box, text)))
            except ValidationError as exc:
                box.show_state(exc.detail)
                box.area.focus()
                return False
        texts = {box.key: (None if verb == "forget" else p) for box, (verb, p) in plan}
        saved = drafts.save_sections(self.app.db, self.key, texts) if texts else {}
        for box, _intended in plan:
            box.reset(saved[box.key])
        if plan:
            self.notify(_("Text kept with the brief."))
        return True

    def action_reset(self) -> None:
        box = self.current()
        if box is not None and self.key is not None:
            drafts.forget_section(self.app.db, self.key, box.key)
            box.reset(None)
            self.notify(_("Section put back to the draft."))

    def action_blank(self) -> None:
        box = self.current()
        if box is not None and self.key is not None:
            box.reset(drafts.blank_section(self.app.db, self.key, box.key))
            self.notify(_("Section left blank for the drafter."))

    def action_write(self) -> None:
        if self.action_keep():
            briefing.write_brief(self.app, self.request)
            self.dismiss()

    def action_close(self) -> None:
        if not any(box.dirty for box in self.boxes()):
            self.dismiss()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss()

        question = _("Leave without keeping your edits?")
        self.app.push_screen(ConfirmScreen(question, yes=_("Leave")), answered)


def _intent(box: SectionBox, text: str) -> tuple[str, list[str]]:
    """What to do with an edited section: ("forget", []) when it is the draft again (or an
    optional one emptied), else ("keep", its paragraphs, checked by the store)."""
    section = box.section
    if not text.strip() and (section.optional and not section.draft):
        return "forget", []
    paragraphs = drafts.paragraphs_of(text)
    if tuple(paragraphs) == tuple(" ".join(p.split()) for p in section.draft):
        return "forget", []
    return "keep", paragraphs


def _period_title(code: str) -> str:
    try:
        return Period.parse(code).title() if code else ""
    except ValidationError:
        return code
