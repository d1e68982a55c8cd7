"""Where a command may write: `OUT_FILE` (export -o, backup DEST, demo --path, --db) and
`OUT_FOLDER` (brief --out), click types that refuse a pipe, a device, a socket or a folder
(a file, for a folder) before anything is opened, with one message naming the path
(store.core.files.writable_file/writable_folder: by os.stat, so a FIFO never blocks)."""

from pathlib import Path

import click

from store.core.errors import ValidationError
from store.core.files import writable_file, writable_folder
from store.lang.i18n import _


class _Target(click.ParamType):
    check = staticmethod(writable_file)

    def convert(self, value, param, ctx) -> Path:
        if isinstance(value, Path):
            value = str(value)
        if not value:
            self.fail(_("an empty path names no file."), param, ctx)
        try:
            return self.check(value)
        except ValidationError as exc:
            self.fail(exc.message, param, ctx)


class OutFile(_Target):
    """A file to write: nothing there yet, or an ordinary file."""

    name = "file"


class OutFolder(_Target):
    """A folder to write into: nothing there yet, or a folder."""

    name = "folder"
    check = staticmethod(writable_folder)


OUT_FILE = OutFile()
OUT_FOLDER = OutFolder()
