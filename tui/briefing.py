"""Word briefs from the screens: the folder they go to, how their paths are shown, and one
brief written in a worker (the `b` key of a visit, a unit, a plan or the dashboard), after
the user reviewed its drafted text (`review_brief`, tui/screens/briefs/review.py).

    review_brief(app, Request("unit", unit_id, "2026-Q3"))  # the text, then ctrl+g writes
    write_brief(app, Request("unit", unit_id, "2026-Q3"))  # notifies where it was written

A committee's brief needs its signer's name: without one, the letterhead form opens with the
store's message at that field (`offer_letterhead`), and the brief is written once it is saved.

python-docx and the brief modules are imported in the worker, never at screen start.
"""

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from store.core import paths
from store.core.errors import ValidationError
from store.lang.i18n import _
from store.reports.letterhead import check_signed, letterhead
from store.reports.scopes import is_confidential

if TYPE_CHECKING:
    from tui.app import PhutrachApp


@dataclass(frozen=True)
class Request:
    """One brief asked for: what `briefs.batch.Job` holds, without importing python-docx."""

    kind: str
    scope_id: int | None
    period: str | None
    confidential: bool = False


def output_folder(db: Database) -> Path:
    """Where briefs are written: the same folder as `phutrach brief` (store.core.paths)."""
    return paths.briefs_folder(db)


def remember_folder(db: Database, folder: Path) -> None:
    paths.remember_briefs_folder(db, folder)


def home_path(path: Path | str) -> str:
    """`/home/an/briefs/x.docx` → `~/briefs/x.docx`: shorter, and the same on every machine."""
    path, home = Path(path), Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


def shown_path(path: Path | str | None, folder: Path) -> str:
    """A logged brief's path as a list shows it: its name when in `folder`, else in full."""
    if not path:
        return ""
    path = Path(path)
    return path.name if path.parent == folder else home_path(path)


def run(db_path, requests, folder: Path, on, progress=None) -> list:
    """Write the briefs of `requests` into `folder` (a worker thread's job): the outcomes."""
    from briefs.batch import Job, generate  # python-docx and lxml: in the worker only

    paths.prepare_briefs_folder(folder)
    jobs = [
        Job(r.kind, r.scope_id, r.period, is_confidential(r.kind, r.confidential)) for r in requests
    ]
    workers = 1 if len(jobs) < 4 else None  # processes pay off from a few briefs on
    if workers is None:
        _start_resource_tracker()
    return generate(db_path, jobs, folder, workers=workers, progress=progress, on=on)


_tracker_lock = threading.Lock()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr: inside the app,
    sys.stderr is Textual's capture, whose fileno() is -1, and the tracker would fail to
    start ("bad value(s) in fds_to_keep"). Once started, it serves every later batch."""
    from multiprocessing import resource_tracker

    with _tracker_lock:
        captured = sys.stderr
        try:
            sys.stderr = sys.__stderr__
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured


def ready(app: "PhutrachApp", kind: str, then: Callable[[], None]) -> bool:
    """True when the letterhead can sign a brief of `kind`; else the letterhead form is
    offered with the reason at its field, and `then` runs once the form is saved."""
    try:
        check_signed(letterhead(app.db), kind)
    except ValidationError as problem:
        offer_letterhead(app, problem, then)
        return False
    return True


def offer_letterhead(app: "PhutrachApp", problem: ValidationError, then=None) -> None:
    """The letterhead form over the current screen, `problem` shown at its field; `then()`
    after it is saved (not when it is closed without saving)."""
    from tui.screens.briefs.letterhead import LetterheadForm

    app.notify(problem.detail, severity="error", timeout=12)
    app.push_screen(LetterheadForm(problem), lambda saved: saved and then and then())


def write_brief(app: "PhutrachApp", request: Request) -> None:
    """Write one brief in a thread worker of `app`; a notification says where it went."""
    if not ready(app, request.kind, lambda: write_brief(app, request)):
        return
    folder, db_path, today = output_folder(app.db), app.db_path, app.today
    app.notify(_("Writing the brief…"), timeout=3)

    def work() -> None:
        try:
            (outcome,) = run(db_path, [request], folder, today)
        except Exception as exc:  # a folder that cannot be written: say so, do not crash
            app.call_from_thread(_failed, app, str(exc))
            return
        app.call_from_thread(_announce, app, outcome)

    app.run_worker(work, thread=True, group="brief", description="brief")


def review_brief(app: "PhutrachApp", request: Request) -> None:
    """Show the brief's drafted text to review before writing it (its ctrl+g writes it); a
    committee's brief with no signer offers the letterhead form first, before any editing."""
    from tui.screens.briefs.review import BriefReview

    if not ready(app, request.kind, lambda: review_brief(app, request)):
        return
    app.push_screen(BriefReview(request))


def _announce(app, outcome) -> None:
    if not outcome.ok:
        _failed(app, outcome.error)
        return
    written = _("{title}. Written to {path}").format(
        title=outcome.title, path=home_path(outcome.path)
    )
    app.notify(
        f"{outcome.number}: {written}" if outcome.number else written,
        title=_("Brief written"),
        timeout=12,
    )


def _failed(app, error: str) -> None:
    app.notify(
        _("The brief could not be written: {error}").format(error=error),
        severity="error",
        timeout=12,
    )
