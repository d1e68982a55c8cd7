"""Briefs in batch: many briefs on all cores, each numbered, written atomically and logged.

    outcomes = generate(db_path, [Job("supervisor", 5, "2026-Q3")], Path("out"))

Each worker process opens its own connection. A brief is gathered first (a bad scope fails
before taking a number), checked for a signer (a committee's brief is signed by name),
given its file (`claim`: one brief, one file), then numbered
(store.brief_log.allocate_number, safe across processes; a member's own report takes no
number), built, saved atomically (temp file, fsync, rename: no half-written file) and
logged with its SHA-256 and the rulebook used. A brief that fails after its number keeps
that number (a retry reuses it: no gap); it is reported in its Outcome and the others
still come out. The whole batch is one user action in the history (store.core.actions):
the workers join the action the batch opened.
"""

import multiprocessing
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefs.frame.vn import document_number
from briefs.frame.write import (
    ascii_name,
    digest,
    identity_mark,
    marked_identity,
    sweep_orphans,
    variants,
)
from briefs.kinds import annual, plan, supervisor, unit, visit
from store.core import actions
from store.core import db as store_db
from store.core.errors import PhutrachError
from store.core.files import TEMP_SUFFIX, atomic_write, sync_folder
from store.lang.codes import HistoryAction
from store.lang.i18n import _
from store.lang.text import printable
from store.reports.brief_log import allocate_number, find_brief, log_brief, path_owner
from store.reports.letterhead import check_signed, letterhead
from store.rules.rulebook import in_force as rulebook_in_force

KINDS = {m.KIND: m for m in (visit, supervisor, unit, annual, plan)}


@dataclass(frozen=True)
class Job:
    kind: str  # visit | supervisor | unit | annual | plan
    scope_id: int | None  # visit, supervisor, unit or plan id; None for the annual report
    period: str | None
    confidential: bool = False


@dataclass(frozen=True)
class Outcome:
    job: Job
    title: str  # what the brief is about (the job itself when it failed early)
    path: Path | None = None
    number: str | None = None  # "Số 05-BC/HU"; None for a member's own report
    sha256: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


Progress = Callable[[int, int, Outcome], None]


def build(db, job: Job, out_dir: Path, *, on: date, lh=None, rb=None) -> Outcome:
    """Make one brief: gather, claim its file, number, build, save, log. Failures become the
    Outcome's error."""
    title = f"{job.kind} {job.scope_id if job.scope_id is not None else ''}".strip()
    try:
        module = KINDS[job.kind]
        rb = rb or rulebook_in_force(db)
        lh = lh or letterhead(db)
        data = module.gather(
            db, job.scope_id, job.period, confidential=job.confidential, on=on, rulebook=rb
        )
        ident = data.identity
        title = printable(ident.title)
        check_signed(lh, ident.kind)  # before a number is taken: no gap in the series
        path, marker = claim(db, ident, Path(out_dir))
        try:  # a failure after numbering keeps the number: a retry writes it under that number
            number = allocate_number(
                db, kind=ident.kind, doc_code=ident.doc_code, scope=ident.scope,
                period=ident.period, confidential=ident.confidential,
            )  # fmt: skip
            document = module.render(data, lh, number=number, on=on)
            document.core_properties.identifier = identity_mark(_key(ident))
            secret = ident.confidential
            sha = document.save(path, sync_dir=False)
            log_brief(
                db, kind=ident.kind, scope=ident.scope, period=ident.period,
                confidential=secret, path=path, sha256=sha, rulebook=rb.name,
                doc_code=ident.doc_code,
            )  # fmt: skip
        finally:
            if marker:  # logged now (or failed): the log or the next claim sees the file
                marker.unlink(missing_ok=True)
        shown = document_number(number, ident.doc_code, lh.short_code) if number else None
        return Outcome(job, title, path, shown, sha)
    except PhutrachError as exc:
        return Outcome(job, title, error=exc.message)
    except Exception as exc:  # one brief's bug must not stop the batch
        return Outcome(job, title, error=f"{type(exc).__name__}: {exc}")


