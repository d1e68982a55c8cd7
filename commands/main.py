"""The `phutrach` console script: choose the language first, then build the CLI, so that
every help text is translated when click reads it."""

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
    args = sys.argv[1:] if argv is None else argv
    set_language(_language_from_argv(args))
    from commands.cli import cli

    cli.main(args=args, prog_name="phutrach")
