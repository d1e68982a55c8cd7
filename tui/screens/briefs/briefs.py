"""Word briefs in batch: pick the kind, the scope (one, or all), the period and the folder;
"Tạo báo cáo" writes them in a worker thread (processes for a big batch) with a progress
bar, a PDF of each too when asked (LibreOffice, briefs.pdf), then says what was written and
what failed, and why. Below, every brief written so
far, latest first; Enter shows a brief's full path and copies it. `l` edits the letterhead.

The scopes and the jobs are those of `phutrach brief` (store.reports.scopes, tui.briefing).
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    Select,
    Static,
)

from briefs.frame.vn import document_number
from store.core.errors import ValidationError
from store.core.files import writable_folder
from store.lang.codes import BriefKind, PeriodKind
from store.lang.i18n import _
from store.lang.labels import choices, label
from store.reports import brief_log
from store.reports import scopes as brief_scopes
from store.reports.letterhead import letterhead, member_report
from store.rules.periods import Period
from tui import briefing
from tui.comeback import StyledOnce
from tui.dialogs.supervisor_picker import current_choice
from tui.forms.field_errors import FieldErrors
from tui.node import PhutrachNode
from tui.screens.briefs.scope import Scope, ScopePicker
from tui.textual_internals import OverlayOnOpen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource
from tui.widgets.yes_no import YesNo

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

DEFAULT_PER = {
    BriefKind.VISIT: PeriodKind.MONTH,
    BriefKind.SUPERVISOR: PeriodKind.QUARTER,
    BriefKind.UNIT: PeriodKind.QUARTER,
    BriefKind.ANNUAL: PeriodKind.YEAR,
    BriefKind.PLAN: PeriodKind.YEAR,
}
SHOWN_FAILURES = 3
SECRET, DONE, FAILED = "MẬT", "✓", "✗"


@dataclass(frozen=True)
class Batch:
    """What "Tạo báo cáo" asked for, checked."""

    kind: str
    period: str
    confidential: bool
    requests: tuple[briefing.Request, ...]
    folder: Path
    make_zip: bool
    make_pdf: bool = False


@dataclass(frozen=True)
class Summary:
    folder: Path
    outcomes: tuple = ()
    zipped: Path | None = None
    error: str | None = None  # the batch itself could not run
    pdfs: tuple = ()  # briefs.pdf.PdfOutcome, when PDFs were asked for

    @property
    def written(self) -> int:
        return sum(1 for o in self.outcomes if o.ok)


class BriefsScreen(StyledOnce, PhutrachNode, Screen):
    HELP = (
        "Word briefs in batch. Choose the kind of brief, one scope (ctrl+o chooses it) or all, "
        "the period (a month 2026-10, a quarter 2026-Q3, a half-year 2026-H2 or a year 2026) and "
        "the folder; ctrl+g writes them in the background with a progress bar. A confidential "
        "brief includes personnel content and is marked MẬT; plans always are. The list below "
        "shows every brief written; Enter shows a brief's full path and copies it. ctrl+r shows "
        "the drafted text of the one brief chosen, to edit before writing it. l edits the "
        "letterhead printed on every brief. On a visit, a unit, a plan or the dashboard, b "
        "shows that one brief's drafted text, and ctrl+g there writes it."
    )
    BINDINGS = [
        Binding(
            "ctrl+g",
            "generate",
            "Create briefs",
            id="briefs.generate",
            tooltip="Write the briefs chosen, in the background",
        ),
        Binding(
            "ctrl+o",
            "choose_scope",
            "Choose scope",
            id="briefs.scope",
            tooltip="Choose the visit, committee member, unit or plan",
        ),
        Binding(
            "ctrl+r",
            "review",
            "Review text",
            id="briefs.review",
            tooltip="Review and edit the drafted text of the brief chosen",
        ),
        Binding(
            "l",
            "letterhead",
            "Letterhead",
            id="briefs.letterhead",
            tooltip="Edit the letterhead printed on every brief",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind = BriefKind.SUPERVISOR
        self.scopes: dict[str, Scope] = {}
        self.running = False

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="briefs-form") as form:
            form.border_title = _("Create briefs")
            with Horizontal(classes="field-row"):
                yield Label(_("Kind of brief"), classes="field-label")
                yield OverlayOnOpen(
                    choices("brief_kind"),
                    value=self.kind,
                    allow_blank=False,
                    compact=True,
                    id="field-kind",
                )
            with Horizontal(classes="field-row"):
                yield Label(_("Scope"), classes="field-label")
                yield OverlayOnOpen(
                    [(_("One"), "one"), (_("All"), "all")],
                    value="one",
                    allow_blank=False,
                    compact=True,
                    id="field-mode",
                )
                yield Static(id="scope-name")
                yield Button(_("Choose… (ctrl+o)"), compact=True, id="scope-choose")
            yield Static("", id="error-scope", classes="field-error")
            with Horizontal(classes="field-row"):
                yield Label(_("Period"), classes="field-label")
                yield Input(self._default_period(self.kind), compact=True, id="field-period")
                yield Static(id="period-hint")
            yield Static("", id="error-period", classes="field-error")
            with Horizontal(classes="field-row"):
                yield Label(_("Folder"), classes="field-label")
                folder = briefing.home_path(briefing.output_folder(self.app.db))
                yield Input(folder, compact=True, id="field-folder")
            yield Static("", id="error-folder", classes="field-error")
            with Horizontal(classes="field-row"):
                yield Label("", classes="field-label")
                yield YesNo(
                    _("Confidential: include personnel content"),
                    compact=True,
                    id="field-confidential",
                )
            with Horizontal(classes="field-row"):  # a row of their own: 80 columns hold them
                yield Label("", classes="field-label")
                yield YesNo(_("Also put them in one zip file"), compact=True, id="field-zip")
                yield YesNo(_("Also make PDFs"), compact=True, id="field-pdf")
            yield Static(id="confidential-warning")
            yield Static("", id="error-form", classes="field-error")
            with Horizontal(id="briefs-run"):
                yield Button(
                    _("Create briefs (ctrl+g)"),
                    variant="primary",
                    compact=True,
                    id="briefs-generate",
                )  # the progress bar beside it comes with the first batch (`_progress`)
            yield Static(id="briefs-summary")
        table = PagedTable(_columns(), empty_text=_("No brief written yet."), id="briefs-list")
        table.border_title = _("Briefs written, latest first")
        yield table
        yield Static(id="briefs-path")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Word briefs")
        self._follow()
        self.watch(self.app, "supervisor_id", lambda _id: self._follow(), init=False)
        self._show_period_hint()
        self.reload_list()
        self.query_one("#field-kind").focus()

    def _follow(self) -> None:
        """The supervisor followed is the supervisor brief's scope; all: every brief."""
        chosen = current_choice(self.app.db)
        mode = self.query_one("#field-mode", Select)
        if chosen.id is None:
            self.scopes.pop(BriefKind.SUPERVISOR, None)
            mode.value = "all"
        else:
            self.scopes[BriefKind.SUPERVISOR] = Scope(chosen.id, chosen.name)
            mode.value = "one"
        self._show_kind()

    # -- the form --------------------------------------------------------------------------
    def _default_period(self, kind: str) -> str:
        return Period.containing(self.app.today, DEFAULT_PER[kind]).title()

    @on(Select.Changed, "#field-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        old, self.kind = self.kind, str(event.value)
        period = self.query_one("#field-period", Input)
        if period.value.strip() == self._default_period(old):  # not typed by the user
            period.value = self._default_period(self.kind)
        self._show_kind()

    @on(Select.Changed, "#field-mode")
    @on(Checkbox.Changed, "#field-confidential")
    def _show_kind(self) -> None:
        annual, plan = self.kind == BriefKind.ANNUAL, self.kind == BriefKind.PLAN
        mode = self.query_one("#field-mode", Select)
        mode.disabled = annual
        everything = mode.value == "all"
        self.query_one("#scope-choose", Button).disabled = annual or everything
        self.query_one("#scope-name", Static).update(self._scope_text(annual, everything))
        secret = self.query_one("#field-confidential", Checkbox)
        if plan:
            secret.value = True
        secret.disabled = plan
        warning = _(
            "⚠ MẬT: the briefs will include personnel content (capability notes on "
            "secretaries, replacement-source plans). Send them only to those entitled."
        )
        shown = self.query_one("#confidential-warning", Static)
        shown.update(warning)
        shown.display = secret.value
        self.refresh_bindings()

    def _scope_text(self, annual: bool, everything: bool) -> Text:
        if annual:
            return Text(_("The whole Party committee"))
        if everything:
            return Text(
                {
                    BriefKind.VISIT: _("Every visit recorded in the period"),
                    BriefKind.SUPERVISOR: _("Every committee member in charge"),
                    BriefKind.UNIT: _("Every grassroots Party organization"),
                    BriefKind.PLAN: _("Every open replacement-source plan"),
                }[self.kind]
            )
        chosen = self.scopes.get(self.kind)
        if chosen is None:
            return Text(_("None chosen yet: ctrl+o chooses"), style="italic")
        return Text(chosen.name, style="bold")

    @on(Input.Changed, "#field-period")
    def _show_period_hint(self) -> None:
        self.query_one("#error-period").display = False
        try:
            hint = Period.parse(self.query_one("#field-period", Input).value).title()
        except ValidationError:
            hint = _("e.g. quý IV/2026, Q4/2026, tháng 10/2026, 6 tháng đầu năm 2026, năm 2026")
        self.query_one("#period-hint", Static).update(hint)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "choose_scope":
            return (
                self.kind != BriefKind.ANNUAL
                and self.query_one("#field-mode", Select).value == "one"
            )
        if action == "generate":
            return not self.running
        return True

    def action_choose_scope(self) -> None:
        try:
            period = Period.parse(self.query_one("#field-period", Input).value)
        except ValidationError:
            period = None  # visits of every period, then
        kind = self.kind

        def chosen(scope: Scope | None) -> None:
            if scope is not None:
                self.scopes[kind] = scope
                self._show_kind()
                self.query_one("#error-scope").display = False

        self.app.push_screen(ScopePicker(kind, period), chosen)

    @on(Button.Pressed, "#scope-choose")
    def _choose_pressed(self) -> None:
        self.action_choose_scope()

    def action_review(self) -> None:
        """The drafted text of the one brief chosen, to review before writing it."""
        errors = FieldErrors(self)
        errors.clear()
        try:
            if (
                self.kind != BriefKind.ANNUAL
                and self.query_one("#field-mode", Select).value != "one"
            ):
                raise ValidationError(_("Choose one brief to review its text."), field="scope")
            request = self.batch().requests[0]
        except ValidationError as exc:
            errors.show(exc.detail, exc.field)
            return
        briefing.review_brief(self.app, request)

    def action_letterhead(self) -> None:
        from tui.screens.briefs.letterhead import LetterheadForm

        self.app.push_screen(LetterheadForm(), lambda saved: saved and self.reload_list())

    # -- writing ---------------------------------------------------------------------------
    def batch(self) -> Batch:
        """The form checked; ValidationError(field) at the first thing wrong."""
        period = Period.parse(self.query_one("#field-period", Input).value).code
        text = self.query_one("#field-folder", Input).value.strip()
        if not text:
            raise ValidationError(_("Write the folder the briefs go to."), field="folder")
        try:  # a file, a pipe, a device: refused by its stat, never opened
            folder = writable_folder(Path(text).expanduser().absolute())
        except ValidationError as exc:
            raise ValidationError(exc.message, "folder") from exc
        secret = brief_scopes.is_confidential(
            self.kind, self.query_one("#field-confidential", Checkbox).value
        )
        requests = tuple(
            briefing.Request(self.kind, sid, period, secret) for sid in self._scope_ids(period)
        )
        make_zip = self.query_one("#field-zip", Checkbox).value
        make_pdf = self.query_one("#field-pdf", Checkbox).value
        if make_pdf:
            from briefs.pdf import NoLibreOffice, require_converter

            try:
                require_converter()  # said before anything is written: untick, or install
            except NoLibreOffice as exc:
                raise ValidationError(exc.message, "form") from exc
        return Batch(self.kind, period, secret, requests, folder, make_zip, make_pdf)

    def _scope_ids(self, period: str) -> list[int | None]:
        if self.kind == BriefKind.ANNUAL:
            return [None]
        if self.query_one("#field-mode", Select).value == "all":
            found = brief_scopes.all_scopes(self.app.db, self.kind, period)
            if not found:
                raise ValidationError(
                    _("Nothing to write: no such brief for {period}.").format(
                        period=Period.parse(period).title()
                    ),
                    field="scope",
                )
            return found
        chosen = self.scopes.get(self.kind)
        if chosen is None:
            raise ValidationError(_("Choose what the brief is about first (ctrl+o)."), "scope")
        return [chosen.id]

    def action_generate(self) -> None:
        if self.running:
            return
        errors = FieldErrors(self)
        errors.clear()
        try:
            batch = self.batch()
        except ValidationError as exc:
            errors.show(exc.detail, exc.field)
            return
        if not briefing.ready(self.app, batch.kind, self.action_generate):  # no signer yet
            return
        briefing.remember_folder(self.app.db, batch.folder)
        self.running = True
        self.refresh_bindings()
        bar = self._progress()
        bar.update(total=len(batch.requests), progress=0)
        bar.display = True
        self.query_one("#briefs-summary", Static).update(
            _("Writing {count} briefs…").format(count=len(batch.requests))
        )
        self.write_batch(batch)

    def _progress(self) -> "ProgressBar":
        """The progress bar, made at the first batch: hidden, an idle one still animated
        itself fifteen times a second, and its widgets slowed the screen's first show (and
        its module, loaded here, the screen's first import)."""
        from textual.widgets import ProgressBar

        try:
            return self.query_one("#briefs-progress", ProgressBar)
        except NoMatches:
            bar = ProgressBar(show_eta=False, id="briefs-progress")
            self.query_one("#briefs-run").mount(bar)
            return bar

    @on(Button.Pressed, "#briefs-generate")
    def _generate_pressed(self) -> None:
        self.action_generate()

    @work(thread=True, exclusive=True, group="briefs-batch")
    def write_batch(self, batch: Batch) -> None:
        """The worker: the briefs, then the zip; the screen is told through the app."""
        app = self.app

        def advance(done: int, total: int, outcome) -> None:
            app.call_from_thread(self._advance, done)

        try:
            outcomes = briefing.run(app.db_path, batch.requests, batch.folder, app.today, advance)
            zipped = None
            written = [o.path for o in outcomes if o.ok]
            pdfs = self._make_pdfs(written) if batch.make_pdf and written else []
            if batch.make_zip and written:
                from briefs.batch import zip_name, zip_outputs

                name = zip_name(batch.kind, batch.period, batch.confidential)
                zipped = zip_outputs(written + [p.pdf for p in pdfs if p.ok], batch.folder / name)
            summary = Summary(batch.folder, tuple(outcomes), zipped, pdfs=tuple(pdfs))
        except Exception as exc:  # an unwritable folder: say so, keep the screen
            summary = Summary(batch.folder, error=str(exc))
        app.call_from_thread(self._finished, summary)

    def _make_pdfs(self, docs: list[Path]) -> list:
        """The worker's second stage: a PDF of each written brief, the bar counting again."""
        from briefs.pdf import to_pdf

        def advance(done: int, total: int, outcome) -> None:
            self.app.call_from_thread(self._advance, done)

        self.app.call_from_thread(self._pdf_stage, len(docs))
        return to_pdf(docs, advance)

    def _pdf_stage(self, total: int) -> None:
        self._progress().update(total=total, progress=0)
        self.query_one("#briefs-summary", Static).update(
            _("Making {count} PDFs…").format(count=total)
        )

    def _advance(self, done: int) -> None:
        self._progress().update(progress=done)

    def _finished(self, summary: Summary) -> None:
        self.running = False
        self.refresh_bindings()
        self._progress().display = False
        self.query_one("#briefs-summary", Static).update(_summary_text(summary))
        self.reload_list()
        failed = len(summary.outcomes) - summary.written
        failed += sum(1 for p in summary.pdfs if not p.ok)
        if summary.error or failed:
            self.notify(
                _("Some briefs could not be written; see why above the list."), severity="error"
            )
        else:
            self.notify(_("{count} briefs written.").format(count=summary.written))

    # -- the list --------------------------------------------------------------------------
    def reload_list(self) -> None:
        db = self.app.db
        self.folder = briefing.output_folder(db)
        self.short_code = letterhead(db).short_code

        def fetch(limit: int, offset: int) -> list:
            found = brief_log.list_briefs(db, limit=limit, offset=offset, written=True)
            return [(b, brief_scopes.scope_title(db, b.kind, b.scope)) for b in found]

        table = self.query_one("#briefs-list", PagedTable)
        table.set_source(
            PageSource(lambda: brief_log.count_briefs(db, written=True), fetch, self._cells)
        )
        self._show_path(table.current)

    def _cells(self, row) -> tuple:
        brief, title = row
        number = (
            document_number(brief.number, brief.doc_code, self.short_code)
            if (brief.number and brief.doc_code and not member_report(brief.kind))
            else ""
        )
        return (
            _written_on(brief.updated_at),
            label("brief_kind", brief.kind),
            title,
            _period_title(brief.period),
            number,
            Text(SECRET, style="bold red") if brief.confidential else "",
            briefing.shown_path(brief.path, self.folder),
        )

    @on(PagedTable.Highlighted, "#briefs-list")
    def _highlighted(self, event: PagedTable.Highlighted) -> None:
        self._show_path(event.row)

    def _show_path(self, row) -> None:
        text = _("File: {path}").format(path=briefing.home_path(row[0].path)) if row else ""
        self.query_one("#briefs-path", Static).update(text)

    @on(PagedTable.Selected, "#briefs-list")
    def _selected(self, event: PagedTable.Selected) -> None:
        path = event.row[0].path
        message = path
        if hasattr(self.app, "copy_to_clipboard"):
            self.app.copy_to_clipboard(path)
            message = _("{path} (copied to the clipboard)").format(path=path)
        self.notify(message, title=_("File of the brief"), timeout=15)


def _columns() -> list[Column]:
    return [
        Column(_("Written on"), 16),
        Column(_("Kind of brief"), 28),
        Column(_("About")),
        Column(_("Period"), 13),
        Column(_("Number"), 14),
        Column(_("Secret"), 4),
        Column(_("File")),
    ]


def _written_on(stamp: str) -> str:
    """The log's UTC time, in local time: `30/09/2026 14:05`."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return stamp


def _period_title(code: str | None) -> str:
    try:
        return Period.parse(code).title() if code else ""
    except ValidationError:
        return code or ""


def _summary_text(summary: Summary) -> Text:
    where = briefing.home_path(summary.folder)
    if summary.error:
        return Text(
            f"{FAILED} " + _("Nothing written: {error}").format(error=summary.error),
            style="bold red",
        )
    total = len(summary.outcomes)
    text = Text(
        f"{DONE} "
        + _("{written} of {total} briefs written to {folder}").format(
            written=summary.written, total=total, folder=where
        ),
        style="green",
    )
    made = [p for p in summary.pdfs if p.ok]
    if summary.pdfs:
        text.append(
            "\n"
            + _("{made} of {total} PDFs made beside them").format(
                made=len(made), total=len(summary.pdfs)
            )
        )
    if summary.zipped:
        text.append("\n" + _("Zip file: {path}").format(path=summary.zipped.name))
    failures = [(o.title, o.error) for o in summary.outcomes if not o.ok]
    failures += [(p.source.with_suffix(".pdf").name, p.error) for p in summary.pdfs if not p.ok]
    for title, error in failures[:SHOWN_FAILURES]:
        text.append(f"\n{FAILED} {title}: {error}", style="red")
    if len(failures) > SHOWN_FAILURES:
        more = _("… and {count} more failed").format(count=len(failures) - SHOWN_FAILURES)
        text.append("\n" + more, style="red")
    return text
