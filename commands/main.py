"""The `phutrach` console script: choose the language first, then build the CLI, so that
every help text is translated when click reads it."""

import gc
import os
import sys

from store.lang.i18n import set_language


def _language_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("PHUTRACH_LANG")


def main(argv: list[str] | None = None) -> None:
    # What start-up makes (modules, classes, the CLI, the TUI's first screen) lives as long as
    # the process: the collector's passes over it found nothing to free and cost 35-65 ms of
    # a TUI's start. A command turns it on again as it starts (commands/cli.py), the TUI
    # after its first frame (tui/app.py).
    gc.disable()
    args = sys.argv[1:] if argv is None else argv
    set_language(_language_from_argv(args))
    from commands.cli import cli

    cli.main(args=args, prog_name="phutrach")
