"""Đồng bộ, the exchange between machines: this site, each site it exchanges with (at the
office every enrolled laptop), the last bundle each way and the changes waiting to go; `e`
makes a bundle for the highlighted site into the folder typed, `i` reads the bundle file
typed (the apply runs in a child process, its progress shown); the conflicts no rule decided
are listed, `h` keeps the record here, `t` theirs."""

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Header, Input, ProgressBar, Static

from store.core import db as store_db
from store.core.errors import PhutrachError
from store.core.files import atomic_write
from store.core.paths import data_dir, ensure_private_dir
from store.lang.i18n import _
from store.sync import sites
from tui.comeback import ComesBack
from tui.format import safe, vn_number
from tui.node import PhutrachNode
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import Column, PagedTable, PageSource

if TYPE_CHECKING:  # the exchange's own modules load when this database takes part in one
    from store.sync import bundles, review


class SyncScreen(ComesBack, PhutrachNode, Screen):
    HELP = (
        "The exchange with the other machines. e writes a bundle for the highlighted site "
        "into the folder typed below; i reads the bundle file typed below; h or t decides "
        "the highlighted conflict: keep the record here, or the other site's."
    )
    BINDINGS = [
        Binding("e", "make", "Make a bundle", id="sync.make", tooltip="Bundle for this site"),
        Binding("i", "read", "Read a bundle", id="sync.read", tooltip="Import the bundle file"),
        Binding("h", "keep('here')", "Keep here", id="sync.here", tooltip="Keep this record"),
        Binding("t", "keep('theirs')", "Keep theirs", id="sync.theirs", tooltip="Keep theirs"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="sync-site")
        if sites.this_site(self.app.db) is not None:
            yield from _exchange_part()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Exchange between machines")
        self._show()

    def came_back(self) -> None:
        self._show()

    def _show(self) -> None:
        """The site; its exchange (sites, path, conflicts) only where there is one, made
        when first needed: a database in none shows one line, and its lists were composed
        and hidden for nothing (a database that joined meanwhile gets them now)."""
        db = self.app.db
        me = sites.this_site(db)
        self.query_one("#sync-site", Static).update(_site_text(me), layout=False)
        if me is None:
            return
        if not self._exchange():
            self.call_later(self._mounted, self.mount_all(_exchange_part(), after="#sync-site"))
            return
        self._fill()

    async def _mounted(self, mounting: AwaitMount) -> None:
        await mounting
        self._fill()

    def _fill(self) -> None:
        db = self.app.db
        from store.sync import bundles, review

        self.query_one("#sync-sites", PagedTable).set_source(
            PageSource(
                count=lambda: len(sites.sites(db)),
                fetch=lambda limit, offset: sites.sites(db)[offset : offset + limit],
                cells=lambda s: _site_cells(db, s),
            )
        )
        self.query_one("#sync-conflicts", PagedTable).set_source(
            PageSource(
                count=lambda: len(bundles.open_conflicts(db)),
                fetch=lambda limit, offset: bundles.open_conflicts(db)[offset : offset + limit],
                cells=lambda c: _conflict_cells(review.shown(db, c)),
            )
        )

    def _exchange(self) -> bool:
        """Whether the exchange is shown (this database takes part in one)."""
        return bool(self.query("#sync-sites"))

    def action_make(self) -> None:
        peer: sites.Site | None = (
            self.query_one("#sync-sites", PagedTable).current if self._exchange() else None
        )
        if peer is None:
            self.notify(_("Highlight the site the bundle is for."), severity="warning")
            return
        folder = Path(self.query_one("#sync-path", Input).value).expanduser()
        from store.sync import bundles

        try:
            data, header = bundles.export(self.app.db, self.app.db_path, to=peer.number)
            path = ensure_private_dir(folder) / bundles.bundle_name(header)
            with atomic_write(path, private=True) as file:
                file.write(data)
        except PhutrachError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(_("Wrote bundle {seq} to {path}.").format(seq=header["seq"], path=path))
        self._show()

    def action_read(self) -> None:
        path = (
            Path(self.query_one("#sync-path", Input).value).expanduser()
            if self._exchange()
            else None
        )
        if path is None or not path.is_file():
            self.notify(_("Type the path of a bundle file below first."), severity="warning")
            return
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.read_bundle(path)

    @work(thread=True, exclusive=True, group="sync-read")
    def read_bundle(self, path: Path) -> None:
        """The worker: its own connection (a thread may not share the app's)."""
        from store.sync import bundles, sealed

        app = self.app

        def advance(done: int, total: int) -> None:
            app.call_from_thread(self._advance, done, total)

        try:
            db = store_db.connect(app.db_path, create=False)
            try:
                done = bundles.import_bundle(db, app.db_path, sealed.read_file(path), advance)
            finally:
                db.close()
            message = _outcome_text(done)
        except PhutrachError as exc:
            message = exc.message
        app.call_from_thread(self._read, message)

    def _advance(self, done: int, total: int) -> None:
        self.query_one("#sync-progress", ProgressBar).update(total=total, progress=done)

    def _read(self, message: str) -> None:
        self.query_one("#sync-progress").display = False
        self.notify(message)
        self._show()

    def action_keep(self, side: str) -> None:
        conflict = (
            self.query_one("#sync-conflicts", PagedTable).current if self._exchange() else None
        )
        if conflict is None:
            self.notify(_("No conflict is highlighted."), severity="warning")
            return
        from store.sync import bundles

        try:
            bundles.decide(self.app.db, conflict.id, side)
        except PhutrachError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(bundles.decided_text(conflict.id, side))
        self._show()


def _exchange_part() -> list[Widget]:
    """The sites, the path typed, the progress of a read (hidden until one) and the
    conflicts: the screen of a database that takes part in an exchange."""
    columns = [Column(_("Site"), 8), Column(_("Supervisor")), Column(_("Last in"), 24),
               Column(_("Last out"), 24), Column(_("Waiting to go"), 14)]  # fmt: skip
    sites_table = PagedTable(columns, empty_text=_("No site enrolled yet."), id="sync-sites")
    sites_table.border_title = _("Sites of the exchange")
    progress = ProgressBar(show_eta=False, id="sync-progress")
    progress.display = False
    conflicts = PagedTable(
        [
            Column(_("No."), 6),
            Column(_("Site"), 16),
            Column(_("Record")),
            Column(_("Here ≠ theirs")),
        ],  # fmt: skip
        empty_text=_("No conflict waits for a decision."),
        id="sync-conflicts",
    )
    conflicts.border_title = _("Conflicts to review")
    return [
        sites_table,
        Static(_("Where bundles are written, or the bundle to read:"), id="sync-path-label"),
        Input(str(default_folder()), compact=True, id="sync-path"),
        progress,
        conflicts,
    ]


def default_folder() -> Path:
    return data_dir() / "bundles"


def _site_text(me: int | None) -> str:
    if me is None:
        return _("This database takes part in no exchange (phutrach site init --office, or join).")
    if me == sites.OFFICE:
        return _("This is the committee office (the hub of the exchange).")
    return _("This is site {number} of the exchange.").format(number=me)


def _conflict_cells(conflict: "review.Shown") -> tuple[str, ...]:
    """One line per conflict: its differences joined (the list is on `sync conflicts`)."""
    return (str(conflict.id), safe(conflict.site), safe(conflict.record),
            safe("; ".join(conflict.differences)))  # fmt: skip


def _site_cells(db, site: sites.Site) -> tuple[str, ...]:
    from store.sync import bundles

    def when(seq: int, at: str | None) -> str:
        return f"{seq} · {at[:16].replace('T', ' ')}" if at else "—"

    return (
        str(site.number),
        safe(site.name),
        when(site.received, site.received_at),
        when(site.sent, site.sent_at),
        vn_number(bundles.waiting(db, site)),
    )


def _outcome_text(done: "bundles.Outcome") -> str:
    if done.already:
        return _("Bundle {seq} was imported before: nothing added.").format(seq=done.seq)
    text = _("Imported bundle {seq}: {count} changes.").format(
        seq=done.seq, count=sum(done.applied.values())
    )
    if done.queued:
        text += " " + _("{count} conflicts wait for a decision: phutrach sync conflicts.").format(
            count=done.queued
        )
    return text
