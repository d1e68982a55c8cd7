"""Errors a user may see: each carries one translated, self-explaining message."""


class PhutrachError(Exception):
    """An error whose message is ready to show to a user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(PhutrachError):
    """Bad input for one field of one record; nothing was written.

    `field` names the field (a column or form input id) so that a form can show the message
    beside it; `where` says where the input came from (a file and row) when not a form.
    """

    def __init__(self, message: str, field: str | None = None, where: str | None = None):
        super().__init__(f"{where}: {message}" if where else message)
        self.field = field
        self.where = where
        self.detail = message


class NotFound(PhutrachError):
    """A record asked for by id, uid or name does not exist."""


class DatabaseProblem(PhutrachError):
    """The database file cannot be used: locked, corrupt, foreign, newer or unwritable."""
