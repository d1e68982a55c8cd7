"""Translation of every user-facing string, through the standard library's gettext.

The code speaks English (the msgids); Vietnamese is the default language. Messages are edited
in `store/lang/locale/<lang>/<area>.po`, one file per area (store, cli, tui…), so that work on
one area never touches another's; `make locale` compiles a language's area files into the one
catalog run time reads, `<lang>/LC_MESSAGES/phutrach.mo` (no .po is parsed at start).

Call `_()` at run time, not at import time, wherever the language may change after import.
"""

import gettext
import os
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "phutrach"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_language = os.environ.get("PHUTRACH_LANG", DEFAULT_LANGUAGE)


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`; English, which has none, is the identity."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def bind_default_domain() -> None:
    """Let the stdlib's own `gettext.gettext`/`ngettext`, through which click translates its
    texts ("Usage:", "Missing argument"…), read phutrach's catalog in the chosen language.
    The stdlib takes the language from the environment, LANGUAGE first (GNU gettext's
    variable for it): set_language keeps LANGUAGE in step."""
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = current_language()


def set_language(language: str | None) -> str:
    """Choose the language of messages; unknown or empty means the default. Returns it."""
    global _language
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    os.environ["LANGUAGE"] = _language  # for the stdlib's gettext (click), see above
    return _language


def current_language() -> str:
    return _language if _language in LANGUAGES else DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate `message` into the current language."""
    if not message:  # "" is the catalog's header in a .mo, never a message
        return message
    return catalog(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(current_language()).ngettext(singular, plural, n)


def decimal(value: float, digits: int = 1) -> str:
    """`value` with the current language's decimal sign: 0,3 in Vietnamese, 0.3 in English."""
    text = f"{value:.{digits}f}"
    return text if current_language() == "en" else text.replace(".", ",")
