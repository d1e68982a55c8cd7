"""PDF beside the .docx, made by LibreOffice headless (the CLI's --pdf, the briefs screen's
PDF choice):

    made = to_pdf([Path("out/a.docx"), Path("out/b.docx")], progress=print)

Many briefs go to one soffice call, in chunks (progress after each), with a private profile
(-env:UserInstallation) so that a LibreOffice the user has open neither blocks nor takes the
job, and a timeout. soffice writes into a temp folder beside the briefs; each PDF is then
written atomically beside its .docx (store.core.files), owner-only when the .docx is (a
confidential brief).
"""

import os
import shutil
import signal
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from store.core.errors import PhutrachError
from store.core.files import atomic_write, sync_folder
from store.lang.i18n import _

CHUNK = 10  # briefs per soffice call: one start-up shared, progress still moving
START_SECONDS, SECONDS_PER_FILE = 60, 20  # a chunk's timeout: a cold start, then per brief
PROGRAMS = ("soffice", "libreoffice")


@dataclass(frozen=True)
class PdfOutcome:
    source: Path  # the .docx
    pdf: Path | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


PdfProgress = Callable[[int, int, PdfOutcome], None]


class NoLibreOffice(PhutrachError):
    """PDF was asked for and LibreOffice is not installed."""


def converter() -> str | None:
    """The LibreOffice program on PATH, or None."""
    return next((found for name in PROGRAMS if (found := shutil.which(name))), None)


def require_converter() -> str:
    """The LibreOffice program, or NoLibreOffice saying what to install."""
    program = converter()
    if program is None:
        raise NoLibreOffice(
            _(
                "PDF needs LibreOffice, which is not installed. On Debian or Ubuntu: "
                "sudo apt install libreoffice-writer-nogui; on Windows or macOS: LibreOffice "
                "from https://www.libreoffice.org."
            )
        )
    return program


def to_pdf(
    docs: Iterable[Path | str], progress: PdfProgress | None = None, *, chunk: int = CHUNK
) -> list[PdfOutcome]:
    """A PDF beside every .docx of `docs`, in their order; `progress(done, total, outcome)`
    after each chunk. NoLibreOffice before anything when it is missing."""
    program = require_converter()
    files = [Path(d).absolute() for d in docs]
    outcomes: list[PdfOutcome] = []
    with tempfile.TemporaryDirectory(prefix="phutrach-lo-") as profile:
        options = [f"-env:UserInstallation={Path(profile).as_uri()}"]
        for part in _chunks(files, chunk):
            made = _convert(program, options, part)
            for outcome in made:
                outcomes.append(outcome)
                if progress:
                    progress(len(outcomes), len(files), outcome)
    for folder in {f.parent for f in files}:
        sync_folder(folder)
    return outcomes


def _chunks(docs: Sequence[Path], size: int) -> Iterator[list[Path]]:
    """Runs of at most `size` briefs of one folder (soffice has one --outdir per call)."""
    for _folder, group in groupby(docs, key=lambda d: d.parent):
        items = list(group)
        for start in range(0, len(items), size):
            yield items[start : start + size]


def _convert(program: str, options: list[str], docs: list[Path]) -> list[PdfOutcome]:
    folder = docs[0].parent
    work = Path(tempfile.mkdtemp(dir=folder, prefix=".phutrach.pdf.", suffix=".tmp"))
    try:
        failure = _run(program, [*options, "--outdir", str(work), *map(str, docs)], len(docs))
        return [_place(doc, work / f"{doc.stem}.pdf", failure) for doc in docs]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(program: str, arguments: list[str], count: int) -> str | None:
    """Run soffice on a chunk; None when it ended well, else what went wrong."""
    command = [program, "--headless", "--norestore", "--nologo", "--convert-to", "pdf"]
    timeout = START_SECONDS + SECONDS_PER_FILE * count
    try:
        process = subprocess.Popen(
            [*command, *arguments],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its helper processes are killed with it on a timeout
        )
    except OSError as exc:
        return _("LibreOffice could not start: {error}").format(error=exc.strerror or exc)
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        return _("LibreOffice took longer than {seconds} seconds.").format(seconds=timeout)
    if process.returncode:
        lines = [line for line in err.splitlines() if line.strip()]
        return lines[-1] if lines else f"soffice: {process.returncode}"
    return None


def _kill(process: subprocess.Popen) -> None:
    killpg = getattr(os, "killpg", None)  # not on Windows
    try:
        if killpg:
            killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.communicate()


def _place(doc: Path, made: Path, failure: str | None) -> PdfOutcome:
    """Write the PDF soffice made beside its .docx, with the .docx's privacy."""
    if not made.is_file() or not made.stat().st_size:
        return PdfOutcome(doc, error=failure or _("LibreOffice made no PDF of it."))
    target = doc.with_suffix(".pdf")
    private = not stat.S_IMODE(doc.stat().st_mode) & 0o077
    try:
        with atomic_write(target, private=private, sync_dir=False) as out:
            out.write(made.read_bytes())
    except OSError as exc:
        return PdfOutcome(doc, error=exc.strerror or str(exc))
    return PdfOutcome(doc, target)
