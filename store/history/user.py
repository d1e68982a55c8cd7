"""Who uses the installation, from what the user typed: a supervisor's code or a search text
matching one supervisor, otherwise an office clerk's name. Several supervisors matching is
an error that lists them (store.org.supervisor_search), so that the user retypes a code."""

from sqlite_utils import Database

from store.core import settings
from store.core.checks import check_name
from store.core.errors import NotFound, ValidationError
from store.lang.i18n import _
from store.org.supervisor_search import find_supervisor


def choose_user(db: Database, text: str) -> settings.User:
    """Make `text` the person using the installation (saved in settings) and return them."""
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("Give a supervisor's code or a name."), field="user")
    check_name(text, "user", _("The user's name"))
    try:
        found = find_supervisor(db, text)
        person = settings.User(settings.SUPERVISOR, found.name, found.uid)
    except NotFound:
        person = settings.User(settings.CLERK, text)
    settings.set_user(db, person)
    return person
