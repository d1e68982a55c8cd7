"""Errors a user may see: each carries one translated, self-explaining message."""

import re

_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def one_line(text: str) -> str:
    """`text` on one line: line breaks and control characters (from a value the user typed or
    a file held) become a space, so that an error is always one line in a terminal or form."""
    return _BREAKS.sub(" ", text)


class PhutrachError(Exception):
    """An error whose message is ready to show to a user as is, on one line."""

    def __init__(self, message: str):
        message = one_line(message)
        super().__init__(message)
        self.message = message


class ValidationError(PhutrachError):
    """Bad input for one field of one record; nothing was written.

    `field` names the field (a column or form input id) so that a form can show the message
    beside it; `where` says where the input came from (a file and row) when not a form.
    `also` holds (field, message) of further fields refused by the same check, so that a form
    shows every one at once instead of one per save.
    """

    def __init__(
        self,
        message: str,
        field: str | None = None,
        where: str | None = None,
        also: tuple[tuple[str, str], ...] = (),
    ):
        super().__init__(f"{where}: {message}" if where else message)
        self.field = field
        self.where = where
        self.detail = one_line(message)
        self.also = also


class Ambiguous(ValidationError):
    """What the user typed names several records: `candidates` lists every one of them, one
    line each (name and code), for the CLI to page through and a form to offer."""

    def __init__(self, message: str, candidates: list[str], field: str | None = None):
        super().__init__(message, field=field)
        self.candidates = candidates


class NotFound(PhutrachError):
    """A record asked for by id, uid or name does not exist."""


class DatabaseProblem(PhutrachError):
    """The database file cannot be used: locked, corrupt, foreign, newer or unwritable."""


class Duplicate(ValidationError):
    """The record would be a second one of what is already stored: `table` and `record_id`
    name the existing record, so that a form can offer to open it."""

    def __init__(self, message: str, field: str | None, table: str, record_id: int):
        super().__init__(message, field=field)
        self.table, self.record_id = table, record_id