def claim(db, ident, folder: Path) -> tuple[Path, Path | None]:
    """The file this brief is written to, and the marker that holds its name until it is
    logged (None for its own earlier file): the first of its names (its own logged file
    first, then briefs.frame.write.variants) that no other brief logged, no other worker
    holds and no file has, unless the file bears its identity (its own, renamed into place
    by a batch killed before logging it). Two workers cannot hold one name: the marker is
    made exclusively (".NAME.docx.claim.tmp", swept with the temp files if a kill leaves
    it). Found before the number is taken: a folder that cannot be written fails here."""
    key = {"kind": ident.kind, "scope": ident.scope, "period": ident.period}
    own = find_brief(db, **key, confidential=ident.confidential)
    tag = digest(_key(ident))
    names = [folder.absolute() / name for name in variants(ident.filename, tag)]
    if own and own.path and Path(own.path).absolute() in names:
        return Path(own.path).absolute(), None  # rewritten: it replaces its own file
    for path in names:
        if path_owner(db, path) is not None:
            continue
        marker = path.with_name(f".{path.name}.claim{TEMP_SUFFIX}")
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue  # another worker's, now
        except OSError as exc:
            raise PhutrachError(
                _("Cannot write the brief {path}: {error}").format(path=path, error=exc.strerror)
            ) from exc
        if not path.exists() or marked_identity(path) == identity_mark(_key(ident)):
            return path, marker  # free, or its own that a killed batch did not log
        marker.unlink()  # another brief's (being logged), or a file phutrach did not write
    raise PhutrachError(_("Every name for the brief {name} is taken.").format(name=names[0]))


def _key(ident) -> str:
    return f"{ident.kind}|{ident.scope}|{ident.period}|{int(ident.confidential)}"


# ---- worker processes ----------------------------------------------------------------------
_worker: dict = {}


def _start_worker(db_path: str, out_dir: str, on: date, action_id: int) -> None:
    db = store_db.connect(db_path, create=False, migrate=False)
    _worker.update(db=db, out=Path(out_dir), on=on, lh=letterhead(db), rb=rulebook_in_force(db))
    _worker["action"] = action_id


def _run(job: Job) -> Outcome:
    w = _worker
    with actions.join(w["db"], w["action"]):
        return build(w["db"], job, w["out"], on=w["on"], lh=w["lh"], rb=w["rb"])


def generate(
    db_path: Path | str,
    jobs: Sequence[Job],
    out_dir: Path | str,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    on: date | None = None,
) -> list[Outcome]:
    """Make every brief of `jobs` into `out_dir`, on `workers` processes (default: all
    cores); `progress(done, total, outcome)` after each. Returns the outcomes in job order."""
    on = on or date.today()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sweep_orphans(out)  # what a batch killed earlier left half-written
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    db = store_db.connect(db_path, create=False, migrate=False)
    try:
        action_id = actions.start(db, HistoryAction.BRIEFS)  # committed: the workers join it
        if workers == 1:
            results = _in_process(db, jobs, out, on, action_id)
        else:
            results = _in_pool(db_path, jobs, out, on, workers, action_id)
        outcomes = []
        for done, outcome in enumerate(results, start=1):
            outcomes.append(outcome)
            if progress:
                progress(done, len(jobs), outcome)
        actions.drop_if_empty(db, action_id)
    finally:
        db.close()
    sync_folder(out)  # the renames, made durable once for the whole batch
    return outcomes


def _in_process(db, jobs: Sequence[Job], out: Path, on: date, action_id) -> Iterable[Outcome]:
    lh, rb = letterhead(db), rulebook_in_force(db)
    with actions.join(db, action_id):
        for job in jobs:
            yield build(db, job, out, on=on, lh=lh, rb=rb)


def _in_pool(db_path, jobs: Sequence[Job], out: Path, on: date, workers: int, action_id: int):
    context = multiprocessing.get_context("forkserver")  # safe from a threaded caller (TUI)
    context.set_forkserver_preload(["briefs.batch"])
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(str(db_path), str(out), on, action_id),
    ) as pool:
        results = pool.map(_run, jobs, chunksize=chunk)
        for index in range(len(jobs)):
            try:
                yield next(results)
            except BrokenProcessPool as exc:
                for lost in jobs[index:]:
                    yield Outcome(lost, lost.kind, error=f"BrokenProcessPool: {exc}")
                return


def zip_name(kind: str, period: str | None, confidential: bool) -> str:
    """The name of a batch's zip file: "BC-tinh-hinh-to-chuc-dang-2026-Q3.zip" ("-MAT" added
    when a brief in it is confidential)."""
    parts = [ascii_name(KINDS[kind].FILE_LABEL), period or ""]
    return "-".join(p for p in parts if p) + ("-MAT" if confidential else "") + ".zip"


def zip_outputs(paths: Iterable[Path | str], zip_path: Path | str) -> Path:
    """Zip the files `paths` (by their names, "-2"… added to a name met twice) into
    `zip_path`, atomically; returns it."""
    target = Path(zip_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    members: set[str] = set()
    with (
        atomic_write(target, private=True) as raw,
        zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf,
    ):
        for path in paths:
            zf.write(path, arcname=_member(Path(path), members))
    return target


def _member(path: Path, taken: set[str]) -> str:
    name, n = path.name, 1
    while name.casefold() in taken:  # Windows unzips "A.docx" and "a.docx" into one file
        n += 1
        name = f"{path.stem}-{n}{path.suffix}"
    taken.add(name.casefold())
    return name
