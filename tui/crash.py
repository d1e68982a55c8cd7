"""What the TUI does with an error nothing handled: one translated line for the user, the
details in an owner-only log file under the data folder, and exit code 1.

Textual's own crash screen prints a traceback with each frame's local variables: they hold
search words, SQL and personnel notes, so phutrach never shows it (the hook that replaces
it is `tui.textual_internals.ReportsCrashes`). The log has the traceback without locals.
"""

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from store.core.paths import data_dir, ensure_private_dir
from store.lang.i18n import _

KEEP = 20  # crash logs kept, the newest
EXIT_CODE = 1


def logs_dir() -> Path:
    return data_dir() / "logs"


def details(error: BaseException) -> str:
    """The log's text: versions, then the traceback with its causes, never local values."""
    versions = " ".join(
        f"{name} {_version(name)}" for name in ("phutrach", "textual", "rich", "sqlite-utils")
    )
    head = f"{datetime.now().isoformat(timespec='seconds')} python {platform.python_version()}"
    return f"{head} {versions}\n\n" + "".join(traceback.format_exception(error))


def _version(name: str) -> str:
    from importlib import metadata  # 10 ms, paid only after a crash

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def write_log(error: BaseException) -> Path:
    """`logs/crash-YYYYmmdd-HHMMSS.log` (0600, in a 0700 folder); the oldest past KEEP go."""
    folder = ensure_private_dir(logs_dir())
    folder.chmod(0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = details(error).encode("utf-8", "replace")
    for n in range(1, 100):
        path = folder / (f"crash-{stamp}.log" if n == 1 else f"crash-{stamp}-{n}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as file:
            file.write(text)
        break
    for old in sorted(folder.glob("crash-*.log"), key=_age)[:-KEEP]:
        old.unlink(missing_ok=True)
    return path


def report(error: BaseException) -> str:
    """Write the log; the one line the user is told (it names the log, not the error: the
    error's text may hold what was searched or written). Never raises."""
    try:
        path = write_log(error)
    except Exception as exc:  # noqa: BLE001 (a full disk, a folder not ours: still one line)
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        line = _("phutrach stopped on an unexpected error; no log could be written ({error}).")
        return line.format(error=reason)
    line = _("phutrach stopped on an unexpected error; the details are in {path}")
    return line.format(path=path)


def tell(line: str | None) -> None:
    """Print the line on stderr, after the app has given the terminal back."""
    if line:
        print(line, file=sys.stderr)


def _age(path: Path) -> tuple[int, int, str]:
    """Oldest first: by time written, then by name ("-2" before "-10" in one second)."""
    return (path.stat().st_mtime_ns, len(path.name), path.name)
